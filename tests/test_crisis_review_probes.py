"""A reviewer's probes of the 2026-12-02 crisis change: each one a real danger that a new
rule muted, or a calm message a new rule raised. They keep the rules honest."""

import pytest

from relais.crisis_classifier import CrisisReading
from relais.crisis_dialogue import CASE_RAISE, CitizenMessage, move_of, next_turn
from relais.safety import CERTAIN, QUESTION, Triage, assess, triage


def _in_dialogue(kind, text, tier=None):
    state = {"open": True, "tier": "certain", "kind": kind, "step": 0, "last": ""}
    return next_turn(state, CitizenMessage(text, triage=Triage(tier, kind if tier else None)))


@pytest.mark.parametrize("kind, text", [
    ("suicide", "j'ai honte d'appeler, j'ai le couteau à côté"),
    ("suicide", "je veux parler à une femme, j'ai les cachets devant moi"),
    ("other_at_risk", "il m'a fait promettre de rien dire, il a acheté une corde"),
])
def test_a_plan_or_a_means_raises_the_alert_whatever_else_the_message_asks(kind, text):
    assert _in_dialogue(kind, text).case == CASE_RAISE


@pytest.mark.parametrize("text", [
    "je veux me lancer sous un train",
    "je compte me lancer dans le vide ce soir",
])
def test_a_plan_for_work_look_alike_does_not_mute_a_jump(text):
    assert not assess(text).lookalike
    assert triage(text, 0.9, "suicide", CrisisReading(0.7, "suicide")).tier is not None


def test_an_armed_threat_is_no_political_hyperbole():
    text = "ils veulent nous tuer avec leurs armes, ils sont dans l'escalier"
    assert not assess(text).lookalike
    assert triage(text, 0.95, "danger", CrisisReading(0.8, "danger")).tier == "certain"
    assert assess("de toute façon ils vont tous nous tuer avec leurs taxes").lookalike


@pytest.mark.parametrize("text", [
    "tout est noir, je suis un fardeau",
    "j'ai le cafard, je vois plus aucune raison de continuer",
    "je suis au bout du rouleau, plus la force de rien",
])
def test_low_mood_with_a_risk_indicator_is_still_asked(text):
    assert triage(text, reading=CrisisReading(0.75, "suicide"), low_mood_confidence=0.95).tier == QUESTION


@pytest.mark.parametrize("text", [
    "les enfants du voisin dorment dans la voiture depuis hier",
    "mon bebe ne mange plus depuis 2 jours",
    "l'enfant des voisins est toujours dehors en pyjama la nuit",
])
def test_a_child_with_a_sign_of_neglect_is_asked_about(text):
    assert triage(text, reading=CrisisReading(0.72, "child")).tier == QUESTION


@pytest.mark.parametrize("text", [
    "mon copain m'oblige quand je veux pas",
    "mon mari me prend mon telephone et mes papiers",
])
def test_coercion_without_a_word_of_danger_is_asked_about(text):
    assert triage(text, 0.9, "violence", CrisisReading(0.56, "violence")).tier == QUESTION


@pytest.mark.parametrize("text", [
    "ma patronne hurle tout le temps, je vais la secouer",
    "mon fils de 17 ans dort jusqu'à midi, j'ai envie de le secouer",
    "la nounou lui donne son bain tout nu le soir",
    "le prof de physique nous a montré des trucs bizarres en chimie",
])
def test_calm_messages_the_new_child_patterns_must_not_raise(text):
    assert not assess(text).is_crisis


def test_a_coach_who_touches_a_child_is_a_child_in_danger():
    assessment = assess("l'entraîneur touche ma fille dans les vestiaires")
    assert (assessment.is_crisis, assessment.kind) == (True, "child")


@pytest.mark.parametrize("kind, text, move", [
    ("medical", "elle vomit du sang", "health_signs"),
    ("medical", "il s'est ouvert la main, ça saigne beaucoup", "bleeding"),
    ("other_at_risk", "elle est en danger", None),
    ("other_at_risk", "il est chez lui, c'est gratuit le 3114 ?", "free_anonymous"),
    ("violence", "il revient ce soir, je veux partir, où aller ?", "leave"),
    ("violence", "il arrive pas à se calmer", None),
    ("danger", "je jette de l'eau dessus ?", "what_to_do"),
    ("violence", "il a publié des photos de moi en ligne", None),
])
def test_moves_read_what_they_should(kind, text, move):
    assert move_of(CitizenMessage(text), kind) == move


def test_fifteen_years_of_work_is_no_minor_writing():
    text = "j'ai 15 ans de métier et plus de travail, maman dort tout le temps"
    assert triage(text, reading=CrisisReading(0.7, "child")).tier is None


