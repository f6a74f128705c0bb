"""The custom action classes of this package, for checks that must see all of them
(data validation, tests)."""

import inspect
import pkgutil
from importlib import import_module

from rasa_sdk import Action


def action_classes() -> list[type[Action]]:
    import actions

    found = []
    for info in pkgutil.iter_modules(actions.__path__):
        module = import_module(f"actions.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Action) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def declared_responses() -> set[str]:
    """Every response a custom action declares it may send (its `responses` attribute)."""
    return {name for cls in action_classes() for name in getattr(cls, "responses", ())}
