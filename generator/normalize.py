"""Upstream → published: validate untrusted records and translate them into the published shape.

Prices are Decimals written as canonical strings; a missing price key equals "0", so zero-valued keys are
dropped (only ``prompt`` and ``completion`` are always kept) and the January 2026 change in how upstream
writes zeros changes nothing here. ``-1`` is OpenRouter's mark for a variable (router) price and is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol, runtime_checkable

from pydantic import ValidationError

from generator import published, upstream
from generator.errors import EXIT_INVALID, OrsnapError
from generator.text import one_line

MAX_MODELS = 5000
MAX_DESCRIPTION = 10000
MAX_NAME = 300
ALWAYS_PRICED = ("prompt", "completion")
VARIABLE_PRICE = Decimal(-1)
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|T)")
_ID = re.compile(published.MODEL_ID_PATTERN)
_FIELD = re.compile(published.UNKNOWN_FIELD_PATTERN)


class InvalidData(OrsnapError, ValueError):
    """Upstream data that cannot be published. The message names the record and the field."""

    exit_code = EXIT_INVALID
    prefix = "invalid data: "


def invalid(exc: ValidationError, record: str) -> InvalidData:
    """A pydantic error on upstream data as one line: the record, the first field that failed, pydantic's reason."""
    first = exc.errors()[0]
    field_path = ".".join(str(p) for p in first["loc"]) or "value"
    return InvalidData(f"{record}: {field_path}: {first['msg']}")


@contextmanager
def validating(record: str) -> Iterator[None]:
    """Turn a pydantic ``ValidationError`` raised while building from upstream data into :class:`InvalidData`."""
    try:
        yield
    except ValidationError as exc:
        raise invalid(exc, record) from None


@runtime_checkable
class Records(Protocol):
    """An unparsed response body read a record at a time (:class:`generator.sources.stream.Body`; not imported
    here, so that reading a snapshot never loads the HTTP client)."""

    def records(self) -> Iterator[Any]: ...

    def parse(self) -> Any: ...


@dataclass
class NormalizeReport:
    unknown_fields: Counter[str] = field(default_factory=Counter)
    truncated: list[str] = field(default_factory=list)


def canonical_decimal(value: Decimal) -> str:
    """``Decimal('0.000000056')`` → ``'0.000000056'``; ``Decimal('1E+2')`` → ``'100'``; no exponent, no trailing 0."""
    if not value.is_finite():
        raise InvalidOperation(str(value))
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def parse_decimal(raw: Any, what: str, *, allow_variable: bool = False) -> Decimal:
    """A non-negative finite decimal from a string (or int); ``-1`` too when ``allow_variable``."""
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise InvalidData(f"{what}: {str(raw)[:40]!r} is not a decimal string")
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise InvalidData(f"{what}: {str(raw)[:40]!r} is not a decimal") from None
    if not value.is_finite():
        raise InvalidData(f"{what}: {str(raw)[:40]!r} is not a finite number")
    if value < 0 and not (allow_variable and value == VARIABLE_PRICE):
        raise InvalidData(f"{what}: {str(raw)[:40]!r} is negative")
    return value


