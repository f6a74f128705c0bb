"""Doléances and envies in the database (relais/services/grievances.py, unit_desk.py), on
SQLite and PostgreSQL: the citizen's side, the agents' side bounded by their territory, the
notices back to the chat, the public figures."""

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from relais.models import AgentAudit, InboxEntry, OutboxMessage
from relais.services.data_rights import DataRightsService
from relais.services.grievances import CLOSED, DONE, NOT_FOUND, Draft, GrievanceService
from relais.services.outbox import OutboxService
from relais.services.unit_desk import ItemFilter, NotInTerritory, UnitDesk
from relais.territories import Territory

PASSWORD = "correct horse battery"
BRIOUDE = Territory("unit", "brioude")
HAUTE_LOIRE = Territory("departement", "43")
AUVERGNE = Territory("region", "84")
LYON_8 = Territory("unit", "lyon-8")


def draft(text="Le car du mercredi a été supprimé", postal_code="43100", **values):
    fields = dict(kind="doleance", text=text, theme="mobilite", visibility="published",
                  postal_code=postal_code, commune="Brioude")
    fields.update(values)
    return Draft(**fields)


@pytest.fixture
def grievances(session_factory, clock):
    return GrievanceService(session_factory, clock=clock)


@pytest.fixture
def outbox(session_factory, clock):
    return OutboxService(session_factory, clock=clock)


@pytest.fixture
def desk(session_factory, clock):
    return UnitDesk(session_factory, clock=clock)


def agent(desk, login, territory, role="unit"):
    desk.create_agent(login, login.title(), PASSWORD, role, territory)
    return desk.sign_in(login, PASSWORD)


def test_an_item_gets_a_reference_its_unit_and_is_listed_for_its_citizen(grievances):
    recorded = grievances.record("c1", draft())
    assert recorded.reference == f"D-{recorded.id}"
    assert recorded.unit_name == "Unité de quartier du Brivadois"
    [item] = grievances.items_of("c1")
    assert (item.reference, item.status, item.where) == (recorded.reference, "recue", "Brioude 43100")
    assert grievances.items_of("someone else") == []


def test_a_postal_code_of_no_unit_still_places_the_item_in_its_departement(grievances, desk):
    grievances.record("c1", draft(postal_code="43200", commune="Yssingeaux"))
    relais_agent = agent(desk, "yssingeaux", HAUTE_LOIRE, role="relais")
    unit_agent = agent(desk, "brioude", BRIOUDE)
    assert desk.items(relais_agent, ItemFilter()).total == 1
    assert desk.items(unit_agent, ItemFilter()).total == 0


def test_a_citizen_adds_a_detail_then_withdraws_and_a_closed_item_stays_closed(grievances, desk):
    recorded = grievances.record("c1", draft())
    assert grievances.add_detail("c1", recorded.id, "Le vendredi aussi").outcome == DONE
    assert grievances.add_detail("c2", recorded.id, "pas le mien").outcome == NOT_FOUND
    assert grievances.withdraw("c1", recorded.id).outcome == DONE
    assert grievances.withdraw("c1", recorded.id).outcome == CLOSED
    detail = desk.item(agent(desk, "brioude", BRIOUDE), recorded.id)
    assert detail.row.status == "retiree"
    assert [text for _, text in detail.details] == ["Le vendredi aussi"]


def test_an_agent_of_another_territory_can_neither_see_nor_change_an_item(grievances, desk):
    recorded = grievances.record("c1", draft())
    stranger = agent(desk, "lyon", LYON_8)
    assert desk.items(stranger, ItemFilter()).total == 0
    for attempt in (
        lambda: desk.item(stranger, recorded.id),
        lambda: desk.set_status(stranger, recorded.id, "en_cours"),
        lambda: desk.answer(stranger, [recorded.id], "Nous regardons."),
        lambda: desk.note(stranger, recorded.id, "curieux"),
        lambda: desk.hide(stranger, recorded.id, True),
    ):
        with pytest.raises(NotInTerritory):
            attempt()
    assert desk.item(agent(desk, "brioude", BRIOUDE), recorded.id).row.status == "recue"


def test_the_region_and_the_nation_see_the_items_of_their_departements(grievances, desk):
    grievances.record("c1", draft())
    grievances.record("c2", draft(postal_code="69008", commune="Lyon"))
    grievances.record("c3", draft(postal_code="75011", commune="Paris"))
    assert desk.items(agent(desk, "negociateur-ara", AUVERGNE, "negotiator"), ItemFilter()).total == 2
    assert desk.items(agent(desk, "national", Territory("nation", "FR"), "negotiator"), ItemFilter()).total == 3


