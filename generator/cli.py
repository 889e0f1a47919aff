"""orsnap: mirror OpenRouter's model rankings into versioned, schema-valid JSON snapshots."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator import DEFAULT_API_BASE, DEFAULT_CONTRACT_URL, __version__, gates
from generator.errors import EXIT_DISAGREES, EXIT_INVALID, EXIT_REFUSED, EXIT_SOURCE, EXIT_USAGE, OrsnapError
from generator.text import one_line

if TYPE_CHECKING:
    from generator.update import Options, Result

# Each command imports what it uses inside its body (httpx, jinja2, jsonschema, pydantic, the site and history
# code), so `orsnap --help` loads none of them (bench/bench_startup.py).
__all__ = ["EXIT_DISAGREES", "EXIT_INVALID", "EXIT_REFUSED", "EXIT_SOURCE", "EXIT_USAGE", "cli", "main"]


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


def snapshots_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--snapshots",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("snapshots"),
        show_default=True,
        help="Directory holding the versioned snapshots (v1/ inside it).",
    )(func)


def api_options(func: Callable[..., Any]) -> Callable[..., Any]:
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


def replay_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--replay",
        "replay_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None,
        help="Start a loopback replay server over this fixtures directory and use it instead of --api-base and "
        "--contract-url (offline).",
    )(func)


@contextlib.contextmanager
def source(api_base: str, contract_url: str, replay_dir: Path | None) -> Iterator[tuple[str, str]]:
    """The API base and contract URL to use: the given ones, or those of a replay server started for the block."""
    if replay_dir is None:
        yield api_base, contract_url
        return
    from generator.replay import ReplayServer

    with ReplayServer(replay_dir) as server:
        yield server.url + "/api/v1", server.url + "/openapi.json"


def port_option(default: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--port",
        type=click.IntRange(0, 65535),
        default=default,
        show_default=True,
        help="Port on 127.0.0.1 (0 picks a free one).",
    )


def serve_until_interrupted(server: Any) -> None:
    """Serve until Ctrl-C, then close the socket (``orsnap replay`` and ``orsnap serve``)."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def debug_option(func: Callable[..., Any]) -> Callable[..., Any]:
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

    return wrapper


def as_failure(exc: Exception) -> Failure:
    """The one place a failure becomes its line on stderr and its exit code (see generator/errors.py)."""
    if isinstance(exc, OrsnapError):
        return Failure(exc.message(), exc.exit_code)
    if isinstance(exc, OSError):
        return Failure(f"could not write the snapshot: {exc.strerror or exc}", EXIT_SOURCE)
    return Failure(f"unexpected {type(exc).__name__}: {str(exc)[:300]} (rerun with --debug)", EXIT_SOURCE)


class _Group(click.Group):
    """Commands without ``--debug`` get the same mapping: an :class:`OrsnapError` is one line and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OrsnapError as exc:
            raise as_failure(exc) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="orsnap")
def cli() -> None:
    """orsnap: mirror OpenRouter's model rankings into versioned, schema-valid JSON snapshots."""


