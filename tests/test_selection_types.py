"""The frontend contract: TypeScript types generated from every JSON Schema, committed, and checked for drift."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from .conftest import ROOT

SCRIPT = ROOT / "schema" / "types" / "generate.py"


def generator_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("types_generate", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_typescript_types_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, cwd=ROOT, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr


def test_every_schema_has_its_type_file_and_root_type() -> None:
    schemas = sorted(p.name.removesuffix(".schema.json") for p in (ROOT / "schema").glob("*.schema.json"))
    types = sorted(p.name.removesuffix(".d.ts") for p in (ROOT / "schema" / "types").glob("*.d.ts"))
    assert types == sorted([*schemas, "index"])
    gen = generator_script()
    for name in schemas:
        text = (ROOT / "schema" / "types" / f"{name}.d.ts").read_text(encoding="utf-8")
        assert f"export interface {gen.type_name(name)} {{" in text
    selection = (ROOT / "schema" / "types" / "selection.d.ts").read_text(encoding="utf-8")
    for field in ("high_accuracy: Pick[];", "model_id: string;", "fallback", "price_input_per_m: string;"):
        assert field in selection


def test_types_check_notices_a_changed_schema_and_a_stray_file(tmp_path: Path) -> None:
    gen = generator_script()
    schemas, types = tmp_path / "schema", tmp_path / "types"
    schemas.mkdir()
    shutil.copy(ROOT / "schema" / "selection.schema.json", schemas)
    gen.generate(types, schemas)
    assert gen.stale(types, schemas) == []
    # Same input, same bytes: the generation is deterministic (no date in the banner).
    assert (types / "selection.d.ts").read_text() == (ROOT / "schema" / "types" / "selection.d.ts").read_text()
    doc = json.loads((schemas / "selection.schema.json").read_text())
    doc["$defs"]["Pick"]["properties"].pop("reason")
    doc["$defs"]["Pick"]["required"].remove("reason")
    (schemas / "selection.schema.json").write_text(json.dumps(doc))
    (types / "stray.d.ts").write_text("export type Stray = string;\n")
    assert gen.stale(types, schemas) == ["index.d.ts", "selection.d.ts", "stray.d.ts"]
