"""One way to show a number: prices, percentages and counts on the site, in the change report and in the feed.

The rules, the same everywhere:

- **Token prices** (OpenRouter lists them in USD per token) are shown per million tokens, e.g. ``$2.50``;
  **other prices** in USD per their own unit, with the unit named: ``$0.01 per request``, ``$0.0048 per
  image``. Which key is priced per what comes from the descriptions of ``PublicPricing`` in OpenRouter's
  contract (:func:`units_from_contract`, committed as ``generator/pricing_units.json``); a key the contract
  does not describe is shown as listed, ``$0.5 (unit as listed upstream)``.
- **Significant digits**: at most :data:`SIGNIFICANT` significant digits, never fewer than 2 decimals (cents),
  thousands separators: ``$0.06815``, ``$1,250.00``, ``$0.0000833``. A price that needs more digits keeps its
  exact value in the data (``models.json``); the display rounds half-even.
- The variable price ``-1`` (routers: the price is set per request) is ``variable``.
- **Percentages** have thousands separators and 2 decimals: ``16.37%``, ``+1,912,139.12%``; a share written for
  people in prose (:func:`share_text`) one decimal: ``97.3 %``.
- **Counts** exact with separators (:func:`grouped`: ``1,234,567``) or compact (:func:`compact`: ``1.23M``);
  on charts, two decimals kept (:func:`tokens_short`: ``1.20M``) and shares with one (:func:`share_short`).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

SIGNIFICANT = 4
MILLION = Decimal(1_000_000)

# Pricing key → the unit it is priced per ("token", "image", "request", "search"), derived from the descriptions of
# `PublicPricing` in OpenRouter's contract by units_from_contract() and committed in pricing_units.json (the site is
# built from the snapshot alone, offline); tests/test_numbers.py checks the file against the recorded contract.
UNITS_FILE = Path(__file__).with_name("pricing_units.json")
UNITS: dict[str, str] = json.loads(UNITS_FILE.read_text(encoding="utf-8"))["units"]
_UNIT_IN_TEXT = re.compile(r"\bper (?:[\w-]+ ){0,3}(token|image|request|search)\b")  # greedy: the last noun


def units_from_contract(contract: dict[str, Any]) -> dict[str, str]:
    """Every string price of the contract's ``PublicPricing`` → the unit its description names."""
    properties = contract["components"]["schemas"]["PublicPricing"]["properties"]
    out = {}
    for key, spec in sorted(properties.items()):
        said = _UNIT_IN_TEXT.search(str(spec.get("description", ""))) if spec.get("type") == "string" else None
        if said:
            out[key] = said.group(1)
    return out


LABELS: dict[str, str] = {
    "token": "per million tokens",
    "image": "per image",
    "request": "per request",
    "search": "per web search",
}


def decimal(value: object) -> Decimal | None:
    """A finite Decimal, or None for anything else (None, junk, NaN, infinities)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def significant(number: Decimal, digits: int = SIGNIFICANT, min_decimals: int = 2) -> str:
    """``number`` rounded to ``digits`` significant digits (at least ``min_decimals`` decimals), grouped."""
    if number == 0:
        return f"{Decimal(0):,.{min_decimals}f}"
    exponent = number.adjusted()  # 0.06815 → -2, 1250 → 3
    decimals = max(min_decimals, digits - 1 - exponent)
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    text = f"{rounded:,f}"
    if "." in text:  # trailing zeros beyond the minimum decimals say nothing
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(min_decimals, "0")
        text = f"{whole}.{frac}" if frac else whole
    return text


def plain(number: Decimal) -> str:
    """``number`` in fixed point without trailing zeros: ``2.50`` → ``2.5``, ``1E+3`` → ``1000``."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def unit(key: str) -> str | None:
    """What the pricing ``key`` is priced per (``token``, ``image``, ``request``, ``search``), or None."""
    return UNITS.get(key)


def price(key: str, value: object) -> str:
    """A price as shown: ``$2.50`` for a token key (per million), ``$0.01`` for others; ``variable`` for -1."""
    number = decimal(value)
    if number is None:
        return ""
    if number < 0:
        return "variable"
    if unit(key) == "token":
        number *= MILLION
    return "$" + significant(number)


def price_with_unit(key: str, value: object) -> str:
    """:func:`price` with its unit: ``$2.50 per million tokens``, ``$0.01 per request``, ``variable``."""
    shown = price(key, value)
    if not shown or shown == "variable":
        return shown
    what = unit(key)
    return f"{shown} {LABELS[what]}" if what else f"{shown} (unit as listed upstream)"


