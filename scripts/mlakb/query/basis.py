"""`mlakb basis FROM TO`: the legal bases for a request from one State to another.

Bilateral treaties first, then the multilateral instruments binding both States (each with the
condition under which it applies), the declarations that change their use, the articles to cite,
and, when nothing binds them, the reciprocity route.  A party list the pack gives only in part is
reported as unknown for a State missing from it, never as "not a party".
"""
from __future__ import annotations

import json
import sqlite3

from ..common import clock
from ..common.articles import article_zh
from ..records import vocab
from .authority import addressee
from .lookup import connect, resolve

MEASURES = vocab.requestable_measures()
OFFENCES = tuple(o for o in vocab.ids("offences") if o != "any")


def articles_for(matter: str, measure: str | None = None) -> list[str]:
    """The provision topics to cite, in order: the measure's own first, then its matter's (both from the vocabularies)."""
    measures, matters = vocab.terms("measures"), vocab.terms("matters")
    own = measures[measure].cite if measure in measures else []
    return list(dict.fromkeys([*own, *matters[matter].cite])) if matter in matters else list(own)


class SameState(ValueError):
    pass


def matter_for(measure: str | None) -> str:
    entry = vocab.terms("measures").get(measure or "")
    return entry.matter if entry and entry.matter else "mla"


def leading_measure(measures: list[str]) -> str | None:
    """The measure that decides the matter of a request combining several: an MLA measure wins over
    asset return, so a confiscation-and-return request goes to the MLA central authority.  Other
    mixtures (extradition with evidence) are findings of their own; the first measure leads them."""
    if not measures:
        return None
    if {matter_for(m) for m in measures} == {"mla", "asset-recovery"}:
        return next(m for m in measures if matter_for(m) == "mla")
    return measures[0]


def basis_report(db_path, source: str, target: str, measure: str | None = None, offence: str | None = None) -> dict:
    conn = connect(db_path)
    try:
        a, b = resolve(conn, source), resolve(conn, target)
        if a["id"] == b["id"]:
            raise SameState(f"FROM and TO are the same State ({a['name_en']}): a request goes from one State to another")
        matter = matter_for(measure)
        today = clock.today().isoformat()
        topics = articles_for(matter, measure)  # the same for every instrument of the report
        report = {
            "from": _state(a), "to": _state(b), "measure": measure, "matter": matter, "offence": offence,
            "bilateral": [], "multilateral": [], "party_data_unknown": [], "declarations": [], "domestic_law": [],
            "reciprocity": None,
        }
        for instrument in conn.execute("select * from instruments where kind != 'domestic-law' order by kind != 'bilateral', id"):
            subject = json.loads(instrument["subject"])
            if matter not in subject and not (matter == "asset-recovery" and "mla" in subject):
                continue
            parties = {r["jurisdiction"]: dict(r) for r in conn.execute("select * from party_states where instrument = ? and jurisdiction in (?, ?)", (instrument["id"], a["id"], b["id"]))}
            entry = _instrument(conn, instrument, parties, a["id"], b["id"], topics)
            entry["addressee"] = addressee(conn, b["id"], matter, instrument["id"])
            left = [(s, parties[s]["denounced"]) for s in (a["id"], b["id"]) if s in parties and parties[s]["denounced"] and parties[s]["denounced"] <= today]
            if a["id"] in parties and b["id"] in parties:
                if left:
                    entry["applies"] = False
                    entry["why_not"] = "; ".join(f"{(a if s == a['id'] else b)['name_en']} denounced it with effect from {day}" for s, day in left)
                elif instrument["in_force"] == 0:
                    entry["applies"] = False
                    entry["why_not"] = f"not in force according to the latest source ({instrument['status']})"
                elif offence and not _covers(instrument, offence):
                    entry["applies"] = False
                    entry["why_not"] = f"the instrument's scope does not cover {offence} offences"
                (report["bilateral"] if instrument["kind"] == "bilateral" else report["multilateral"]).append(entry)
            elif instrument["kind"] == "multilateral" and instrument["parties_known"] != "complete" and not left:
                missing = [s for s in (a["id"], b["id"]) if s not in parties]
                if not offence or _covers(instrument, offence):
                    entry["unknown_for"] = missing
                    report["party_data_unknown"].append(entry)
        _mark_treaty_prevails(conn, report)
        ids = [i["id"] for i in report["bilateral"] + report["multilateral"]]
        for row in conn.execute(f"select * from declarations where jurisdiction in (?, ?) and instrument in ({','.join('?' * len(ids)) or 'null'})", (a["id"], b["id"], *ids)):
            declaration = dict(row)
            declaration["sources"] = json.loads(declaration["sources"])
            declaration["text"] = declaration["text_en"] or declaration["text_zh"]
            declaration["effect"] = _effect(declaration, matter)
            report["declarations"].append(declaration)
        # a law's current text only: a replaced version (in_force false) is not cited
        for row in conn.execute("select * from instruments where kind = 'domestic-law' and jurisdiction in (?, ?) and coalesce(in_force, 1) != 0 order by id", (a["id"], b["id"])):
            if matter in json.loads(row["subject"]):
                report["domestic_law"].append({**_instrument(conn, row, {}, a["id"], b["id"], topics), "jurisdiction": row["jurisdiction"]})
        report["one_state"] = _one_state(a, b)
        if report["one_state"]:
            report["domestic_law"] = []  # laws on cooperation with foreign States do not govern it either
        applicable = [i for i in report["bilateral"] + report["multilateral"] if i.get("applies", True)]
        if report["one_state"]:
            report["reciprocity"] = None
        elif not applicable:
            report["reciprocity"] = {
                "route": "diplomatic",
                "en": "No treaty in the directory binds both States for this matter: request assistance on the basis of reciprocity through the diplomatic channel, with an undertaking of reciprocity; execution is at the requested State's discretion under its own law.",
                "zh": "名录中没有对两国均有约束力的相关条约：可在互惠基础上通过外交途径提出请求，并作出互惠承诺；是否执行由被请求国依其国内法决定。",
                "caveat": "Party lists marked partial or unknown may miss a treaty; see party_data_unknown." if report["party_data_unknown"] else None,
            }
        return report
    finally:
        conn.close()


