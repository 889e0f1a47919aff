"""Discovery from OpenRouter's published OpenAPI contract: categories and orderings, never a list in code.

The contract is OpenRouter's own statement of what exists: the ``category`` enum of ``GET /models`` is the
category list (nested categories are slugs with ``/``), its ``sort`` enum the orderings, and the ``modality``,
``context_bucket`` and ``language_type`` enums of ``GET /datasets/rankings-daily`` the keyed orderings (one per
value, ``language_type=natural`` → ``language-type-natural``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.errors import EXIT_INVALID, OrsnapError
from generator.slugs import SlugError, slug_from_value, validate_slug

MODELS_PATH = "/models"
RANKINGS_PATH = "/datasets/rankings-daily"
CATEGORY_PARAM = "category"
SORT_PARAM = "sort"
FILTER_PARAMS = ("modality", "context_bucket", "language_type")  # each optional: older contracts lack some
APPS_PATH = "/datasets/app-rankings"  # keyed: top apps; its `sort` and `category` (group) enums
MAX_ENUM = 200


class ContractError(OrsnapError, ValueError):
    """The contract is missing what discovery needs, or lists an unusable value."""

    exit_code = EXIT_INVALID
    prefix = "invalid data: "


@dataclass(frozen=True)
class Ordering:
    """An ordering found in the contract: a ``sort`` value of /models, or a rankings dataset filter value."""

    slug: str
    parameter: str
    value: str
    meaning: str
    keyed: bool


@dataclass(frozen=True)
class Discovery:
    categories: tuple[str, ...]
    orderings: tuple[Ordering, ...]
    discovered_from: str  # "contract" or "previous-snapshot"
    app_sorts: tuple[str, ...] = ()  # `sort` enum of /datasets/app-rankings (popular, trending)
    app_groups: tuple[str, ...] = ()  # its `category` enum: marketplace category groups
    app_default_sort: str | None = None  # the `sort` default, used with each group
    app_meaning: str = ""  # the `sort` parameter's description


def _parameter(contract: dict[str, Any], path: str, name: str) -> dict[str, Any] | None:
    try:
        params = contract["paths"][path]["get"].get("parameters", [])
    except (KeyError, TypeError, AttributeError):
        return None
    for param in params if isinstance(params, list) else []:
        if isinstance(param, dict) and param.get("name") == name and param.get("in") == "query":
            return param
    return None


def _enum(param: dict[str, Any] | None, where: str) -> tuple[list[str], str]:
    if param is None:
        raise ContractError(f"the contract has no {where} parameter")
    schema = param.get("schema") or {}
    values = schema.get("enum")
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise ContractError(f"the contract's {where} parameter has no list of string values")
    if len(values) > MAX_ENUM:
        raise ContractError(f"the contract's {where} parameter lists {len(values)} values (cap {MAX_ENUM})")
    if len(set(values)) != len(values):
        raise ContractError(f"the contract's {where} parameter lists a value twice")
    description = str(param.get("description") or schema.get("description") or "")
    return values, description


def sort_meanings(description: str, values: list[str]) -> dict[str, str]:
    """Split the ``sort`` description ("Options: a, b (what a and b mean), c (…)") into a meaning per value.

    A parenthesis explains every value listed since the previous one. Values the text does not mention get
    the whole description.
    """
    meanings: dict[str, str] = {}
    _, _, options = description.partition("Options:")
    pending: list[str] = []
    for match in re.finditer(r"([a-z0-9-]+)\s*(?:\(([^)]*)\))?\s*(?:,|\.|$)", options):
        value, note = match.group(1), match.group(2)
        if value in values:
            pending.append(value)
        if note and pending:
            for item in pending:
                meanings[item] = note.strip()
            pending = []
    return {value: meanings.get(value, description.strip()) for value in values}


def discover(contract: Any) -> Discovery:
    """Read categories and orderings from the OpenAPI document ``contract``. Raises :class:`ContractError`."""
    if not isinstance(contract, dict) or not isinstance(contract.get("paths"), dict):
        raise ContractError("the contract is not an OpenAPI document (no `paths`)")
    categories, _ = _enum(_parameter(contract, MODELS_PATH, CATEGORY_PARAM), f"GET {MODELS_PATH} {CATEGORY_PARAM}")
    sorts, sort_description = _enum(_parameter(contract, MODELS_PATH, SORT_PARAM), f"GET {MODELS_PATH} {SORT_PARAM}")
    try:
        for category in categories:
            validate_slug(category)
        orderings = [
            Ordering(validate_slug(value), SORT_PARAM, value, meaning, keyed=False)
            for value, meaning in sort_meanings(sort_description, sorts).items()
        ]
        for name in FILTER_PARAMS:
            param = _parameter(contract, RANKINGS_PATH, name)
            if param is None:  # optional: older contracts have no such filter
                continue
            values, description = _enum(param, f"GET {RANKINGS_PATH} {name}")
            orderings += [
                Ordering(slug_from_value(name, value), name, value, description.strip(), keyed=True) for value in values
            ]
    except SlugError as exc:
        raise ContractError(f"the contract lists an unusable slug: {exc}") from None
    slugs = [o.slug for o in orderings]
    if len(set(slugs)) != len(slugs):
        raise ContractError("two orderings in the contract map to the same slug")
    app_sorts: list[str] = []
    app_groups: list[str] = []
    default_sort = None
    app_meaning = ""
    sort_param = _parameter(contract, APPS_PATH, SORT_PARAM)
    if sort_param is not None:  # optional: older contracts have no apps dataset
        app_sorts, app_meaning = _enum(sort_param, f"GET {APPS_PATH} {SORT_PARAM}")
        default = (sort_param.get("schema") or {}).get("default")
        default_sort = default if default in app_sorts else app_sorts[0]
        group_param = _parameter(contract, APPS_PATH, CATEGORY_PARAM)
        if group_param is not None:
            app_groups, _ = _enum(group_param, f"GET {APPS_PATH} {CATEGORY_PARAM}")
    try:
        for value in (*app_sorts, *app_groups):
            validate_slug(value)
    except SlugError as exc:
        raise ContractError(f"the contract lists an unusable slug: {exc}") from None
    return Discovery(
        tuple(categories),
        tuple(orderings),
        "contract",
        tuple(app_sorts),
        tuple(app_groups),
        default_sort,
        app_meaning.strip()[:2000],
    )