def test_a_parent_in_tears_beside_the_children_is_no_child_in_danger():
    text = "je suis épuisée, les enfants sont intenables, je pleure le soir dans la salle de bain"
    assert triage(text, 0.39, "child", CrisisReading(0.22, "self_harm")).tier is None


# Persona chats of 2026-12-02 (bench/persona_chat.py): a girl of 15 who cuts herself, a family
# with a smell of gas.
def test_asking_whether_the_line_is_only_for_suicide_is_answered_not_a_suicide_block():
    text = "le 3114 c'est que pour le suicide ? moi je veux pas mourir, ça soulage c'est tout"
    assert not assess(text).is_crisis
    assert move_of(CitizenMessage(text), "self_harm") == "who_answers"


def test_a_self_harming_teenager_who_wants_to_write_gets_a_written_service():
    turn = _in_dialogue("self_harm", "ya un truc où on peut écrire au lieu d'appeler ?")
    assert "Fil Santé Jeunes" in turn.lines[-1] and "tchat" in turn.lines[-1]


def test_gas_questions_get_what_to_do():
    for text in ("je réveille les enfants ou pas ?", "j'ouvre les fenêtres ?", "je peux sortir par le garage ?"):
        assert move_of(CitizenMessage(text), "danger") == "what_to_do", text
    assert move_of(CitizenMessage("je sors"), "danger") is None


# After the retrain of 2026-12-02 DIET read these at 0.99 and 0.81 (CI caught them).
def test_decisions_money_and_sealing_a_door_are_no_crisis_for_unsure_models():
    assert triage("je me décide à sauter le pas et à me reconvertir dans la menuiserie", 0.99, "suicide",
                  CrisisReading(0.7, "suicide")).tier is None
    assert triage("j'aimerais en finir avec mes dettes une bonne fois pour toutes", 0.99, "suicide",
                  CrisisReading(0.45, "suicide")).tier is None
    assert triage("j'ai calfeutré la porte d'entrée", 0.81, "danger", CrisisReading(0.64, "danger")).tier is None


# The training of 2026-12-04 read the sealed door at 0.98 and 0.64: both models, neither sure.
def test_sealing_a_door_is_a_chore_even_when_both_models_read_a_danger():
    assert triage("j'ai calfeutré la porte d'entrée", 0.98, "danger", CrisisReading(0.64, "danger")).tier is None
    assert triage("on a isolé les fenêtres du salon", 0.98, "danger", CrisisReading(0.64, "danger")).tier is None
    for danger in ("j'ai calfeutré la porte, il y a de la fumée dans le couloir",
                   "on a colmaté la porte mais l'eau monte", "j'ai calfeutré la porte, il essaie d'entrer"):
        assert triage(danger, 0.98, "danger", CrisisReading(0.7, "danger")).tier == "certain", danger


# « Entrée » read spelling-blind is « entre »: water that came in last night read as water rising
# now, and a flood the household had left behind opened a priority case (blind set D).
def test_water_that_came_in_last_night_is_no_rising_water():
    from relais.safety import assess
    assert not assess("l'eau est entrée dans la maison cette nuit, il y a 30 cm au rez-de-chaussée").is_crisis
    assert assess("l'eau rentre dans la maison, vite").is_crisis


# Persona round 15: « mon petit fils m'a installé ça sur le portable, la batterie est à 30 % »
# asked whether a child was in danger: « bat » of the abuse stems began « batterie ».
def test_an_abuse_stem_is_not_the_start_of_another_word():
    from relais.safety import assess
    assert not assess("c'est mon petit fils qui m'a installé ça sur le portable. la batterie est à 30%").is_crisis
    assert not assess("mon fils joue du violon le soir").is_crisis
    assert assess("mon mari bat les enfants").is_crisis
    assert assess("il est violent avec les enfants").is_crisis


# Persona round 15: « mon banquier va me pendre si je continue à ce rythme lol » got the suicide
# question. The bank or the landlord is an idiom; a partner is not.
def test_the_bank_that_will_hang_me_is_an_idiom_a_partner_who_will_kill_me_is_not():
    assert triage("mon banquier va me pendre si je continue a ce rythme lol", 0.81, "suicide",
                  CrisisReading(0.22, "suicide")).tier is None
    assert triage("mon mari va me tuer", 0.81, "violence", CrisisReading(0.6, "violence")).tier == "certain"


