"""Generate the TypeScript types in ``schema/types/`` from every ``schema/*.schema.json``, or check they are current.

    python schema/types/generate.py            # rewrite schema/types/<name>.d.ts
    python schema/types/generate.py --check    # exit 1 and name the stale files when they differ

It runs ``node_modules/.bin/json2ts`` (json-schema-to-typescript, pinned in package-lock.json; ``npm ci`` installs
it) once per schema, offline. The output depends only on the schema files and that pinned version: the banner
has no date, and each schema's root ``title`` is replaced by its file name in PascalCase (``selection`` →
``Selection``) so that the root type's name does not change when a human title is reworded.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

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


def render(schema_file: Path) -> str:
    """The TypeScript declarations for one schema file."""
    if not JSON2TS.exists():
        raise SystemExit(f"{JSON2TS} is missing: run `npm ci` first")
    name = schema_file.name.removesuffix(SUFFIX)
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["title"] = type_name(name)
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
        raise SystemExit(f"json2ts failed on {schema_file.name}: {result.stderr.strip()[:500]}")
    return result.stdout


def generate(out_dir: Path, schema_dir: Path = SCHEMA_DIR) -> dict[str, str]:
    """Write ``<name>.d.ts`` for every schema into ``out_dir``; return file name → text."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for schema_file in sorted(schema_dir.glob(f"*{SUFFIX}")):
        target = out_dir / f"{schema_file.name.removesuffix(SUFFIX)}.d.ts"
        text = render(schema_file)
        target.write_text(text, encoding="utf-8")
        written[target.name] = text
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
