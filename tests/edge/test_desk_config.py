"""bot/desk/config.py: COACH_ADMIN_IDS read once, for the Telegram desk's config and for the
terminal desk's scope (bot/composition.py)."""

from bot.composition import desk_scope
from bot.desk.config import DeskConfig, admin_ids
from relais.directory import CoachScope, RelaisDirectory, RelaisTeam
from relais.settings import Settings

ADMIN, COACH, STRANGER = 111, 222, 333
DIRECTORY = RelaisDirectory(
    [RelaisTeam("R13", "Relais 13", "PACA", ("13",), None, sample=True,
                coach_ids=frozenset({COACH}))],
    version=1, updated="2026-11-01",
)


def test_admin_ids_are_the_comma_separated_ids_blanks_left_out():
    assert admin_ids(Settings(coach_admin_ids=" 111, 42 ,,7 ")) == frozenset({111, 42, 7})
    assert admin_ids(Settings(coach_admin_ids="")) == frozenset()


def test_the_telegram_desk_reads_the_admins_from_the_settings():
    config = DeskConfig.from_settings(Settings(coach_chat_id=-100123, pseudonym_secret="k" * 64,
                                               coach_admin_ids=f"{ADMIN}, 42"))
    assert config is not None
    assert config.admin_ids == frozenset({ADMIN, 42})


def test_the_terminal_desk_scope_reads_the_same_admins():
    def scope(coach_id: int | None) -> CoachScope:
        settings = Settings(desk_coach_id=coach_id, coach_admin_ids=f"{ADMIN}, 42")
        return desk_scope(settings, DIRECTORY)

    assert scope(ADMIN) == CoachScope(national=True)
    assert scope(COACH) == CoachScope(frozenset({"R13"}))
    assert scope(STRANGER) == CoachScope(frozenset())
    assert scope(None) == CoachScope(national=True)  # a local rehearsal: every relais