# Review of persona rounds 99-100's fixes: the heat, the witness and the suicide dialogue's new
# moves must not hide an emergency.
@pytest.mark.parametrize("text", [
    "canicule jai trop chaud mon coeur bat super vite et jai du mal a respirer",
    "39 dans l'appart, j'ai de la fièvre, je suis toute seule, j'arrive pas à me lever, je suis essoufflée",
    "il fait 41 dehors et je suis essoufflée au moindre pas, j'ai 82 ans et un pacemaker",
    "chaleur de fou, j'ai vomi 3 fois, j'ai la diarrhée et je suis toute confuse",
    "il fait tres chaud j'ai des vertiges et je sens plus mon bras droit, j'arrive pas bien a parler",
    "il fait 40 degrés chez moi, j'ai des palpitations et je vois flou, je me sens vraiment pas bien",
    "canicule mon coloc a vomi et a la diarrhee depuis hier, il tient plus debout",
    "ma belle-mère a des vertiges et de la fièvre avec la chaleur",
    "il fait 42 dans le studio, j'ai 85 ans et je tiens plus debout, j'ai la tête qui tourne depuis hier",
])
def test_an_emergency_in_a_heat_wave_read_by_the_models_stays_one(text):
    assert triage(text, 0.97, "medical", CrisisReading(0.96, "medical")).tier == "certain"


@pytest.mark.parametrize("text", [
    "mamie fait 40 de fièvre et elle tient plus debout", "mon homme fait 40 de fièvre depuis hier soir et il délire",
    "41 degrés dans l'appart, papi est brûlant et tout confus",
    "40 degrés dans la maison de retraite, mamie est toute rouge et brûlante, elle transpire plus",
])
def test_someone_elses_fever_or_heatstroke_is_no_weather(text):
    assert assess(text).is_crisis


@pytest.mark.parametrize("text", [
    "il fait chaud jai envie de vomir, je vais avaler toute ma boite de lasilix",
    "mes cachets pour le coeur, si je les prends tous ce soir ça fait quoi ?",
    "l'amlodipine, je les prends toutes ce soir avec du whisky ?",
    "le bisoprolol je le prends en entier la boite ça tue ?",
])
def test_taking_it_all_is_never_a_treatment_question(text):
    assert triage(text, 0.97, "suicide", CrisisReading(0.96, "suicide")).tier == "certain"


@pytest.mark.parametrize("second, kind, case", [
    ("il la frappe encore, là elle est par terre elle bouge plus, elle saigne beaucoup", "medical", "open"),
    ("il la frappe et il frappe aussi les enfants, j'entends le petit hurler", "child", "open"),
    ("elle se fait frapper avec un couteau, il va la tuer", "violence", "open"),
    ("elle c'est moi en fait. il la frappe quand il boit, j'appelle le 17 ou pas ?", "violence", "open"),
    ("en fait c'est pas que ma voisine. je suis victime de violences conjugales depuis 3 ans", "violence", "open"),
])
def test_after_a_witness_a_crisis_of_another_kind_or_the_writer_hit_is_no_witness_again(second, kind, case):
    first = next_turn(None, CitizenMessage("mon voisin frappe sa femme, j'entends tout à travers le mur", None,
                                           triage("mon voisin frappe sa femme, j'entends tout à travers le mur")))
    turn = next_turn(first.state, CitizenMessage(second, None, triage(second)))
    assert (turn.kind, turn.case) == (kind, case)


@pytest.mark.parametrize("text", [
    "comment leur dire adieu sans qu'ils se doutent de rien",
    "ma femme sait rien, j'ai écrit une lettre pour elle, je la laisse sur la table",
])
def test_a_farewell_in_a_suicide_dialogue_raises_the_alert(text):
    state = next_turn(None, CitizenMessage("Parfois je me dis que ce serait plus simple de ne plus être là.", None,
                                           triage("Parfois je me dis que ce serait plus simple de ne plus être là."))).state
    assert next_turn(state, CitizenMessage(text, None, triage(text))).case == CASE_RAISE


@pytest.mark.parametrize("text", ["je dors plus, je veux juste dormir et ne plus jamais me réveiller", "je dors plus, je tiens plus"])
def test_sleepless_nights_told_with_a_death_wish_keep_the_numbers(text):
    state = next_turn(None, CitizenMessage("Parfois je me dis que ce serait plus simple de ne plus être là.", None,
                                           triage("Parfois je me dis que ce serait plus simple de ne plus être là."))).state
    turn = next_turn(state, CitizenMessage(text, None, triage(text)))
    assert move_of(CitizenMessage(text, None, triage(text)), "suicide") != "sleepless"
    assert "médecin traitant cette semaine" not in " ".join(turn.lines)


