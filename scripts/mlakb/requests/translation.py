"""Which free-text fields of a draft a letter in Chinese or English could not show in its language.

A Text field holds plain text (in the language of the request) or one text per language ({zh: ..., en: ...}).  A
letter declared in English, or bilingual, whose text is still only in Chinese cannot be sent as it is.
"""
from __future__ import annotations

from .model import RequestDraft, text_fields


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def _has_latin(text: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in text)


def _chinese_only(text: str) -> bool:
    return _has_cjk(text) and not _has_latin(text)


def _reads_in(text: str, lang: str) -> bool:
    """Text a letter in `lang` can show as it is: Chinese text in a Chinese letter; in an English one anything but Chinese
    alone ("李某 (LI Mou)" carries its romanisation); a short Latin-script name (a bank, a place) in either."""
    if lang == "zh":
        return _has_cjk(text) or len(text.split()) <= 6
    return not _chinese_only(text)


def _untranslated(value, lang: str, written: str | None) -> bool:
    """True when the letter in `lang` would show this value in another language."""
    if isinstance(value, dict):
        text = value.get(lang)
        return not _reads_in(text if text else " ".join(value.values()), lang)
    return not _reads_in(value, lang) if lang != written or lang == "en" else False


def untranslated(draft: RequestDraft) -> dict[str, list[tuple]]:
    """For each letter language the draft declares (Chinese, English), the fields with no text in it."""
    written = draft.languages.request
    needed = [lang for lang in ("zh", "en") if lang == written or lang in draft.languages.translations]
    return {lang: [loc for loc, value in text_fields(draft) if _untranslated(value, lang, written)] for lang in needed}
