"""One function per OpenRouter endpoint we use. Each fetches and returns parsed JSON (the catalog: its body, parsed
as it is normalized); none writes files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from generator.sources.client import Client, Fetched
from generator.sources.stream import Body, NotRecords

CATALOG_PARAMS = {"output_modalities": "all"}


async def contract(client: Client, url: str) -> Fetched:
    """The published OpenAPI document (``https://openrouter.ai/openapi.json``)."""
    return await client.get_json("", url=url)


async def catalog(client: Client) -> Fetched:
    """``GET /models?output_modalities=all``: every model, all output modalities.

    Its ``data`` is the unparsed :class:`~generator.sources.stream.Body`: the largest response, it is parsed one
    record at a time as it is normalized (:func:`generator.normalize.normalize_catalog`).
    """
    fetched = await client.get_json("/models", dict(CATALOG_PARAMS), raw=True)
    return replace(fetched, data=Body(fetched.endpoint, fetched.data))


async def models_sorted(client: Client, params: dict[str, str]) -> Fetched:
    """``GET /models?sort=…[&category=…]``: OpenRouter's server-side order (keyless).

    Only the order of the ids is read from these (the records themselves come from the catalog), so each row is
    cut to its ``id`` as the body is read (:mod:`generator.sources.stream`): a dozen full model lists are never
    held at once.
    """
    fetched = await client.get_json("/models", params, raw=True)
    body = Body(fetched.endpoint, fetched.data)
    fetched = replace(fetched, data=None)  # the body holds the bytes, and lets them go once decoded
    try:
        return replace(fetched, data={"data": _ids(body.records())})
    except NotRecords:  # not JSON, or not a `data` list: parsed whole, for the ranking to refuse as it words it
        return replace(fetched, data=_order_only(body.parse()))


def _ids(rows: Iterable[Any]) -> list[Any]:
    """Each object row cut to ``{"id": …}``; any other row as it is (the ranking refuses it)."""
    return [{"id": row.get("id")} if isinstance(row, dict) else row for row in rows]


def _order_only(payload: Any) -> Any:
    rows = payload.get("data") if isinstance(payload, dict) else None
    return {"data": _ids(rows)} if isinstance(rows, list) else payload


async def rankings_daily(client: Client, params: dict[str, str]) -> Fetched:
    """``GET /datasets/rankings-daily?…`` (keyed): weekly token totals, top 50 plus ``other``."""
    return await client.get_json("/datasets/rankings-daily", params, keyed=True)


async def benchmarks(client: Client) -> Fetched:
    """``GET /benchmarks`` (keyed): Artificial Analysis indices, Design Arena ELO, OpenRouter evals."""
    return await client.get_json("/benchmarks", keyed=True)


async def app_rankings(client: Client, params: dict[str, str]) -> Fetched:
    """``GET /datasets/app-rankings?sort=…[&category=…]`` (keyed): top apps by tokens, or by excess growth."""
    return await client.get_json("/datasets/app-rankings", params, keyed=True)
