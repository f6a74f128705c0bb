"""Finding and creating citizens inside a service's transaction (shared by the services)."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from relais.models import CONSENT_GIVEN, Citizen
from relais.services.errors import ConsentRequired

MAX_CONVERSATION_ID_LENGTH = 255


def check_conversation_id(conversation_id: object) -> str:
    """The conversation id as stored (text), or ValueError: a bug in the caller, not input."""
    if isinstance(conversation_id, int) and not isinstance(conversation_id, bool):
        conversation_id = str(conversation_id)  # Telegram chat ids arrive as integers
    if not isinstance(conversation_id, str) or not conversation_id.strip():
        raise ValueError(f"invalid conversation id {conversation_id!r}")
    if len(conversation_id) > MAX_CONVERSATION_ID_LENGTH:
        raise ValueError("conversation id longer than 255 characters")
    return conversation_id


def find_citizen(session: Session, conversation_id: str) -> Citizen | None:
    return session.scalars(
        select(Citizen).where(Citizen.conversation_id == conversation_id)
    ).one_or_none()


def get_or_create_citizen(session: Session, conversation_id: str, now: datetime) -> Citizen:
    """The citizen row, created (with nothing but the conversation id) when missing.

    Two concurrent calls may both try to create it: the loser's flush raises IntegrityError
    and run_in_transaction retries, finding the winner's row.
    """
    citizen = find_citizen(session, conversation_id)
    if citizen is None:
        citizen = Citizen(conversation_id=conversation_id, created_at=now)
        session.add(citizen)
        session.flush()
    return citizen


def citizen_with_consent(session: Session, conversation_id: str) -> Citizen:
    """The citizen, if and only if consent is given; ConsentRequired otherwise."""
    citizen = find_citizen(session, conversation_id)
    if citizen is None or citizen.consent_status != CONSENT_GIVEN:
        raise ConsentRequired(conversation_id)
    return citizen


def note_departement(citizen: Citizen, departement: str | None) -> None:
    """The département of the place the citizen just gave: where the observatory counts them
    from now on (the last place given wins: people move, or give their work's)."""
    if departement:
        citizen.departement = departement
