"""Properties over arbitrary input (hypothesis), with the example counts fixed so the README can report them:

- normalization never raises on arbitrary JSON shaped like a model: it returns a record or InvalidData;
- a slug becomes a path only inside the snapshot directory, whatever the string;
- rendering never emits an unescaped ``<`` that came from upstream text.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from generator import published, rank, site, site_render, store
from generator.normalize import InvalidData, NormalizeReport, normalize_catalog, normalize_model, permaslug_index
from generator.slugs import SlugError, slug_path, validate_slug

from .conftest import FIXTURES, ROOT

NORMALIZE_EXAMPLES = 400
MUTATED_EXAMPLES = 400
RANKING_EXAMPLES = 300
SLUG_EXAMPLES = 2000
RENDER_EXAMPLES = 100

RECORDED = json.loads((FIXTURES / "api/models/all.json").read_text(encoding="utf-8"))["data"]
CATALOG = {m.id: m for m in normalize_catalog({"data": RECORDED[:20]}, "GET /models")[0]}
INDEX = permaslug_index(list(CATALOG.values()))  # what a real update maps ranking rows with
PERMASLUGS = sorted(INDEX)  # the permaslugs (canonical slugs, with variants) and ids of those 20 real models
MODEL_KEYS = sorted({key for model in RECORDED for key in model})

# --- normalization ----------------------------------------------------------------------------------------------

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
decimal_strings = st.decimals(allow_nan=True, allow_infinity=True).map(str) | st.sampled_from(
    ["0", "-1", "0.000001", "1e-7", "-0.5", "NaN", "abc", " 1 ", ""]
)
plausible = {
    "id": st.from_regex(published.MODEL_ID_PATTERN, fullmatch=True) | st.text(max_size=40),
    "canonical_slug": st.none() | st.text(max_size=40),
    "name": st.text(max_size=60),
    "pricing": st.dictionaries(
        st.sampled_from(["prompt", "completion", "request", "image", "Bad Key", "web_search"]),
        decimal_strings | json_values,
        max_size=5,
    ),
    "architecture": st.fixed_dictionaries(
        {},
        optional={
            "modality": st.none() | st.text(max_size=20),
            "input_modalities": st.lists(st.text(max_size=8), max_size=3) | json_values,
            "output_modalities": st.lists(st.text(max_size=8), max_size=3) | json_values,
            "tokenizer": json_values,
        },
    )
    | json_values,
    "created": st.integers() | json_values,
    "context_length": st.none() | st.integers() | json_values,
    "expiration_date": st.none() | st.text(max_size=25) | json_values,
}


@st.composite
def model_shaped(draw: st.DrawFn) -> dict[str, Any]:
    """A dict with a model's keys (some missing), each a plausible value or any JSON, plus unknown keys."""
    keys = draw(st.lists(st.sampled_from(MODEL_KEYS), unique=True))
    out = {key: draw(plausible.get(key, json_values) | json_values) for key in keys}
    out.update(draw(st.dictionaries(st.text(max_size=10), json_values, max_size=3)))
    return out


@st.composite
def mutated_record(draw: st.DrawFn) -> Any:
    """A real recorded model with some fields replaced, removed or nested values swapped for arbitrary JSON."""
    record = json.loads(json.dumps(draw(st.sampled_from(RECORDED))))
    for key in draw(st.lists(st.sampled_from(sorted(record)), max_size=4, unique=True)):
        action = draw(st.sampled_from(["replace", "delete", "nested"]))
        if action == "delete":
            del record[key]
        elif action == "nested" and isinstance(record[key], dict) and record[key]:
            inner = draw(st.sampled_from(sorted(record[key])))
            record[key][inner] = draw(json_values | decimal_strings)
        else:
            record[key] = draw(plausible.get(key, json_values) | json_values)
    return record


def normalizes_or_says_why(raw: Any) -> None:
    try:
        model = normalize_model(raw, NormalizeReport())
    except InvalidData as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(model, published.Model)
    published.Model.model_validate(model.model_dump())  # what comes out satisfies the published contract


