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
  ranking rows that map to no catalog model.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from generator import gates, store

# The renderings live in generator.report (jinja2 templates); these names stay importable from here.
from generator.report import MARKDOWN_BUDGET as MARKDOWN_BUDGET
from generator.report import MARKDOWN_ITEMS as MARKDOWN_ITEMS
from generator.report import PR_BODY_LIMIT as PR_BODY_LIMIT
from generator.report import ReportData
from generator.report import md_code as md_code
from generator.report import md_text as md_text
from generator.report import summary_line as summary_line
from generator.report import to_markdown as to_markdown

TOP = 10
MIN_MOVE = 3
EXPIRY_DAYS = 30  # a model in use that expires within this many days of the snapshot's as_of is listed
NEAR_MISS = Decimal("0.5")  # a gate whose measure reached this share of its limit "came close"
NEAR_EMPTY_ENTRIES = 3  # a category that fell to this many entries or fewer came close to `empty-category`
CATEGORY_PREFIX = "rankings/category/"
OVERALL = "rankings/overall.json"
PCT = Decimal("0.01")


@dataclass(frozen=True)
class Side:
    """One end of a comparison: a label for people, when its data is from, and its files."""

    ref: str
    as_of: str
    files: Mapping[str, bytes]
    commit: str | None = None
    time: str | None = None
    catalog: Mapping[str, str | None] | None = None  # model id → name, for a side read without its models.json
    # what was derived from these files (the gates' summary), kept with the point it came from so that two
    # consecutive reports sharing a snapshot derive it once
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, point: Any) -> Side:
        """From a :class:`generator.history.Point` (a commit's snapshot, or the work tree's)."""
        commit = point.commit
        return cls(
            point.ref,
            point.as_of,
            point.files,
            commit.sha if commit else None,
            commit.time if commit else None,
            point.catalog,
            point.memo,
        )


NOTHING = Side("(none)", "", {})


# --- reading snapshot files defensively ------------------------------------------------------------------


@functools.lru_cache(maxsize=128)
def _parse(raw: bytes) -> Any:
    """Parsed JSON, once per content (a report reads the same file several times; callers never mutate it)."""
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _load(files: Mapping[str, bytes], path: str) -> Any:
    raw = files.get(path)
    return None if raw is None else _parse(raw)


def _models(files: Mapping[str, bytes]) -> dict[str, dict[str, Any]]:
    doc = _load(files, "models.json")
    models = doc.get("models") if isinstance(doc, dict) else None
    if not isinstance(models, list):
        return {}
    return {m["id"]: m for m in models if isinstance(m, dict) and isinstance(m.get("id"), str)}


def model_ids(files: Mapping[str, bytes]) -> frozenset[str]:
    return frozenset(_models(files))


def _names(side: Side) -> Mapping[str, str | None]:
    """Model id → name of a side's catalog."""
    if side.catalog is not None:
        return side.catalog
    return {i: m.get("name") for i, m in _models(side.files).items()}


def _walk_categories(nodes: Any, out: dict[str, str]) -> None:
    for node in nodes if isinstance(nodes, list) else []:
        if isinstance(node, dict) and isinstance(node.get("slug"), str):
            out[node["slug"]] = str(node.get("label") or node["slug"])
            _walk_categories(node.get("children"), out)


def _categories(files: Mapping[str, bytes]) -> dict[str, str]:
    doc = _load(files, "categories.json")
    out: dict[str, str] = {}
    _walk_categories(doc.get("categories") if isinstance(doc, dict) else None, out)
    return out


def _orderings(files: Mapping[str, bytes]) -> dict[str, str]:
    doc = _load(files, "dimensions.json")
    dims = doc.get("dimensions") if isinstance(doc, dict) else None
    return {
        d["slug"]: str(d.get("label") or d["slug"])
        for d in (dims if isinstance(dims, list) else [])
        if isinstance(d, dict) and isinstance(d.get("slug"), str)
    }


def _rankings(files: Mapping[str, bytes]) -> dict[str, dict[str, Any]]:
    """Ranking files a reviewer follows: every category and the overall leaderboard (path → document)."""
    out = {}
    for path in sorted(files):
        if path == OVERALL or path.startswith(CATEGORY_PREFIX):
            doc = _load(files, path)
            if isinstance(doc, dict) and isinstance(doc.get("entries"), list):
                out[path] = doc
    return out


