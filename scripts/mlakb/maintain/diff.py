"""What a change does to the data, in words a reviewer reads ("Canada: can-iag e-mail changed ...").

Both sides are read from git (or the work tree for HEAD = None) and parsed with the record models;
the comparison is on facts, so re-ordering or re-quoting a file reports nothing.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from ..records.directory import kind_of, parse
from ..records.loader import loads
from ..records.problems import RecordError

LABELS = {"email": "e-mail", "name.en": "name", "name.zh": "Chinese name", "name.local": "local name", "languages.codes": "languages",
          "text.en": "text", "text.zh": "Chinese text"}
ITEM = {"contacts": "contact", "designations": "designation", "channels": "channel"}  # lists of facts, named by position


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def snapshot(root: Path, rev: str | None) -> dict[str, tuple[str, object | None]]:
    """path → (kind, record or None when invalid) for every record at `rev` (None = work tree)."""
    if rev is None:
        files = {str(p.relative_to(root)): p.read_text(encoding="utf-8", errors="replace") for p in (root / "directory").glob("*/*.yaml")}
    else:
        names = [n for n in _git(root, "ls-tree", "-r", "--name-only", rev, "--", "directory").splitlines() if n.endswith(".yaml")]
        files = {n: _git(root, "show", f"{rev}:{n}") for n in names}
    out = {}
    for name, text in files.items():
        kind = kind_of(Path(name))
        if kind is None:
            continue
        try:
            record, _ = parse(loads(name, text), kind)
        except RecordError:
            record = None
        out[name] = (kind, record)
    return out


def _flat(value, prefix=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flat(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, item in enumerate(value, 1):
            yield from _flat(item, f"{prefix}.{i}")
    else:
        yield prefix, value


def _label(key: str) -> str:
    """contacts.1.email → contact 1 e-mail; languages.codes → languages."""
    parts = key.split(".")
    if len(parts) > 2 and parts[0] in ITEM and parts[1].isdigit():
        return f"{ITEM[parts[0]]} {parts[1]} " + _label(".".join(parts[2:]))
    return LABELS.get(key, key.replace("_", " ").replace(".", " "))


def _compare_fields(old: dict, new: dict, skip=()) -> list[str]:
    a, b = dict(_flat(old)), dict(_flat(new))
    changes = []
    for key in sorted(set(a) | set(b)):
        if key in skip or key.endswith(("sources", "verified", "review", "editor_notes")) or ".review." in key:
            continue
        before, after = a.get(key), b.get(key)
        if before == after:
            continue
        label = _label(key)
        if isinstance(before, list) or isinstance(after, list):
            added = [x for x in (after or []) if x not in (before or [])]
            removed = [x for x in (before or []) if x not in (after or [])]
            if not added and not removed:
                continue
            parts = ([f"added {', '.join(map(str, added))}"] if added else []) + ([f"removed {', '.join(map(str, removed))}"] if removed else [])
            changes.append(f"{label} {'; '.join(parts)}")
        elif before in (None, ""):
            changes.append(f"{label} set to {after!r}")
        elif after in (None, ""):
            changes.append(f"{label} removed (was {before!r})")
        else:
            changes.append(f"{label} changed {before!r} → {after!r}")
    return changes


def _keyed(items: list, key: str) -> dict:
    return {item[key]: item for item in items}


def describe(base: dict, head: dict) -> list[str]:
    lines = []
    for path in sorted(set(base) | set(head)):
        old_kind, old = base.get(path, (None, None))
        new_kind, new = head.get(path, (None, None))
        if path not in base:
            lines.append(f"{_title(new, path)}: new record" + ("" if new else " (invalid: run mlakb check)"))
            continue
        if path not in head:
            lines.append(f"{_title(old, path)}: record removed")
            continue
        if old is None or new is None:
            if old is not new:
                lines.append(f"{_title(new or old, path)}: " + ("now invalid (run mlakb check)" if new is None else "fixed (was invalid)"))
            continue
        changes = _changes(old.model_dump(mode="json"), new.model_dump(mode="json"), new_kind)
        if changes:
            lines.append(f"{_title(new, path)}: " + "; ".join(changes))
    return lines


def _changes(old: dict, new: dict, kind: str) -> list[str]:
    changes = []
    if kind == "jurisdiction":
        a, b = _keyed(old["authorities"], "id"), _keyed(new["authorities"], "id")
        for aid in b.keys() - a.keys():
            changes.append(f"authority {aid} added ({b[aid]['kind']}: {b[aid]['name']['en']})")
        for aid in a.keys() - b.keys():
            changes.append(f"authority {aid} removed")
        for aid in sorted(a.keys() & b.keys()):
            changes += [f"{a[aid]['kind'].replace('-', ' ')} {aid} {c}" for c in _compare_fields(a[aid], b[aid], skip={"id"})]
        for topic in ("requirements", "declarations", "informal_channels", "domestic_law", "practice"):
            added = [x for x in new[topic] if x not in old[topic]]
            removed = [x for x in old[topic] if x not in new[topic]]
            if added or removed:
                changes.append(f"{topic.replace('_', ' ')}: {len(added)} added, {len(removed)} removed")
        changes += _compare_fields({k: v for k, v in old.items() if not isinstance(v, list)}, {k: v for k, v in new.items() if not isinstance(v, list)})
        if old["unknown"] != new["unknown"]:
            changes += _compare_fields({"unknown": old["unknown"]}, {"unknown": new["unknown"]})
    elif kind == "instrument":
        a, b = _keyed(old["parties"], "state"), _keyed(new["parties"], "state")
        if b.keys() - a.keys():
            changes.append(f"parties added {', '.join(sorted(b.keys() - a.keys()))}")
        if a.keys() - b.keys():
            changes.append(f"parties removed {', '.join(sorted(a.keys() - b.keys()))}")
        for state in sorted(a.keys() & b.keys()):
            changes += [f"party {state} {c}" for c in _compare_fields(a[state], b[state], skip={"state"})]
        changes += _compare_fields({k: v for k, v in old.items() if k not in ("parties", "sources")}, {k: v for k, v in new.items() if k not in ("parties", "sources")})
    else:
        items = "entries" if "entries" in new else "terms"
        key = "id" if items == "entries" else "en"
        a, b = _keyed(old[items], key), _keyed(new[items], key)
        if b.keys() - a.keys():
            changes.append(f"{items} added {', '.join(sorted(b.keys() - a.keys()))}")
        if a.keys() - b.keys():
            changes.append(f"{items} removed {', '.join(sorted(a.keys() - b.keys()))}")
        for k in sorted(a.keys() & b.keys()):
            changes += [f"{k}: {c}" for c in _compare_fields(a[k], b[k], skip={key})]
    return changes


def _title(record, path: str) -> str:
    if record is None:
        return path
    name = getattr(record, "name", None) or getattr(record, "title", None)
    return f"{name.en} ({path})" if name is not None else path
