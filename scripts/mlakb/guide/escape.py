"""Turning record fields into Markdown that can only ever render as text.

Records are checked to be plain text, but the page generator does not rely on it: every string from a record is
HTML-escaped, and every character that Markdown or one of the enabled extensions gives a meaning to is written as
a numeric character reference, so a field cannot open a link, an image, an attribute list, a table cell or a block.
Links are built here and only from URLs whose scheme is http, https, mailto or tel.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import phonenumbers
from markupsafe import Markup

# characters that can start markup inline: escapes, code, emphasis, attribute lists, links and images ("[" is
# enough to stop "[x](y)" and "![x](y)"), table cells; "<", ">", "&" and '"' are HTML-escaped
_INLINE = "\\`*_{}[]|"
# characters that open a block when they start the text: headings, lists, quotes, admonitions, tabs, definitions
_BLOCK_START = set("#+-*>:!?=~%.")
_ORDERED_LIST = re.compile(r"^(\d+)([.)])")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in _INLINE} | {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"})


def _ref(char: str) -> str:
    return f"&#{ord(char)};"


def text(value: object) -> Markup:
    """Any value as inert Markdown text on one line."""
    escaped = " ".join(str(value).split()).translate(_TABLE)
    if escaped[:1] in _BLOCK_START:
        escaped = _ref(escaped[0]) + escaped[1:]
    escaped = _ORDERED_LIST.sub(lambda m: m.group(1) + _ref(m.group(2)), escaped)
    return Markup(escaped)


def safe_url(url: str | None) -> str | None:
    """The URL, percent-encoded for a Markdown link, when it is http(s) with a host; else None."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(ord(c) < 33 for c in url):
        return None
    # keep URL delimiters, encode everything that could end the link or start markup
    return quote(url, safe="/:?#&=%+@,;!$~*.-_")


def link(label: object, url: str | None) -> Markup:
    """A Markdown link to an http(s) URL, or the label as plain text when the URL is not one."""
    target = safe_url(url)
    if target is None:
        return text(label)
    return Markup(f"[{text(label)}]({target})")


def internal_link(label: object, target: str) -> Markup:
    """A link to another page of the guide; `target` is built by the generator, never taken from a record."""
    return Markup(f"[{text(label)}]({target})")


def page_link(label: object, href: str, hreflang: str) -> Markup:
    """An HTML link to a page of another language's build of the guide, which Markdown links cannot reach (MkDocs
    resolves them within one build); `href` is built by the generator, never taken from a record."""
    return Markup(f'<a href="{quote(href, safe="/.#-_")}" hreflang="{quote(hreflang)}">{text(label)}</a>')


def email_link(address: str) -> Markup:
    if not _EMAIL.match(address):
        return text(address)
    return Markup(f"[{text(address)}](mailto:{quote(address, safe='@.+-_')})")


def phone_link(number: str, region: str | None = None) -> Markup:
    """A `tel:` link in E.164 form when the number parses, else the number as text."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return text(number)
    if not phonenumbers.is_possible_number(parsed):
        return text(number)
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return Markup(f"[{text(number)}](tel:{e164})")


def host(url: str) -> str:
    """The host name of a URL, for a short link label."""
    return urlsplit(url).netloc or url
