"""selection.json: the policy's promises, on snapshots made from the recorded responses (keyed and keyless)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from generator import selection, selection_models, store
from generator.replay import ReplayServer
from generator.update import Options, update

from .conftest import FAKE_KEY, FIXTURES, ROOT

COMMITTED = ROOT / "snapshots" / "v1"
TIERS = ("high_accuracy", "balanced", "budget")


def _update(server: ReplayServer, snapshots: Path, key: str | None, **kwargs: Any) -> dict[str, bytes]:
    update(
        Options(
            snapshots=snapshots,
            api_base=f"{server.url}/api/v1",
            contract_url=f"{server.url}/openapi.json",
            api_key=key,
            **kwargs,
        )
    )
    return store.read_files(snapshots / "v1")


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, bytes]]]:
    """Two snapshots of the recorded responses, made by the real pipeline: with a key and without one."""
    root = tmp_path_factory.mktemp("selection")
    with ReplayServer(FIXTURES) as server:
        yield {
            "keyed": _update(server, root / "keyed", FAKE_KEY),
            "keyless": _update(server, root / "keyless", None),
        }


def doc(files: dict[str, bytes], name: str = "selection.json") -> dict[str, Any]:
    return json.loads(files[name])


def rebuilt(
    files: dict[str, bytes], policy: selection_models.Policy = selection_models.POLICY, **edits: Any
) -> dict[str, Any]:
    """The selection of ``files`` after replacing some of them (name → JSON document)."""
    changed = {**files, **{name: json.dumps(value).encode() for name, value in edits.items()}}
    return selection.from_files(changed, policy).model_dump(mode="json")


def choices(sel: dict[str, Any]) -> list[dict[str, Any]]:
    return [sel["overall"], *sel["categories"], *sel["capabilities"]]


def picks(sel: dict[str, Any]) -> Iterator[tuple[str, str, int, dict[str, Any]]]:
    for choice in choices(sel):
        for tier in TIERS:
            for position, pick in enumerate(choice["tiers"][tier]):
                yield choice["slug"], tier, position, pick


def category_slugs(nodes: list[dict[str, Any]]) -> list[str]:
    return [s for n in nodes for s in (n["slug"], *category_slugs(n["children"]))]


def first_pick(sel: dict[str, Any], slug: str, tier: str = "high_accuracy") -> dict[str, Any]:
    choice = next(c for c in sel["categories"] if c["slug"] == slug)
    return choice["tiers"][tier][0]


KINDS = pytest.mark.parametrize("kind", ["keyed", "keyless"])


# --- the committed snapshot ----------------------------------------------------------------------------------


def test_committed_snapshot_has_a_valid_selection_with_tiers_for_every_category() -> None:
    files = store.read_files(COMMITTED)
    assert store.validate_files(files) == []
    assert "selection.json" in {f["path"] for f in doc(files, "manifest.json")["files"]}
    sel = doc(files)
    order = category_slugs(doc(files, "categories.json")["categories"])
    assert [c["slug"] for c in sel["categories"]] == order
    for choice in [sel["overall"], *sel["categories"]]:
        for tier in TIERS:
            assert len(choice["tiers"][tier]) >= 2, (choice["slug"], tier)


def test_committed_selection_is_what_the_policy_makes_of_the_committed_snapshot() -> None:
    files = store.read_files(COMMITTED)
    assert store.canonical_json(selection.from_files(files)) == files["selection.json"]


# --- rules ---------------------------------------------------------------------------------------------------


@KINDS
def test_update_writes_a_selection_with_tiers_for_every_category(
    snapshots: dict[str, dict[str, bytes]], kind: str
) -> None:
    files = snapshots[kind]
    assert store.validate_files(files) == []
    sel = doc(files)
    assert sel["keyed"] is (kind == "keyed")
    assert [c["slug"] for c in sel["categories"]] == category_slugs(doc(files, "categories.json")["categories"])
    for choice in [sel["overall"], *sel["categories"]]:
        for tier in TIERS:
            assert choice["tiers"][tier], (kind, choice["slug"], tier)


@KINDS
def test_every_picked_id_exists_in_models_json(snapshots: dict[str, dict[str, bytes]], kind: str) -> None:
    catalog = {m["id"] for m in doc(snapshots[kind], "models.json")["models"]}
    picked = {pick["model_id"] for *_, pick in picks(doc(snapshots[kind]))}
    assert picked and picked <= catalog


@KINDS
def test_no_expiring_unpriced_or_alias_model_is_picked(snapshots: dict[str, dict[str, bytes]], kind: str) -> None:
    files = snapshots[kind]
    sel = doc(files)
    horizon = date.fromisoformat(sel["as_of"][:10]) + timedelta(days=sel["policy"]["expiry_days"])
    catalog = {m["id"]: m for m in doc(files, "models.json")["models"]}
    for slug, tier, _, pick in picks(sel):
        model = catalog[pick["model_id"]]
        assert float(model["pricing"]["prompt"]) >= 0 and float(model["pricing"]["completion"]) >= 0, pick
        assert model["expiration_date"] is None or date.fromisoformat(model["expiration_date"]) > horizon, pick
        assert not model["is_alias"], (slug, tier, pick["model_id"])
    # The recorded data has all three kinds in its rankings, so the rules did refuse something.
    reasons = " ".join(s["reason"] for c in choices(sel) for s in c.get("skipped", []))
    assert "not in the catalog" in reasons if kind == "keyed" else "no fixed price" in reasons


def test_a_model_missing_from_the_catalog_is_skipped_not_picked(snapshots: dict[str, dict[str, bytes]]) -> None:
    files = snapshots["keyed"]
    primary = first_pick(doc(files), "programming")["model_id"]
    catalog = doc(files, "models.json")
    catalog["models"] = [m for m in catalog["models"] if m["id"] != primary]
    sel = rebuilt(files, **{"models.json": catalog})
    assert primary not in {p["model_id"] for *_, p in picks(sel)}
    programming = next(c for c in sel["categories"] if c["slug"] == "programming")
    assert {"model_id": primary, "reason": "not in the catalog"}.items() <= next(
        s for s in programming["skipped"] if s["model_id"] == primary
    ).items()


def test_a_variable_price_model_is_never_picked(snapshots: dict[str, dict[str, bytes]]) -> None:
    files = snapshots["keyed"]
    primary = first_pick(doc(files), "programming")["model_id"]
    catalog = doc(files, "models.json")
    for model in catalog["models"]:
        if model["id"] == primary:
            model["pricing"]["prompt"] = model["pricing"]["completion"] = "-1"
    sel = rebuilt(files, **{"models.json": catalog})
    assert primary not in {p["model_id"] for *_, p in picks(sel)}
    programming = next(c for c in sel["categories"] if c["slug"] == "programming")
    assert any(s["model_id"] == primary and "no fixed price" in s["reason"] for s in programming["skipped"])


def test_expiry_window_is_measured_from_the_snapshot_as_of(snapshots: dict[str, dict[str, bytes]]) -> None:
    files = snapshots["keyed"]
    sel = doc(files)
    primary = first_pick(sel, "programming")["model_id"]
    as_of = date.fromisoformat(sel["as_of"][:10])
    catalog = doc(files, "models.json")
    for model in catalog["models"]:
        if model["id"] == primary:
            model["expiration_date"] = (as_of + timedelta(days=40)).isoformat()
    # 40 days after as_of is outside the 30-day window: still picked, and the date is shown.
    kept = rebuilt(files, **{"models.json": catalog})
    assert first_pick(kept, "programming")["model_id"] == primary
    assert first_pick(kept, "programming")["expiration_date"] == (as_of + timedelta(days=40)).isoformat()
    # The same catalog in a snapshot dated 15 days later: now within the window, so refused.
    manifest = doc(files, "manifest.json")
    later = (datetime.fromisoformat(sel["as_of"].replace("Z", "+00:00")) + timedelta(days=15)).astimezone(UTC)
    manifest["sources_as_of"]["catalog"] = later.strftime("%Y-%m-%dT%H:%M:%SZ")
    moved = rebuilt(files, **{"models.json": catalog, "manifest.json": manifest})
    assert primary not in {p["model_id"] for *_, p in picks(moved)}
    # A policy with a shorter window keeps it.
    short = selection_models.POLICY.model_copy(update={"expiry_days": 10})
    assert (
        first_pick(rebuilt(files, short, **{"models.json": catalog, "manifest.json": manifest}), "programming")[
            "model_id"
        ]
        == primary
    )


@KINDS
def test_free_models_are_marked_and_never_the_primary(snapshots: dict[str, dict[str, bytes]], kind: str) -> None:
    files = snapshots[kind]
    catalog = doc(files, "models.json")
    free_ids = {m["id"] for m in catalog["models"] if m["is_free"]}
    for slug, tier, position, pick in picks(doc(files)):
        assert pick["free"] is (pick["model_id"] in free_ids)
        if position == 0:
            assert not pick["free"], (slug, tier)
    # Make every model of the category but one free (and do not top the pool up): that one leads every tier
    # although the free ones score higher on cost, and they follow it, marked.
    sel = doc(files)
    keep = first_pick(sel, "programming", "budget")["model_id"]
    ranked = {e["model_id"] for e in doc(files, "rankings/category/programming.json")["entries"]}
    for model in catalog["models"]:
        if model["id"] in ranked and model["id"] != keep:
            model["pricing"] = {"prompt": "0", "completion": "0"}
            model["is_free"] = True
    no_top_up = selection_models.POLICY.model_copy(update={"min_pool": 0})
    sel = rebuilt(files, no_top_up, **{"models.json": catalog})
    programming = next(c for c in sel["categories"] if c["slug"] == "programming")
    for tier in TIERS:
        listed = programming["tiers"][tier]
        assert listed[0]["model_id"] == keep, tier
        flags = [p["free"] for p in listed]
        assert flags == sorted(flags), f"{tier}: a free pick comes before a paid one"
        assert any(flags) and all("free" in p["reason"] for p in listed if p["free"])


@KINDS
def test_every_list_that_can_have_a_fallback_has_one(snapshots: dict[str, dict[str, bytes]], kind: str) -> None:
    sel = doc(snapshots[kind])
    size = sel["policy"]["tier_size"]
    for choice in choices(sel):
        for tier in TIERS:
            assert len(choice["tiers"][tier]) == min(size, choice["candidates"]), (choice["slug"], tier)


def test_a_small_category_is_topped_up_from_the_overall_leaderboard(snapshots: dict[str, dict[str, bytes]]) -> None:
    files = snapshots["keyed"]
    ranking = doc(files, "rankings/category/programming.json")
    only = ranking["entries"][0]
    ranking["entries"] = [only]
    sel = rebuilt(files, **{"rankings/category/programming.json": ranking})
    programming = next(c for c in sel["categories"] if c["slug"] == "programming")
    assert programming["topped_up"] >= 1
    listed = programming["tiers"]["high_accuracy"]
    assert len(listed) >= 2
    assert {p["rank_source"] for p in listed} == {"rankings/category/programming.json", "rankings/overall.json"}
    assert next(p for p in listed if p["model_id"] == only["model_id"])["rank"] == only["rank"]


@KINDS
def test_picks_carry_their_evidence(snapshots: dict[str, dict[str, bytes]], kind: str) -> None:
    files = snapshots[kind]
    catalog = {m["id"]: m for m in doc(files, "models.json")["models"]}
    for _, _, position, pick in picks(doc(files)):
        model = catalog[pick["model_id"]]
        assert float(pick["price_input_per_m"]) == pytest.approx(float(model["pricing"]["prompt"]) * 1e6)
        assert float(pick["price_output_per_m"]) == pytest.approx(float(model["pricing"]["completion"]) * 1e6)
        assert pick["context_length"] == model["context_length"]
        assert pick["tools"] is ("tools" in model["supported_parameters"])
        assert pick["vision"] is ("image" in model["input_modalities"])
        ranking = doc(files, pick["rank_source"])
        assert any(e["rank"] == pick["rank"] and e["model_id"] == pick["model_id"] for e in ranking["entries"])
        assert pick["reason"].startswith("primary" if position == 0 else f"fallback {position}")
        assert "\n" not in pick["reason"]
        if kind == "keyed" and pick["rank_source"].startswith("rankings/category/"):
            entry = next(e for e in ranking["entries"] if e["model_id"] == pick["model_id"])
            assert pick["share"] == entry["share"] and pick["metric"] == "tokens"  # null when upstream gave no total
        if kind == "keyless":
            assert pick["share"] is None and pick["benchmark"] is None
    scored = [p for *_, p in picks(doc(files)) if p["benchmark"] is not None or p["quality_rank"] is not None]
    assert scored, "the recorded data has benchmark scores (keyed) and the quality ordering (keyless)"


@KINDS
def test_tiers_are_ordered_by_score_with_deterministic_ties(snapshots: dict[str, dict[str, bytes]], kind: str) -> None:
    sel = doc(snapshots[kind])
    for choice in choices(sel):
        for tier in TIERS:
            paid = [p for p in choice["tiers"][tier] if not p["free"]]
            assert [p["score"] for p in paid] == sorted((p["score"] for p in paid), reverse=True)
    # Same data in another order gives the same bytes.
    files = snapshots[kind]
    catalog = doc(files, "models.json")
    catalog["models"].reverse()
    shuffled = dict(reversed(list({**files, "models.json": json.dumps(catalog).encode()}.items())))
    assert store.canonical_json(selection.from_files(shuffled)) == files["selection.json"]


def test_equal_scores_go_to_the_better_rank(snapshots: dict[str, dict[str, bytes]]) -> None:
    files = snapshots["keyed"]
    # Without quality and cost, a tier is the usage order; give two models identical data to force ties.
    flat = selection_models.POLICY.model_copy(
        update={
            "tiers": selection_models.TierPolicy(
                **{t: selection_models.TierWeights(quality=0, usage=1, cost=0, meaning="") for t in TIERS}
            )
        }
    )
    sel = rebuilt(files, flat)
    ranking = doc(files, "rankings/category/programming.json")
    programming = next(c for c in sel["categories"] if c["slug"] == "programming")
    paid_ranks = [p["rank"] for p in programming["tiers"]["balanced"] if not p["free"]]
    assert paid_ranks == sorted(paid_ranks) and paid_ranks[0] == min(e["rank"] for e in ranking["entries"])


def test_quality_ordering_is_looked_up_in_dimensions_and_its_absence_is_tolerated(
    snapshots: dict[str, dict[str, bytes]],
) -> None:
    files = snapshots["keyless"]
    sel = doc(files)
    ref = sel["policy"]["quality_ordering"]
    assert ref["value"] in sel["signals"]["quality"]
    dimensions = doc(files, "dimensions.json")
    dimensions["dimensions"] = [
        d for d in dimensions["dimensions"] if (d["parameter"], d["value"]) != (ref["parameter"], ref["value"])
    ]
    degraded = rebuilt(files, **{"dimensions.json": dimensions})
    assert degraded["signals"]["quality"] is None
    assert any("no quality signal" in n for n in degraded["signals"]["notes"])
    assert all(p["quality_rank"] is None for *_, p in picks(degraded))
    # Usage then carries quality's weight: high accuracy is the category's own order among paid models.
    for choice in degraded["categories"]:
        ranks = [p["rank"] for p in choice["tiers"]["high_accuracy"] if not p["free"]]
        assert ranks == sorted(ranks), choice["slug"]


def test_keyed_snapshot_takes_quality_from_benchmarks(snapshots: dict[str, dict[str, bytes]]) -> None:
    files = snapshots["keyed"]
    sel = doc(files)
    assert "benchmarks.json" in sel["signals"]["quality"]
    best = {}
    for entry in doc(files, "benchmarks.json")["entries"]:
        if entry["model_id"] and entry["intelligence_index"] is not None:
            best[entry["model_id"]] = max(entry["intelligence_index"], best.get(entry["model_id"], 0))
    for *_, pick in picks(sel):
        model_id = pick["model_id"]
        assert pick["benchmark"] == best.get(model_id, best.get(model_id.partition(":")[0]))


@KINDS
def test_capability_lists_hold_only_models_with_the_capability(
    snapshots: dict[str, dict[str, bytes]], kind: str
) -> None:
    files = snapshots[kind]
    sel = doc(files)
    rules = {r["slug"]: r for r in sel["policy"]["capabilities"]}
    assert {c["slug"] for c in sel["capabilities"]} == set(rules)
    catalog = {m["id"]: m for m in doc(files, "models.json")["models"]}
    for choice in sel["capabilities"]:
        rule = rules[choice["slug"]]
        for tier in TIERS:
            assert choice["tiers"][tier]
            for pick in choice["tiers"][tier]:
                model = catalog[pick["model_id"]]
                assert not rule["needs_tools"] or "tools" in model["supported_parameters"]
                assert not rule["input_modality"] or rule["input_modality"] in model["input_modalities"]
                assert (model["context_length"] or 0) >= rule["min_context"]
    # Without any image-input model, there is no vision list, and the file says so.
    catalog_doc = doc(files, "models.json")
    for model in catalog_doc["models"]:
        model["input_modalities"] = [m for m in model["input_modalities"] if m != "image"]
    blind = rebuilt(files, **{"models.json": catalog_doc})
    assert "vision" not in {c["slug"] for c in blind["capabilities"]}
    assert any("Vision" in n for n in blind["signals"]["notes"])


def test_policy_block_echoes_the_configuration(snapshots: dict[str, dict[str, bytes]]) -> None:
    files = snapshots["keyed"]
    assert doc(files)["policy"] == selection_models.POLICY.model_dump(mode="json")
    custom = selection_models.POLICY.model_copy(update={"tier_size": 3, "expiry_days": 7})
    sel = rebuilt(files, custom)
    assert sel["policy"]["tier_size"] == 3 and sel["policy"]["expiry_days"] == 7
    assert any("within 7 days" in line for line in sel["method"])
    assert all(len(c["tiers"][t]) <= 3 for c in choices(sel) for t in TIERS)


def our_strings(value: Any, key: str = "") -> Iterator[str]:
    """Every string of a document except upstream names and ids (a model may be called "… 2026-04-20")."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from our_strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from our_strings(v, key)
    elif isinstance(value, str) and key not in {"name", "model_id", "permaslug"}:
        yield value