def sort_value(key: str, value: object) -> str:
    """The exact number :func:`price` shows (per million for token keys), as a plain decimal string for sorting;
    empty for unknown and variable prices."""
    number = decimal(value)
    if number is None or number < 0:
        return ""
    if unit(key) == "token":
        number *= MILLION
    return plain(number)


def percent(value: object, *, signed: bool = False) -> str:
    """A value already in percent: ``1912139.12`` → ``1,912,139.12%`` (``+`` in front when ``signed``)."""
    number = decimal(value)
    if number is None:
        return ""
    text = f"{number.quantize(Decimal('0.01'), rounding=ROUND_HALF_EVEN):,f}%"
    return ("+" + text) if signed and number >= 0 else text


def share(value: object) -> str:
    """A share in [0, 1]: ``0.163683`` → ``16.37%``."""
    number = decimal(value)
    return "" if number is None else percent(number * 100)


def grouped(value: object) -> str:
    """``1234567`` → ``1,234,567`` (exact)."""
    number = decimal(value)
    if number is None:
        return ""
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,f}"


def price_cell(key: str, value: object) -> str:
    """For a table whose caption says token prices are per million: ``$2.50`` for a token key, the unit
    named for any other (``$0.01 per request``)."""
    return price(key, value) if unit(key) == "token" else price_with_unit(key, value)


def price_change(key: str, old: object, new: object) -> str:
    """``$2.40 → $2.50 per million tokens``: both prices by :func:`price`, the unit named once."""
    before, after = price(key, old) or str(old), price(key, new) or str(new)
    what = unit(key)
    label = LABELS[what] if what else "(unit as listed upstream)"
    return f"{before} → {after} {label}"


_COMPACT = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "K"))


def compact(value: object) -> str:
    """1234567 → ``1.23M``; for token counts and context lengths."""
    number = decimal(value)
    if number is None:
        return ""
    for size, suffix in _COMPACT:
        if abs(number) >= size:
            return plain((number / size).quantize(Decimal("0.01"))) + suffix
    return plain(number)


def tokens_short(value: Decimal) -> str:
    """Tokens on a chart (axis, tooltips, table): ``1.20M``, ``3.00B`` (two decimals kept, so a column of them
    lines up); below a million, exact with separators: ``523,456``."""
    for size, suffix in _COMPACT[:3]:
        if value >= size:
            return f"{(value / size).quantize(Decimal('0.01'))}{suffix}"
    return f"{value:,}"


def share_short(share: Decimal) -> str:
    """A share in [0, 1] on a chart, one decimal kept: ``0.1637`` → ``16.4%``, ``0.2`` → ``20.0%``."""
    return f"{(share * 100).quantize(Decimal('0.1'))}%"


def price_text(value: object) -> str:
    """A price in its own unit (image, request, cache keys): ``$0.001``; negative → ``variable``."""
    number = decimal(value)
    if number is None:
        return str(value)[:40]
    return "variable" if number < 0 else f"${plain(number)}"


def share_text(value: object) -> str:
    """A share in [0, 1] as people write it: ``1.0`` → ``100 %``, ``0.9728`` → ``97.3 %``."""
    number = decimal(value)
    if number is None:
        return ""
    return f"{plain((number * 100).quantize(Decimal('0.1')))} %"


def _value_first(show: Callable[[str, object], str]) -> Callable[[object, str], str]:
    """A ``(key, value)`` function as a jinja filter, which takes the value first: ``value|price(key)``."""
    return lambda value, key: show(key, value)


# The jinja filters of every template (site pages, the change report, the feed): each name is one rule above.
FILTERS: dict[str, Callable[..., str]] = {
    "compact": compact,
    "grouped": grouped,
    "percent": share,  # a share in [0, 1]
    "signed_percent": functools.partial(percent, signed=True),
    "share_text": share_text,
    "per_million": functools.partial(price, "prompt"),  # a token price: per million tokens
    "per_million_value": functools.partial(sort_value, "prompt"),
    "price_text": price_text,
    "price": _value_first(price),
    "price_with_unit": _value_first(price_with_unit),
    "price_value": _value_first(sort_value),
    "price_cell": _value_first(price_cell),
    "price_change": price_change,  # key|price_change(old, new)
}
