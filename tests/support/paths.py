"""Where the project and its trained model are, for tests and benchmarks."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "relais.tar.gz"
