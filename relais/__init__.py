"""Relais domain package: plain Python shared by the Rasa actions and the Telegram edge.

It must not import Rasa, rasa_sdk or telegram, so that every adapter can use it and it can be
tested without them.
"""