def test_filters_by_status_theme_commune_age_and_overdue(grievances, desk, clock):
    old = grievances.record("c1", draft())
    clock.now += timedelta(days=8)
    grievances.record("c2", draft(theme="numerique", postal_code="43360", commune="Vergongheon"))
    unit = agent(desk, "brioude", BRIOUDE)
    assert [r.reference for r in desk.items(unit, ItemFilter(overdue_only=True)).rows] == [old.reference]
    assert desk.items(unit, ItemFilter(theme="numerique")).total == 1
    assert desk.items(unit, ItemFilter(commune="vergongheon")).total == 1
    assert desk.items(unit, ItemFilter(commune="43100")).total == 1
    assert desk.items(unit, ItemFilter(older_than_days=7)).total == 1
    desk.set_status(unit, old.id, "en_cours")
    assert desk.items(unit, ItemFilter(status="en_cours")).total == 1
    assert desk.summary(BRIOUDE).overdue == 1  # still no answer
    desk.answer(unit, [old.id], "Nous avons saisi la région.")
    assert desk.summary(BRIOUDE).overdue == 0


def test_a_status_and_an_answer_reach_the_chat_once_and_never_at_night(outbox, grievances, desk, clock):
    recorded = grievances.record("c1", draft())
    unit = agent(desk, "brioude", BRIOUDE)
    clock.now = datetime(2026, 11, 26, 21, 30, tzinfo=timezone.utc)  # 22:30 in Paris
    desk.set_status(unit, recorded.id, "non_retenue", reason="La ligne dépend de la région.")
    assert outbox.move_due() == []
    clock.now = datetime(2026, 11, 27, 6, 59, tzinfo=timezone.utc)  # 07:59 in Paris
    assert outbox.move_due() == []
    clock.now = datetime(2026, 11, 27, 7, 0, tzinfo=timezone.utc)  # 08:00 in Paris
    assert outbox.move_due() == ["c1"]
    assert outbox.move_due() == []
    desk.answer(unit, [recorded.id], "Nous relançons la région.")
    assert outbox.move_due() == ["c1"]
    texts = [json.loads(entry.replies)[0]["text"] for entry in outgoing(grievances)]
    assert "non retenue" in texts[0] and "dépend de la région" in texts[0]
    assert recorded.reference in texts[1] and "Nous relançons la région." in texts[1]


def outgoing(service):
    with service._session_factory() as session:
        return session.scalars(select(InboxEntry).where(InboxEntry.kind == "outgoing")
                               .order_by(InboxEntry.id)).all()


def test_news_at_any_hour_when_the_citizen_chose_it(outbox, grievances, desk, clock):
    recorded = grievances.record("c1", draft(notify_any_time=True))
    clock.now = datetime(2026, 11, 26, 23, 0, tzinfo=timezone.utc)
    desk.answer(agent(desk, "brioude", BRIOUDE), [recorded.id], "Vu.")
    assert outbox.move_due() == ["c1"]


def test_a_rejection_needs_a_reason(grievances, desk):
    recorded = grievances.record("c1", draft())
    with pytest.raises(ValueError):
        desk.set_status(agent(desk, "brioude", BRIOUDE), recorded.id, "non_retenue")


def test_bulk_answer_with_a_template_answers_each_citizen(outbox, grievances, desk):
    ids = [grievances.record(f"c{i}", draft()).id for i in range(3)]
    unit = agent(desk, "brioude", BRIOUDE)
    template_id = desk.save_template(unit, "Transmis", "Merci : c'est transmis au conseil régional.")
    template = desk.template(unit, template_id)
    assert desk.answer(unit, ids, template.text, status="a_l_etude") == 3
    assert sorted(outbox.move_due()) == ["c0", "c1", "c2"]
    assert all(desk.item(unit, i).row.status == "a_l_etude" for i in ids)


def test_a_bulk_answer_with_one_item_of_another_territory_changes_nothing(grievances, desk):
    mine = grievances.record("c1", draft()).id
    theirs = grievances.record("c2", draft(postal_code="69008", commune="Lyon")).id
    unit = agent(desk, "brioude", BRIOUDE)
    with pytest.raises(NotInTerritory):
        desk.answer(unit, [mine, theirs], "Réponse")
    assert desk.item(unit, mine).answer is None


