"""Models to and from JSON: efp's own format, and files written by e-footprint 17.x."""
from efp_core.io.json_files import json_to_system, load_json, save_json, system_to_json

__all__ = ["json_to_system", "load_json", "save_json", "system_to_json"]
