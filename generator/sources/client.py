"""One httpx client for every OpenRouter call: timeouts, retries, rate limit, size cap, JSON check.

- Retries (tenacity): transport errors and HTTP 429/500/502/503/504, at most ``retries`` attempts, with
  exponential backoff and jitter, or exactly the server's ``Retry-After`` when it sends one (capped).
- Keyed endpoints share a sliding-window limit (30 requests per 60 s by default, OpenRouter's published
  limit; none for a loopback API base, the replay server); all requests share a concurrency cap.
- A body larger than ``max_bytes`` is refused while it streams; a JSON endpoint that answers with anything
  but JSON (an HTML page with status 200, say) is an error.
- The API key is read by the caller from the environment and only ever placed in the ``Authorization``
  header; no message built here contains a header.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import re
import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from generator import __version__
from generator.errors import EXIT_SOURCE, OrsnapError

# httpcore asks for the optional `sniffio` whenever it makes a lock (several times a request); where it is not
# installed, each failed import searches sys.path again (570 times in one keyed update: 40 ms of the event loop).
# Recording it as absent once makes every later `import sniffio` fail at once, as it would anyway.
if importlib.util.find_spec("sniffio") is None:
    sys.modules.setdefault("sniffio", None)  # type: ignore[assignment]

USER_AGENT = f"orsnap/{__version__} (+https://github.com/orsnap/orsnap; OpenRouter rankings mirror)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_RETRY_AFTER = 120.0
KEYED_PER_MINUTE = 30  # OpenRouter's published limit for keyed endpoints (and 500 a day)
MIN_WAIT = 0.001  # seconds: the shortest wait of the rate limiter

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]


class SourceError(OrsnapError):
    """A source could not give us usable data. The message is one line naming the endpoint and the cause."""

    exit_code = EXIT_SOURCE
    prefix = "source failed: "

    def __init__(self, endpoint: str, cause: str) -> None:
        super().__init__(f"{endpoint}: {cause}")
        self.endpoint = endpoint
        self.cause = cause


class _Retryable(Exception):
    """A failure worth another attempt; ``retry_after`` is the server's wish in seconds, if it said one."""

    def __init__(self, cause: str, retry_after: float | None = None, *, reached: bool = True) -> None:
        super().__init__(cause)
        self.cause = cause
        self.retry_after = retry_after
        self.reached = reached  # False: the request never reached the server (connection refused, DNS)


PROVENANCE_HEADER = "X-Orsnap-Provenance"  # sent by the replay server only: what the recording is
RECORDED_HEADER = "X-Orsnap-Recorded"  # sent by the replay server only: the dates of the real captures behind it
PROVENANCES = ("recorded", "derived", "constructed")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Fetched:
    """A parsed JSON response, when the server says it produced it, and (replays only) what the recording is."""

    endpoint: str
    data: Any
    date: datetime | None
    provenance: str = "live"  # live | recorded | derived | constructed
    recorded: tuple[str, ...] = ()  # dates (YYYY-MM-DD) of the real captures behind a replayed response


