"""Change report: what changed between two snapshots, for reviewers (markdown PR body) and machines (JSON).

Pure functions over snapshot files (relative path → bytes, as :mod:`generator.history` and
:func:`generator.store.read_files` give them). :func:`report` returns plain data, typed by
:class:`generator.report.ReportData` (JSON-ready, sorted, so the same snapshots always give the same report);
:mod:`generator.report` renders it (markdown for the PR body, HTML for the feed) with jinja2 templates. Every
upstream string that reaches the markdown is escaped and capped: a model name cannot add a link, an image, a
mention or a heading to a PR body.

What counts as a change:

- **models** added or removed between the two ends. Across a window of several snapshots, a model that vanished
  and came back (or appeared and vanished again) is a *flap*, listed apart, not as noise in added/removed.
- **prices**: every key compared as a Decimal, a missing key equal to "0", so a dropped zero-valued key is no
  change while every real change is listed with old → new and the percentage.
- **rankings** (each category and the overall leaderboard): models entering or leaving the top 10, rank moves of
  ``min_move`` or more, a new leader.
- **categories and orderings** added or removed upstream; **unknown upstream fields** that appeared or went.
- **selection.json**: which picks changed in which category and tier, with the reasons the new snapshot gives.
- **what to act on**: selection changes, models in use that expire soon, gates that came close to refusing,
  ranking rows that map to no catalog model (:mod:`generator.act_on`, with the selection changes).

Both ends are :class:`generator.sides.Side` objects, their files read defensively (:mod:`generator.sides`).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from generator import act_on, sides

# Where a caller finds them: the two ends (generator.sides) and the renderings (generator.report, jinja2 templates).
from generator.report import MARKDOWN_BUDGET as MARKDOWN_BUDGET
from generator.report import MARKDOWN_ITEMS as MARKDOWN_ITEMS
from generator.report import PR_BODY_LIMIT as PR_BODY_LIMIT
from generator.report import ReportData
from generator.report import md_code as md_code
from generator.report import md_text as md_text
from generator.report import summary_line as summary_line
from generator.report import to_markdown as to_markdown
from generator.sides import CATEGORY_PREFIX as CATEGORY_PREFIX
from generator.sides import NOTHING as NOTHING
from generator.sides import OVERALL as OVERALL
from generator.sides import TOP as TOP
from generator.sides import Side as Side

MIN_MOVE = 3
PCT = Decimal("0.01")


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _canonical(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


# --- the pieces of a report ------------------------------------------------------------------------------


def price_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per pricing key, the real changes: Decimals compared, a missing key equal to "0".

    A negative price is upstream's marker for "variable" (set per request, e.g. routers), not an amount: a change
    to or from it has ``variable`` ``"to"`` or ``"from"`` and no percentage (``pct`` null)."""
    changes = []
    for key in sorted(set(old) | set(new)):
        before, after = _decimal(old.get(key, "0")), _decimal(new.get(key, "0"))
        if before is None or after is None:
            if old.get(key) != new.get(key):  # not a number: report the text change as it is
                changes.append({"key": key, "old": old.get(key), "new": new.get(key), "pct": None, "variable": None})
            continue
        if before == after or (before < 0 and after < 0):
            continue
        variable = "from" if before < 0 else "to" if after < 0 else None
        pct = None if before <= 0 or variable else _canonical(((after - before) / before * 100).quantize(PCT))
        changes.append(
            {"key": key, "old": _canonical(before), "new": _canonical(after), "pct": pct, "variable": variable}
        )
    return changes


def _presence(window: Sequence[Side]) -> dict[str, list[bool]]:
    ids = [frozenset(sides.names(s)) for s in window]
    every = set().union(*ids) if ids else set()
    return {i: [i in s for s in ids] for i in sorted(every)}


def _transitions(seen: list[bool]) -> int:
    return sum(1 for a, b in itertools.pairwise(seen) if a != b)


def model_changes(old: Side, new: Side, window: Sequence[Side] = ()) -> dict[str, Any]:
    """Added, removed and flapping models. ``window``: every snapshot from ``old`` to ``new``, both included."""
    seen_in = list(window) if len(window) >= 2 else [old, new]
    presence = _presence(seen_in)
    names = {i: name for s in seen_in for i, name in sides.names(s).items()}

    def item(model_id: str) -> dict[str, Any]:
        seen = presence.get(model_id, [])
        out: dict[str, Any] = {"id": model_id, "name": names.get(model_id)}
        if _transitions(seen) > 1:
            out["flapped"] = _transitions(seen)
        return out

    before, after = frozenset(sides.names(old)), frozenset(sides.names(new))
    flaps = []
    for model_id, seen in presence.items():
        if seen[0] == seen[-1] and _transitions(seen) >= 2:
            away = [s.as_of for s, here in zip(seen_in, seen, strict=True) if here != seen[0]]
            flaps.append(
                {
                    "id": model_id,
                    "name": names.get(model_id),
                    "kind": "vanished and came back" if seen[0] else "appeared and vanished",
                    "transitions": _transitions(seen),
                    "snapshots": len(away),
                    "first": away[0],
                    "last": away[-1],
                }
            )
    return {
        "added": [item(i) for i in sorted(after - before)],
        "removed": [item(i) for i in sorted(before - after)],
        "flaps": flaps,
    }


