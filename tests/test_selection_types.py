"""The frontend contract: TypeScript types generated from every JSON Schema by `orsnap schema`, committed, and
checked for drift by `orsnap schema --check`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import tstypes
from generator.cli import cli

from .conftest import ROOT, require

pytestmark = pytest.mark.slow  # node and json2ts: `scripts/test -m "not slow"` leaves it out

SCHEMA_DIR = ROOT / "schema"


def require_json2ts() -> None:
    require((ROOT / "node_modules" / ".bin" / "json2ts").exists(), "json2ts (pinned in package-lock.json)", "npm ci")


def test_committed_typescript_types_are_current() -> None:
    require_json2ts()
    assert tstypes.stale(SCHEMA_DIR) == []
    result = CliRunner().invoke(cli, ["schema", "--check", "--dir", str(SCHEMA_DIR)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "schemas and TypeScript types current: " + str(SCHEMA_DIR) + "\n"


def test_every_schema_has_its_type_file_and_root_type() -> None:
    schemas = sorted(p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json"))
    types = sorted(p.name.removesuffix(".d.ts") for p in (SCHEMA_DIR / "types").glob("*.d.ts"))
    assert types == sorted([*schemas, "index"])
    for name in schemas:
        text = (SCHEMA_DIR / "types" / f"{name}.d.ts").read_text(encoding="utf-8")
        assert f"export interface {tstypes.type_name(name)} {{" in text
    selection = (SCHEMA_DIR / "types" / "selection.d.ts").read_text(encoding="utf-8")
    for field in ("high_accuracy: Pick[];", "model_id: string;", "fallback", "price_input_per_m: string;"):
        assert field in selection


def test_types_check_notices_a_changed_schema_and_a_stray_file(tmp_path: Path) -> None:
    require_json2ts()
    schemas, types = tmp_path / "schema", tmp_path / "types"
    schemas.mkdir()
    shutil.copy(SCHEMA_DIR / "selection.schema.json", schemas)
    assert tstypes.write(schemas, types) == ["index.d.ts", "selection.d.ts"]
    assert tstypes.stale(schemas, types) == []
    # Same input, same bytes: the generation is deterministic (no date in the banner).
    assert (types / "selection.d.ts").read_text() == (SCHEMA_DIR / "types" / "selection.d.ts").read_text()
    doc = json.loads((schemas / "selection.schema.json").read_text())
    doc["$defs"]["Pick"]["properties"].pop("reason")
    doc["$defs"]["Pick"]["required"].remove("reason")
    (schemas / "selection.schema.json").write_text(json.dumps(doc))
    (types / "stray.d.ts").write_text("export type Stray = string;\n")
    assert tstypes.stale(schemas, types) == ["index.d.ts", "selection.d.ts", "stray.d.ts"]
    assert tstypes.write(schemas, types) == ["index.d.ts", "selection.d.ts", "stray.d.ts"]
    assert sorted(p.name for p in types.iterdir()) == ["index.d.ts", "selection.d.ts"]


def test_schema_check_fails_on_stale_types_and_schema_regenerates_them(tmp_path: Path) -> None:
    require_json2ts()
    copy = tmp_path / "schema"
    shutil.copytree(SCHEMA_DIR, copy)
    (copy / "types" / "ranking.d.ts").write_text("export interface Ranking {}\n")
    result = CliRunner().invoke(cli, ["schema", "--check", "--dir", str(copy)])
    assert result.exit_code == 4
    assert (
        result.stderr
        == f"orsnap: error: stale TypeScript types in {copy / 'types'}: ranking.d.ts (run `orsnap schema`)\n"
    )
    result = CliRunner().invoke(cli, ["schema", "--dir", str(copy)])
    assert result.exit_code == 0 and f"wrote 1 type file(s) to {copy / 'types'}" in result.stderr
    assert (copy / "types" / "ranking.d.ts").read_bytes() == (SCHEMA_DIR / "types" / "ranking.d.ts").read_bytes()


def test_schema_without_the_node_tools_says_so_in_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "repo" / "schema"
    shutil.copytree(SCHEMA_DIR, copy)
    (copy / "ranking.schema.json").unlink()
    monkeypatch.chdir(tmp_path)  # neither the copy's repository nor the working directory has node_modules
    result = CliRunner().invoke(cli, ["schema", "--dir", str(copy)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("orsnap: error: cannot generate the TypeScript types: ")
    assert "`npm ci`" in result.stderr or "apt-get install nodejs" in result.stderr
    assert not (copy / "ranking.schema.json").exists()  # nothing written: the tool is looked for first
    shutil.copy(SCHEMA_DIR / "ranking.schema.json", copy)
    result = CliRunner().invoke(cli, ["schema", "--check", "--dir", str(copy)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("orsnap: error: cannot generate the TypeScript types: ")
