"""What a notification says: the level, the brand, and the why, in the team's language."""

from __future__ import annotations

from typing import Any

from oteo.i18n import t
from oteo.model import Severity


def severity_label(severity: Severity | int, lang: str | None = None) -> str:
    return t("severity." + Severity(int(severity)).key, lang)


def compose(
    *,
    brand: str,
    severity: Severity,
    why: dict[str, Any],
    incident_id: int,
    base_url: str,
    lang: str,
    drill: bool = False,
    escalation: bool = False,
) -> tuple[str, str]:
    """Subject and plain-text body of an alert notification."""
    signals = why.get("signals", {})
    authors = signals.get("negative_authors", {})
    prefix = t("notify.drill_prefix", lang) + " " if drill else ""
    key = "notify.subject_escalated" if escalation else "notify.subject"
    subject = prefix + t(
        key,
        lang,
        level=severity_label(severity, lang).upper(),
        brand=brand,
        n=authors.get("observed", 0),
    )
    lines = [
        t("notify.body_intro", lang, level=severity_label(severity, lang), brand=brand),
        "",
        t(
            "notify.body_authors",
            lang,
            n=authors.get("observed", 0),
            expected=authors.get("expected", 0),
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
    harm = signals.get("harm") or {}
    if harm:
        lines.append(
            t(
                "notify.body_harm",
                lang,
                harm=", ".join(f"{t('harm.' + k, lang)} ({v})" for k, v in harm.items()),
            )
        )
    first = why.get("first_post")
    if first:
        lines += [
            "",
            t(
                "notify.body_first",
                lang,
                channel=t("channel." + str(first.get("channel")), lang),
                author=first.get("author"),
                followers=first.get("followers", 0),
            ),
            f"  «{first.get('text', '')}»",
        ]
    key_authors = why.get("key_authors") or []
    if key_authors:
        lines.append(
            t(
                "notify.body_key_authors",
                lang,
                authors=", ".join(f"@{a['handle']} ({a['followers']})" for a in key_authors),
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
                    f"{t('channel.' + c, lang)} ({v['count']})" for c, v in channels.items()
                ),
            )
        )
    lines += [
        "",
        t("notify.body_link", lang, url=f"{base_url.rstrip('/')}/incidents/{incident_id}"),
    ]
    if drill:
        lines += ["", t("notify.drill_footer", lang)]
    return subject[:300], "\n".join(lines)
