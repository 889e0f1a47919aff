"""The commands that talk to the source: ``orsnap update``, ``orsnap record`` and ``orsnap verify``.

Each is a thin layer over the library (:mod:`generator.update`, :mod:`generator.record`, :mod:`generator.verify`),
imported when the command runs; the options they share come from :mod:`generator.cli_options`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.cli_options import (
    Failure,
    api_key,
    concurrency_option,
    debug_option,
    option_rows,
    quiet_option,
    replay_option,
    say,
    source,
    source_options,
    write_file,
)
from generator.errors import EXIT_DISAGREES, EXIT_SOURCE, EXIT_USAGE
from generator.gate_limits import Thresholds
from generator.text import one_line

if TYPE_CHECKING:
    from generator.update import Options, Result

SHARE, RATIO = click.FloatRange(0, 1), click.FloatRange(-1, 1)
GATE_LIMITS = (
    ("max_vanish", SHARE, Thresholds.max_vanish,
     "Refuse when more than this share of the previous catalog vanishes at once."),
    ("max_shrink", SHARE, Thresholds.max_shrink, "Refuse when the catalog shrinks by more than this share at once."),
    ("max_price_jumps", click.IntRange(0), Thresholds.max_price_jumps,
     "Refuse when more than this many prompt/completion prices change by more than --price-jump-factor at once."),
    ("price_jump_factor", click.IntRange(2), Thresholds.price_jump_factor,
     "A prompt/completion price changing by more than this factor is a jump; refused on a top-10 ranked model."),
    ("max_scale_shift", click.FloatRange(1, min_open=True), Thresholds.max_scale_shift,
     "Refuse when a ranking's median token ratio to the previous snapshot (top 10) is beyond this either way."),
    ("max_contract_shrink", SHARE, Thresholds.max_contract_shrink,
     "Refuse when more than this share of the previous categories (or orderings) vanishes from the contract."),
    ("max_growth", click.FloatRange(0), Thresholds.max_growth,
     "Refuse when the catalog, categories or orderings grow by more than this share of their size at once."),
)  # fmt: skip
WAITS = (
    ("timeout", click.FloatRange(0.01), 30.0,
     "Seconds for each whole HTTP response (connect to last byte) before retrying."),
    ("max_duration", click.FloatRange(0.01), 900.0,
     "Seconds for all the requests of the run together; then exit 1 naming an endpoint still waited for."),
    ("max_retry_wait", click.FloatRange(0), 120.0,
     "Longest wait in seconds before a retry; a longer Retry-After fails the run at once."),
    ("lock_wait", click.FloatRange(0), 60.0,
     "Seconds to wait for another update holding the snapshot directory's lock; then exit 1 naming its PID."),
)  # fmt: skip
VERIFY_LIMITS = (  # the defaults of generator.verify.Thresholds (not imported here: it loads the update)
    ("min_overlap", SHARE, 0.6, "Fail when a ranking's top-10 overlap with the source is below this share."),
    ("min_tau", RATIO, 0.5, "Fail when a ranking's Kendall tau against the source is below this."),
    ("max_model_drift", SHARE, 0.1, "Fail when more than this share of catalog models is missing or extra."),
    ("min_price_agreement", SHARE, 0.9,
     "Fail when fewer than this share of models have the source's prompt and completion prices."),
    ("min_context_agreement", SHARE, 0.9,
     "Fail when fewer than this share of models have the source's context length."),
)  # fmt: skip


@click.command("update")
@source_options
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
@option_rows(*GATE_LIMITS, *WAITS)
@click.option("--source-note", default=None, help="Describe the source in manifest.json (default: derived).")
@concurrency_option
@replay_option
@click.option(
    "--record",
    "record_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write every response of this run into this directory in the replay format (as `orsnap record`), "
    "even when a gate refuses.",
)
@quiet_option("No progress or summary on stderr.")
@debug_option
def update_command(
    api_base: str,
    contract_url: str,
    replay_dir: Path | None,
    record_dir: Path | None,
    since: datetime,
    timeout: float,
    max_retry_wait: float,
    quiet: bool,
    **settings: Any,
) -> None:
    """Fetch OpenRouter's categories, rankings and catalog and write snapshots/v1 (atomically).

    The API key is read only from the environment variable OPENROUTER_API_KEY. Without it, the keyless
    sources are used and the manifest says which figures are missing.
    """
    from generator.update import Options, update

    thresholds = Thresholds(**{name: settings.pop(name) for name, *_ in GATE_LIMITS})
    with source(api_base, contract_url, replay_dir) as (base, contract):
        opts = Options(
            api_base=base,
            contract_url=contract,
            api_key=api_key(),
            since=since.date().isoformat(),
            thresholds=thresholds,
            progress=_progress(quiet),
            client_kwargs={"timeout": timeout, "max_wait": max_retry_wait},
            **settings,  # snapshots, top_n, force, source_note, concurrency, lock_wait, max_duration
        )
        result = update(opts) if record_dir is None else _update_recording(opts, record_dir, quiet)
        if not quiet:
            _summary(result, opts)


@click.command("record")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@source_options
@replay_option
@concurrency_option
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
            snapshots=snapshots, api_base=base, contract_url=contract, api_key=api_key(), concurrency=concurrency
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


def _progress(quiet: bool) -> Callable[[int, int, str], None]:
    show_progress = not quiet and sys.stderr.isatty()

    def progress(done: int, total: int, endpoint: str) -> None:
        if show_progress:
            click.echo(f"\r[{done}/{total}] {endpoint[:70]:<70}", err=True, nl=done == total)

    return progress


def _summary(result: Result, opts: Options) -> None:
    for note in result.notes:
        say(f"note: {note}")
    counts = result.counts
    say(f"{'changed' if result.changed else 'unchanged'}: {opts.snapshots / 'v1'}")
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


@click.command("verify")
@source_options
@replay_option
@option_rows(*VERIFY_LIMITS)
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
    fmt: str,
    output: Path | None,
    **limits: float,
) -> None:
    """Compare the committed snapshot with the live source (or a replay): per ranking, top-10 overlap and
    Kendall tau; catalog models missing or extra; per model, prompt/completion prices and context length.
    Exit 5 when below a threshold. The snapshot is never written."""
    from generator import changes, verify
    from generator.update import Options

    if not (snapshots / "v1" / "manifest.json").is_file():
        raise Failure(f"no snapshot at {snapshots / 'v1'}", EXIT_USAGE)
    with source(api_base, contract_url, replay_dir) as (base, contract):
        opts = Options(snapshots=snapshots, api_base=base, contract_url=contract, api_key=api_key())
        report = verify.verify(opts, thresholds=verify.Thresholds(**limits))
    if output is not None:
        try:
            write_file(output, changes.to_json(report).encode())
        except OSError as exc:
            raise Failure(f"cannot write {output}: {exc.strerror or exc}", EXIT_SOURCE) from None
    click.echo(changes.to_json(report) if fmt == "json" else verify.to_text(report), nl=False)
    if not report["ok"]:
        raise Failure(f"the snapshot disagrees with the source: {report['failures'][0]}", EXIT_DISAGREES)


COMMANDS = (update_command, record_command, verify_command)