@settings(max_examples=NORMALIZE_EXAMPLES, deadline=None)
@given(model_shaped() | json_values)
def test_normalizing_arbitrary_model_shaped_json_returns_a_record_or_invalid_data(raw: Any) -> None:
    normalizes_or_says_why(raw)


@settings(max_examples=MUTATED_EXAMPLES, deadline=None)
@given(mutated_record())
def test_normalizing_a_mutated_real_record_returns_a_record_or_invalid_data(raw: Any) -> None:
    normalizes_or_says_why(raw)


well_formed_rankings = st.fixed_dictionaries(  # the shape OpenRouter sends: mapped, unmapped and `other` rows
    {
        "data": st.lists(
            st.fixed_dictionaries(
                {
                    "date": st.sampled_from(["2026-05-04", "2026-05-11"]),
                    "model_permaslug": st.sampled_from(PERMASLUGS) | st.sampled_from(["other", "ghost/never-listed"]),
                    "total_tokens": st.integers(0, 10**15).map(str),  # odd values: the other branch
                }
            ),
            min_size=1,
            max_size=12,
            unique_by=lambda row: (row["date"], row["model_permaslug"]),  # a row twice is refused, rightly
        ),
        "meta": st.just({"as_of": "2026-05-18T02:00:00.000Z", "start_date": "2026-05-04", "end_date": "2026-05-17"}),
    }
)


@settings(max_examples=RANKING_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    well_formed_rankings
    | st.fixed_dictionaries(
        {
            "data": st.lists(
                st.fixed_dictionaries(
                    {
                        "date": st.sampled_from(["2026-05-04", "2026-05-11", "2026-5-11"]) | json_values,
                        "model_permaslug": st.sampled_from(PERMASLUGS)
                        | st.sampled_from(["other", "ghost/never-listed", ""])
                        | json_values,
                        "total_tokens": decimal_strings | st.integers() | json_values,
                    }
                ),
                max_size=6,
            )
            | json_values,
            "meta": st.fixed_dictionaries(
                {
                    "as_of": st.sampled_from(["2026-05-18T02:00:00.000Z", "yesterday"]) | json_values,
                    "start_date": st.just("2026-05-04"),
                    "end_date": st.sampled_from(["2026-05-17", "2026-05-10"]) | json_values,
                }
            )
            | json_values,
        }
    )
    | json_values
)
@example(  # always at least one run through the mapped path: two weeks of real permaslugs and an `other` row
    {
        "data": [
            {"date": day, "model_permaslug": slug, "total_tokens": tokens}
            for day in ("2026-05-04", "2026-05-11")
            for slug, tokens in ((PERMASLUGS[0], "900"), (PERMASLUGS[1], "400"), ("other", "100"))
        ],
        "meta": {"as_of": "2026-05-18T02:00:00.000Z", "start_date": "2026-05-04", "end_date": "2026-05-17"},
    }
)
def test_ranking_arbitrary_rankings_json_returns_a_ranking_or_invalid_data(payload: Any) -> None:
    """Rows name real permaslugs of the catalog (mapped: entry, share, change), ghosts (unmapped) and `other`."""
    target = rank.Target(
        "category",
        "legal",
        "Legal",
        published.Source(endpoint="GET /datasets/rankings-daily", params={}, keyed=True, provenance="live"),
    )
    try:
        ranking = rank.keyed_ranking(target, payload, catalog=CATALOG, index=INDEX, top_n=50)
    except InvalidData:
        event("InvalidData")
        return
    event(f"entries: {'some' if ranking.entries else 'none'}")
    if any(e.share is not None for e in ranking.entries):
        event("an entry with a share")
    if any(e.change is not None for e in ranking.entries):
        event("an entry with a change")
    assert {e.model_id for e in ranking.entries} <= CATALOG.keys()
    published.Ranking.model_validate(ranking.model_dump())


