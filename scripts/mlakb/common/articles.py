"""Article references ("18(15)", "16(4)-(5)", "2(1)(a)") written in Chinese.

The drafter writes numerals in Chinese, as a formal letter does (第十八条第十五款); the guide and
the legal-basis report write them in Arabic figures, as the guide's prose does (第18条第15款).
"""
from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_REFERENCE = re.compile(r"(\d+)(?:\((\d+)\))?(?:-\((\d+)\))?(?:\(([a-z])\))?")


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 47 → 四十七, 101 → 一百零一 (up to 999)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else ("零" + chinese_number(rest) if rest < 10 else ("一" if rest < 20 else "") + chinese_number(rest))
    return _DIGITS[n // 100] + "百" + tail


def article_zh(article: str, figures: str = "chinese") -> str:
    """An article reference in Chinese: 第十八条第十五款 (figures="chinese") or 第18条第15款 (figures="arabic").
    A form this does not know ("25(2)-(3)bis") is kept as written: 第25(2)-(3)bis条."""
    match = _REFERENCE.fullmatch(article.strip())
    if not match:
        return f"第{article}条"
    number = chinese_number if figures == "chinese" else str
    article_no, paragraph, last, item = match.groups()
    out = f"第{number(int(article_no))}条"
    if paragraph:
        out += f"第{number(int(paragraph))}款" + (f"至第{number(int(last))}款" if last else "")
    if item:
        out += f"({item})项"
    return out
