"""`rasa train` wall time: from scratch, then after a change to one response only.

Works on a copy of the project's training inputs in var/bench/train, with its own empty
cache, so the project's model and cache are left alone.
"""

import os
import shutil
import subprocess
import time

from tests.support.servers import RASA, ROOT

WORK = ROOT / "var" / "bench" / "train"
INPUTS = ["config.yml", "domain", "data", "rasa_components", "relais"]


def timed_train() -> float:
    started = time.perf_counter()
    subprocess.run(
        [RASA, "train", "--domain", "domain", "--fixed-model-name", "relais", "--out", "models", "--quiet"],
        cwd=WORK, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(WORK)},
    )
    return time.perf_counter() - started


def change_one_response() -> None:
    responses = WORK / "domain" / "navigation.yml"  # utter_de_rien
    text = responses.read_text(encoding="utf-8")
    responses.write_text(text.replace("Avec plaisir.", "Avec grand plaisir.", 1), encoding="utf-8")


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    for name in INPUTS:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, WORK / name)
    scratch = timed_train()
    change_one_response()
    incremental = timed_train()
    print(f"rasa train from scratch:              {scratch:6.1f} s")
    print(f"rasa train after one response change: {incremental:6.1f} s  ({scratch / incremental:.1f}x faster)")


if __name__ == "__main__":
    main()
