"""What the commands of ``orsnap`` share: their options, defined once, and the one mapping of a failure to its line on
stderr and its exit code.

Options used by several commands are small decorators (``snapshots_option``, ``source_options`` …), so names and help
text never drift; a stack of numeric limits is a table (:func:`option_rows`). Imports only click and the standard
library: ``orsnap --help`` loads nothing else (bench/bench_startup.py).
"""

from __future__ import annotations

import contextlib
import functools
import os
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from generator import DEFAULT_API_BASE, DEFAULT_CONTRACT_URL
from generator.errors import EXIT_SOURCE, EXIT_USAGE, OrsnapError
from generator.text import one_line

F = TypeVar("F", bound=Callable[..., Any])
Row = tuple[str, click.ParamType, Any, str]  # (parameter name, type, default, help) of one --option


class Failure(click.ClickException):
    """A failure a user can act on: one line on stderr, a documented exit code, no traceback."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"orsnap: error: {one_line(self.format_message())}", err=True)


def say(message: str) -> None:
    """One line on stderr; upstream text in it is escaped (see generator/text.py)."""
    click.echo(one_line(message), err=True)


def as_failure(exc: Exception) -> Failure:
    """The one place a failure becomes its line on stderr and its exit code (see generator/errors.py)."""
    if isinstance(exc, OrsnapError):
        return Failure(exc.message(), exc.exit_code)
    if isinstance(exc, OSError):
        return Failure(f"could not write the snapshot: {exc.strerror or exc}", EXIT_SOURCE)
    return Failure(f"unexpected {type(exc).__name__}: {str(exc)[:300]} (rerun with --debug)", EXIT_SOURCE)


class Group(click.Group):
    """Commands without ``--debug`` get the same mapping: an :class:`OrsnapError` is one line and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OrsnapError as exc:
            raise as_failure(exc) from None


def option_rows(*rows: Row) -> Callable[[F], F]:
    """One ``--name`` option per row, in the rows' order, each showing its default."""

    def decorate(func: F) -> F:
        for name, kind, default, text in reversed(rows):
            flag = "--" + name.replace("_", "-")
            func = click.option(flag, name, type=kind, default=default, show_default=True, help=text)(func)
        return func

    return decorate


def snapshots_option(func: F) -> F:
    return click.option(
        "--snapshots",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("snapshots"),
        show_default=True,
        help="Directory holding the versioned snapshots (v1/ inside it).",
    )(func)


def source_options(func: F) -> F:
    """``--api-base``, ``--contract-url`` and ``--snapshots``: the source a command reads and the snapshot it
    compares with (``update``, ``record``, ``verify``)."""
    func = snapshots_option(func)
    func = click.option(
        "--contract-url",
        envvar="OPENROUTER_CONTRACT_URL",
        default=DEFAULT_CONTRACT_URL,
        show_default=True,
        help="URL of OpenRouter's published OpenAPI document (categories and orderings are read from it).",
    )(func)
    return click.option(
        "--api-base",
        envvar="OPENROUTER_API_BASE",
        default=DEFAULT_API_BASE,
        show_default=True,
        help="Base URL of the OpenRouter API (env OPENROUTER_API_BASE).",
    )(func)


def replay_option(func: F) -> F:
    return click.option(
        "--replay",
        "replay_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None,
        help="Start a loopback replay server over this fixtures directory and use it instead of --api-base and "
        "--contract-url (offline).",
    )(func)


def concurrency_option(func: F) -> F:
    return click.option(
        "--concurrency", type=click.IntRange(1, 32), default=8, show_default=True, help="Requests in flight at once."
    )(func)


def out_option(text: str) -> Callable[[F], F]:
    """``--out``: the built site (``build`` writes it, ``serve`` serves it)."""
    return click.option(
        "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("_site"), show_default=True, help=text
    )


def quiet_option(text: str) -> Callable[[F], F]:
    return click.option("--quiet", "-q", is_flag=True, help=text)


def port_option(default: int) -> Callable[[F], F]:
    return click.option(
        "--port",
        type=click.IntRange(0, 65535),
        default=default,
        show_default=True,
        help="Port on 127.0.0.1 (0 picks a free one).",
    )


def debug_option(func: F) -> F:
    @click.option("--debug", is_flag=True, help="Show the full traceback of a failure.")
    @functools.wraps(func)
    def wrapper(*args: Any, debug: bool, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (Failure, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if debug:
                traceback.print_exc()
            raise as_failure(exc) from None

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def source(api_base: str, contract_url: str, replay_dir: Path | None) -> Iterator[tuple[str, str]]:
    """The API base and contract URL to use: the given ones, or those of a replay server started for the block."""
    if replay_dir is None:
        yield api_base, contract_url
        return
    from generator.replay import ReplayServer

    with ReplayServer(replay_dir) as server:
        yield server.url + "/api/v1", server.url + "/openapi.json"


def serve_until_interrupted(server: Any) -> None:
    """Serve until Ctrl-C, then close the socket (``orsnap replay`` and ``orsnap serve``)."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def api_key() -> str | None:
    """OPENROUTER_API_KEY, refused (without showing it) when it cannot be a header value."""
    key = os.environ.get("OPENROUTER_API_KEY") or None
    if key is not None and not (key.isascii() and key.isprintable() and " " not in key):
        raise Failure("OPENROUTER_API_KEY contains whitespace, control or non-ASCII characters (not shown)", EXIT_USAGE)
    return key


def write_file(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a temporary file beside it, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)
