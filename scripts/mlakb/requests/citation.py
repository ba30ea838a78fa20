"""How a letter names the instruments it relies on and the articles it cites, from the instruments' records:
the official title in the letter's language, and the articles recorded in the instrument's `provisions`."""
from __future__ import annotations

from ..common.articles import article_zh
from ..records import vocab
from .facts import Facts
from .model import RequestDraft

NO_ZH_TITLE = "（名录未载中文正式名称）"


def title(instrument: str, facts: Facts, lang: str) -> str:
    """《official Chinese title》 in Chinese, the English title in English; a Chinese letter shows the English title,
    marked, when the record has no Chinese one (the check says so: title-zh-unknown)."""
    row = facts.instruments.get(instrument, {})
    if lang == "zh":
        return f"《{row['title_zh']}》" if row.get("title_zh") else f"《{row.get('title_en') or instrument}》{NO_ZH_TITLE}"
    return row.get("title_en") or instrument


def short(instrument: str, facts: Facts, lang: str) -> str:
    row = facts.instruments.get(instrument, {})
    if lang == "zh":
        return title(instrument, facts, "zh")
    return row.get("short_en") or row.get("title_en") or instrument


def cited_articles(instrument: str, draft: RequestDraft, facts: Facts) -> list[str]:
    """The articles of `instrument` a request of this kind cites: the contents of a request (or the extradition article)
    and the articles on the measures sought, as the instrument's record gives them."""
    provisions = facts.provisions.get(instrument, {})
    if facts.matter == "extradition":
        topics = ["extradition", "request-contents"] + (["provisional-arrest"] if draft.extradition.provisional_arrest else [])
    else:
        measures = vocab.terms("measures")
        topics = ["request-contents"] + [t for m in draft.measure_ids() for t in (*(measures[m].cite if m in measures else ()), m)]
    return list(dict.fromkeys(provisions[t] for t in topics if t in provisions))


def articles_text(draft: RequestDraft, facts: Facts, lang: str) -> str | None:
    """"UNTOC art. 18(15), art. 18(8)" / "《联合国打击跨国有组织犯罪公约》第十八条第十五款、第十八条第八款"; None when no
    instrument relied on has recorded articles."""
    parts = []
    for instrument in draft.legal_basis.instruments:
        articles = cited_articles(instrument, draft, facts)
        if not articles:
            continue
        if lang == "zh":
            parts.append(short(instrument, facts, "zh") + "、".join(article_zh(a) for a in articles))
        else:
            parts.append(f"{short(instrument, facts, 'en')} " + ", ".join(f"art. {a}" for a in articles))
    return ("；" if lang == "zh" else "; ").join(parts) or None
