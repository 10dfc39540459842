"""The response desk: where the community manager spends the day (S10, S15-S19, S22).

* **Inbox.** Complaints and questions wait here, each with a response deadline from the
  service calendar (:mod:`.sla`), most urgent first.  States: new, acknowledged,
  replied, private (moved to a private channel), resolved, follow_up (time to check
  back with the customer), closed.
* **Responses.** A reply or a brand post is drafted (from a template or free text),
  checked (:mod:`.risk`), approved when the rules say so, then published through the
  brand's account (:mod:`.publish`) or handed to a person to paste.  Rules: during an
  open incident every public reply needs an approver; a reply the risk check flags
  does too; a brand post needs two approvers; nobody approves their own text; a
  brand's pre-approved template used unchanged counts as one approval.
* **Moderation.** Hiding, deleting or blocking is for insults, threats, hate and spam,
  decided by a person; anything else needs an explicit override with a reason, and a
  brand's own post is never deleted.  Every decision is audited.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from oteo.config import AccountConfig, Config
from oteo.i18n import t
from oteo.model import Intent, Mention, Relation
from oteo.notify import backoff
from oteo.respond import risk as risk_check
from oteo.respond.publish import Publisher, RemoteError, deep_link, publisher_for
from oteo.respond.sla import ServiceCalendar
from oteo.respond.templates import Template, TemplateError, catalogue, render
from oteo.store import Store
from oteo.store.desk import OPEN, WAITING
from oteo.text import clean_text

ACTOR = "oteo"
MAX_TEXT = 5000
#: a publication handed out is not handed out again for this long (it is on its way)
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 6
#: author risk from which a post counts as spam (a bot or troll account)
SPAM_RISK = 0.8
#: influence tiers a block needs an override for (S19: block only non-influential trolls)
INFLUENTIAL = ("mid", "macro", "mega")
MODERATION = ("hide", "delete", "block")
MIN_REASON = 10
#: a publication time this far in the past is refused (not published at once)
PAST_SLACK = timedelta(minutes=5)
#: response changes that go into the incident's timeline too (every public reply, S21)
TIMELINE = ("approved", "rejected", "published", "failed")

#: inbox actions: states they apply to, the state they lead to
INBOX_ACTIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "ack": (("new",), "acknowledged"),
    "assign": (OPEN, None),
    "replied": (WAITING + ("follow_up",), "replied"),  # answered outside oteo
    "private": (WAITING + ("replied", "follow_up"), "private"),
    "resolve": (OPEN, "resolved"),
    "done": (("follow_up", "resolved"), "closed"),  # checked back with the customer
    "reopen": (("resolved", "closed", "follow_up"), "acknowledged"),
}


class DeskError(ValueError):
    """Something the desk's rules do not allow (the message key says which)."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(t(key, **values))
        self.key = key
        self.values = values


@dataclass(slots=True)
class SlaReport:
    items: int
    answered: int
    in_time: int
    late: int
    breached_waiting: int  # not answered and past the deadline
    waiting: int  # not answered, still in time
    median_minutes: float | None  # time to answer, plain
    median_working_minutes: float | None  # time to answer, service hours only


def inbox_priority(m: Mention) -> float:
    """Complaints before questions, offence and harm first, louder authors sooner."""
    a = m.analysis
    assert a is not None
    score = 2.0 if a.intent is Intent.COMPLAINT else 1.0
    score += 1.5 * a.scores.get("negative", 0.0)
    score += 2.0 if a.harm else 0.0
    score += 1.0 if a.offensive >= 0.5 else 0.0
    score += min(m.reach, 1_000_000) ** 0.25 / 10.0
    return round(score, 3)


def _history(row: dict[str, Any], at: datetime, by: str, action: str, **data: Any) -> list:
    return [*row["history"], {"at": at.isoformat(), "by": by, "action": action, **data}]


