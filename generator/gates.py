"""Gates: refuse to publish anomalies, comparing the new snapshot with the previous one.

Each gate returns a :class:`Refusal` naming itself, the numbers, and the flag that overrides it. Pure
functions over small summaries, so they are cheap to test with real data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """What gates need to know about a snapshot."""

    model_ids: frozenset[str]
    ranking_entries: dict[str, int]  # ranking file path → number of entries
    category_entries: dict[str, int]  # category slug → number of entries


@dataclass(frozen=True)
class Refusal:
    gate: str
    message: str

    def __str__(self) -> str:
        return f"refused by gate {self.gate}: {self.message} (use --force to publish anyway)"


@dataclass(frozen=True)
class Thresholds:
    max_vanish: float = 0.25  # share of the previous catalog that may vanish in one run


def check(previous: Summary | None, new: Summary, thresholds: Thresholds) -> list[Refusal]:
    refusals: list[Refusal] = []
    if new.ranking_entries and not any(new.ranking_entries.values()):
        refusals.append(Refusal("all-rankings-empty", f"all {len(new.ranking_entries)} rankings have no entries"))
    if previous is None:
        return refusals
    for slug, before in sorted(previous.category_entries.items()):
        after = new.category_entries.get(slug)
        if before > 0 and after == 0:
            refusals.append(Refusal("empty-category", f"category {slug!r} had {before} entries and now has none"))
    if previous.model_ids:
        vanished = previous.model_ids - new.model_ids
        share = len(vanished) / len(previous.model_ids)
        if share > thresholds.max_vanish:
            refusals.append(Refusal(
                "mass-vanish",
                f"{len(vanished)} of {len(previous.model_ids)} catalog models vanished ({share:.0%}, threshold "
                f"{thresholds.max_vanish:.0%}; --max-vanish sets it)",
            ))
    return refusals