def _manifest(files: Mapping[str, bytes]) -> dict[str, Any]:
    doc = _load(files, "manifest.json")
    return doc if isinstance(doc, dict) else {}


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
    ids = [frozenset(_names(s)) for s in window]
    every = set().union(*ids) if ids else set()
    return {i: [i in s for s in ids] for i in sorted(every)}


def _transitions(seen: list[bool]) -> int:
    return sum(1 for a, b in itertools.pairwise(seen) if a != b)


def model_changes(old: Side, new: Side, window: Sequence[Side] = ()) -> dict[str, Any]:
    """Added, removed and flapping models. ``window``: every snapshot from ``old`` to ``new``, both included."""
    sides = list(window) if len(window) >= 2 else [old, new]
    presence = _presence(sides)
    names = {i: name for s in sides for i, name in _names(s).items()}

    def item(model_id: str) -> dict[str, Any]:
        seen = presence.get(model_id, [])
        out: dict[str, Any] = {"id": model_id, "name": names.get(model_id)}
        if _transitions(seen) > 1:
            out["flapped"] = _transitions(seen)
        return out

    before, after = frozenset(_names(old)), frozenset(_names(new))
    flaps = []
    for model_id, seen in presence.items():
        if seen[0] == seen[-1] and _transitions(seen) >= 2:
            away = [s.as_of for s, here in zip(sides, seen, strict=True) if here != seen[0]]
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
    before, after = _models(old.files), _models(new.files)
    out = []
    for model_id in sorted(set(before) & set(after)):
        a, b = before[model_id].get("pricing"), after[model_id].get("pricing")
        changes = price_changes(a if isinstance(a, dict) else {}, b if isinstance(b, dict) else {})
        if changes:
            out.append({"id": model_id, "name": after[model_id].get("name"), "changes": changes})
    return out


def _ranks(doc: dict[str, Any]) -> list[tuple[str, int, str]]:
    out = []
    for position, entry in enumerate(doc.get("entries", []), start=1):
        if isinstance(entry, dict) and isinstance(entry.get("model_id"), str):
            rank = entry.get("rank") if isinstance(entry.get("rank"), int) else position
            out.append((entry["model_id"], rank, str(entry.get("name") or entry["model_id"])))
    return out


def ranking_changes(old: Side, new: Side, *, top: int = TOP, min_move: int = MIN_MOVE) -> list[dict[str, Any]]:
    before, after = _rankings(old.files), _rankings(new.files)
    out = []
    for path in sorted(set(before) & set(after)):
        a, b = _ranks(before[path]), _ranks(after[path])
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
        listed = _manifest(files).get("unknown_fields")
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


# --- selection.json, read generically ---------------------------------------------------------------------


def _pick_id(pick: Any) -> str | None:
    if isinstance(pick, str):
        return pick
    if isinstance(pick, dict):
        for key in ("model_id", "id", "model"):
            if isinstance(pick.get(key), str):
                return pick[key]
    return None


def _pick_reason(pick: Any) -> str | None:
    if isinstance(pick, dict):
        for key in ("reason", "why", "reasons", "evidence"):
            value = pick.get(key)
            if isinstance(value, str):
                return value
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return "; ".join(value)
    return None


def _as_named(container: Any, *name_keys: str) -> dict[str, Any]:
    """A mapping name → value from either a dict or a list of objects carrying one of ``name_keys``."""
    if isinstance(container, dict):
        return {str(k): v for k, v in container.items()}
    out: dict[str, Any] = {}
    for item in container if isinstance(container, list) else []:
        if isinstance(item, dict):
            name = next((item[k] for k in name_keys if isinstance(item.get(k), str)), None)
            if name is not None:
                out[name] = item
    return out


def _tier_picks(tier: Any) -> list[Any]:
    if isinstance(tier, list):
        return tier
    if isinstance(tier, dict):
        for key in ("picks", "models", "order", "candidates"):
            if isinstance(tier.get(key), list):
                return tier[key]
    return []


