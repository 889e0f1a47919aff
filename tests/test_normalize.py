"""Normalization of the real catalog: Decimal prices, missing key == "0", variants, validation errors."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from generator.normalize import (
    InvalidData,
    NormalizeReport,
    canonical_decimal,
    normalize_catalog,
    normalize_model,
    permaslug_index,
)

from .conftest import FIXTURES, ROOT

CATALOG = json.loads((FIXTURES / "api" / "models" / "all.json").read_text())
ZERO_KEYS = json.loads((ROOT / "tests" / "fixtures" / "normalize" / "zero-keys-dropped.json").read_text())


def one(model_id: str) -> dict:
    return copy.deepcopy(next(m for m in CATALOG["data"] if m["id"] == model_id))


def test_the_real_catalog_normalizes_sorted_by_id() -> None:
    models, report = normalize_catalog(CATALOG, "GET /models")
    assert len(models) == 368
    assert [m.id for m in models] == sorted(m.id for m in models)
    assert not report.unknown_fields


def test_normalized_models_snapshot(snapshot_json) -> None:
    models, _ = normalize_catalog(CATALOG, "GET /models")
    chosen = {
        "openai/gpt-oss-20b",
        "openai/gpt-oss-20b:free",
        "qwen/qwen-plus-2025-07-28:thinking",
        "~anthropic/claude-sonnet-latest",
        "openrouter/auto",
    }
    picked = [m.model_dump(mode="json") for m in models if m.id in chosen]
    for m in picked:
        m["description"] = m["description"][:80]
    assert picked == snapshot_json


def test_missing_zero_price_is_not_a_change() -> None:
    before, _ = normalize_catalog(ZERO_KEYS["before"], "before")
    after, _ = normalize_catalog(ZERO_KEYS["after"], "after")
    raw_before = {m["id"]: m["pricing"] for m in ZERO_KEYS["before"]["data"]}
    raw_after = {m["id"]: m["pricing"] for m in ZERO_KEYS["after"]["data"]}
    assert raw_before != raw_after  # upstream's representation did change…
    assert [m.pricing for m in before] == [m.pricing for m in after]  # …our published prices did not


def test_prices_are_canonical_decimal_strings() -> None:
    raw = one("openai/gpt-oss-20b")
    raw["pricing"] = {"prompt": "0.0000000500", "completion": "1E-7", "image": "0.000", "web_search": "0.01"}
    model = normalize_model(raw, NormalizeReport())
    assert model.pricing == {"prompt": "0.00000005", "completion": "0.0000001", "web_search": "0.01"}
    assert model.is_free is False


def test_variable_router_price_is_kept() -> None:
    model = normalize_model(one("openrouter/auto"), NormalizeReport())
    assert model.pricing["prompt"] == "-1"


def test_variants_are_linked_to_their_base() -> None:
    models, _ = normalize_catalog(CATALOG, "GET /models")
    by_id = {m.id: m for m in models}
    free = by_id["openai/gpt-oss-20b:free"]
    assert free.variant == "free" and free.base_id == "openai/gpt-oss-20b" and free.is_free
    assert free.canonical_slug == by_id["openai/gpt-oss-20b"].canonical_slug
    assert by_id["qwen/qwen-plus-2025-07-28:thinking"].variant == "thinking"
    assert by_id["openai/gpt-oss-20b"].variant is None and by_id["openai/gpt-oss-20b"].base_id is None


def test_permaslugs_map_to_ids_through_canonical_slug() -> None:
    models, _ = normalize_catalog(CATALOG, "GET /models")
    index = permaslug_index(models)
    assert index["anthropic/claude-4.7-opus-20260416"] == "anthropic/claude-opus-4.7"
    slug = next(m.canonical_slug for m in models if m.id == "openai/gpt-oss-20b")
    assert index[slug] == "openai/gpt-oss-20b"
    assert index[f"{slug}:free"] == "openai/gpt-oss-20b:free"
    assert "example-lab/unreleased-model-20260501" not in index


def test_unknown_fields_are_reported_not_published() -> None:
    raw = one("openai/gpt-oss-20b")
    raw["shiny_new_field"] = {"x": 1}
    raw["architecture"]["new_arch_field"] = True
    report = NormalizeReport()
    model = normalize_model(raw, report)
    assert report.unknown_fields == {"shiny_new_field": 1, "architecture.new_arch_field": 1}
    assert "shiny_new_field" not in model.model_dump()


def test_new_optional_fields_are_published() -> None:
    raw = one("openai/gpt-oss-20b")
    raw["expiration_date"] = "2026-06-01"
    raw["knowledge_cutoff"] = "2024-10-01T00:00:00Z"
    model = normalize_model(raw, NormalizeReport())
    assert (model.expiration_date, model.knowledge_cutoff) == ("2026-06-01", "2024-10-01")


def test_older_captures_without_new_fields_still_normalize() -> None:
    models, _ = normalize_catalog(ZERO_KEYS["before"], "before")
    assert all(m.expiration_date is None for m in models)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda m: m["pricing"].update(prompt="NaN"), "is not a finite number"),
        (lambda m: m["pricing"].update(prompt="-0.5"), "is negative"),
        (lambda m: m["pricing"].update(completion="cheap"), "is not a decimal"),
        (lambda m: m["pricing"].update(prompt=0.1), "pricing.prompt: Input should be a valid string"),
        (lambda m: m["pricing"].pop("prompt"), "pricing.prompt is missing"),
        (lambda m: m.pop("name"), "name: Field required"),
        (lambda m: m.update(id="../../etc/passwd"), "not a valid model id"),
        (lambda m: m.update(context_length="big"), "context_length"),
    ],
)
def test_bad_records_are_clear_validation_errors(mutate, message: str) -> None:
    raw = one("openai/gpt-oss-20b")
    mutate(raw)
    with pytest.raises(InvalidData, match=message):
        normalize_catalog({"data": [raw]}, "GET /models")


def test_duplicate_ids_are_refused() -> None:
    raw = one("openai/gpt-oss-20b")
    with pytest.raises(InvalidData, match="duplicate model ids: openai/gpt-oss-20b"):
        normalize_catalog({"data": [raw, raw]}, "GET /models")


@pytest.mark.parametrize("payload", [[], {"models": []}, {"data": {}}, None])
def test_a_response_without_a_data_list_is_refused(payload: object) -> None:
    with pytest.raises(InvalidData, match="`data` list"):
        normalize_catalog(payload, "GET /models")


def test_long_upstream_text_is_capped_and_reported() -> None:
    raw = one("openai/gpt-oss-20b")
    raw["description"] = "x" * 50_000
    raw["name"] = "<script>alert(1)</script>" * 40
    report = NormalizeReport()
    model = normalize_model(raw, report)
    assert len(model.description) == 10_000 and len(model.name) == 300
    assert len(report.truncated) == 2


@pytest.mark.parametrize(
    ("raw", "text"), [("0.000000056", "0.000000056"), ("1E+2", "100"), ("0E-7", "0"), ("-1", "-1"), ("2.50", "2.5")]
)
def test_canonical_decimal(raw: str, text: str) -> None:
    assert canonical_decimal(Decimal(raw)) == text


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda m: m["top_provider"].update(max_completion_tokens=-1),
            "model 'openai/gpt-oss-20b': top_provider.max_completion_tokens: "
            "Input should be greater than or equal to 0",
        ),
        (
            lambda m: m.update(context_length=-1),
            "model 'openai/gpt-oss-20b': context_length: Input should be greater than or equal to 0",
        ),
        (
            lambda m: m["architecture"].update(modality="x" * 101),
            "model 'openai/gpt-oss-20b': modality: String should have at most 100 characters",
        ),
    ],
)
def test_an_unbelievable_value_is_invalid_data_naming_record_and_field(mutate, message: str) -> None:
    """Found by Hypothesis: `max_completion_tokens: -1` escaped as a raw pydantic ValidationError. No real
    capture has a negative token limit, so it is refused, not clamped; a value the lenient upstream model
    accepts but the published one does not (a 101-character modality) is refused the same way."""
    raw = one("openai/gpt-oss-20b")
    mutate(raw)
    with pytest.raises(InvalidData) as caught:
        normalize_catalog({"data": [raw]}, "GET /models")
    assert str(caught.value) == f"GET /models: {message}"