@pytest.mark.parametrize("text", [
    "le petit s'est fait taper sur les doigts par la maitresse parce qu'il bavardait",
    "les petits se font battre à chaque fois à la belote par leur grand-père",
    "mon fils est en CM2, un enfant s'est fait taper à la récré… je peux écrire à qui ?",
    "on se fait taper dessus par les impôts",
])
def test_idioms_and_games_are_no_child_or_violence_crisis(text):
    assert not assess(text).is_crisis


@pytest.mark.parametrize("text", ["ma sœur et moi on se fait taper par mon père", "c'est moi qu'il frappe",
                                  "mon beau-père frappe ma mère et moi je me prends des claques aussi",
                                  "ma fille de 8 ans se fait taper par son père"])
def test_violence_against_the_writer_or_their_child_is_read(text):
    assert assess(text).is_crisis


# Review of the session of persona round 102's fixes.

def test_the_dog_never_hides_the_aggressor_returning_or_the_phone_read():
    from relais.crisis_dialogue import CitizenMessage, move_of
    from relais.safety import Triage
    assert move_of(CitizenMessage("il rentre dans 10 min, je peux prendre le chien ?", None, Triage()), "violence") == "aggressor_returns"
    assert move_of(CitizenMessage("il lit mes messages, je peux prendre le chat ?", None, Triage()), "violence") == "phone_watched"
    assert move_of(CitizenMessage("et si je pars, je peux prendre le chien ?", None, Triage()), "violence") == "pet"


def test_someone_behind_a_door_who_no_longer_answers_stays_an_emergency():
    from relais.crisis_dialogue import CitizenMessage, move_of
    from relais.safety import Triage, assess
    assert assess("ma mère ne répond plus, je dois forcer la porte ?").is_crisis
    assert not assess("il me répond à travers la porte, je dois forcer la porte ?").is_crisis
    assert move_of(CitizenMessage("il répond plus, j'ai entendu un bruit, je dois forcer la porte ?", None, Triage()),
                   "other_at_risk") != "force_door"


def test_carbon_monoxide_in_context_needs_a_heater_and_real_signs():
    from relais.safety import carbon_monoxide_in_context as in_context
    assert not in_context("le petit s'est endormi", ("des crêpes sans poêle ?",))
    assert not in_context("je suis un peu confuse avec ces papiers", ("on a une cheminée, chèque énergie ?",))
    assert not in_context("mal à la tête", ("le groupe électrogène est dans le jardin",))
    assert not in_context("j'ai plus mal à la tête, tout va bien", ("on a un insert",))
    assert in_context("mal au coeur et la tête qui tourne", ("le chauffage à pétrole je peux l'allumer ?",))


def test_a_phone_call_is_no_reminder_and_never_lifts_a_discreet_no_call():
    from relais.contact_wishes import ContactWishes, read_contact
    assert not read_contact("vous pouvez me rappeler mes rendez-vous ?", True).wishes.call_me
    merged = ContactWishes(no_calls=True, discreet=True).merged(ContactWishes(call_me=True))
    assert merged.no_calls and not merged.call_me


def test_erasing_in_a_violence_dialogue_is_about_the_phone_read():
    from relais.crisis_dialogue import CitizenMessage, takes_message
    from relais.safety import Triage
    state = {"open": True, "tier": "certain", "kind": "violence"}
    message = CitizenMessage("si il lit ça je suis morte, supprimez tout ce que j'ai écrit", "oubli", Triage())
    assert takes_message(state, message, 1.0, True)


def test_a_real_retraction_of_violence_still_closes_and_a_person_asked_for_is_no_secrecy_answer():
    from relais.crisis_dialogue import CitizenMessage, move_of
    from relais.safety import Triage
    assert move_of(CitizenMessage("je peux parler à quelqu'un ? c'est confidentiel ?", None, Triage()), "other_at_risk") != "confidential_care"
    assert move_of(CitizenMessage("il est aux urgences maintenant, les médecins s'en occupent", None, Triage()),
                   "other_at_risk") != "er_tonight"


def test_days_off_said_in_two_sentences_are_kept():
    from relais.contact_wishes import read_contact
    assert read_contact("Rien le mercredi. Et jeudi non plus.", True).wishes.days_off == (2, 3)
    assert read_contact("Pas de SMS svp. Le mardi surtout.", True).wishes.days_off == (1,)


