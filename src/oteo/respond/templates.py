"""Response templates: the shipped ones (``templates.yaml``) and the brand's own.

A template is text with ``$variables``; :func:`render` fills them and says which are
missing.  A brand's template with ``approved_by`` is pre-approved (S14): used as it is,
it counts as one approval; edited, it is a new draft like any other.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from oteo.text import clean_field

#: every variable a template may use, and what fills it
VARIABLES = (
    "author",  # the handle answered (replies)
    "brand",
    "signer",  # who signs: the responder's name
    "private",  # where to continue in private (respond.private_contact)
    "what_happened",
    "what_we_do",
    "next_update",  # the time of the next update (holding statements)
    "case",  # the inbox or incident reference
)
KINDS = ("reply", "holding", "statement")
#: a value a stranger controls (a handle) is cut to this and loses control characters
MAX_VALUE = 500


class TemplateError(ValueError):
    """``key`` is a message key; ``values`` fill it."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    scenario: str
    kind: str
    lang: str
    text: str
    approved_by: str | None = None
    approved_on: date | None = None
    builtin: bool = False

    @property
    def variables(self) -> list[str]:
        return string.Template(self.text).get_identifiers()

    @property
    def pre_approved(self) -> bool:
        return bool(self.approved_by)


def unknown_variables(text: str) -> list[str]:
    """Variables in ``text`` that no one fills (``$`` alone or a misspelt name)."""
    tpl = string.Template(text)
    if not tpl.is_valid():
        return ["$"]
    return [v for v in tpl.get_identifiers() if v not in VARIABLES]


@cache
def builtin() -> tuple[Template, ...]:
    raw = yaml.safe_load(files("oteo.respond").joinpath("templates.yaml").read_text("utf-8"))
    return tuple(
        Template(item["id"], item["scenario"], item["kind"], lang, item[lang], builtin=True)
        for item in raw
        for lang in ("es", "en")
    )


def catalogue(config_templates: Sequence[Any] = ()) -> dict[tuple[str, str], Template]:
    """Every template by ``(id, lang)``; the brand's own replace shipped ones."""
    out = {(t.id, t.lang): t for t in builtin()}
    for c in config_templates:
        out[(c.id, c.lang)] = Template(
            c.id, c.scenario, c.kind, c.lang, c.text, c.approved_by, c.approved_on
        )
    return out


#: the kinds of template a statement on an incident is drafted from
STATEMENTS = ("holding", "statement")
#: the scenarios (playbooks) whose statements fit who started an incident: an
#: illegitimate attack is answered with a factual denial, not an apology (S19)
BY_ORIGIN = {
    "competitor": ("competitor_rumour",),
    "troll": ("competitor_rumour",),
    "insider": ("insider",),
    "influencer": ("influencer",),
    "brand": ("wrong_post", "hacked_account"),
}
#: and by the harm it speaks of, when enough of the posts of its latest alert's
#: window do (``HARM_POSTS``): one post on health does not make it a food-safety matter
BY_HARM = {"health": ("food_safety",)}
HARM_POSTS = 3


def playbooks(incident: dict[str, Any]) -> tuple[str, ...]:
    """The scenarios whose statements fit an incident, best first: by who started it,
    what it is called and the harm its posts speak of."""
    found = list(BY_ORIGIN.get(incident.get("origin") or "", ()))
    if incident.get("category") == "attack":
        found.extend(BY_ORIGIN["competitor"])
    harm = ((incident.get("why") or {}).get("signals") or {}).get("harm") or {}
    for kind, posts in sorted(harm.items(), key=lambda kv: -kv[1]):
        if posts >= HARM_POSTS:
            found.extend(BY_HARM.get(kind, ()))
    return tuple(dict.fromkeys(found))


def listed(
    config_templates: Sequence[Any], kinds: tuple[str, ...], fits: tuple[str, ...] = ()
) -> list[tuple[str, bool]]:
    """The ids of the templates of these kinds (any language), each with whether its
    scenario is one of ``fits`` (:func:`playbooks`): those first, in its order; then the
    pre-approved, then the general ones."""
    found = [t for t in catalogue(config_templates).values() if t.kind in kinds]
    found.sort(
        key=lambda x: (
            fits.index(x.scenario) if x.scenario in fits else len(fits),
            not x.pre_approved,
            x.scenario != "general",
            x.id,
        )
    )
    # an id once, as it comes first: a brand's own template may give one language of a
    # shipped id another scenario
    shown: dict[str, bool] = {}
    for x in found:
        shown.setdefault(x.id, x.scenario in fits)
    return list(shown.items())


def clean_value(value: object) -> str:
    """A variable's value, safe to put in a post: one line, no control or direction
    characters, bounded."""
    return (clean_field(str(value).replace("\n", " ").replace("\r", " "), MAX_VALUE)) or ""


def render(template: Template, values: dict[str, object]) -> str:
    """The template's text with its variables filled; TemplateError names the missing."""
    missing = [v for v in template.variables if not str(values.get(v) or "").strip()]
    if missing:
        raise TemplateError("respond.template_missing", id=template.id, names=", ".join(missing))
    filled = {k: clean_value(v) for k, v in values.items() if v is not None}
    return string.Template(template.text).substitute(filled)
