"""What the services raise, so that callers (actions, the Telegram edge) can answer kindly."""


class ServiceError(Exception):
    """Base class of the errors a caller is expected to handle."""


class ConsentRequired(ServiceError):
    """The citizen has not given consent (or withdrew it): nothing may be recorded."""

    def __init__(self, conversation_id: str):
        super().__init__(f"no consent for conversation {conversation_id!r}: nothing recorded")
        self.conversation_id = conversation_id


class StorageUnavailable(ServiceError):
    """The database cannot be reached or used (down, unwritable, not migrated).

    Whatever the caller asked to record was NOT recorded: it must say so, never pretend.
    The original SQLAlchemy error is chained as __cause__.
    """


class CaseNotFound(ServiceError):
    """No case has this id."""


class InvalidCaseTransition(ServiceError):
    """The case is not in a status that allows this step (e.g. closing a closed case)."""