@cli.command("update")
@api_options
@snapshots_option
@click.option(
    "--top", "top_n", type=click.IntRange(1, 1000), default=50, show_default=True, help="Entries kept per ranking file."
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default="2025-01-01",
    show_default=True,
    help="First day of the keyed token history (the dataset begins 2025-01-01; earlier dates are clamped).",
)
@click.option("--force", is_flag=True, help="Publish even if a gate refuses; recorded in the manifest.")
@click.option(
    "--max-vanish",
    type=click.FloatRange(0, 1),
    default=gates.Thresholds.max_vanish,
    show_default=True,
    help="Refuse when more than this share of the previous catalog vanishes at once.",
)
@click.option(
    "--max-shrink",
    type=click.FloatRange(0, 1),
    default=gates.Thresholds.max_shrink,
    show_default=True,
    help="Refuse when the catalog shrinks by more than this share at once.",
)
@click.option(
    "--max-price-jumps",
    type=click.IntRange(0),
    default=gates.Thresholds.max_price_jumps,
    show_default=True,
    help="Refuse when more than this many prompt/completion prices change by more than --price-jump-factor at once.",
)
@click.option(
    "--price-jump-factor",
    type=click.IntRange(2),
    default=gates.Thresholds.price_jump_factor,
    show_default=True,
    help="A prompt/completion price changing by more than this factor is a jump; refused on a top-10 ranked model.",
)
@click.option(
    "--max-scale-shift",
    type=click.FloatRange(1, min_open=True),
    default=gates.Thresholds.max_scale_shift,
    show_default=True,
    help="Refuse when a ranking's median token ratio to the previous snapshot (top 10) is beyond this either way.",
)
@click.option(
    "--max-contract-shrink",
    type=click.FloatRange(0, 1),
    default=gates.Thresholds.max_contract_shrink,
    show_default=True,
    help="Refuse when more than this share of the previous categories (or orderings) vanishes from the contract.",
)
@click.option(
    "--max-growth",
    type=click.FloatRange(0),
    default=gates.Thresholds.max_growth,
    show_default=True,
    help="Refuse when the catalog, categories or orderings grow by more than this share of their size at once.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.01),
    default=30.0,
    show_default=True,
    help="Seconds for each whole HTTP response (connect to last byte) before retrying.",
)
@click.option(
    "--max-duration",
    type=click.FloatRange(0.01),
    default=900.0,
    show_default=True,
    help="Seconds for all the requests of the run together; then exit 1 naming an endpoint still waited for.",
)
@click.option(
    "--max-retry-wait",
    type=click.FloatRange(0),
    default=120.0,
    show_default=True,
    help="Longest wait in seconds before a retry; a longer Retry-After fails the run at once.",
)
@click.option(
    "--lock-wait",
    type=click.FloatRange(0),
    default=60.0,
    show_default=True,
    help="Seconds to wait for another update holding the snapshot directory's lock; then exit 1 naming its PID.",
)
@click.option("--source-note", default=None, help="Describe the source in manifest.json (default: derived).")
@click.option(
    "--concurrency", type=click.IntRange(1, 32), default=8, show_default=True, help="Requests in flight at once."
)
@replay_option
@click.option(
    "--record",
    "record_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write every response of this run into this directory in the replay format (as `orsnap record`), "
    "even when a gate refuses.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary on stderr.")
@debug_option
def update_command(
    api_base: str,
    contract_url: str,
    snapshots: Path,
    top_n: int,
    since: datetime,
    force: bool,
    max_vanish: float,
    max_shrink: float,
    max_price_jumps: int,
    price_jump_factor: int,
    max_scale_shift: float,
    max_contract_shrink: float,
    max_growth: float,
    timeout: float,
    max_duration: float,
    max_retry_wait: float,
    lock_wait: float,
    source_note: str | None,
    concurrency: int,
    replay_dir: Path | None,
    record_dir: Path | None,
    quiet: bool,
) -> None:
    """Fetch OpenRouter's categories, rankings and catalog and write snapshots/v1 (atomically).

    The API key is read only from the environment variable OPENROUTER_API_KEY. Without it, the keyless
    sources are used and the manifest says which figures are missing.
    """
    from generator.update import Options, update

    thresholds = gates.Thresholds(
        max_vanish=max_vanish,
        max_shrink=max_shrink,
        max_price_jumps=max_price_jumps,
        price_jump_factor=price_jump_factor,
        max_scale_shift=max_scale_shift,
        max_contract_shrink=max_contract_shrink,
        max_growth=max_growth,
    )
    with source(api_base, contract_url, replay_dir) as (base, contract):
        opts = Options(
            snapshots=snapshots,
            api_base=base,
            contract_url=contract,
            api_key=_api_key(),
            top_n=top_n,
            since=since.date().isoformat(),
            force=force,
            thresholds=thresholds,
            source_note=source_note,
            concurrency=concurrency,
            progress=_progress(quiet),
            client_kwargs={"timeout": timeout, "max_wait": max_retry_wait},
            lock_wait=lock_wait,
            max_duration=max_duration,
        )
        result = update(opts) if record_dir is None else _update_recording(opts, record_dir, quiet)
        if not quiet:
            _summary(result, opts)


@cli.command("record")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@api_options
@snapshots_option
@replay_option
@click.option(
    "--concurrency", type=click.IntRange(1, 32), default=8, show_default=True, help="Requests in flight at once."
)
@debug_option
def record_command(
    directory: Path, api_base: str, contract_url: str, snapshots: Path, replay_dir: Path | None, concurrency: int
) -> None:
    """Run the update's call plan (keyed when OPENROUTER_API_KEY is set) and write every response into DIRECTORY
    in the replay format (routes.json and one file per response; the key is never written). DIRECTORY must not
    exist, be empty, or hold a previous recording (replaced whole). The snapshot is not written."""
    from generator import record
    from generator.update import Options

    with source(api_base, contract_url, replay_dir) as (base, contract):
        opts = Options(
            snapshots=snapshots, api_base=base, contract_url=contract, api_key=_api_key(), concurrency=concurrency
        )
        result = record.record(opts, directory)
    say(f"recorded: {directory} ({len(result.calls)} responses, {'with' if opts.api_key else 'without'} API key)")


