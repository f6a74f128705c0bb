"""`python -m relais.retention`: apply the retention policy once (README, "Retention").

The Telegram edge runs it daily; without the edge (terminal chat, several edges), run it from
cron, e.g. `15 3 * * * cd /srv/relais && .venv-edge/bin/python -m relais.retention`. It prints
and logs counts only, never a conversation id or any content.
"""

import argparse
import json
import logging
import sys
from collections.abc import Sequence

from relais.database import create_engine_from_url, make_session_factory
from relais.services.retention import PurgeReport, RetentionPolicy, RetentionService
from relais.settings import Settings, load_settings

logger = logging.getLogger(__name__)


def purge(settings: Settings) -> PurgeReport:
    engine = create_engine_from_url(settings.database_url)
    try:
        service = RetentionService(make_session_factory(engine), RetentionPolicy.from_settings(settings))
        report = service.purge()
    finally:
        engine.dispose()
    logger.info("Retention purge: %s", json.dumps(report.as_dict(), sort_keys=True))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    report = purge(load_settings())
    print(json.dumps(report.as_dict(), sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
