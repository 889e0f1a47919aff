"""The API key never leaks: not into a snapshot or site file, not into stdout, stderr or a log record, not into an
error message or a --debug traceback — including when httpx raises an exception that echoes the request's headers.

The key is a recognisable fake; every check looks for the whole key and for its distinctive middle, so a key that
was cut, quoted or partly escaped on its way out is caught too.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import httpx
import pytest

from generator.replay import ReplayServer
from generator.update import Options

from . import conftest
from .conftest import FAKE_KEY, FIXTURES

MIDDLE = FAKE_KEY[9:-9]  # "FAKEKEY-0123456789abcdef-DO-"
ECHO = "sk-or-v1-ECHOED-SECRET-9f8e7d6c5b4a"


def leaks(text: str | bytes, key: str = FAKE_KEY) -> bool:
    data = text if isinstance(text, bytes) else text.encode("utf-8", "replace")
    return key.encode() in data or key[9:-9].encode() in data


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)  # httpx and httpcore log every request at INFO/DEBUG
    return caplog


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)


invoke = functools.partial(conftest.invoke, key=FAKE_KEY)  # every run here carries the recognisable fake key


def test_a_full_update_and_build_write_the_key_nowhere(
    logs: pytest.LogCaptureFixture, tmp_path: Path, replay: ReplayServer
) -> None:
    snapshots, site = tmp_path / "snapshots", tmp_path / "site"
    code, out, err = invoke(
        "update",
        "--api-base",
        f"{replay.url}/api/v1",
        "--contract-url",
        f"{replay.url}/openapi.json",
        "--snapshots",
        str(snapshots),
        "--debug",
    )
    assert code == 0, err
    assert all(had_auth for path, _, had_auth in replay.requests if "rankings-daily" in path)  # it was sent
    build = invoke("build", "--snapshots", str(snapshots), "--out", str(site), "--debug")
    assert build[0] == 0, build[2]
    files = [p for root in (snapshots, site) for p in root.rglob("*") if p.is_file()]
    assert len(files) > 100
    assert [p for p in files if leaks(p.read_bytes())] == []
    assert not leaks(out + err + build[1] + build[2])
    assert logs.records and not leaks(everything_logged(logs))


KEYED = "/api/v1/datasets/rankings-daily"
LEGAL = f"{KEYED}?category=legal"


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
@pytest.mark.parametrize(
    "fault",
    [
        f"status:401@{KEYED}",  # the key was refused
        f"status:403@{LEGAL}",
        f"refused@{LEGAL}",  # transport error: connection refused
        f"reset@{LEGAL}",  # transport error: connection dropped
        f"timeout:30@{LEGAL}",  # transport error: read timeout
        f"truncate@{LEGAL}",  # the JSON parser's message
        f"html@{LEGAL}",
        f"budget:3@{KEYED}",
        f"ghost-permaslugs:all@{LEGAL}",  # a gate refusal
    ],
)
def test_no_error_message_or_traceback_carries_the_key(
    fault: str, debug: bool, logs: pytest.LogCaptureFixture, tmp_path: Path, fixtures_without_apps: Path
) -> None:
    with ReplayServer(fixtures_without_apps) as server:
        server.add_fault(fault)
        code, out, err = invoke(
            "update",
            "--api-base",
            f"{server.url}/api/v1",
            "--contract-url",
            f"{server.url}/openapi.json",
            "--snapshots",
            str(tmp_path),
            "--timeout",
            "0.5",
            "--max-retry-wait",
            "0.02",
            *(["--debug"] if debug else []),
        )
    assert code in (1, 3, 4)
    assert err.splitlines()[-1].startswith("orsnap: error: ")
    assert ("Traceback" in err) == debug
    assert not leaks(out + err) and not leaks(everything_logged(logs))


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
@pytest.mark.parametrize(
    "error",
    [httpx.LocalProtocolError, httpx.RemoteProtocolError, httpx.ConnectError, httpx.ReadTimeout, httpx.ProxyError],
)
def test_an_httpx_exception_echoing_the_request_headers_is_not_repeated(
    error: type[httpx.TransportError],
    debug: bool,
    logs: pytest.LogCaptureFixture,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fixtures_without_apps: Path,
) -> None:
    """h11 says ``Illegal header value b'Bearer …'`` for a bad header; a proxy or a future httpx may echo more.
    Whatever the transport puts in its exception, only the exception's type reaches the user."""
    real = httpx.AsyncHTTPTransport.handle_async_request

    async def echoing(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/benchmarks"):  # one keyed endpoint: its 4 attempts stay under the rate limit
            raise error(f"cannot send {dict(request.headers)!r}", request=request)
        return await real(self, request)

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", echoing)
    with ReplayServer(fixtures_without_apps) as server:
        code, out, err = invoke(
            "update",
            "--api-base",
            f"{server.url}/api/v1",
            "--contract-url",
            f"{server.url}/openapi.json",
            "--snapshots",
            str(tmp_path),
            "--max-retry-wait",
            "0",
            *(["--debug"] if debug else []),
            key=ECHO,
        )
    assert code == 1
    assert f"connection failed ({error.__name__})" in err.splitlines()[-1] or "timed out" in err
    assert not leaks(out + err, ECHO) and not leaks(everything_logged(logs), ECHO)


@pytest.mark.parametrize("bad", [FAKE_KEY + "\n", FAKE_KEY + "\r", "\t" + FAKE_KEY, FAKE_KEY.replace("KEY", "KÉY")])
def test_a_key_that_cannot_be_a_header_is_refused_without_showing_it(bad: str, tmp_path: Path) -> None:
    code, out, err = invoke("update", "--replay", str(FIXTURES), "--snapshots", str(tmp_path), "--debug", key=bad)
    assert code == 2
    assert err == "orsnap: error: OPENROUTER_API_KEY contains whitespace, control or non-ASCII characters (not shown)\n"
    assert not leaks(out + err, bad.strip()) and not (tmp_path / "v1").exists()


def test_options_never_show_the_key() -> None:
    assert FAKE_KEY not in repr(Options(api_key=FAKE_KEY)) and MIDDLE not in str(Options(api_key=FAKE_KEY))
