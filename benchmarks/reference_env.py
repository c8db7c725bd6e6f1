"""The reference e-footprint 17.1 in its own Python 3.12 venv, created on first use (never a project dependency)."""
from __future__ import annotations

import subprocess
from pathlib import Path

DEFAULT_VENV = Path("/work/refvenv")
BASE_PYTHON = Path("/root/.pyenv/versions/3.12.1/bin/python")
REFERENCE_REQUIREMENT = "efootprint==17.1.0"


def reference_python(explicit: str | None = None, venv: Path = DEFAULT_VENV) -> Path:
    """The interpreter that runs the reference: `explicit` if given, else `venv`'s, created when missing."""
    if explicit:
        path = Path(explicit)
        if not path.exists():
            raise FileNotFoundError(f"--ref-python {path} does not exist")
        return path
    python = venv / "bin" / "python"
    if not python.exists():
        if not BASE_PYTHON.exists():
            raise FileNotFoundError(f"no reference venv at {venv} and no Python 3.12 at {BASE_PYTHON} to create one; "
                                    "pass --ref-python")
        print(f"creating the reference venv {venv} ({REFERENCE_REQUIREMENT}) ...", flush=True)
        subprocess.run([str(BASE_PYTHON), "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", REFERENCE_REQUIREMENT], check=True)
    return python
