"""orsnap: mirror OpenRouter's model rankings into versioned, schema-valid JSON snapshots.

The click group and the offline commands (``validate``, ``schema``, ``replay``, ``build``, ``serve``,
``changelog``); the commands that talk to the source are in :mod:`generator.cli_fetch`, the options and the failure
mapping they all share in :mod:`generator.cli_options`. Each command imports what it uses inside its body (httpx,
jinja2, jsonschema, pydantic, the site and history code), so ``orsnap --help`` loads none of them
(bench/bench_startup.py).
"""

from __future__ import annotations

from pathlib import Path

import click

from generator import __version__, cli_fetch
from generator.cli_options import (
    Failure,
    Group,
    debug_option,
    out_option,
    port_option,
    quiet_option,
    say,
    serve_until_interrupted,
    snapshots_option,
)
from generator.errors import EXIT_INVALID, EXIT_USAGE
from generator.text import one_line

__all__ = ["cli", "main"]


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="orsnap")
def cli() -> None:
    """orsnap: mirror OpenRouter's model rankings into versioned, schema-valid JSON snapshots."""


for _command in cli_fetch.COMMANDS:
    cli.add_command(_command)


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
    """``orsnap replay --help`` lists the fault kinds; the list is read from generator/replay_faults.py only then."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from generator.replay_faults import describe_kinds

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
    from generator.replay import ReplayServer
    from generator.replay_faults import parse_fault

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
@out_option("Where to write the site; replaced on every build (only if it is empty or a previous build).")
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
@quiet_option("No summary on stderr.")
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
@out_option("The built site to serve.")
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


def main() -> None:
    cli(prog_name="orsnap")
