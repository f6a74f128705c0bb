"""What the edge says by itself: when Rasa cannot answer, and to messages Rasa cannot read."""

from collections.abc import Iterable

from bot.conversation import Reply
from relais.crisis import first_reply
from relais.safety import assess

RASA_DOWN_TEXT = (
    "Je rencontre un problème technique et ne peux pas vous répondre tout de suite. "
    "Votre message est bien reçu : je vous réponds dès que possible, sans que vous ayez "
    "à le renvoyer."
)
URGENT_HINT = "En cas de danger : 112. Idées suicidaires : 3114, 24 h/24."

_CANNOT_HEAR = ("Je ne peux pas écouter {what}. Pouvez-vous m'écrire en quelques mots ?\n"
                + URGENT_HINT)
_CANNOT_SEE_VIDEOS = ("Je ne peux pas regarder les vidéos. Pouvez-vous me décrire la situation "
                      "par écrit ?\n" + URGENT_HINT)
# Relais cannot hear a voice or a video: whatever is said in it, possibly a crisis, goes
# unread, so the numbers come with the answer.
MEDIA_TEXTS = {
    "voice": _CANNOT_HEAR.format(what="les messages vocaux"),
    "audio": _CANNOT_HEAR.format(what="les fichiers audio"),
    "video": _CANNOT_SEE_VIDEOS,
    "video_note": _CANNOT_SEE_VIDEOS,
    "photo": "Je ne peux pas voir les photos. Pouvez-vous me décrire la situation en quelques mots ?",
    "sticker": "Merci ! Je ne lis que les messages écrits : dites-moi en quelques mots comment je peux vous aider.",
    "animation": "Je ne lis que les messages écrits : dites-moi en quelques mots comment je peux vous aider.",
    "document": (
        "Je ne peux pas ouvrir les documents, et il vaut mieux ne pas m'en envoyer : "
        "ils pourraient contenir des informations personnelles. Dites-moi par écrit ce dont vous avez besoin."
    ),
}
OTHER_MESSAGE_TEXT = (
    "Je ne lis que les messages écrits. Dites-moi en quelques mots comment je peux vous aider, "
    "ou tapez /aide."
)
CONTACT_TEXT = (
    "Je n'enregistre pas les contacts partagés : ce numéro n'a pas été conservé. "
    "Si vous voulez parler à une personne de l'équipe Relais, tapez /coach."
)
LOCATION_FOUND_TEXT = (
    "D'après votre position, vous êtes dans le département : {name}. "
    "Si ce n'est pas le cas, écrivez-moi votre code postal."
)
LOCATION_UNKNOWN_TEXT = (
    "Je n'ai pas trouvé de relais proche de cette position. Pouvez-vous m'écrire votre code postal ?"
)
EDITED_TEXT = (
    "Vous avez modifié un message : je ne relis pas les messages modifiés. "
    "Si besoin, envoyez-moi la nouvelle version dans un nouveau message."
)
EMPTY_TEXT = "Votre message est vide. Dites-moi en quelques mots comment je peux vous aider."
PRIVATE_ONLY_TEXT = (
    "Relais répond uniquement en conversation privée, pour protéger ce que vous confiez. "
    "Écrivez-moi directement en ouvrant une conversation avec moi."
)
BUTTON_EXPIRED_TEXT = (
    "Ce choix n'est plus disponible. Écrivez-moi ce que vous souhaitez, ou tapez /menu."
)
STUCK_TEXT = (
    "Je n'arrive pas à traiter votre dernier message, veuillez m'en excuser. "
    "Pouvez-vous le reformuler ? Pour parler à une personne : /coach. "
    "En cas de danger : 112. Idées suicidaires : 3114, 24 h/24."
)
CHOICES_TEXT = "Vous pouvez choisir :"
CAPTION_NOTE = "J'ai lu le texte qui accompagne votre fichier ; le fichier lui-même, je ne peux pas l'ouvrir."


def crisis_first_reply(kind: str) -> Reply:
    """The first reply to a crisis of this kind (relais/content/crisis.yml, the one source)."""
    return Reply(first_reply(kind))


def crisis_replies(texts: Iterable[str]) -> list[Reply]:
    """The first reply of each crisis kind among `texts`, in the order they come."""
    kinds: list[str] = []
    for text in texts:
        assessment = assess(text) if text else None
        if assessment is not None and assessment.is_crisis and assessment.kind not in kinds:
            kinds.append(assessment.kind)
    return [crisis_first_reply(kind) for kind in kinds]


def outage_replies(pending_texts: Iterable[str]) -> list[Reply]:
    """What to say when Rasa is down: the first reply of a crisis among the waiting messages
    (those not given it yet) first, then that the message is kept and will be answered."""
    crisis = crisis_replies(pending_texts)
    return crisis + [outage_notice(after_crisis=bool(crisis))]


def outage_notice(after_crisis: bool = False) -> Reply:
    """That the message is kept and will be answered; with the numbers, unless a crisis first
    reply comes just before it."""
    return Reply(RASA_DOWN_TEXT if after_crisis else RASA_DOWN_TEXT + "\n" + URGENT_HINT)
