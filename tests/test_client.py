"""The HTTP client: retries honouring Retry-After, rate limit, size cap, JSON check — via httpx.MockTransport; and
the keyed budget over a whole update's call plan, against the replay server on a fake clock."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest

from generator.replay import ReplayServer
from generator.sources.client import KEYED_PER_MINUTE, USER_AGENT, Client, RateLimiter, SourceError

from .conftest import FAKE_KEY, FIXTURES

CATALOG = (FIXTURES / "api" / "models" / "all.json").read_bytes()


class FakeTime:
    """A clock that only moves when something sleeps: retries and the limiter run instantly and measurably."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def run(
    handler: Callable[[httpx.Request], httpx.Response],
    *,
    key: str | None = None,
    keyed: bool = False,
    time: FakeTime | None = None,
    **kwargs: object,
) -> tuple[object, FakeTime, Client]:
    time = time or FakeTime()

    async def go() -> tuple[object, Client]:
        async with Client(
            "https://api.test/api/v1",
            api_key=key,
            transport=httpx.MockTransport(handler),
            sleep=time.sleep,
            clock=time.clock,
            **kwargs,
        ) as client:  # type: ignore[arg-type]
            return await client.get_json("/models", {"output_modalities": "all"}, keyed=keyed), client

    fetched, client = asyncio.run(go())
    return fetched, time, client


def json_response(body: bytes = CATALOG, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, content=body, headers={"Content-Type": "application/json", **headers})


def test_a_plain_get_returns_parsed_json_and_the_server_date() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return json_response(Date="Thu, 07 May 2026 04:54:00 GMT")

    fetched, _, _ = run(handler)
    assert len(fetched.data["data"]) == 368  # type: ignore[attr-defined]
    assert fetched.date.isoformat() == "2026-05-07T04:54:00+00:00"  # type: ignore[attr-defined]
    assert seen[0].url == "https://api.test/api/v1/models?output_modalities=all"
    assert seen[0].headers["User-Agent"] == USER_AGENT
    assert "Authorization" not in seen[0].headers


@pytest.mark.parametrize(
    ("headers", "provenance", "recorded"),
    [
        ({}, "live", ()),  # the live API sends no provenance header
        ({"X-Orsnap-Provenance": "derived", "X-Orsnap-Recorded": "2026-05-16"}, "derived", ("2026-05-16",)),
        (
            {"X-Orsnap-Provenance": "Constructed", "X-Orsnap-Recorded": "2026-05-16, 2026-05-07,2026-05-16"},
            "constructed",
            ("2026-05-07", "2026-05-16"),
        ),
        # untrusted header values: an unknown kind is not believed to be real, and only dates are kept
        ({"X-Orsnap-Provenance": "official", "X-Orsnap-Recorded": "../etc,<b>,2026-5-1"}, "constructed", ()),
    ],
)
def test_a_replayed_response_says_what_it_is(headers: dict[str, str], provenance: str, recorded: tuple) -> None:
    fetched, _, _ = run(lambda request: json_response(**headers))
    assert (fetched.provenance, fetched.recorded) == (provenance, recorded)  # type: ignore[attr-defined]


def test_keyless_requests_never_carry_the_key() -> None:
    seen: list[httpx.Request] = []
    run(lambda r: seen.append(r) or json_response(), key=FAKE_KEY)
    assert "Authorization" not in seen[0].headers


def test_keyed_requests_carry_the_key_as_bearer() -> None:
    seen: list[httpx.Request] = []
    run(lambda r: seen.append(r) or json_response(), key=FAKE_KEY, keyed=True)
    assert seen[0].headers["Authorization"] == f"Bearer {FAKE_KEY}"


def test_keyed_endpoint_without_a_key_is_a_clear_error() -> None:
    with pytest.raises(SourceError, match="needs an API key"):
        run(lambda r: json_response(), keyed=True)


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_retryable_status_then_success(status: int) -> None:
    answers = iter([json_response(b"{}", status), json_response(b"{}", status), json_response()])
    fetched, time, client = run(lambda r: next(answers))
    assert len(fetched.data["data"]) == 368  # type: ignore[attr-defined]
    assert len(time.sleeps) == 2
    assert len(client.calls) == 3


def test_retry_after_is_honoured_exactly() -> None:
    answers = iter(
        [
            json_response(b"{}", 429, **{"Retry-After": "7"}),
            json_response(b"{}", 503, **{"Retry-After": "2"}),
            json_response(),
        ]
    )
    _, time, _ = run(lambda r: next(answers))
    assert time.sleeps == [7.0, 2.0]


