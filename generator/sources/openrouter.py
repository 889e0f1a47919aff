"""One function per OpenRouter endpoint we use. Each fetches and returns parsed JSON; none writes files."""

from __future__ import annotations

from dataclasses import replace

from generator.sources.client import Client, Fetched

CATALOG_PARAMS = {"output_modalities": "all"}


async def contract(client: Client, url: str) -> Fetched:
    """The published OpenAPI document (``https://openrouter.ai/openapi.json``)."""
    return await client.get_json("", url=url)


async def catalog(client: Client) -> Fetched:
    """``GET /models?output_modalities=all``: every model, all output modalities."""
    return await client.get_json("/models", dict(CATALOG_PARAMS))


async def models_sorted(client: Client, params: dict[str, str]) -> Fetched:
    """``GET /models?sort=…[&category=…]``: OpenRouter's server-side order (keyless).

    Only the order of the ids is read from these (the records themselves come from the catalog), so each row is
    cut to its ``id`` as soon as the response is parsed: a dozen full model lists are never held at once.
    """
    return order_only(await client.get_json("/models", params))


def order_only(fetched: Fetched) -> Fetched:
    """``fetched`` with each object row of its ``data`` list cut to ``{"id": …}`` (anything else left as it is,
    for the ranking to refuse with its own message)."""
    rows = fetched.data.get("data") if isinstance(fetched.data, dict) else None
    if not isinstance(rows, list):
        return fetched
    slim = [{"id": row.get("id")} if isinstance(row, dict) else row for row in rows]
    return replace(fetched, data={"data": slim})


async def rankings_daily(client: Client, params: dict[str, str]) -> Fetched:
    """``GET /datasets/rankings-daily?…`` (keyed): weekly token totals, top 50 plus ``other``."""
    return await client.get_json("/datasets/rankings-daily", params, keyed=True)


async def benchmarks(client: Client) -> Fetched:
    """``GET /benchmarks`` (keyed): Artificial Analysis indices, Design Arena ELO, OpenRouter evals."""
    return await client.get_json("/benchmarks", keyed=True)


async def app_rankings(client: Client, params: dict[str, str]) -> Fetched:
    """``GET /datasets/app-rankings?sort=…[&category=…]`` (keyed): top apps by tokens, or by excess growth."""
    return await client.get_json("/datasets/app-rankings", params, keyed=True)
