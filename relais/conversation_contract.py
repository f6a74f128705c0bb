"""The names that the parts of a conversation agree on, written once.

The tracker store and the dialogue policies (rasa_components/), the actions (actions/) and the
Telegram edge (bot/) read or write these slots, recognise these actions and intents, and pass
each other these keys: each name is written here once and imported everywhere else.
tests/test_conversation_contract.py checks that Rasa's domain declares the slots, values,
actions and intents.

The consent slot's values are the conversation's vocabulary ("donne", "refuse"). They are not
the consent status stored in relais_citizens, which has its own ("given", "withdrawn":
relais.models.CONSENT_GIVEN, CONSENT_WITHDRAWN), written by the consent service.
"""

# --- Slots -------------------------------------------------------------------------------
# Whether the conversation may be recorded: the tracker store writes it to the database only
# while this slot holds CONSENT_SLOT_GIVEN.
CONSENT_SLOT = "consentement"
CONSENT_SLOT_UNKNOWN = "inconnu"  # not answered yet (the slot's initial value)
CONSENT_SLOT_GIVEN = "donne"
CONSENT_SLOT_REFUSED = "refuse"  # refused, or withdrawn since
CONSENT_SLOT_VALUES = (CONSENT_SLOT_UNKNOWN, CONSENT_SLOT_GIVEN, CONSENT_SLOT_REFUSED)

# The crisis dialogue's state (relais.crisis_dialogue), kept by its action, read by its policy.
CRISIS_SLOT = "crisis"
# The citizen's contact instructions (relais.contact_wishes), kept by their action: a mapping
# with the instructions (ContactWishes as JSON), and whether a withdrawal awaits the citizen's
# confirmation.
CONTACT_SLOT = "contact"
CONTACT_WISHES_KEY = "wishes"
CONTACT_AWAITING_WITHDRAWAL_KEY = "awaiting_withdrawal"
# A doléance or envie being collected (relais.grievance_words, actions/grievances.py): a
# mapping with the step awaited and the draft's fields; read by rasa_components.grievance_policy.
GRIEVANCE_SLOT = "doleance"
GRIEVANCE_STEP_KEY = "step"
# The reference of the item the citizen gave last in this conversation (« j'ajoute que… »).
GRIEVANCE_RECORDED_KEY = "recorded"
# The subscription to territorial alerts under way (relais.alert_dialogue): the step awaited.
ALERT_SLOT = "alertes"
# The id of the citizen's open case, once a person of the team was asked for.
ESCALATION_SLOT = "escalation"

# --- Actions -----------------------------------------------------------------------------
# Erases the citizen's data; the tracker store then deletes the conversation instead of
# writing it back.
ERASE_ACTION = "action_effacer_donnees"
# The crisis dialogue's action, which the CrisisPolicy predicts.
CRISIS_ACTION = "action_crise"
# The contact instructions' action, which the ContactPolicy predicts, also inside the crisis
# dialogue (which goes on after it).
CONTACT_ACTION = "action_consignes_contact"

# The doléances' action (capture, list, detail, withdrawal), which the GrievancePolicy predicts.
GRIEVANCE_ACTION = "action_doleance"

# Territorial alerts (the alert's buttons, subscribing, stopping), which the AlertPolicy predicts.
ALERT_ACTION = "action_alertes"

# A track's answer (actions/tracks.py); the crisis action hands a question over to it after a
# false alarm.
TRACK_ACTION = "action_select_track"

# --- Intents -----------------------------------------------------------------------------
# The citizen asks for a person of the team.
PERSON_INTENT = "demander_humain"
# Rasa's own intent for a message it did not understand (always in its domain); the edge gives
# it to a citizen's message meant for the coach, which the bot must not answer.
FALLBACK_INTENT = "nlu_fallback"

# --- Keys of the messages ------------------------------------------------------------------
# In a message's parse data: the CrisisGuard's triage (tier, kind, and what each reader said),
# read by the dialogue policies and the crisis action.
TRIAGE_KEY = "crisis"
# In a citizen message's metadata: the edge already sent the message's crisis first reply
# itself, so the crisis action must not send the same block again.
FIRST_REPLY_SENT = "crisis_first_reply"
# In a bot message's custom payload: a file for the citizen (their data), which the edge sends.
DOCUMENT_KEY = "document"
# In a bot message's custom payload: a picture for the citizen (their progress chart), a
# mapping with "png_base64", "filename" and "caption" (the text sent with it), which the edge
# sends as a photo (relais.progress_chart.photo_payload).
PHOTO_KEY = "photo"