def test_retry_after_is_capped() -> None:
    answers = iter([json_response(b"{}", 429, **{"Retry-After": "86400"}), json_response()])
    _, time, _ = run(lambda r: next(answers))
    assert time.sleeps == [120.0]


def test_retries_are_bounded_and_the_error_names_endpoint_and_cause() -> None:
    with pytest.raises(SourceError) as caught:
        run(lambda r: json_response(b"{}", 503), retries=3)
    message = str(caught.value)
    assert message.startswith("GET /models?output_modalities=all: HTTP 503")
    assert "gave up after 3 attempts" in message
    assert "\n" not in message


def test_transport_errors_are_retried_then_reported() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(SourceError, match="connection failed") as caught:
        run(handler, key=FAKE_KEY, keyed=True)
    assert FAKE_KEY not in str(caught.value)


def test_timeouts_are_retried() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            raise httpx.ReadTimeout("slow", request=request)
        return json_response()

    fetched, _, _ = run(handler)
    assert len(calls) == 2 and fetched.data


def test_an_html_page_with_status_200_is_an_error() -> None:
    page = b"<!doctype html><html><body>Rankings</body></html>"
    with pytest.raises(SourceError, match="expected JSON, got text/html"):
        run(lambda r: httpx.Response(200, content=page, headers={"Content-Type": "text/html; charset=utf-8"}))


@pytest.mark.parametrize("body", [b'{"data": [', b"", b'{"x": NaN}', b"\xff\xfe"])
def test_broken_json_is_an_error(body: bytes) -> None:
    with pytest.raises(SourceError, match="invalid JSON"):
        run(lambda r: json_response(body))


def test_a_body_over_the_cap_is_refused_while_streaming() -> None:
    async def stream() -> AsyncIterator[bytes]:
        for _ in range(100):
            yield b" " * 10_000

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=stream(), headers={"Content-Type": "application/json"})

    with pytest.raises(SourceError, match="exceeds the 50000-byte cap"):
        run(handler, max_bytes=50_000)


def test_a_declared_length_over_the_cap_is_refused() -> None:
    with pytest.raises(SourceError, match="exceeds"):
        run(lambda r: json_response(**{"Content-Length": str(10**9)}), max_bytes=1000)


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_key_is_a_clear_error_without_the_key(status: int) -> None:
    with pytest.raises(SourceError, match=f"HTTP {status}: the API key was refused") as caught:
        run(lambda r: json_response(b'{"error": {}}', status), key=FAKE_KEY, keyed=True)
    assert FAKE_KEY not in str(caught.value)
    assert FAKE_KEY not in repr(caught.value)


def test_the_client_repr_hides_the_key() -> None:
    _, _, client = run(lambda r: json_response(), key=FAKE_KEY)
    assert FAKE_KEY not in repr(client)


def test_other_statuses_are_not_retried() -> None:
    calls = []
    with pytest.raises(SourceError, match="HTTP 404"):
        run(lambda r: calls.append(1) or json_response(b"{}", 404))
    assert len(calls) == 1


def test_rate_limiter_allows_the_limit_then_waits_for_the_window() -> None:
    time = FakeTime()
    limiter = RateLimiter(30, 60.0, clock=time.clock, sleep=time.sleep)

    async def go() -> list[float]:
        stamps = []
        for _ in range(75):
            await limiter.acquire()
            stamps.append(time.now)
            limiter.release()  # an instant request: it counts for the 60 s after it ended
        return stamps

    stamps = asyncio.run(go())
    assert stamps[:30] == [0.0] * 30
    assert stamps[30:60] == [60.0] * 30
    assert stamps[60:] == [120.0] * 15
    for i in range(len(stamps)):  # never more than 30 in any 60-second window
        assert sum(1 for s in stamps if stamps[i] <= s < stamps[i] + 60) <= 30


def test_keyed_calls_share_the_limit() -> None:
    time = FakeTime()

    async def go() -> None:
        async with Client(
            "https://api.test",
            api_key=FAKE_KEY,
            keyed_per_minute=2,
            sleep=time.sleep,
            clock=time.clock,
            transport=httpx.MockTransport(lambda r: json_response(b"{}")),
        ) as c:
            await asyncio.gather(*(c.get_json(f"/x{i}", keyed=True) for i in range(5)))
            await c.get_json("/free")  # keyless calls do not wait

    asyncio.run(go())
    assert time.now == 120.0


def test_invalid_limiter_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        RateLimiter(0, 60)


