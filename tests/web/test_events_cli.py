"""The operators' command line for territorial events (web/events_cli.py) on a migrated SQLite
database named by DATABASE_URL, as a script would run it."""

import io

import pytest

from relais.database import create_engine_from_url, make_session_factory, upgrade_to_head
from relais.services.events import EventService
from relais.services.outbox import OutboxService
from web.events_cli import main


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'relais.db'}"
    upgrade_to_head(url)
    monkeypatch.setenv("DATABASE_URL", url)
    engine = create_engine_from_url(url)
    sessions = make_session_factory(engine)
    yield EventService(sessions), OutboxService(sessions)
    engine.dispose()


def run(*argv, stdin=""):
    out = io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), out=out)
    return code, out.getvalue()


def test_declare_update_welfare_and_end_from_a_script(database, capsys):
    events, outbox = database
    events.subscribe("c1", "43100")
    events.subscribe("c2", "69008")
    code, out = run("declare", "--kind", "penurie_carburant", "--severity", "danger",
                    "--departements", "43", "--instructions", "-",
                    stdin="Stations à sec jusqu'à jeudi : covoiturage organisé par la mairie.")
    assert code == 0 and "1 personne(s) alertée(s)" in out
    assert outbox.move_due() == ["c1"]
    event_id = events.events()[0].id
    assert run("update", str(event_id), "--instructions", "Livraison prévue mercredi.")[0] == 0
    events.answer("c1", "help")
    code, out = run("welfare", str(event_id))
    assert "43: alertées 1" in out and "besoin d'aide 1 (mobilite 1)" in out
    assert f"{event_id}\tactive\tdanger\tpenurie_carburant\t43" in run("list")[1]
    assert run("end", str(event_id), "--message", "Les stations sont livrées.")[0] == 0
    assert run("end", str(event_id))[0] == 2
    assert "Aucun événement en cours" in capsys.readouterr().err


def test_a_wrong_departement_is_refused_with_its_reason(database, capsys):
    code, _ = run("declare", "--kind", "canicule", "--severity", "vigilance",
                  "--departements", "99", "--instructions", "Buvez de l'eau.")
    assert code == 2 and "n'est pas un numéro de département" in capsys.readouterr().err
    assert database[0].events() == []
