"""A unit's answer to a doléance, given in the web space, reaches the citizen's Telegram chat
through the edge's durable queue: once, also across an edge restart (issue #14). Telegram is
the fake Bot API on loopback; Rasa is not needed (the news is Relais' own message)."""

import pytest

from relais.database import create_engine_from_url, make_session_factory
from relais.services.grievances import Draft, GrievanceService
from relais.services.outbox import OutboxService
from relais.services.unit_desk import UnitDesk
from relais.territories import Territory
from tests.support.clock import FakeClock
from tests.support.edge_runner import edge_settings, polling_edge

pytestmark = pytest.mark.asyncio(loop_scope="function")

CHAT = 731_000


@pytest.fixture
def services(database_url):
    engine = create_engine_from_url(database_url)
    sessions = make_session_factory(engine)
    # Daytime in Paris: the news is due at once (quiet hours are tested in tests/domain).
    yield GrievanceService(sessions), UnitDesk(sessions, clock=FakeClock()), OutboxService(sessions)
    engine.dispose()


async def test_answers_reach_the_chat_once_across_a_restart(services, fake, hung, database_url):
    grievances, desk, outbox = services
    item = grievances.record(str(CHAT), Draft(kind="doleance", text="Le car du mercredi a disparu",
                                              theme="mobilite", visibility="counted", postal_code="43100"))
    desk.create_agent("agent", "Agent", "un mot de passe assez long", "unit", Territory("unit", "brioude"))
    agent = desk.sign_in("agent", "un mot de passe assez long")
    def settings():  # each edge on its own free port
        return edge_settings(fake, hung.url, database_url)

    async with polling_edge(settings()):
        desk.answer(agent, [item.id], "Nous avons saisi la région, réponse sous quinze jours.")
        [first] = await fake.wait_for("sendMessage", 1, chat_id=CHAT)
        assert item.reference in first["text"] and "saisi la région" in first["text"]

    # The edge is down when the unit changes the status: the news waits in the database.
    desk.set_status(agent, item.id, "en_cours")
    async with polling_edge(settings()):
        sent = await fake.wait_for("sendMessage", 2, chat_id=CHAT)
        assert "en cours" in sent[1]["text"]
    async with polling_edge(settings()) as edge:
        await edge.queue.idle()
        assert outbox.move_due() == []
    assert len(fake.sent("sendMessage", CHAT)) == 2
