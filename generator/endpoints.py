"""The update's providers phase: after the rankings are built, fetch the endpoints of their top models and add
the ``providers/…`` files and the derived dimensions (:data:`generator.providers.DERIVED`) to the build.

This runs after the rankings because which models to ask for depends on them. The endpoint answers keyless, but
OpenRouter's contract says its ``latency_last_30m`` and ``throughput_last_30m`` are null for unauthenticated
requests: so a keyed update sends these requests with the key (they then count against the keyed 30-per-minute
window, like every keyed call), and a keyless one asks keyless and names the orderings it cannot have.
"""

from __future__ import annotations

import asyncio

from generator import providers, published
from generator.assemble import DIMENSION_DIR, Built, stamp
from generator.slugs import slug_path
from generator.sources import Client, Fetched, SourceError

MISSING_THROUGHPUT = (
    "the `{slug}` ordering: GET /models/{{author}}/{{slug}}/endpoints sent no {what} (upstream sends it only to "
    "authenticated requests: it needs OPENROUTER_API_KEY)"
)
MISSING_THROUGHPUT_KEYED = "the `{slug}` ordering: GET /models/{{author}}/{{slug}}/endpoints sent no {what} at all"
NOT_FOUND = "the providers of {n} ranked model(s) (GET /models/{{author}}/{{slug}}/endpoints answered 404): {ids}"
MISSING_BEST_VALUE = "the `best-value` ordering (it needs benchmarks.json, which needs OPENROUTER_API_KEY)"


async def fetch(client: Client, built: Built) -> list[str]:
    """Fetch every ranked model's endpoints into ``built`` (with the key when the client has one: upstream sends
    latency and throughput only then); the notes for ``manifest.missing`` of what is absent."""
    wanted = providers.check_unique(providers.ranked_models(built.rankings, built.catalog))
    ids = list(wanted)

    async def one(model_id: str) -> Fetched | None:
        author, slug = model_id.split("/", 1)
        path = providers.ENDPOINTS_PATH.format(author=author, slug=slug)
        try:
            return await client.get_json(path, keyed=client.has_key)
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
            None,
            fetched,
            endpoint="GET " + providers.ENDPOINTS_PATH.format(author=author, slug=slug),
            keyed=client.has_key,
        )
        as_of = stamp(fetched.date, built.now)
        built.as_of["providers"] = max(built.as_of.get("providers", ""), as_of)
        docs[model_id] = doc = providers.providers_file(model_id, fetched.data, source=source, as_of=as_of)
        built._put(wanted[model_id], doc)
    return (missing if absent else []) + derive(built, docs, keyed=client.has_key)


def derive(built: Built, docs: dict[str, published.Providers], *, keyed: bool = False) -> list[str]:
    """``keyed``: the endpoints were asked with the key (so a missing figure is upstream's, not the key's)."""
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
                note = MISSING_THROUGHPUT_KEYED if keyed else MISSING_THROUGHPUT
                missing.append(note.format(slug=derived.slug, what=what))
            continue
        benchmarked = derived.metric == "index_per_usd"  # from benchmarks.json and models.json, not the endpoints
        made_up = (
            built.bench is not None and built.bench.source.provenance == "constructed" if benchmarked else constructed
        )
        endpoint = "GET /benchmarks" if benchmarked else providers.ENDPOINT
        source = published.Source(
            endpoint=endpoint,
            params={},
            keyed=benchmarked or keyed,
            provenance="constructed" if made_up else "derived",
        )
        doc = providers.ranking(derived, values, built.catalog, source=source, as_of=as_of)
        built.rankings[path] = doc
        built._put(path, doc)
    return missing