@pytest.mark.parametrize("media_type", ["application/evil+json", "application/vnd.api+json", "text/json"])
def test_only_application_json_is_json(media_type: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=json.dumps({"a": 1}).encode(), headers={"Content-Type": media_type})

    with pytest.raises(SourceError, match=f"expected JSON, got {re.escape(media_type)} with status 200"):
        run(handler)


def test_application_json_with_a_charset_is_json() -> None:
    fetched, _, _ = run(
        lambda r: httpx.Response(
            200, content=json.dumps({"a": 1}).encode(), headers={"Content-Type": "Application/JSON; charset=utf-8"}
        )
    )
    assert fetched.data == {"a": 1}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("location", "followed"),
    [
        ("/api/v1/models-moved", True),
        ("https://api.test/elsewhere", True),
        ("https://evil.test/api/v1/models", False),
        ("http://api.test/api/v1/models", False),  # a downgrade to plain HTTP
    ],
)
def test_redirects_are_followed_only_to_the_same_host(location: str, followed: bool) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if len(seen) == 1:
            return httpx.Response(307, headers={"Location": location})
        return httpx.Response(200, json={"data": []})

    if followed:
        fetched, _, _ = run(handler)
        assert fetched.data == {"data": []} and len(seen) == 2  # type: ignore[attr-defined]
    else:
        with pytest.raises(SourceError, match=r"redirected to another host .* only redirects to https://api\.test"):
            run(handler)
        assert len(seen) == 1  # the other host was never asked


def test_refused_connections_spend_none_of_the_keyed_budget() -> None:
    time = FakeTime()
    attempts = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(1)
        if len(attempts) % 2:
            raise httpx.ConnectError("connection refused", request=request)
        return json_response(b"{}")

    async def go() -> None:
        async with Client(
            "https://api.test",
            api_key=FAKE_KEY,
            keyed_per_minute=3,
            sleep=time.sleep,
            clock=time.clock,
            transport=httpx.MockTransport(handler),
        ) as client:
            for i in range(3):
                await client.get_json(f"/x{i}", keyed=True)

    asyncio.run(go())
    assert len(attempts) == 6  # three refused, three served…
    assert time.now < 60.0  # …and only the three served ones counted against 3 per minute (backoff aside)


def test_limiter_release_unreached_gives_back_one_acquisition() -> None:
    time = FakeTime()
    limiter = RateLimiter(2, 60.0, clock=time.clock, sleep=time.sleep)

    async def go() -> None:
        await limiter.acquire()
        limiter.release()
        await limiter.acquire()
        limiter.release(reached=False)  # a refused connection: the server never saw it
        await limiter.acquire()

    asyncio.run(go())
    assert time.now == 0.0
    with pytest.raises(RuntimeError, match="without acquire"):
        RateLimiter(1, 60.0).release()


def test_a_slow_request_counts_until_a_window_after_its_response() -> None:
    """The server sees a request somewhere between our send and its response: counting it from its end keeps any
    60 s window of arrivals within the limit, however late in that span it arrived."""
    time = FakeTime()
    limiter = RateLimiter(2, 60.0, clock=time.clock, sleep=time.sleep)
    starts: list[float] = []

    async def request(seconds: float) -> None:
        await limiter.acquire()
        starts.append(time.now)
        time.now += seconds  # the response takes this long (the fake clock moves; nothing waits)
        limiter.release()

    async def go() -> None:
        await request(50.0)  # 0 → 50: counts until 110
        await request(0.0)  # 50 → 50: counts until 110
        await request(0.0)  # must wait until 110, not 60 (when a window from its start would have freed it)

    asyncio.run(go())
    assert starts == [0.0, 50.0, 110.0]


def test_the_limiter_waits_for_a_request_in_flight_to_end() -> None:
    time = FakeTime()
    limiter = RateLimiter(1, 60.0, clock=time.clock, sleep=time.sleep)
    starts: list[float] = []

    async def first() -> None:
        await limiter.acquire()
        starts.append(time.now)
        await asyncio.sleep(0)  # the second caller now waits: the one slot is in flight, with no end yet
        await asyncio.sleep(0)
        time.now += 5.0
        limiter.release()

    async def second() -> None:
        await asyncio.sleep(0)
        await limiter.acquire()
        starts.append(time.now)
        limiter.release()

    async def go() -> None:
        await asyncio.gather(first(), second())

    asyncio.run(go())
    assert starts == [0.0, 65.0]


# --- the keyed budget over a whole update -------------------------------------------------------------------------


