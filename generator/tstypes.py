"""TypeScript types (``schema/types/<name>.d.ts``) generated from the committed JSON Schemas, and their drift check.

``orsnap schema`` writes them after the schemas; ``orsnap schema --check`` checks both. They come from
json-schema-to-typescript (``json2ts``, pinned in ``package-lock.json``; ``npm ci`` installs it), run offline
once per schema. The output depends only on the schema files and that pinned version: the banner has no date,
and each schema's root ``title`` is replaced by its file name in PascalCase (``selection`` → ``Selection``) so
that the root type's name does not change when a human title is reworded.

Types compose: the ``title`` pydantic gives every property ("As Of") is dropped before json2ts sees it, so a
field's type is written inline (``as_of: string``) instead of as an exported alias (``export type AsOf``) that
several files would declare; the only named types are the roots and the models' ``$defs`` (``Model``,
``Entry``, ``Source`` …). ``index.d.ts`` is generated from all schemas at once (their ``$defs`` merged; a name
two schemas define differently is an error) and declares every type once, so one import serves a consumer:
``import type { Ranking, Model, Selection } from "./index"``. ``PublishedFiles`` there maps each file kind to its
root type.

Every type file comes from :func:`render_all` (file name → text); writing, removing stale files and the check
follow from it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from generator.errors import EXIT_SOURCE, OrsnapError

SUFFIX = ".schema.json"
TYPES_SUBDIR = "types"
INDEX = "index"
INDEX_ROOT = "PublishedFiles"


class TypesError(OrsnapError):
    """The TypeScript types cannot be generated."""

    exit_code = EXIT_SOURCE
    prefix = "cannot generate the TypeScript types: "


class ToolMissing(TypesError):
    """json2ts is not installed; the message says which command installs it."""


class ToolFailed(TypesError):
    """json2ts ran and failed."""


def type_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("_", "-").split("-"))


def banner(name: str) -> str:
    return (
        f"/* Generated from schema/{name}{SUFFIX} by `orsnap schema` (json-schema-to-typescript). "
        "Do not edit: change the pydantic models, then run `orsnap schema`. */"
    )


def find_json2ts(schema_dir: Path) -> Path:
    """``node_modules/.bin/json2ts`` of the repository holding ``schema_dir`` (or of the current directory)."""
    for root in (schema_dir.resolve().parent, Path.cwd()):
        candidate = root / "node_modules" / ".bin" / "json2ts"
        if candidate.exists() and shutil.which("node"):
            return candidate
    if not shutil.which("node"):
        raise ToolMissing("node is not installed (Debian: `sudo apt-get install nodejs npm`, then `npm ci`)")
    raise ToolMissing("json2ts is not installed: run `npm ci` (package-lock.json pins json-schema-to-typescript)")


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
                raise ToolFailed(f"{schema_file.name}: $defs/{def_name} differs from another schema's; rename one")
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


def _json2ts(schema: dict[str, Any], name: str, json2ts: Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(json2ts), "--bannerComment", banner(name)],
        input=json.dumps(schema),
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        detail = " ".join(result.stderr.split())[:300]
        raise ToolFailed(f"json2ts failed on {name}{SUFFIX}: {detail}")
    return result.stdout


def render(schema_file: Path, json2ts: Path) -> str:
    """The TypeScript declarations for one schema file."""
    name = schema_file.name.removesuffix(SUFFIX)
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["title"] = type_name(name)
    return _json2ts(untitled(schema, keep=True), name, json2ts, schema_file.parent)


def render_all(schema_dir: Path) -> dict[str, str]:
    """Every type file (name → text) for the schemas in ``schema_dir``: one per schema, and ``index.d.ts``."""
    json2ts = find_json2ts(schema_dir)
    files = sorted(schema_dir.glob(f"*{SUFFIX}"))
    out = {f"{f.name.removesuffix(SUFFIX)}.d.ts": render(f, json2ts) for f in files}
    out[f"{INDEX}.d.ts"] = _json2ts(untitled(combined(files), keep=True), "*", json2ts, schema_dir)
    return out


def write(schema_dir: Path, types_dir: Path | None = None) -> list[str]:
    """Write the type files into ``types_dir`` (default ``<schema_dir>/types``); return the files changed."""
    types_dir = types_dir or schema_dir / TYPES_SUBDIR
    expected = render_all(schema_dir)
    types_dir.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in expected.items():
        path = types_dir / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    for path in sorted(types_dir.glob("*.d.ts")):
        if path.name not in expected:
            path.unlink()
            changed.append(path.name)
    return sorted(changed)


def stale(schema_dir: Path, types_dir: Path | None = None) -> list[str]:
    """Type files that are missing, differ from a fresh generation, or describe no schema."""
    types_dir = types_dir or schema_dir / TYPES_SUBDIR
    expected = render_all(schema_dir)
    current = {p.name: p.read_text(encoding="utf-8") for p in types_dir.glob("*.d.ts")}
    return sorted(n for n in set(expected) | set(current) if expected.get(n) != current.get(n))