class RateLimiter:
    """At most ``limit`` requests in any ``period`` seconds as the server counts them, by construction.

    The server sees a request at some moment between our :meth:`acquire` and our :meth:`release` of it (the end
    of its response or failure), which we do not know. So a request counts from its acquisition until ``period``
    seconds after its release: while in flight it always counts, and once released it keeps counting for a whole
    window after the latest moment the server can have seen it. A new request is let through only while fewer
    than ``limit`` count. Then no ``period``-long window of server arrivals can hold more than ``limit``: if one
    held ``limit + 1``, the last of them to be acquired, at time ``a < t + period`` for a window starting at ``t``,
    was acquired while each of the others was in flight or released at or after ``t > a - period``, so all
    ``limit`` of them counted. Retries acquire again (each attempt counts); an attempt that never reached the
    server (connection refused) is released with ``reached=False`` and counts no more. Clock and sleep are
    injectable, so a fake clock runs a whole call plan without waiting.
    """

    def __init__(self, limit: int, period: float, *, clock: Clock = time.monotonic, sleep: Sleep = asyncio.sleep):
        if limit < 1 or period <= 0:
            raise ValueError("limit must be ≥ 1 and period > 0")
        self.limit = limit
        self.period = period
        self._clock = clock
        self._sleep = sleep
        self._open = 0  # acquired, not yet released: in flight
        self._expiries: deque[float] = deque()  # when each released request stops counting (release + period)
        self._lock = asyncio.Lock()  # waiters go through one at a time, in order
        self._released = asyncio.Event()

    def _counting(self, now: float) -> int:
        while self._expiries and now >= self._expiries[0]:
            self._expiries.popleft()
        return self._open + len(self._expiries)

    async def acquire(self) -> None:
        """Wait until fewer than ``limit`` requests count, then count this one (in flight until released)."""
        async with self._lock:
            while self._counting(self._clock()) >= self.limit:
                if self._expiries:  # the oldest released request stops counting a period after its release
                    # at least a millisecond: a wait that rounds to nothing on a float clock would never end
                    await self._sleep(max(self._expiries[0] - self._clock(), MIN_WAIT))
                else:  # every counted request is in flight: wait for one to finish
                    self._released.clear()
                    await self._released.wait()
            self._open += 1

    def release(self, *, reached: bool = True) -> None:
        """The acquired request is over: it counts for ``period`` more seconds, or not at all if it never reached
        the server."""
        if self._open <= 0:
            raise RuntimeError("release() without acquire()")
        self._open -= 1
        if reached:
            expiry = self._clock() + self.period
            if self._expiries and expiry < self._expiries[-1]:  # a clock that stepped back: keep the order
                expiry = self._expiries[-1]  # (conservative: it counts a little longer)
            self._expiries.append(expiry)
        self._released.set()


def is_loopback(url: str) -> bool:
    """Whether ``url`` points at this machine (the replay server): no rate limit applies there."""
    host = (urlsplit(url).hostname or "").lower()
    return host in {"localhost", "127.0.0.1", "::1"} or host.startswith("127.")


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, seconds)


def reject_constant(name: str) -> None:
    raise ValueError(f"non-standard JSON constant {name}")


def _describe(method: str, path: str, params: dict[str, str] | None) -> str:
    return f"{method} {path}" + (f"?{urlencode(params)}" if params else "")