class Desk:
    def __init__(self, config: Config, store: Store) -> None:
        self.config = config
        self.store = store
        self.calendar = ServiceCalendar.from_config(config)
        self.templates = catalogue(config.respond.templates)
        self.accounts: dict[str, AccountConfig] = {a.name: a for a in config.respond.accounts}
        self._publishers: dict[str, Publisher] = {}

    # ------------------------------------------------------------------ people

    def _person(self, by: str) -> None:
        if by not in self.config.people():
            known = ", ".join(sorted(self.config.people())) or "-"
            raise DeskError("cli.incident.unknown_person", who=by, known=known)

    def approvers(self, at: datetime) -> set[str]:
        return {p.id for p in self.config.resolve_contacts(self.config.respond.approvers, at)}

    # ------------------------------------------------------------------ inbox

    def to_inbox(self, mentions: Sequence[Mention], watch_ids: dict[str, int]) -> int:
        """Complaints and questions get a reply even when nothing escalates (S5, S18),
        each with its response deadline.  A repost repeats someone else's post, so it is
        not a new message to answer, and the brand does not answer itself."""
        rows = []
        for m in mentions:
            a = m.analysis
            if a is None or m.id is None or m.relation is Relation.REPOST:
                continue
            if m.author and self.config.brand.owns(m.author.handle):
                continue
            if a.intent not in (Intent.COMPLAINT, Intent.QUESTION):
                continue
            watch_id = next((watch_ids[w] for w in m.watches if w in watch_ids), None)
            if watch_id is None:
                continue
            arrived = m.received_at or m.created_at
            posted = min(m.created_at, arrived)
            rows.append(
                {
                    "mention_id": m.id,
                    "watch_id": watch_id,
                    "reason": a.intent.value,
                    "priority": inbox_priority(m),
                    "at": arrived,
                    "due_at": self.calendar.deadline(posted),
                }
            )
        return self.store.add_inbox(rows)

    def queue(
        self,
        now: datetime,
        *,
        states: Sequence[str] = OPEN,
        assignee: str | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        return self.store.inbox_queue(
            now, self.calendar.warn_before, states=states, assignee=assignee, limit=limit
        )

    def act(
        self,
        ids: Sequence[int],
        action: str,
        by: str,
        now: datetime,
        *,
        assignee: str | None = None,
    ) -> tuple[list[int], list[int]]:
        """Apply an inbox action to several items; returns (changed, skipped: their
        state does not allow it)."""
        self._person(by)
        if action not in INBOX_ACTIONS:
            raise DeskError("respond.bad_action", action=action, known=", ".join(INBOX_ACTIONS))
        if action == "assign":
            if assignee is None:
                raise DeskError("respond.assign_to")
            self._person(assignee)
        rows = self.store.inbox_rows(ids)
        missing = [i for i in ids if i not in rows]
        if missing:
            raise DeskError("respond.no_item", id=missing[0])
        allowed, target = INBOX_ACTIONS[action]
        changes, skipped = [], []
        for item_id in dict.fromkeys(ids):
            row = rows[item_id]
            if row["state"] not in allowed:
                skipped.append(item_id)
                continue
            values = self._inbox_values(row, target, now)
            if action == "assign":
                values["assignee"] = assignee
            changes.append((item_id, values))
        self.store.update_inbox(changes, at=now, actor=by, action="inbox." + action)
        return [c[0] for c in changes], skipped

    def _inbox_values(
        self, row: dict[str, Any], target: str | None, now: datetime
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if target is not None:
            values["state"] = target
        if target in ("replied", "private") and row["responded_at"] is None:
            values["responded_at"] = now
        if target == "resolved":
            values["resolved_at"] = now
            values["follow_up_at"] = now + self.config.sla.follow_up_after
        if target == "closed":
            values["follow_up_at"] = None
        return values

    def tick(self, now: datetime) -> dict[str, int]:
        """Move the clocks on: warnings and breaches recorded once each, follow-ups that
        came due.  (Publishing is :meth:`publish_due`: it waits on networks.)"""
        changed = self.store.clocks_changed(now, self.calendar.warn_before)
        for clock in ("warning", "breached"):
            rows = [r for r in changed if self.calendar.clock(r["due_at"], now).value == clock]
            self.store.update_inbox(
                [(r["id"], {"clock": clock}) for r in rows],
                at=now,
                actor=ACTOR,
                action="sla." + clock,
            )
        due = self.store.follow_ups_due(now)
        self.store.update_inbox(
            [(r["id"], {"state": "follow_up"}) for r in due],
            at=now,
            actor=ACTOR,
            action="inbox.follow_up_due",
        )
        return {
            "warnings": sum(1 for r in changed if r["due_at"] > now),
            "breaches": sum(1 for r in changed if r["due_at"] <= now),
            "follow_ups": len(due),
        }

    def sla_report(self, since: datetime, until: datetime, now: datetime) -> SlaReport:
        rows = self.store.inbox_span(since, until)
        answered = [r for r in rows if r["responded_at"] is not None]
        waiting = [r for r in rows if r["responded_at"] is None and r["due_at"] is not None]
        plain = [(r["responded_at"] - r["posted_at"]).total_seconds() / 60 for r in answered]
        working = [
            self.calendar.working_time(r["posted_at"], r["responded_at"]).total_seconds() / 60
            for r in answered
        ]
        return SlaReport(
            items=len(rows),
            answered=len(answered),
            in_time=sum(
                1 for r in answered if r["due_at"] is None or r["responded_at"] <= r["due_at"]
            ),
            late=sum(
                1 for r in answered if r["due_at"] is not None and r["responded_at"] > r["due_at"]
            ),
            breached_waiting=sum(1 for r in waiting if r["due_at"] <= now),
            waiting=sum(1 for r in waiting if r["due_at"] > now),
            median_minutes=statistics.median(plain) if plain else None,
            median_working_minutes=statistics.median(working) if working else None,
        )

    # ------------------------------------------------------------------ drafting

    def template(self, template_id: str, lang: str) -> Template:
        found = self.templates.get((template_id, lang))
        if found is None:
            known = ", ".join(sorted({i for i, lg in self.templates if lg == lang}))
            raise DeskError("respond.no_template", id=template_id, lang=lang, known=known)
        return found

    def draft(
        self,
        *,
        by: str,
        now: datetime,
        kind: str = "reply",
        item: int | None = None,
        text: str | None = None,
        template: str | None = None,
        values: dict[str, str] | None = None,
        lang: str | None = None,
        account: str | None = None,
        at: datetime | None = None,
        incident: int | None = None,
    ) -> dict[str, Any]:
        """A reply to an inbox item, or a brand post (``kind="post"``), from a template
        or a text; it waits for its approvals, or is scheduled when it needs none."""
        self._person(by)
        if (text is None) == (template is None):
            raise DeskError("respond.text_or_template")
        if at is not None and at < now - PAST_SLACK:
            # a mistyped year would publish at once on approval, not when meant
            raise DeskError("respond.at_past", at=at.isoformat(timespec="minutes"))
        mention = None
        if kind == "reply":
            if item is None:
                raise DeskError("respond.reply_needs_item")
            row = self.store.inbox_rows([item]).get(item)
            if row is None:
                raise DeskError("respond.no_item", id=item)
            mention = self.store.mention(row["mention_id"])
            assert mention is not None
            found = self.store.incident_for_mention(mention["id"])
            incident = found["id"] if found else incident
        elif kind != "post":
            raise DeskError("respond.bad_kind", kind=kind)
        chosen = self._account(kind, account, mention)
        network = chosen.network if chosen else (mention["channel"] if mention else "other")
        lang = self._lang(lang, mention)
        tpl = self.template(template, lang) if template else None
        if tpl is not None:
            text = self._fill(tpl, by, now, mention, item, incident, values or {})
        assert text is not None
        text, _ = clean_text(text, MAX_TEXT)
        if not text:
            raise DeskError("respond.empty")
        row = {
            "kind": kind,
            "inbox_id": item,
            "mention_id": mention["id"] if mention else None,
            "incident_id": incident,
            "account": chosen.name if chosen else None,
            "network": network,
            "text": text,
            "lang": lang,
            "template": tpl.id if tpl else None,
            "pre_approved": bool(tpl and tpl.pre_approved),
            "author": by,
            "approvals": (
                [{"by": f"template:{tpl.id}", "approved_by": tpl.approved_by}]
                if tpl and tpl.pre_approved
                else []
            ),
            "risk_accepted": None,
            "scheduled_for": at,
            "attempts": 0,
            "history": [{"at": now.isoformat(), "by": by, "action": "drafted"}],
            "created_at": now,
            "updated_at": now,
        }
        row.update(self._assess(row, text, chosen, now))
        response_id = self.store.add_response(row, actor=by, at=now)
        if incident is not None:
            self.store.add_event(incident, now, "response_drafted", by, {"response": response_id})
        out = self.store.response(response_id)
        assert out is not None
        return out

    def _account(
        self, kind: str, name: str | None, mention: dict[str, Any] | None
    ) -> AccountConfig | None:
        if name is not None:
            chosen = self.accounts.get(name)
            if chosen is None:
                known = ", ".join(self.accounts) or "-"
                raise DeskError("respond.no_account", name=name, known=known)
            if mention is not None and chosen.network != mention["channel"]:
                raise DeskError(
                    "respond.account_network",
                    name=name,
                    network=chosen.network,
                    channel=mention["channel"],
                )
            return chosen
        if mention is not None:  # solve it where it arose (S17), from the service account
            same = [a for a in self.accounts.values() if a.network == mention["channel"]]
            same.sort(key=lambda a: a.purpose != "service")
            return same[0] if same else None
        brand = sorted(self.accounts.values(), key=lambda a: a.purpose != "brand")
        return brand[0] if brand else None

    def _lang(self, lang: str | None, mention: dict[str, Any] | None) -> str:
        if lang in ("es", "en"):
            return lang
        if mention and (mention.get("lang") or "")[:2] in ("es", "en"):
            return mention["lang"][:2]
        return self.config.lang

    def _fill(
        self,
        tpl: Template,
        by: str,
        now: datetime,
        mention: dict[str, Any] | None,
        item: int | None,
        incident: int | None,
        values: dict[str, str],
    ) -> str:
        handle = None
        if mention is not None and mention.get("author_id") is not None:
            author = self.store.author(mention["author_id"])
            handle = author["handle"] if author else None
        next_update = (now + timedelta(hours=1)).astimezone(self.config.tz)
        filled: dict[str, object] = {
            "author": f"@{handle.lstrip('@')}" if handle else None,
            "brand": self.config.brand.name,
            "signer": self.config.people()[by].name,
            "private": self.config.respond.private_contact,
            "case": f"#{item}" if item is not None else (f"#{incident}" if incident else None),
            "next_update": f"{next_update:%H:%M}",
            **values,
        }
        try:
            return render(tpl, filled)
        except TemplateError as exc:
            raise DeskError(exc.key, **exc.values) from None

    def _assess(
        self, row: dict[str, Any], text: str, account: AccountConfig | None, now: datetime
    ) -> dict[str, Any]:
        """Risks, approvals needed and the state that follows from them."""
        found = risk_check.check(
            text,
            kind=row["kind"],
            network=row["network"],
            purpose=account.purpose if account else None,
            risk_words=self.config.respond.risk_words,
            open_incidents=self.store.incidents(open_only=True),
            for_incident=row["incident_id"],
        )
        risks = [r.to_json() for r in found]
        # a brand post: two approvers; a reply: one during an incident or when flagged
        in_crisis = row["incident_id"] is not None
        needed = 2 if row["kind"] == "post" else int(in_crisis or bool(risks))
        state = "draft" if risk_check.blocking(risks) else "pending"
        values = {"risks": risks, "approvals_needed": needed, "state": state}
        if state == "pending" and len(row["approvals"]) >= needed and not risks:
            values["state"] = "scheduled" if account else "manual"
            values["scheduled_for"] = max(now, row["scheduled_for"] or now)
        return values

    # ------------------------------------------------------------------ approvals

    def response(self, response_id: int) -> dict[str, Any]:
        row = self.store.response(response_id)
        if row is None:
            raise DeskError("respond.no_response", id=response_id)
        return row

    def _change(
        self,
        row: dict[str, Any],
        values: dict[str, Any],
        *,
        by: str,
        now: datetime,
        action: str,
        **data: Any,
    ) -> dict[str, Any]:
        values["history"] = _history(row, now, by, action, **data)
        if not self.store.update_response(
            row["id"],
            values,
            at=now,
            actor=by,
            action="response." + action,
            data=data,
            expect_state=row["state"],
        ):
            raise DeskError("respond.changed_meanwhile", id=row["id"])
        if row["incident_id"] is not None and action in TIMELINE:
            self.store.add_event(
                row["incident_id"], now, "response_" + action, by, {"response": row["id"], **data}
            )
        return self.response(row["id"])

    def approve(
        self, response_id: int, by: str, now: datetime, accept_risk: str | None = None
    ) -> dict[str, Any]:
        self._person(by)
        row = self.response(response_id)
        if row["state"] == "draft":
            raise DeskError("respond.blocked", id=response_id, risks=_codes(row["risks"]))
        if row["state"] != "pending":
            raise DeskError("respond.not_pending", id=response_id, state=row["state"])
        if by not in self.approvers(now):
            raise DeskError("respond.not_approver", who=by)
        if by == row["author"]:
            raise DeskError("respond.own_text")
        if any(a["by"] == by for a in row["approvals"]):
            raise DeskError("respond.approved_twice", who=by)
        approvals = [*row["approvals"], {"by": by, "at": now.isoformat()}]
        values: dict[str, Any] = {"approvals": approvals}
        if len(approvals) >= row["approvals_needed"]:
            if row["risks"] and not (accept_risk or "").strip():
                raise DeskError("respond.accept_risk", risks=_codes(row["risks"]))
            if row["risks"]:
                values["risk_accepted"] = f"{by}: {accept_risk.strip()}"[:2000]  # type: ignore[union-attr]
            values["state"] = "scheduled" if row["account"] else "manual"
            values["scheduled_for"] = max(now, row["scheduled_for"] or now)
        return self._change(
            row, values, by=by, now=now, action="approved", accepted=values.get("risk_accepted")
        )

    def reject(self, response_id: int, by: str, now: datetime, reason: str) -> dict[str, Any]:
        self._person(by)
        row = self.response(response_id)
        if row["state"] not in ("draft", "pending", "scheduled", "manual"):
            raise DeskError("respond.not_pending", id=response_id, state=row["state"])
        if by != row["author"] and by not in self.approvers(now):
            raise DeskError("respond.not_approver", who=by)
        return self._change(
            row, {"state": "rejected"}, by=by, now=now, action="rejected", reason=reason[:2000]
        )

    def edit(self, response_id: int, by: str, now: datetime, text: str) -> dict[str, Any]:
        """A new text: approvals start again, and a template is no longer verbatim."""
        self._person(by)
        row = self.response(response_id)
        if row["state"] not in ("draft", "pending", "scheduled", "manual"):
            raise DeskError("respond.not_pending", id=response_id, state=row["state"])
        text, _ = clean_text(text, MAX_TEXT)
        if not text:
            raise DeskError("respond.empty")
        account = self.accounts.get(row["account"] or "")
        fresh = {**row, "approvals": [], "text": text}
        values = {"text": text, "approvals": [], "pre_approved": False, "risk_accepted": None}
        values.update(self._assess(fresh, text, account, now))
        return self._change(row, values, by=by, now=now, action="edited", previous=row["text"])

    # ------------------------------------------------------------------ publishing

    def publisher(self, account: str) -> Publisher:
        if account not in self._publishers:
            self._publishers[account] = publisher_for(self.accounts[account])
        return self._publishers[account]

    def publish_due(self, now: datetime) -> list[tuple[int, str]]:
        """Publish every scheduled response that is due; ``(id, state)`` of each."""
        out = []
        for row in self.store.claim_responses(now, LEASE):
            out.append((row["id"], self._publish(row, now)))
        return out

    def _publish(self, row: dict[str, Any], now: datetime) -> str:
        if row["account"] not in self.accounts:  # the account left the config meanwhile
            self._change(row, {"state": "manual"}, by=ACTOR, now=now, action="manual")
            return "manual"
        mention = self.store.mention(row["mention_id"]) if row["mention_id"] else None
        if self._drill(row, mention):  # a drill measures the team, it never speaks in public
            self._published(row, now, ACTOR, None, None, drill=True)
            return "published"
        try:
            done = self.publisher(row["account"]).post(
                row["text"],
                key=f"oteo-response-{row['id']}",
                lang=row["lang"],
                created=row["created_at"],
                reply_to=mention,
                again=row["attempts"] > 1,
            )
        except RemoteError as exc:
            reason = str(exc)[:2000]
            if exc.retry and row["attempts"] < MAX_ATTEMPTS:
                wait = backoff(row["attempts"], exc.retry_after)
                values = {"state": "scheduled", "scheduled_for": now + wait, "error": reason}
                self._change(row, values, by=ACTOR, now=now, action="retrying", error=reason[:300])
                return "scheduled"
            self._change(
                row,
                {"state": "failed", "error": reason},
                by=ACTOR,
                now=now,
                action="failed",
                error=reason[:300],
            )
            return "failed"
        self._published(row, now, ACTOR, done.external_id, done.url)
        return "published"

    def _drill(self, row: dict[str, Any], mention: dict[str, Any] | None) -> bool:
        """Whether a response answers a drill: its mention or its incident is one."""
        if mention is not None and mention["drill"]:
            return True
        incident = self.store.incident(row["incident_id"]) if row["incident_id"] else None
        return bool(incident and incident["drill"])

    def _published(
        self,
        row: dict[str, Any],
        now: datetime,
        by: str,
        external_id: str | None,
        url: str | None,
        drill: bool = False,
    ) -> None:
        values = {
            "state": "published",
            "published_at": now,
            "external_id": external_id,
            "external_url": url,
            "error": None,
        }
        self._change(
            row,
            values,
            by=by,
            now=now,
            action="published",
            url=url,
            text=row["text"][:500],
            network=row["network"],
            **({"drill": True} if drill else {}),
        )
        if row["inbox_id"] is not None:
            item = self.store.inbox_rows([row["inbox_id"]]).get(row["inbox_id"])
            if item is not None and item["state"] in INBOX_ACTIONS["replied"][0]:
                self.store.update_inbox(
                    [(item["id"], self._inbox_values(item, "replied", now))],
                    at=now,
                    actor=by,
                    action="inbox.replied",
                    data={"response": row["id"]},
                )

    def manual_link(self, row: dict[str, Any]) -> str | None:
        """Where a person pastes a response that oteo cannot publish itself."""
        mention = self.store.mention(row["mention_id"]) if row["mention_id"] else None
        return deep_link(row["network"], mention, row["text"])

    def published_by_hand(
        self, response_id: int, by: str, now: datetime, url: str | None = None
    ) -> dict[str, Any]:
        """A person pasted a ``manual`` response where it belongs: record it."""
        self._person(by)
        row = self.response(response_id)
        if row["state"] != "manual":
            raise DeskError("respond.not_manual", id=response_id, state=row["state"])
        self._published(row, now, by, None, (url or "").strip()[:2000] or None)
        return self.response(response_id)

    # ------------------------------------------------------------------ moderation

    def moderate(
        self,
        mention_id: int,
        action: str,
        by: str,
        now: datetime,
        *,
        reason: str | None = None,
        override: bool = False,
    ) -> dict[str, Any]:
        """Hide, delete or block, only where the policy allows it (S10, S19)."""
        self._person(by)
        if action not in MODERATION:
            raise DeskError("respond.bad_moderation", action=action, known=", ".join(MODERATION))
        mention = self.store.mention(mention_id)
        if mention is None:
            raise DeskError("respond.no_mention", id=mention_id)
        author = self.store.author(mention["author_id"]) if mention["author_id"] else None
        if self.config.brand.owns((author or {}).get("handle")):
            raise DeskError("respond.own_post")  # never delete our own mistaken post (S10)
        grounds = moderation_grounds(mention, author)
        needs_override = grounds is None or (
            action == "block" and (author or {}).get("tier") in INFLUENTIAL
        )
        reason = (reason or "").strip()[:2000] or None
        if needs_override:
            if not override or reason is None or len(reason) < MIN_REASON:
                key = (
                    "respond.influential"
                    if grounds
                    else "respond.model_only"
                    if _model_only(mention)
                    else "respond.not_offensive"
                )
                raise DeskError(key, n=MIN_REASON)
            grounds = "override"
        state, error = "manual", None
        account = next((a for a in self.accounts.values() if a.network == mention["channel"]), None)
        if mention["drill"]:
            state = "done"  # a drill's post is simulated: recorded, nothing is sent anywhere
        elif action == "block" and author is not None and account is not None:
            try:
                self.publisher(account.name).block(author)
                state = "done"
            except RemoteError as exc:
                state, error = "failed", str(exc)[:2000]
        row = {
            "mention_id": mention_id,
            "action": action,
            "decided_by": by,
            "grounds": grounds,
            "reason": reason,
            "state": state,
            "error": error,
            "at": now,
        }
        audit = {
            "grounds": grounds,
            "override": grounds == "override",
            "reason": reason,
            "offensive": mention["offensive"],
            "state": state,
        }
        row["id"] = self.store.add_moderation(row, audit_data=audit)
        item = self.store.inbox_for_mention(mention_id)
        if item is not None and grounds != "override" and item["state"] in WAITING:
            # an insult or spam that was removed needs no answer (and no follow-up)
            self.store.update_inbox(
                [(item["id"], {"state": "closed"})], at=now, actor=by, action="inbox.moderated"
            )
        return row


def moderation_grounds(mention: dict[str, Any], author: dict[str, Any] | None) -> str | None:
    """Why a post may be moderated: insult, threat, hate or spam; None: it may not.  An
    attack needs words that make it one: the models alone also flag harsh criticism."""
    if (mention["offensive"] or 0.0) >= risk_check.OFFENSIVE and not _model_only(mention):
        return mention["offensive_kind"] or "insult"
    if mention["cluster"] is not None or ((author or {}).get("risk") or 0.0) >= SPAM_RISK:
        return "spam"
    return None


def _model_only(mention: dict[str, Any]) -> bool:
    """Flagged as an attack by a model, with no insult, slur or threat in its words (on
    posts to brands mostly harsh criticism: see BENCHMARKS.md).  Posts analysed before
    the words were kept (NULL) are taken at the model's word, as they were."""
    return (mention["offensive"] or 0.0) >= risk_check.OFFENSIVE and mention.get(
        "offensive_words"
    ) == ""


def _codes(risks: list[dict[str, Any]]) -> str:
    return ", ".join(f"{r['code']} ({r['detail']})" if r["detail"] else r["code"] for r in risks)
