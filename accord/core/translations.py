"""Content in the organization's languages: one value holding a text per language, and one way to pick it.

Every text a person writes or reads in several languages (a name, a title, a summary, a note, a letter)
is one `Texts`: an ordered mapping from an ISO 639 code to the text in that language, in the order of
the organization's languages, so that its first language is the default. It is stored in one JSON
column (`TextsField`, as a list of `[code, text]` pairs, because PostgreSQL's jsonb does not keep the
order of an object's keys), written into entry bodies as a JSON object, and read back everywhere through
`Texts.pick`, which gives the reader's language or, when that text is missing, the default language's
text marked as a fallback:

    title = texts_of(data["title"], "title", content_languages())     # in an action: checked, ordered
    session.title.pick("fr")          # Picked(text="Sommet de Moscou", language="fr", fallback=False)
    str(session.title)                # the text in the active language (plain text, for attributes)
    {{ session.title|tr }}            # in a template: the text with its `lang`, and a mark if a fallback

The languages a value may hold are the organization's (`content_languages()`); the registry tells this
module where to read them (`use_languages`), as the ledger is told where the witnesses are, so that this
module, below every app, imports none of them.
"""

from __future__ import annotations

import contextvars
import gettext
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

import pycountry
from django import forms
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pydantic import PlainSerializer

from accord.core import once
from accord.core.errors import InvalidInput
from accord.core.values import text_of

# ---------------------------------------------------------------------------------------------------
# Languages: ISO 639 codes and their names


_CODE = re.compile(r"^[a-z]{2,3}$")


def is_language(code: object) -> bool:
    """Whether `code` is an ISO 639 language code (639-1 two letters, or 639-2/3 three), per pycountry."""
    if not isinstance(code, str) or not _CODE.match(code):
        return False
    return _language(code) is not None


@cache
def _language(code: str) -> Any:
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    if found is None and len(code) == 3:
        # A 639-2 bibliographic code (`arm`, `fre`) names the same language as its 639-3 twin.
        found = next((language for language in pycountry.languages
                      if getattr(language, "bibliographic", None) == code), None)
    return found


def language_code(value: object, field: str) -> str:
    """An ISO 639 code as given (`fr`, `hye`), or a refusal naming the field."""
    code = "" if value is None else str(value).strip().lower()
    if not code:
        raise InvalidInput(field, _("is required"))
    if not is_language(code):
        raise InvalidInput(field, _("%(value)s is not an ISO 639 language code") % {"value": repr(code)})
    return code


