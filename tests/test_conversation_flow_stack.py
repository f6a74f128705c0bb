"""The conversation of issue #12 through a running action server and Rasa (REST channel) on the
trained model: a request for a plan in the citizen's words gets the plan; a short follow-up
(a figure, « c'est long ? ») stays in the track under way instead of asking to switch; a
how-to question DIET reads as low mood gets its answer."""

import uuid

import pytest

from tests.support.blind_conversations import RelaisClient


@pytest.fixture(scope="module")
def client(relais_stack):
    client = RelaisClient(relais_stack.rasa_url, relais_stack.auth_token, relais_stack.database_url,
                          relais_stack.edge_headers)
    yield client
    client.close()


class Citizen:
    def __init__(self, client: RelaisClient) -> None:
        self.client = client
        self.sender = f"flow-{uuid.uuid4().hex[:8]}"

    def text(self, message: str) -> str:
        return "\n".join(reply.get("text", "") for reply in self.client.say(self.sender, message))

    def slot(self, name: str):
        return self.client.tracker(self.sender)["slots"].get(name)


@pytest.mark.parametrize("request_text", ["tu peux me faire un petit plan ?", "faites-moi un programme en quelques étapes"])
def test_a_plan_asked_in_words_is_the_plan(client, request_text):
    citizen = Citizen(client)
    citizen.text("comment on fait pour toucher le chèque énergie ?")
    reply = citizen.text(request_text)
    assert "actions" in reply and "Effort" in reply, reply


@pytest.mark.parametrize("follow_up", ["on est deux retraités, 1600 euros par mois", "et c'est long ?"])
def test_a_short_follow_up_stays_in_the_track(client, follow_up):
    citizen = Citizen(client)
    citizen.text("comment on fait pour toucher le chèque énergie ?")
    track = citizen.slot("track")
    reply = citizen.text(follow_up)
    assert "Vous voulez passer" not in reply and "pas sûr d'avoir compris" not in reply, reply
    assert citizen.slot("track") == track


def test_a_how_to_question_is_answered_not_heard_as_low_mood(client):
    reply = Citizen(client).text("comment on fait un mot de passe solide qu'on retient, j'utilise le même partout")
    assert "authentification" in reply or "phrase de passe" in reply, reply