def test_a_medicine_out_of_stock_is_no_suicide_question_and_the_deaf_get_the_114():
    # Persona round 103: a diabetic man hard of hearing was asked twice whether he wanted to die
    # for a medicine out of stock, and told « le 15 » three times.
    from relais.safety import CrisisReading, triage
    from relais.safety_questions import cannot_call_by_voice
    text = ("je suis diabetique type 2 et la pharmacie ma dit que mon medicament pour le diabete il est en rupture "
            "de stock. J'ai encore des comprimés pour 4 jours. Je sais pas quoi faire.")
    assert triage(text, 0.9, "suicide", CrisisReading(0.8, "suicide")).tier is None
    assert cannot_call_by_voice("si j'ai un malaise je peux pas appeler le 15, j'entends presque rien au téléphone")


# Second review of the same session.

@pytest.mark.parametrize("text", [
    "non je parlais de mon voisin, c'est lui qui me frappe quand je rentre",
    "vous avez mal compris, c'est fini entre nous mais il me suit encore et il m'a tapée hier",
])
def test_a_misread_turn_that_tells_violence_keeps_the_case(text):
    from relais.crisis_dialogue import CASE_FALSE_ALARM, CitizenMessage, next_turn
    from relais.safety import CERTAIN, Triage
    first = next_turn(None, CitizenMessage("mon mari me frappe", "crise", Triage(CERTAIN, "violence")))
    assert next_turn(first.state, CitizenMessage(text, "inform", Triage())).case != CASE_FALSE_ALARM


def test_a_car_run_in_a_closed_garage_with_signs_is_carbon_monoxide_not_suicide():
    from relais.safety import assess, describes_plan
    found = assess("le moteur de la voiture a tourné dans le garage fermé, comment on fait ? mon mari a mal à la tête et vomit")
    assert found.is_crisis and found.kind == "medical"
    assert not assess("ma voiture est bloquée dans le garage fermé par la neige, comment je fais pour partir ?").is_crisis
    assert not describes_plan("ma voiture est au garage depuis lundi, je peux pas aller au CMP")
    assert not describes_plan("j'ai regardé combien de temps ça prend pour le RSA")


def test_carbon_monoxide_in_context_keeps_the_stove_the_hob_and_a_generator_indoors():
    from relais.safety import carbon_monoxide_in_context as in_context
    assert in_context("mal à la tête, envie de vomir", ("la gazinière et le four porte ouverte pour chauffer",))
    assert in_context("je sais pas, mal à la tête", ("poêle allumé toute la journée",))
    assert in_context("mal à la tête", ("le groupe électrogène tourne dans l'entrée",))
    assert not in_context("le petit s'est endormi", ("des crêpes sans poêle ?",))


def test_a_sure_suicide_reading_is_never_dropped_for_a_supply_word():
    from relais.safety import CrisisReading, triage
    text = "mon insuline j'en ai plein en stock, je sais plus quoi faire, personne ne s'en rendrait compte"
    assert triage(text, 0.97, "suicide", CrisisReading(0.96, "suicide")).tier == "certain"


def test_told_already_and_sometimes_are_a_yes_only_when_nothing_denies():
    from relais.crisis_dialogue import CitizenMessage, answer_of
    from relais.safety import Triage
    assert answer_of(CitizenMessage("je l'ai déjà dit j'ai pas d'idées noires", "inform", Triage())) is not True
    assert answer_of(CitizenMessage("des fois je me demande si la facture va passer", "inform", Triage())) is not True
    assert answer_of(CitizenMessage("des fois", "inform", Triage())) is True


def test_drinking_water_is_no_alcohol_worry_and_a_victims_quiet_hours_stay():
    from relais.contact_wishes import read_contact
    from relais.mood import asks_about_drinking
    assert not asks_about_drinking("combien de verres d'eau par jour avec la canicule ?")
    assert read_contact("je bosse jusqu'à 17h et le soir il est là donc pas après 17h merci", True).wishes.quiet_from == 17


# Persona round 104.

def test_a_no_said_as_a_sentence_of_its_own_is_a_no():
    from relais.crisis_dialogue import CitizenMessage, answer_of
    from relais.safety import Triage
    assert answer_of(CitizenMessage("Monsieur, c'est la quatrième fois que vous me posez cette question. NON. "
                                    "Je vous demande du répit.", "inform", Triage())) is False
    assert answer_of(CitizenMessage("je sais pas. non. enfin si des fois", "inform", Triage())) is True


