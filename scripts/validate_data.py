"""`rasa data validate --fail-on-warnings`, minus one false positive of Rasa 3.6.

Rasa's validator reports every response that no story or rule names as unused, including the
questions a form asks by itself (utter_ask_<slot>) and the responses a custom action chooses
(a track's plan, the check-in summary). Those are used, so this script runs Rasa's own
validation, with fail-on-warnings, after counting them as used:
- utter_ask_<slot> for every slot a form requires;
- the responses each custom action declares in its `responses` attribute. Those declarations
  are checked too: a declared response missing from the domain is an error.
- the crisis intents: the model's one per kind (`crise_suicide`, ...) are read by the CrisisGuard
  NLU component, and the `crise` intent of the rules is set by it (it has no examples).
Everything else (intents, examples, stories, rules, slots, forms) is checked as Rasa does.
"""

import sys

from rasa.cli.utils import validate_files
from rasa.shared.core.events import ActionExecuted
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.validator import Validator

from actions.registry import declared_responses
from rasa_components.crisis_guard import CRISIS_INTENT, MODEL_CRISIS_INTENTS


def form_questions(domain) -> set[str]:
    questions = set()
    for form in domain.forms.values():
        for slot in form.get("required_slots", []):
            questions.add(f"utter_ask_{slot}")
    return questions


def main() -> None:
    importer = TrainingDataImporter.load_from_config(
        config_path="config.yml", domain_path="domain", training_data_paths=["data"]
    )
    domain = importer.get_domain()
    declared = declared_responses()
    missing = sorted(name for name in declared if name not in domain.responses)
    if missing:
        print(f"Responses declared by custom actions but absent from domain/: {missing}")
        sys.exit(1)
    used_elsewhere = declared | form_questions(domain)

    def verify_utterances_in_stories(self: Validator, ignore_warnings: bool = True) -> bool:
        # Rasa's check, with the responses used by forms and actions counted as used.
        used = set(used_elsewhere)
        valid = True
        responses = self._gather_utterance_actions()
        for story in self.story_graph.story_steps:
            for event in story.events:
                name = getattr(event, "action_name", None)
                if isinstance(event, ActionExecuted) and name and name.startswith("utter_"):
                    if name not in responses:
                        print(f"Response '{name}' is used in stories or rules but not defined.")
                        valid = False
                    used.add(name)
        for name in sorted(responses - used):
            print(f"Response '{name}' is not used in any story, rule, form or action.")
            valid = False
        return valid

    Validator.verify_utterances_in_stories = verify_utterances_in_stories
    # The crisis intents are the CrisisGuard's business: the model's one per kind are read by it
    # and used in no rule; the rules' `crise` is set by it and has no examples of its own.
    # `sujet` only comes from the buttons of sub-topics (a payload names the topic): no examples.
    guard_intents = {CRISIS_INTENT, *MODEL_CRISIS_INTENTS, "sujet"}
    default_intents = Validator._non_default_intents
    Validator._non_default_intents = lambda self: [
        intent for intent in default_intents(self) if intent not in guard_intents]
    validate_files(fail_on_warnings=True, max_history=None, importer=importer)
    print("Data validated: no errors, no warnings.")


if __name__ == "__main__":
    main()
