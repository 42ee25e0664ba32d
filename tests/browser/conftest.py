"""Fixtures for the browser tests: one JupyterLab server and one headless Chromium per session."""

from __future__ import annotations

import os

import pytest

from .jupyter_server import CHROMIUM_ARGS, ROOT, chromium_path, jupyter_app

ARTIFACTS = ROOT / "test-artifacts"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_browser() -> None:
    """In CI a missing browser is a failure; on a laptop, a skip with a message."""
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "Playwright for Python is not installed (pip install -e '.[test]')"
    if problem is None and chromium_path() is None:
        problem = "no Chromium found (Debian/Ubuntu: sudo apt-get install chromium)"
    if problem:
        if IN_CI:
            pytest.fail(f"browser test cannot run in CI: {problem}")
        pytest.skip(f"browser test skipped: {problem}")


@pytest.fixture(scope="module")
def lab_dir(tmp_path_factory):
    """The folder JupyterLab serves (a copy of notebooks/ inside it)."""
    return tmp_path_factory.mktemp("lab")


@pytest.fixture(scope="module")
def lab(lab_dir):
    require_browser()
    with jupyter_app(lab_dir, "lab") as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    name = request.node.name.replace("/", "_").replace("[", "_").replace("]", "")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.close()