def test_merge_notes_assignment_and_audit(grievances, desk, session_factory):
    first = grievances.record("c1", draft()).id
    second = grievances.record("c2", draft(text="Plus de car le mercredi !")).id
    unit = agent(desk, "brioude", BRIOUDE)
    colleague = agent(desk, "brioude2", BRIOUDE)
    desk.merge(unit, second, first)
    desk.note(unit, first, "Voir avec la région")
    desk.assign(unit, first, colleague.id)
    with pytest.raises(NotInTerritory):
        desk.assign(unit, first, agent(desk, "lyon", LYON_8).id)
    detail = desk.item(unit, first)
    assert detail.row.assignee == "Brioude2" and [n[2] for n in detail.notes] == ["Voir avec la région"]
    assert desk.item(unit, second).merged_into == f"D-{first}"
    assert "regroupée" in [n for n in notice_texts(session_factory)][0]
    with session_factory() as session:
        actions = set(session.scalars(select(AgentAudit.action)))
    assert {"signed_in", "merged", "noted", "assigned", "viewed"} <= actions


def notice_texts(session_factory):
    with session_factory() as session:
        return [json.loads(replies)[0]["text"] for replies in session.scalars(select(OutboxMessage.replies))]


def test_sign_in_refuses_a_wrong_password_and_audits_it(desk, session_factory):
    desk.create_agent("agent", "Agent", PASSWORD, "unit", BRIOUDE)
    assert desk.sign_in("agent", "wrong password!") is None
    assert desk.sign_in("AGENT ", PASSWORD) is not None
    with session_factory() as session:
        assert list(session.scalars(select(AgentAudit.action).order_by(AgentAudit.id))) == \
            ["sign_in_refused", "signed_in"]


def test_public_report_shows_only_allowed_items_and_no_count_under_11(grievances, desk):
    for i in range(12):
        grievances.record(f"p{i}", draft(text=f"Car supprimé, appelez-moi au 06 12 34 56 7{i % 10}"))
    grievances.record("x", draft(theme="numerique", visibility="counted"))
    grievances.record("y", draft(theme="logement", visibility="private"))
    report = desk.public_report(BRIOUDE)
    assert dict(report.by_theme) == {"mobilite": 12, "numerique": None}
    assert report.total == 13
    assert len(report.published) == 12
    assert all("06 12" not in item.text and "[masqué]" in item.text for item in report.published)
    rows = desk.open_data(BRIOUDE)
    assert len(rows) == 12
    assert set(rows[0]) == {"reference", "type", "theme", "commune", "code_postal", "statut",
                            "texte", "reponse", "cree_le", "mis_a_jour_le"}
    assert all("06 12" not in row["texte"] for row in rows)


def test_erasure_takes_the_citizens_items_with_it(grievances, desk, session_factory, clock):
    recorded = grievances.record("c1", draft())
    DataRightsService(session_factory, clock=clock).erase("c1")
    with pytest.raises(NotInTerritory):
        desk.item(agent(desk, "brioude", BRIOUDE), recorded.id)


def test_sign_in_is_throttled_after_five_refusals_then_allowed_again(desk, clock):
    desk.create_agent("agent", "Agent", PASSWORD, "unit", BRIOUDE)
    for _ in range(5):
        assert desk.sign_in("agent", "not the password") is None
    assert desk.sign_in("agent", PASSWORD) is None  # throttled
    clock.now += timedelta(minutes=16)
    assert desk.sign_in("agent", PASSWORD) is not None


def test_an_unknown_login_is_refused_like_a_wrong_password(desk, session_factory):
    assert desk.sign_in("nobody", PASSWORD) is None
    with session_factory() as session:
        assert list(session.scalars(select(AgentAudit.action))) == ["sign_in_refused"]


def test_the_citizens_export_holds_their_items_and_details_but_no_note(grievances, desk, session_factory, clock):
    recorded = grievances.record("c1", draft())
    grievances.add_detail("c1", recorded.id, "Le vendredi aussi")
    unit = agent(desk, "brioude", BRIOUDE)
    desk.note(unit, recorded.id, "note interne")
    desk.answer(unit, [recorded.id], "Nous regardons.")
    exported = DataRightsService(session_factory, clock=clock).export("c1")
    [item] = exported["doleances"]
    assert item["reference"] == recorded.reference and item["answer"] == "Nous regardons."
    assert item["details"][0]["text"] == "Le vendredi aussi"
    assert "note interne" not in str(exported)
