"""The Atom feed parses with a real feed parser, one entry per snapshot change, and survives hostile text."""

from __future__ import annotations

import itertools
import json

import feedparser

from generator import changes, feed, history, store

from .conftest import ROOT
from .history_support import HistoryRepo, history_repo

__all__ = ["history_repo"]


def entries_of(repo: HistoryRepo) -> list[feed.Entry]:
    snaps = history.read_history(repo.path / "snapshots").snapshots
    return [
        feed.entry_for(
            changes.report(changes.Side.of(a), changes.Side.of(b)), link=f"https://example.org/changes/#{b.ref}"
        )
        for a, b in itertools.pairwise(snaps)
    ]


def test_feed_is_valid_atom_with_one_entry_per_snapshot_change(history_repo: HistoryRepo) -> None:
    xml = feed.atom(entries_of(history_repo), site_url="https://example.org/", self_url="https://example.org/feed.atom")
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert len(parsed.entries) == len(history_repo.steps) - 1
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)
    newest = parsed.entries[0]
    assert newest.updated == "2026-05-07T04:54:00Z" and parsed.feed.updated == newest.updated
    assert newest.link == f"https://example.org/changes/#{history_repo.steps[-1].commit[:7]}"
    assert newest.title.startswith("Snapshot 2026-05-07: 100 added, 72 removed")
    assert "<code>" in newest.content[0].value  # the HTML content, unescaped by the parser
    assert [link.rel for link in parsed.feed.links] == ["self", "alternate"]


def test_feed_is_deterministic(history_repo: HistoryRepo) -> None:
    assert feed.atom(entries_of(history_repo)) == feed.atom(entries_of(history_repo))


def test_feed_survives_control_characters_and_markup_in_upstream_names() -> None:
    files = store.read_files(ROOT / "snapshots" / "v1")
    models = json.loads(files["models.json"])
    hostile = "Bad\x00\x1b[31m <script>alert(1)</script> & \ufffe ]]> name"
    models["models"].append({**models["models"][0], "id": "evil/model", "name": hostile})
    data = changes.report(
        changes.Side("a", "2026-05-18T02:00:00Z", files),
        changes.Side("b", "2026-05-19T02:00:00Z", {**files, "models.json": store.canonical_json(models)}),
    )
    parsed = feedparser.parse(feed.atom([feed.entry_for(data)]))
    assert not parsed.bozo, parsed.get("bozo_exception")
    content = parsed.entries[0].content[0].value
    assert "evil/model" in content
    assert "<script>" not in content and "&lt;script&gt;" in content


def test_feed_drops_bidi_and_zero_width_characters_from_upstream_names() -> None:
    files = store.read_files(ROOT / "snapshots" / "v1")
    models = json.loads(files["models.json"])
    models["models"].append({**models["models"][0], "id": "evil/model", "name": "gpt\u202eevil\u200b\u2066x"})
    data = changes.report(
        changes.Side("a", "2026-05-18T02:00:00Z", files),
        changes.Side("b", "2026-05-19T02:00:00Z", {**files, "models.json": store.canonical_json(models)}),
    )
    xml = feed.atom([feed.entry_for(data)]).decode()
    assert "\u202e" not in xml and "\u200b" not in xml and "\u2066" not in xml
    assert "gptevilx" in feedparser.parse(xml).entries[0].content[0].value


def test_empty_history_gives_a_valid_feed_without_entries() -> None:
    parsed = feedparser.parse(feed.atom([]))
    assert not parsed.bozo and parsed.version == "atom10" and parsed.entries == []