def _state(row: sqlite3.Row) -> dict:
    return {"id": row["id"], "name_en": row["name_en"], "name_zh": row["name_zh"], "part_of": row["part_of"]}


def _one_state(a: sqlite3.Row, b: sqlite3.Row) -> dict | None:
    """Two parts of one State (e.g. the Mainland and a Special Administrative Region): treaties between
    States and the diplomatic route do not apply, and the directory records no arrangement yet."""
    if (a["part_of"] or a["id"]) != (b["part_of"] or b["id"]):
        return None
    return {
        "state": a["part_of"] or a["id"],
        "en": "Both are parts of one State: treaties between States and the diplomatic channel do not apply between them. Cooperation rests on the arrangements between the two regions, which the directory does not record yet (help wanted).",
        "zh": "两者属于同一国家：国家间条约和外交途径不适用于两者之间，合作以区际安排为依据；名录尚未收录相关安排（欢迎补充）。",
    }


def _covers(instrument: sqlite3.Row, offence: str) -> bool:
    offences = json.loads(instrument["offences"] or "[]")
    return not offences or "any" in offences or offence in offences


def _instrument(conn, row: sqlite3.Row, parties: dict, a: str, b: str, topics: list[str]) -> dict:
    provisions = dict(conn.execute("select topic, article from provisions where instrument = ?", (row["id"],)).fetchall())
    articles = {topic: provisions[topic] for topic in topics if topic in provisions}
    return {
        "id": row["id"], "kind": row["kind"], "title_en": row["title_en"], "title_zh": row["title_zh"],
        "subject": json.loads(row["subject"]), "offences": json.loads(row["offences"] or "[]"),
        "scope_condition_en": row["scope_condition_en"], "scope_condition_zh": row["scope_condition_zh"],
        "adopted": row["adopted"], "entry_into_force": row["entry_into_force"], "status": row["status"],
        "in_force": None if row["in_force"] is None else bool(row["in_force"]),
        "status_id": row["status_id"],
        "parties_known": row["parties_known"], "texts": [t["path"] for t in json.loads(row["texts"] or "[]")],
        "consent": {s: {k: parties[s][k] for k in ("signature", "consent", "action", "entry_into_force", "denounced")} for s in (a, b) if s in parties},
        "articles": articles,
    }


def _mark_treaty_prevails(conn, report: dict) -> None:
    """A convention whose request rules give way to an MLA treaty between the two States (UNTOC art. 18(7),
    UNCAC art. 46(7), 1988 Convention art. 7(7), Budapest art. 27(1)) says so when a bilateral treaty in force
    binds them: that treaty's central authorities, languages and procedure then govern the request."""
    if report["matter"] not in ("mla", "asset-recovery"):
        return
    treaties = [t for t in report["bilateral"] if t.get("applies", True) and t["status_id"] == "in-force"]
    if not treaties:
        return
    clauses = dict(conn.execute("select instrument, article from provisions where topic = 'mla-treaty-prevails'").fetchall())
    names_en = ", ".join(t["title_en"] for t in treaties)
    names_zh = "、".join(f"《{t['title_zh']}》" if t["title_zh"] else t["title_en"] for t in treaties)
    for entry in report["multilateral"]:
        article = clauses.get(entry["id"])
        if not article or entry.get("applies") is False:
            continue
        entry["treaty_prevails"] = {
            "article": article, "treaties": [t["id"] for t in treaties],
            "en": f"A mutual legal assistance treaty in force binds both States ({names_en}): under art. {article}, the treaty's provisions apply in place of this instrument's corresponding provisions on requests (among them its central authority and languages), unless both States agree to apply this instrument's instead.",
            "zh": f"两国均受有效的司法协助条约（{names_zh}）约束：依本文书{article_zh(article, figures='arabic')}，该条约的规定取代本文书关于请求的相应规定（包括中央机关和语文），除非两国同意改为适用本文书的规定。",
        }


def _effect(declaration: dict, matter: str) -> str | None:
    if declaration["topic"] == "extradition-basis" and declaration["value"] == 0 and matter == "extradition":
        return "does not take the convention as a legal basis for extradition: a bilateral treaty or domestic law is needed"
    if declaration["topic"] == "extradition-basis" and declaration["value"] == 1 and matter == "extradition":
        return "takes the convention as a legal basis for extradition"
    if declaration["topic"] == "mla-basis" and declaration["value"] == 0 and matter != "extradition":
        return "reported that it does not use the convention as a legal basis for mutual legal assistance"
    return None