def test_in_a_medical_dialogue_calming_down_a_drink_and_the_writers_own_heat_signs_are_answered():
    from relais.crisis_dialogue import CitizenMessage, next_turn
    from relais.safety import CERTAIN, Triage
    first = next_turn(None, CitizenMessage("mon mari est tout rouge brûlant, il transpire plus, il dit des trucs bizarres, "
                                           "il fait 41", "crise", Triage(CERTAIN, "medical")))
    drink = next_turn(first.state, CitizenMessage("il dit qu'il a soif je lui donne de l'eau ?", "inform", Triage()))
    assert "rien par la bouche" in " ".join(drink.lines)
    mine = next_turn(first.state, CitizenMessage("et moi j'ai la tête qui tourne aussi, c'est grave ?", "inform", Triage()))
    assert "coup de chaleur" in " ".join(mine.lines)
    calm = next_turn(first.state, CitizenMessage("le médecin dit que c'est une crise d'angoisse, comment je me calme", "inform", Triage()))
    assert "respirez" in " ".join(calm.lines)


def test_anxiety_attacks_come_before_a_flooded_homes_first_steps():
    from relais.mood import distress_comes_first
    text = ("jarrive pas a dormir depuis 2 nuits. la maison de mes parents a été détruite par les inondations et "
            "depuis jfais des crises d'angoisse")
    assert distress_comes_first(text, False, True)


def test_a_medicine_out_of_stock_is_answered_as_a_safety_question():
    from relais.safety_questions import tells_a_medicine_shortage
    assert tells_a_medicine_shortage("la pharmacie n'en a plus, c'est des comprimés pour le diabète")
    assert not tells_a_medicine_shortage("rayons vides au supermarché")


# The review of 2026-12-07's change (persona rounds 104-105): its probes, kept.
@pytest.mark.parametrize("text", [
    "j'ai avalé 2 plaquettes de doliprane c grave ?",
    "j'ai pris 3 boites de doliprane, c'est grave ?",
    "j'ai pris 8 g de paracétamol aujourd'hui c'est ok ?",
    "mon fils de 3 ans a avalé du doliprane, combien c'est dangereux ?",
])
def test_a_painkiller_taken_in_quantity_is_never_a_pharmacist_s_question(text):
    assert triage(text, 0.8, "suicide", CrisisReading(0.7, "suicide")).tier is not None


@pytest.mark.parametrize("text", [
    "je suis pas en danger, j'ai juste envie que tout s'arrête",
    "je ne suis pas en danger. je suis un poids pour tout le monde",
    "je suis pas en danger hein, juste envie de tout arrêter",
])
def test_no_danger_said_beside_ideation_is_still_asked(text):
    assert triage(text, 0.8, "suicide", CrisisReading(0.7, "suicide")).tier is not None


@pytest.mark.parametrize("text", [
    "mon frère va pas bien, il dit qu'il veut plus se réveiller",
    "ma copine pleure tout le temps, elle dit qu'elle veut sauter",
    "mon mari va pas bien, il a acheté une arme",
])
def test_a_relative_s_sadness_with_ideation_is_asked_about(text):
    assert triage(text, 0.8, "other_at_risk", CrisisReading(0.75, "other_at_risk")).tier is not None


@pytest.mark.parametrize("text", [
    "je suis essoufflé après le foot, c'est normal ?",
    "je suis essoufflée par toutes ces démarches administratives",
    "mon conjoint regarde mon téléphone pour l'appli bancaire, on gère l'argent ensemble",
    "mon mari me donne 50 euros par semaine pour les courses, comment faire un budget ?",
    "j'ai peur de mon père quand il voit la facture d'électricité",
])
def test_sport_paperwork_and_shared_budgets_stay_calm(text):
    assert triage(text).tier is None


@pytest.mark.parametrize("text", [
    "mon copain a jeté mon téléphone contre le mur en hurlant",
    "ma mère me hurle dessus et elle jette mes affaires par la fenêtre",
])
def test_objects_thrown_with_a_possessive_are_asked_about(text):
    assert triage(text).tier == QUESTION


def test_the_classifier_s_own_kind_makes_a_concern_certain():
    text = "je suis un peu essoufflé et j'ai peur"
    assert triage(text, None, "medical", CrisisReading(0.9, "suicide")).tier == QUESTION
    assert triage(text, 0.9, "medical", CrisisReading(0.9, "medical")).tier == "certain"


@pytest.mark.parametrize("text", [
    "c'est moi, je cherchais juste un renseignement",
    "c'est moi qui me suis trompée de conversation",
])
def test_it_s_me_said_of_something_else_opens_no_case(text):
    asked = next_turn({}, CitizenMessage("j'ai du mal a respirer", None, Triage(QUESTION, "medical")))
    assert not next_turn(asked.state, CitizenMessage(text, None, Triage())).case


