"""Fixtures of the web space's browser tests (tests/web/), run in the edge's virtualenv
(.venv-edge): Debian's Chromium (/usr/bin/chromium) driven by Playwright's sync API, a fresh
page per test, and WSGI apps served on loopback.

Playwright's own browser download is never used (nor reachable): the browser is Debian's, and
the flags below keep it off the network, so the tests talk to 127.0.0.1 only. A missing
Chromium fails the tests, it never skips them (.ci/run installs it).

The web space's own fixtures: a migrated SQLite database per test, a clock the test sets, the
agents' desk and the citizens' side over them.
"""

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.directory import RelaisDirectory
from relais.services.events import EventService
from relais.services.grievances import GrievanceService
from relais.services.outbox import OutboxService
from relais.services.unit_desk import UnitDesk
from tests.support.clock import FakeClock

CHROMIUM = Path("/usr/bin/chromium")
# We run as root (no sandbox then); the rest keeps Chromium from reaching the network on its own
# (updates, sync, QUIC probes, first-run pages). Even so, Debian's Chromium 156 looked up
# update.googleapis.com at start (seen with strace): the resolver rule answers every name but
# loopback's with "not found", without asking DNS.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, for the whole session."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install -y chromium`, "
            "as .ci/run does); the browser tests never download a browser.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def figures(tmp_path) -> Path:
    """Where a browser test saves its screenshots: RELAIS_FIGURES_DIR when set (an issue's
    figures), else the test's tmp_path (tests.support.screenshots)."""
    folder = Path(os.environ.get("RELAIS_FIGURES_DIR") or tmp_path / "figures")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(chromium_browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser context (no cookies or storage from another test)."""
    context = chromium_browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def serve_wsgi() -> Iterator[Callable[[object], str]]:
    """`serve_wsgi(app)` serves a WSGI app on 127.0.0.1 in a background thread and returns its
    base URL; every server started is shut down at teardown. Port 0: the kernel picks a free
    port as the server binds it (no race with another listener)."""
    started = []

    def serve(app) -> str:
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, name="serve_wsgi", daemon=True)
        thread.start()
        started.append((server, thread))
        return f"http://127.0.0.1:{server.server_port}"

    yield serve
    for server, thread in started:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --- the web space over a migrated SQLite database ------------------------------------------


@pytest.fixture
def session_factory(tmp_path):
    """Sessions of a migrated SQLite file of this test (the web space's own process would
    share the database of DATABASE_URL)."""
    url = f"sqlite:///{tmp_path / 'relais.db'}"
    upgrade_to_head(url)
    engine = create_engine_from_url(url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def desk(session_factory, clock):
    return UnitDesk(session_factory, clock=clock)


@pytest.fixture
def grievances(session_factory, clock):
    """The citizens' side, to record items as the chat would."""
    return GrievanceService(session_factory, clock=clock)


@pytest.fixture
def outbox(session_factory, clock):
    """What moves the units' news into the chats' queues, as the edge does."""
    return OutboxService(session_factory, clock=clock)


@pytest.fixture
def event_service(session_factory, clock):
    """The territorial events, over the directory the web space's composition root loads: to
    subscribe citizens and answer alerts as the chat would."""
    return EventService(session_factory, RelaisDirectory.load(), clock=clock)
