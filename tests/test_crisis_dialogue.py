"""The crisis dialogue (relais.crisis_dialogue): tiers, kinds, the turns after the first reply,
false alarms, never the same text twice in a row."""


import pytest

from relais.crisis import CHILD, VIOLENCE, crisis_content
from relais.crisis_dialogue import (
    CASE_FALSE_ALARM,
    CASE_OPEN,
    CASE_RAISE,
    CitizenMessage,
    CrisisTurn,
    asks_aside,
    move_of,
    next_turn,
    takes_message,
)
from relais.safety import CERTAIN, QUESTION, Triage, triage


class Conversation:
    """Plays messages through the dialogue as the action does: triage, then the turn."""

    def __init__(self) -> None:
        self.state: dict | None = None
        self.turns: list[CrisisTurn] = []

    def say(self, text: str, intent: str | None = None, model: float | None = None,
            edge_sent: bool = False) -> CrisisTurn | None:
        message = CitizenMessage(text, intent, triage(text, model), first_reply_sent=edge_sent)
        turn = next_turn(self.state, message, in_dialogue=bool(self.turns))
        if turn is not None:
            self.state = turn.state
            self.turns.append(turn)
        return turn


def test_certain_crisis_gives_the_kind_first_reply_and_opens_a_case():
    turn = Conversation().say("mon mari m'a frappée hier soir")
    assert turn.kind == "violence" and turn.case == CASE_OPEN
    assert turn.lines[0] == crisis_content().kind("violence").first


def test_uncertain_message_is_asked_about_without_a_case():
    turn = Conversation().say("je vois plus trop à quoi ça sert tout ça")
    assert turn.ask_yes_no and turn.case is None
    question = crisis_content().kind("suicide").question
    assert turn.lines[0].endswith(question[0].lower() + question[1:])


@pytest.mark.parametrize("answer, intent", [("oui", "affirm"), ("oui un peu", None), ("/affirm", "affirm")])
def test_a_yes_makes_it_certain(answer, intent):
    conversation = Conversation()
    conversation.say("je vois plus trop à quoi ça sert tout ça")
    turn = conversation.say(answer if not answer.startswith("/") else "", intent)
    assert turn.case == CASE_OPEN
    assert "3114" in turn.lines[-1]


@pytest.mark.parametrize("answer, intent", [("non", "deny"), ("non ça va, c'était une expression", None)])
def test_a_no_goes_back_to_the_conversation_without_a_case(answer, intent):
    conversation = Conversation()
    conversation.say("je vois plus trop à quoi ça sert tout ça")
    turn = conversation.say(answer, intent)
    assert turn.case is None and not turn.open
    assert "3114" not in turn.lines[0]


def test_an_unanswered_question_is_asked_once_more_then_left():
    conversation = Conversation()
    conversation.say("je vois plus trop à quoi ça sert tout ça")
    again = conversation.say("bof je sais pas")
    assert again.ask_yes_no and again.lines[0] != conversation.turns[0].lines[0]
    left = conversation.say("on verra")
    assert not left.open and left.case is None
    assert left.lines[0] == crisis_content().text("question_left")


def test_an_answer_that_describes_a_plan_is_a_yes():
    conversation = Conversation()
    conversation.say("je vois plus trop à quoi ça sert tout ça")
    turn = conversation.say("j'ai mis des cachets de côté")
    assert turn.case == CASE_OPEN and "3114" in turn.lines[-1]


@pytest.mark.parametrize("text, expected", [
    ("c'est qui au bout du fil ?", "professionnels"),
    ("j'ai plus de forfait", "gratuit"),
    ("il peut lire mes messages", "effacez"),
])
def test_questions_in_the_dialogue_get_their_answer(text, expected):
    conversation = Conversation()
    conversation.say("il m'a frappée" if "messages" in text else "je veux mourir")
    assert expected in conversation.say(text).lines[0]


def test_in_an_acute_emergency_the_practical_question_gets_practical_help():
    conversation = Conversation()
    conversation.say("ça sent très fort le gaz dans l'escalier")
    assert "interrupteur" in conversation.say("j'allume la lumière pour voir ?").lines[0]
    conversation = Conversation()
    conversation.say("il a bu du produit vaisselle")
    assert "vomir" in conversation.say("je dois le faire vomir ?").lines[0]
    conversation = Conversation()
    conversation.say("mon père a une douleur dans la poitrine")
    refused = conversation.say("il veut pas qu'on appelle").lines[0]
    assert "15" in refused and "pas obligé" not in refused


def test_the_dialogue_answers_what_the_person_says_never_the_same_text_twice():
    conversation = Conversation()
    conversation.say("je veux mourir")
    said = [conversation.say(text).lines[-1] for text in (
        "je préfère écrire ici plutôt qu'appeler",
        "j'appellerai pas, ça sert à rien",
        "c'est gratuit ?",
        "vous répétez toujours la même chose",
        "ok",
        "ok",
        "ok",
        "je veux mourir",
    )]
    assert "écrire" in said[0].lower()
    assert "pas obligé" in said[1] or "pas d'appel" in said[1].lower()
    assert "gratuit" in said[2]
    assert "pardon" in said[3].lower()
    for before, after in zip(said, said[1:]):
        assert before != after
    # The same crisis said again: a reminder of the numbers, not the whole block.
    assert said[-1] != crisis_content().kind("suicide").first
    assert "3114" in said[-1]


def test_a_plan_or_a_means_raises_the_alert():
    conversation = Conversation()
    conversation.say("je pense au suicide")
    turn = conversation.say("j'ai acheté une corde hier")
    assert turn.case == CASE_RAISE
    assert "15" in turn.lines[0] and "112" in turn.lines[0]


def test_a_false_alarm_is_acknowledged_and_its_case_closed():
    conversation = Conversation()
    conversation.say("il m'a frappée")
    turn = conversation.say("non non tout va bien, je parlais du match de boxe")
    assert turn.case == CASE_FALSE_ALARM and not turn.open


def test_a_new_kind_in_the_dialogue_gets_its_own_first_reply():
    conversation = Conversation()
    conversation.say("mon mari me frappe")
    turn = conversation.say("et mon fils de 4 ans ne respire plus")
    assert turn.kind == "medical" and turn.case == CASE_RAISE
    assert turn.lines[0].startswith("C'est une urgence : appelez le 15")


def test_a_child_in_danger_who_then_tells_of_violence_stays_with_the_childs_help():
    conversation = Conversation()
    first = conversation.say("j'ai 12 ans et mon beau-père me frappe")
    assert first.kind == "child"
    turn = conversation.say("s'il trouve mon téléphone il va me frapper encore")
    assert turn.kind == "child"
    assert "119" in " ".join(first.lines)


@pytest.mark.parametrize("question, word", [
    ("je peux porter plainte sans qu'il le sache ?", "plainte"),
    ("le 3919 apparaît sur la facture ?", "facture"),
    ("où je peux dormir ce soir avec les enfants ?", "115"),
])
def test_a_victims_questions_are_answered(question, word):
    conversation = Conversation()
    conversation.say("mon conjoint me frappe")
    assert word in conversation.say(question).lines[0]


def test_after_the_edge_sent_the_first_reply_rasa_does_not_repeat_it():
    turn = Conversation().say("je veux mourir", edge_sent=True)
    assert turn.lines[0] != crisis_content().kind("suicide").first
    assert "3114" in turn.lines[0] and turn.case == CASE_OPEN


def test_the_dialogue_lets_a_confident_change_of_topic_go():
    state = {"open": True, "tier": CERTAIN, "kind": "suicide"}
    calm = CitizenMessage("je voudrais des conseils pour mon potager", "track_permaculture")
    assert not takes_message(state, calm, 0.95, in_dialogue=True)
    assert takes_message(state, calm, 0.5, in_dialogue=True)
    assert not takes_message(state, CitizenMessage("ok"), 0.9, in_dialogue=False)
    assert takes_message(None, CitizenMessage("x", triage=Triage(QUESTION, "suicide")), 0.9, False)
    question = CitizenMessage("ok mais le chèque énergie du coup ?", "track_economie")
    assert not takes_message(state, question, 0.99, in_dialogue=True)


def test_a_short_statement_read_as_a_track_tells_more_about_the_crisis():
    # A friend at risk « habite à 200 km »: the mobility track at 0.99, yet no change of topic.
    state = {"open": True, "tier": CERTAIN, "kind": "other_at_risk"}
    assert takes_message(state, CitizenMessage("il habite a 200km de chez moi", "track_mobilite"), 0.99, True)
    assert takes_message(state, CitizenMessage("on n'a plus de chauffage", "track_logement"), 0.99, True)
    # Menu and stop still leave, whatever their length.
    assert not takes_message(state, CitizenMessage("menu", "menu"), 0.99, True)


def test_an_answer_to_the_dialogue_read_as_a_track_or_despair_read_as_stop_stays_in_it():
    # Persona chat, round 15: the warning signs asked for, answered, got the digital coach; then
    # « laissez tomber, personne peut rien pour moi » got « je m'arrête là ».
    state = {"open": True, "tier": CERTAIN, "kind": "suicide"}
    signs = CitizenMessage("je sais pas... quand je reste couché toute la journée et que je reponds plus au telephone",
                           "track_numerique")
    assert takes_message(state, signs, 0.99, True)
    assert takes_message(state, CitizenMessage("laissez tomber. personne peut rien pour moi", "stop"), 1.0, True)
    assert not takes_message(state, CitizenMessage("stop", "stop"), 1.0, True)
    assert not takes_message({**state, "kind": "danger"}, CitizenMessage("laissez tomber, ça sert à rien", "stop"), 1.0, True)


def test_someone_else_at_risk_far_away_gets_what_to_do_from_a_distance():
    conversation = Conversation()
    conversation.say("mon frère m'a écrit qu'il allait se tuer ce soir")
    turn = conversation.say("il habite à 200 km, je peux pas y aller", intent="track_mobilite")
    assert "15" in turn.lines[-1] and "voisin" in turn.lines[-1]
    turn = conversation.say("je sais pas si c'est à moi de m'en mêler")
    assert "3114" in turn.lines[-1] and "demander" in turn.lines[-1]


def test_a_victim_told_he_comes_back_gets_the_numbers_and_a_plan():
    conversation = Conversation()
    conversation.say("mon mari me frappe")
    turn = conversation.say("il rentre à 18h")
    assert "17" in turn.lines[-1] and "114" in turn.lines[-1]


def test_a_child_signalled_online_gets_the_119_form():
    conversation = Conversation()
    conversation.say("le voisin frappe son fils de 6 ans tous les soirs")
    turn = conversation.say("je peux le signaler sur internet ?")
    assert "allo119.gouv.fr" in turn.lines[-1]


def test_a_question_answered_twice_gets_the_reminder_not_the_same_text():
    conversation = Conversation()
    conversation.say("je veux mourir")
    first = conversation.say("c'est anonyme ?")
    second = conversation.say("et c'est payant ?")
    assert second.lines[-1] != first.lines[-1]
    assert "gratuit" in second.lines[-1]


def test_moves_of_one_kind_do_not_hide_the_others():
    # "il est à l'hôpital" is where a friend at risk is, not a fear of hospital for a suicide.
    assert move_of(CitizenMessage("elle habite à 300 km"), "other_at_risk") == "far_or_near"
    assert move_of(CitizenMessage("elle habite à 300 km"), "suicide") is None
    assert move_of(CitizenMessage("ça saigne encore, c'est grave ?"), "medical") == "bleeding"
    assert move_of(CitizenMessage("on l'emmène nous-mêmes à l'hôpital ?"), "medical") == "drive_there"
    assert move_of(CitizenMessage("j'ai peur de l'hôpital psychiatrique"), "suicide") == "fear_of_hospital"


def test_a_bleeding_wound_gets_first_aid_and_a_man_hit_is_heard():
    conversation = Conversation()
    conversation.say("mon père a fait un malaise, il ne respire presque plus")
    assert conversation.state["kind"] == "medical"
    turn = conversation.say("il s'est ouvert la tête en tombant, le sang traverse le torchon")
    assert "appuyez fort" in turn.lines[-1]
    man = Conversation()
    man.say("ma compagne me frappe quand elle a bu")
    turn = man.say("je suis un homme, ça compte quand même ?")
    assert "116 006" in turn.lines[-1]


def test_a_medical_emergency_told_from_afar_gets_the_15_for_the_person_not_open_the_door():
    far = Conversation()
    first = far.say("mon père m'appelle, il a une douleur dans la poitrine, il habite à 200 km")
    assert "adresse exacte" in first.lines[-1] and "Restez avec la personne" not in first.lines[-1]
    for text in ("j'ai appelé le 15", "et maintenant ?", "ok"):
        assert "ouvrez la porte d'entrée" not in far.say(text).lines[-1]
    told_later = Conversation()
    told_later.say("ma mère est tombée par terre elle ne répond plus")
    turn = told_later.say("elle habite à 40 km de chez moi, je suis au boulot")
    assert "Même de loin" in turn.lines[-1]
    assert "De loin" in told_later.say("je fais quoi").lines[-1]
    # A power cut in the same emergency is no wound.
    assert "appuyez fort" not in told_later.say("il y a une coupure de courant chez elle").lines[-1]


