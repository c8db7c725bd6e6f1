"""JSON paths for error messages: `$.objects.Server["a1b2c3"].inputs.power.unit`."""
from __future__ import annotations

import json
import re

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def child(path: str, key: str | int) -> str:
    """The path of `key` inside the value at `path` (identifiers with a dot, other keys in brackets)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _IDENTIFIER.match(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def object_path(root: str, class_name: str, object_id: str) -> str:
    """`$.Server["a1b2c3"]`: objects are always written with their id in brackets, whatever it looks like."""
    return f"{child(root, class_name)}[{json.dumps(object_id, ensure_ascii=False)}]"
