"""One unit everywhere: the formatting rules of generator.numbers, and that the site, the change report and the
feed all use them on the same real prices."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator import changes, feed, numbers, store

FIXTURES = Path(__file__).parent / "fixtures" / "openrouter"
SNAPSHOT = Path(__file__).resolve().parents[1] / "snapshots" / "v1"


def test_units_are_the_contracts_descriptions_of_public_pricing() -> None:
    contract = json.loads((FIXTURES / "openapi.json").read_text())
    described = contract["components"]["schemas"]["PublicPricing"]["properties"]
    prices = {k for k, v in described.items() if v.get("type") == "string"}
    assert numbers.units_from_contract(contract) == numbers.UNITS
    assert set(numbers.UNITS) == prices  # every price key the contract describes has its unit
    assert numbers.UNITS["image_token"] == "token" and numbers.UNITS["image"] == "image"  # "per image token"


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("prompt", "0.0000025", "$2.50"),
        ("prompt", "0.000000068154", "$0.06815"),  # 4 significant digits, not 6 decimals
        ("completion", "0.00001703", "$17.03"),
        ("prompt", "0.0012345678", "$1,234.57"),  # thousands separator; never fewer than 2 decimals
        ("prompt", "0", "$0.00"),
        ("prompt", "-1", "variable"),
        ("input_cache_read", "0.0000005", "$0.50"),  # per million, like prompt and completion
        ("image", "0.0000000833333333333333334", "$0.00000008333"),
        ("request", "0.01", "$0.01"),
        ("prompt", "NaN", ""),
        ("prompt", None, ""),
    ],
)
def test_one_rule_for_every_price(key: str, value: str | None, shown: str) -> None:
    assert numbers.price(key, value) == shown


def test_prices_other_than_tokens_name_their_unit() -> None:
    assert numbers.price_with_unit("input_cache_read", "0.0000005") == "$0.50 per million tokens"
    assert numbers.price_with_unit("image", "0.0048") == "$0.0048 per image"
    assert numbers.price_with_unit("request", "0.02") == "$0.02 per request"
    assert numbers.price_with_unit("web_search", "0.01") == "$0.01 per web search"
    assert numbers.price_with_unit("something_new", "0.5") == "$0.50 (unit as listed upstream)"
    assert numbers.price_change("prompt", "0.0000024", "0.0000025") == "$2.40 → $2.50 per million tokens"


def test_percentages_have_thousands_separators() -> None:
    assert numbers.percent("1912139.12", signed=True) == "+1,912,139.12%"
    assert numbers.percent("-12.5", signed=True) == "-12.50%"
    assert numbers.share("0.163683") == "16.37%"


def test_every_price_of_the_committed_snapshot_rounds_to_at_most_four_significant_digits() -> None:
    models = json.loads((SNAPSHOT / "models.json").read_text())["models"]
    seen = 0
    for model in models:
        for key, value in model["pricing"].items():
            shown = numbers.price(key, value)
            if shown == "variable":
                continue
            digits = shown.lstrip("$").replace(",", "").replace(".", "").lstrip("0")
            assert len(digits.rstrip("0")) <= numbers.SIGNIFICANT, (model["id"], key, value, shown)
            exact = Decimal(value) * (numbers.MILLION if numbers.unit(key) == "token" else 1)
            assert abs(Decimal(shown.lstrip("$").replace(",", "")) - exact) <= abs(exact) * Decimal("0.0005") + Decimal(
                "0.005"
            )
            seen += 1
    assert seen > 700


def test_change_report_and_feed_show_prices_and_percentages_by_the_same_rule() -> None:
    files = store.read_files(SNAPSHOT)
    catalog = json.loads(files["models.json"])
    target = next(m for m in catalog["models"] if m["pricing"]["prompt"] not in ("0", "-1"))
    before = Decimal(target["pricing"]["prompt"])
    target["pricing"]["prompt"] = str(before * 20000)  # a large jump: the percentage needs separators
    target["pricing"]["image"] = "0.0048"
    data = changes.report(
        changes.Side("a", "2026-05-18T02:00:00Z", files),
        changes.Side("b", "2026-05-19T02:00:00Z", {**files, "models.json": store.canonical_json(catalog)}),
    )
    [item] = data["prices"]
    by_key = {c["key"]: c for c in item["changes"]}
    prompt = numbers.price_change("prompt", by_key["prompt"]["old"], by_key["prompt"]["new"])
    assert prompt.endswith(" per million tokens") and "," in prompt.split("→")[1]
    pct = numbers.percent(by_key["prompt"]["pct"], signed=True)
    assert pct == "+1,999,900.00%"
    image = numbers.price_change("image", None if "image" not in by_key else by_key["image"]["old"], "0.0048")
    assert image == "$0.00 → $0.0048 per image"
    markdown = changes.to_markdown(data)
    assert prompt.replace("$", "\\$") in markdown and pct in markdown and "\\$0.00 → \\$0.0048 per image" in markdown
    content = feed.report_html(data)
    assert prompt in content and f"({pct})" in content and "$0.00 → $0.0048 per image" in content
