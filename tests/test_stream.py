"""Large responses read a record at a time (generator/sources/stream.py) give what parsing them whole gives.

The recorded catalog and a recorded sorted list are read both ways and compared; malformed bodies must take the
whole-body path, so their errors read exactly as the client's always have.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from generator import store
from generator.normalize import normalize_catalog
from generator.sources import Client, SourceError, openrouter
from generator.sources.client import parse_json
from generator.sources.stream import Body, NotRecords

from .conftest import FIXTURES, ROOT

CATALOG_BYTES = (FIXTURES / "api" / "models" / "all.json").read_bytes()
SORTED = FIXTURES / "api" / "models" / "sort" / "newest.json"
ENDPOINT = "GET /models?output_modalities=all"


def test_the_recorded_catalog_read_record_by_record_equals_json_loads() -> None:
    assert list(Body(ENDPOINT, CATALOG_BYTES).records()) == json.loads(CATALOG_BYTES)["data"]


def test_the_streamed_catalog_normalizes_to_the_same_models_and_report() -> None:
    streamed, streamed_report = normalize_catalog(Body(ENDPOINT, CATALOG_BYTES), ENDPOINT)
    parsed, parsed_report = normalize_catalog(json.loads(CATALOG_BYTES), ENDPOINT)
    assert [m.model_dump() for m in streamed] == [m.model_dump() for m in parsed]
    assert streamed_report == parsed_report


@pytest.mark.parametrize(
    "body",
    [
        b'{"data": [{"id": "a/b"}] } x',  # trailing garbage
        b'{"data": [{"id": "a/b", "created": NaN}]}',  # a constant JSON does not have
        b'{"data": [{"id": "a/b"}',  # cut short
        b'{"data": [{"id": "a/b"},]}',  # trailing comma
        b'{"data": [{"id": "a/b"}], "data": 5}',  # `data` twice: json.loads keeps the last
        b'{"data": {"id": "a/b"}}',  # not a list
        b'[{"data": []}]',  # not an object
        b'{" data": [1]}',  # a key that is not `data`
        b"{}",
        b"",
        b"\xff" + CATALOG_BYTES,  # not UTF-8
        b'{"data": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}",  # nested past the recursion limit
    ],
)
def test_a_malformed_body_is_parsed_whole_with_the_clients_words(body: bytes) -> None:
    reader = Body(ENDPOINT, body)
    with pytest.raises(NotRecords):
        list(reader.records())
    try:
        expected: object = parse_json(ENDPOINT, body)
    except SourceError as exc:
        with pytest.raises(SourceError) as got:
            reader.parse()
        assert str(got.value) == str(exc)
    else:
        assert reader.parse() == expected


def test_well_formed_bodies_in_any_layout_stream_as_json_loads_parses_them() -> None:
    body = b' {\n "meta" : {"as_of": "x", "data": [9]} ,\t"data" : [ 1 , {"id": "\\u00e9"}, [2] ] , "z": null }\n'
    assert list(Body(ENDPOINT, body).records()) == json.loads(body)["data"]
    assert list(Body(ENDPOINT, b'{"data": []}').records()) == []


def test_a_sorted_list_is_cut_to_its_ids_in_the_recorded_order() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=SORTED.read_bytes(), headers={"Content-Type": "application/json"})

    async def fetch() -> object:
        async with Client("http://127.0.0.1:9/api/v1", transport=httpx.MockTransport(handler)) as client:
            return (await openrouter.models_sorted(client, {"sort": "newest"})).data

    expected = [{"id": row["id"]} for row in json.loads(SORTED.read_bytes())["data"]]
    assert asyncio.run(fetch()) == {"data": expected}


def test_canonical_json_writes_the_committed_snapshot_byte_for_byte() -> None:
    """canonical_json encodes in batches; its bytes are json.dumps's (indent 2, sorted keys) for every file."""
    for path in sorted(Path(ROOT / "snapshots" / "v1").rglob("*.json")):
        data = path.read_bytes()
        assert store.canonical_json(json.loads(data)) == data, path
