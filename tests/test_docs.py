"""Documentation cannot go stale: every command and option is in the README, and nothing is hard-coded."""

from __future__ import annotations

import ast
import json
import re

import click

from generator.cli import cli

from .conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_in_the_readme() -> None:
    missing = []
    for name, command in cli.commands.items():
        if f"orsnap {name}" not in README:
            missing.append(f"orsnap {name}")
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    if opt.startswith("--") and opt not in {"--help"} and opt not in README:
                        missing.append(f"orsnap {name} {opt}")
    assert missing == []


def test_readme_starts_with_the_two_setup_commands_and_ci_runs_the_test_one() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block and README.index("```sh") < README.index("## ")
    lines = [line for line in first_block.group(1).splitlines() if line.strip()]
    assert len(lines) == 2
    assert lines[1] in (ROOT / ".ci" / "run").read_text().splitlines()


def _enum(contract: dict, path: str, name: str) -> list[str]:
    for param in contract["paths"][path]["get"]["parameters"]:
        if param["name"] == name:
            return param["schema"]["enum"]
    return []


def test_no_category_or_ordering_list_in_the_generator() -> None:
    contract = json.loads((FIXTURES / "openapi.json").read_text())
    categories = set(_enum(contract, "/models", "category"))
    orderings = set(_enum(contract, "/models", "sort")) | set(_enum(contract, "/datasets/rankings-daily", "modality"))
    offenders = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in categories:
                offenders.append(f"{path.name}:{node.lineno}: category {node.value!r}")
            if isinstance(node, ast.List | ast.Tuple | ast.Set | ast.Dict):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                named = [e.value for e in items if isinstance(e, ast.Constant) and e.value in orderings]
                if len(named) >= 2:
                    offenders.append(f"{path.name}:{node.lineno}: list of orderings {named}")
    assert offenders == []
    templates = sorted((ROOT / "generator" / "web").rglob("*"))
    assert templates, "the site's templates and static files are in generator/web/"
    for template in templates:
        if template.is_file() and template.suffix in {".html", ".j2", ".js", ".css"}:
            text = template.read_text(encoding="utf-8")
            assert not [c for c in categories if re.search(rf"\b{re.escape(c)}\b", text)], template
