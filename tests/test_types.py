"""Types that compose: one schema/types/index.d.ts declares every published type once, required fields are
required, and a small frontend consumer compiles with `tsc --strict --noUncheckedIndexedAccess` (typescript pinned
in package-lock.json), while a consumer that ignores an optional price, a missing entry or a null fails."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from .conftest import ROOT

TSC = ROOT / "node_modules" / ".bin" / "tsc"
TS = Path(__file__).parent / "ts"
FLAGS = ["--strict", "--noUncheckedIndexedAccess", "--noEmit", "--target", "es2022", "--module", "es2022"]


def tsc(*files: Path) -> subprocess.CompletedProcess[str]:
    assert TSC.exists(), "npm ci installs typescript (pinned in package-lock.json)"
    return subprocess.run(
        [str(TSC), *FLAGS, "--moduleResolution", "bundler", *map(str, files)],
        capture_output=True,
        text=True,
        cwd=TS,
        timeout=300,
        check=False,
    )


def test_typescript_is_pinned_in_the_lockfile() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text())
    for name in ("typescript", "axe-core"):
        pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"][name]
        assert lock["packages"][f"node_modules/{name}"]["version"] == pinned


def test_index_declares_every_type_once_and_every_root() -> None:
    index = (ROOT / "schema" / "types" / "index.d.ts").read_text(encoding="utf-8")
    declared = re.findall(r"^export (?:interface|type) (\w+)", index, re.M)
    assert len(declared) == len(set(declared))
    schemas = [p.name.removesuffix(".schema.json") for p in (ROOT / "schema").glob("*.schema.json")]
    roots = {"".join(part.capitalize() for part in name.split("-")) for name in schemas}
    assert roots <= set(declared) and "PublishedFiles" in declared and "Model" in declared
    for name in ("AsOf", "Attribution"):  # property aliases that used to clash across files
        assert name not in declared


def test_a_strict_consumer_compiles_and_misuse_does_not(tmp_path: Path) -> None:
    ok = tsc(TS / "consumer.ts")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    wrong = tsc(TS / "wrong.ts")
    errors = re.findall(r"wrong\.ts\((\d+),\d+\): error (TS\d+)", wrong.stdout)
    assert errors == [("5", "TS2322"), ("6", "TS2532"), ("7", "TS2322")], wrong.stdout


def test_the_types_are_published_beside_the_schemas(tmp_path: Path) -> None:
    from generator import site

    out = tmp_path / "_site"
    site.build(ROOT / "snapshots" / "v1", out)
    for path in (ROOT / "schema" / "types").glob("*.d.ts"):
        assert (out / "schema" / "v1" / "types" / path.name).read_bytes() == path.read_bytes()
    index = json.loads((out / "api" / "v1" / "index.json").read_text())
    assert "schema/v1/types/index.d.ts" in index["types"]
    assert 'href="../schema/v1/types/index.d.ts"' in (out / "about" / "index.html").read_text(encoding="utf-8")
