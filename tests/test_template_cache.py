"""generator.template_cache: compiled templates kept between runs change no byte of the site."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from generator import api, site, site_render

from .conftest import ROOT


def _pages(snapshot: dict[str, bytes]) -> dict[str, bytes]:
    site_render.environment.cache_clear()  # a new process: the environment (and its compiled templates) anew
    return site.site_files(site.load(snapshot), site.static_files(), api.schema_files())


def test_a_build_from_cached_templates_is_byte_identical_to_one_that_compiled_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the cache's directory, empty
    snapshot = site.read_snapshot(ROOT / "snapshots" / "v1")
    cold = _pages(snapshot)
    cached = sorted(p.name for p in tmp_path.rglob("orsnap-site-*.cache"))
    assert cached  # the first build compiled the templates and kept them
    warm = _pages(snapshot)
    assert warm == cold
    assert sorted(p.name for p in tmp_path.rglob("orsnap-site-*.cache")) == cached  # read, not compiled again


def test_an_unusable_cache_directory_means_compiling_not_failing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    snapshot = site.read_snapshot(ROOT / "snapshots" / "v1")
    assert _pages(snapshot)["index.html"].startswith(b"<!doctype html>")
    site_render.environment.cache_clear()
