"""Print the pip requirements of the integrations a HA Vitals lane loads.

Run with the lane's venv python:  python collect_requirements.py DOMAIN...
Roots = the given domains + the integrations HA's bootstrap always sets up
(CORE/DEFAULT integrations of the installed version); `dependencies` are
followed recursively. Output: one requirement per line (sorted, unique).
Written by the e2e harness owner; no HA import beyond bootstrap constants.
"""

import json
import pathlib
import sys

import homeassistant
from homeassistant import bootstrap

COMPONENTS = pathlib.Path(homeassistant.__file__).parent / "components"


def always_loaded() -> set[str]:
    # Only these are set up unconditionally (bootstrap._get_domains); the
    # STAGE_*/LOGGING_* sets merely order domains that are configured anyway.
    names = ("CORE_INTEGRATIONS", "DEFAULT_INTEGRATIONS")
    out: set[str] = set()
    for name in names:
        out.update(getattr(bootstrap, name, ()) or ())
    return out


def main() -> None:
    roots = set(sys.argv[1:]) | always_loaded()
    seen: set[str] = set()
    reqs: set[str] = set()
    todo = sorted(roots)
    while todo:
        domain = todo.pop()
        if domain in seen:
            continue
        seen.add(domain)
        manifest = COMPONENTS / domain / "manifest.json"
        if not manifest.exists():
            print(f"# warning: no integration {domain}", file=sys.stderr)
            continue
        data = json.loads(manifest.read_text())
        reqs.update(data.get("requirements", []))
        todo.extend(d for d in data.get("dependencies", []) if d not in seen)
    print(f"# {len(seen)} integrations: {' '.join(sorted(seen))}", file=sys.stderr)
    print("\n".join(sorted(reqs)))


if __name__ == "__main__":
    main()