def test_a_question_about_gas_gets_the_gas_emergency_line_and_the_meter():
    conversation = Conversation()
    conversation.say("ça sent le gaz très fort dans la cuisine")
    turn = conversation.say("je ferme le compteur ?")
    assert "0 800 47 33 33" in turn.lines[-1] and "compteur" in turn.lines[-1]
    # Gas means nothing special in another kind's dialogue.
    assert move_of(CitizenMessage("le compteur de gaz est coupé"), "suicide") is None


def test_a_question_is_not_pressed_on_someone_who_says_goodbye():
    conversation = Conversation()
    assert conversation.say("je vois plus trop à quoi ça sert tout ça").ask_yes_no
    turn = conversation.say("bon merci, je reviendrai demain")
    assert "Je n'insiste pas" in turn.lines[-1] and not turn.open
    # A farewell the lexicon reads as a danger is no goodbye.
    again = Conversation()
    again.say("je vois plus trop à quoi ça sert tout ça")
    assert "Je n'insiste pas" not in again.say("merci pour tout, adieu, je ne reviendrai pas").lines[-1]


def test_carbon_monoxide_gets_air_and_out_first_and_an_emergency_over_ends_the_dialogue():
    conversation = Conversation()
    first = conversation.say("on a chauffé avec le brasero dans le salon et ce matin on a tous mal à la tête et envie de vomir")
    assert "monoxyde" in first.lines[-1] and "fenêtres" in first.lines[-1]
    assert "fenêtres" in conversation.say("je dois aérer ?").lines[-1]
    assert "Vous avez fait ce qu'il fallait" in conversation.say("on est tous sortis, les pompiers sont là").lines[-1]
    over = conversation.say("on est aux urgences, le médecin a dit que ça va aller")
    assert not over.open and "au chaud" in over.lines[-1]
    # A fire is no carbon monoxide: windows are not advised there.
    fire = Conversation()
    fire.say("le feu a pris dans la cuisine")
    assert "Monoxyde" not in fire.say("je dois ouvrir les fenêtres ?").lines[-1]


def test_a_question_asked_again_is_never_the_same_message_twice():
    conversation = Conversation()
    first = conversation.say("ma fille dit que son copain la force, elle vit chez lui", model=0.95)
    assert first.ask_yes_no
    replies = [conversation.say(text).lines[-1] for text in (
        "elle veut pas que j'appelle la police", "il lit tous ses messages", "je sais pas")]
    assert all(a != b for a, b in zip(replies, replies[1:])), replies


def test_a_young_person_writing_about_their_home_is_spoken_to_not_about():
    from relais.crisis import crisis_content

    content = crisis_content()
    first = next_turn(None, CitizenMessage("mon pere me tape quand il a bu jai 16 ans", None,
                                           Triage(CERTAIN, CHILD)))
    assert first.lines[-1] == content.text("child_self_first")
    assert "119" in first.lines[-1] and "l'enfant est-il" not in first.lines[-1].lower()
    step = next_turn(first.state, CitizenMessage("la ca va il dort", None, Triage()))
    assert step.lines[0].endswith(content.lines("child_self_safety")[0])


def test_an_adult_told_about_a_child_then_hears_the_writer_is_the_child():
    from relais.crisis import crisis_content

    content = crisis_content()
    first = next_turn(None, CitizenMessage("le petit se fait frapper par son pere", None, Triage(CERTAIN, CHILD)))
    assert first.lines[-1] == content.kind(CHILD).first
    turn = next_turn(first.state, CitizenMessage("c moi l enfant mdr", None, Triage()))
    assert turn.lines == (content.text("child_self_ack"),) and turn.state["writer"] == "child"


def test_who_the_team_is_and_whether_they_call_the_police():
    from relais.crisis import crisis_content

    first = next_turn(None, CitizenMessage("mon pere me frappe jai 14 ans", None, Triage(CERTAIN, CHILD)))
    turn = next_turn(first.state, CitizenMessage("cest qui l equipe relais? ils vont appeler la police? jveux pas qu il aille en prison", None, Triage()))
    assert turn.lines[0] == crisis_content().by_kind("team_question", CHILD)
    assert "signaler" in turn.lines[0] and "prison" in turn.lines[0]


def test_a_request_for_a_person_with_a_typo_stays_in_the_violence_dialogue():
    first = next_turn(None, CitizenMessage("mon copain me frappe", None, Triage(CERTAIN, "violence")))
    message = CitizenMessage("oui la il est au travail. je veux bien parler a quelqun", "track_travail", Triage())
    assert takes_message(first.state, message, 0.99, True)
    assert next_turn(first.state, message).case == "open"


def test_no_to_the_question_about_oneself_that_names_someone_else_turns_to_them():
    asked = next_turn(None, CitizenMessage("mon petit-fils écrit qu'il aimerait disparaître", None,
                                           Triage(QUESTION, "suicide")))
    turn = next_turn(asked.state, CitizenMessage("Non, pas moi ! C'est mon petit-fils qui m'inquiète.", "deny", Triage()))
    assert turn.kind == "other_at_risk" and turn.case == "open"
    assert turn.lines[-1] == crisis_content().kind("other_at_risk").first


def test_the_child_question_answered_by_the_child():
    asked = next_turn(None, CitizenMessage("je suis tout seul a la maison depuis 3 jours", None, Triage(QUESTION, CHILD)))
    turn = next_turn(asked.state, CitizenMessage("bah c moi l'enfant. jsais pas si c'est du danger", None, Triage()))
    assert turn.lines[-1] == crisis_content().text("child_self_first")


def test_a_man_hit_by_his_partner_gets_his_own_first_reply_and_his_question_answered():
    first = next_turn(None, CitizenMessage("ma copine me frappe depuis des mois", None, Triage(CERTAIN, "violence")))
    assert first.lines[-1] == crisis_content().text("violence_male_first") and "116 006" in first.lines[-1]
    turn = next_turn(first.state, CitizenMessage("oui je suis chez un pote. est ce qu'un homme peut etre aidé?", None, Triage()))
    assert "116 006" in turn.lines[0] and "ça compte" in turn.lines[0]


def test_is_it_violence_if_he_does_not_hit_me():
    first = next_turn(None, CitizenMessage("il controle tout, mon telephone, mon argent", None, Triage(CERTAIN, "violence")))
    turn = next_turn(first.state, CitizenMessage("il me tape pas, c'est quand même de la violence ?", None, Triage()))
    assert turn.lines[0].startswith("Oui. Les violences ne sont pas que des coups")


def test_a_child_alone_asks_whether_someone_can_come_and_about_a_foyer():
    first = next_turn(None, CitizenMessage("jsuis tout seul depuis 3 jours j'ai 13 ans", None, Triage(CERTAIN, CHILD)))
    come = next_turn(first.state, CitizenMessage("t'es un robot ou quoi. quelqu'un peut venir chez moi ?", None, Triage()))
    assert come.lines[0] == crisis_content().by_kind("come_here", CHILD)
    foyer = next_turn(come.state, CitizenMessage("et si j'appelle ma mere va avoir des problemes ? on va me mettre en foyer ?", None, Triage()))
    assert foyer.lines[0] == crisis_content().by_kind("team_question", CHILD)


def test_putting_the_blade_away_is_praised_and_parents_fears_are_answered():
    first = next_turn(None, CitizenMessage("je me scarifie depuis 6 mois jai 15 ans", None, Triage(CERTAIN, "self_harm")))
    safe = next_turn(first.state, CitizenMessage("jvais essayer de mettre la lame dans la boite a gants de la voiture de mon pere", None, Triage()))
    assert safe.lines == (crisis_content().text("makes_safe"),) and safe.case is None
    parents = next_turn(safe.state, CitizenMessage("est ce que vous allez dire a mes parents ??? jsuis mineure", None, Triage()))
    assert parents.lines[0] == crisis_content().by_kind("parents_told", "self_harm")


def test_what_a_code_word_is():
    first = next_turn(None, CitizenMessage("mon ex me suit partout et me menace", None, Triage(CERTAIN, "violence")))
    turn = next_turn(first.state, CitizenMessage("c'est quoi un mot code ?", None, Triage()))
    assert turn.lines[0] == crisis_content().text("code_word")


def test_an_interjection_before_the_answer_is_still_the_answer():
    # Persona round 15: « quoi?? non c'est pas moi… » got the suicide question again.
    from relais.crisis_dialogue import answer_of
    assert answer_of(CitizenMessage("quoi?? non c'est pas moi que je veux frapper c'est mon patron")) is False
    assert answer_of(CitizenMessage("euh oui un peu")) is True
    assert answer_of(CitizenMessage("bon")) is None


@pytest.mark.parametrize("answer, intent", [
    ("des fois j'y pense oui. mais je ferai rien ce soir", None),
    ("je sais pas. pas vraiment un plan ou quoi. juste j'ai plus envie de rien", None),
    ("laissez tomber. ca sert a rien", "stop"),
])
def test_a_yes_said_later_or_hopelessness_answers_the_suicide_question_with_help(answer, intent):
    # Persona round 16: the question came three times, then « laissez tomber » ended the dialogue
    # with no one told.
    state = {"open": True, "tier": QUESTION, "kind": "suicide", "asked": 2}
    message = CitizenMessage(answer, intent, triage(answer))
    assert takes_message(state, message, 1.0, True)
    turn = next_turn(state, message)
    assert turn.case == CASE_OPEN and any("3114" in line for line in turn.lines)


def test_a_no_stays_a_no():
    from relais.crisis_dialogue import answer_of
    assert answer_of(CitizenMessage("non j'y pense pas")) is False
    assert answer_of(CitizenMessage("j'y pense pas du tout")) is None


@pytest.mark.parametrize("answer", ["non pas maintenant", "pas en danger la tout de suite... mais il me fait peur"])
def test_a_danger_denied_only_for_now_or_fear_of_the_partner_gets_the_violence_help(answer):
    # Persona round 17: a woman whose partner controls her money and shouts answered « non pas
    # maintenant » and got « pardon si la question a surpris »; « mais le numéro ? », an energy answer.
    state = {"open": True, "tier": QUESTION, "kind": "violence", "asked": 1}
    turn = next_turn(state, CitizenMessage(answer, None, triage(answer)))
    assert any("3919" in line for line in turn.lines) and turn.case == CASE_OPEN


def test_a_plain_no_to_the_violence_question_is_still_a_no():
    state = {"open": True, "tier": QUESTION, "kind": "violence", "asked": 1}
    turn = next_turn(state, CitizenMessage("non, personne ne me fait de mal", None, Triage()))
    assert turn.case is None and not any("3919" in line for line in turn.lines)


@pytest.mark.parametrize("text", ["g deja pri qq cachet", "je viens d'avaler toute la plaquette"])
def test_pills_already_taken_in_a_suicide_conversation_get_the_15_first(text):
    """A persona round wrote « g deja pri qq cachet » in SMS spelling and got safety-plan
    questions: pills taken are a medical emergency, whatever the spelling."""
    conversation = Conversation()
    conversation.say("j'ai envie de me suicider")
    turn = conversation.say(text)
    assert turn.case == CASE_RAISE
    assert turn.lines[0].startswith("Vous avez déjà pris des médicaments") and "15" in turn.lines[0]
    again = conversation.say("jai avalé des cachets, jcommence a avoir la tete qui tourne")
    assert again.case == CASE_RAISE and "15" in again.lines[0] and again.lines[0] != turn.lines[0]


def test_a_box_of_pills_looked_at_is_a_means_and_a_usual_treatment_is_no_overdose():
    conversation = Conversation()
    conversation.say("j'ai envie de me suicider")
    assert conversation.say("jregarde la boite de medoc").case == CASE_RAISE
    from relais.safety import tells_pills_taken
    assert not tells_pills_taken("j'ai pris mes médicaments ce matin comme d'habitude")


def test_a_feverish_baby_gets_a_babys_first_reply_not_an_adults_script():
    turn = Conversation().say("ma fille de 5 semaines est brûlante, 38,8 au thermomètre, et elle pleure sans arrêt")
    assert turn.kind == "medical" and turn.state["writer"] == "infant"
    assert "3 mois" in turn.lines[0] and "massage cardiaque" not in turn.lines[0]
    assert "Restez avec la personne" not in turn.lines[0]


def test_a_babys_parent_gets_every_practical_question_answered_in_one_turn():
    conversation = Conversation()
    conversation.say("le nourrisson a 39 de fièvre et il ne se réveille presque plus")
    turn = conversation.say("mon portable est à 5 % de batterie. je lui mets un suppositoire de paracétamol ? et je l'habille chaudement ?")
    text = turn.lines[0]
    assert "batterie" in text and "dose" in text and "emmitouflé" in text
    assert "Urgence médicale : 15 ou 112" not in text


