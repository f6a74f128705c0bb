"""`make desk` (python -m bot.desk_terminal): the coach desk in a terminal, for the local
conversations of `make run`, so that a content designer or a trainer can play the coach.

Same cases, same actions and audit as the Telegram desk (bot/case_actions.py); the citizen's
terminal shows the coach's messages and stays silent while a coach has the conversation.

Same scope too: with DESK_COACH_ID (a Telegram user id of directory/relais.yml or of
COACH_ADMIN_IDS) the desk lists and acts on that coach's relais only, and an id in no list can
do nothing. Without it, the desk is a local rehearsal for every relais (whoever runs it can
read the local database anyway) and says so.
"""

import asyncio
import logging

from bot.case_actions import COACH_MESSAGE, CaseActions, without_override
from bot.conversation import Reply
from bot.desk.cards import case_card, cases_lines
from bot.desk.commands import Command, read_terminal, terminal_help
from bot.desk.texts import (
    OTHER_RELAIS,
    REASONS_FR,
    TERMINAL_NOT_A_COACH,
    TERMINAL_TAKE_FIRST,
)
from bot.rasa_client import RasaUnavailable
from relais.directory import CoachScope
from relais.pseudonym import citizen_label
from relais.services.errors import InvalidCaseTransition, ServiceError
from relais.services.escalation import CaseInfo
from relais.services.progress import ProgressService
from relais.settings import Settings, load_settings

HELP = terminal_help()
WATCH_EVERY_SECONDS = 1.0