def normalize_pricing(raw: dict[str, str], what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in ALWAYS_PRICED:
        if key not in raw:
            raise InvalidData(f"{what}: pricing.{key} is missing")
    for key, value in raw.items():
        if not re.fullmatch(r"[a-z0-9_]{1,40}", key):
            raise InvalidData(f"{what}: pricing key {key[:40]!r} is not a plain name")
        amount = parse_decimal(value, f"{what}: pricing.{key}", allow_variable=True)
        if amount != 0 or key in ALWAYS_PRICED:
            out[key] = canonical_decimal(amount)
    return out


def _date(raw: str | None) -> str | None:
    if raw is None:
        return None
    match = _DATE.match(raw)
    return match.group(1) if match else None


def _truncate(text: str, limit: int, what: str, report: NormalizeReport) -> str:
    if len(text) <= limit:
        return text
    report.truncated.append(what)
    return text[: limit - 1] + "…"


def normalize_model(raw: Any, report: NormalizeReport) -> published.Model:
    """One upstream model record → a published :class:`~generator.published.Model`, or :class:`InvalidData`."""
    shown = str(raw.get("id"))[:80] if isinstance(raw, dict) else "?"
    with validating(f"model {shown!r}"):
        model = upstream.Model.model_validate(raw)
    if not _ID.fullmatch(model.id):
        raise InvalidData(f"model {shown!r}: id is not a valid model id")
    upstream.unknown_fields(model, "", report.unknown_fields)
    what = f"model {model.id!r}"
    pricing = normalize_pricing(model.pricing, what)
    variant = model.id.partition(":")[2]
    top = model.top_provider or upstream.TopProvider()
    with validating(what):
        return _published_model(model, top, pricing, variant, what, report)


def _published_model(
    model: upstream.Model,
    top: upstream.TopProvider,
    pricing: dict[str, str],
    variant: str,
    what: str,
    report: NormalizeReport,
) -> published.Model:
    base = model.id.partition(":")[0]
    return published.Model(
        id=model.id,
        canonical_slug=model.canonical_slug or base,
        name=_truncate(model.name, MAX_NAME, f"{what} name", report),
        author=base.split("/", 1)[0].lstrip("~"),
        description=_truncate(model.description, MAX_DESCRIPTION, f"{what} description", report),
        created=model.created,
        context_length=model.context_length,
        max_completion_tokens=top.max_completion_tokens,
        modality=model.architecture.modality,
        input_modalities=sorted(set(model.architecture.input_modalities)),
        output_modalities=sorted(set(model.architecture.output_modalities)),
        tokenizer=model.architecture.tokenizer,
        pricing=pricing,
        supported_parameters=sorted(set(model.supported_parameters or [])),
        expiration_date=_date(model.expiration_date),
        knowledge_cutoff=_date(model.knowledge_cutoff),
        variant=variant or None,
        base_id=None,
        is_free=pricing["prompt"] == "0" and pricing["completion"] == "0",
        is_alias=model.id.startswith("~"),
        hugging_face_id=model.hugging_face_id or None,
    )


def normalize_catalog(payload: Any, endpoint: str) -> tuple[list[published.Model], NormalizeReport]:
    """The ``{"data": [Model]}`` of ``GET /models`` → published models sorted by id, plus what was noticed.

    ``payload`` is the parsed response, or its unparsed body (:class:`Records`): then each record
    is parsed and validated as it is reached, and only the published models are kept. A body that fails on the
    way (not JSON, not a `data` list, a record refused, too many) is parsed whole and checked as a parsed
    response is, so the error is the same either way.
    """
    if isinstance(payload, Records):
        try:
            models, report = _normalize_records(payload.records())
        except ValueError:  # the body's NotRecords, InvalidData and pydantic's errors are all ValueErrors
            return normalize_catalog(payload.parse(), endpoint)
    else:
        models, report = _normalize_rows(payload, endpoint)
    return _checked(models, report, endpoint)


def _normalize_records(records: Iterator[Any]) -> tuple[list[published.Model], NormalizeReport]:
    report = NormalizeReport()
    models: list[published.Model] = []
    for record in records:
        models.append(normalize_model(record, report))
        if len(models) > MAX_MODELS:
            raise ValueError("more models than the cap")  # the whole-body path words it, with the count
    return models, report


def _normalize_rows(payload: Any, endpoint: str) -> tuple[list[published.Model], NormalizeReport]:
    report = NormalizeReport()
    rows = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(rows, list):
        raise InvalidData(f"{endpoint}: expected an object with a `data` list")
    if len(rows) > MAX_MODELS:
        raise InvalidData(f"{endpoint}: {len(rows)} models is more than the cap of {MAX_MODELS}")
    try:
        return [normalize_model(row, report) for row in rows], report
    except InvalidData as exc:
        raise InvalidData(f"{endpoint}: {exc}") from None


def _checked(
    models: list[published.Model], report: NormalizeReport, endpoint: str
) -> tuple[list[published.Model], NormalizeReport]:
    """The catalog-wide checks (field names we publish, unique ids), the variants' base ids, the order by id."""
    unusable = sorted(p for p in report.unknown_fields if not _FIELD.fullmatch(p) or len(p) > 200)
    if unusable:
        raise InvalidData(
            f"{endpoint}: an unknown field has a name we will not publish: '{one_line(unusable[0], 80)}' "
            "(letters, digits, `_` and `-` only)"
        )
    ids = Counter(m.id for m in models)
    duplicates = sorted(i for i, n in ids.items() if n > 1)
    if duplicates:
        raise InvalidData(f"{endpoint}: duplicate model ids: {', '.join(duplicates[:5])}")
    by_id = {m.id: m for m in models}
    for model in models:
        if model.variant:
            base = model.id.partition(":")[0]
            if base in by_id:
                model.base_id = base
    return sorted(models, key=lambda m: m.id), report


def permaslug_index(models: list[published.Model]) -> dict[str, str]:
    """Map ranking permaslugs to catalog ids: ``canonical_slug`` (plus ``:variant``) → id, and id → id.

    When an alias (``~…``) and a real id share a slug, the real id wins.
    """
    index: dict[str, str] = {}
    for model in sorted(models, key=lambda m: (m.is_alias, m.id)):
        key = model.canonical_slug + (f":{model.variant}" if model.variant else "")
        index.setdefault(key, model.id)
    for model in models:
        index.setdefault(model.id, model.id)
    return index