def test_once_the_15_is_reached_the_numbers_are_not_said_again():
    conversation = Conversation()
    conversation.say("mon grand-père vient de s'effondrer dans la cuisine, il respire bizarrement")
    reached = conversation.say("ça y est le samu est en route")
    assert "Vous avez fait ce qu'il fallait" in reached.lines[0] and reached.state["reached"]
    for text in ("d'accord", "on attend", "merci", "je peux vous reparler après ?"):
        turn = conversation.say(text)
        assert "15 ou 112" not in turn.lines[-1] and "appelez-le maintenant" not in turn.lines[-1]
    again = conversation.say("on file à l'hôpital avec les pompiers, quelqu'un peut m'écrire pour après ?")
    assert "équipe relais" in again.lines[0] and "appelez-le" not in again.lines[0]


@pytest.mark.parametrize("text", ["j'ai fait le 15, ça sonne occupé depuis 3 minutes",
                                  "le 15 répond pas !!", "j'arrive pas à les joindre"])
def test_a_call_that_did_not_get_through_is_no_relief(text):
    conversation = Conversation()
    conversation.say("ma voisine a fait un malaise, elle ne réagit plus")
    turn = conversation.say(text)
    assert "soulagé" not in turn.lines[0] and "112" in turn.lines[0]
    assert not turn.state.get("reached")


def test_a_call_about_to_be_made_is_encouraged_and_prepared():
    conversation = Conversation()
    conversation.say("mon fils de 8 mois a convulsé, il est tout mou")
    turn = conversation.say("ok j'appelle le samu")
    assert "C'est ce qu'il faut faire" in turn.lines[0] and "âge du bébé" in turn.lines[0]


def test_a_victim_safe_for_now_is_not_closed_as_a_false_alarm():
    conversation = Conversation()
    conversation.say("mon compagnon m'a giflée devant les enfants")
    turn = conversation.say("là il est parti chez sa mère, je suis pas en danger ce soir")
    assert turn.case != CASE_FALSE_ALARM and turn.open
    assert "soulagé" in turn.lines[0]


@pytest.mark.parametrize("text, intent, confidence, taken", [
    # A practical question beside violence told: the track answers it.
    ("au fait, pour le loyer en retard je fais comment pour étaler ?", "track_economie", 0.93, False),
    ("je demande juste pour le chauffage d'appoint, on gèle", "track_energie", 0.85, False),
    # Not when it is about the crisis, nor unsure, nor in an emergency.
    ("je peux aller dormir chez ma sœur avec les petits ?", "track_logement", 0.93, True),
    ("et pour le chauffage ?", "track_energie", 0.6, True),
])
def test_a_practical_question_beside_violence_goes_to_its_track(text, intent, confidence, taken):
    state = {"open": True, "tier": CERTAIN, "kind": "violence", "step": 1}
    assert takes_message(state, CitizenMessage(text, intent), confidence, True) is taken


def test_a_practical_question_in_an_emergency_stays_in_it():
    state = {"open": True, "tier": CERTAIN, "kind": "medical", "step": 1}
    assert takes_message(state, CitizenMessage("et pour le chauffage, je fais comment ?", "track_energie"), 0.99, True)


def test_a_when_clause_answering_a_safety_step_is_no_question():
    state = {"open": True, "tier": CERTAIN, "kind": "suicide", "step": 1}
    message = CitizenMessage("quand je me retrouve seul le dimanche, je tourne en rond et ça monte", "track_travail")
    assert takes_message(state, message, 0.99, True)


def test_a_no_to_the_crisis_question_with_a_practical_question_lets_its_track_answer():
    state = {"open": True, "tier": QUESTION, "kind": "suicide", "asked": 1}
    message = CitizenMessage("non non ça va, c'était pour rire… sinon on sème les radis quand ?", "track_permaculture")
    assert not takes_message(state, message, 0.97, True)
    # Unsure of the track, or no question beside the no: the dialogue answers it.
    assert takes_message(state, message, 0.5, True)
    assert takes_message(state, CitizenMessage("non ça va", "deny"), 0.99, True)


def test_a_baby_cooled_down_and_what_to_take_when_leaving_are_answered():
    conversation = Conversation()
    conversation.say("mon bébé de 2 mois est à 38,7 depuis ce matin")
    cooling = conversation.say("je peux lui faire un bain froid pour le rafraîchir ?")
    assert "pas d'eau froide" in cooling.lines[0]
    conversation.say("les secours sont en route")
    leaving = conversation.say("merci ! on doit prendre quoi pour la maternité ?")
    assert "carnet de santé" in leaving.lines[0] and "biberons" in leaving.lines[0]


def test_a_hard_of_hearing_witness_gets_the_114_and_which_number_to_call():
    conversation = Conversation()
    conversation.say("ça sent fort le gaz dans la cage d'escalier")
    turn = conversation.say("j'entends très mal au téléphone. c'est le 18 ou le 112 ?")
    assert "114" in turn.lines[0] and "18 (pompiers)" in turn.lines[0]


def test_once_the_firemen_arrived_her_questions_are_answered_without_the_numbers():
    conversation = Conversation()
    conversation.say("ça sent fort le gaz dans la cage d'escalier")
    arrived = conversation.say("les pompiers sont arrivés, ils sont avec la dame du 2e")
    assert arrived.state["reached"] and "112" not in arrived.lines[0].split("Si la situation change")[0]
    back = conversation.say("on peut remonter dans l'appartement ? et qui va appeler son fils ?")
    assert "feu vert des pompiers" in back.lines[0] and "prévenir la famille" in back.lines[0]
    assert "Danger immédiat" not in back.lines[0]


def test_a_victim_asking_about_a_bank_account_of_her_own_is_answered_in_the_dialogue():
    conversation = Conversation()
    conversation.say("mon conjoint me tape quand je demande de l'argent")
    state = conversation.state
    message = CitizenMessage("est-ce que je peux ouvrir un compte bancaire à mon nom sans qu'il le sache ?", "track_numerique")
    assert takes_message(state, message, 0.96, True)
    turn = conversation.say(message.text, message.intent)
    assert "Banque de France" in turn.lines[0]


def test_the_same_danger_told_again_after_a_detour_resumes_the_dialogue():
    conversation = Conversation()
    conversation.say("mon copain m'a étranglée hier soir")
    conversation.state = {**conversation.state}
    # A detour: the dialogue did not answer the messages in between.
    turn = next_turn(conversation.state, CitizenMessage("je vous ai déjà dit qu'il me bat, où je peux dormir ce soir avec mon fils ?",
                                                        None, triage("je vous ai déjà dit qu'il me bat")), in_dialogue=False)
    assert turn.lines[0] != crisis_content().kind("violence").first and not turn.ask_yes_no
    assert turn.case is None


def test_a_follow_up_asked_for_tomorrow_is_answered_not_read_as_a_topic():
    state = {"open": True, "tier": CERTAIN, "kind": "suicide", "step": 2}
    message = CitizenMessage("tu pourras m'écrire demain pour savoir comment ça va ?", "track_energie")
    assert takes_message(state, message, 0.97, True)
    turn = next_turn(state, message)
    assert "demain" in turn.lines[0] and "équipe relais" in turn.lines[0]


MEDICAL_QUESTION = {"open": True, "tier": QUESTION, "kind": "medical", "asked": 1, "questions": 0}


def test_an_anxiety_attack_answering_the_medical_question_gets_help_through_it_and_no_case():
    message = CitizenMessage("je crois que c'est l'angoisse, j'en fais souvent", None, triage("je crois que c'est l'angoisse"))
    turn = next_turn(dict(MEDICAL_QUESTION), message, in_dialogue=True)
    assert "respirez" in turn.lines[0] and turn.case is None and not turn.open


@pytest.mark.parametrize("text", ["je panique complètement, c'est ma femme, elle respire plus normalement",
                                  "j'ai du stress, il est tout blanc et il transpire"])
def test_a_witness_who_panics_about_someone_is_no_anxiety_attack(text):
    turn = next_turn(dict(MEDICAL_QUESTION), CitizenMessage(text, None, triage(text)), in_dialogue=True)
    assert "respirez avec moi" not in turn.lines[-1]


def test_nobody_called_is_not_help_reached():
    conversation = Conversation()
    conversation.say("mon père est tombé, il ne réagit plus")
    turn = conversation.say("non j'ai appelé personne encore")
    assert not turn.state.get("reached")


def test_a_false_alarm_with_a_question_hands_the_question_to_its_track():
    conversation = Conversation()
    conversation.say("je vais me pendre")
    message = CitizenMessage("mdr c'était une blague, je voulais juste savoir comment avoir la prime d'activité",
                             "track_economie", intent_confidence=0.93)
    turn = next_turn(conversation.state, message)
    assert turn.case == CASE_FALSE_ALARM and turn.then_track and "Voici pour votre question" in turn.lines[0]
    unsure = next_turn(conversation.state, CitizenMessage(message.text, "track_economie", intent_confidence=0.4))
    assert unsure.case == CASE_FALSE_ALARM and not unsure.then_track


# Review of 2026-12-06 (a helper read the dialogue's code): each answer exists for each kind it is
# read in, a failed call is no help reached, and words about someone else are not the writer's.
def test_every_practical_ask_has_an_answer_for_every_kind_it_is_read_in():
    from relais.crisis_dialogue import _PRACTICAL, _PRACTICAL_TABLE
    dialogue = crisis_content().dialogue
    for key, kinds, _pattern in _PRACTICAL:
        for kind in kinds:
            assert key in dialogue[_PRACTICAL_TABLE[kind]], (key, kind)


def test_every_kinds_own_answer_exists():
    from relais.crisis_dialogue import _KIND_ANSWER_OF, _KIND_ANSWERS, _KIND_MOVES
    dialogue = crisis_content().dialogue
    for move, kinds in _KIND_MOVES.items():
        for kind in kinds:
            if move in _KIND_ANSWERS:
                table, key = _KIND_ANSWER_OF.get((move, kind)) or _KIND_ANSWERS[move]
                assert key in dialogue[table], (move, kind)


def test_telling_the_family_in_a_medical_emergency_is_answered():
    conversation = Conversation()
    conversation.say("ma tante s'est écroulée au marché, elle ne réagit plus")
    turn = conversation.say("faut-il prévenir ses enfants maintenant ?")
    assert "proches" in turn.lines[0] and "15" in turn.lines[0]


@pytest.mark.parametrize("text", ["j'ai appelé mais ils répondent pas", "j'ai téléphoné, ça sonne dans le vide",
                                  "on a appelé, ça a coupé", "on les a appelés il y a 20 min, les pompiers arrivent pas"])
def test_a_call_that_failed_or_help_that_is_late_is_no_help_reached(text):
    conversation = Conversation()
    conversation.say("il y a de la fumée noire qui sort de chez le voisin du dessous")
    turn = conversation.say(text)
    assert not turn.state.get("reached") and "Vous avez bien fait" not in turn.lines[0]
    assert "112" in turn.lines[0]


def test_done_in_a_danger_is_not_help_reached_but_is_in_a_medical_emergency():
    danger = Conversation()
    danger.say("ça sent le gaz très fort dans la cuisine")
    assert not danger.say("c'est fait").state.get("reached")
    medical = Conversation()
    medical.say("mon oncle ne réagit plus, il est par terre")
    assert medical.say("c'est fait").state.get("reached")


def test_a_new_danger_after_help_was_reached_says_the_numbers_again():
    conversation = Conversation()
    conversation.say("mon grand-père vient de s'effondrer dans la cuisine, il respire bizarrement")
    assert conversation.say("le samu arrive").state["reached"]
    turn = conversation.say("il ne respire plus du tout")
    assert not turn.state["reached"] and "15" in turn.lines[-1]


@pytest.mark.parametrize("text", ["je me demande si demain il faudra refaire des examens",
                                  "le samu doit me rappeler plus tard"])
def test_words_about_tomorrow_are_no_follow_up_asked(text):
    assert move_of(CitizenMessage(text), "medical") != "follow_up_request"


@pytest.mark.parametrize("text", ["vous pourriez me recontacter demain ?", "j'aimerais qu'on me reparle demain",
                                  "je voudrais un suivi"])
def test_a_follow_up_asked_of_relais_is_read(text):
    assert move_of(CitizenMessage(text), "suicide") == "follow_up_request"


@pytest.mark.parametrize("text, deaf", [("j'ai une douleur sourde dans le bras", False),
                                        ("je n'entends pas sa respiration", False),
                                        ("il fait la sourde oreille", False),
                                        ("je suis un peu sourd", True),
                                        ("je suis malentendante", True)])
def test_hard_of_hearing_is_the_writers_own_hearing(text, deaf):
    assert (move_of(CitizenMessage(text), "medical") == "hard_of_hearing") is deaf


def test_hard_of_hearing_in_an_emergency_keeps_the_kinds_numbers():
    conversation = Conversation()
    conversation.say("ma voisine est tombée dans l'escalier et ne bouge plus")
    turn = conversation.say("je suis sourde, comment je fais")
    assert "114" in turn.lines[0] and crisis_content().kind("medical").reminder in turn.lines[0]


