"""The database's shape, derived from the record model: tables, columns, keys and column descriptions.

Each table is a collection in the model (a list of facts inside a record).  Its columns are the model's fields:
a nested statement or name is flattened with its field name as prefix (`name_en`, `text_zh`, `urgent_text_en`),
a list is a JSON column.  Descriptions come from the model's field descriptions (English) and
`records/field_labels_zh.yaml` (Chinese), so a new field reaches the database and the Datasette metadata with
no edit here.  Derived columns and tables (coverage flags, language names, provisions) say what they compute.
"""
from __future__ import annotations

import typing
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel

from ..records import models
from ..records.labels import label_zh

@dataclass(frozen=True)
class Column:
    name: str
    type: type
    en: str
    zh: str
    json: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    model: type[BaseModel] | None        # None: a derived table, all of whose columns are in `extra`
    path: tuple[str, ...]                # where the collection sits in its record, e.g. ("authorities", "contacts")
    owner: str                           # the record kind: jurisdiction, instrument, vocabulary, glossary
    en: str
    zh: str
    keys: tuple[str, ...] = ()           # columns that place a row: its record, its authority, its position
    pk: tuple[str, ...] = ("id",)
    skip: tuple[str, ...] = ()           # model fields stored in a table of their own
    extra: tuple[Column, ...] = ()       # derived columns
    indexes: tuple[tuple[str, ...], ...] = ()


KEYS = {
    "row": Column("id", int, "Row number", "行号"),
    "jurisdiction": Column("jurisdiction", str, "Jurisdiction id (ISO 3166-1 alpha-3, lower case)", "国家或地区标识（ISO 三字母代码，小写）"),
    "authority": Column("authority", str, "Authority id", "机关标识"),
    "instrument": Column("instrument", str, "Instrument id", "文书标识"),
    "record": Column("record", str, "Id of the jurisdiction or instrument record citing the source", "引用该来源的记录"),
    "vocabulary": Column("vocabulary", str, "Vocabulary id", "词表标识"),
    "n": Column("n", int, "Position in the record's list (from 1)", "在记录列表中的序号"),
}

FACT_COLUMNS = (
    Column("sources_newest", str, "Date of the newest source that states this fact (YYYY, YYYY-MM or YYYY-MM-DD)", "陈述该事实的最新资料来源的日期"),
    Column("sources_kinds", str, "Kinds of the sources that state this fact: official, intergovernmental, secondary", "陈述该事实的资料来源类别：官方、政府间组织、其他", json=True),
    Column("sources_old", int, "1 when the newest source stating this fact is more than five years old, or undated", "陈述该事实的最新资料来源超过五年或无日期时为 1"),
)

