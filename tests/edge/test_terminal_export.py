"""The terminal chat writes the citizen's data export as a file only its owner can read."""

import json
import os
import stat

from bot.terminal import save_document


def test_the_export_file_is_0600_in_a_0700_folder_whatever_the_umask(tmp_path):
    folder = tmp_path / "exports"
    previous = os.umask(0o000)  # the most permissive umask: the code must not rely on it
    try:
        path = save_document({"filename": "../mes-donnees-relais.json", "content": {"a": 1}}, folder)
    finally:
        os.umask(previous)
    assert path.parent == folder  # the name cannot leave the folder
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": 1}
