"""What a notification says: the level, the brand, and the why, in the team's language.

:func:`compose` builds a :class:`Message`, which is stored with each notification (so
a retry says exactly the same) and which every channel renders in its own format:
plain text for email and Telegram, Block Kit for Slack, an Adaptive Card for Teams…
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from oteo.i18n import decimal, number, t
from oteo.model import Severity

#: what a message is about
KINDS = ("alert", "escalated", "reopened", "chain", "acknowledged", "closed")


def window_minutes(signals: dict[str, Any]) -> int:
    """The length of detection's main window (an alert from before it was recorded: the
    default hour)."""
    return int(signals.get("window_minutes") or 60)


def why_lines(signals: dict[str, Any], lang: str) -> list[str]:
    """The time scale that moved, when it is not the main window, the people speaking
    of harm and the words far commoner than usual, when there are any (shared by
    messages and the incident page)."""
    out = []
    scale = signals.get("scale") or {}
    if scale and not scale.get("main", True):
        out.append(
            t(
                "notify.body_scale",
                lang,
                minutes=scale["minutes"],
                n=scale["negative_authors"],
                expected=decimal(scale["expected"], lang),
            )
        )
    harm = (signals.get("talk") or {}).get("harm") or {}
    if harm.get("authors"):
        out.append(
            t(
                "notify.body_harm_people",
                lang,
                minutes=window_minutes(signals),
                n=harm["authors"],
                expected=decimal(harm["expected"], lang),
            )
        )
    words = signals.get("words") or []
    if words:
        listed = ", ".join(
            t(
                "notify.word",
                lang,
                word=w["word"],
                n=w["authors"],
                expected=decimal(w["expected"], lang),
            )
            for w in words
        )
        out.append(t("notify.body_words", lang, minutes=window_minutes(signals), words=listed))
    return out


def severity_label(severity: Severity | int, lang: str | None = None) -> str:
    return t("severity." + Severity(int(severity)).key, lang)


@dataclass(slots=True)
class Message:
    kind: str
    incident_id: int
    severity: int
    subject: str
    intro: str
    facts: list[str] = field(default_factory=list)
    first_post: str | None = None  # "on X by @y (n followers):" … the text itself below
    first_text: str | None = None
    incident_url: str = ""
    ack_url: str | None = None  # per recipient: set when the notification is created
    ack_label: str = ""
    open_label: str = ""
    drill: bool = False
    drill_note: str = ""
    lang: str = "es"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Message:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def buttons(self) -> list[tuple[str, str, str]]:
        """``(key, label, url)`` of the message's buttons, the acknowledge one first."""
        out = [("open", self.open_label, self.incident_url)]
        if self.ack_url:
            out.insert(0, ("ack", self.ack_label, self.ack_url))
        return out

    def text(self) -> str:
        """The plain-text body (email, Telegram, ntfy)."""
        lines = [self.intro]
        if self.facts:
            lines += ["", *self.facts]
        if self.first_post:
            lines += ["", self.first_post, f"  «{self.first_text or ''}»"]
        lines += ["", t("notify.body_link", self.lang, url=self.incident_url)]
        if self.ack_url:
            lines.append(t("notify.body_ack", self.lang, url=self.ack_url))
        if self.drill:
            lines += ["", self.drill_note]
        return "\n".join(lines)


def compose(
    *,
    brand: str,
    severity: Severity,
    why: dict[str, Any],
    incident_id: int,
    base_url: str,
    lang: str,
    drill: bool = False,
    kind: str = "alert",
) -> Message:
    """The message about an alert (``kind``: alert, escalated, reopened, chain)."""
    signals = why.get("signals", {})
    authors = signals.get("negative_authors", {})
    minutes = window_minutes(signals)
    key = {
        "escalated": "notify.subject_escalated",
        "reopened": "notify.subject_reopened",
        "chain": "notify.subject_chain",
    }.get(kind, "notify.subject")
    subject = t(
        key,
        lang,
        level=severity_label(severity, lang).upper(),
        brand=brand,
        n=authors.get("observed", 0),
        minutes=minutes,
    )
    intro = t("notify.body_intro", lang, level=severity_label(severity, lang), brand=brand)
    lines = [
        t(
            "notify.body_authors",
            lang,
            minutes=minutes,
            n=authors.get("observed", 0),
            expected=decimal(authors.get("expected", 0), lang),
        ),
    ]
    share = signals.get("negative_share")
    if share:
        lines.append(
            t(
                "notify.body_share",
                lang,
                share=round(100 * share.get("value", 0)),
                low=round(100 * share.get("low", 0)),
                high=round(100 * share.get("high", 0)),
            )
        )
    lines += why_lines(signals, lang)
    harm = signals.get("harm") or {}
    if harm:
        lines.append(
            t(
                "notify.body_harm",
                lang,
                harm=", ".join(f"{t('harm.' + k, lang)} ({v})" for k, v in harm.items()),
            )
        )
    first = why.get("first_post") or {}
    first_post = None
    if first:
        first_post = t(
            "notify.body_first",
            lang,
            channel=t("channel." + str(first.get("channel")), lang),
            author=first.get("author"),
            followers=number(first.get("followers", 0), lang),
        )
    key_authors = why.get("key_authors") or []
    if key_authors:
        lines.append(
            t(
                "notify.body_key_authors",
                lang,
                authors=", ".join(
                    f"@{a['handle']} ({number(a['followers'], lang)})" for a in key_authors
                ),
            )
        )
    themes = why.get("themes") or []
    if themes:
        lines.append(t("notify.body_themes", lang, themes=", ".join(themes)))
    channels = why.get("channels") or {}
    if channels:
        lines.append(
            t(
                "notify.body_channels",
                lang,
                channels=", ".join(
                    f"{t('channel.' + c, lang)} ({number(v['count'], lang)})"
                    for c, v in channels.items()
                ),
            )
        )
    return _message(
        kind,
        incident_id,
        int(severity),
        subject,
        intro,
        base_url=base_url,
        lang=lang,
        drill=drill,
        facts=lines,
        first_post=first_post,
        first_text=str(first.get("text", ""))[:500] if first else None,
    )


def follow_up(
    kind: str,
    *,
    incident_id: int,
    title: str,
    severity: int,
    actor: str,
    base_url: str,
    lang: str,
    drill: bool = False,
) -> Message:
    """A short message that an incident was acknowledged or closed (it ends the pages)."""
    text = t("notify." + kind, lang, title=title, who=actor)
    return _message(
        kind,
        incident_id,
        severity,
        "[oteo] " + text,
        text,
        base_url=base_url,
        lang=lang,
        drill=drill,
    )


def _message(
    kind: str,
    incident_id: int,
    severity: int,
    subject: str,
    intro: str,
    *,
    base_url: str,
    lang: str,
    drill: bool,
    **rest: Any,
) -> Message:
    """What every message shares: the drill marks, the links and their labels."""
    prefix = t("notify.drill_prefix", lang) + " " if drill else ""
    return Message(
        kind=kind,
        incident_id=incident_id,
        severity=severity,
        subject=(prefix + subject)[:300],
        intro=intro,
        incident_url=f"{base_url.rstrip('/')}/incidents/{incident_id}",
        ack_label=t("notify.ack", lang),
        open_label=t("notify.open", lang),
        drill=drill,
        drill_note=t("notify.drill_footer", lang) if drill else "",
        lang=lang,
        **rest,
    )
