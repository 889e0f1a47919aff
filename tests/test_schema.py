"""The committed JSON Schemas are generated from the published models and must not drift."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from generator import schema
from generator.cli import cli

from .conftest import ROOT, require

SCHEMA_DIR = ROOT / "schema"


def test_committed_schemas_are_current() -> None:
    assert schema.stale(SCHEMA_DIR) == []


def test_every_schema_is_draft_2020_12_with_id_title_and_descriptions() -> None:
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        doc = json.loads(path.read_text())
        jsonschema.Draft202012Validator.check_schema(doc)
        assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert doc["$id"] == f"urn:orsnap:schema:v1:{path.name.removesuffix('.schema.json')}"
        assert doc["title"] and doc["description"]


@pytest.mark.slow  # runs json2ts
def test_schema_check_fails_when_a_schema_is_stale(tmp_path: Path) -> None:
    # `orsnap schema` also regenerates the TypeScript types (json2ts, found from the working directory here)
    require((ROOT / "node_modules" / ".bin" / "json2ts").exists(), "json2ts (pinned in package-lock.json)", "npm ci")
    copy = tmp_path / "schema"
    shutil.copytree(SCHEMA_DIR, copy)
    doc = json.loads((copy / "ranking.schema.json").read_text())
    doc["properties"].pop("entries")
    (copy / "ranking.schema.json").write_text(json.dumps(doc))
    result = CliRunner().invoke(cli, ["schema", "--check", "--dir", str(copy)])
    assert result.exit_code == 4
    assert "stale schemas" in result.stderr and "ranking.schema.json" in result.stderr
    result = CliRunner().invoke(cli, ["schema", "--dir", str(copy)])
    assert result.exit_code == 0
    assert CliRunner().invoke(cli, ["schema", "--check", "--dir", str(copy)]).exit_code == 0


def test_validate_command_reports_file_and_pointer(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "snapshots" / "v1", tmp_path / "v1")
    runner = CliRunner()
    ok = runner.invoke(cli, ["validate", "--snapshots", str(tmp_path)])
    assert ok.exit_code == 0 and "valid:" in ok.stderr
    path = tmp_path / "v1" / "categories.json"
    doc = json.loads(path.read_text())
    doc["categories"][0]["slug"] = "../../etc"
    path.write_text(json.dumps(doc))
    bad = runner.invoke(cli, ["validate", "--snapshots", str(tmp_path)])
    assert bad.exit_code == 4
    assert "categories.json: /categories/0/slug: '../../etc' does not match" in bad.stdout