class VirtualTime:
    """A fake clock for a whole update over real loopback HTTP: a sleeper's clock moves only when no request is in
    flight and no earlier sleeper is waiting, then to its deadline (so two sleepers never add up, and a request in
    flight is not stretched by someone else's sleep). Nothing waits in wall-clock time but a few milliseconds."""

    def __init__(self) -> None:
        self.now = 0.0
        self.in_flight = 0
        self.deadlines: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        deadline = self.now + max(0.0, seconds)
        self.deadlines.append(deadline)
        try:
            while self.in_flight or deadline > min(self.deadlines):
                await asyncio.sleep(0.002)  # let the requests in flight finish, the earlier sleepers wake first
            await asyncio.sleep(0.002)  # and whatever was about to send at the current time, send
            if not self.in_flight:
                self.now = max(self.now, deadline)
        finally:
            self.deadlines.remove(deadline)


class Timed(httpx.AsyncBaseTransport):
    """The real transport to the replay server; each keyed attempt's span on the fake clock, [sent, answered].
    Each response moves the fake clock by ``latency``, so that spans have a length and overlap."""

    def __init__(self, time: VirtualTime, latency: float) -> None:
        self.time = time
        self.latency = latency
        self.keyed: list[tuple[float, float]] = []
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        sent = self.time.now
        self.time.in_flight += 1
        try:
            response = await self.inner.handle_async_request(request)
        finally:
            self.time.in_flight -= 1
        self.time.now += self.latency
        if "authorization" in request.headers:
            self.keyed.append((sent, self.time.now))
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def most_in_any_window(spans: list[tuple[float, float]], period: float = 60.0) -> int:
    """The most request spans any ``period``-long window [t, t + period) meets: the server sees each request at some
    moment of its span, so this bounds what its window can count, wherever in the span each one arrived."""
    starts = {s for s, _ in spans} | {e for _, e in spans}
    return max(sum(1 for s, e in spans if s < t + period and e >= t) for t in starts)


@pytest.mark.parametrize("latency", [0.0, 0.25])
def test_a_whole_keyed_update_never_has_more_than_30_keyed_requests_in_any_minute(
    tmp_path: Path, latency: float
) -> None:
    """The full keyed call plan of the recorded contract (32 dataset and benchmark calls, then 40 endpoints calls
    with the key), with two retried 503s, through OpenRouter's limit of 30 per 60 s on a fake clock: no wall-clock
    wait, and no 60 s window meets more than 30 keyed attempts, retries included."""
    from generator.update import Options, update

    time = VirtualTime()
    transport = Timed(time, latency=latency)
    with ReplayServer(FIXTURES) as server:
        server.add_fault("status:503*2@/api/v1/benchmarks")
        result = update(
            Options(
                snapshots=tmp_path,
                api_base=f"{server.url}/api/v1",
                contract_url=f"{server.url}/openapi.json",
                api_key=FAKE_KEY,
                transport=transport,
                client_kwargs={"clock": time.clock, "sleep": time.sleep, "keyed_per_minute": KEYED_PER_MINUTE},
            )
        )
    keyed_calls = [c for c in result.calls if "/datasets/" in c or "/benchmarks" in c or c.endswith("/endpoints")]
    assert len(keyed_calls) == 72 + 2  # 32 + 40 keyed calls, and the two retried attempts (each counts)
    assert len(transport.keyed) == 74
    assert most_in_any_window(transport.keyed) == KEYED_PER_MINUTE  # the budget is used, never exceeded
    # 74 keyed attempts at 30 a minute need three windows: the update takes two minutes of (fake) time and a bit
    # (plus the retries' backoff, a few seconds; with 0.25 s a response, the responses' own time)
    assert 120.0 <= time.now < 150.0, time.now
    # the same plan without the limiter would have sent all 74 within seconds
    assert most_in_any_window([(s, s) for s, _ in transport.keyed], 1e9) == 74


def test_the_keyed_limit_is_openrouters_except_on_loopback() -> None:
    async def limits() -> list[int | None]:
        found = []
        for base in ("https://openrouter.ai/api/v1", "http://127.0.0.1:8765/api/v1", "http://localhost:1/api/v1"):
            async with Client(base, api_key=FAKE_KEY) as client:
                found.append(client.keyed_limiter.limit if client.keyed_limiter else None)
        async with Client("http://127.0.0.1:8765/api/v1", api_key=FAKE_KEY, keyed_per_minute=5) as client:
            found.append(client.keyed_limiter.limit if client.keyed_limiter else None)
        return found

    assert asyncio.run(limits()) == [KEYED_PER_MINUTE, None, None, 5]
