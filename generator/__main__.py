"""``python -m generator``: the ``orsnap`` command (what bench/bench_startup.py runs)."""

from generator.cli import main

main()
