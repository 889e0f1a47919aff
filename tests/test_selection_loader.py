"""The orchestrator's loader: stdlib only, copyable, walks fallbacks, refuses what it cannot read."""

from __future__ import annotations

import ast
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from generator import selection_loader
from generator.selection_loader import IncompatibleVersion, NoMatch, SelectionError, UnknownName, load, loads

from .conftest import ROOT

FILE = ROOT / "snapshots" / "v1" / "selection.json"
LOADER = ROOT / "generator" / "selection_loader.py"
README = ROOT / "README.md"
DOC: dict[str, Any] = json.loads(FILE.read_text(encoding="utf-8"))
TIERS = ("high_accuracy", "balanced", "budget")


def tier_ids(slug: str, tier: str) -> list[str]:
    choice = DOC["overall"] if slug == "overall" else next(c for c in DOC["categories"] if c["slug"] == slug)
    return [p["model_id"] for p in choice["tiers"][tier]]


def entries(slug: str, tier: str) -> list[dict[str, Any]]:
    choice = DOC["overall"] if slug == "overall" else next(c for c in DOC["categories"] if c["slug"] == slug)
    return choice["tiers"][tier]


def with_version(version: str) -> bytes:
    return json.dumps({**DOC, "schema_version": version}).encode()


# --- picking -------------------------------------------------------------------------------------------------


def test_pick_returns_the_primary_and_its_fallbacks_in_order() -> None:
    sel = load(FILE)
    for choice in DOC["categories"]:
        for tier in TIERS:
            got = sel.pick(choice["slug"], tier)
            ids = tier_ids(choice["slug"], tier)
            assert (got.model, got.position, got.category, got.tier) == (ids[0], 0, choice["slug"], tier)
            overall = [m for m in tier_ids("overall", tier) if m not in ids]
            assert got.fallbacks == (*ids[1:], *overall)
            assert got.reason == entries(choice["slug"], tier)[0]["reason"]
            assert got.evidence["model_id"] == got.model
    assert sel.pick("programming").tier == "high_accuracy"


@pytest.mark.parametrize("slug", ["overall", *(c["slug"] for c in DOC["categories"])])
@pytest.mark.parametrize("tier", TIERS)
def test_pick_honours_constraints_and_walks_the_fallbacks(slug: str, tier: str) -> None:
    sel = load(FILE)
    listed = entries(slug, tier) + [e for e in entries("overall", tier) if slug != "overall"]
    contexts = sorted({e["context_length"] or 0 for e in listed})
    for need_tools in (False, True):
        for min_context in (0, *contexts):
            for exclude in ((), (listed[0]["model_id"],)):
                ok = [
                    e
                    for e in listed
                    if (e["tools"] or not need_tools)
                    and (e["context_length"] or 0) >= min_context
                    and e["model_id"] not in exclude
                ]
                if not ok:
                    with pytest.raises(NoMatch):
                        sel.pick(slug, tier, need_tools=need_tools, min_context=min_context, exclude=exclude)
                    continue
                got = sel.pick(slug, tier, need_tools=need_tools, min_context=min_context, exclude=exclude)
                assert got.model == ok[0]["model_id"]
                assert got.fallbacks == tuple(
                    dict.fromkeys(e["model_id"] for e in ok[1:] if e["model_id"] != got.model)
                )
                assert got.evidence["context_length"] >= min_context and (got.evidence["tools"] or not need_tools)


def test_pick_falls_back_to_the_overall_leaderboard_when_the_tier_is_exhausted() -> None:
    sel = load(FILE)
    own = tier_ids("programming", "balanced")
    got = sel.pick("programming", "balanced", exclude=own)
    assert got.category == "overall" and got.model not in own
    assert got.model == next(m for m in tier_ids("overall", "balanced") if m not in own)


def test_no_match_says_what_was_asked() -> None:
    with pytest.raises(NoMatch, match=r"no model in programming or overall meets: tier budget, tool support, context"):
        load(FILE).pick("programming", "budget", need_tools=True, min_context=10**12)


def test_free_models_can_be_refused() -> None:
    doc = json.loads(json.dumps(DOC))
    picks = doc["overall"]["tiers"]["budget"]
    picks[1]["free"] = True  # the file marks free models; a caller may refuse them
    sel = loads(json.dumps(doc))
    assert picks[1]["model_id"] in sel.pick("overall", "budget").fallbacks
    assert picks[1]["model_id"] not in sel.pick("overall", "budget", allow_free=False).fallbacks


def test_unknown_category_lists_the_known_ones() -> None:
    with pytest.raises(UnknownName) as caught:
        load(FILE).pick("no-such-category")
    message = str(caught.value)
    assert message.startswith("unknown category 'no-such-category'; known: ")
    for slug in ["overall", *(c["slug"] for c in DOC["categories"])]:
        assert slug in message
    with pytest.raises(UnknownName, match=r"unknown tier 'best'; known: balanced, budget, high_accuracy"):
        load(FILE).pick("programming", "best")