def _update_recording(opts: Options, directory: Path, quiet: bool) -> Result:
    """``update --record``: the run's responses are written whether it publishes or a gate refuses it."""
    from generator import record
    from generator.update import update

    try:
        record.check_directory(directory)
    except record.RecordError as exc:  # a wrong --record directory is a usage error here (exit 2), checked first
        raise Failure(str(exc), EXIT_USAGE) from None
    opts.transport = transport = record.recording_transport(opts)
    failed = True
    try:
        result = update(opts)
        failed = False
    finally:
        try:
            count = record.write(directory, transport, opts.contract_url)
            if not quiet:
                say(f"recorded: {directory} ({count} responses)")
        except (record.RecordError, OSError) as exc:
            if not failed:
                raise Failure(f"could not write the recording: {exc}", EXIT_SOURCE) from None
            say(f"note: no recording written: {exc}")
    return result


def _api_key() -> str | None:
    """OPENROUTER_API_KEY, refused (without showing it) when it cannot be a header value."""
    key = os.environ.get("OPENROUTER_API_KEY") or None
    if key is not None and not (key.isascii() and key.isprintable() and " " not in key):
        raise Failure("OPENROUTER_API_KEY contains whitespace, control or non-ASCII characters (not shown)", EXIT_USAGE)
    return key


def _progress(quiet: bool) -> Callable[[int, int, str], None]:
    show_progress = not quiet and sys.stderr.isatty()

    def progress(done: int, total: int, endpoint: str) -> None:
        if show_progress:
            click.echo(f"\r[{done}/{total}] {endpoint[:70]:<70}", err=True, nl=done == total)

    return progress


def _summary(result: Result, opts: Options) -> None:
    snapshots = opts.snapshots
    for note in result.notes:
        say(f"note: {note}")
    counts = result.counts
    say(f"{'changed' if result.changed else 'unchanged'}: {snapshots / 'v1'}")
    say(
        f"  categories {counts['categories']}, orderings {counts['dimensions']}, models {counts['models']}, "
        f"ranking files {counts['rankings']}, HTTP calls {len(result.calls)} "
        f"({'with' if opts.api_key else 'without'} API key)"
    )
    say(
        f"  unmapped ranking rows {result.unmapped}; unknown upstream fields "
        + (", ".join(f"{one_line(u.path, 80)}×{u.count}" for u in result.unknown_fields[:8]) or "none")
    )
    if result.forced:
        say(f"  FORCED past gates: {', '.join(result.forced)}")
    if result.changed:
        shown = result.changed_files[:10]
        more = len(result.changed_files) - len(shown)
        tail = f" and {more} more" if more else ""
        say(f"  changed files ({len(result.changed_files)}): {', '.join(shown)}{tail}")


@cli.command("validate")
@snapshots_option
@debug_option
def validate_command(snapshots: Path) -> None:
    """Validate snapshots/v1 against the JSON Schemas and its manifest; list each error with file and pointer."""
    from generator import store

    root = snapshots / "v1"
    files = store.read_files(root)
    if not files:
        raise Failure(f"no snapshot at {root}", EXIT_INVALID)
    # jsonschema-rs decides (what the update checks before it swaps; ~10× faster), jsonschema words the problems
    problems = store.validate_files(files, fast=True) and store.validate_files(files)
    for problem in problems:
        click.echo(one_line(problem))
    if problems:
        raise Failure(f"{len(problems)} problem(s) in {root}", EXIT_INVALID)
    say(f"valid: {root} ({len(files)} files)")


@cli.command("schema")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schema"),
    show_default=True,
    help="Where the schema files live (the TypeScript types go to DIR/types/).",
)
@click.option("--check", is_flag=True, help="Fail (exit 4) when the schemas or the TypeScript types are stale.")
def schema_command(directory: Path, check: bool) -> None:
    """Generate the JSON Schemas (Draft 2020-12) from the published models and the TypeScript types from them, or
    check both are current."""
    from generator import schema, tstypes

    types_dir = directory / tstypes.TYPES_SUBDIR
    if check:
        stale = schema.stale(directory)
        if stale:
            raise Failure(f"stale schemas in {directory}: {', '.join(stale)} (run `orsnap schema`)", EXIT_INVALID)
        stale = tstypes.stale(directory)
        if stale:
            raise Failure(
                f"stale TypeScript types in {types_dir}: {', '.join(stale)} (run `orsnap schema`)", EXIT_INVALID
            )
        say(f"schemas and TypeScript types current: {directory}")
        return
    tstypes.find_json2ts(directory)  # before writing anything: a missing tool is one line, nothing half-done
    changed = schema.write(directory)
    say(f"wrote {len(changed)} schema file(s) to {directory}" if changed else f"schemas unchanged: {directory}")
    changed = tstypes.write(directory)
    say(f"wrote {len(changed)} type file(s) to {types_dir}" if changed else f"types unchanged: {types_dir}")


