"""Every shipped notebook runs top to bottom in a fresh python3 kernel without an error output."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [ROOT / "notebooks" / "quickstart.ipynb", ROOT / "notebooks" / "teaching.ipynb",
             ROOT / "efp_widgets" / "notebooks" / "app.ipynb"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STATE_DIRS = ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR")


@pytest.fixture()
def isolated_jupyter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in STATE_DIRS:
        path = tmp_path / name.lower()
        path.mkdir()
        monkeypatch.setenv(name, str(path))
    monkeypatch.delenv("EFP_APP_MODEL", raising=False)


def error_outputs(notebook: nbformat.NotebookNode) -> list[str]:
    """The errors a reader would see: error outputs, and tracebacks printed to stderr."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {index}: {output.get('ename')}: {output.get('evalue')}")
            elif output.get("name") == "stderr" and "Traceback" in output.get("text", ""):
                found.append(f"cell {index}: {output['text'][:500]}")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_without_errors(path: Path, isolated_jupyter: None) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, kernel_name="python3", timeout=300, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    assert error_outputs(notebook) == []
    assert widget_views(notebook) > 0  # live widgets, not static pictures or HTML files


def widget_views(notebook: nbformat.NotebookNode) -> int:
    return sum(WIDGET_VIEW in output.get("data", {}) for cell in notebook.cells for output in cell.get("outputs", []))
