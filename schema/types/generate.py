"""Generate the TypeScript types in ``schema/types/`` from every ``schema/*.schema.json``, or check they are current.

    python schema/types/generate.py            # rewrite schema/types/<name>.d.ts
    python schema/types/generate.py --check    # exit 1 and name the stale files when they differ

It runs ``node_modules/.bin/json2ts`` (json-schema-to-typescript, pinned in package-lock.json; ``npm ci`` installs
it) once per schema, offline. The output depends only on the schema files and that pinned version: the banner
has no date, and each schema's root ``title`` is replaced by its file name in PascalCase (``selection`` →
``Selection``) so that the root type's name does not change when a human title is reworded.

Types compose: the ``title`` pydantic gives every property ("As Of") is dropped before json2ts sees it, so a
field's type is written inline (``as_of: string``) instead of as an exported alias (``export type AsOf``) that
several files would declare; the only named types are the roots and the models' ``$defs`` (``Model``,
``Entry``, ``Source`` …). ``index.d.ts`` is generated from all schemas at once (their ``$defs`` merged; a name
two schemas define differently is an error) and declares every type once, so one import serves a consumer:
``import type { Ranking, Model, Selection } from "./index"``. ``PublishedFiles`` there maps each file kind to its
root type.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schema"
TYPES_DIR = SCHEMA_DIR / "types"
JSON2TS = ROOT / "node_modules" / ".bin" / "json2ts"
SUFFIX = ".schema.json"


def type_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("_", "-").split("-"))


def banner(name: str) -> str:
    return (
        f"/* Generated from schema/{name}{SUFFIX} by schema/types/generate.py (json-schema-to-typescript). "
        "Do not edit: change the pydantic models, run `orsnap schema`, then this script. */"
    )


INDEX = "index"
INDEX_ROOT = "PublishedFiles"


def untitled(node: Any, *, keep: bool = False) -> Any:
    """``node`` without the ``title`` of any nested schema (``keep``: this node's own title stays)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "title" and not keep:
                continue
            if key == "$defs":
                out[key] = {name: untitled(d, keep=True) for name, d in value.items()}
            elif key in ("properties", "patternProperties"):
                out[key] = {name: untitled(d) for name, d in value.items()}
            else:
                out[key] = untitled(value)
        return out
    if isinstance(node, list):
        return [untitled(item) for item in node]
    return node


def combined(schema_files: list[Path]) -> dict[str, Any]:
    """One schema whose ``$defs`` hold every root and every definition of ``schema_files``."""
    defs: dict[str, Any] = {}
    roots: dict[str, str] = {}
    for schema_file in schema_files:
        name = schema_file.name.removesuffix(SUFFIX)
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        root = type_name(name)
        body = {k: v for k, v in schema.items() if k not in ("$defs", "$schema", "$id")}
        for def_name, definition in [*schema.get("$defs", {}).items(), (root, {**body, "title": root})]:
            if def_name in defs and defs[def_name] != definition:
                raise SystemExit(f"{schema_file.name}: $defs/{def_name} differs from another schema's; rename one")
            defs[def_name] = definition
        roots[name] = root
    return {
        "title": INDEX_ROOT,
        "description": "Every published file kind and the type of its content.",
        "type": "object",
        "properties": {name: {"$ref": f"#/$defs/{root}"} for name, root in sorted(roots.items())},
        "required": sorted(roots),
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def json2ts(schema: dict[str, Any], name: str) -> str:
    if not JSON2TS.exists():
        raise SystemExit(f"{JSON2TS} is missing: run `npm ci` first")
    result = subprocess.run(
        [str(JSON2TS), "--bannerComment", banner(name)],
        input=json.dumps(schema),
        capture_output=True,
        text=True,
        cwd=SCHEMA_DIR,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"json2ts failed on {name}: {result.stderr.strip()[:500]}")
    return result.stdout


def render(schema_file: Path) -> str:
    """The TypeScript declarations for one schema file."""
    name = schema_file.name.removesuffix(SUFFIX)
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["title"] = type_name(name)
    return json2ts(untitled(schema, keep=True), name)


def generate(out_dir: Path, schema_dir: Path = SCHEMA_DIR) -> dict[str, str]:
    """Write ``<name>.d.ts`` for every schema into ``out_dir``; return file name → text."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    files = sorted(schema_dir.glob(f"*{SUFFIX}"))
    for schema_file in files:
        target = out_dir / f"{schema_file.name.removesuffix(SUFFIX)}.d.ts"
        text = render(schema_file)
        target.write_text(text, encoding="utf-8")
        written[target.name] = text
    index = json2ts(untitled(combined(files), keep=True), f"*{SUFFIX}")
    (out_dir / f"{INDEX}.d.ts").write_text(index, encoding="utf-8")
    written[f"{INDEX}.d.ts"] = index
    for stale in sorted(set(p.name for p in out_dir.glob("*.d.ts")) - set(written)):
        (out_dir / stale).unlink()
    return written


def stale(types_dir: Path = TYPES_DIR, schema_dir: Path = SCHEMA_DIR) -> list[str]:
    """Type files that are missing, differ from a fresh generation, or describe no schema."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = generate(Path(tmp), schema_dir)
    current = {p.name: p.read_text(encoding="utf-8") for p in types_dir.glob("*.d.ts")}
    return sorted(n for n in set(fresh) | set(current) if fresh.get(n) != current.get(n))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when schema/types/ differs from a fresh run")
    args = parser.parse_args(argv)
    if args.check:
        out = stale()
        if out:
            print(f"stale TypeScript types: {', '.join(out)} (run `python schema/types/generate.py`)", file=sys.stderr)
            return 1
        print("TypeScript types current: schema/types", file=sys.stderr)
        return 0
    written = generate(TYPES_DIR)
    print(f"wrote {len(written)} type file(s) to schema/types", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