class _ReplayCommand(click.Command):
    """``orsnap replay --help`` lists the fault kinds; the list is read from generator/replay.py only then."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from generator.replay import describe_kinds

        self.epilog = "\b\nFault kinds (a request may also carry the header X-Replay-Fault: KIND[:ARG]):\n"
        self.epilog += describe_kinds()
        super().format_epilog(ctx, formatter)


@cli.command("replay", cls=_ReplayCommand)
@click.argument("fixtures", type=click.Path(exists=True, file_okay=False, path_type=Path))
@port_option(8765)
@click.option(
    "--latency-ms",
    type=click.IntRange(0, 60000),
    default=0,
    show_default=True,
    help="Delay every answer by this many milliseconds.",
)
@click.option(
    "--fault",
    "faults",
    multiple=True,
    metavar="KIND[:ARG][*N][@PATH[?QUERY]]",
    help="Inject a fault (repeatable), e.g. status:503*3@/api/v1/benchmarks. Kinds are listed below.",
)
def replay_command(fixtures: Path, port: int, latency_ms: int, faults: tuple[str, ...]) -> None:
    """Serve recorded OpenRouter responses on 127.0.0.1 (offline updates and tests)."""
    from generator.replay import ReplayServer, parse_fault

    try:
        parsed = [parse_fault(spec) for spec in faults]
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--fault") from None
    server = ReplayServer(fixtures, port, latency=latency_ms / 1000)
    for fault in parsed:
        server.inject(fault.target, fault)
    say(
        f"replaying {fixtures} on {server.url} (api base {server.url}/api/v1, contract {server.url}/openapi.json)"
        + (f" with {len(parsed)} fault(s)" if parsed else "")
    )
    serve_until_interrupted(server)


@cli.command("build")
@snapshots_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("_site"),
    show_default=True,
    help="Where to write the site; replaced on every build (only if it is empty or a previous build).",
)
@click.option(
    "--base-path",
    default="/",
    show_default=True,
    help="URL path the site is served under, e.g. /orsnap/ (only the 404 page needs it).",
)
@click.option(
    "--base-url",
    default=None,
    envvar="ORSNAP_BASE_URL",
    help="https URL the site is published at, e.g. https://example.org/orsnap/ (env ORSNAP_BASE_URL): every JSON "
    "file then names its schema there in `$schema`, and each schema's `$id` is its URL.",
)
@click.option(
    "--validation",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="An `orsnap verify --output` report to publish (api/v1/validation.json, a home page line); "
    "missing or unreadable: the site says not checked.",
)
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
@debug_option
def build_command(
    snapshots: Path, out: Path, base_path: str, base_url: str | None, validation: Path | None, quiet: bool
) -> None:
    """Render the static site and the JSON API from snapshots/v1 into --out (offline)."""
    from generator import site

    try:
        result = site.build(snapshots / "v1", out, base_path=base_path, base_url=base_url, validation=validation)
    except OSError as exc:  # here, the site's output directory (not the snapshot)
        raise site.OutputError(exc.strerror or exc) from None
    if not quiet:
        for note in result.notes:
            say(f"note: {note}")
        say(f"built: {out} ({result.pages} pages, {result.files} files, {result.bytes / 1e6:.1f} MB)")


@cli.command("serve")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("_site"),
    show_default=True,
    help="The built site to serve.",
)
@port_option(8000)
def serve_command(out: Path, port: int) -> None:
    """Preview the built site on 127.0.0.1 (never on another address)."""
    from generator.site_serve import SiteServer

    if not (out / "index.html").is_file():
        raise Failure(f"no site in {out} (run `orsnap build` first)", EXIT_USAGE)
    try:
        server = SiteServer(out, port)
    except OSError as exc:
        raise Failure(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}", EXIT_USAGE) from None
    say(f"serving {out} on {server.url} (Ctrl-C to stop)")
    serve_until_interrupted(server)


@cli.command("changelog")
@snapshots_option
@click.option(
    "--from",
    "from_rev",
    default=None,
    metavar="REV",
    help="Compare from this revision (default: the commit before the last change of snapshots/v1).",
)
@click.option("--to", "to_rev", default=None, metavar="REV", help="Compare up to this revision (default: HEAD).")
@click.option("--worktree", is_flag=True, help="Compare up to the snapshot in the work tree (uncommitted).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="markdown: a PR body; json: everything.",
)
@debug_option
def changelog_command(snapshots: Path, from_rev: str | None, to_rev: str | None, worktree: bool, fmt: str) -> None:
    """Report what changed between two snapshots in git (added, removed and flapping models, real price changes,
    rank moves, categories, selection, and what to act on) on stdout."""
    from generator import changes, history, store

    if worktree and to_rev:
        raise Failure("--to and --worktree exclude each other", EXIT_USAGE)
    win = history.window(
        snapshots,
        start=from_rev,
        end=to_rev,
        worktree=worktree,
        current=store.read_files(snapshots / "v1") if worktree else None,
    )
    if not win.snapshots:
        raise Failure(f"no snapshot to compare at {to_rev or 'HEAD'}", EXIT_USAGE)
    old = changes.Side.of(win.start) if win.start else changes.NOTHING
    sides = [changes.Side.of(s) for s in win.snapshots]
    data = changes.report(old, sides[-1], [old, *sides] if win.start else sides)
    if win.shallow:
        say("note: shallow clone; flaps are judged only from the commits fetched")
    click.echo(changes.to_json(data) if fmt == "json" else changes.to_markdown(data), nl=False)


@cli.command("verify")
@api_options
@snapshots_option
@replay_option
@click.option(
    "--min-overlap",
    type=click.FloatRange(0, 1),
    default=0.6,
    show_default=True,
    help="Fail when a ranking's top-10 overlap with the source is below this share.",
)
@click.option(
    "--min-tau",
    type=click.FloatRange(-1, 1),
    default=0.5,
    show_default=True,
    help="Fail when a ranking's Kendall tau against the source is below this.",
)
@click.option(
    "--max-model-drift",
    type=click.FloatRange(0, 1),
    default=0.1,
    show_default=True,
    help="Fail when more than this share of catalog models is missing or extra.",
)
@click.option(
    "--min-price-agreement",
    type=click.FloatRange(0, 1),
    default=0.9,
    show_default=True,
    help="Fail when fewer than this share of models have the source's prompt and completion prices.",
)
@click.option(
    "--min-context-agreement",
    type=click.FloatRange(0, 1),
    default=0.9,
    show_default=True,
    help="Fail when fewer than this share of models have the source's context length.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table; json: everything.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the JSON report to this file (what `orsnap build --validation` publishes), pass or fail.",
)
@debug_option
def verify_command(
    api_base: str,
    contract_url: str,
    snapshots: Path,
    replay_dir: Path | None,
    min_overlap: float,
    min_tau: float,
    max_model_drift: float,
    min_price_agreement: float,
    min_context_agreement: float,
    fmt: str,
    output: Path | None,
) -> None:
    """Compare the committed snapshot with the live source (or a replay): per ranking, top-10 overlap and
    Kendall tau; catalog models missing or extra; per model, prompt/completion prices and context length.
    Exit 5 when below a threshold. The snapshot is never written."""
    from generator import changes, verify
    from generator.update import Options

    if not (snapshots / "v1" / "manifest.json").is_file():
        raise Failure(f"no snapshot at {snapshots / 'v1'}", EXIT_USAGE)
    thresholds = verify.Thresholds(
        min_overlap=min_overlap,
        min_tau=min_tau,
        max_model_drift=max_model_drift,
        min_price_agreement=min_price_agreement,
        min_context_agreement=min_context_agreement,
    )

    with source(api_base, contract_url, replay_dir) as (base, contract):
        opts = Options(snapshots=snapshots, api_base=base, contract_url=contract, api_key=_api_key())
        report = verify.verify(opts, thresholds=thresholds)
    if output is not None:
        try:
            _write_file(output, changes.to_json(report).encode())
        except OSError as exc:
            raise Failure(f"cannot write {output}: {exc.strerror or exc}", EXIT_SOURCE) from None
    click.echo(changes.to_json(report) if fmt == "json" else verify.to_text(report), nl=False)
    if not report["ok"]:
        raise Failure(f"the snapshot disagrees with the source: {report['failures'][0]}", EXIT_DISAGREES)


def _write_file(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a temporary file beside it, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def main() -> None:
    cli(prog_name="orsnap")
