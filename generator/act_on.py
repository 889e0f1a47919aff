"""What to act on, the change report's checklist, and the selection changes it starts from.

:func:`selection_changes` compares the picks of two ``selection.json`` files (read generically: an older or newer
shape gives fewer picks, never an error); :func:`checklist` lists what a reviewer acts on: how many picks changed,
models in use that expire soon (:func:`expiring`), gates that came close to refusing or were forced
(:func:`gate_margins`, from :func:`generator.gates.measure`) and ranking rows that map to no catalog model
(:func:`unmapped_rows`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from generator import gates, sides, store
from generator.sides import Side

EXPIRY_DAYS = 30  # a model in use that expires within this many days of the snapshot's as_of is listed
NEAR_MISS = Decimal("0.5")  # a gate whose measure reached this share of its limit "came close"
NEAR_EMPTY_ENTRIES = 3  # a category that fell to this many entries or fewer came close to `empty-category`


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
    doc = sides.load(files, "selection.json")
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
    doc = sides.load(files, "selection.json")
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
    catalog = sides.models(new.files)
    picks = selection_picks(new.files)
    used: dict[str, list[str]] = {}
    if picks is not None:
        basis = "selection.json"
        for (category, tier), items in sorted(picks.items()):
            for model_id, _ in items:
                used.setdefault(model_id, []).append(f"{category}/{tier}")
    else:
        basis = f"top {sides.TOP} of a ranking (no selection.json)"
        for path, doc in sides.rankings(new.files).items():
            for model_id, rank, _ in sides.ranks(doc):
                if rank > sides.TOP:
                    continue
                used.setdefault(model_id, []).append(str(doc.get("slug") or path))
    out = []
    for model_id, where in sorted(used.items()):
        expires = catalog.get(model_id, {}).get("expiration_date")
        if not isinstance(expires, str):
            continue
        left = _days_between(new.as_of, expires)
        if left is not None and left <= days:
            out.append(
                {
                    "id": model_id,
                    "name": catalog[model_id].get("name"),
                    "expiration_date": expires,
                    "days_left": left,
                    "used_in": sorted(set(where)),
                }
            )
    out.sort(key=lambda e: (e["days_left"], e["id"]))
    return {"basis": basis, "days": days, "models": out}


def _summary(side: Side) -> gates.Summary:
    """The gates' summary of a side's files, derived once per side (two consecutive reports share a snapshot)."""
    if "summary" not in side.memo:
        side.memo["summary"] = gates.summarize(dict(side.files))
    return side.memo["summary"]


def _reached(measure: gates.Measure) -> bool:
    """Whether a measure that did not refuse came close: its value reached :data:`NEAR_MISS` of its limit."""
    share = NEAR_MISS if isinstance(measure.limit, Decimal) else float(NEAR_MISS)
    return not measure.past and bool(measure.value) and measure.value >= measure.limit * share


def _measured(measure: gates.Measure, after: gates.Summary, thresholds: gates.Thresholds) -> str | None:
    """The near-miss line of a measure from :func:`generator.gates.measure` (None: not one the report lists)."""
    m = measure
    if m.gate == "mass-vanish":
        return f"{len(m.items)} of {m.before} catalog models vanished ({m.value:.1%}; refuses above {m.limit:.0%})"
    if m.gate == "catalog-shrink":
        return f"the catalog shrank from {m.before} to {m.after} models ({m.value:.1%}; refuses above {m.limit:.0%})"
    if m.gate == "scale-shift" and m.median is not None:
        facts = after.rankings[m.subject]
        name = facts.slug if facts.kind == facts.slug else f"{facts.kind} {facts.slug}"
        return (
            f"{name}: median token ratio to the previous snapshot {float(m.median):.3g}x over "
            f"{m.after} top rows (refuses beyond {thresholds.max_scale_shift:g}x either way)"
        )
    if m.gate == "price-jump" and m.flag == "--max-price-jumps":
        return (
            f"{m.value} prices changed more than {thresholds.price_jump_factor}x (refuses above "
            f"{m.limit}): {'; '.join(m.items[:3])}"
        )
    return None


def _structural(after: gates.Summary, before: gates.Summary | None) -> list[tuple[str, str]]:
    """Near misses of the gates without a numeric limit: rankings mostly empty or unmapped, a category nearly empty."""
    out = []
    nonempty = sum(1 for n in after.ranking_entries.values() if n)
    if after.ranking_entries and 0 < nonempty <= len(after.ranking_entries) * (1 - float(NEAR_MISS)):
        out.append(("all-rankings-empty", f"only {nonempty} of {len(after.ranking_entries)} rankings have entries"))
    thin = sorted(
        f"{r.slug} ({r.entries} mapped, {r.unmapped} unmapped)"
        for r in after.rankings.values()
        if 0 < r.entries <= NEAR_EMPTY_ENTRIES and r.unmapped > r.entries
    )
    if thin:
        more = f" and {len(thin) - 3} more" if len(thin) > 3 else ""
        out.append(("all-unmapped", f"{len(thin)} rankings map only a few rows: {', '.join(thin[:3])}{more}"))
    for slug, was in sorted(before.category_entries.items()) if before is not None else []:
        now = after.category_entries.get(slug)
        if was > 0 and now is not None and 0 < now <= NEAR_EMPTY_ENTRIES and now < was:
            out.append(("empty-category", f"category {slug} fell from {was} entries to {now}"))
    return out


def gate_margins(old: Side, new: Side, thresholds: gates.Thresholds | None = None) -> list[dict[str, Any]]:
    """Gates forced past (from the manifest) and gates that did not refuse but came close: the threshold gates'
    measures from :func:`generator.gates.measure` (the same figures and limits the gates refuse on) that reached
    :data:`NEAR_MISS` of their limit, then the structural gates' near misses."""
    thresholds = thresholds or gates.Thresholds()
    listed = sides.manifest(new.files).get("forced")
    forced = [str(g) for g in listed] if isinstance(listed, list) else []
    out = [{"gate": g, "status": "forced", "message": "published past this gate with --force"} for g in forced]
    try:
        after = _summary(new)
        before = _summary(old) if "models.json" in old.files else None
    except (ValueError, KeyError, TypeError, AttributeError):
        return out
    close = _structural(after, before)
    for m in gates.measure(before, after, thresholds) if before is not None else []:
        if _reached(m) and (line := _measured(m, after, thresholds)) is not None:
            close.append((m.gate, line))
    out += [{"gate": g, "status": "close", "message": line} for g, line in close if g not in forced]
    return out


def unmapped_rows(old: Side, new: Side) -> list[dict[str, Any]]:
    def collect(files: Mapping[str, bytes]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for path in sorted(files):
            if not store.is_ranking(path):
                continue
            doc = sides.load(files, path)
            rows = doc.get("unmapped") if isinstance(doc, dict) else None
            for row in rows if isinstance(rows, list) else []:
                if isinstance(row, dict) and isinstance(row.get("permaslug"), str):
                    found.setdefault(row["permaslug"], []).append(str(doc.get("slug") or path))
        return found

    before, after = collect(old.files), collect(new.files)
    rows = [{"permaslug": p, "rankings": sorted(set(w)), "new": p not in before} for p, w in after.items()]
    rows.sort(key=lambda r: (not r["new"], -len(r["rankings"]), r["permaslug"]))
    return rows


def checklist(old: Side, new: Side, selection: Mapping[str, Any]) -> dict[str, Any]:
    """The report's ``act_on``: ``selection`` is :func:`selection_changes` of the same two sides."""
    return {
        "selection_changes": len(selection["changes"]),
        "expiring": expiring(new),
        "gates": gate_margins(old, new),
        "unmapped": unmapped_rows(old, new),
    }