@pytest.mark.parametrize("text", ["je veux crever à force de souffrir comme ça", "il va me crever à force de me cogner"])
def test_dying_of_suffering_or_of_blows_stays_a_crisis(text):
    assert triage(text).tier == CERTAIN


def test_an_old_aside_keeps_no_dialogue_open():
    from relais.conversation_contract import CRISIS_ACTION, TRACK_ACTION
    from relais.crisis_dialogue import ASIDE_KEY, continues_dialogue
    state = {"open": True, "tier": CERTAIN, "kind": "violence", ASIDE_KEY: True}
    assert continues_dialogue(TRACK_ACTION, state) and continues_dialogue(CRISIS_ACTION, state)
    assert not continues_dialogue("action_checkin", state)
    assert not continues_dialogue(TRACK_ACTION, {**state, ASIDE_KEY: False})


@pytest.mark.parametrize("text", ["non pas moi, c'est mon frère qui parle de se jeter du pont, on fait comment ?",
                                  "non, pas là tout de suite, mais j'ai peur qu'il revienne, je fais quoi ?"])
def test_a_no_that_tells_of_someone_else_or_of_fear_is_no_decline(text):
    from relais.crisis_dialogue import declines_with_a_question
    for kind in ("suicide", "violence"):
        state = {"open": True, "tier": QUESTION, "kind": kind, "asked": 1}
        assert not declines_with_a_question(state, CitizenMessage(text, "track_logement"), 0.97)


@pytest.mark.parametrize("kind, text, needle", [
    ("suicide", "le 3114 sonne occupé", "3114"), ("self_harm", "personne ne répond au 3114", "3114"),
    ("other_at_risk", "j'arrive pas à les joindre", "3114"), ("violence", "le 3919 c'est occupé", "masecurite"),
])
def test_a_busy_line_is_answered_for_every_kind(kind, text, needle):
    state = {"open": True, "tier": CERTAIN, "kind": kind, "step": 1, "last": ""}
    turn = next_turn(state, CitizenMessage(text, None, triage(text)), in_dialogue=True)
    assert needle in turn.lines[0] and "occupé" in turn.lines[0]


def test_asking_whether_holding_the_money_is_violence_gets_that_answer():
    assert move_of(CitizenMessage("c'est de la violence qu'il garde l'argent de mon salaire ?"), "violence") == "is_it_violence"
    # « C'est normal ? » gets « non, ce n'est pas normal », not « oui » (persona round 98).
    assert move_of(CitizenMessage("c'est normal qu'il garde l'argent de mon salaire ?"), "violence") == "is_it_normal"


def test_a_victim_who_stays_refuses_a_complaint_or_wants_to_meet_someone_is_answered():
    # Persona round 98: departure plans three times after « je ne vais pas partir », the
    # complaint twice after « je ne veux pas porter plainte », no place to meet someone.
    conversation = Conversation()
    conversation.say("il m'a poussée contre le placard, il a pris ma carte bancaire")
    for text, move in (("Je ne vais pas partir, ce n'est pas ça.", "not_leaving"),
                       ("Je ne veux pas porter plainte.", "no_complaint"),
                       ("Il y a quelqu'un que je pourrais voir en vrai, discrètement ? Pas par téléphone.", "meet_in_person"),
                       ("garder ma carte et me faire montrer les tickets, c'est normal dans un couple ?", "is_it_normal")):
        assert move_of(CitizenMessage(text), "violence") == move, text
        turn = conversation.say(text)
        assert "partir vite" not in turn.lines[0] and turn.case is None, text


def test_a_heatstroke_is_cooled_hard_and_a_fever_gently():
    heat = Conversation()
    heat.say("mon voisin âgé est tout confus et brûlant avec cette canicule, il ne répond plus quand je lui parle")
    turn = heat.say("je peux le rafraîchir avec de l'eau froide ?")
    assert "Coup de chaleur" in turn.lines[0] and "glace" in turn.lines[0]
    fever = Conversation()
    fever.say("mon bébé de 2 mois est à 38,7 depuis ce matin")
    assert "pas d'eau froide" in fever.say("un gant froid ça va ?").lines[0]


def test_the_persons_own_inhaler_is_given_not_held_back():
    conversation = Conversation()
    conversation.say("mon fils fait une crise d'asthme énorme, il n'arrive plus à respirer")
    turn = conversation.say("je lui donne sa ventoline ?")
    assert "Ventoline" in turn.lines[0] and "Ne donnez pas de médicament" not in turn.lines[0]


def test_which_number_in_a_danger_names_the_police_for_an_intruder():
    state = {"open": True, "tier": CERTAIN, "kind": "danger", "step": 1, "last": ""}
    text = "quelqu'un essaie de forcer ma porte, j'appelle qui, le 17 ou le 112 ?"
    turn = next_turn(state, CitizenMessage(text, None, triage(text)), in_dialogue=True)
    assert "17 (police)" in turn.lines[0] and "enfermez-vous" in turn.lines[0]


@pytest.mark.parametrize("text, asks", [("quand le courant coupe la nuit, je reste dans le noir", False),
                                        ("quand il rentre saoul, je fais quoi", True),
                                        ("quand ça monte comme ça, comment on tient", True)])
def test_a_when_clause_asks_only_when_its_main_clause_does(text, asks):
    from relais.form_answers import is_question
    assert is_question(text) is asks


def reply_after(first: str, then: str) -> CrisisTurn:
    """The dialogue's reply to `then`, said right after `first`."""
    conversation = Conversation()
    conversation.say(first)
    return conversation.say(then)


# Persona round 89: a no in form to the suicide question that tells the thoughts all the same.

@pytest.mark.parametrize("answer", [
    "bof non, pas de projet… juste des idées qui tournent la nuit",
    "pas vraiment, ça me traverse l'esprit des fois mais je ferai rien",
    "non enfin j'y pense parfois le soir",
    "non pas au point de passer à l'acte",
])
def test_passive_thoughts_told_in_a_no_are_a_yes(answer):
    turn = reply_after("des fois je me dis que ce serait mieux si je me réveillais plus", answer)
    assert turn.kind == "suicide" and turn.case == CASE_OPEN
    assert turn.lines[0] == crisis_content().text("thoughts_all_the_same")
    assert "3114" in turn.lines[-1]


@pytest.mark.parametrize("answer", ["non pas du tout, je vais bien", "non", "non jamais, aucune idée de ce genre",
                                    "non j'ai pas de pensées comme ça"])
def test_a_plain_no_stays_a_no(answer):
    turn = reply_after("des fois je me dis que ce serait mieux si je me réveillais plus", answer)
    assert turn.case is None and not turn.open


def test_what_to_do_tonight_if_the_thoughts_come_back_is_answered_in_the_dialogue():
    turn = reply_after("j'ai des idées noires en ce moment", "et cette nuit si ces idées reviennent je fais comment ?")
    assert turn.lines == (crisis_content().dialogue["thoughts_answers"]["thoughts_return"],)


def test_the_thoughts_coming_back_after_a_no_are_asked_about_again():
    conversation = Conversation()
    conversation.say("je vois plus trop à quoi ça sert tout ça")
    conversation.say("non")
    turn = conversation.say("et si mes idées reviennent ce soir ?")
    assert turn is not None and turn.ask_yes_no and turn.kind == "suicide"


def test_a_person_asked_with_the_cost_of_a_psychologist_gets_both():
    turn = reply_after("j'ai des idées noires en ce moment", "j'aimerais parler à quelqu'un de vrai mais un psychologue c'est trop cher pour moi")
    assert turn.case == CASE_OPEN
    assert turn.lines[-1] == crisis_content().dialogue["thoughts_answers"]["psy_cost"]
    assert "Mon soutien psy" in turn.lines[-1] and "CMP" in turn.lines[-1]


# Persona round 89: a gas leak with children, in my own words.

def test_a_gas_smell_gets_out_first_and_the_gas_line():
    turn = Conversation().say("il y a une grosse odeur de gaz dans l'entrée de la maison")
    assert turn.lines[0] == crisis_content().text("gas_first")
    assert turn.lines[0].startswith("Odeur de gaz : sortez") and "0 800 47 33 33" in turn.lines[0]


def test_a_fire_keeps_the_danger_first_reply():
    turn = Conversation().say("ça sent le gaz et il y a des flammes sous la hotte")
    assert turn.lines[0] != crisis_content().text("gas_first")


def test_the_children_beside_a_busy_line_do_not_hide_it():
    turn = reply_after("fuite de gaz chez nous, ça sent très fort", "nous sommes sortis avec les enfants, le 18 est occupé")
    assert turn.lines == (crisis_content().dialogue["line_busy"]["danger"],)


def test_symptoms_after_a_gas_leak_are_linked_to_what_was_breathed():
    turn = reply_after("fuite de gaz chez nous, ça sent très fort", "ma fille a des vertiges et elle a vomi")
    assert turn.lines == (crisis_content().text("health_signs_danger"),)


@pytest.mark.parametrize("text", ["c'est bon, le danger est écarté, tout va bien",
                                  "GRDF a réparé, la fuite est colmatée, tout va bien"])
def test_a_danger_over_is_no_false_alarm(text):
    turn = reply_after("fuite de gaz chez nous, ça sent très fort", text)
    assert turn.case != CASE_FALSE_ALARM and not turn.open
    assert turn.lines == (crisis_content().text("emergency_over"),)


def test_once_the_firemen_are_there_a_confident_track_question_is_an_aside():
    conversation = Conversation()
    conversation.say("fuite de gaz chez nous, ça sent très fort")
    conversation.say("les pompiers sont arrivés")
    assert conversation.state["reached"]
    message = CitizenMessage("comment je fais à manger ce soir pour les enfants sans gaz ?", "track_alimentation")
    assert not takes_message(conversation.state, message, 0.95, in_dialogue=True)


def test_the_question_answered_with_the_thoughts_themselves_is_a_yes():
    turn = reply_after("je vois plus trop à quoi ça sert tout ça", "franchement je me dis que ce serait plus simple si je me réveillais pas le matin")
    assert turn.case == CASE_OPEN and turn.kind == "suicide"
    assert turn.lines[0] == crisis_content().text("thoughts_all_the_same")


# Persona round 90: an emergency's practical questions, answered inside the dialogue.

FLOOD = "l'eau rentre dans la maison, on a déjà les pieds dans l'eau au salon"
FLOOD_POWER = crisis_content().dialogue["danger_answers"]["flood_power"]


@pytest.mark.parametrize("question", ["on doit couper l'électricité ? le tableau est dans le garage inondé",
                                      "j'abaisse le disjoncteur ou pas",
                                      "faut couper le courant avec toute cette eau ?"])
def test_the_switchboard_in_a_flood_is_answered_never_with_wet_feet(question):
    turn = reply_after(FLOOD, question)
    assert turn.lines == (FLOOD_POWER,) and "pieds dans l'eau" in FLOOD_POWER


def test_a_busy_line_and_the_switchboard_are_both_answered_and_asked_again_said_again():
    conversation = Conversation()
    conversation.say(FLOOD)
    turn = conversation.say("le 18 sonne occupé. le disjoncteur je l'abaisse ?")
    assert turn.lines[0].startswith(crisis_content().dialogue["line_busy"]["danger"]) and FLOOD_POWER in turn.lines[0]
    conversation.say("j'abaisse le disjoncteur ou pas")
    again = conversation.say("mais alors, le disjoncteur, j'y touche ?")
    assert again.lines[0].startswith("Je vous le redis") and FLOOD_POWER in again.lines[0]


def test_a_gas_meter_is_still_gas_not_the_switchboard():
    turn = reply_after("fuite de gaz chez nous, ça sent très fort", "je coupe le compteur de gaz ?")
    assert "0 800 47 33 33" in turn.lines[-1] and FLOOD_POWER not in turn.lines[-1]


def test_what_to_take_upstairs_in_a_flood():
    turn = reply_after(FLOOD, "on monte au grenier, on emporte quoi ?")
    assert "lampe de poche" in turn.lines[0] and "Ne redescendez pas" in turn.lines[0]


def test_warmth_while_waiting_outside_after_carbon_monoxide_is_the_dialogues_not_a_heater():
    conversation = Conversation()
    conversation.say("le poêle à pétrole tournait toute la nuit, ce matin mon fils a la nausée et mal au crâne")
    conversation.say("on est dehors, les pompiers sont là")
    question = "les petits ont froid, on peut s'installer dans l'auto moteur allumé ?"
    # Even read confidently as energy, the question is the emergency's (persona round 90: a
    # paraffin heater was advised right after the poisoning).
    assert takes_message(conversation.state, CitizenMessage(question, "track_energie"), 0.95, in_dialogue=True)
    turn = conversation.say(question, "track_energie")
    assert "pot d'échappement" in turn.lines[0] and "jamais dans un garage" in turn.lines[0]
    assert "pétrole" not in turn.lines[0]


