"""The update's providers phase: after the rankings are built, fetch the endpoints of their top models (keyless)
and add the ``providers/…`` files and the derived dimensions (:data:`generator.providers.DERIVED`) to the build.

This runs after the rankings because which models to ask for depends on them; the requests carry no API key, so
they do not count against the keyed 30-per-minute window.
"""

from __future__ import annotations

import asyncio

from generator import providers, published
from generator.assemble import DIMENSION_DIR, Built, stamp
from generator.slugs import slug_path
from generator.sources import Client, Fetched, SourceError

MISSING_THROUGHPUT = (
    "the `{slug}` ordering: GET /models/{{author}}/{{slug}}/endpoints sent no {what} (upstream sends it only to "
    "authenticated requests, and orsnap asks keyless)"
)
NOT_FOUND = "the providers of {n} ranked model(s) (GET /models/{{author}}/{{slug}}/endpoints answered 404): {ids}"
MISSING_BEST_VALUE = "the `best-value` ordering (it needs benchmarks.json, which needs OPENROUTER_API_KEY)"


async def fetch(client: Client, built: Built) -> list[str]:
    """Fetch every ranked model's endpoints into ``built``; the notes for ``manifest.missing`` of what is absent."""
    wanted = providers.check_unique(providers.ranked_models(built.rankings, built.catalog))
    ids = list(wanted)

    async def one(model_id: str) -> Fetched | None:
        author, slug = model_id.split("/", 1)
        path = providers.ENDPOINTS_PATH.format(author=author, slug=slug)
        try:
            return await client.get_json(path, keyed=False)
        except SourceError as exc:
            if exc.cause == "HTTP 404":  # a ranked model upstream has no endpoints page for: no providers file
                return None
            raise

    responses = await asyncio.gather(*(one(model_id) for model_id in ids))
    docs: dict[str, published.Providers] = {}
    absent = sorted(model_id for model_id, fetched in zip(ids, responses, strict=True) if fetched is None)
    missing = [NOT_FOUND.format(n=len(absent), ids=", ".join(absent[:5]) + (" …" if len(absent) > 5 else ""))]
    for model_id, fetched in zip(ids, responses, strict=True):
        if fetched is None:
            continue
        author, slug = model_id.split("/", 1)
        source = built._source(
            None, fetched, endpoint="GET " + providers.ENDPOINTS_PATH.format(author=author, slug=slug), keyed=False
        )
        as_of = stamp(fetched.date, built.now)
        built.as_of["providers"] = max(built.as_of.get("providers", ""), as_of)
        docs[model_id] = doc = providers.providers_file(model_id, fetched.data, source=source, as_of=as_of)
        built._put(wanted[model_id], doc)
    return (missing if absent else []) + derive(built, docs)


def derive(built: Built, docs: dict[str, published.Providers]) -> list[str]:
    """Write each derived dimension that has figures; the missing notes of those that have none."""
    missing: list[str] = []
    if not docs:
        return missing
    constructed = any(d.source.provenance == "constructed" for d in docs.values())
    as_of = max(d.as_of for d in docs.values())
    for derived in providers.DERIVED:
        path = str(slug_path(DIMENSION_DIR, derived.slug))
        if path in built.rankings:  # the contract now has an ordering of that name: it wins, ours is left out
            missing.append(f"the derived `{derived.slug}` ordering (the contract has an ordering of that name)")
            continue
        values = providers.figures(derived, docs, built.catalog, built.bench)
        if not values:
            if derived.metric == "index_per_usd":
                missing.append(MISSING_BEST_VALUE)
            elif derived.metric != "uptime_pct":
                what = "throughput" if derived.metric == "tokens_per_second" else "latency"
                missing.append(MISSING_THROUGHPUT.format(slug=derived.slug, what=what))
            continue
        keyed = derived.metric == "index_per_usd"  # from benchmarks.json and models.json, not the endpoints
        made_up = built.bench is not None and built.bench.source.provenance == "constructed" if keyed else constructed
        endpoint = "GET /benchmarks" if keyed else providers.ENDPOINT
        source = published.Source(
            endpoint=endpoint, params={}, keyed=keyed, provenance="constructed" if made_up else "derived"
        )
        doc = providers.ranking(derived, values, built.catalog, source=source, as_of=as_of)
        built.rankings[path] = doc
        built._put(path, doc)
    return missing