class Client:
    """The HTTP edge. Use as ``async with Client(...) as client: await client.get_json(...)``.

    ``transport`` lets tests inject ``httpx.MockTransport``; ``sleep`` and ``clock`` let them run retries and
    the rate limiter without waiting.
    """

    def __init__(
        self,
        api_base: str,
        *,
        api_key: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 30.0,
        retries: int = 4,
        max_bytes: int = DEFAULT_MAX_BYTES,
        concurrency: int = 8,
        keyed_per_minute: int | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        max_wait: float | None = None,
        deadline: float | None = None,
    ) -> None:
        """``max_wait``: the longest wait before a retry; a server asking (``Retry-After``) for longer makes the
        request fail at once rather than block the run (a rate-limit budget that ran out). None: Retry-After is
        honoured up to ``MAX_RETRY_AFTER`` and backoff is uncapped below its own maximum. ``deadline`` (default:
        ``timeout``): seconds for each whole response, connect to last byte, so a server dripping a byte at a
        time cannot hold a run (``timeout`` alone bounds each read). ``keyed_per_minute``: the keyed requests allowed
        in any 60 s (:class:`RateLimiter`); None means OpenRouter's published ``KEYED_PER_MINUTE``, except for a
        loopback API base (the replay server, which has no budget to protect), where keyed calls are not limited."""
        self.api_base = api_base.rstrip("/")
        self._deadline = timeout if deadline is None else deadline
        self.in_flight: dict[str, int] = {}  # endpoint → requests for it under way (for the update's deadline)
        self._max_wait = max_wait
        self.has_key = bool(api_key)
        self._auth = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._retries = retries
        self._max_bytes = max_bytes
        self._sleep = sleep
        self._slots = asyncio.Semaphore(concurrency)
        if keyed_per_minute is None and not is_loopback(self.api_base):
            keyed_per_minute = KEYED_PER_MINUTE
        self.keyed_limiter = (
            RateLimiter(keyed_per_minute, 60.0, clock=clock, sleep=sleep) if keyed_per_minute is not None else None
        )
        self.calls: list[str] = []
        self._http = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=True,
            max_redirects=3,
            event_hooks={"response": [_same_host_redirects_only]},
        )

    def __repr__(self) -> str:  # never show the key
        return f"Client(api_base={self.api_base!r}, keyed={self.has_key})"

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._http.aclose()

    async def get_json(
        self,
        path: str,
        params: dict[str, str] | None = None,
        *,
        keyed: bool = False,
        url: str | None = None,
        raw: bool = False,
    ) -> Fetched:
        """GET ``api_base + path`` (or an absolute ``url``) and return its JSON, or raise :class:`SourceError`.

        ``raw``: the body's bytes, not parsed yet (the caller reads them with :mod:`generator.sources.stream`)."""
        endpoint = _describe("GET", path if url is None else url, params)
        if keyed and not self._auth:
            raise SourceError(endpoint, "needs an API key (set OPENROUTER_API_KEY)")
        target = url or f"{self.api_base}{path}"
        waiter = wait_exponential_jitter(multiplier=0.5, max=10.0)

        def wait(state: Any) -> float:
            exc = state.outcome.exception() if state.outcome else None
            if isinstance(exc, _Retryable) and exc.retry_after is not None:
                return min(exc.retry_after, MAX_RETRY_AFTER if self._max_wait is None else self._max_wait)
            return min(float(waiter(state)), MAX_RETRY_AFTER if self._max_wait is None else self._max_wait)

        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._retries),
            wait=wait,
            retry=retry_if_exception(lambda e: isinstance(e, _Retryable)),
            sleep=self._sleep,
            reraise=True,
        )
        self.in_flight[endpoint] = self.in_flight.get(endpoint, 0) + 1
        try:
            async for attempt in retrying:
                with attempt:
                    limiter = self.keyed_limiter if keyed else None
                    if limiter is not None:  # before taking a slot: a keyed call waiting here holds none
                        await limiter.acquire()
                    reached = True
                    try:
                        async with self._slots:
                            self.calls.append(endpoint)
                            try:
                                data, date, provenance, recorded = await self._once(target, params, keyed, raw)
                            except _Retryable as exc:
                                reached = exc.reached  # a refused connection spends none of the budget
                                raise
                            return Fetched(endpoint, data, date, provenance, recorded)
                    finally:
                        if limiter is not None:
                            limiter.release(reached=reached)
        except _Retryable as exc:
            raise SourceError(endpoint, f"{exc.cause} (gave up after {self._retries} attempts)") from None
        except SourceError as exc:
            raise SourceError(endpoint, exc.cause) from None
        except asyncio.CancelledError:
            self.in_flight[endpoint] += 1  # still counted: the deadline that cancelled it names it
            raise
        finally:
            self.in_flight[endpoint] -= 1
            if not self.in_flight[endpoint]:
                del self.in_flight[endpoint]
        raise AssertionError("unreachable")  # pragma: no cover

    async def _once(
        self, url: str, params: dict[str, str] | None, keyed: bool, raw: bool = False
    ) -> tuple[Any, datetime | None, str, tuple[str, ...]]:
        headers = self._auth if keyed else {}
        try:
            async with (
                asyncio.timeout(self._deadline),
                self._http.stream("GET", url, params=params, headers=headers) as response,
            ):
                status = response.status_code
                if status in RETRY_STATUSES:
                    retry_after = _retry_after_seconds(response.headers.get("Retry-After"))
                    if retry_after is not None and self._max_wait is not None and retry_after > self._max_wait:
                        raise SourceError(
                            url,
                            f"HTTP {status}: the server asks to retry after {retry_after:.0f} s, longer than the "
                            f"longest wait ({self._max_wait:g} s); rate limit or budget exhausted?",
                        )
                    raise _Retryable(f"HTTP {status}", retry_after)
                if status in (401, 403):
                    raise SourceError(url, f"HTTP {status}: the API key was refused (check OPENROUTER_API_KEY)")
                if status != 200:
                    raise SourceError(url, f"HTTP {status}")
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > self._max_bytes:
                    raise SourceError(url, f"response of {int(declared)} bytes exceeds the {self._max_bytes}-byte cap")
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body.extend(chunk)
                    if len(body) > self._max_bytes:
                        raise SourceError(url, f"response exceeds the {self._max_bytes}-byte cap")
                content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                date = response.headers.get("Date")
                provenance, recorded = _provenance(response.headers)
        except TimeoutError:
            raise _Retryable(f"no complete response within {self._deadline:g} s (--timeout)") from None
        except httpx.ConnectTimeout as exc:
            raise _Retryable(f"timed out ({type(exc).__name__})", reached=False) from None
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timed out ({type(exc).__name__})") from None
        except httpx.ConnectError as exc:
            raise _Retryable(f"connection failed ({type(exc).__name__})", reached=False) from None
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed ({type(exc).__name__})") from None
        if content_type != "application/json":  # not `…+json`: `application/evil+json` is not what we asked for
            raise SourceError(url, f"expected JSON, got {content_type or 'no content type'} with status 200")
        data = body if raw else parse_json(url, body)
        return data, _parse_date(date), provenance, recorded


