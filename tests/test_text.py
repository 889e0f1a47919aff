"""Upstream text printed to a terminal, a CI log or a job summary stays one printable line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.text import _visible, clean, one_line


def test_a_key_shaped_like_a_workflow_command_stays_on_its_line() -> None:
    key = 'x"\n::warning file=a,line=1::owned\r\n```\n![x](https://evil.example/p.png)'
    shown = one_line(key)
    assert "\n" not in shown and "\r" not in shown
    assert shown == 'x"\\n::warning file=a,line=1::owned\\r\\n```\\n![x](https://evil.example/p.png)'


def test_bidi_zero_width_and_other_controls_are_shown_as_escapes() -> None:
    assert one_line("a\u202eb\u200bc\x1b[31md\x00e\u2028f\tg") == "a\\u202eb\\u200bc\\x1b[31md\\x00e\\u2028f\\tg"


def test_printable_text_is_unchanged_and_long_text_is_capped() -> None:
    assert one_line("Qwen: Qwen3 235B — 思考 ✓") == "Qwen: Qwen3 235B — 思考 ✓"
    capped = one_line("é" * 500, limit=80)
    assert len(capped) == 80 and capped.endswith("…")


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_clean_takes_printable_ascii_as_it_is_and_agrees_with_the_character_filter(raw: str) -> None:
    slow = " ".join("".join(_visible(raw)).split())  # the definition, character by character
    assert clean(raw, limit=10_000) == slow
