"""Relais' Rasa server (rasa_components.rasa_server) with a profiler that signals switch on and
off, for bench/scale_out.py: SIGUSR1 starts profiling, SIGUSR2 stops it and writes the stats.
So the profile holds the messages only, not the minute spent loading the model.

Usage: python bench/profiled_rasa.py STATS_FILE <rasa_components.rasa_server's arguments>
"""

import cProfile
import runpy
import signal
import sys

profile = cProfile.Profile()
stats_file = sys.argv.pop(1)


def start(*_) -> None:
    profile.enable()


def stop_and_write(*_) -> None:
    profile.disable()
    profile.dump_stats(stats_file)


signal.signal(signal.SIGUSR1, start)
signal.signal(signal.SIGUSR2, stop_and_write)
runpy.run_module("rasa_components.rasa_server", run_name="__main__", alter_sys=True)
