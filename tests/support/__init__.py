"""Harness shared by tests and benchmarks (servers on loopback that play a failing Rasa)."""
