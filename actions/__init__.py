"""Rasa custom actions: thin adapters between Rasa and the relais domain package."""
