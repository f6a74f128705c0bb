"""The Rasa domain as one dict, read with PyYAML from domain/ (one file per concern and per track).

Rasa merges the files of domain/ itself (`--domain domain`). The tests, the content checks, the
scripts and the Telegram edge (which has no Rasa) read the domain here, merged the same way for
the keys they use: lists (intents, entities, actions) are joined, mappings (slots, forms,
responses) united, any other key (version, session_config) taken from the first file that has it.
A name declared in two files keeps its first declaration, as in Rasa; tests/test_domain_files.py
forbids that (duplicate_names). Files are read in path order, so the result never depends on the
order a disk lists them in.
"""

from pathlib import Path
from typing import Any

import yaml

from relais.settings import PROJECT_ROOT

DOMAIN_DIR = PROJECT_ROOT / "domain"
LIST_KEYS = ("intents", "entities", "actions")
MAPPING_KEYS = ("slots", "forms", "responses")


def domain_files(root: Path = DOMAIN_DIR) -> list[Path]:
    """The YAML files of a domain directory, in path order; a single domain file is its own list."""
    if root.is_file():
        return [root]
    return sorted(path for path in root.rglob("*") if path.suffix in (".yml", ".yaml"))


def read_domain_file(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def declared_names(domain: dict[str, Any]) -> dict[str, list[str]]:
    """The names a domain dict (one file's, or merged) declares, by key:
    `{"intents": ["greet", ...], "responses": ["utter_menu", ...]}`."""
    names = {key: [_name(item) for item in domain.get(key) or []] for key in LIST_KEYS}
    names.update({key: list(domain.get(key) or {}) for key in MAPPING_KEYS})
    return {key: found for key, found in names.items() if found}


def load_domain_dict(root: Path = DOMAIN_DIR) -> dict[str, Any]:
    """The merged domain of a directory (domain/) or of one file, as a plain dict."""
    merged: dict[str, Any] = {}
    for path in domain_files(root):
        for key, value in read_domain_file(path).items():
            if key in LIST_KEYS:
                known = {_name(item) for item in merged.setdefault(key, [])}
                merged[key] += [item for item in value or [] if _name(item) not in known]
            elif key in MAPPING_KEYS:
                mapping = merged.setdefault(key, {})
                for name, declaration in (value or {}).items():
                    mapping.setdefault(name, declaration)
            else:
                merged.setdefault(key, value)
    return merged


def duplicate_names(root: Path = DOMAIN_DIR) -> dict[str, list[str]]:
    """`"responses utter_menu" -> [files]` for each name declared in more than one file (or twice
    in a list of one file), and each other key but `version` (`session_config`) found in more than
    one file. Rasa would keep one declaration only: empty when all is well."""
    files: dict[str, list[str]] = {}
    for path in domain_files(root):
        where = str(path.relative_to(root)) if root.is_dir() else path.name
        part = read_domain_file(path)
        for key, names in declared_names(part).items():
            for name in names:
                files.setdefault(f"{key} {name}", []).append(where)
        for key in part.keys() - {*LIST_KEYS, *MAPPING_KEYS, "version"}:
            files.setdefault(key, []).append(where)
    return {name: found for name, found in files.items() if len(found) > 1}


def _name(item: Any) -> str:
    # An intent, entity or action is a name, or a mapping from its name to its options.
    return item if isinstance(item, str) else str(next(iter(item)))
