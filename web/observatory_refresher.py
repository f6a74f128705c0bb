"""Keeps the observatory's figures fresh in the web space's process: a daemon thread computes
the periods that are not final every few minutes (relais.services.observatory), so that pages
only read. Several web processes may each run one: a period computed twice at once is one
transaction each, and the second waits for the first's rows (the cells' unique key)."""

import logging
import threading

from relais.services.errors import StorageUnavailable
from relais.services.observatory import ObservatoryService

logger = logging.getLogger(__name__)

# The figures a negotiator sees are at most this old (plus one computation).
REFRESH_EVERY_SECONDS = 300.0


class ObservatoryRefresher:
    def __init__(self, service: ObservatoryService, every_seconds: float = REFRESH_EVERY_SECONDS):
        self._service = service
        self._every = every_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="observatory-refresh", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self._every)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                computed = self._service.refresh()
                logger.info("observatory: %d period(s) computed", computed)
            except StorageUnavailable:
                # The database is away: the pages keep the last figures; try again later.
                logger.warning("observatory: database unavailable, figures not refreshed")
            self._stop.wait(self._every)
