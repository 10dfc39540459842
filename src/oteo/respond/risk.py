"""The automatic check every outgoing text passes before it is scheduled (S22).

Findings are ``block`` (the text must change) or ``warn`` (an approver may accept it,
saying why).  The check reads the text with the project's lexicon (no model to load).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from oteo.model import Severity
from oteo.text import tokens

#: what each network accepts in one post (Bluesky counts graphemes; close enough here)
LIMITS = {"mastodon": 500, "bluesky": 300}
#: the lexicon's offence score from which a text is offensive
OFFENSIVE = 0.5


@dataclass(frozen=True, slots=True)
class Risk:
    code: str  # offensive / risk_word / too_long / sensitive_topic / open_incident / wrong_account
    level: str  # block / warn
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def check(
    text: str,
    *,
    kind: str,
    network: str,
    purpose: str | None,
    risk_words: Iterable[str] = (),
    open_incidents: Sequence[dict[str, Any]] = (),
    for_incident: int | None = None,
) -> list[Risk]:
    """What could go wrong if ``text`` went out.

    ``kind`` is reply or post; ``purpose`` the account's (service or brand; None when
    published by hand); ``open_incidents`` the incidents open now (with their ``why``);
    ``for_incident`` the incident the text answers, if any.
    """
    from oteo.understand.lexical import read

    out: list[Risk] = []
    reading = read(text)
    if reading.offensive >= OFFENSIVE or reading.swearing:
        out.append(Risk("offensive", "block", reading.offensive_kind or "swearing"))
    words = set(tokens(text))
    folded = " ".join(tokens(text))
    for phrase in risk_words:
        wanted = " ".join(tokens(phrase))
        if wanted and f" {wanted} " in f" {folded} ":
            out.append(Risk("risk_word", "block", phrase))
    limit = LIMITS.get(network)
    if limit and len(text) > limit:
        out.append(Risk("too_long", "block", f"{len(text)}/{limit}"))
    if purpose is not None and (purpose == "service") != (kind == "reply"):
        out.append(Risk("wrong_account", "warn", purpose))
    for incident in open_incidents:
        if incident["id"] == for_incident:
            continue
        themes = (incident.get("why") or {}).get("themes") or []
        theme_words = {w for theme in themes for w in tokens(str(theme)) if len(w) > 3}
        touched = sorted(theme_words & words)
        if touched:
            out.append(Risk("sensitive_topic", "warn", ", ".join(touched[:5])))
        if kind == "post" and incident["severity"] >= Severity.STRONG:
            out.append(Risk("open_incident", "warn", f"#{incident['id']}"))
    return out


def blocking(risks: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in risks if r["level"] == "block"]
