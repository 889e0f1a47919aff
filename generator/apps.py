"""Top apps from ``GET /datasets/app-rankings`` (keyed): one file per sort and per category group.

Pure functions. The sorts and the category groups come from the contract's enums (``sources/contract.py``);
nothing here lists them. Upstream app names are data: capped, never a path (files are named by the validated
sort and group slugs).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from generator import published, upstream
from generator.normalize import InvalidData, canonical_decimal, parse_decimal
from generator.rank import _timestamp, where
from generator.slugs import label_for

MAX_APPS = 1000  # the contract caps `limit` at 100; anything far above is not an apps response


def apps_file(
    source: published.Source,
    payload: Any,
    *,
    sort: str,
    category: str | None,
    meaning: str,
) -> published.Apps:
    """One apps file; ``source.provenance`` says what it is (a constructed one carries no attribution)."""
    endpoint = where(source)
    try:
        response = upstream.AppsResponse.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidData(f"{endpoint}: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None
    if len(response.data) > MAX_APPS:
        raise InvalidData(f"{endpoint}: {len(response.data)} apps is more than the cap of {MAX_APPS}")
    ids = [a.app_id for a in response.data]
    if len(set(ids)) != len(ids):
        raise InvalidData(f"{endpoint}: an app_id is listed twice")
    entries = []
    for item in sorted(response.data, key=lambda a: (a.rank, a.app_id)):
        tokens = parse_decimal(item.total_tokens, f"{endpoint}: total_tokens of app {item.app_id}")
        entries.append(
            published.AppEntry(
                rank=item.rank,
                app_id=item.app_id,
                name=item.app_name[:300],
                tokens=canonical_decimal(tokens),
                requests=item.total_requests,
            )
        )
    as_of = _timestamp(response.meta.as_of, endpoint)
    label = label_for(sort) + (f" · {label_for(category)}" if category else "")
    return published.Apps(
        schema_version=published.SCHEMA_VERSION,
        sort=sort,
        category=category,
        label=label,
        start_date=response.meta.start_date,
        end_date=response.meta.end_date,
        as_of=as_of,
        source=source,
        attribution=None
        if source.provenance == "constructed"
        else published.APPS_ATTRIBUTION_TEMPLATE.format(as_of=as_of),
        meaning=meaning,
        entries=entries,
    )
