"""The front-end's unit tests (node:test + jsdom, js/*.test.js), one pytest case per widget module."""
from __future__ import annotations

import subprocess

import pytest

from tests.widgets.js_project import JS_DIR, WIDGET_MODULES, js_project


@pytest.mark.parametrize("module", WIDGET_MODULES)
def test_widget_module_passes_its_js_tests(module: str) -> None:
    test_file = JS_DIR / f"{module}.test.js"
    assert test_file.is_file(), f"js/{module}.js has no unit tests (expected js/{module}.test.js)"
    result = subprocess.run(["node", "--test", test_file.name], cwd=js_project(), capture_output=True, text=True)
    output = f"{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
    assert result.returncode == 0, f"node --test {test_file.name} failed:\n{output}"
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