def selection_picks(files: Mapping[str, bytes]) -> dict[tuple[str, str], list[tuple[str, str | None]]] | None:
    """``(group, tier)`` → ordered ``(model id, reason)`` picks; None when there is no selection.json.

    Read generically: groups are the ``categories`` (by slug), the ``overall`` leaderboard and any
    ``capabilities`` (``<slug> (capability)``); each has ``tiers`` mapping a tier to an ordered list of picks
    (a model id, or an object with ``model_id`` and ``reason``). Unknown shapes yield no picks, never an error.
    """
    doc = _load(files, "selection.json")
    if not isinstance(doc, dict):
        return None
    groups = _as_named(doc.get("categories"), "slug", "category", "name")
    if isinstance(doc.get("overall"), dict) and "overall" not in groups:
        groups["overall"] = doc["overall"]
    for slug, body in _as_named(doc.get("capabilities"), "slug", "name").items():
        groups[f"{slug} (capability)"] = body
    out: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    for group, body in groups.items():
        tiers = _as_named(body.get("tiers", body) if isinstance(body, dict) else body, "tier", "name", "slug")
        for tier, content in tiers.items():
            picks = [(pid, _pick_reason(p)) for p in _tier_picks(content) if (pid := _pick_id(p))]
            if picks:
                out[(group, tier)] = picks
    return out


def expiry_days(files: Mapping[str, bytes]) -> int:
    """The selection policy's expiry horizon when selection.json states one, else :data:`EXPIRY_DAYS`."""
    doc = _load(files, "selection.json")
    policy = doc.get("policy") if isinstance(doc, dict) else None
    days = policy.get("expiry_days") if isinstance(policy, dict) else None
    return days if isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= 3650 else EXPIRY_DAYS


def selection_changes(old: Side, new: Side) -> dict[str, Any]:
    """Per ``(group, tier)``: old and new order, the primary pick when it changed, and the new picks' reasons."""
    a, b = selection_picks(old.files), selection_picks(new.files)
    if a is None and b is None:
        return {"available": False, "changes": []}
    a, b = a or {}, b or {}
    changes = []
    for key in sorted(set(a) | set(b)):
        before, after = [i for i, _ in a.get(key, [])], [i for i, _ in b.get(key, [])]
        if before == after:
            continue
        moved = {i for i in after if i not in before or before.index(i) != after.index(i)}
        changes.append(
            {
                "category": key[0],
                "tier": key[1],
                "old": before,
                "new": after,
                "primary": None
                if before[:1] == after[:1]
                else {"old": before[0] if before else None, "new": after[0] if after else None},
                "added": [i for i in after if i not in before],
                "removed": [i for i in before if i not in after],
                "reasons": {i: r for i, r in b.get(key, []) if r and i in moved},
            }
        )
    return {"available": b != {} or a != {}, "changes": changes}


# --- what to act on ---------------------------------------------------------------------------------------


