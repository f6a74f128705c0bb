"""Screenshots of the web space's pages taken by the browser tests (tests/web/): into
RELAIS_FIGURES_DIR when set (an issue's figures, docs/figures/issue-N/), else into the test's
tmp_path."""

from pathlib import Path

from playwright.sync_api import Page


def screenshot(page: Page, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.exists() and path.stat().st_size > 0