@pytest.mark.parametrize("text", ["l'eau est redescendue, les pompiers sont repartis",
                                  "on est en sécurité maintenant, merci",
                                  "le samu emmène mon père aux urgences, moi ça va"])
def test_an_emergency_told_over_in_other_words_ends_the_dialogue(text):
    first = FLOOD if "eau" in text else "mon père est tombé, il ne répond plus quand je lui parle"
    turn = reply_after(first, text)
    assert not turn.open and turn.case != CASE_FALSE_ALARM


def test_a_question_beside_an_emergency_over_goes_to_its_track_when_the_model_is_fairly_sure():
    conversation = Conversation()
    conversation.say(FLOOD)
    turn = conversation.say("l'eau est redescendue. pour l'assurance on fait comment ?", "track_logement")
    assert not turn.open
    message = CitizenMessage("c'est fini, l'eau se retire. et l'assurance, on fait comment ?", "track_logement",
                             intent_confidence=0.6)
    assert next_turn({"open": True, "tier": CERTAIN, "kind": "danger", "step": 1, "last": ""}, message).then_track


# Persona round 90: a suicide dialogue, then a work button and « je parlais de l'usine ».

def _thoughts_told() -> Conversation:
    conversation = Conversation()
    assert conversation.say("je vois plus trop à quoi ça sert tout ça").ask_yes_no
    conversation.say("oui, ça m'arrive le soir")
    assert any(turn.case for turn in conversation.turns) and conversation.state["tier"] == CERTAIN
    return conversation


def test_a_tapped_track_button_beside_thoughts_told_is_an_aside():
    conversation = _thoughts_told()
    button = CitizenMessage('/sujet{"topic": "travail/entreprise_liquidation"}', "sujet")
    assert not takes_message(conversation.state, button, 1.0, in_dialogue=True)
    assert asks_aside(conversation.state, button, 1.0)
    # In an emergency before the secours are reached, a button does not leave it.
    emergency = {"open": True, "tier": CERTAIN, "kind": "danger", "step": 1, "last": ""}
    assert takes_message(emergency, button, 1.0, in_dialogue=True)


@pytest.mark.parametrize("text", ["?? non je parlais de mon boulot, la boîte ferme. je touche quoi ?",
                                  "vous avez mal compris, c'était sur le travail"])
def test_a_misread_point_after_thoughts_told_keeps_the_case(text):
    conversation = _thoughts_told()
    turn = conversation.say(text, "track_travail")
    assert turn.case != CASE_FALSE_ALARM and not turn.open
    assert turn.lines == (crisis_content().text("misread_point"),)


def test_a_joke_owned_after_thoughts_told_is_still_a_false_alarm():
    conversation = _thoughts_told()
    assert conversation.say("non mais je rigolais, c'était pour rire").case == CASE_FALSE_ALARM


def test_a_misread_point_after_a_message_only_read_as_a_crisis_is_still_a_false_alarm():
    conversation = Conversation()
    conversation.say("je vais me tuer")
    assert conversation.say("vous avez mal compris, je parlais du boulot").case == CASE_FALSE_ALARM


# Persona round 91: a heat stroke in an old woman, unrecognised for seven messages, then the
# fever's gentle advice.

@pytest.mark.parametrize("text", ["il fait 37 degrés chez nous et mon grand-père dit des choses incohérentes",
                                  "avec la canicule ma voisine est toute désorientée, elle transpire plus",
                                  "mon père fait un coup de chaleur je crois",
                                  "c'est une urgence médicale, répondez",
                                  "36 degrés depuis la coupure, mon grand-père dit des trucs incohérents",
                                  "avec cette canicule ma voisine ne transpire plus"])
def test_heat_with_confusion_or_an_urgence_medicale_is_a_medical_emergency(text):
    assert triage(text).tier == CERTAIN and triage(text).kind == "medical"


@pytest.mark.parametrize("text", ["comment éviter un coup de chaleur au chantier ?",
                                  "il fait trop chaud, mon pote il délire complet avec ses projets",
                                  "il fait chaud et mon fils dit n'importe quoi pour ne pas ranger",
                                  "quel numéro pour une urgence médicale le dimanche ?"])
def test_heat_talk_without_a_person_confused_is_no_emergency(text):
    assert triage(text).tier is None


def test_heat_told_after_the_first_reply_gives_the_heat_strokes_answers():
    conversation = Conversation()
    conversation.say("ma mère ne réagit plus, elle a 90 ans")
    cooling = conversation.say("avec cette chaleur je la rafraîchis comment ? un gant mouillé ?")
    assert cooling.lines[0].startswith("Coup de chaleur") and "Pas de bain si elle répond mal" in cooling.lines[0]
    medicine = conversation.say("je lui donne un doliprane ? elle avale mal")
    assert "rien par la bouche" in medicine.lines[0]


def test_help_that_is_late_after_a_call_is_answered_as_late():
    conversation = Conversation()
    conversation.say("mon mari s'est effondré dans la cuisine")
    conversation.say("j'ai appelé le 15, ils envoient une ambulance")
    late = conversation.say("ça fait 25 minutes que j'ai appelé, ils arrivent quand ?")
    assert "rappelez le 15" in late.lines[0]


def test_a_laugh_about_repetition_is_no_false_alarm():
    # Persona round 91: a 16-year-old's « mdr vs repetez tjr la meme chose » closed her case.
    conversation = Conversation()
    conversation.say("mon beau-père a frappé ma mère hier et j'ai peur, j'ai 16 ans")
    turn = conversation.say("mdr vs repetez tjr la meme chose")
    assert turn.case != CASE_FALSE_ALARM and turn.open


@pytest.mark.parametrize("question, needle", [
    ("si j'appelle le 119 ça va mettre mes parents dans la merde ? j'veux pas qu'on me place", "pas automatique"),
    ("et ma mère elle peut appeler qui ?", "3919"),
    ("y a pas un numéro pour les femmes qui se font taper ?", "3919"),
])
def test_a_young_persons_questions_about_calling_and_about_the_mother(question, needle):
    turn = reply_after("mon beau-père a frappé ma mère hier et j'ai peur, j'ai 16 ans", question)
    assert needle in turn.lines[0]


def test_self_harm_years_ago_is_a_gentle_question_and_its_return_a_crisis():
    assert triage("il y a 12 ans je me scarifiais, les cicatrices se voient encore, un tatouage peut les cacher ?").tier == QUESTION
    assert triage("il y a 12 ans je me coupais, et j'ai recommencé cette semaine").tier == CERTAIN


def test_the_heat_of_an_office_is_no_suffocation():
    assert triage("on étouffe dans cet atelier sans ventilation, 34 degrés, c'est légal ?").tier is None
    assert triage("j'étouffe, j'arrive plus à respirer").tier == CERTAIN


def test_a_gas_leak_told_as_past_for_the_insurance_is_no_new_alarm():
    assert triage("c'était une fuite de gaz hier soir, pour l'assurance je fais quoi ?").tier is None
    assert triage("c'était une fuite de gaz et ça sent encore dans l'entrée").tier == CERTAIN


def test_a_home_where_people_shout_all_the_time_is_asked_about():
    assert triage("jsp si c le bon endroit mais chez moi ça crie tout le temps").tier == QUESTION


def test_what_to_do_while_waiting_in_a_heat_stroke_is_cooling_and_a_late_ambulance_stays_in_the_dialogue():
    conversation = Conversation()
    conversation.say("37 degrés depuis la coupure, mon père de 84 ans dit des trucs incohérents")
    waiting = conversation.say("j'ai appelé le 15, ils arrivent. je fais quoi en attendant ?")
    assert "Coup de chaleur" in waiting.lines[0]
    late = CitizenMessage("ça fait 20 minutes, l'ambulance arrive quand ?", "track_mobilite")
    assert takes_message(conversation.state, late, 0.97, in_dialogue=True)


def test_a_yes_to_the_question_about_someone_else_keeps_that_kind():
    # Persona round 92: the answer's model reading (danger) gave the writer's danger block.
    state = {"open": True, "tier": QUESTION, "kind": "other_at_risk", "asked": 1, "last": ""}
    message = CitizenMessage("oui peut-être, je sais pas s'il en a pris", None, Triage(QUESTION, "danger"))
    assert next_turn(state, message).kind == "other_at_risk"


def test_someone_behind_a_closed_door_in_the_cold_gets_the_firemen_not_a_suicide_reply():
    # Persona round 92: a neighbour of 84 who had not opened for two days at -5 °C got « lui
    # demander si elle pense au suicide », then « je casse la porte ? » three times unanswered.
    conversation = Conversation()
    first = conversation.say("ma voisine de 84 ans n'ouvre plus sa porte depuis 2 jours, il fait -5 et plus de courant dans l'immeuble")
    assert first.kind == "medical" and "18" in first.lines[-1] and "suicide" not in first.lines[-1]
    assert "Ne forcez pas la porte" in first.lines[-1]
    door = conversation.say("je dois defoncer sa porte ?")
    assert "pompiers ouvrent" in door.lines[-1]
    calling = conversation.say("ok donc j'appelle le 18 ? ils vont ouvrir la porte eux ?")
    assert "pompiers qui ouvrent" in calling.lines[-1] and "médecin" not in calling.lines[-1]
    waiting = conversation.say("j'ai appelé le 18 ils arrivent. je lui mets des couvertures ? je lui donne a boire chaud ?")
    assert "couvertures" in waiting.lines[-1] and "jamais d'alcool" in waiting.lines[-1]
    assert "Urgence médicale : 15" not in waiting.lines[-1]
    over = conversation.say("les pompiers l'ont trouvée, elle était tombée, elle est vivante, ils l'emmènent")
    assert not over.open


def test_the_closed_door_reminder_names_the_firemen():
    conversation = Conversation()
    conversation.say("mon oncle de 90 ans ne répond plus depuis hier et il n'a plus de chauffage")
    turn = conversation.say("je suis devant chez lui")
    assert "18" in turn.lines[-1] and "Urgence médicale : 15" not in turn.lines[-1]


def test_a_son_who_may_have_taken_pills_gets_the_15_and_his_mother_the_follow_up_care():
    # Persona round 92: a mother got the writer's danger block, « Une fois à l'abri, prévenez un
    # proche », then a budget questionnaire for « CMP ou Maison des ados ».
    conversation = Conversation()
    first = conversation.say("je viens de trouver les anxiolytiques de ma mère dans la chambre de mon fils de 15 ans, "
                             "il m'a dit laisse moi tranquille je veux juste dormir pour toujours")
    assert first.kind == "other_at_risk"
    doubt = conversation.say("je sais pas s'il en a pris, il a l'air fatigué")
    assert doubt.kind == "medical" and "15" in doubt.lines[-1] and "vomir" in doubt.lines[-1]
    assert doubt.case == "raise"
    boxes = conversation.say("j'appelle le samu. je garde les boites de medicaments ?")
    assert "gardez les boîtes" in boxes.lines[-1]
    after = conversation.say("le samu est venu, il a pris 4 comprimés, ils le gardent en observation à l'hopital cette nuit. "
                             "il a besoin d'un psy ? je peux appeler qui pour moi ?")
    assert not after.open and "3114" in after.lines[0] and "Maison des adolescents" in after.lines[-1]


def test_where_to_find_a_psychologist_for_a_teenager_is_answered_in_the_dialogue():
    conversation = Conversation()
    conversation.say("mon ado de 15 ans m'a dit qu'il voulait mourir")
    turn = conversation.say("CMP ou Maison des ados, comment je trouve ?")
    assert "Maison des adolescents" in turn.lines[-1] and "Appeler ne veut pas dire" not in turn.lines[-1]


def test_water_rising_beside_someone_who_cannot_walk_is_a_danger_and_her_oxygen_is_answered():
    # Persona round 93: the flood with a mother of 84 who cannot walk was asked about, then
    # « maman est sous oxygène… la bouteille de secours dure combien ? » got « je vous lis ».
    conversation = Conversation()
    first = conversation.say("l'eau monte dans ma rue, elle est deja dans le garage et j'ai ma mere de 84 ans à l'etage qui peut pas marcher")
    assert first.kind == "danger" and first.case == "open"
    turn = conversation.say("maman est sous oxygene, son concentrateur marche sur le secteur, la bouteille de secours dure combien ?")
    assert "prestataire" in turn.lines[-1] and "prioritaire" in turn.lines[-1]


def test_evacuated_what_to_take_and_where_to_sleep_are_both_answered():
    # Persona round 93: « je prends quoi comme papiers et médicaments ? et après on dort où ? »
    # got « ne donnez pas de médicament », and the night was left unanswered twice.
    conversation = Conversation()
    conversation.say("l'eau monte dans la maison, on est coincés à l'étage")
    turn = conversation.say("on va etre evacués. je prends quoi comme papiers et medicaments ? et apres on dort ou ?")
    assert "Ne donnez pas de médicament" not in turn.lines[-1]
    assert "papiers" in turn.lines[-1] and "lieu d'accueil" in turn.lines[-1]