@cache
def _iso_catalogue(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


# Languages whose writing puts a language's name in lower case inside a sentence ("en russe"), where
# pycountry's catalogues, made for lists, capitalize it ("Russe").
_LOWER_IN_A_SENTENCE = frozenset({"fr", "es", "it", "pt", "ca", "ro"})


def language_name(code: str, in_language: str | None = None, *, in_a_sentence: bool = False) -> str:
    """A language's name in the reader's language (`ru` in French: "Russe", "russe" `in_a_sentence`), from
    pycountry's catalogues.

    An unknown code is returned as it is, so that a page never fails on a value it cannot name.
    """
    found = _language(code) if isinstance(code, str) and _CODE.match(code) else None
    if found is None:
        return code
    reader = (in_language or get_language() or "en").split("-")[0]
    english = getattr(found, "common_name", None) or found.name
    if reader == "en":
        return str(english)
    name = str(_iso_catalogue("iso639-3", reader).gettext(found.name))
    if in_a_sentence and reader in _LOWER_IN_A_SENTENCE:
        return name[:1].lower() + name[1:]
    return name


def language_choices(codes: Iterable[str], in_language: str | None = None) -> list[tuple[str, str]]:
    """`(code, "name (code)")` pairs for a form's choices, in the reader's language."""
    return [(code, f"{language_name(code, in_language)} ({code})") for code in codes]


def all_language_codes() -> list[str]:
    """Every individual living or historical language with a two- or three-letter code, for a form's list."""
    codes = []
    for language in pycountry.languages:
        if getattr(language, "scope", "I") != "I":
            continue
        codes.append(getattr(language, "alpha_2", None) or language.alpha_3)
    return codes


def country_name(alpha_2: str, in_language: str | None = None) -> str:
    """A state's short name in the reader's language from pycountry's ISO 3166 catalogues ("" if unknown)."""
    if not alpha_2:
        return ""
    return _country_name(alpha_2.upper(), (in_language or get_language() or "en").split("-")[0])


@cache
def _country_name(alpha_2: str, reader: str) -> str:
    """Looked up once per state and language: every member's name on every page and in every act's index."""
    found = pycountry.countries.get(alpha_2=alpha_2)
    if found is None:
        return ""
    english = getattr(found, "common_name", None) or found.name
    if reader == "en":
        return str(english)
    return str(_iso_catalogue("iso3166-1", reader).gettext(found.name))


# ---------------------------------------------------------------------------------------------------
# The organization's languages


_languages_source: Callable[[], Sequence[str]] | None = None
# A block may fix the languages (`languages_for`); a request reads them once (accord.core.once).
_request_languages: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar(
    "accord_content_languages", default=None)
LANGUAGES_KEPT = "content_languages"  # what accord.core.once keeps them under


def use_languages(source: Callable[[], Sequence[str]]) -> None:
    """Where the organization's languages are read (the registry sets it when Django starts)."""
    global _languages_source
    _languages_source = source


def content_languages() -> tuple[str, ...]:
    """The languages the organization keeps its content in, its default first (English if none is set)."""
    fixed = _request_languages.get()
    if fixed is not None:
        return fixed
    return once.remembered(LANGUAGES_KEPT, _read_languages)


def _read_languages() -> tuple[str, ...]:
    return (tuple(_languages_source()) if _languages_source is not None else ()) or ("en",)


class languages_for:
    """Fix the organization's languages for a block (a request, a replay) so that they are read once."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = tuple(languages)
        self.token: contextvars.Token[tuple[str, ...] | None] | None = None

    def __enter__(self) -> tuple[str, ...]:
        self.token = _request_languages.set(self.languages)
        return self.languages

    def __exit__(self, *exc: object) -> None:
        assert self.token is not None
        _request_languages.reset(self.token)


# ---------------------------------------------------------------------------------------------------
# Texts


@dataclass(frozen=True, slots=True)
class Picked:
    """The text a reader gets: in which language, and whether it stands in for a missing translation."""

    text: str
    language: str
    fallback: bool

    def __str__(self) -> str:
        return self.text


class Texts(dict[str, str]):
    """A text per language, in the organization's order (its default language first).

    A dict, so that it is JSON as it stands (entry bodies, the API); `str()` gives the text in the
    active language, with the fallback of `pick`.
    """

    def pick(self, language: str | None = None) -> Picked:
        """The text in `language` (the active one if None); else in the first language that has one."""
        wanted = (language or get_language() or "en").split("-")[0]
        text = self.get(wanted)
        if text:
            return Picked(text, wanted, False)
        for code, text in self.items():
            if text:
                return Picked(text, code, True)
        return Picked("", wanted, False)

    def __str__(self) -> str:
        return self.pick().text

    def __bool__(self) -> bool:
        return any(self.values())

    @property
    def default(self) -> str:
        """The text in the first language that has one (the organization's default, normally)."""
        return next((text for text in self.values() if text), "")

    def in_order(self, languages: Sequence[str]) -> Texts:
        """The same texts, in the order of `languages` (those not listed after them, as they were)."""
        ranked = {code: index for index, code in enumerate(languages)}
        return Texts(sorted(self.items(), key=lambda item: ranked.get(item[0], len(ranked))))

    @classmethod
    def of(cls, value: object) -> Texts:
        """A `Texts` from what storage or a statement holds: a mapping, `[code, text]` pairs, or a plain
        string (taken to be in the default language)."""
        if isinstance(value, Texts):
            return value
        if isinstance(value, Mapping):
            return cls((str(code), str(text)) for code, text in value.items() if text)
        if isinstance(value, list):
            return cls((str(code), str(text)) for code, text in value if text)
        if isinstance(value, str) and value:
            return cls({content_languages()[0]: value})
        return cls()


def texts_of(value: object, field: str, languages: Sequence[str] | None = None, *,
             required: bool = True, limit: int = 500) -> Texts:
    """Texts as an act stores them: a mapping from language to text, checked against the organization's
    languages, each text read as `values.text_of` reads one, in the organization's order.

    The default language (the first) is required when the value is; the others may be missing, and a
    reader of a missing one gets the default, marked. A language the organization does not keep is
    refused by name (`title.fr`), as is a text that cannot be stored.
    """
    languages = tuple(languages) if languages is not None else content_languages()
    if value is None or value == "":
        value = {}
    if isinstance(value, str):
        value = {languages[0]: value}
    if isinstance(value, list) and all(isinstance(pair, list | tuple) and len(pair) == 2 for pair in value):
        value = dict(value)
    if not isinstance(value, Mapping):
        raise InvalidInput(field, _("must give a text per language, as an object such as %(example)s")
                           % {"example": '{"' + languages[0] + '": "…"}'})
    texts = Texts()
    for code, text in value.items():
        code = str(code)
        if code not in languages:
            raise InvalidInput(f"{field}.{code}", _("is not one of the organization's languages (%(languages)s)")
                               % {"languages": ", ".join(languages)})
        if text is not None and not isinstance(text, str):
            raise InvalidInput(f"{field}.{code}", _("must be text"))
        clean = text_of(text, f"{field}.{code}", required=False, limit=limit)
        if clean:
            texts[code] = clean
    if required and not texts.get(languages[0]):
        default = languages[0]
        reason = _("is required (the organization's default language, %(language)s)")
        raise MissingDefaultText(f"{field}.{default}",
                                 reason % {"language": language_name(default, in_a_sentence=True)})
    return texts.in_order(languages)


class MissingDefaultText(InvalidInput):
    """A translatable text without its default language's text (the one language a text requires)."""


def text_refusal(label: str, failure: InvalidInput) -> str:
    """A refused text as its form says it beside the field, once: the field by its label, the language
    where it matters (`Place (French): …`), and why; a missing default text as one sentence."""
    language = failure.field.rpartition(".")[2] if "." in failure.field else ""
    named = language_name(language, in_a_sentence=True) if language else ""
    if isinstance(failure, MissingDefaultText):
        return _("%(field)s: required in the organization's default language (%(language)s)") % {
            "field": label, "language": named}
    return f"{label} ({named}): {failure.reason}" if named else f"{label}: {failure.reason}"


def legacy_texts(statement: Mapping[str, Any], stem: str) -> Texts:
    """The texts an entry's statement gives for `stem`: `stem` itself, or, in entries written before
    content followed the charter's languages, the `stem_en`, `stem_ru` pair (replay reads both)."""
    if stem in statement:
        return Texts.of(statement[stem])
    pairs = {key[len(stem) + 1:]: value for key, value in statement.items()
             if key.startswith(stem + "_") and _CODE.match(key[len(stem) + 1:]) and isinstance(value, str)}
    ordered = sorted(pairs.items(), key=lambda item: item[0] != "ru")  # the old default was Russian
    return Texts((code, text) for code, text in ordered if text)


def _is_texts(value: object) -> bool:
    """Whether a value of a statement is a text per language (an object from ISO 639 code to text)."""
    return isinstance(value, Mapping) and all(
        isinstance(code, str) and _CODE.match(code) and isinstance(text, str) for code, text in value.items())


def says_the_same(older: object, current: object) -> bool:
    """Whether a statement written in an older shape says what `current` says: the one rule by which an
    entry written before content followed the charter's languages replays (docs/ledger.md, "How an act is
    replayed"), and by which a signed statement in that shape is the act's.

    The same, except that where `current` holds a text per language, `older` may hold it as one plain
    string (the default language's, as `Texts.of` reads it; an empty string for no text), as the
    `stem_en`, `stem_ru` pairs of the first versions (as `legacy_texts` reads them), or as a plain text
    beside such pairs, in the one language they do not give (a person's Latin name and `full_name_ru`).
    """
    if older == current:
        return True
    if isinstance(older, str) and _is_texts(current):
        return Texts.of(older) == Texts.of(current)
    if isinstance(older, list) and isinstance(current, list):
        return len(older) == len(current) and all(map(says_the_same, older, current))
    if not (isinstance(older, Mapping) and isinstance(current, Mapping)):
        return False
    rest = dict(older)
    for key, value in current.items():
        paired_names = [name for name in rest if name.startswith(f"{key}_") and _CODE.match(name[len(key) + 1:])]
        pairs = {name: rest.pop(name) for name in paired_names} if _is_texts(value) else {}
        if not pairs:
            if key not in rest or not says_the_same(rest.pop(key), value):
                return False
            continue
        plain = rest.pop(key, None)
        texts, paired = Texts.of(value), legacy_texts(pairs, key)
        if paired != Texts((code, text) for code, text in texts.items() if code in paired):
            return False
        # A plain text beside the pairs (a person's name: Latin, and `full_name_ru`) is the one language's
        # text that the pairs do not give.
        others = [text for code, text in texts.items() if code not in paired]
        if (plain or others) and [plain] != others:
            return False
    return not rest


# ---------------------------------------------------------------------------------------------------
# Storage


class _TextsAttribute(DeferredAttribute):
    """The field's attribute on a model instance: always a `Texts`, whatever was assigned.

    A data descriptor (it has `__set__`), so that what a constructor or an action assigns goes through
    it too: Django's own attribute is not one, and a value in the instance's `__dict__` would hide it.
    """

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        value = super().__get__(instance, cls)
        if instance is None or isinstance(value, Texts):
            return value
        texts = Texts.of(value)
        instance.__dict__[self.field.attname] = texts
        return texts

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = value if isinstance(value, Texts) else Texts.of(value)


class TextsField(models.JSONField):
    """A model field holding `Texts`: stored as `[[code, text], ...]` so that every database keeps the order."""

    descriptor_class = _TextsAttribute

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value: Any) -> Any:
        return super().get_prep_value([[code, text] for code, text in Texts.of(value).items()])

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return Texts.of(super().from_db_value(value, expression, connection))

    def to_python(self, value: Any) -> Any:
        return Texts.of(value)

    def value_to_string(self, obj: Any) -> Any:
        return dict(Texts.of(self.value_from_object(obj)))


# ---------------------------------------------------------------------------------------------------
# The API: every language, or the one asked for (`?lang=fr`)


_api_language: contextvars.ContextVar[str | None] = contextvars.ContextVar("accord_api_language", default=None)


def set_api_language(language: str | None) -> contextvars.Token[str | None]:
    """The language an API request asked for with `?lang=` (None: every language). Set by the middleware."""
    return _api_language.set(language)


def reset_api_language(token: contextvars.Token[str | None]) -> None:
    _api_language.reset(token)


def _for_api(value: Any) -> dict[str, str]:
    texts = Texts.of(value)
    language = _api_language.get()
    if language is None:
        return dict(texts)
    picked = texts.pick(language)
    return {picked.language: picked.text} if picked.text else {}


# The type of a translatable field in an API schema: an object from language to text.
TextsOut = Annotated[dict[str, str], PlainSerializer(_for_api, return_type=dict[str, str])]


# ---------------------------------------------------------------------------------------------------
# Forms: one input per language of the organization


class TextsWidget(forms.MultiWidget):
    """One input per language, each with its own `lang` so that a browser spell-checks it rightly."""

    template_name = "core/forms/texts.html"

    def __init__(self, languages: Sequence[str], multiline: bool = False,
                 attrs: dict[str, Any] | None = None) -> None:
        self.languages = tuple(languages)
        # Named by language (`title_en`, `title_fr`), so that what is posted says which text it is.
        kind = forms.Textarea if multiline else forms.TextInput
        inputs: dict[str, forms.Widget | type[forms.Widget]] = {code: kind(attrs={"lang": code})
                                                                for code in self.languages}
        super().__init__(inputs, attrs)

    def decompress(self, value: Any) -> list[str]:
        texts = Texts.of(value)
        return [texts.get(code, "") for code in self.languages]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for index, (widget, code) in enumerate(zip(context["widget"]["subwidgets"], self.languages, strict=True)):
            widget["language"] = code
            widget["language_name"] = language_name(code)
            widget["default"] = index == 0
        return context


class TextsFormField(forms.MultiValueField):
    """A form field taking a text per organization language; its cleaned value is a checked `Texts`.

    The languages are the organization's unless given; `ActForm` binds them when the form is built
    (`bind_languages`), so a form class declares the field once for every organization.
    """

    def __init__(self, *, languages: Sequence[str] | None = None, multiline: bool = False,
                 limit: int = 500, required: bool = True, **kwargs: Any) -> None:
        self.multiline = multiline
        self.limit = limit
        self.text_required = required
        self.languages: tuple[str, ...] = tuple(languages or ("en",))
        fields = [forms.CharField(required=False, strip=True) for _code in self.languages]
        super().__init__(fields=fields, require_all_fields=False, required=False,
                         widget=TextsWidget(self.languages, multiline), **kwargs)

    def bind_languages(self, languages: Sequence[str]) -> None:
        self.languages = tuple(languages)
        self.fields = tuple(forms.CharField(required=False, strip=True) for _code in self.languages)
        self.widget = TextsWidget(self.languages, self.multiline)

    def compress(self, data_list: list[Any]) -> Texts:
        return Texts(zip(self.languages, (text or "" for text in data_list), strict=False))

    def clean(self, value: Any) -> Texts:
        given = super().clean(value)
        try:
            return texts_of(given, "texts", self.languages, required=self.text_required, limit=self.limit)
        except InvalidInput as refused:
            # One message, beside the field, in the reader's words: the field by its label, which language's
            # text (once), and why.
            label = str(self.label or "").strip() or _("This field")
            raise forms.ValidationError(text_refusal(label, refused)) from None


def bind_form_languages(fields: Mapping[str, forms.Field], languages: Sequence[str] | None = None) -> None:
    """Give every `TextsFormField` of a form the organization's languages (read once)."""
    texts_fields = [field for field in fields.values() if isinstance(field, TextsFormField)]
    if not texts_fields:
        return
    chosen = tuple(languages) if languages is not None else content_languages()
    for field in texts_fields:
        field.bind_languages(chosen)


def each_language(texts: Texts, languages: Sequence[str]) -> Iterator[tuple[str, str]]:
    """`(code, text)` for each of the organization's languages, "" where a text is missing."""
    for code in languages:
        yield code, texts.get(code, "")
