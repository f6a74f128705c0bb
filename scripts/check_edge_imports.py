"""Import every module of the Telegram edge (bot/) and of the agents' web space (web/), and fail
if that pulled Rasa in.

Run by `make install` in the edge's virtualenv (.venv-edge), where Rasa is not installed: an
import of rasa, rasa_sdk or tensorflow from bot/ or web/ (or from the relais/ and texts/ modules
they use) would break them there, and would tie them again to Rasa's pins.
"""

import importlib
import pkgutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FORBIDDEN = ("rasa", "rasa_sdk", "tensorflow")
PACKAGES = ("bot", "web")


def rasa_modules_after_importing(package_name: str) -> list:
    package = importlib.import_module(package_name)
    for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
        importlib.import_module(module.name)
    return sorted(name for name in sys.modules if name.split(".")[0] in FORBIDDEN)


def main() -> int:
    for package in PACKAGES:
        pulled = rasa_modules_after_importing(package)
        if pulled:
            print(f"{package}/ imports Rasa: {', '.join(pulled[:10])}", file=sys.stderr)
            return 1
    print(f"{'/, '.join(PACKAGES)}/ import no rasa, rasa_sdk or tensorflow.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
