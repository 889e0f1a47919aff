"""The one base of every failure that reaches the CLI: its exit code and how its one line starts.

Each module keeps its own exception class (``normalize.InvalidData``, ``sources.SourceError``, ``update.Refused``,
``history.GitError``, ``site.SiteError`` …) so imports keep working; each derives from :class:`OrsnapError` and says
which documented exit code it is and which words introduce it. ``cli_options.as_failure`` is the one place that
turns one into the line on stderr and the exit code.
"""

from __future__ import annotations

from typing import ClassVar

EXIT_SOURCE, EXIT_USAGE, EXIT_REFUSED, EXIT_INVALID = 1, 2, 3, 4
EXIT_DISAGREES = 5  # orsnap verify: the committed snapshot disagrees with the source beyond a threshold


class OrsnapError(Exception):
    """A failure a user can act on. ``exit_code`` is the documented exit code, ``prefix`` opens its one line."""

    exit_code: ClassVar[int] = EXIT_SOURCE
    prefix: ClassVar[str] = ""

    def message(self) -> str:
        """The one line the CLI shows (before escaping): the prefix, then the exception's own text."""
        return f"{self.prefix}{self}"