def test_heat_illness_told_by_the_writer_gets_the_signs_at_once_not_the_question():
    # Persona round 93: « je sais pas, je tiens debout » to « est-ce une urgence médicale ? »
    # after « coup de chaleur, vertiges, mal de tête » got the mobility coach; persona round 98:
    # a heart patient in a heat wave was asked the question, then whether she wanted to die.
    from relais.crisis_dialogue import _ask
    turn = _ask({}, "medical", "coup de chaleur, vertiges, mal de tête. j'appelle qui ?")
    assert not turn.ask_yes_no and turn.case is None and not turn.open
    assert turn.lines[0] == crisis_content().text("own_symptoms_heat") and "15" in turn.lines[0]
    other = _ask({}, "medical", "j'ai de la fièvre et la diarrhée depuis ce matin")
    assert other.lines[0] == crisis_content().text("own_symptoms") and "116 117" in other.lines[0]


def test_body_symptoms_the_models_read_as_suicide_are_a_medical_question():
    from relais.crisis_classifier import CrisisReading
    reading = CrisisReading(0.8, "suicide")
    assert triage("j'ai chaud et j'ai envie de vomir. je fais quoi", 0.9, "suicide", reading) == Triage(QUESTION, "medical")
    # A treatment and its supply is a practical question (persona round 98: a priority case).
    for text in ("je prends mes cachets pour le coeur, le furosemide, je continue avec la chaleur ?",
                 "Je prends un traitement pour le coeur, ma boîte finit la semaine prochaine. Le pharmacien peut me les apporter ?"):
        assert triage(text, 0.9, "suicide", reading) == Triage(), text
    assert triage("je veux mourir", 0.9, "suicide", reading).kind == "suicide"
    assert triage("j'ai gardé tous mes cachets de côté depuis des mois", 0.9, "suicide", reading).kind == "suicide"


def test_a_denial_of_what_relais_believed_is_no_crisis():
    # Persona round 98: « pas moi qui veux en finir » and « quand vous avez cru que je voulais
    # mettre fin à mes jours » opened two priority cases for a man asking about his pharmacy.
    for text in ("Mais pas du tout ! C'est ma boîte de médicaments qui sera vide, pas moi qui veux en finir.",
                 "Fermez le dossier ouvert quand vous avez cru que je voulais mettre fin à mes jours."):
        assert triage(text).tier is None, text
    conversation = Conversation()
    conversation.say("je vois plus trop à quoi ça sert tout ça")
    turn = conversation.say("Mais pas du tout, Monsieur ! Quelle idée.", model=0.95)
    assert turn.case is None


def test_insulin_left_downstairs_in_a_flood_is_answered_in_the_dialogue():
    # Persona round 94: « son insuline est restée en bas, je redescends ? », then « elle n'a pas
    # mangé, elle fait sa piqûre ? elle tremble » got the fridge advice of a power cut, the flooded
    # switchboard, then « je me suis trompé de sujet ».
    conversation = Conversation()
    conversation.say("l'eau monte dans la maison, on est coincés avec ma mère de 84 ans")
    back = conversation.say("on est en haut. son insuline est restée en bas dans la cuisine. je redescends la chercher ?")
    assert back.lines[-1].startswith("Ne redescendez pas") and "hypoglycémie" in back.lines[-1]
    hypo = conversation.say("y a pas de coupure de courant c'est une inondation ! elle a pas mangé, elle fait sa piqure ? elle tremble")
    assert "sucre" in hypo.lines[-1] and "disjoncteur" not in hypo.lines[-1]
    aside = CitizenMessage("en attendant pour son insuline je fais quoi ?", "track_energie", triage("insuline"), intent_confidence=0.9)
    assert takes_message(conversation.state, aside, 0.9, in_dialogue=True)


@pytest.mark.parametrize("first, question, expected", [
    # Blind crisis set C: each got « je vous lis ».
    ("l'eau rentre dans la maison à toute vitesse, on est au rdc", "on monte à l'étage ?", "montez à l'étage"),
    ("le groupe électrogène a pris feu dans le garage, ça fume partout", "j'essaie de l'éteindre avec de l'eau ?", "pas d'eau"),
    ("coincés sur l'autoroute sous la neige depuis 5h avec le bébé", "on le garde comment au chaud en attendant ?", "peau à peau"),
])
def test_a_dangers_practical_questions_are_answered(first, question, expected):
    conversation = Conversation()
    conversation.say(first)
    assert expected in conversation.say(question).lines[-1]


def test_thoughts_told_in_answer_to_the_question_are_not_taken_back_by_a_misread():
    # Persona round 95: a widower's « ce ne serait pas si mal de ne pas se réveiller le matin »,
    # then « je crois que vous m'avez mal compris » about evening messages: the case was closed
    # as a false alarm.
    conversation = Conversation()
    conversation.say("Je ne sers plus à grand-chose de toute façon. À mon âge, à quoi bon.")
    told = conversation.say("Je ne ferais pas de bêtise, je pense à mon fils. Mais le soir je me dis parfois "
                            "que ce ne serait pas si mal de ne pas se réveiller le matin.")
    assert told.case == CASE_OPEN
    misread = conversation.say("Je crois que vous m'avez mal compris. Je demandais si une personne pouvait me téléphoner.")
    assert misread.case != CASE_FALSE_ALARM


def test_a_call_asked_for_and_the_3114_asked_about_get_their_answers_even_after_the_dialogue():
    # Persona round 95: the fake-bank-adviser answer, then labour law's helplines.
    conversation = Conversation()
    conversation.say("je veux mourir, je n'en peux plus")
    call = conversation.say("je préférerais qu'on m'appelle au téléphone plutôt qu'écrire, c'est possible ?")
    assert "3114" in call.lines[-1] and "par écrit" in call.lines[-1]
    closed = {**conversation.state, "open": False}
    question = CitizenMessage("Le 3114, je peux les appeler même si je ne suis pas sur le point de faire quelque chose ?",
                              "track_travail", Triage(None, None), intent_confidence=0.9)
    assert takes_message(closed, question, 0.9, in_dialogue=False)
    turn = next_turn(closed, question, in_dialogue=False)
    assert turn.lines[0].startswith("Oui, tout à fait : le 3114") and turn.case is None


def test_a_confused_father_in_a_heat_wave_told_from_afar_is_the_15_at_once():
    # Persona round 95: a question, a heat-illness answer for the writer, then « pas compris ».
    turn = Conversation().say("mon pere 82 ans vit seul dernier etage pas de clim il fait 41 dehors, je viens de l'avoir "
                              "au tel il est bizarre, confus, il sait plus trop quel jour on est. c grave ??")
    assert turn.kind == "medical" and turn.case == CASE_OPEN
    assert turn.lines[0] == crisis_content().text("medical_far_first")


def test_a_child_who_is_fine_now_ends_the_emergency_and_gets_the_doctor_and_the_signs():
    # Persona round 96: « il va bien il joue, c'était cette nuit qu'il sifflait… je l'emmène chez
    # le médecin ou pas ? », then « y a PAS d'urgence médicale » got « appelez le 15 » for 8 turns.
    conversation = Conversation()
    conversation.say("je parle de mon fils qui respire mal la nuit, il a 2 ans. qui j appelle?")
    settled = conversation.say("non non la il va bien il joue, c etait cette nuit qu il sifflait. "
                               "je demande juste si je l emmene chez le medecin ou pas")
    assert not settled.open and settled.lines[0] == crisis_content().text("settled_see_a_doctor")
    again = Conversation()
    again.say("mon fils respire mal, il a 2 ans")
    assert not again.say("y a PAS d urgence medicale, personne attend les secours, mon fils va bien").open


def test_a_parent_asking_whether_it_is_serious_and_how_to_talk_tonight_gets_both_answers():
    # Persona round 96: « est-ce que c'est grave ? je lui dis que j'ai lu son téléphone ? » got a
    # burn-out answer for the mother, then the job-loss template.
    conversation = Conversation()
    conversation.say("Mon fils a 16 ans, j'ai vu sur son téléphone qu'il a écrit qu'il veut plus être là. J'ai peur")
    message = CitizenMessage("Est ce que c'est grave oui ou non ? Et pour le téléphone, je lui dis que j'ai vu ? "
                             "j'ai pleuré toute la matinée au travail", "track_travail",
                             Triage(None, None), intent_confidence=0.97)
    assert takes_message(conversation.state, message, 0.97, in_dialogue=True)
    turn = next_turn(conversation.state, message)
    assert turn.lines == (crisis_content().text("is_it_serious"), crisis_content().text("how_to_talk"))


# Persona round 97: a woman who hears her neighbour being beaten was asked three times
# « est-ce que quelqu'un vous fait du mal ? » and never got the 17 or the 3919.
@pytest.mark.parametrize("text", [
    "j'entends mon voisin qui frappe sa femme tous les soirs, je fais quoi ?",
    "ma soeur se fait taper par son mari, je sais pas comment l'aider",
    "j'entends encore des coups chez les voisins du dessus, c'est horrible",
])
def test_a_witness_of_violence_gets_a_witness_numbers_without_a_case(text):
    assert triage(text) == Triage(QUESTION, "violence")
    turn = Conversation().say(text)
    assert turn.case is None and turn.offer_person and not turn.ask_yes_no
    assert "17" in turn.lines[0] and "3919" in turn.lines[0]
    assert "vous fait du mal" not in turn.lines[0]


def test_a_witness_asked_about_herself_answers_for_the_neighbour_and_her_question_is_answered():
    conversation = Conversation()
    first = conversation.say("il y a des coups et des cris chez moi ce soir")
    assert first is not None
    turn = conversation.say("non pas moi c'est la voisine qui se fait taper par son mari")
    assert turn.case is None and "3919" in turn.lines[0]
    again = conversation.say("3919 ou 17 ?")
    assert again.case is None and again.lines[0] != turn.lines[0]
    assert "17" in again.lines[0] and "vous fait du mal" not in again.lines[0]


@pytest.mark.parametrize("text", [
    "dans le film d'hier soir le père frappe son fils, c'était dur à regarder",
    "mon voisin tape sa haie tous les dimanches avec une cisaille",
    "il me frappe et il bat sa fille aussi",
])
def test_violence_in_a_film_or_suffered_by_the_writer_is_no_witness(text):
    from relais.safety import tells_witnessed_violence
    assert not tells_witnessed_violence(text)


def test_an_accident_wished_for_is_asked_about():
    # Persona round 97: a night nurse, missed inside the work questionnaire.
    for text in ("parfois je me dis qu'un accident sur la route ce serait plus simple",
                 "franchement ce serait plus simple si j'avais un accident"):
        assert triage(text) == Triage(QUESTION, "suicide"), text
    for text in ("ce serait mieux d'appeler le garage demain",
                 "un accident ce serait mieux de le déclarer vite ?"):
        assert triage(text).tier is None, text


def test_whether_the_employer_will_know_is_answered_in_the_dialogue():
    conversation = Conversation()
    conversation.say("je vois plus trop à quoi ça sert tout ça")
    conversation.say("oui")
    turn = conversation.say("ça va pas remonter à mon cadre j'espère, je veux pas perdre mon poste")
    assert turn.lines[0] == crisis_content().text("employer_told")


def test_a_mother_who_no_longer_answers_gets_the_firemen_then_how_to_check_on_her():
    # Persona round 97 (P9709): at work 40 min away; the hesitation, the neighbour's number and
    # « la police peut passer voir si elle va bien ? » were answered with « je vous lis ».
    conversation = Conversation()
    first = conversation.say("ma mere 82 ans repond plus au tel depuis ce matin, elle vit seule, il fait 39 "
                             "dehors et moi je suis au travail a 40 min. je fais quoi???")
    assert first.kind == "medical" and "18" in first.lines[0]
    hesitation = conversation.say("j'appelle pas le samu pour rien, elle est peut-être juste sortie")
    assert "juste sortie" in hesitation.lines[0] and "18" in hesitation.lines[0]
    neighbour = conversation.say("comment je trouve le num de la voisine ?")
    assert "gardien" in neighbour.lines[0]
    police = conversation.say("la police peut passer voir si elle va bien ?")
    assert police.case != CASE_FALSE_ALARM and "17" in " ".join(police.lines)
    assert conversation.state.get("open") is not False


def test_whether_to_drive_tonight_is_answered_after_an_accident_wished_for():
    # Persona round 97: a night nurse asked three times whether to drive; she got safety-plan lines.
    conversation = Conversation()
    conversation.say("parfois je me dis qu'un accident sur la route ce serait plus simple")
    conversation.say("oui un peu")
    turn = conversation.say("je conduis ce soir ou pas ? j'ai peur de m'endormir en conduisant")
    assert turn.lines[0] == crisis_content().text("drive_tonight")
    assert "ne prenez pas le volant" in turn.lines[0]


