"""Coverage of the directory by region and field: how much of what practitioners need is sourced."""
from __future__ import annotations

from collections import defaultdict

from ..common.clock import over_five_years_old, today
from ..records import models
from ..records.directory import Directory
from ..records.known import FIELDS
from ..records.walk import facts

# Shares of facts (every part of a record that carries sources), by what backs them.
FACT_SHARES = {
    "official_source": lambda fact, cited, on: any(cited[r].kind in ("official", "intergovernmental") for r in fact.sources if r in cited),
    "recent_source": lambda fact, cited, on: any(not over_five_years_old(cited[r].as_of, on) for r in fact.sources if r in cited and cited[r].as_of),
    "verified": lambda fact, cited, on: fact.verified is not None,
}


def coverage(directory: Directory) -> dict:
    regions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    on = today()
    for loaded in directory.jurisdictions.values():
        record: models.Jurisdiction = loaded.record
        cited = {s.id: s for s in record.sources}
        record_facts = [fact for _loc, fact in facts(record)]
        for key in ("all", record.region):
            regions[key]["records"] += 1
            for name, test in FIELDS.items():
                regions[key][name] += int(test(record))
            regions[key]["facts"] += len(record_facts)
            for name, test in FACT_SHARES.items():
                regions[key][name] += sum(1 for fact in record_facts if test(fact, cited, on))
    order = ["all"] + sorted(k for k in regions if k != "all")
    bilateral = [l.record for l in directory.instruments.values() if l.record.kind == "bilateral"]
    partners = china_treaty_partners(bilateral)
    with_measures = [j for j in partners if j in directory.jurisdictions and FIELDS["per_measure"](directory.jurisdictions[j].record)]
    return {"fields": list(FIELDS), "fact_shares": list(FACT_SHARES),
            "regions": {k: {"records": regions[k]["records"], **{f: regions[k][f] for f in FIELDS},
                            "facts": regions[k]["facts"], **{f: regions[k][f] for f in FACT_SHARES}} for k in order},
            "bilateral_treaties": {"all": len(bilateral), "with_status": sum(1 for i in bilateral if i.status_id != "unknown")},
            "china_partners": {"all": len(partners), "per_measure": len(with_measures),
                               "without": sorted(set(partners) - set(with_measures))}}


def missing_by_region(directory: Directory, field: str) -> dict[str, list[str]]:
    """The ids of the records without `field`, by region: a maintainer's work list."""
    gaps: dict[str, list[str]] = defaultdict(list)
    for jid, loaded in sorted(directory.jurisdictions.items()):
        if not FIELDS[field](loaded.record):
            gaps[loaded.record.region].append(jid)
    return dict(sorted(gaps.items()))


def china_treaty_partners(bilateral: list[models.Instrument]) -> list[str]:
    """The States with which China has a bilateral MLA or extradition treaty in the directory."""
    return sorted({side.state for i in bilateral if {"mla", "extradition"} & set(i.subject)
                   and any(s.state == "chn" for s in i.sides) for side in i.sides if side.state != "chn"})


def render_table(report: dict) -> str:
    fields = report["fields"]
    head = f"{'region':<10} {'records':>7} " + " ".join(f"{f:>16}" for f in fields)
    lines = [head]
    for region, row in report["regions"].items():
        n = row["records"] or 1
        lines.append(f"{region:<10} {row['records']:>7} " + " ".join(f"{f'{row[f]} ({row[f] / n:.0%})':>16}" for f in fields))
    shares = report["fact_shares"]
    lines += ["", f"{'region':<10} {'facts':>7} " + " ".join(f"{f:>16}" for f in shares)]
    for region, row in report["regions"].items():
        n = row["facts"] or 1
        lines.append(f"{region:<10} {row['facts']:>7} " + " ".join(f"{f'{row[f]} ({row[f] / n:.0%})':>16}" for f in shares))
    treaties = report["bilateral_treaties"]
    partners = report["china_partners"]
    lines += ["", f"bilateral treaties with a status (in force / signed): {treaties['with_status']} of {treaties['all']}",
              f"China's MLA and extradition treaty partners with per-measure requirements: {partners['per_measure']} of {partners['all']}"
              + (f" (without: {', '.join(partners['without'])})" if partners["without"] else "")]
    return "\n".join(lines)
