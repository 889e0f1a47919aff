"""The providers phase asks GET /models/{author}/{slug}/endpoints with the key in a keyed update (OpenRouter's
contract: `latency_last_30m` and `throughput_last_30m` are null for unauthenticated requests), keyless otherwise;
the replay server answers as upstream does, so a keyless replay shows the real keyless behaviour."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from generator import providers, published
from generator.replay import ReplayServer
from generator.update import update

from .conftest import FAKE_KEY, FIXTURES, load_json
from .test_update import options

ROUTES = json.loads((FIXTURES / "routes.json").read_text(encoding="utf-8"))["routes"]
ENDPOINT_ROUTES = [r for r in ROUTES if r["path"].endswith("/endpoints")]


def test_the_fixtures_hide_what_the_contract_says_is_hidden_from_keyless_requests() -> None:
    contract = json.loads((FIXTURES / "openapi.json").read_text(encoding="utf-8"))
    schemas = contract["components"]["schemas"]
    said = json.dumps(schemas["PublicEndpoint"]["properties"]["throughput_last_30m"]) + json.dumps(
        schemas["PercentileStats"]
    )
    assert said.count("null for unauthenticated requests") == 2
    assert ENDPOINT_ROUTES and all(
        r["keyless_null"] == ["latency_last_30m", "throughput_last_30m"] and r["auth"] is False for r in ENDPOINT_ROUTES
    )


def test_the_replay_server_nulls_latency_and_throughput_for_a_keyless_request(replay: ReplayServer) -> None:
    route = ENDPOINT_ROUTES[0]
    recorded = json.loads((FIXTURES / route["file"]).read_text(encoding="utf-8"))
    url = replay.url + route["path"]
    keyless = httpx.get(url).json()
    keyed = httpx.get(url, headers={"Authorization": f"Bearer {FAKE_KEY}"}).json()
    assert keyed == recorded
    (endpoint,) = keyless["data"]["endpoints"]
    assert endpoint["latency_last_30m"] is None and endpoint["throughput_last_30m"] is None
    assert endpoint["uptime_last_1d"] == recorded["data"]["endpoints"][0]["uptime_last_1d"]  # the rest as recorded


def test_a_keyed_update_asks_the_endpoints_with_the_key_and_publishes_speed(
    replay: ReplayServer, tmp_path: Path
) -> None:
    result = update(options(replay, tmp_path))
    asked = [auth for path, _, auth in replay.requests if path.endswith("/endpoints")]
    assert len(asked) == providers.CAP and all(asked)
    assert sum(c.endswith("/endpoints") for c in result.calls) == providers.CAP
    root = tmp_path / "v1"
    for slug in ("fastest", "lowest-latency", "most-reliable"):
        doc = load_json(root / f"rankings/dimension/{slug}.json")
        assert len(doc["entries"]) == providers.CAP and doc["source"]["keyed"] is True  # type: ignore[index]
    missing = load_json(root / "manifest.json")["missing"]
    assert not any("`fastest`" in m or "`lowest-latency`" in m for m in missing)  # type: ignore[union-attr]
    for path in (root / "providers").rglob("*.json"):
        doc = published.Providers.model_validate_json(path.read_bytes())
        assert doc.source.keyed and all(e.latency_p50_ms and e.throughput_p50 for e in doc.endpoints)


def test_a_keyless_update_asks_keyless_and_names_the_orderings_it_cannot_have(
    replay: ReplayServer, tmp_path: Path
) -> None:
    update(options(replay, tmp_path, key=None))
    asked = [auth for path, _, auth in replay.requests if path.endswith("/endpoints")]
    assert len(asked) == providers.CAP and not any(asked)
    root = tmp_path / "v1"
    for slug in ("fastest", "lowest-latency"):
        assert not (root / f"rankings/dimension/{slug}.json").exists()
    missing = load_json(root / "manifest.json")["missing"]
    notes = [m for m in missing if "`fastest`" in m or "`lowest-latency`" in m]  # type: ignore[union-attr]
    assert len(notes) == 2 and all("needs OPENROUTER_API_KEY" in m for m in notes)
    uptime = load_json(root / "rankings/dimension/most-reliable.json")  # uptime is sent keyless
    assert len(uptime["entries"]) == providers.CAP  # type: ignore[index]
    slugs = {d["slug"] for d in load_json(root / "dimensions.json")["dimensions"]}  # type: ignore[index]
    assert "most-reliable" in slugs and not {"fastest", "lowest-latency"} & slugs
    for path in (root / "providers").rglob("*.json"):
        doc = published.Providers.model_validate_json(path.read_bytes())
        assert not doc.source.keyed
        assert all(e.latency_p50_ms is None and e.throughput_p50 is None for e in doc.endpoints)
        assert all(e.uptime_last_1d is not None and Decimal(e.uptime_last_1d) > 0 for e in doc.endpoints)


@pytest.mark.parametrize("keyed", [True, False], ids=["keyed", "keyless"])
def test_the_missing_speed_orderings_are_named_on_the_pages(replay: ReplayServer, tmp_path: Path, keyed: bool) -> None:
    from generator import site

    update(options(replay, tmp_path, key=FAKE_KEY if keyed else None))
    site.build(tmp_path / "v1", tmp_path / "site")
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    assert ("GET /models/{author}/{slug}/endpoints sent no throughput" in text) is not keyed