def test_the_review_of_round_98s_fixes_keeps_real_crises():
    # A review of this session's changes found crises the new exclusions let through.
    from relais.crisis_classifier import CrisisReading
    sure = CrisisReading(0.9, "suicide")
    assert triage("je ne suis pas suicidaire mais des fois j'aimerais mourir").tier == CERTAIN
    assert triage("je suis pas suicidaire, j'ai juste envie de disparaître").tier is not None
    for text in ("j'ai une boîte entière de cachets pour le cœur, je vais tout prendre ce soir",
                 "j'arrête mon traitement pour le cœur, j'ai plus envie de continuer",
                 "j'ai bu de la javel, j'ai mal au ventre"):
        assert triage(text, 0.95, "suicide", sure).kind == "suicide", text
    assert triage("je sers à rien dans la vie").tier == QUESTION
    assert triage("un accident ce serait plus simple que de continuer").tier == QUESTION
    # A no taken back is a yes; a yes about the writer after the violence question is no witness.
    for answer in ("non… enfin si, j'y pense tous les soirs", "jamais… sauf le soir"):
        conversation = Conversation()
        conversation.say("je vois plus trop à quoi ça sert tout ça")
        assert conversation.say(answer).case == CASE_OPEN, answer
    conversation = Conversation()
    conversation.say("il y a des coups et des cris chez moi ce soir")
    assert conversation.say("oui, c'est mon copain qui me pousse").case == CASE_OPEN
    # A witness who then tells her own violence is asked about it.
    conversation = Conversation()
    conversation.say("ma voisine se fait frapper par son mari, je fais quoi")
    turn = conversation.say("mon copain me pousse quand il a bu, j'ai peur de rentrer ce soir")
    assert turn.ask_yes_no or turn.case == CASE_OPEN
    # « est-ce qu'il va bien ? » is no emergency over.
    conversation = Conversation()
    conversation.say("mon père est tombé, il respire mal")
    assert conversation.say("est-ce qu'il va bien ? il respire bizarrement").case != CASE_FALSE_ALARM
    assert conversation.state.get("open") is not False


def test_a_witness_told_in_sms_words_stays_a_witness_and_is_answered_about_being_known():
    # Persona round 99: « mon voisin il tape sa meuf », « c elle qui prend des coups » were not a
    # witness's words; « elle se fait frapper, j'appelle le 17 ? » then got a victim's block and a
    # priority case; « ils vont dire au voisin que c moi ? » got « pas de réponse sûre ».
    talk = Conversation()
    first = talk.say("mon voisin il tape sa meuf presque toutes les nuits jlentend a travers le mur, elle crie")
    assert first.lines == (crisis_content().text("violence_witness"),) and first.case is None
    again = talk.say("wtf jte parle de violences conjugales, elle se fait frapper. jappel le 17 ou pas?? jai peur que le mec sache que c moi")
    assert again.case is None
    assert again.lines == (crisis_content().text("violence_witness_again"), crisis_content().text("violence_witness_anonymous"))
    asked = talk.say("si j'appel le 17 ils vont dire au voisin que c moi qui a appelé?")
    assert asked.lines == (crisis_content().text("violence_witness_anonymous"),) and asked.case is None
    assert talk.say("est ce que je dois aller sonner chez eux ?").lines == (crisis_content().text("violence_witness_intervene"),)


def test_a_witness_who_moves_on_is_no_longer_answered_by_the_crisis_dialogue():
    talk = Conversation()
    talk.say("nn c pas moi c la voisine, c elle qui prend des coups, hier soir c etait chaud")
    message = CitizenMessage("ok le 3919 jvais voir. sinon autre truc, ma facture d'elec a doublé",
                             None, triage("ok le 3919 jvais voir. sinon autre truc, ma facture d'elec a doublé"))
    assert next_turn(talk.state, message) is None
    assert not takes_message(talk.state, message, 0.9, in_dialogue=True)


def test_after_thoughts_of_suicide_a_partner_kept_in_the_dark_and_sleepless_nights_are_answered():
    # Persona round 99: « mon mari ne sait pas à quel point ça va mal » got the budget coach,
    # « comment lui dire ? » nothing, « je ne dors plus » a Livret A.
    talk = Conversation()
    talk.say("Parfois je me dis que ce serait plus simple de ne plus être là.")
    told = talk.say("Oui, je suis chez moi. Je ne ferai rien. Mon mari ne sait pas à quel point ça va mal.")
    assert told.lines == (str(crisis_content().dialogue["thoughts_answers"]["tell_close_one"]),)
    again = talk.say("C'est moi qui n'arrive pas à lui en parler. Comment lui dire ?")
    assert again.lines == (str(crisis_content().dialogue["thoughts_answers"]["tell_close_one_again"]),)
    assert "médecin traitant" in talk.say("Et je ne dors plus, trois heures par nuit.").lines[0]


def test_how_one_feels_told_after_thoughts_of_suicide_keeps_the_dialogue_whatever_track_the_model_hears():
    state = Conversation()
    state.say("Parfois je me dis que ce serait plus simple de ne plus être là.")
    text = "Trente ans à l'usine et maintenant plus rien, je me sens inutile, mon travail c'était toute ma vie"
    message = CitizenMessage(text, "track_travail", triage(text), intent_confidence=0.99)
    assert takes_message(state.state, message, 0.99, in_dialogue=True)


def test_once_safe_or_helped_a_question_about_something_else_leaves_the_dialogue():
    # Persona round 100: after « je suis à l'abri », « ils envoient une patrouille », « je ferai
    # jamais rien », insurance, food and the CAF got the numbers again for up to nine turns.
    talk = Conversation()
    talk.say("Des fois je me dis que tout le monde serait mieux sans moi.")
    talk.say("oui je suis en sécurité, je ferai jamais rien, j'ai mes enfants.")
    assert talk.state.get("settled")
    question = "d'accord. Et depuis que mon conjoint est parti il donne rien pour les enfants, j'ai droit à quelque chose à la CAF ?"
    assert not takes_message(talk.state, CitizenMessage(question, None, triage(question)), 0.0, in_dialogue=True)
    feeling = "c'est juste que c'est trop lourd, je me sens tellement seule"
    assert takes_message(talk.state, CitizenMessage(feeling, None, triage(feeling)), 0.0, in_dialogue=True)


def test_before_safe_a_question_about_something_else_stays_in_a_suicide_dialogue_unless_the_model_is_sure():
    talk = Conversation()
    talk.say("Des fois je me dis que tout le monde serait mieux sans moi.")
    question = "et la CAF ça se passe comment ?"
    assert takes_message(talk.state, CitizenMessage(question, None, triage(question)), 0.0, in_dialogue=True)


def test_a_flood_switchboard_asked_under_the_danger_question_is_answered():
    # Persona round 100: « je peux toucher le disjoncteur les pieds dans l'eau ? » got « êtes-vous
    # en danger ? » three times.
    flood_power = str(crisis_content().dialogue["danger_answers"]["flood_power"])
    text = "de l'eau partout dans le salon, je fais quoi pour l'électricité, y a des prises en bas"
    asked = next_turn(None, CitizenMessage(text, None, Triage(QUESTION, "danger")))
    assert asked.lines[0] == flood_power and asked.ask_yes_no
    no = next_turn(asked.state, CitizenMessage("non personne est blessé mais j'ose pas toucher le disjoncteur", None, Triage()))
    assert no.lines == (flood_power,) and not no.open
    again = CitizenMessage("je veux juste savoir si je peux toucher le disjoncteur les pieds dans l'eau", None, Triage())
    assert takes_message(no.state, again, 0.0, in_dialogue=False)
    assert next_turn(no.state, again, in_dialogue=False).lines == (flood_power,)


def test_a_neighbour_who_reports_a_child_is_answered_as_a_neighbour_until_the_police_is_called():
    # Persona round 100: « restez près de l'enfant » to a neighbour, « ils vont placer le petit ? »
    # and « le 119, ils viennent ce soir ? » unanswered, « c'est fait, ils envoient une
    # patrouille » never acknowledged, then his food question lost behind the 119's hours.
    text = "ca fait des semaines que le voisin gueule sur son fils et le tape, on entend le petit qui pleure"
    first = next_turn(None, CitizenMessage(text, None, Triage(CERTAIN, CHILD)))
    assert first.state["writer"] == "neighbour"
    answers = crisis_content().dialogue["child_answers"]
    placement = next_turn(first.state, CitizenMessage("si j'appelle la police ils vont placer le petit ?", None, Triage()))
    assert placement.lines == (answers["placement"],)
    what = next_turn(placement.state, CitizenMessage("ça fait quoi concrètement le 119 ? ils viennent ce soir ?", None, Triage()))
    assert what.lines == (answers["what_119_does"],) and not what.state.get("settled")
    calling = next_turn(what.state, CitizenMessage("bon j'appelle le 17 là ça tape trop", None, Triage()))
    assert calling.lines == (crisis_content().text("police_calling"),)
    called = next_turn(calling.state, CitizenMessage("c'est fait ils envoient une patrouille", None, Triage()))
    assert called.lines == (crisis_content().dialogue["help_called"]["child"],) and called.state.get("settled")
    food = CitizenMessage("sinon autre truc, ma bourse est pas tombée et j'ai plus rien à manger", None, Triage())
    assert not takes_message(called.state, food, 0.0, in_dialogue=True)
    assert not any("restez près de l'enfant" in line for line in crisis_content().lines("child_neighbour_safety"))


def test_a_teenager_whose_father_hits_his_mother_at_home_is_a_child_in_danger_and_his_questions_are_answered():
    # Persona round 101: a boy of 17 got a neighbour's numbers, then the adult victim's block
    # (3919, a bag to leave fast); « il va en prison ? », « le 119 c'est pour les petits ? »,
    # « l'infirmière du lycée va le dire à mes parents ? » were never answered.
    answers = crisis_content().dialogue["child_answers"]
    talk = Conversation()
    first = talk.say("en fait chez moi c'est chaud le soir. mes parents se disputent et des fois mon père il tape ma mère")
    assert first.kind == CHILD and first.case == CASE_OPEN
    assert talk.say("oui là ça va il est au boulot. si j'appelle il va en prison ou pas ?").lines == (answers["prison"],)
    assert talk.say("le 119 c'est pour les petits non ? c'est pas si grave").lines == (answers["for_me"],)
    assert talk.say("et l'infirmière du lycée je peux lui parler ? elle va le dire à mes parents ?").lines == (answers["school_staff"],)
    bourse = CitizenMessage("bref autre truc, ma bourse du lycée est toujours pas arrivée, c'est normal ?", None, Triage())
    assert not takes_message(talk.state, bourse, 0.0, in_dialogue=True)


def test_a_witness_who_fears_the_man_is_still_a_witness():
    # Persona round 101: « j'ai aussi peur de lui » made a witness of bruises a victim.
    from relais.violence_witness import witnesses_violence
    assert witnesses_violence("j'entends le voisin du dessus crier sur sa femme tous les soirs, des choses qui se cassent, "
                              "elle avait des bleus sur le bras. J'ai peur pour elle mais j'ai aussi peur de lui")
    assert not witnesses_violence("mon mari me frappe, j'ai peur de lui")


def test_drinking_told_after_thoughts_of_suicide_is_acknowledged_with_its_line():
    # Persona round 101: « le soir j'ouvre la 3e bière et là je commence à ruminer » was never named.
    talk = Conversation()
    assert talk.say("des fois je me dis que disparaître ce serait plus simple").kind == "suicide"
    turn = talk.say("quand je suis seul le soir j'ouvre la 3e bière et là je commence à ruminer")
    assert "0 980 980 930" in turn.lines[0]


def test_a_man_hit_by_his_partner_gets_numbers_for_him_and_a_misread_turn_keeps_the_case():
    # Persona round 102: « je suis un mec », « le 3919 c'est pour les femmes non ? », three times
    # the 3919 Violences Femmes Info; then « je parlais du chien » closed the case as a false alarm.
    first = next_turn(None, CitizenMessage("hier soir mon copain m'a poussé dans l'escalier, j'ai le poignet bleu, "
                                           "je sais pas si ça compte vu que je suis un mec", "crise", Triage(CERTAIN, VIOLENCE)))
    assert "un homme aussi" in " ".join(first.lines) and first.state["writer"] == "man"
    asked = next_turn(first.state, CitizenMessage("y a un numero pour les hommes ou pas ?", "inform", Triage()))
    assert "116 006" in " ".join(asked.lines)
    dog = next_turn(first.state, CitizenMessage("je parlais du chien la. je peux le prendre avec moi ou il peut "
                                                "m'accuser de vol ?", "inform", Triage()))
    assert dog.case != CASE_FALSE_ALARM and "animal" in " ".join(dog.lines)
    misread = next_turn(first.state, CitizenMessage("vous avez mal compris, je parlais de mon boulot", "inform", Triage()))
    assert misread.case != CASE_FALSE_ALARM and misread.state["open"]


