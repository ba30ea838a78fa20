"""Datasette metadata for build/mlakb.db: titles, licence, sources, bilingual column descriptions, canned queries."""
from __future__ import annotations

from .queries import CANNED

DATABASE = "mlakb"

TABLES = {
    "jurisdictions": ("States and territories with their own regime of international cooperation in criminal matters", "具有本国刑事司法协助制度的国家和地区", {
        "id": "ISO 3166-1 alpha-3, lower case / ISO 三字母代码（小写）",
        "iso2": "ISO 3166-1 alpha-2 / ISO 两字母代码",
        "name_en": "Name in English / 英文名称",
        "name_zh": "Name in Chinese (CLDR) / 中文名称",
        "un_name": "Name as listed by the UN depositary / 联合国保存人所列名称",
        "region": "UN M49 region / 联合国 M49 区域",
        "part_of": "State a territory belongs to / 所属国家",
        "unknown": "Facts looked for and not found: help wanted / 尚未找到来源的信息（欢迎补充）",
        "has_central_authority": "1 if a sourced central authority is recorded / 是否有有来源的中央机关",
        "languages": "Languages accepted by its authorities (ISO 639-1) / 其机关接受的语言",
        "channels": "Transmission channels accepted / 接受的传递渠道",
        "verified": "Date of the last full review / 最近一次全面核实日期",
    }),
    "authorities": ("Central, competent and executing authorities, with contacts, languages and channels", "中央机关、主管机关和执行机关及其联系方式、语言和渠道", {
        "id": "Stable authority id / 机关标识",
        "jurisdiction": "Jurisdiction id / 所属国家或地区",
        "name_en": "Name in English / 英文名称",
        "name_zh": "Name in Chinese, where a source gives it / 中文名称",
        "name_local": "Name in the local language / 当地语言名称",
        "unit": "Unit that handles requests / 具体承办部门",
        "kind": "central-authority, competent-authority, executing-authority, contact-point ... / 机关类别",
        "handles": "Matters handled (mla, extradition ...) / 负责事项",
        "designated_under": "Instruments under which it is designated / 依据哪些文书指定",
        "address": "Postal address as printed by the source / 通讯地址",
        "phone": "Phone numbers, international format / 电话",
        "email": "E-mail addresses / 电子邮件",
        "website": "Official web page / 官方网站",
        "languages": "Languages in which it accepts requests (ISO 639-1) / 接受请求的语言",
        "channels": "Channels through which it accepts requests / 接受请求的渠道",
        "urgent": "What to do when the request is urgent / 紧急请求的处理方式",
        "contact_caution": "Why the contact may not be a confirmed criminal-matters contact / 联系方式注意事项",
        "sources": "Ids of the sources in the sources table (record = jurisdiction) / 资料来源",
        "verified": "Date the facts were last checked against their sources / 最近核实日期",
    }),
    "requirements": ("What a request to a jurisdiction must satisfy, with sources", "向某国提出请求须满足的要求及来源", {
        "topic": "languages, translation, dual-criminality, channel, costs, urgent ... / 要求类别",
        "policy": "For dual-criminality: none, coercive-only, all, discretionary / 双重犯罪政策",
        "text": "The requirement, in plain words / 要求内容",
    }),
    "declarations": ("Declarations and notifications under multilateral instruments", "根据多边文书作出的声明和通知", {
        "topic": "extradition-basis, mla-basis ... / 声明事项",
        "value": "1 = takes the convention as a legal basis, 0 = does not / 是否以公约为法律依据",
    }),
    "instruments": ("Treaties and laws: multilateral, bilateral, domestic", "条约和法律：多边、双边、国内法", {
        "kind": "multilateral, bilateral, domestic-law / 文书类别",
        "parties_known": "complete, partial or unknown party list / 缔约方名单完整程度",
        "scope_condition_en": "When the instrument applies as a legal basis / 适用条件",
    }),
    "parties": ("Parties to instruments with their dates (bilateral treaties list both sides)", "各文书的缔约方及日期（双边条约列出双方）", {
        "consent": "Date of ratification, accession, acceptance, approval or succession / 批准、加入、接受、核准或继承日期",
        "entry_into_force": "Entry into force for the State or of the treaty / 生效日期",
    }),
    "provisions": ("Which article of an instrument deals with which topic", "文书中各主题对应的条款", {
        "topic": "central-authority, dual-criminality, request-contents ... / 主题",
        "article": "Article and paragraph, e.g. 18(13) / 条款",
    }),
    "sources": ("Every source cited by the records, per record", "各记录引用的资料来源", {
        "record": "Jurisdiction or instrument id citing the source / 引用该来源的记录",
        "kind": "official, intergovernmental, un-depositary, secondary / 来源类别",
        "as_of": "Date the source shows for its content / 来源所示日期",
    }),
    "vocab": ("Controlled vocabularies with English and Chinese labels", "受控词表（中英文）", {}),
    "glossary": ("Bilingual glossary of the field", "中英对照术语表", {}),
}


def metadata() -> dict:
    tables = {
        name: {"title": f"{en} / {zh}", "description": f"{en}. {zh}。", "columns": columns}
        for name, (en, zh, columns) in TABLES.items()
    }
    return {
        "title": "mlakb: international cooperation in criminal matters / 国际刑事司法协助知识库",
        "description_html": (
            "Directory of central authorities for mutual legal assistance and extradition, the treaties that bind "
            "States, and their request requirements; every fact with its source and verification date. "
            "刑事司法协助与引渡中央机关名录、国家间适用的条约及请求要求；每项信息均注明来源和核实日期。"
            ' <a href="/guide/">Guide / 指南</a> · <a href="/-/search">Treaty search / 条约检索</a>'
        ),
        "license": "CC BY 4.0 (data); treaty texts: official texts, public documents",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": "UN depositary notifications, UN party lists, national guidance and official texts (see the sources table)",
        "source_url": "/mlakb/sources",
        "about": "mlakb",
        "about_url": "/guide/",
        "databases": {
            DATABASE: {
                "title": "mlakb directory / 名录",
                "tables": tables,
                "queries": CANNED,
            }
        },
    }