class LocalDesk:
    def __init__(self, actions: CaseActions, progress: ProgressService, coach_name: str,
                 pseudonym_secret: str, scope: CoachScope = CoachScope(national=True),
                 coach_id: int | None = None) -> None:
        self._actions = actions
        self._pseudonym_secret = pseudonym_secret
        self._progress = progress
        self._name = coach_name
        self._scope = scope
        self._actor = str(coach_id) if coach_id is not None else f"local:{coach_name}"
        self.case: CaseInfo | None = None
        self._seen_events = 0
        self._known_cases: dict[int, str] = {}

    async def command(self, line: str) -> bool:
        """Run one line typed by the coach; False to quit."""
        command, argument = read_terminal(line)
        if command is not None and command.handler == "quit":
            return False
        try:
            await self._run(command, argument, line.strip())
        except (InvalidCaseTransition, ServiceError) as error:
            print(f"Impossible : {error}")
        return True

    async def _run(self, command: Command | None, argument: str, line: str) -> None:
        """A command of the table (bot/desk/commands.py); any other line goes to the citizen."""
        if not self._scope.is_coach:
            print(TERMINAL_NOT_A_COACH)
        elif command is not None and not command.on_case:
            await getattr(self, command.handler)(argument)
        elif self.case is None:
            print(TERMINAL_TAKE_FIRST + HELP)
        elif not await self._actions.allowed(self.case, self._scope, self._actor):
            print(OTHER_RELAIS)  # transferred to another relais meanwhile
            self.case = None
        elif command is not None:
            await getattr(self, command.handler)(self.case, argument)
        else:
            await self._to_citizen(self.case, line)

    # --- the table's handlers ------------------------------------------------------------------

    async def help(self, argument: str) -> None:
        print(HELP)

    async def list_cases(self, argument: str) -> None:
        print(await self.cases_text())

    async def take(self, argument: str) -> None:
        await self._take(int(argument))

    async def hand_back(self, case: CaseInfo, argument: str) -> None:
        await self._actions.hand_back(case, self._actor)
        print(f"Dossier n°{case.id} rendu à l'assistant.")
        self.case = None

    async def close(self, case: CaseInfo, argument: str) -> None:
        await self._actions.close(case, self._actor, argument or None)
        print(f"Dossier n°{case.id} clos.")
        self.case = None

    async def transfer(self, case: CaseInfo, argument: str) -> None:
        result = await self._actions.transfer(case, self._actor, argument)
        print(f"Transféré à {result[1].name}." if result else
              f"Relais inconnu. Codes : {self._actions.relais_codes()}.")

    async def _to_citizen(self, case: CaseInfo, line: str) -> None:
        text, override = without_override(line)
        reply = Reply(COACH_MESSAGE.format(coach=self._name, text=text))
        held = await self._actions.message(case, self._actor, reply, text, override=override,
                                           coach_name=self._name)
        if held is not None:
            print(held)

    async def _take(self, case_id: int) -> None:
        case = next((c for c in await asyncio.to_thread(self._actions.escalation.active_cases)
                     if c.id == case_id), None)
        if case is None:
            print(f"Pas de dossier ouvert n°{case_id}.")
            return
        if not await self._actions.allowed(case, self._scope, self._actor):
            print(OTHER_RELAIS)
            return
        self.case = await self._actions.take(case, self._actor, self._name)
        tracker = await self._tracker(case.conversation_id)
        self._seen_events = len(tracker.get("events") or [])
        team = self._actions.directory.find_by_code(case.relais_code)
        label = citizen_label(case.conversation_id, self._pseudonym_secret)
        print(await case_card(self.case, tracker, self._progress, team.name if team else "—", label))
        print("\nVous avez le dossier : ce que vous écrivez est envoyé à la personne.")

    async def cases_text(self) -> str:
        return cases_lines(await self._actions.cases_for(self._scope))

    async def watch(self) -> None:
        """New cases, and what the citizen of the taken case writes."""
        while True:
            try:
                await self._announce_new_cases()
                await self._print_citizen_messages()
                await self._deliver_held()
            except (ServiceError, RasaUnavailable) as error:
                print(f"(en attente : {error})")
            await asyncio.sleep(WATCH_EVERY_SECONDS)

    async def _deliver_held(self) -> None:
        for delivery in await asyncio.to_thread(self._actions.desk.due_held_messages):
            if await self._actions.deliver_held(delivery):
                print(f"\n📤 Message retenu envoyé (dossier n°{delivery.case.id}) : {delivery.held.text}")

    async def _announce_new_cases(self) -> None:
        for case in await self._actions.cases_for(self._scope):
            if case.id not in self._known_cases and case.status == "open":
                print(f"\n🔔 Nouveau dossier n°{case.id} ({REASONS_FR.get(case.reason, case.reason)})"
                      f" : tapez « prendre {case.id} ».")
            self._known_cases[case.id] = case.status

    async def _print_citizen_messages(self) -> None:
        if self.case is None:
            return
        events = (await self._tracker(self.case.conversation_id)).get("events") or []
        for event in events[self._seen_events:]:
            if event.get("event") == "user" and (event.get("metadata") or {}).get("relais_to_coach"):
                print(f"\nPersonne > {event.get('text')}")
        self._seen_events = len(events)

    async def _tracker(self, conversation_id: str) -> dict:
        return await self._actions.tracker(conversation_id)


async def run_desk(desk: LocalDesk) -> None:
    """The coach's session: the cases, then one line at a time until Ctrl-D or « quitter »."""
    print("Bureau des coachs Relais, en local. " + HELP)
    print(await desk.cases_text())
    watcher = asyncio.create_task(desk.watch())
    try:
        while True:
            try:
                line = await asyncio.to_thread(input, "\nCoach > ")
            except EOFError:
                break
            if not await desk.command(line):
                break
    finally:
        watcher.cancel()


async def _desk_until_done(settings: Settings) -> None:
    # Imported here: the composition module imports this one (it builds the LocalDesk).
    from bot.composition import terminal_desk

    name = (await asyncio.to_thread(input, "Votre prénom (vu par la personne) : ")).strip() or "Camille"
    if settings.desk_coach_id is None:
        print("(Répétition locale, sans DESK_COACH_ID : tous les relais.)")
    async with terminal_desk(settings, name) as desk:
        await run_desk(desk)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_desk_until_done(load_settings()))


if __name__ == "__main__":
    main()