def test_a_parent_of_a_child_who_cuts_himself_gets_answers_to_his_questions():
    # Persona round 102: a father asked five times whether to go to the ER tonight, whether it
    # stays confidential and whether to tell the school, and got the 3114's line each time; « je
    # dois forcer la porte ? » was read as a break-in.
    first = next_turn(None, CitizenMessage("des coupures sur les bras de mon fils de 16 ans, il s'est enfermé",
                                           "crise", Triage(CERTAIN, "other_at_risk")))
    door = "je sais pas si je dois forcer la porte"
    assert triage(door).tier is None
    replies = {text: " ".join(next_turn(first.state, CitizenMessage(text, "inform", Triage())).lines) for text in (
        door, "urgences ce soir oui ou non ?", "est ce que c'est confidentiel, il va y avoir un signalement ?",
        "et le lycée je leur dis ou pas ?")}
    assert "ne forcez pas" in replies[door]
    assert "Urgences ce soir" in replies["urgences ce soir oui ou non ?"]
    assert "tenus au secret" in replies["est ce que c'est confidentiel, il va y avoir un signalement ?"]
    assert "prévenir le lycée" in replies["et le lycée je leur dis ou pas ?"]


def test_a_means_told_and_then_taken_back_keeps_the_case_and_the_dialogue():
    # Persona round 103: « des fois. la voiture dans le garage fermé, j'ai regardé combien de
    # temps ça prend » got the question again, « je viens de vous le dire » was read as a no, and
    # « c'était une façon de parler » closed the case.
    question = next_turn(None, CitizenMessage("ma femme est partie, je suis seul, les crédits tombent", "crise",
                                              Triage(QUESTION, "suicide")))
    told = next_turn(question.state, CitizenMessage("je viens de vous le dire", "inform", Triage()))
    assert told.state.get("tier") == CERTAIN
    plan = next_turn(told.state, CitizenMessage("des fois. la voiture dans le garage fermé. j'ai regardé combien de "
                                                "temps ça prend", "inform", Triage()))
    assert plan.case == CASE_RAISE
    back = next_turn(plan.state, CitizenMessage("le truc du garage c'était une façon de parler. laissez tomber", "inform", Triage()))
    assert back.case != CASE_FALSE_ALARM and back.state["open"]


def test_someone_found_after_not_answering_in_a_heat_wave_gets_the_heat_strokes_first_aid():
    # Persona round 103: « elle a ouvert, consciente mais confuse, peau brûlante » got « personne
    # qui n'ouvre plus : les pompiers ouvrent la porte » three times.
    first = next_turn(None, CitizenMessage("ma mère de 70 ans ne répond plus au téléphone depuis ce matin, avec 37°C, "
                                           "je suis au travail", "crise", Triage(CERTAIN, "medical")))
    assert first.state["writer"] == "unanswering"
    found = next_turn(first.state, CitizenMessage("Elle a OUVERT, ma mère est là, consciente mais confuse, peau brûlante",
                                                  "inform", Triage()))
    assert "coup de chaleur" in found.lines[0] and "15" in found.lines[0]


def test_ones_own_hours_in_a_long_message_are_no_quiet_time():
    # Persona round 103: « je ne peux pas quitter le service avant 7h » became « aucun message de
    # l'équipe avant 7 h » on a crisis case.
    from relais.contact_wishes import read_contact
    text = ("Ma mère ne répond plus au téléphone depuis ce matin. Je suis infirmière de nuit, je ne peux pas quitter "
            "le service avant 7h. Je fais quoi maintenant ?")
    assert read_contact(text, True).wishes.quiet_until is None
    assert read_contact("pas le soir svp", True).wishes.quiet_from == 18


def test_a_neighbour_unsure_of_the_word_danger_for_a_child_left_alone_gets_the_119():
    # Persona round 103: « je ne sais pas si on peut dire en danger… il est seul ce soir et il
    # pleure » got the question twice, then « pardon si la question a surpris ».
    question = next_turn(None, CitizenMessage("Mes voisins du dessus ont un petit garçon de 8 ans, seul presque tous les "
                                              "soirs, il m'a demandé du pain. Je ne sais pas quoi faire.", "crise",
                                              Triage(QUESTION, CHILD)))
    answer = next_turn(question.state, CitizenMessage("Je ne sais pas si on peut dire en danger. Ce soir il pleure, "
                                                      "je crois que les parents ne sont pas là.", "inform", Triage()))
    assert "119" in " ".join(answer.lines) and answer.state["writer"] == "neighbour" and answer.case == CASE_OPEN


def test_the_one_who_was_unwell_and_feels_better_gets_the_warning_signs_and_is_let_go():
    # Persona round 106: an elderly woman better the next morning still got « 15 ou 112, tout de
    # suite » and « déverrouillez la porte » for every question.
    first = next_turn({}, CitizenMessage("j'ai 82 ans, j'ai la tête qui tourne, il fait si chaud, je me sens très mal",
                                         None, Triage(CERTAIN, "medical")))
    assert first.state["writer"] == "self"
    better = next_turn(first.state, CitizenMessage("je me suis mise au frais et j'ai bu, ça va un peu mieux", None, Triage()))
    assert better.lines == (crisis_content().text("medical_self_better"),) and not better.state["open"]
    fan = CitizenMessage("est-ce que vous savez où trouver un ventilateur pas cher ?", "track_logement", Triage(),
                         intent_confidence=0.6)
    assert not takes_message(better.state, fan, 0.6, True)


def test_better_but_a_sign_still_there_keeps_the_emergency():
    first = next_turn({}, CitizenMessage("j'ai la tête qui tourne, je me sens très mal", None, Triage(CERTAIN, "medical")))
    turn = next_turn(first.state, CitizenMessage("ça va mieux mais j'ai encore la tête qui tourne", None, Triage()))
    assert turn.state["open"] and "15" in turn.lines[-1]


def test_a_firm_no_with_sadness_and_loneliness_is_heard_without_the_crisis_block():
    # Persona round 107: a widow of 74 who said « non, jamais une chose pareille » got the crisis
    # block and a priority case, later closed as a false alarm.
    asked = next_turn({}, CitizenMessage("personne n'est monté me voir depuis des semaines, certains jours je ne me lève "
                                         "même plus, à quoi bon", None, Triage(QUESTION, "suicide")))
    text = "Non, tout de même pas, je ne ferais jamais une chose pareille. Mais je n'ai plus goût à grand-chose."
    turn = next_turn(asked.state, CitizenMessage(text, None, triage(text)))
    assert turn.lines == (crisis_content().text("no_question_low"),) and not turn.case and not turn.state["open"]


def test_a_no_with_a_person_asked_for_is_heard_and_the_person_comes_next():
    """Persona round 108: « non mais je voudrais parler à un humain » under the suicide question
    got « reprenons », and the request was lost."""
    conversation = Conversation()
    conversation.say("je suis à bout je vois plus trop à quoi ça sert tout ça")
    turn = conversation.say("non mais je voudrais parler à un humain")
    assert turn.then_person and turn.case is None and not turn.open
    assert turn.lines == (crisis_content().text("no_question_person"),)
    declined = Conversation()
    declined.say("je suis à bout je vois plus trop à quoi ça sert tout ça")
    assert not declined.say("non, je ne veux parler à personne").then_person


@pytest.mark.parametrize("answer", ["non. de toute façon rien ne sert à rien", "non, enfin je sais plus, tout est foutu",
                                    "non. j'ai plus d'espoir c'est tout"])
def test_a_no_with_hopelessness_is_heard_without_a_case_and_without_closing_coldly(answer):
    """Review F5: « pardon si la question a surpris, reprenons » after a no full of despair."""
    conversation = Conversation()
    conversation.say("je suis à bout je vois plus trop à quoi ça sert tout ça")
    turn = conversation.say(answer)
    assert turn.case is None and turn.lines == (crisis_content().text("no_question_despair"),)
    assert "3114" in turn.lines[0]


def test_a_childs_fever_in_a_heat_wave_gets_a_fevers_answers_the_room_and_the_doctor_on_duty():
    """Persona round 109: a toddler's fever in a heat wave got the heatstroke's ice, the same
    cooling line for the room, and « pas de réponse sûre » for a doctor on duty (116 117)."""
    content = crisis_content().dialogue["medical_answers"]
    conversation = Conversation()
    conversation.say("ma fille de 3 ans a 39,8 de fièvre, elle est toute molle, il fait 31 degrés avec la canicule")
    dose = conversation.say("j'ai du doliprane sirop, je peux lui en donner combien ? elle fait 14 kilos")
    assert dose.lines == (content["medicine_child_fever"],)
    cooling = conversation.say("je la déshabille ? je lui mets un gant mouillé ? il fait tellement chaud")
    assert cooling.lines[0].startswith(content["cooling_child_fever"]) and "cou, aux aisselles" not in cooling.lines[0]
    room = conversation.say("sa chambre est à 31°, comment je peux la rafraîchir ? je mets le ventilateur face à elle ?")
    assert room.lines == (content["room_cooling"],)
    not_yet = conversation.say("je peux appeler un médecin de garde plutôt ?")
    assert not_yet.lines == (content["on_duty_doctor_not_yet"],)  # the 15 first (a review)
    conversation.say("j'ai appelé le 15, le médecin m'a dit de la surveiller et de consulter demain")
    on_duty = conversation.say("notre pédiatre est fermé, comment je trouve un médecin de garde un dimanche ?")
    assert on_duty.lines == (content["on_duty_doctor"],) and "116 117" in on_duty.lines[0]


@pytest.mark.parametrize("answer", ["oui elle respire plus, elle est toute bleue", "oui, elle est inconsciente",
                                    "oui elle fait une convulsion, elle répond plus"])
def test_a_red_flag_in_the_yes_gets_the_emergency_lines_not_the_fevers(answer):
    """A review: the fever line, with « faites-le boire », to a child who stopped breathing."""
    from relais.crisis_dialogue import CitizenMessage, next_turn
    from relais.safety import Triage

    first = "ma fille de 3 ans a 39,8 de fièvre, je dois appeler qui ?"
    asked = next_turn(None, CitizenMessage(first, None, Triage(QUESTION, "medical")))
    turn = next_turn(asked.state, CitizenMessage(answer, "affirm", triage(answer)))
    assert crisis_content().text("medical_child_fever_first") not in turn.lines


def test_a_childs_fever_told_before_the_medical_question_is_remembered_in_the_yes():
    from relais.crisis_dialogue import CitizenMessage, next_turn
    from relais.safety import Triage

    first = "ma fille de 3 ans a 39,8 de fièvre, je dois appeler qui ?"
    asked = next_turn(None, CitizenMessage(first, None, Triage(QUESTION, "medical")))
    assert asked.ask_yes_no
    text = "oui elle respire normalement je crois, elle a bu un peu d'eau"
    turn = next_turn(asked.state, CitizenMessage(text, "affirm", triage(text)))
    assert crisis_content().text("medical_child_fever_first") in turn.lines


def test_more_and_more_hope_is_no_despair_and_a_no_with_despair_and_a_person_keeps_the_3114():
    from relais.crisis_dialogue import despairs
    state = {"kind": "suicide"}
    assert not despairs(state, CitizenMessage("ça va mieux, j'ai de plus en plus d'espoir", None, triage("ça va")))
    conversation = Conversation()
    conversation.say("je suis à bout je vois plus trop à quoi ça sert tout ça")
    turn = conversation.say("non. de toute façon rien ne sert à rien, je voudrais parler à quelqu'un")
    assert turn.then_person and "3114" in turn.lines[0]


def test_an_elderly_father_found_red_and_hot_keeps_the_emergency_with_heat_care():
    """Persona round 111: found, « rouge, très chaud, pas soif » at 33 °C, then « il dit que ça
    va »: « je suis soulagé de le lire » and a cycling workshop."""
    conversation = Conversation()
    conversation.say("Mon père a 85 ans il vit seul et il ne répond pas au téléphone depuis ce matin, avec la canicule "
                     "je panique. Moi je suis a 200km", model=0.9)
    found = conversation.say("elle l'a trouvé!! il est rouge et il a très chaud, il dit qu'il a pas soif. il fait 33 dans l'appart")
    assert found.open and found.lines == (crisis_content().text("found_hot"),)
    serious = conversation.say("il est conscient il parle normalement. faut vraiment appeler le 15 ? il dit que ça va")
    assert serious.open and "15" in serious.lines[0]
    cooling = conversation.say("comment on le rafraichit?")
    assert cooling.open and "Coup de chaleur" in cooling.lines[0]


def test_a_question_on_befriending_inside_a_suicide_dialogue_is_answered():
    """Persona round 111: a widow asked three times whether people call those who are alone."""
    conversation = Conversation()
    conversation.say("parfois le soir je me dis que ce serait plus simple de ne pas me réveiller le matin")
    turn = conversation.say("Oui je suis en sécurité. Ce qui me pèse c'est d'être seule. Vous savez s'il existe des gens "
                            "qui appellent les personnes seules, juste pour parler ?")
    assert turn.lines[0] == crisis_content().text("befriending") and "0 800 47 47 88" in turn.lines[0]
