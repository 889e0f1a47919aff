"""Jinja's compiled templates kept between runs, so a build does not compile its templates again.

Compiling the site's templates is about a fifth of a second of every ``orsnap build``; jinja can keep the compiled
code (:class:`jinja2.FileSystemBytecodeCache`, in the user's temporary directory, written atomically). A cached
template is used only when its source is unchanged (jinja compares a checksum of it), and the file names carry
the name of the environment and a digest of the module that configures it, so two environments with different
options, or an edited configuration, never share compiled code. Nothing it writes is output: the pages are the
same bytes with or without it, and when the directory cannot be used templates are simply compiled.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import jinja2


class _Cache(jinja2.FileSystemBytecodeCache):
    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # a full or read-only disk: the template is used, only not kept
            super().dump_bytecode(bucket)


def bytecode_cache(name: str, configured_in: str) -> jinja2.BytecodeCache | None:
    """The cache for the environment ``name`` configured in the module file ``configured_in`` (its ``__file__``)."""
    digest = hashlib.sha256(Path(configured_in).read_bytes()).hexdigest()[:16]
    try:
        return _Cache(pattern=f"orsnap-{name}-{digest}-%s.cache")
    except (OSError, RuntimeError):  # no usable temporary directory: compile every time
        return None