def prices(old: Side, new: Side) -> list[dict[str, Any]]:
    before, after = sides.models(old.files), sides.models(new.files)
    out = []
    for model_id in sorted(set(before) & set(after)):
        a, b = before[model_id].get("pricing"), after[model_id].get("pricing")
        changes = price_changes(a if isinstance(a, dict) else {}, b if isinstance(b, dict) else {})
        if changes:
            out.append({"id": model_id, "name": after[model_id].get("name"), "changes": changes})
    return out


def ranking_changes(old: Side, new: Side, *, top: int = TOP, min_move: int = MIN_MOVE) -> list[dict[str, Any]]:
    before, after = sides.rankings(old.files), sides.rankings(new.files)
    out = []
    for path in sorted(set(before) & set(after)):
        a, b = sides.ranks(before[path]), sides.ranks(after[path])
        names = {i: n for i, _, n in a + b}
        # the top 10 as OpenRouter ranks them: upstream rank ≤ 10 (rows we could not map keep their places)
        top_a, top_b = [i for i, r, _ in a if r <= top], [i for i, r, _ in b if r <= top]
        rank_a, rank_b = {i: r for i, r, _ in a}, {i: r for i, r, _ in b}
        moves = sorted(
            (
                {
                    "id": i,
                    "name": names[i],
                    "old_rank": rank_a[i],
                    "new_rank": rank_b[i],
                    "delta": rank_a[i] - rank_b[i],
                }
                for i in rank_b
                if i in rank_a and abs(rank_a[i] - rank_b[i]) >= min_move
            ),
            key=lambda m: (-abs(m["delta"]), m["new_rank"], m["id"]),
        )
        leader = None
        if top_a and top_b and top_a[0] != top_b[0]:
            leader = {"old": top_a[0], "new": top_b[0], "name": names[top_b[0]]}
        entered = [{"id": i, "name": names[i], "rank": rank_b[i]} for i in top_b if i not in top_a]
        left = [{"id": i, "name": names[i], "rank": rank_b.get(i)} for i in top_a if i not in top_b]
        if leader or entered or left or moves:
            doc = after[path]
            out.append(
                {
                    "file": path,
                    "kind": doc.get("kind"),
                    "slug": doc.get("slug"),
                    "label": doc.get("label"),
                    "new_leader": leader,
                    "entered_top": entered,
                    "left_top": left,
                    "moves": moves,
                }
            )
    return out


def _added_removed(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, list[dict[str, str]]]:
    return {
        "added": [{"slug": s, "label": after[s]} for s in sorted(set(after) - set(before))],
        "removed": [{"slug": s, "label": before[s]} for s in sorted(set(before) - set(after))],
    }


def unknown_fields(old: Side, new: Side) -> dict[str, list[dict[str, Any]]]:
    def fields(files: Mapping[str, bytes]) -> dict[str, int]:
        listed = sides.manifest(files).get("unknown_fields")
        return {
            f["path"]: int(f.get("count") or 0)
            for f in (listed if isinstance(listed, list) else [])
            if isinstance(f, dict) and isinstance(f.get("path"), str)
        }

    a, b = fields(old.files), fields(new.files)
    return {
        "appeared": [{"path": p, "count": b[p]} for p in sorted(set(b) - set(a))],
        "gone": [{"path": p, "count": a[p]} for p in sorted(set(a) - set(b))],
    }


# --- the report -------------------------------------------------------------------------------------------


def _side_info(side: Side) -> dict[str, Any]:
    return {"ref": side.ref, "commit": side.commit, "as_of": side.as_of, "time": side.time}


def report(
    old: Side, new: Side, window: Sequence[Side] = (), *, top: int = TOP, min_move: int = MIN_MOVE
) -> ReportData:
    """Everything that changed from ``old`` to ``new`` (``window``: the snapshots between, both ends included)."""
    models = model_changes(old, new, window)
    price = prices(old, new)
    rankings = ranking_changes(old, new, top=top, min_move=min_move)
    categories = _added_removed(sides.categories(old.files), sides.categories(new.files))
    orderings = _added_removed(sides.orderings(old.files), sides.orderings(new.files))
    fields = unknown_fields(old, new)
    selection = act_on.selection_changes(old, new)
    checklist = act_on.checklist(old, new, selection)
    files = {
        "added": sorted(set(new.files) - set(old.files)),
        "removed": sorted(set(old.files) - set(new.files)),
        "changed": sorted(p for p in set(old.files) & set(new.files) if old.files[p] != new.files[p]),
    }
    summary = {
        "added": len(models["added"]),
        "removed": len(models["removed"]),
        "flaps": len(models["flaps"]),
        "price_changes": len(price),
        "rankings_changed": len(rankings),
        "new_leaders": sum(1 for r in rankings if r["new_leader"]),
        "categories_added": len(categories["added"]),
        "categories_removed": len(categories["removed"]),
        "orderings_added": len(orderings["added"]),
        "orderings_removed": len(orderings["removed"]),
        "unknown_fields_appeared": len(fields["appeared"]),
        "selection_changes": len(selection["changes"]),
        "files_changed": sum(len(v) for v in files.values()),
    }
    return {
        "from": _side_info(old),
        "to": _side_info(new),
        "window": len(window) if len(window) >= 2 else 2,
        "changed": any(summary.values()),
        "files": files,
        "summary": summary,
        "models": models,
        "prices": price,
        "rankings": rankings,
        "categories": categories,
        "orderings": orderings,
        "unknown_fields": fields,
        "selection": selection,
        "act_on": checklist,
        "settings": {"top": top, "min_move": min_move, "expiry_days": checklist["expiring"]["days"]},
    }


def to_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
