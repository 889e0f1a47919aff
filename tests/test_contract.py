"""Discovery reads categories and orderings from OpenRouter's published OpenAPI document."""

import copy
import json

import pytest

from generator.sources.contract import ContractError, discover, sort_meanings

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def contract() -> dict:
    return json.loads((FIXTURES / "openapi.json").read_text())


def test_twelve_categories_including_nested_seo(contract: dict) -> None:
    found = discover(contract)
    assert len(found.categories) == 12
    assert "marketing/seo" in found.categories
    assert found.categories.index("marketing") < found.categories.index("marketing/seo")
    assert found.discovered_from == "contract"


def test_orderings_are_the_sort_enum_plus_dataset_filters(contract: dict) -> None:
    found = discover(contract)
    sorts = [o.value for o in found.orderings if o.parameter == "sort"]
    sort_param = next(p for p in contract["paths"]["/models"]["get"]["parameters"] if p["name"] == "sort")
    assert sorts == sort_param["schema"]["enum"]
    keyed = {o.slug for o in found.orderings if o.keyed}
    assert {"modality-tool-calling", "context-bucket-1m"} <= keyed
    assert all(not o.keyed for o in found.orderings if o.parameter == "sort")


def test_sort_meanings_come_from_the_description(contract: dict) -> None:
    found = {o.value: o.meaning for o in discover(contract).orderings}
    assert found["pricing-low-to-high"] == "average prompt/completion price"
    assert found["context-high-to-low"] == "context length"
    assert found["design-arena-elo-high-to-low"] == "best Design Arena ELO across arenas"


def test_sort_meaning_falls_back_to_the_whole_description() -> None:
    assert sort_meanings("Sorts things.", ["a-z"]) == {"a-z": "Sorts things."}


def test_new_category_in_the_contract_is_discovered(contract: dict) -> None:
    changed = copy.deepcopy(contract)
    param = next(p for p in changed["paths"]["/models"]["get"]["parameters"] if p["name"] == "category")
    param["schema"]["enum"].append("science/astronomy")
    assert "science/astronomy" in discover(changed).categories


@pytest.mark.parametrize("bad", ["../../etc", "/abs", "a//b", "CON", "Upper", ""])
def test_unusable_category_slug_is_refused(contract: dict, bad: str) -> None:
    changed = copy.deepcopy(contract)
    param = next(p for p in changed["paths"]["/models"]["get"]["parameters"] if p["name"] == "category")
    param["schema"]["enum"].append(bad)
    with pytest.raises(ContractError, match="unusable slug"):
        discover(changed)


@pytest.mark.parametrize("doc", [None, [], {"paths": {}}, {"paths": {"/models": {"get": {"parameters": []}}}}])
def test_a_contract_without_the_enums_is_an_error(doc: object) -> None:
    with pytest.raises(ContractError):
        discover(doc)


def test_a_duplicate_enum_value_is_an_error(contract: dict) -> None:
    changed = copy.deepcopy(contract)
    param = next(p for p in changed["paths"]["/models"]["get"]["parameters"] if p["name"] == "category")
    param["schema"]["enum"].append("legal")
    with pytest.raises(ContractError, match="twice"):
        discover(changed)


def test_language_types_are_discovered_from_the_rankings_dataset_filter(contract: dict) -> None:
    """`language_type` of GET /datasets/rankings-daily is read like `modality` and `context_bucket`: every value of
    its enum is a keyed ordering, slug `language-type-<value>`, its meaning the parameter's description."""
    param = next(
        p for p in contract["paths"]["/datasets/rankings-daily"]["get"]["parameters"] if p["name"] == "language_type"
    )
    found = [o for o in discover(contract).orderings if o.parameter == "language_type"]
    assert [o.value for o in found] == param["schema"]["enum"] == ["natural", "programming"]
    assert [o.slug for o in found] == ["language-type-natural", "language-type-programming"]
    assert all(o.keyed and o.meaning == param["description"].strip() for o in found)
    # a value the contract adds is discovered without a code change; a contract without the filter has none
    changed = copy.deepcopy(contract)
    changed_param = next(
        p for p in changed["paths"]["/datasets/rankings-daily"]["get"]["parameters"] if p["name"] == "language_type"
    )
    changed_param["schema"]["enum"].append("math")
    assert "language-type-math" in {o.slug for o in discover(changed).orderings}
    changed["paths"]["/datasets/rankings-daily"]["get"]["parameters"].remove(changed_param)
    assert not [o for o in discover(changed).orderings if o.parameter == "language_type"]
    # an unusable value is refused like any other
    changed_param["schema"]["enum"] = ["../etc"]
    changed["paths"]["/datasets/rankings-daily"]["get"]["parameters"].append(changed_param)
    with pytest.raises(ContractError, match="unusable slug"):
        discover(changed)
