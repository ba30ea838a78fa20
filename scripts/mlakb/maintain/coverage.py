"""Coverage of the directory by region and field: how much of what practitioners need is sourced."""
from __future__ import annotations

from collections import defaultdict

from ..records import models
from ..records.directory import Directory

# One definition of each field, used by `mlakb coverage`, the database and the guide's marks.
# A website alone is not a contact (a request cannot be sent to it); a requirement on languages
# tells which languages are accepted as much as an authority's own list does.
FIELDS = {
    "central_authority": lambda j: any(a.kind == "central-authority" for a in j.authorities),
    "contacts": lambda j: any(c.address or c.phone or c.email for a in j.authorities for c in a.contacts),
    "criminal_contact": lambda j: any((c.address or c.phone or c.email) and c.scope == "criminal-matters" for a in j.authorities for c in a.contacts),
    "email": lambda j: any(c.email for a in j.authorities for c in a.contacts),
    "languages": lambda j: bool(j.accepted_languages) or any(r.topic == "languages" for r in j.requirements),
    "channels": lambda j: any(a.channels for a in j.authorities) or any(r.topic == "channel" and r.channels for r in j.requirements),
    "extradition_authority": lambda j: any("extradition" in a.handles for a in j.authorities),
    "urgent_route": lambda j: any(a.urgent for a in j.authorities) or any(r.topic == "urgent" for r in j.requirements),
    "dual_criminality": lambda j: any(r.topic == "dual-criminality" for r in j.requirements),
    "requirements": lambda j: bool(j.requirements),
    "per_measure": lambda j: any(r.measures for r in j.requirements),
    "informal_channels": lambda j: bool(j.informal_channels),
}


def coverage(directory: Directory) -> dict:
    regions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for loaded in directory.jurisdictions.values():
        record: models.Jurisdiction = loaded.record
        for key in ("all", record.region):
            regions[key]["records"] += 1
            for name, test in FIELDS.items():
                regions[key][name] += int(test(record))
    order = ["all"] + sorted(k for k in regions if k != "all")
    return {"fields": list(FIELDS), "regions": {k: {"records": regions[k]["records"], **{f: regions[k][f] for f in FIELDS}} for k in order}}


def render_table(report: dict) -> str:
    fields = report["fields"]
    head = f"{'region':<10} {'records':>7} " + " ".join(f"{f:>16}" for f in fields)
    lines = [head]
    for region, row in report["regions"].items():
        n = row["records"] or 1
        lines.append(f"{region:<10} {row['records']:>7} " + " ".join(f"{f'{row[f]} ({row[f] / n:.0%})':>16}" for f in fields))
    return "\n".join(lines)
