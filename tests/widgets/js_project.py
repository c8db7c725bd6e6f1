"""The front-end project (js/) as the tests use it: node, its dependencies, the shipped build folder."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

JS_DIR = Path(__file__).resolve().parents[2] / "js"
STATIC_DIR = JS_DIR.parent / "efp_widgets" / "static"
WIDGET_MODULES = ("explainer", "sankey")


def js_project() -> Path:
    """js/ with its locked dependencies installed (`npm ci` once when node_modules is missing).

    Without node the front-end cannot be tested: that skips on a developer machine and fails in CI.
    """
    if shutil.which("node") is None or shutil.which("npm") is None:
        if os.environ.get("CI"):
            pytest.fail("node and npm are required in CI to test and rebuild the front-end (js/)")
        pytest.skip("node and npm are not installed: the front-end (js/) cannot be tested here")
    if not (JS_DIR / "node_modules").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=JS_DIR, check=True, capture_output=True)
    return JS_DIR
