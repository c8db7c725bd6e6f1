"""The built front-end files shipped in efp_widgets/static/ must be exactly what js/ builds today, so a plain
`pip install` (no node) gets the current widgets."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from efp_widgets.explainer import CalculusExplainer
from efp_widgets.sankey_widget import SankeyWidget
from tests.widgets.js_project import STATIC_DIR, WIDGET_MODULES, js_project

REBUILD_HINT = ("the shipped front-end is out of date: run `npm ci && npm run build` in js/ "
                "and commit efp_widgets/static/")


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("static")
    subprocess.run(["node", "build.mjs", str(out)], cwd=js_project(), check=True, capture_output=True)
    return out


def test_same_files_are_built_and_shipped(fresh_build: Path) -> None:
    built = sorted(path.name for path in fresh_build.iterdir())
    assert built == sorted(f"{module}.{ext}" for module in WIDGET_MODULES for ext in ("js", "css"))
    assert sorted(path.name for path in STATIC_DIR.iterdir()) == built, REBUILD_HINT


@pytest.mark.parametrize("name", [f"{module}.{ext}" for module in WIDGET_MODULES for ext in ("js", "css")])
def test_shipped_file_is_current(fresh_build: Path, name: str) -> None:
    assert (STATIC_DIR / name).read_bytes() == (fresh_build / name).read_bytes(), f"{name}: {REBUILD_HINT}"


@pytest.mark.parametrize(("widget", "module"), [(CalculusExplainer, "explainer"), (SankeyWidget, "sankey")])
def test_widget_loads_the_shipped_module(widget: type, module: str) -> None:
    assert str(widget._esm) == (STATIC_DIR / f"{module}.js").read_text(encoding="utf-8")
    assert str(widget._css) == (STATIC_DIR / f"{module}.css").read_text(encoding="utf-8")
