"""The composition root of the web space: `python -m web` (in .venv-edge).

Reads the settings (DATABASE_URL like every process of Relais; WEB_SECRET_KEY, required, signs
the session cookies; WEB_HOST and WEB_PORT, loopback:8080 by default; WEB_COOKIE_SECURE=0 for
plain http on a laptop), builds the desk and the territorial events over the database (the
events with the relais directory of RELAIS_DIRECTORY, for the contact their alerts give) and the
observatory (its figures computed again every few minutes in a thread of this process), and serves
the app. It migrates nothing: `python -m relais.database` (or `make run`) does.
"""

import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from werkzeug.serving import make_server

from relais.database import create_engine_from_url, make_session_factory
from relais.directory import DirectoryError, RelaisDirectory
from relais.services.events import EventService
from relais.services.observatory import ObservatoryService
from relais.services.unit_desk import UnitDesk
from relais.settings import load_settings
from web.app import create_app
from web.observatory_refresher import ObservatoryRefresher

logger = logging.getLogger("web")

# A session cookie signed with a short key could be forged by brute force.
MIN_SECRET_KEY_LENGTH = 32
FALSE_WORDS = ("0", "false", "no", "non", "off")


@dataclass(frozen=True)
class WebSettings:
    secret_key: str
    host: str
    port: int
    secure_cookies: bool

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> "WebSettings":
        secret_key = environ.get("WEB_SECRET_KEY", "")
        if len(secret_key) < MIN_SECRET_KEY_LENGTH:
            raise ValueError(f"WEB_SECRET_KEY must be set, {MIN_SECRET_KEY_LENGTH} characters at "
                             "least (`make run` makes one in var/secrets.env)")
        return cls(
            secret_key=secret_key,
            host=environ.get("WEB_HOST", "127.0.0.1"),
            port=int(environ.get("WEB_PORT", "8080")),
            # Secure cookies by default: in production the web space is behind an HTTPS proxy.
            secure_cookies=environ.get("WEB_COOKIE_SECURE", "1").strip().lower() not in FALSE_WORDS,
        )


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        web = WebSettings.from_environment(os.environ)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    settings = load_settings()
    try:
        directory = RelaisDirectory.load(Path(settings.relais_directory) if settings.relais_directory
                                         else None)
    except DirectoryError as error:
        print(error, file=sys.stderr)
        return 2
    engine = create_engine_from_url(settings.database_url)
    session_factory = make_session_factory(engine)
    observatory = ObservatoryService(session_factory)
    app = create_app(UnitDesk(session_factory), web.secret_key, secure_cookies=web.secure_cookies,
                     events=EventService(session_factory, directory), observatory=observatory)
    refresher = ObservatoryRefresher(observatory)
    refresher.start()
    # Werkzeug's threaded server: one thread per request, enough for the agents of a few
    # territories behind a reverse proxy that terminates HTTPS (nginx, Caddy). The app is
    # stateless (sessions are signed cookies): for more, run several behind the proxy, or the
    # same app under a WSGI server such as gunicorn.
    server = make_server(web.host, web.port, app, threaded=True)
    logger.info("Web space on http://%s:%d", web.host, server.server_port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        refresher.stop()
        server.server_close()
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