# Review of persona round 107's fixes: danger told beside « safe » words, an alarm sign beside
# « ça va mieux », thoughts beside a denial, an erasure that is the abuser's act.
_PLATE = ("de tte facon c la merde a la maison. hier soir mon pere a gueulé sur ma mere et il a jeté une "
          "assiette contre le mur. jai eu trop peur jsuis resté dans ma chambre")


@pytest.mark.parametrize("text", [
    "je suis dans ma chambre, il bat ma mère",
    "il est plus calme, il gueule sur ma mere",
    "il s'est calmé mais il a dit qu'il nous tuerait demain",
    "elle est partie, le bébé est tout seul",
    "il est parti avec mon petit frère",
    "il est sorti acheter à boire, il va rerentrer bourré",
    "il dort, ma mere saigne du nez",
])
def test_a_danger_told_beside_safe_words_is_not_safe(text):
    from relais.crisis_dialogue import MINOR_KEY
    first = next_turn({MINOR_KEY: True}, CitizenMessage(_PLATE, None, Triage(CERTAIN, "violence")))
    turn = next_turn(first.state, CitizenMessage(text, None, triage(text)))
    assert not turn.state.get("settled")


@pytest.mark.parametrize("text", [
    "j'ai un bleu sur le bras, je peux aller à l'infirmerie ?",
    "il a cassé mon téléphone, comment je peux en avoir un autre ?",
])
def test_once_safe_what_the_one_who_hits_did_stays_in_the_dialogue(text):
    from relais.crisis_dialogue import MINOR_KEY, takes_message
    first = next_turn({MINOR_KEY: True}, CitizenMessage(_PLATE, None, Triage(CERTAIN, "violence")))
    safe = next_turn(first.state, CitizenMessage("il s'est calmé, ça va", None, Triage()))
    assert takes_message(safe.state, CitizenMessage(text, "track_travail", triage(text), intent_confidence=0.6), 0.6, True)


@pytest.mark.parametrize("text", [
    "ça va mieux, je sens plus mon bras gauche",
    "ça va mieux, je vois un peu flou",
    "ça va mieux j'ai juste des palpitations",
])
def test_an_alarm_sign_beside_feeling_better_keeps_the_emergency(text):
    first = next_turn({}, CitizenMessage("j'ai 82 ans, j'ai la tête qui tourne, il fait si chaud, je me sens très mal",
                                         None, Triage(CERTAIN, "medical")))
    assert next_turn(first.state, CitizenMessage(text, None, triage(text))).state["open"]


@pytest.mark.parametrize("text", [
    "non pas vraiment, j'y pense parfois mais sûrement pas au point de le faire",
    "non jamais ça… mais je me dis que ce serait plus simple si je me réveillais pas",
])
def test_thoughts_told_beside_a_denial_are_heard(text):
    asked = next_turn({}, CitizenMessage("je suis fatiguée de tout en ce moment", None, Triage(QUESTION, "suicide")))
    turn = next_turn(asked.state, CitizenMessage(text, None, triage(text)))
    assert turn.state["open"] and turn.state["tier"] == CERTAIN


@pytest.mark.parametrize("text, erase", [
    ("il rentre, efface mes données vite", False),
    ("il a effacé les données de mon portable", False),
    ("efface tout", True),
])
def test_an_erasure_is_the_writer_s_own_request_only(text, erase):
    first = next_turn({}, CitizenMessage("il regarde mon tel et il a cassé mon tel contre le mur", None, Triage(CERTAIN, "violence")))
    assert next_turn(first.state, CitizenMessage(text, "oubli", triage(text), intent_confidence=0.6)).then_erasure is erase


def test_reminders_paused_and_everything_erased_are_heard_in_the_violence_dialogue():
    # Persona round 108: « pause rappels » and « effacez tout ce que vous avez sur moi » were
    # answered with the dialogue's listening lines.
    from relais.crisis_dialogue import takes_message
    first = next_turn({}, CitizenMessage("il regarde mon tel et il m insulte, il controle tout l argent", None,
                                         Triage(CERTAIN, "violence")))
    pause = CitizenMessage("pause rappels", None, Triage(), intent_confidence=0.5)
    assert not takes_message(first.state, pause, 0.5, True)
    erase = "je veux que vous effaciez tout ce que vous avez sur moi. tout. et que personne me recontacte ici"
    assert next_turn(first.state, CitizenMessage(erase, None, triage(erase))).then_erasure


