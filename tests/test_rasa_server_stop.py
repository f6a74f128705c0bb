"""Rasa's server with several processes (SANIC_WORKERS=2) stops on SIGTERM even while a worker
is still starting (loading the model): Sanic's workers inherit a SIGTERM handler that ignores
the signal until they serve (rasa_components/rasa_server.py). A Sanic server with two workers
whose start never ends plays the model load, without the minute a real one takes."""

import os
import signal
import subprocess
import sys

from tests.support.paths import ROOT
from tests.support.servers import free_port, stop
from tests.support.waiting import SAFETY_BOUND

# Each worker says it is starting, then starts forever, like a model that never finishes loading.
STARTING_FOREVER = """
import asyncio, sys
from sanic import Sanic, response
from rasa_components.rasa_server import stop_workers_at_once_while_they_start

app = Sanic("starting_forever")
app.add_route(lambda request: response.text("up"), "/")

@app.listener("before_server_start")
async def load_the_model(app, loop):
    print("starting", flush=True)
    await asyncio.Event().wait()

stop_workers_at_once_while_they_start()  # as rasa_components.rasa_server.main does
app.run(host="127.0.0.1", port=int(sys.argv[1]), workers=2, access_log=False)
"""


def test_two_workers_still_starting_stop_on_sigterm():
    process = subprocess.Popen([sys.executable, "-c", STARTING_FOREVER, str(free_port())],
                               cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        # Both workers are forked and inside their start (Sanic's log lines are among these).
        assert starting(process.stdout, workers=2)
        os.killpg(process.pid, signal.SIGTERM)
        # Without the fix, the workers never stop: this bound only ends a run that hangs.
        process.wait(timeout=SAFETY_BOUND)
    finally:
        stop(process, hard=True)


def starting(output, workers: int) -> bool:
    """Read `output` until `workers` workers have said they are starting; False if it ends."""
    seen = 0
    for line in output:
        seen += line == "starting\n"
        if seen == workers:
            return True
    return False
