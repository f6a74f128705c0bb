"""Benchmarks and evaluations of Relais (run by `make bench`)."""
