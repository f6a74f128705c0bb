"""Harness shared by tests and benchmarks: the fake Telegram Bot API, Rasa stacks and other
servers on loopback, the held-out and blind sets, waiting on conditions. Benchmarks (bench/) may
import it; nothing here imports bench/."""