def _days_between(start: str, end: str) -> int | None:
    try:
        return (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days
    except ValueError:
        return None


def expiring(new: Side, *, days: int | None = None) -> dict[str, Any]:
    """Models in use (picked in selection.json; else in a top 10) whose expiration_date is near ``as_of``."""
    days = expiry_days(new.files) if days is None else days
    models = _models(new.files)
    picks = selection_picks(new.files)
    used: dict[str, list[str]] = {}
    if picks is not None:
        basis = "selection.json"
        for (category, tier), items in sorted(picks.items()):
            for model_id, _ in items:
                used.setdefault(model_id, []).append(f"{category}/{tier}")
    else:
        basis = f"top {TOP} of a ranking (no selection.json)"
        for path, doc in _rankings(new.files).items():
            for model_id, rank, _ in _ranks(doc):
                if rank > TOP:
                    continue
                used.setdefault(model_id, []).append(str(doc.get("slug") or path))
    out = []
    for model_id, where in sorted(used.items()):
        expires = models.get(model_id, {}).get("expiration_date")
        if not isinstance(expires, str):
            continue
        left = _days_between(new.as_of, expires)
        if left is not None and left <= days:
            out.append(
                {
                    "id": model_id,
                    "name": models[model_id].get("name"),
                    "expiration_date": expires,
                    "days_left": left,
                    "used_in": sorted(set(where)),
                }
            )
    out.sort(key=lambda e: (e["days_left"], e["id"]))
    return {"basis": basis, "days": days, "models": out}


def _summary(side: Side) -> gates.Summary:
    if "summary" not in side.memo:
        side.memo["summary"] = gates.summarize(dict(side.files))
    return side.memo["summary"]


def gate_margins(old: Side, new: Side, thresholds: gates.Thresholds | None = None) -> list[dict[str, Any]]:
    """Gates forced past (from the manifest) and gates that did not refuse but came close: their measure reached
    :data:`NEAR_MISS` of the limit, computed with the gates' own summaries and thresholds."""
    thresholds = thresholds or gates.Thresholds()
    out: list[dict[str, Any]] = []
    forced = _manifest(new.files).get("forced")
    forced = [str(g) for g in forced] if isinstance(forced, list) else []
    for gate in forced:
        out.append({"gate": gate, "status": "forced", "message": "published past this gate with --force"})

    def close(gate: str, message: str) -> None:
        if gate not in forced:
            out.append({"gate": gate, "status": "close", "message": message})

    try:
        after = _summary(new)
        before = _summary(old) if "models.json" in old.files else None
    except (ValueError, KeyError, TypeError, AttributeError):
        return out
    near = float(NEAR_MISS)
    nonempty = sum(1 for n in after.ranking_entries.values() if n)
    if after.ranking_entries and 0 < nonempty <= len(after.ranking_entries) * (1 - near):
        close("all-rankings-empty", f"only {nonempty} of {len(after.ranking_entries)} rankings have entries")
    thin = sorted(
        f"{r.slug} ({r.entries} mapped, {r.unmapped} unmapped)"
        for r in after.rankings.values()
        if 0 < r.entries <= NEAR_EMPTY_ENTRIES and r.unmapped > r.entries
    )
    if thin:
        close(
            "all-unmapped",
            f"{len(thin)} rankings map only a few rows: {', '.join(thin[:3])}"
            + (f" and {len(thin) - 3} more" if len(thin) > 3 else ""),
        )
    if before is None:
        return out
    for slug, was in sorted(before.category_entries.items()):
        now = after.category_entries.get(slug)
        if was > 0 and now is not None and 0 < now <= NEAR_EMPTY_ENTRIES and now < was:
            close("empty-category", f"category {slug} fell from {was} entries to {now}")
    for m in gates.measure(before, after, thresholds):
        if m.past or not m.value or m.value < m.limit * (NEAR_MISS if isinstance(m.limit, Decimal) else near):
            continue
        if m.gate == "mass-vanish":
            close(
                m.gate,
                f"{len(m.items)} of {m.before} catalog models vanished ({m.value:.1%}; refuses above {m.limit:.0%})",
            )
        elif m.gate == "catalog-shrink":
            close(
                m.gate,
                f"the catalog shrank from {m.before} to {m.after} models ({m.value:.1%}; refuses above {m.limit:.0%})",
            )
        elif m.gate == "scale-shift" and m.median is not None:
            facts = after.rankings[m.subject]
            name = facts.slug if facts.kind == facts.slug else f"{facts.kind} {facts.slug}"
            close(
                m.gate,
                f"{name}: median token ratio to the previous snapshot {float(m.median):.3g}x over "
                f"{m.after} top rows (refuses beyond {thresholds.max_scale_shift:g}x either way)",
            )
        elif m.gate == "price-jump" and m.flag == "--max-price-jumps":
            close(
                m.gate,
                f"{m.value} prices changed more than {thresholds.price_jump_factor}x (refuses above "
                f"{m.limit}): {'; '.join(m.items[:3])}",
            )
    return out


def unmapped_rows(old: Side, new: Side) -> list[dict[str, Any]]:
    def collect(files: Mapping[str, bytes]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for path in sorted(files):
            if not store.is_ranking(path):
                continue
            doc = _load(files, path)
            rows = doc.get("unmapped") if isinstance(doc, dict) else None
            for row in rows if isinstance(rows, list) else []:
                if isinstance(row, dict) and isinstance(row.get("permaslug"), str):
                    found.setdefault(row["permaslug"], []).append(str(doc.get("slug") or path))
        return found

    before, after = collect(old.files), collect(new.files)
    rows = [{"permaslug": p, "rankings": sorted(set(w)), "new": p not in before} for p, w in after.items()]
    rows.sort(key=lambda r: (not r["new"], -len(r["rankings"]), r["permaslug"]))
    return rows


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
    categories = _added_removed(_categories(old.files), _categories(new.files))
    orderings = _added_removed(_orderings(old.files), _orderings(new.files))
    fields = unknown_fields(old, new)
    selection = selection_changes(old, new)
    act_on = {
        "selection_changes": len(selection["changes"]),
        "expiring": expiring(new),
        "gates": gate_margins(old, new),
        "unmapped": unmapped_rows(old, new),
    }
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
        "act_on": act_on,
        "settings": {"top": top, "min_move": min_move, "expiry_days": act_on["expiring"]["days"]},
    }


def to_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
