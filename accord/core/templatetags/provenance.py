"""`{% certainty thing "field" %}`: the certainty mark a recorded value carries, printed beside it.

    {{ b.starts_at|instant }}{% certainty b "starts_at" %}   ->   16 May 2022, 12:00 · illustrative

`thing` is anything with an `entry_seq` (the entry of the act that set the value) or that entry's number.
A reported, uncertain or illustrative value gets its mark, followed by the note and the sources, which
screen readers read with it and sighted readers see when the mark is hovered or focused (no script; all
phrasing content, so it may stand inside a paragraph); a confirmed value with sources gets only them. The form
"print" prints the mark and the note as text (PDFs and other printed forms), "short" the mark alone (a
heading, a page title), "text" the mark alone as plain text (inside a drawing's <text> or <title>, or an
attribute, where no markup may stand). Nothing is printed for a value whose act carries no provenance.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accord.core import provenance
from accord.core.translations import Texts

register = template.Library()


def _seq(thing: Any) -> int | None:
    if isinstance(thing, int) and not isinstance(thing, bool):
        return thing
    seq = getattr(thing, "entry_seq", None)
    return seq if isinstance(seq, int) else None


def found_for(context: Any, thing: Any, field: str) -> provenance.FieldProvenance | None:
    """The provenance of `field` of `thing`, read once per entry and page."""
    seq = _seq(thing)
    if seq is None:
        return None
    request = context.get("request") if hasattr(context, "get") else None
    cache: dict[int, dict[str, provenance.FieldProvenance]] = getattr(request, "_accord_provenance", None) or {}
    if seq not in cache:
        cache.update(provenance.of_entries([seq]))
        cache.setdefault(seq, {})
        if request is not None:
            request._accord_provenance = cache
    return cache[seq].get(field)


def _source_line(source: Any) -> SafeString:
    parts = [format_html("<cite>{}</cite>", source.get("title", ""))]
    if source.get("publisher"):
        parts.append(format_html("{}", source["publisher"]))
    if source.get("date"):
        parts.append(format_html('<time datetime="{}">{}</time>', source["date"], source["date"]))
    line = mark_safe(", ".join(parts))  # noqa: S308 (each part escaped by format_html)
    if source.get("value"):
        line = format_html("{} — {}", line, _("gives: %(value)s") % {"value": source["value"]})
    if source.get("link"):
        line = format_html('{} <a href="{}" rel="noopener noreferrer">{}</a>', line, source["link"], _("link"))
    return line


@register.simple_tag(takes_context=True)
def certainty(context: Any, thing: Any, field: str, form: str = "") -> SafeString:
    found = found_for(context, thing, field)
    if found is None:
        return mark_safe("")
    if form == "text":
        return format_html(" · {}", found.label) if found.marked else mark_safe("")
    note = Texts.of(found.note).pick().text if found.note else ""
    if form in ("print", "short"):
        if not found.marked:
            return mark_safe("")
        return format_html(' <span class="certainty certainty--{}">· {}{}</span>', found.certainty, found.label,
                           f" ({note})" if note and form == "print" else "")
    summary = found.label if found.marked else _("sources")
    # Phrasing content only (spans), so that the mark may stand inside a paragraph or a heading.
    items = format_html_join("; ", "<span>{}</span>", ((_source_line(s),) for s in found.sources))
    body = format_html('<span class="certainty__note">{}</span> ', note) if note else mark_safe("")
    if found.sources:
        body = format_html("{}<span>{} {}</span>", body, _("Sources:"), items)
    elif not note:
        body = format_html("<span>{}</span>", _("No source is recorded for this value."))
    return format_html(
        ' <span class="certainty certainty--{}">· <span class="certainty__label" tabindex="0">{}</span>'
        '<span class="certainty__sources" role="note">{}</span></span>', found.certainty, summary, body)
