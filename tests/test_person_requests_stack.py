"""Requests for a person and false cases, through a running action server and Rasa (REST
channel) on the trained model (issue #12 items 7 and 10): natural requests open a case; a
refusal, someone else, a political question, a farm's state, heat for a garden, « ok » or a
question after a question about danger open none; two misunderstandings offer a person with a
button that works; no turn says more than five messages."""

import uuid

import httpx
import pytest
from sqlalchemy import create_engine, text

MAX_MESSAGES_PER_TURN = 5


# The session's stack (tests/conftest.py): every test talks as its own citizen.
@pytest.fixture(scope="module")
def stack(relais_stack):
    return relais_stack


class Citizen:
    def __init__(self, stack) -> None:
        self.url, self.database_url, self.headers = stack.rasa_url, stack.database_url, stack.edge_headers
        self.sender = f"person-{uuid.uuid4().hex[:8]}"

    def say(self, message: str) -> list:
        response = httpx.post(f"{self.url}/webhooks/rest/webhook", json={"sender": self.sender, "message": message},
                              headers=self.headers, timeout=60)
        response.raise_for_status()
        replies = response.json()
        assert len(replies) <= MAX_MESSAGES_PER_TURN, (message, [r.get("text") for r in replies])
        return replies

    def text(self, message: str) -> str:
        return "\n".join(reply.get("text", "") for reply in self.say(message))

    def cases(self) -> int:
        with create_engine(self.database_url, future=True).connect() as connection:
            return connection.execute(text(
                "select count(*) from relais_cases k join relais_citizens c on c.id = k.citizen_id "
                "where c.conversation_id = :sender"), {"sender": self.sender}).scalar_one()


def consented(stack) -> Citizen:
    citizen = Citizen(stack)
    citizen.say("bonjour")
    citizen.say("/consentir")
    return citizen


@pytest.mark.parametrize("request_text", [
    "je veux parler à un humain tout de suite, pas à une machine",
    "un vrai conseiller svp",
    "y a quelqu'un de réel ?",
])
def test_a_natural_request_for_a_person_opens_a_case(stack, request_text):
    citizen = consented(stack)
    assert "dossier n°" in citizen.text(request_text)
    assert citizen.cases() == 1


def test_conseiller_after_the_relais_lookup_opens_a_case(stack):
    citizen = consented(stack)
    assert citizen.say("mon relais, j'habite au 69003")
    assert "dossier n°" in citizen.text("conseiller")
    assert citizen.cases() == 1


@pytest.mark.parametrize("message", [
    "non merci pas besoin d'appeler quelqu'un",
    "j'ai pas envie d'en parler à mon chef",
    "pourquoi le gouvernement laisse faire ça ?",
    "l'exploitation est à l'arrêt, les bêtes ont plus de fourrage",
    "40 degrés annoncés cette semaine, comment protéger mon potager ?",
])
def test_no_case_without_a_request_or_a_crisis(stack, message):
    citizen = consented(stack)
    reply = citizen.text(message)
    assert "dossier n°" not in reply and "appelez le 15" not in reply.lower()
    assert citizen.cases() == 0


@pytest.mark.parametrize("answer", ["ok", "c'est gratuit ?"])
def test_ok_or_a_question_after_a_question_about_danger_opens_no_case(stack, answer):
    citizen = consented(stack)
    assert citizen.say("je vois plus trop à quoi ça sert tout ça")
    citizen.say(answer)
    assert citizen.cases() == 0


def test_two_misunderstandings_offer_a_person_and_the_button_opens_a_case(stack):
    citizen = consented(stack)
    citizen.say("🦄")
    offer = citizen.say("🪐")
    buttons = [button["payload"] for reply in offer for button in reply.get("buttons", [])]
    assert "/demander_humain" in buttons
    assert citizen.cases() == 0
    assert "dossier n°" in citizen.text("/demander_humain")
    assert citizen.cases() == 1


def test_a_yes_after_a_withdrawal_of_consent_is_a_short_turn_without_a_case(stack):
    citizen = consented(stack)
    citizen.say("je retire mon consentement")
    citizen.say("oui")  # at most five messages each (Citizen.say)
    assert citizen.cases() == 0
    # The second misunderstanding in a row offers a person; only a yes to it opens a case.
    offer = citizen.say("oui")
    assert citizen.cases() == 0
    assert "/demander_humain" in [b["payload"] for reply in offer for b in reply.get("buttons", [])]
    citizen.say("non")
    assert citizen.cases() == 0


@pytest.mark.parametrize("message", [
    "mon père a 40 de fièvre et ne répond plus",
    "avec la canicule ma grand-mère ne boit plus et ne répond presque plus",
])
def test_a_person_in_medical_danger_stays_a_crisis(stack, message):
    citizen = consented(stack)
    assert "15" in citizen.text(message)
    assert citizen.cases() == 1


def test_after_a_crisis_case_whether_someone_will_write_is_answered_from_that_case(stack):
    """Persona round 90: « rien n'est noté » and « aucune doléance » to a man told « dossier
    n° 2 » a few minutes before, in a suicide dialogue."""
    citizen = consented(stack)
    citizen.say("je vois plus trop à quoi ça sert tout ça")
    citizen.say("oui, ça m'arrive le soir")
    assert citizen.cases() == 1
    # A turn misread is no false alarm once the thoughts were told: the case stays.
    assert "mal suivi" in citizen.text("?? non je parlais de mon boulot, la boîte ferme")
    assert citizen.cases() == 1
    for question in ("quelqu'un va m'écrire alors ?", "où en est mon dossier ?"):
        reply = citizen.text(question)
        assert "dossier n°" in reply and "aucune doléance" not in reply and "Rien n'est noté" not in reply, question