def test_capability_lists_are_picked_like_categories() -> None:
    sel = load(FILE)
    for choice in DOC["capabilities"]:
        got = sel.capability(choice["slug"], "budget")
        assert got.model == choice["tiers"]["budget"][0]["model_id"]
    with pytest.raises(UnknownName, match="known: long-context, tool-use, vision"):
        sel.capability("telepathy")


# --- refusing what it cannot read ----------------------------------------------------------------------------


def test_incompatible_schema_major_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "selection.json"
    path.write_bytes(with_version("2.0.0"))
    with pytest.raises(IncompatibleVersion) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}: schema_version 2.0.0 is not supported: this loader reads major version 1 "
        "(use a loader made for version 2.x)"
    )
    assert loads(with_version("1.7.3")).schema_version == "1.7.3"  # minor and patch changes are compatible


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not json", "not JSON"),
        (b"[]", "expected a JSON object"),
        (b'{"schema_version": "one"}', "schema_version is 'one'"),
        (b'{"schema_version": "1.0.0"}', "missing or malformed"),
    ],
)
def test_a_file_that_is_not_a_selection_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(SelectionError, match=re.escape(message)):
        loads(data)


def test_only_http_https_and_file_urls_are_fetched() -> None:
    with pytest.raises(SelectionError, match="only http, https and file URLs"):
        load("ftp://127.0.0.1/selection.json")


# --- where it loads from -------------------------------------------------------------------------------------


@pytest.fixture
def http_root(tmp_path: Path) -> Iterator[str]:
    shutil.copy(FILE, tmp_path / "selection.json")
    handler = partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_load_from_a_path_a_file_url_and_a_loopback_http_url(http_root: str) -> None:
    by_path = load(str(FILE)).pick("programming", "balanced")
    assert load(FILE.as_uri()).pick("programming", "balanced").model == by_path.model
    assert load(f"{http_root}/selection.json").pick("programming", "balanced").model == by_path.model


DRIVER = """
import json, sys
sys.path.insert(0, sys.argv[1])
for name in ("pydantic", "httpx", "click", "jsonschema", "generator"):
    try:
        __import__(name)
    except ImportError:
        pass
    else:
        raise SystemExit(f"{name} is importable: the test is not isolated")
import selection_loader as sl
sel = sl.load(sys.argv[2])
url = sl.load("file://" + sys.argv[2])
out = {
    "modules": sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "httpx", "generator", "typing")),
    "pick": sel.pick("programming", "balanced", need_tools=True).model,
    "same_by_url": url.pick("programming").model == sel.pick("programming").model,
}
try:
    sel.pick("no-such-category")
except sl.UnknownName as exc:
    out["unknown"] = str(exc)
try:
    sl.load(sys.argv[3])
except sl.IncompatibleVersion as exc:
    out["incompatible"] = str(exc)
print(json.dumps(out))
"""


def test_loader_works_isolated_with_no_third_party_package_importable(tmp_path: Path) -> None:
    """A copy of the single file, run with `python -I -S` (no site-packages, no user site, no PYTHONPATH)."""
    copy = tmp_path / "vendored"
    copy.mkdir()
    shutil.copy(LOADER, copy / "selection_loader.py")
    (tmp_path / "driver.py").write_text(DRIVER, encoding="utf-8")
    (tmp_path / "v2.json").write_bytes(with_version("2.0.0"))
    result = subprocess.run(
        [sys.executable, "-I", "-S", str(tmp_path / "driver.py"), str(copy), str(FILE), str(tmp_path / "v2.json")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["modules"] == []  # not even typing: the copy imports json, os and re only
    assert out["pick"] == load(FILE).pick("programming", "balanced", need_tools=True).model
    assert out["same_by_url"] is True
    assert out["unknown"].startswith("unknown category 'no-such-category'; known: ")
    assert "schema_version 2.0.0 is not supported: this loader reads major version 1" in out["incompatible"]


def test_loader_imports_nothing_outside_the_standard_library() -> None:
    tree = ast.parse(LOADER.read_text(encoding="utf-8"))
    top = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    top |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert {"json", "os", "re"} <= top
    assert top <= set(sys.stdlib_module_names) | {"__future__"}, top
    assert int(DOC["schema_version"].split(".")[0]) == selection_loader.SUPPORTED_MAJOR


# --- the README's example ------------------------------------------------------------------------------------


def readme_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## For orchestrator authors") :]
    section = section[: section.find("\n## ", 1)] if "\n## " in section[1:] else section
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block, "the section has a python example"
    return block.group(1)


def test_readme_usage_example_is_five_lines_and_runs_as_written() -> None:
    code = readme_example()
    assert len([line for line in code.splitlines() if line.strip()]) == 5
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    expected = load(FILE).pick("programming", "balanced", need_tools=True, min_context=100_000)
    assert result.stdout.splitlines()[0] == f"{expected.model} | {expected.reason}"
