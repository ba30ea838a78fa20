"""/-/basis: the legal-basis finder, a page for people (bare URL = the empty form) and JSON (`.json` or Accept).

Parameters: from, to (ISO code or English or Chinese name), measure, offence.  Each basis is shown with its status,
both States' dates, the articles to cite, the declarations that change its use, and the route to follow.
"""
from __future__ import annotations

import asyncio
import re
from pathlib import Path

from ..paths import paths
from ..query.authority import authority_report
from ..query.basis import MEASURES, OFFENCES, basis_report
from ..query.lookup import NotFound
from .answer_cache import bases_answered
from .params import one_of, optional, required
from .web import form_choices, json_failure, json_response, page, stamp, treaty_anchors, wants_json

TOPICS = {
    "central-authority": ("中央机关", "central authority"),
    "request-contents": ("请求书内容", "contents of a request"),
    "languages": ("语文", "languages"),
    "dual-criminality": ("双重犯罪", "dual criminality"),
    "refusal": ("拒绝理由", "refusal"),
    "urgent": ("紧急情况", "urgency"),
    "confidentiality": ("保密", "confidentiality"),
    "use-limitation": ("使用限制", "limitation on use"),
    "costs": ("费用", "costs"),
    "video-testimony": ("视频作证", "video testimony"),
    "bank-secrecy": ("银行保密", "bank secrecy"),
    "extradition": ("引渡", "extradition"),
    "extradition-basis": ("引渡的法律依据", "legal basis for extradition"),
    "provisional-arrest": ("临时羁押", "provisional arrest"),
    "transfer-of-proceedings": ("刑事诉讼移交", "transfer of proceedings"),
    "transfer-of-sentenced-persons": ("被判刑人移管", "transfer of sentenced persons"),
    "confiscation-cooperation": ("没收事宜的国际合作", "international cooperation for confiscation"),
    "asset-return": ("资产返还", "return of assets"),
    "freezing": ("冻结", "freezing"),
    "spontaneous-information": ("主动提供信息", "spontaneous information"),
}
# the effects query.basis gives a declaration, in Chinese
EFFECTS_ZH = {
    "does not take the convention as a legal basis for extradition: a bilateral treaty or domestic law is needed": "不以本公约作为引渡的法律依据：需有双边条约或国内法依据",
    "takes the convention as a legal basis for extradition": "以本公约作为引渡的法律依据",
    "reported that it does not use the convention as a legal basis for mutual legal assistance": "报告称不以本公约作为刑事司法协助的法律依据",
}
_ARTICLE = re.compile(r"^(\d+)(?:\((\d+)\))?")


async def basis(request):
    as_json = wants_json(request)
    form = {name: request.args.get(name, "") for name in ("from", "to", "measure", "offence")}
    try:
        if not as_json and optional(request, "to") is None:  # the bare page: the empty form, from China by default
            return await page("basis.html", active="basis", form={**form, "from": form["from"] or "chn"}, report=None, error=None, **_choices())
        source, target = required(request, "from"), required(request, "to")
        measure = one_of(request, "measure", MEASURES)
        offence = one_of(request, "offence", OFFENCES)
        key = (str(paths().database), stamp(paths().database), source, target, measure, offence)
        report = await bases_answered.get(key, lambda: asyncio.to_thread(_report, source, target, measure, offence))
    except (ValueError, NotFound) as exc:
        status = 404 if isinstance(exc, NotFound) and as_json else 400
        if as_json:
            return json_failure(str(exc), status)
        return await page("basis.html", status=status, active="basis", form=form, report=None, error=str(exc), **_choices())
    if as_json:
        return json_response({"ok": True, **report})
    json_url = f"/-/basis.json?{request.query_string}"
    return await page("basis.html", active="basis", form=form, report=report, error=None, view=_view(report), json_url=json_url, **_choices())


def _report(source: str, target: str, measure: str | None, offence: str | None) -> dict:
    """The basis report, with the route: the requested State's central authorities for the matter."""
    database = paths().database
    report = basis_report(database, source, target, measure, offence)
    receiving = authority_report(database, report["to"]["id"], report["matter"])
    report["route"] = {
        "central_authorities": [
            {key: a[key] for key in ("id", "name_en", "name_zh", "name_local", "channels", "languages", "email", "website")}
            for a in receiving["central_authorities"]],
        "unknown": receiving["unknown"],
    }
    return report


def _view(report: dict) -> dict:
    """What the page needs beyond the report: labelled articles with links, and declarations by instrument."""
    declarations: dict[str, list] = {}
    for d in report["declarations"]:
        declarations.setdefault(d["instrument"], []).append(d)
    articles = {}
    for entry in report["bilateral"] + report["multilateral"] + report["domestic_law"] + report["party_data_unknown"]:
        articles[entry["id"]] = [
            {"topic": TOPICS.get(topic, (topic, topic)), "article": article, "link": _article_link(entry["texts"], article)}
            for topic, article in entry["articles"].items()]
    names = {s["id"]: s for s in (report["from"], report["to"])}
    return {"declarations": declarations, "articles": articles, "names": names, "effects_zh": EFFECTS_ZH}


def _article_link(texts: list[str], article: str) -> str | None:
    """The guide's URL of the article (at its paragraph when the text has that anchor), or None without a text."""
    if not texts or not (found := _ARTICLE.match(article)):
        return None
    stem, _, lang = Path(texts[0]).name.removesuffix(".md").rpartition(".")
    anchors = treaty_anchors().get(stem, {}).get(lang, set())
    candidates = [f"art-{found[1]}-{found[2]}"] if found[2] else []
    anchor = next((a for a in [*candidates, f"art-{found[1]}"] if a in anchors), None)
    folder = "/guide/treaties/" if lang == "zh" else f"/guide/{lang}/treaties/"
    return f"{folder}{stem}.html" + (f"#{anchor}" if anchor else "")


def _choices() -> dict:
    choices = form_choices()
    return {"states": choices["states"], "measures": choices["measures"],
            "offences": [o for o in choices["offences"] if o["id"] in OFFENCES], "channels": {c["id"]: c for c in choices["channels"]}}
