"""`efp-app [MODEL.json] [--port N] [--no-browser]`: the dashboard served by Voila on 127.0.0.1.

The app is the notebook `efp_widgets/notebooks/app.ipynb` (a Dashboard of the model); the model's path reaches
its kernel through the `EFP_APP_MODEL` environment variable. The model is checked here first, so a missing or
unreadable file is reported on the command line (exit code 2) instead of inside a page.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

MODEL_ENV = "EFP_APP_MODEL"
APP_NOTEBOOK = Path(__file__).parent / "notebooks" / "app.ipynb"
DEFAULT_PORT = 8866
USAGE_ERROR = 2


class ModelFileError(Exception):
    """The model file given to the app cannot be used; the message says why."""


def load_model(path: str | os.PathLike[str] | None) -> Any:
    """The System stored in the efp JSON file at `path`; the bundled example model when `path` is None."""
    from efp_widgets.example_model import load_example_system

    if path is None:
        return load_example_system()
    model_path = Path(path)
    if not model_path.is_file():
        raise ModelFileError(f"model file {str(model_path)!r} does not exist (expected an efp JSON file)")
    try:
        json.loads(model_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(f"model file {str(model_path)!r} is not valid JSON: {error}") from error
    import efp_core

    try:
        loaded = efp_core.load_json(model_path)
    except Exception as error:  # noqa: BLE001 - any failure to read the model is reported the same way
        raise ModelFileError(f"model file {str(model_path)!r} is not an efp model: {error}") from error
    return _system_of(loaded, model_path)


def _system_of(loaded: Any, path: Path) -> Any:
    """load_json returns a System, or a collection of objects among which one System."""
    from efp_core import System

    if isinstance(loaded, System):
        return loaded
    candidates = loaded.values() if isinstance(loaded, dict) else loaded if isinstance(loaded, (list, tuple)) else []
    systems = [obj for obj in candidates if isinstance(obj, System)]
    if len(systems) != 1:
        raise ModelFileError(f"model file {str(path)!r} holds {len(systems)} systems, expected exactly one")
    return systems[0]


def load_model_from_environment() -> Any:
    """The app notebook's model: the file named by EFP_APP_MODEL, or the bundled example."""
    return load_model(os.environ.get(MODEL_ENV) or None)


def voila_command(port: int, open_browser: bool) -> list[str]:
    command = [sys.executable, "-m", "voila", str(APP_NOTEBOOK), f"--port={port}", "--Voila.ip=127.0.0.1",
               "--Voila.port_retries=0", "--show_tracebacks=True"]
    if not open_browser:
        command.append("--no-browser")
    return command


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="efp-app", description="Explore an efp model in a live dashboard (Voila).")
    parser.add_argument("model", nargs="?", help="efp JSON model file (default: the bundled video streaming example)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port on 127.0.0.1 (default {DEFAULT_PORT})")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    env = dict(os.environ)
    if args.model is not None:
        model_path = Path(args.model).resolve()
        try:
            load_model(model_path)
        except ModelFileError as error:
            print(f"efp-app: {error}", file=sys.stderr)
            return USAGE_ERROR
        env[MODEL_ENV] = str(model_path)
    else:
        env.pop(MODEL_ENV, None)
    print(f"efp-app: serving {args.model or 'the bundled example model'} on http://127.0.0.1:{args.port}/",
          flush=True)
    try:
        return subprocess.call(voila_command(args.port, not args.no_browser), env=env)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
