"""Import every module of the Telegram edge (bot/) and fail if that pulled Rasa in.

Run by `make install` in the edge's virtualenv (.venv-edge), where Rasa is not installed: an
import of rasa, rasa_sdk or tensorflow from bot/ (or from the relais/ and texts/ modules it
uses) would break the edge there, and would tie it again to Rasa's pins.
"""

import importlib
import pkgutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FORBIDDEN = ("rasa", "rasa_sdk", "tensorflow")


def rasa_modules_after_importing_the_edge() -> list:
    import bot

    for module in pkgutil.iter_modules(bot.__path__):
        importlib.import_module(f"bot.{module.name}")
    return sorted(name for name in sys.modules if name.split(".")[0] in FORBIDDEN)


def main() -> int:
    pulled = rasa_modules_after_importing_the_edge()
    if pulled:
        print(f"bot/ imports Rasa: {', '.join(pulled[:10])}", file=sys.stderr)
        return 1
    print("bot/ imports no rasa, rasa_sdk or tensorflow.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