TABLES: tuple[Table, ...] = (
    Table("jurisdictions", models.Jurisdiction, (), "jurisdiction", "States and territories with their own regime of international cooperation in criminal matters", "具有本国刑事司法协助制度的国家和地区",
          skip=("authorities", "requirements", "declarations", "informal_channels", "domestic_law", "practice", "sources", "searched"),
          extra=(Column("has_central_authority", int, "1 if a sourced central authority is recorded", "是否有有来源的中央机关"),
                 Column("has_languages", int, "1 if a source states the accepted languages", "是否有来源说明接受的语言"),
                 Column("has_contacts", int, "1 if an address, phone or e-mail is recorded", "是否有地址、电话或电子邮件"),
                 Column("languages", str, "Languages accepted by its authorities (ISO 639-1)", "其机关接受的语言", json=True),
                 Column("channels", str, "Transmission channels its authorities accept", "其机关接受的传递渠道", json=True)),
          indexes=(("name_en",), ("iso2",), ("region",))),
    Table("authorities", models.Authority, ("authorities",), "jurisdiction", "Central, competent and executing authorities", "中央机关、主管机关和执行机关",
          keys=("jurisdiction", "n"), skip=("contacts", "designations", "channels"), indexes=(("jurisdiction",), ("kind",))),
    Table("contacts", models.Contact, ("authorities", "contacts"), "jurisdiction", "Contact details of authorities, each typed by what it is for and sourced", "各机关的联系方式，注明用途和来源",
          keys=("jurisdiction", "authority", "n"), pk=("authority", "n"), indexes=(("authority",), ("scope",))),
    Table("designations", models.Designation, ("authorities", "designations"), "jurisdiction", "Legal bases under which an authority is designated or named", "机关据以指定或列名的法律依据",
          keys=("jurisdiction", "authority", "n"), pk=("authority", "n"), indexes=(("authority",), ("instrument",))),
    Table("authority_channels", models.Channel, ("authorities", "channels"), "jurisdiction", "Channels through which an authority accepts requests, and when", "机关接受请求的渠道及适用情形",
          keys=("jurisdiction", "authority", "n"), pk=("authority", "n"), indexes=(("channel",),)),
    Table("requirements", models.Requirement, ("requirements",), "jurisdiction", "What a request to a jurisdiction must satisfy, per measure, like a country fiche", "向某国提出请求须满足的要求（按措施，如国别概况）",
          keys=("row", "jurisdiction"), indexes=(("jurisdiction",), ("topic",))),
    Table("declarations", models.Declaration, ("declarations",), "jurisdiction", "Declarations and notifications under multilateral instruments", "根据多边文书作出的声明和通知",
          keys=("row", "jurisdiction"), indexes=(("jurisdiction",), ("instrument",))),
    Table("informal_channels", models.InformalChannel, ("informal_channels",), "jurisdiction", "Other competent authorities and informal channels: FIUs, INTERPOL NCBs, 24/7 points, networks", "其他主管机关和非正式渠道：金融情报机构、国际刑警组织国家中心局、全天候联络点、网络",
          keys=("row", "jurisdiction"), indexes=(("jurisdiction",), ("kind",))),
    Table("domestic_laws", models.Law, ("domestic_law",), "jurisdiction", "Domestic laws on international cooperation", "关于国际合作的国内法", keys=("row", "jurisdiction"), indexes=(("jurisdiction",),)),
    Table("practice", models.Practice, ("practice",), "jurisdiction", "What States reported of their own practice", "各国报告的本国实践", keys=("row", "jurisdiction"), indexes=(("jurisdiction",),)),
    Table("searches", models.Search, ("searched",), "jurisdiction", "Where unknown facts were looked for, and when", "未知信息的查找记录", keys=("row", "jurisdiction"), indexes=(("jurisdiction",),)),
    Table("instruments", models.Instrument, (), "instrument", "Treaties and laws: multilateral, bilateral, domestic", "条约和法律：多边、双边、国内法",
          skip=("parties", "sides", "sources", "provisions"),
          extra=(Column("status_id", str, "in-force, signed (not in force) or unknown: from the record's in_force and dates", "状态：生效、已签署未生效或未知"),),
          indexes=(("kind",),)),
    Table("parties", models.Party, ("parties",), "instrument", "Parties to instruments with their dates", "各文书的缔约方及日期",
          keys=("instrument",), pk=("instrument", "state"), indexes=(("state",),)),
    Table("sides", models.BilateralSide, ("sides",), "instrument", "The two sides of a bilateral treaty, with the central authority the treaty names", "双边条约的双方及条约指定的中央机关",
          keys=("instrument",), pk=("instrument", "state"), indexes=(("state",),)),
    Table("sources", models.Source, ("sources",), "record", "Every source cited by the records, with its date and kind", "各记录引用的资料来源及其日期和类别",
          keys=("record",), pk=("record", "id"), indexes=(("url",),)),
    Table("vocab", models.VocabEntry, ("entries",), "vocabulary", "Controlled vocabularies with English and Chinese labels", "受控词表（中英文）",
          keys=("vocabulary",), pk=("vocabulary", "id")),
    Table("glossary", models.GlossaryTerm, ("terms",), "glossary", "Bilingual glossary of the field", "中英对照术语表", keys=("row",)),
    # derived tables: one row per value, for the questions the API answers
    Table("authority_matters", None, (), "jurisdiction", "Matters each authority handles, one row each", "各机关负责的事项（每行一项）",
          keys=("authority", "jurisdiction"), pk=("authority", "matter"), extra=(Column("matter", str, "vocab matters", "事项"),), indexes=(("matter",),)),
    Table("authority_languages", None, (), "jurisdiction", "Languages each authority accepts, one row each, with display names", "各机关接受的语言（每行一种）及名称",
          keys=("authority", "jurisdiction"), pk=("authority", "language"),
          extra=(Column("language", str, "ISO 639-1 code", "ISO 639-1 代码"), Column("language_en", str, "Language name in English (CLDR)", "语言英文名称"),
                 Column("language_zh", str, "Language name in Chinese (CLDR)", "语言中文名称")),
          indexes=(("language",),)),
    Table("provisions", None, (), "instrument", "Which article of an instrument deals with which topic", "文书中各主题对应的条款",
          keys=("instrument",), pk=("instrument", "topic"),
          extra=(Column("topic", str, "vocab provision-topics", "主题"), Column("article", str, "Article and paragraph, e.g. 18(13)", "条款，如 18(13)")),
          indexes=(("topic",),)),
)

BY_NAME = {t.name: t for t in TABLES}


def nested_model(annotation) -> type[BaseModel] | None:
    """The model a field holds, directly or in a list or Optional."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        inner = nested_model(arg)
        if inner is not None:
            return inner
    return None


def is_collection(annotation) -> bool:
    origins = {typing.get_origin(annotation), *(typing.get_origin(a) for a in typing.get_args(annotation))}
    return bool(origins & {list, dict})


def _scalar_type(annotation) -> type:
    args = set(typing.get_args(annotation)) or {annotation}
    return int if args & {bool, int} and str not in args else str


def model_columns(model: type[BaseModel], skip: tuple[str, ...] = (), prefix: str = "", en_prefix: str = "", zh_prefix: str = "") -> list[Column]:
    """The model's fields as columns: a nested model flattened with a prefix, a list as JSON."""
    out: list[Column] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        en, zh = en_prefix + (info.description or ""), zh_prefix + label_zh(model, name)
        nested = nested_model(info.annotation)
        if nested is not None and not is_collection(info.annotation):
            out.extend(model_columns(nested, (), f"{prefix}{name}_", f"{en}: ", f"{zh}：" if zh else ""))
            continue
        collection = is_collection(info.annotation)
        out.append(Column(prefix + name, str if collection else _scalar_type(info.annotation), en, zh, json=collection))
        if name == "sources" and issubclass(model, models.Sourced):
            out.extend(Column(prefix + c.name, c.type, c.en, c.zh, c.json) for c in FACT_COLUMNS)
    return out


@lru_cache(maxsize=None)
def columns(name: str) -> tuple[Column, ...]:
    table = BY_NAME[name]
    own = model_columns(table.model, table.skip) if table.model is not None else []
    seen: dict[str, Column] = {}
    for column in (*(KEYS[k] for k in table.keys), *own, *table.extra):
        seen.setdefault(column.name, column)
    return tuple(seen.values())
