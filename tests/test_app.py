"""efp-app: the command line checks the model before serving it, and serves the packaged app notebook."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from efp_widgets import app


@pytest.mark.parametrize("content, message", [
    (None, "does not exist"),
    ("{not json", "is not valid JSON"),
    ('{"an": "object", "but": "no model"}', "is not an efp model"),
], ids=["missing", "not json", "not a model"])
def test_bad_model_file_is_reported_with_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      content: str | None, message: str) -> None:
    path = tmp_path / "model.json"
    if content is not None:
        path.write_text(content)
    assert app.main([str(path), "--no-browser"]) == app.USAGE_ERROR
    error = capsys.readouterr().err
    assert message in error and str(path) in error


def test_entry_point_reports_a_missing_model(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "efp_widgets.app", str(tmp_path / "absent.json")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "absent.json" in result.stderr and "does not exist" in result.stderr


def test_voila_command_serves_the_packaged_notebook_on_localhost() -> None:
    command = app.voila_command(port=9123, open_browser=False)
    assert command[1:4] == ["-m", "voila", str(app.APP_NOTEBOOK)]
    assert {"--port=9123", "--Voila.ip=127.0.0.1", "--no-browser"} <= set(command)
    assert "--no-browser" not in app.voila_command(port=9123, open_browser=True)


def test_app_notebook_ships_in_the_package_and_builds_a_dashboard() -> None:
    notebook = nbformat.read(app.APP_NOTEBOOK, as_version=4)
    source = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert notebook.metadata.kernelspec.name == "python3"
    assert "Dashboard(load_model_from_environment())" in source


def test_model_path_reaches_the_kernel_through_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    missing = tmp_path / "gone.json"
    monkeypatch.setenv(app.MODEL_ENV, str(missing))
    with pytest.raises(app.ModelFileError, match="gone.json"):
        app.load_model_from_environment()


def test_model_with_several_systems_is_refused(tmp_path: Path) -> None:
    import efp_core

    path = tmp_path / "two.json"
    path.write_text(json.dumps({}))
    with pytest.raises(app.ModelFileError, match="2 systems"):
        app._system_of({"a": _system(efp_core), "b": _system(efp_core)}, path)


def _system(efp_core):  # a System needs no usage pattern to exist
    return efp_core.System("empty", usage_patterns=[], edge_usage_patterns=[])


def test_bundled_model_is_the_example_built_in_code() -> None:
    from efp_core import u
    from efp_widgets.example_model import BUNDLED_MODEL, build_example_system

    bundled = app.load_model(None)
    built = build_example_system()
    assert BUNDLED_MODEL.is_file()
    names = [sorted(obj.name for obj in system.all_linked_objects) for system in (bundled, built)]
    assert names[0] == names[1]
    assert bundled.total_footprint.magnitude_sum(u.kg) == pytest.approx(built.total_footprint.magnitude_sum(u.kg),
                                                                         rel=1e-9)


def test_saved_model_is_accepted_by_the_command_line_check(tmp_path: Path) -> None:
    import efp_core
    from efp_widgets.example_model import build_example_system

    path = efp_core.save_json(build_example_system(), tmp_path / "model.json")
    assert app.load_model(path).name == "System"
