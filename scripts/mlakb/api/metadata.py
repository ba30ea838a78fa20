"""Datasette metadata for build/mlakb.db: titles, licence, sources, bilingual column descriptions, canned queries."""
from __future__ import annotations

import json
from pathlib import Path

from ..common import atomic
from ..outputs import shape
from .queries import CANNED

DATABASE = "mlakb"

VIEWS = {
    "authority_cards": ("One card per authority, with its first criminal-matters contact", "每个机关一张卡片，附其首个刑事事项联系方式"),
    "central_authorities": ("Authority cards of central authorities", "中央机关卡片"),
    "party_states": ("States bound by each instrument: multilateral parties and bilateral sides", "受各文书约束的国家：多边缔约方和双边条约双方"),
    "coverage": ("How much of the directory is sourced, by region", "按区域统计的名录覆盖情况"),
}


def _table(en: str, zh: str, columns: dict | None = None) -> dict:
    out = {"title": f"{en} / {zh}", "description": f"{en}. {zh}。"}
    if columns is not None:
        out["columns"] = columns
    return out


def tables() -> dict:
    """Titles and bilingual column descriptions of every table, from the model (outputs.shape)."""
    out = {}
    for table in shape.TABLES:
        out[table.name] = _table(table.en, table.zh, {c.name: f"{c.en} / {c.zh}" for c in shape.columns(table.name)})
    for name, (en, zh) in VIEWS.items():
        out[name] = _table(en, zh)
    return out


def metadata() -> dict:
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
                "tables": tables(),
                "queries": CANNED,
            }
        },
    }


def write_metadata(target: Path) -> None:
    """build/metadata.json, which `mlakb serve` hands to Datasette."""
    with atomic.new_file(target) as tmp:
        tmp.write_text(json.dumps(metadata(), ensure_ascii=False, indent=2), encoding="utf-8")
