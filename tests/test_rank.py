"""Rankings from the keyed dataset (tokens, share, change, other, unmapped) and from keyless orders."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from generator import published
from generator.normalize import InvalidData, normalize_catalog, permaslug_index
from generator.rank import Target, complete_weeks, keyed_ranking, keyless_ranking
from generator.upstream import RankingsRow

from .conftest import FIXTURES

MODELS, _ = normalize_catalog(json.loads((FIXTURES / "api/models/all.json").read_text()), "GET /models")
CATALOG = {m.id: m for m in MODELS}
INDEX = permaslug_index(MODELS)
SOURCE = published.Source(
    endpoint="GET /datasets/rankings-daily", params={"period": "week"}, keyed=True, provenance="live"
)
TARGET = Target("category", "programming", "Programming", SOURCE)


def fixture(path: str) -> dict:
    return json.loads((FIXTURES / "api" / path).read_text())


def rows(week: str, *pairs: tuple[str, str]) -> list[dict]:
    return [{"date": week, "model_permaslug": slug, "total_tokens": tokens} for slug, tokens in pairs]


def payload(data: list[dict], end: str = "2026-05-17") -> dict:
    return {
        "data": data,
        "meta": {"as_of": "2026-05-18T02:00:00.000Z", "start_date": "2026-05-04", "end_date": end, "version": "v1"},
    }


OPUS, KIMI = "anthropic/claude-4.7-opus-20260416", "moonshotai/kimi-k2.6-20260420"


def test_real_programming_fixture_ranks_by_latest_complete_week(snapshot_json) -> None:
    ranking = keyed_ranking(
        TARGET, fixture("datasets/rankings-daily/category/programming.json"), catalog=CATALOG, index=INDEX, top_n=50
    )
    assert ranking.period_start == "2026-05-11" and ranking.period_end == "2026-05-17"
    assert ranking.previous_period_start is None  # the recording holds one week: nothing to compare with
    assert all(e.change is None and e.share is None for e in ranking.entries)  # no previous week, no `other`
    assert ranking.other is None
    assert ranking.attribution == "Source: OpenRouter (openrouter.ai/rankings), as of 2026-05-18T02:00:00Z"
    assert [e.rank for e in ranking.entries] == sorted(e.rank for e in ranking.entries)
    assert ranking.model_dump(mode="json") == snapshot_json


def test_share_change_and_other_bucket() -> None:
    data = rows("2026-05-04", (KIMI, "300"), (OPUS, "100"), ("other", "100")) + rows(
        "2026-05-11", (OPUS, "600"), (KIMI, "300"), ("other", "100")
    )
    ranking = keyed_ranking(TARGET, payload(data), catalog=CATALOG, index=INDEX, top_n=50)
    first, second = ranking.entries
    assert (first.model_id, first.value, first.share) == ("anthropic/claude-opus-4.7", "600", "0.6")
    assert first.change == published.Change(previous_rank=2, rank_delta=1, value_change_pct="500", is_new=False)
    assert second.change == published.Change(previous_rank=1, rank_delta=-1, value_change_pct="0", is_new=False)
    assert ranking.other == published.Other(value="100", share="0.1")
    assert ranking.total_rows == 2


def test_an_incomplete_trailing_week_is_not_used() -> None:
    data = rows("2026-05-11", (KIMI, "10")) + rows("2026-05-18", (OPUS, "99"))
    ranking = keyed_ranking(TARGET, payload(data, end="2026-05-20"), catalog=CATALOG, index=INDEX, top_n=50)
    assert [e.model_id for e in ranking.entries] == ["moonshotai/kimi-k2.6"]
    assert ranking.entries[0].change is None  # the week before (2026-05-04) is not in the response


def test_no_previous_week_in_the_response_means_no_change_rather_than_new() -> None:
    data = rows("2026-05-11", (OPUS, "600"), (KIMI, "300"), ("other", "100"))
    ranking = keyed_ranking(TARGET, payload(data), catalog=CATALOG, index=INDEX, top_n=50)
    assert [e.change for e in ranking.entries] == [None, None]
    assert ranking.previous_period_start is None


def test_a_model_absent_from_a_real_previous_week_is_new() -> None:
    data = rows("2026-05-04", (KIMI, "300"), ("other", "10")) + rows("2026-05-11", (OPUS, "600"), (KIMI, "300"))
    ranking = keyed_ranking(TARGET, payload(data), catalog=CATALOG, index=INDEX, top_n=50)
    assert ranking.entries[0].change == published.Change(
        previous_rank=None, rank_delta=None, value_change_pct=None, is_new=True
    )


def test_without_an_other_row_the_total_is_unknown_so_share_is_null() -> None:
    data = rows("2026-05-11", (OPUS, "600"), (KIMI, "300"))
    ranking = keyed_ranking(TARGET, payload(data), catalog=CATALOG, index=INDEX, top_n=50)
    assert [e.share for e in ranking.entries] == [None, None] and ranking.other is None
    assert [e.value for e in ranking.entries] == ["600", "300"]


def test_constructed_rankings_carry_no_openrouter_attribution() -> None:
    constructed = published.Source(
        endpoint="GET /datasets/rankings-daily",
        params={"category": "legal", "period": "week"},
        keyed=True,
        provenance="constructed",
    )
    target = Target("category", "legal", "Legal", constructed)
    ranking = keyed_ranking(
        target, fixture("datasets/rankings-daily/category/legal.json"), catalog=CATALOG, index=INDEX, top_n=50
    )
    assert ranking.attribution is None and ranking.source.provenance == "constructed"
    assert ranking.entries  # the figures are still published, on one scale, marked constructed


def test_complete_weeks() -> None:
    data = [RankingsRow.model_validate(r) for r in rows("2026-05-04", (KIMI, "1")) + rows("2026-05-11", (KIMI, "1"))]
    assert complete_weeks(data, "2026-05-16") == ["2026-05-04"]
    assert complete_weeks(data, "2026-05-17") == ["2026-05-04", "2026-05-11"]


def test_unmapped_rows_are_listed_with_their_rank_never_dropped() -> None:
    data = rows("2026-05-11", (OPUS, "50"), ("example-lab/unknown-20260101", "40"), (KIMI, "30"))
    ranking = keyed_ranking(TARGET, payload(data), catalog=CATALOG, index=INDEX, top_n=50)
    assert [(e.rank, e.model_id) for e in ranking.entries] == [
        (1, "anthropic/claude-opus-4.7"),
        (3, "moonshotai/kimi-k2.6"),
    ]
    assert [(u.rank, u.permaslug, u.value) for u in ranking.unmapped] == [(2, "example-lab/unknown-20260101", "40")]


def test_ties_break_by_permaslug() -> None:
    data = rows("2026-05-11", (OPUS, "5"), (KIMI, "5"))
    ranking = keyed_ranking(TARGET, payload(data), catalog=CATALOG, index=INDEX, top_n=50)
    assert [e.permaslug for e in ranking.entries] == [OPUS, KIMI]


def test_top_n_cut() -> None:
    ranking = keyed_ranking(
        TARGET, fixture("datasets/rankings-daily/overall.json"), catalog=CATALOG, index=INDEX, top_n=3
    )
    assert len(ranking.entries) <= 3 and ranking.total_rows > 3
    assert all(e.rank <= 3 for e in ranking.entries)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (rows("2026-05-11", (OPUS, "NaN")), "not a finite number"),
        (rows("2026-05-11", (OPUS, "-5")), "is negative"),
        (rows("2026-05-11", (OPUS, "5"), (OPUS, "6")), "listed twice"),
        ([{"date": "yesterday", "model_permaslug": OPUS, "total_tokens": "1"}], "date"),
    ],
)
def test_bad_rows_are_validation_errors(data: list[dict], message: str) -> None:
    with pytest.raises(InvalidData, match=message):
        keyed_ranking(TARGET, payload(data), catalog=CATALOG, index=INDEX, top_n=50)


def test_missing_meta_is_a_validation_error() -> None:
    with pytest.raises(InvalidData, match="meta"):
        keyed_ranking(TARGET, {"data": []}, catalog=CATALOG, index=INDEX, top_n=50)


def test_keyless_order_is_rank_only() -> None:
    source = published.Source(
        endpoint="GET /models", params={"category": "programming", "sort": "top-weekly"}, keyed=False, provenance="live"
    )
    target = Target("category", "programming", "Programming", source)
    ranking = keyless_ranking(
        target,
        fixture("models/category/programming.json"),
        catalog=CATALOG,
        top_n=10,
        as_of="2026-05-07T04:54:00Z",
        ranked_by="top-weekly-overall",
    )
    upstream_order = [m["id"] for m in fixture("models/category/programming.json")["data"]]
    assert [e.model_id for e in ranking.entries] == upstream_order[:10]
    assert all(e.value is None and e.share is None and e.change is None for e in ranking.entries)
    assert ranking.metric is None and ranking.attribution is None


def test_keyless_rows_missing_from_the_catalog_are_unmapped() -> None:
    target = Target(
        "dimension",
        "newest",
        "Newest",
        published.Source(endpoint="GET /models", params={}, keyed=False, provenance="live"),
    )
    data = {"data": [{"id": "openai/gpt-oss-20b"}, {"id": "ghost/model"}]}
    ranking = keyless_ranking(
        target, data, catalog=CATALOG, top_n=10, as_of="2026-05-07T04:54:00Z", ranked_by="sort:newest"
    )
    assert [u.permaslug for u in ranking.unmapped] == ["ghost/model"]
    with pytest.raises(InvalidData, match="listed twice"):
        keyless_ranking(
            target,
            {"data": [{"id": "a/b"}, {"id": "a/b"}]},
            catalog=CATALOG,
            top_n=10,
            as_of="2026-05-07T04:54:00Z",
            ranked_by="sort:newest",
        )


def test_a_huge_week_over_week_change_is_invalid_data_not_a_crash() -> None:
    """The real programming ranking with one model's previous week (the first entry ranked both weeks) cut to a
    trillionth of a token (the recorded response has one week: the test copies it as the week before):
    the change (about 10^25 %) is beyond what we publish, so the run stops with one line
    (exit 4), not InvalidOperation."""
    data = fixture("datasets/rankings-daily/category/programming.json")
    week = max(row["date"] for row in data["data"])
    before = (date.fromisoformat(week) - timedelta(days=7)).isoformat()
    data["data"] += [{**row, "date": before} for row in data["data"] if row["date"] == week]  # a previous week
    ranking = keyed_ranking(TARGET, data, catalog=CATALOG, index=INDEX, top_n=50)
    leader = next(e.permaslug for e in ranking.entries if e.change and e.change.previous_rank)
    for row in data["data"]:
        if row["model_permaslug"] == leader and row["date"] == before:
            row["total_tokens"] = "0.000000000001"
    with pytest.raises(InvalidData, match=f"week-over-week change of '{leader}' is out of range"):
        keyed_ranking(TARGET, data, catalog=CATALOG, index=INDEX, top_n=50)
