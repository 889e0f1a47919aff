"""Start-up: a command imports only what it uses, so `orsnap --help` and `orsnap validate` start quickly.

Each check runs the real CLI in a fresh interpreter and lists what it imported (bench/bench_startup.py measures
the time; these tests keep the heavy imports from creeping back).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT

DRIVER = """
import json, sys
from generator.cli import main
sys.argv = ["orsnap", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""
HEAVY = ("httpx", "jinja2", "jsonschema", "markdown_it", "tenacity", "asyncio")
GENERATOR_HEAVY = ("generator.site", "generator.history", "generator.changes", "generator.update", "generator.replay")


def imported(*args: str) -> tuple[int, set[str]]:
    """Run ``orsnap ARGS`` in a fresh interpreter; its exit code and every module it imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == name or m.startswith(name + ".") for name in names))


def test_help_imports_no_http_template_schema_or_model_code() -> None:
    code, modules = imported("--help")
    assert code == 0
    assert loaded(modules, (*HEAVY, "pydantic", *GENERATOR_HEAVY, "generator.published", "generator.store")) == []


@pytest.mark.parametrize("command", ["update", "record", "verify", "build", "changelog", "replay"])
def test_a_commands_help_imports_none_of_what_the_command_runs(command: str) -> None:
    code, modules = imported(command, "--help")
    assert code == 0
    assert loaded(modules, ("httpx", "jinja2", "pydantic", "generator.site", "generator.update")) == []


def test_validate_imports_no_http_template_site_or_history_code() -> None:
    code, modules = imported("validate", "--snapshots", str(ROOT / "snapshots"))
    assert code == 0
    assert "generator.published" in modules  # what it validates against: the schemas of the published models
    assert (
        loaded(modules, ("httpx", "jinja2", "markdown_it", "tenacity", *GENERATOR_HEAVY, "generator.selection")) == []
    )