@KINDS
def test_selection_has_no_wall_clock_time(snapshots: dict[str, dict[str, bytes]], kind: str) -> None:
    """Every date in the file is one the snapshot's data gave (its as_of values, announced expiry dates)."""
    files = snapshots[kind]
    manifest = doc(files, "manifest.json")
    allowed = {v[:10] for v in manifest["sources_as_of"].values()}
    allowed |= {m["expiration_date"] for m in doc(files, "models.json")["models"] if m["expiration_date"]}
    found = {d for text in our_strings(doc(files)) for d in re.findall(r"\b(\d{4}-\d{2}-\d{2})", text)}
    assert found and found <= allowed, found - allowed
    assert datetime.now(UTC).date().isoformat() not in allowed  # so a leaked "today" would be caught above
    assert doc(files)["as_of"] == manifest["as_of"]


def test_selection_does_not_depend_on_the_run_time(tmp_path: Path, replay: ReplayServer) -> None:
    early = _update(replay, tmp_path / "a", FAKE_KEY, now=lambda: datetime(2001, 1, 1, tzinfo=UTC))
    late = _update(replay, tmp_path / "b", FAKE_KEY, now=lambda: datetime(2099, 1, 1, tzinfo=UTC))
    assert early["selection.json"] == late["selection.json"]


# --- what a reviewer reads -----------------------------------------------------------------------------------


def readable(sel: dict[str, Any]) -> dict[str, Any]:
    """The picks as a reviewer reads them: per list and tier, `model — reason`; plus what was skipped and why."""
    return {
        "signals": sel["signals"],
        "method": sel["method"],
        "lists": {
            f"{kind}:{c['slug']}": {
                **{t: [f"{p['model_id']} — {p['reason']}" for p in c["tiers"][t]] for t in TIERS},
                "skipped": [
                    f"#{s['rank']} {s['model_id'] or s['permaslug']}: {s['reason']}" for s in c.get("skipped", [])
                ],
            }
            for kind, group in (
                ("overall", [sel["overall"]]),
                ("category", sel["categories"]),
                ("capability", sel["capabilities"]),
            )
            for c in group
        },
    }


@KINDS
def test_selection_of_the_recorded_fixtures(
    snapshots: dict[str, dict[str, bytes]], kind: str, snapshot_json: SnapshotAssertion
) -> None:
    assert readable(doc(snapshots[kind])) == snapshot_json