# --- slugs and paths ----------------------------------------------------------------------------------------------

path_like = st.lists(
    st.sampled_from(["a", "seo", "..", ".", "", "/", "\\", "CON", "con", "nul", "-", "a-b", "%2e", "\x00", "é", "~"]),
    max_size=8,
).map("".join)


@settings(max_examples=SLUG_EXAMPLES, deadline=None)
@given(st.text(max_size=120) | path_like | st.from_regex(r"[a-z0-9/.-]{0,40}", fullmatch=True))
def test_a_slug_becomes_a_path_only_inside_the_snapshot_directory(raw: str) -> None:
    root = Path("/srv/snapshots/v1")
    for base in (PurePosixPath("rankings/category"), PurePosixPath("rankings/dimension")):
        try:
            relative = slug_path(base, raw)
        except SlugError:
            continue
        assert validate_slug(raw) == raw
        assert not relative.is_absolute() and ".." not in relative.parts and "." not in relative.parts
        resolved = (root / relative).resolve()
        assert resolved.is_relative_to(root / base)
        assert resolved.suffix == ".json" and all(part.isascii() for part in relative.parts)


# --- rendering ------------------------------------------------------------------------------------------------

BASE_FILES = store.read_files(ROOT / "snapshots" / "v1")
markup = st.sampled_from([*"<>&\"'=/`!-", "<script>", "</p>", "<!--", "\u202e", "\u200b", "\n\n"])
upstream_text = st.lists(markup | st.characters(codec="utf-8", exclude_characters=";"), min_size=1, max_size=40).map(
    lambda pieces: "M" + "".join(pieces)
)  # at least one visible letter: an empty name renders a different structure


def with_text(name: str, description: str, label: str) -> tuple[site.Snapshot, str, published.CategoryNode]:
    """The committed snapshot with the top model's name and description and a category's label replaced."""
    files = dict(BASE_FILES)
    overall = json.loads(files["rankings/overall.json"])
    model_id = overall["entries"][0]["model_id"]
    for path in [p for p in files if store.is_ranking(p)]:
        doc = json.loads(files[path])
        for entry in doc["entries"]:
            if entry["model_id"] == model_id:
                entry["name"] = name
        files[path] = store.canonical_json(doc)
    catalog = json.loads(files["models.json"])
    for model in catalog["models"]:
        if model["id"] == model_id:
            model["name"], model["description"] = name, description
    files["models.json"] = store.canonical_json(catalog)
    tree = json.loads(files["categories.json"])
    tree["categories"][0]["label"] = label
    files["categories.json"] = store.canonical_json(tree)
    manifest = published.Manifest.model_validate_json(files.pop("manifest.json"))
    snap = site.load(store.build_manifest_files(manifest, files))
    return snap, model_id, snap.category_nodes[0]


def pages(snap: site.Snapshot, model_id: str, node: published.CategoryNode) -> dict[str, str]:
    return {
        "model": site_render.render_model(snap, model_id),
        "home": site_render.render_home(snap),
        "category": site_render.render_category(snap, node),
        "categories": site_render.render_categories(snap),
        "models": site_render.render_models(snap),
    }


@pytest.mark.slow  # renders five pages 200 times
@settings(max_examples=RENDER_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(upstream_text, upstream_text, upstream_text)
def test_rendering_never_emits_an_unescaped_angle_bracket_from_upstream_text(
    name: str, description: str, label: str
) -> None:
    """Render the pages with upstream text containing ``<``, and again with every ``<`` replaced by ``;`` (which
    HTML leaves alone, and which sorts like ``<`` against every letter and digit). If every upstream ``<`` was
    escaped, the two renderings differ exactly where one has ``&lt;`` and the other ``;``."""
    hostile = pages(*with_text(name, description, label))
    benign = pages(*with_text(*(text.replace("<", ";") for text in (name, description, label))))
    for page, html in hostile.items():
        assert html.replace("&lt;", ";") == benign[page].replace("&lt;", ";"), page
