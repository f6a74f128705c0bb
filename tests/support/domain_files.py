"""The Rasa domain as one dict, whether it is domain.yml or a domain/ directory of YAML files.

A stopgap while domain.yml is being split into domain/ (domain/tracks/<id>.yml...): Rasa
merges the files of a domain directory, lists end to end and mappings key by key, and so does
this. To be replaced by the project's own loader once the split lands.
"""

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent


def load_domain(root: Path = ROOT) -> dict[str, Any]:
    directory = root / "domain"
    if not directory.is_dir():
        return yaml.safe_load((root / "domain.yml").read_text(encoding="utf-8"))
    merged: dict[str, Any] = {}
    for path in sorted(directory.rglob("*.yml")):
        part = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in part.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            else:
                merged[key] = value
    return merged