def parse_json(endpoint: str, body: bytes | bytearray | str) -> Any:
    """The JSON of a response body (its bytes, or its text already decoded from UTF-8), or :class:`SourceError`
    saying why it is not JSON (NaN and Infinity are not)."""
    try:
        text = body if isinstance(body, str) else body.decode("utf-8")
        del body  # the caller's bytes may go once decoded: this function never needs both
        return json.loads(text, parse_constant=reject_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise SourceError(endpoint, f"invalid JSON ({str(exc)[:120]})") from None
    except RecursionError:
        raise SourceError(endpoint, "invalid JSON (nested too deeply)") from None


def _provenance(headers: httpx.Headers) -> tuple[str, tuple[str, ...]]:
    """What a replayed response says it is; a response without the header (the live API) is ``live``.
    Header values are untrusted: an unknown kind counts as ``constructed``, dates must be YYYY-MM-DD (at most 20)."""
    kind = headers.get(PROVENANCE_HEADER)
    if kind is None:
        return "live", ()
    kind = kind.strip().lower()
    dates = [d.strip() for d in headers.get(RECORDED_HEADER, "").split(",")[:20]]
    return (kind if kind in PROVENANCES else "constructed"), tuple(sorted({d for d in dates if _ISO_DATE.match(d)}))


async def _same_host_redirects_only(response: httpx.Response) -> None:
    """Follow a redirect only to the host (and scheme) of the request that got it."""
    if not response.has_redirect_location:
        return
    here = response.request.url
    there = here.join(response.headers["Location"])
    if there.host != here.host or there.scheme != here.scheme:
        await response.aclose()
        raise SourceError(
            str(here),
            f"redirected to another host ({there.scheme}://{there.host[:100]}); only redirects to "
            f"{here.scheme}://{here.host} are followed",
        )


def _parse_date(value: str | None) -> datetime | None:
    """The server's ``Date``; None (the run's own clock is used) when it is missing, unreadable, out of range
    (``Date: 9999``) or more than a day ahead of our clock."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value).astimezone(UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return None if moment.timestamp() > time.time() + 86400 else moment
