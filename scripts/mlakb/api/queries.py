"""Canned queries for the questions practitioners ask.  `:jurisdiction` accepts an ISO code or a name in English or Chinese."""
from __future__ import annotations

from ..query.lookup import exact_match as resolve

CANNED = {
    "central_authority": {
        "title": "Central authority of a State / 某国的中央机关",
        "description": "Who receives a request: the central authority of a State or territory (ISO code, English or Chinese name), optionally for one matter (mla, extradition, transfer-of-sentenced-persons, transfer-of-proceedings, asset-recovery; empty = all). An unknown State or matter answers 400; no rows means that no central authority is recorded for a known State. 请求应发送给谁：某国（ISO 代码、英文或中文名称）的中央机关，可按事项筛选。未知的国家或事项返回 400；结果为空表示该国尚无记录的中央机关。",
        "sql": f"""select a.jurisdiction, a.jurisdiction_en, a.jurisdiction_zh,
       a.id as authority, a.name_en, a.name_zh, a.name_local, a.unit, a.handles, a.designated_under,
       a.contact_scope, a.address, a.phone, a.fax, a.email, a.website, a.hours, a.timezone, a.contact_notes, a.contacts,
       a.languages, a.channels, a.urgent, a.urgent_zh, a.sources, a.sources_newest, a.sources_kinds, a.sources_old, a.verified
from authority_cards a
where a.jurisdiction in ({resolve(':jurisdiction')})
  and a.kind = 'central-authority'
  and (coalesce(:matter, '') = '' or exists (select 1 from authority_matters m where m.authority = a.id and m.matter = :matter))
order by a.n""",
        "params": ["jurisdiction", "matter"],
    },
    "authorities_accepting_language": {
        "title": "Authorities accepting a language / 接受某语言的机关",
        "description": "Authorities that a source says accept requests in a language (ISO 639-1 code such as fr, or its English or Chinese name). 据资料来源，接受以某种语言提出请求的机关。",
        "sql": """select l.jurisdiction, j.name_en as jurisdiction_en, j.name_zh as jurisdiction_zh, a.id as authority,
       a.name_en, a.kind, a.handles, a.languages, a.contact_scope, a.email, a.sources_newest, a.verified
from authority_languages l
  join authority_cards a on a.id = l.authority
  join jurisdictions j on j.id = l.jurisdiction
where l.language = lower(trim(:language)) or lower(l.language_en) = lower(trim(:language)) or l.language_zh = trim(:language)
order by j.name_en, a.id""",
        "params": ["language"],
    },
    "parties_to_instrument": {
        "title": "Parties to an instrument / 文书缔约方",
        "description": "States bound by an instrument (id such as untoc, uncac, drugs1988, cn-can-mla, or its short title), with dates of signature, consent and, where a State left it, denunciation. 受某文书约束的国家及签署、同意受约束和（如有）退出生效的日期。",
        "sql": """select p.instrument, i.title_en, p.jurisdiction, j.name_en, j.name_zh, p.signature, p.consent, p.action,
       p.entry_into_force, p.denounced, i.parties_known
from party_states p join instruments i on i.id = p.instrument join jurisdictions j on j.id = p.jurisdiction
where lower(p.instrument) = lower(trim(:instrument)) or lower(i.short_title_en) = lower(trim(:instrument)) or i.short_title_zh = trim(:instrument)
order by j.name_en""",
        "params": ["instrument"],
    },
    "find_jurisdiction": {
        "title": "Find a State or territory / 查找国家或地区",
        "description": "Search jurisdictions by part of a name in English or Chinese, or by code. 按名称（中英文）或代码查找。",
        "sql": """select id, iso2, name_en, name_zh, region, has_central_authority, has_languages, has_contacts, verified
from jurisdictions
where id = lower(trim(:q)) or iso2 = upper(trim(:q)) or name_en like '%' || trim(:q) || '%' or name_zh like '%' || trim(:q) || '%'
order by name_en limit 50""",
        "params": ["q"],
    },
}

# What each canned query's parameters must name, checked before Datasette runs the SQL (see params.canned_problem):
# an unknown State, matter, instrument or language answers 400 naming the parameter, so that "unknown State" is
# never mistaken for "no authority recorded" (a known State with no row).  Optional parameters may be left empty.
PARAMETERS = {
    "central_authority": {"jurisdiction": ("state", True), "matter": ("matter", False)},
    "authorities_accepting_language": {"language": ("language", True)},
    "parties_to_instrument": {"instrument": ("instrument", True)},
    "find_jurisdiction": {"q": ("text", True)},
}