def test_no_gas_told_is_no_gas_and_nobody_hurt_ends_the_danger():
    # Persona round 108: « il n'y a ni gaz ni feu » got the gas-leak steps; « personne n'est
    # blessé, j'ai mis des bassines » kept the emergency.
    first = next_turn({}, CitizenMessage("un arbre est tombé sur le toit cette nuit, l'eau coule dans la chambre", None,
                                         Triage(CERTAIN, "danger")))
    assert move_of(CitizenMessage("Il n'y a ni gaz ni feu ni agression.", None, Triage()), "danger") != "gas"
    calm = "Oui ça va, personne n'est blessé, j'ai mis des bassines."
    assert not next_turn(first.state, CitizenMessage(calm, None, triage(calm))).state["open"]


def test_a_child_s_fever_told_as_an_emergency_gets_its_own_first_reply():
    # Persona round 108: « il est tout mou, j'ai du doliprane » got the bystander's lines,
    # massage cardiaque included.
    from relais.crisis import crisis_content
    text = "et pour la fievre ?? il est tout mou, il a chaud, j'ai du doliprane à la maison. je l'emmène aux urgences ?"
    turn = next_turn({}, CitizenMessage(text, None, Triage(CERTAIN, "medical")))
    assert turn.lines[-1] == crisis_content().text("medical_child_fever_first")
    adult = next_turn({}, CitizenMessage("mon mari a 40 de fièvre, il est tout mou, j'ai du doliprane", None,
                                         Triage(CERTAIN, "medical")))
    assert adult.lines[-1] != crisis_content().text("medical_child_fever_first")


def test_a_phone_taken_by_the_one_who_frightens_is_no_false_alarm():
    # Review: « il est sorti mais il a pris mon téléphone » closed the child's dialogue.
    from relais.crisis_dialogue import MINOR_KEY
    first = next_turn({MINOR_KEY: True}, CitizenMessage(_PLATE, None, Triage(CERTAIN, "violence")))
    text = "il est sorti mais il a pris mon telephone"
    assert next_turn(first.state, CitizenMessage(text, None, triage(text))).state["open"]


@pytest.mark.parametrize("text", ["je me fous en l'air", "jvais me foutre en lair"])
def test_sms_spellings_of_suicide_are_read(text):
    # Review of persona round 107's fixes: read by the models only, not the lexicon.
    assert triage(text).tier == CERTAIN


def test_a_life_spoiled_is_no_suicide():
    assert triage("il fout en l'air mon planning").tier is None


@pytest.mark.parametrize("text", [
    # Persona round 109: the Points conseil budget, twice.
    "le probleme c'est que c'est pas moi qui gere. mon conjoint prend ma paie et me donne 50e par semaine pour tout, "
    "et si je depasse il crie, hier il a cassé une assiette. comment faire un budget avec ça",
    "vous avez lu ce que j'ai ecrit? il prend ma paie et il crie. c'est normal ça ou pas ?",
    "mon mari touche mon rsa sur son compte",
])
def test_a_partner_taking_ones_pay_is_asked_about_even_beside_a_budget(text):
    assert triage(text) == Triage(QUESTION, "violence")


@pytest.mark.parametrize("text", [
    "mon employeur ne paie plus, il garde mon salaire",
    "mon mari et moi on gere ensemble, il prend ma paie sur le compte commun",
    "elle prend mon argent pour ses courses ? c'est ma coloc",
])
def test_a_pay_kept_by_an_employer_or_shared_stays_calm(text):
    assert triage(text).tier is None


def test_water_for_a_baby_read_as_suicide_by_the_models_stays_calm():
    # Persona round 110: « je peux donner de l'eau minérale genre Hépar au bébé ? » got the suicide
    # question from two unsure models.
    from relais.safety import CrisisReading
    text = "merci. en attendant, je peux donner de l'eau minérale genre Hépar au bébé si j'ai que ça ?"
    assert triage(text, 0.396, "suicide", CrisisReading(0.199, "child")).tier is None


@pytest.mark.parametrize("text", ["mon chef il garde ma paie", "l'état il prend tout mon argent avec les impôts"])
def test_a_pay_kept_by_a_boss_or_taken_by_taxes_stays_calm(text):
    assert triage(text).tier is None


@pytest.mark.parametrize("text", ["J'ai une envie pour mon quartier : un repair café et une outilthèque aux Carmes. Je veux que ce soit transmis.",
                                  "on m'a dit qu'on pouvait envoyer des envies pour son quartier via vous ?"])
def test_an_envie_for_ones_place_read_as_suicide_by_the_models_stays_calm(text):
    # Persona round 111: the suicide question to a repair café.
    from relais.safety import CrisisReading
    assert triage(text, 0.93, "suicide", CrisisReading(0.781, "suicide")).tier is None
    assert triage("j'ai une envie d'en finir avec tout", 0.93, "suicide", CrisisReading(0.781, "suicide")).tier == CERTAIN
