"""The user's config file: parse, validate, explain.

One YAML file holds the brand's watches, the crisis team, the listening rota, the
severity levels (who is contacted, what runs automatically), the response promise and
the sources.  ``oteo init`` writes a commented example.

Every problem is reported as ``file:line: error: where: what. Fix: how`` in the
user's language.  All schema problems are reported at once; the checks across sections
(a rota naming someone not in the team...) run once the schema is right.
"""

from __future__ import annotations

import difflib
import os
import re
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from oteo import query as query_lang
from oteo.durations import parse_duration
from oteo.i18n import t, weekday_name
from oteo.model import Person, Severity
from oteo.respond.templates import VARIABLES, unknown_variables
from oteo.rota import DAY_ALIASES, Schedule, make_schedule, parse_hours
from oteo.text import handle_key

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
KNOWN_ROLES = (
    "community_manager",
    "communications_director",
    "department_director",
    "general_manager",
    "legal",
    "spokesperson",
    "customer_service",
    "listener",
)
CONTACT_KINDS = ("email", "phone", "slack", "teams", "telegram", "pagerduty", "ntfy", "webhook")
ACTIONS = (
    "inbox",
    "notify",
    "notify_all_staff",
    "convene_team",
    "pause_promotions",
    "war_room_note",
    "holding_statement",
)
MAX_CONFIG_BYTES = 2_000_000


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True, slots=True)
class ConfigIssue:
    file: str
    line: int
    where: str
    message: str
    fix: str
    warning: bool = False

    def __str__(self) -> str:
        label = t("config.warning") if self.warning else t("config.error")
        where = f" {self.where}:" if self.where else ""
        return (
            f"{self.file}:{self.line}: {label}:{where} {self.message} {t('config.fix')}: {self.fix}"
        )


class ConfigError(Exception):
    """The config cannot be used; ``issues`` says every reason, with lines."""

    def __init__(self, issues: list[ConfigIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


def _custom(key: str, **ctx: Any) -> PydanticCustomError:
    """A validation error whose type is a message key (explained bilingually later)."""
    return PydanticCustomError(key, key, ctx)


# --------------------------------------------------------------------------- schema


def _check_slug(value: str) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise _custom("config.slug", value=value)
    return value


def _check_tz(value: str) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise _custom("config.timezone", value=value) from exc
    return str(value)


def _check_duration(value: Any) -> timedelta:
    try:
        return parse_duration(value)
    except (ValueError, TypeError) as exc:
        raise _custom("config.duration", value=value) from exc


def _check_hours(value: str) -> str:
    try:
        parse_hours(str(value))
    except ValueError as exc:
        raise _custom("config.hours", value=value) from exc
    return str(value)


def _check_days(value: list[str]) -> list[str]:
    if isinstance(value, str):
        value = [value]
    for day in value:
        if str(day).strip().lower() not in DAY_ALIASES:
            raise _custom("config.day", value=day, known=", ".join(DAY_ALIASES))
    return [str(d).strip().lower() for d in value]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


_ENV_REF = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")


def _read_secret(value: Any) -> SecretStr:
    """``${NAME}`` reads the environment variable NAME or, when it is not set, the file
    that NAME_FILE names (a secrets file, as Docker and systemd provide them); anything
    else is taken as is.  Either way the value is kept as a :class:`SecretStr`, so it
    is never printed."""
    if isinstance(value, SecretStr):
        return value
    text = str(value).strip()
    ref = _ENV_REF.match(text)
    if ref:
        name = ref.group(1)
        found = os.environ.get(name)
        path = os.environ.get(name + "_FILE")
        if not found and path:
            try:
                found = Path(path).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise _custom(
                    "config.secret_file", name=name + "_FILE", path=path, error=exc.strerror
                ) from None
        if not found:
            raise _custom("config.secret_env", name=name)
        text = found
    return SecretStr(text)


Slug = Annotated[str, BeforeValidator(_check_slug)]
TimeZone = Annotated[str, BeforeValidator(_check_tz)]
Duration = Annotated[timedelta, BeforeValidator(_check_duration)]
Hours = Annotated[str, BeforeValidator(_check_hours)]
Days = Annotated[list[str], BeforeValidator(_check_days)]
Names = Annotated[list[str], BeforeValidator(_as_list)]
Secret = Annotated[SecretStr, BeforeValidator(_read_secret)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class BrandConfig(_Strict):
    name: str = Field(min_length=1, max_length=200)
    accounts: list[str] = Field(default_factory=list)  # the brand's own handles
    # competitors' names or handles: their people are told apart as an origin
    competitors: list[str] = Field(default_factory=list, max_length=100)

    @property
    def handles(self) -> frozenset[str]:
        """The brand's own handles as they are compared (:func:`oteo.text.handle_key`)."""
        return frozenset(handle_key(a) for a in self.accounts)

    def owns(self, handle: str | None) -> bool:
        """Whether ``handle`` is one of the brand's own accounts."""
        return bool(handle) and handle_key(handle) in self.handles


class WatchConfig(_Strict):
    name: Slug
    title: str | None = None
    query: str

    @field_validator("query")
    @classmethod
    def _query(cls, value: str) -> str:
        try:
            query_lang.parse(value)
        except query_lang.QueryError as exc:
            raise _custom(
                "config.query", column=exc.column, message=exc.message(), fix=exc.fix()
            ) from exc
        return value

    def compiled(self) -> query_lang.Query:
        return query_lang.parse(self.query)


class PersonConfig(_Strict):
    id: Slug
    name: str = Field(min_length=1)
    roles: Names = Field(default_factory=list)
    contacts: dict[Literal[CONTACT_KINDS], str] = Field(default_factory=dict)  # type: ignore[valid-type]
    timezone: TimeZone | None = None

    @field_validator("roles")
    @classmethod
    def _roles(cls, value: list[str]) -> list[str]:
        for role in value:
            _check_slug(role)
        return value


class StakeholderConfig(_Strict):
    name: str = Field(min_length=1)
    group: str = "other"  # shareholders, clients, suppliers, staff, authorities...
    contacts: dict[Literal[CONTACT_KINDS], str] = Field(default_factory=dict)  # type: ignore[valid-type]


class ShiftConfig(_Strict):
    who: Names = Field(min_length=1)
    days: Days
    hours: Hours = "00:00-24:00"
    timezone: TimeZone | None = None


class RotaConfig(_Strict):
    shifts: list[ShiftConfig] = Field(default_factory=list)
    holidays: list[date] = Field(default_factory=list)


class LevelConfig(_Strict):
    contact: Names = Field(default_factory=list)
    actions: list[Literal[ACTIONS]] = Field(default_factory=lambda: ["notify"])  # type: ignore[valid-type]
    ack_timeout: Duration = timedelta(minutes=15)


class SeverityConfig(_Strict):
    isolated: LevelConfig = Field(default_factory=lambda: LevelConfig(actions=["inbox"]))
    light: LevelConfig = Field(default_factory=LevelConfig)
    strong: LevelConfig = Field(default_factory=LevelConfig)
    crisis: LevelConfig = Field(default_factory=LevelConfig)

    def level(self, severity: Severity) -> LevelConfig:
        return getattr(self, severity.key)


class ServiceHoursConfig(_Strict):
    days: Days
    hours: Hours
    timezone: TimeZone | None = None


class SlaConfig(_Strict):
    # when the team answers; none: always (the within_hours promise holds day and night)
    service_hours: list[ServiceHoursConfig] = Field(default_factory=list)
    # closed on these dates, unless a service_hours entry lists "holidays"
    holidays: list[date] = Field(default_factory=list)
    within_hours: Duration = timedelta(hours=2)
    outside_hours: Duration = timedelta(hours=72)
    # an item is flagged this long before its promise runs out
    warn_before: Duration = timedelta(minutes=30)
    # check back with a resolved customer after this long (S18)
    follow_up_after: Duration = timedelta(days=3)


class AccountConfig(_Strict):
    """One of the brand's own accounts that oteo publishes through."""

    name: Slug
    network: Literal["mastodon", "bluesky"]
    # service: answers customers; brand: announcements and statements (S18 keeps them apart)
    purpose: Literal["service", "brand"] = "service"
    url: str  # the Mastodon instance, or the Bluesky PDS (https://bsky.social)
    handle: str
    token: Secret | None = None  # Mastodon: an access token with write:statuses
    password: Secret | None = None  # Bluesky: an app password

    @model_validator(mode="after")
    def _credentials(self) -> AccountConfig:
        needed = "token" if self.network == "mastodon" else "password"
        if getattr(self, needed) is None:
            raise _custom("config.account_credentials", name=self.name, needed=needed)
        return self


class TemplateConfig(_Strict):
    """A response template of the brand's own, pre-approved when ``approved_by`` says."""

    id: Slug
    scenario: Slug = "general"
    kind: Literal["reply", "holding", "statement"] = "reply"
    lang: Literal["es", "en"]
    text: str = Field(min_length=1, max_length=5000)
    approved_by: str | None = None  # who approved it in advance (legal, management)
    approved_on: date | None = None

    @field_validator("text")
    @classmethod
    def _variables(cls, value: str) -> str:
        unknown = unknown_variables(value)
        if unknown:
            raise _custom(
                "config.template_variable", names=", ".join(unknown), known=", ".join(VARIABLES)
            )
        return value


class RespondConfig(_Strict):
    # who may approve replies and posts: ids, role:x or team
    approvers: Names = Field(
        default_factory=lambda: ["role:communications_director", "role:general_manager"]
    )
    accounts: list[AccountConfig] = Field(default_factory=list)
    templates: list[TemplateConfig] = Field(default_factory=list)
    # words an outgoing post must never carry (on top of the offensive-language check)
    risk_words: list[str] = Field(default_factory=list, max_length=500)
    # where a reply moves the conversation to (S16): a DM, an email, a form
    private_contact: str = Field(default="DM", max_length=200)


class DetectionConfig(_Strict):
    bucket: Duration = timedelta(minutes=5)
    window: Duration = timedelta(hours=1)
    sensitivity: Literal["low", "normal", "high"] = "normal"
    aftercare_days: int = Field(default=45, ge=0, le=365)


class Mode(StrEnum):
    """How much of the understanding step runs."""

    FULL = "full"  # every model
    FAST = "fast"  # no sentence encoder: about twice the throughput, a little less accurate


class UnderstandingConfig(_Strict):
    # Processes that run the models; 0: one per core (up to 4), 1: in process.
    workers: int = Field(default=0, ge=0, le=16)
    mode: Mode = Mode.FULL


class SmtpConfig(_Strict):
    host: str = "127.0.0.1"
    port: int = Field(default=25, ge=1, le=65535)
    sender: str = "oteo@localhost"
    username: str | None = None
    password: Secret | None = None
    starttls: bool = False


class TelegramConfig(_Strict):
    token: Secret  # the bot's token, from @BotFather
    api_url: str = "https://api.telegram.org"


class PagerDutyConfig(_Strict):
    events_url: str = "https://events.pagerduty.com/v2/enqueue"


class WebhookConfig(_Strict):
    # Standard Webhooks signing secret: whsec_ followed by base64
    secret: Secret


class NotifyConfig(_Strict):
    smtp: SmtpConfig | None = None
    telegram: TelegramConfig | None = None
    pagerduty: PagerDutyConfig = Field(default_factory=PagerDutyConfig)
    webhook: WebhookConfig | None = None
    base_url: str = "http://127.0.0.1:8740"
    # signs the one-click acknowledge links; without it oteo keeps a random one in the
    # database (set it when several oteo processes serve the same database's links)
    link_secret: Secret | None = None
    link_ttl: Duration = timedelta(hours=24)
    # no alert storms: at most this many messages per recipient and hour; the rest are
    # kept (status "held"), shown in the dashboard, not sent
    max_per_hour: int = Field(default=12, ge=1, le=1000)
    # a channel that fails is retried with growing waits up to this many attempts
    max_attempts: int = Field(default=6, ge=1, le=20)


class WebConfig(_Strict):
    host: str = "127.0.0.1"
    port: int = Field(default=8740, ge=1, le=65535)


#: a source's settings that are credentials: read like every secret, never printed
SOURCE_SECRETS = ("token", "password", "secret", "client_secret", "key", "verify_token")


class SourceConfig(BaseModel):
    """A source of mentions; its own settings are checked by its connector."""

    model_config = ConfigDict(extra="allow")
    type: str
    name: Slug | None = None

    @model_validator(mode="before")
    @classmethod
    def _secrets(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {
                k: _read_secret(v) if k in SOURCE_SECRETS and v is not None else v
                for k, v in data.items()
            }
        return data


class Config(_Strict):
    lang: Literal["es", "en"] = "es"
    timezone: TimeZone = "Europe/Madrid"
    database: str = "sqlite:///oteo.db"
    brand: BrandConfig
    watches: list[WatchConfig] = Field(min_length=1)
    team: list[PersonConfig] = Field(default_factory=list)
    stakeholders: list[StakeholderConfig] = Field(default_factory=list)
    emergency: list[StakeholderConfig] = Field(default_factory=list)
    rota: RotaConfig = Field(default_factory=RotaConfig)
    severity: SeverityConfig = Field(default_factory=SeverityConfig)
    sla: SlaConfig = Field(default_factory=SlaConfig)
    respond: RespondConfig = Field(default_factory=RespondConfig)
    detection: DetectionConfig = Field(default_factory=DetectionConfig)
    understanding: UnderstandingConfig = Field(default_factory=UnderstandingConfig)
    notify: NotifyConfig = Field(default_factory=NotifyConfig)
    web: WebConfig = Field(default_factory=WebConfig)
    sources: list[SourceConfig] = Field(default_factory=list)

    _path: Path | None = PrivateAttr(default=None)
    _warnings: list[ConfigIssue] = PrivateAttr(default_factory=list)

    # ------------------------------------------------------------------ derived views

    @property
    def tz(self) -> ZoneInfo:
        """The time zone the team reads times in."""
        return ZoneInfo(self.timezone)

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def warnings(self) -> list[ConfigIssue]:
        return self._warnings

    def database_url(self) -> str:
        """The database URL, a relative SQLite path resolved against the config's folder."""
        url = self.database
        prefix = "sqlite:///"
        if url.startswith(prefix) and self._path is not None:
            rest = url[len(prefix) :]
            if rest and not rest.startswith("/") and rest != ":memory:":
                return prefix + str((self._path.parent / rest).resolve())
        return url

    def people(self) -> dict[str, Person]:
        return {
            p.id: Person(
                p.id, p.name, tuple(p.roles), dict(p.contacts), p.timezone or self.timezone
            )
            for p in self.team
        }

    def schedule(self) -> Schedule:
        return make_schedule(
            [(s.who, s.days, s.hours, s.timezone or self.timezone) for s in self.rota.shifts],
            self.rota.holidays,
        )

    def service_schedule(self) -> Schedule | None:
        """The service hours as a schedule (closed on holidays), or None: always open."""
        if not self.sla.service_hours:
            return None
        return make_schedule(
            [((), s.days, s.hours, s.timezone or self.timezone) for s in self.sla.service_hours],
            self.sla.holidays,
            closed_on_holidays=True,
        )

    def resolve_contacts(self, targets: list[str], at: datetime) -> list[Person]:
        """People for ``contact:`` entries: ids, ``role:x``, ``on_call`` or ``team``."""
        people = self.people()
        out: dict[str, Person] = {}
        for target in targets:
            if target == "team":
                out.update(people)
            elif target == "on_call":
                out.update({p: people[p] for p in self.schedule().on_duty(at) if p in people})
            elif target.startswith("role:"):
                role = target[5:]
                out.update({pid: p for pid, p in people.items() if role in p.roles})
            elif target in people:
                out[target] = people[target]
        return list(out.values())


# --------------------------------------------------------------------------- loading


class _Lines:
    """Where each key and item of the YAML document is, to point errors at lines."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.lines: dict[tuple[Any, ...], int] = {(): 1}
        self.duplicates: list[tuple[tuple[Any, ...], int, int]] = []
        if root is not None:
            self._walk(root, ())

    def _walk(self, node: yaml.Node, path: tuple[Any, ...]) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = (
                    key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                )
                line = key_node.start_mark.line + 1
                if key in seen:
                    self.duplicates.append((path + (key,), seen[key], line))
                seen[key] = line
                self._walk(value_node, path + (key,))
                self.lines[path + (key,)] = line
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, path + (i,))

    def line(self, path: tuple[Any, ...]) -> int:
        while path not in self.lines:
            path = path[:-1]
        return self.lines[path]


def _where(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _fields_at(path: tuple[Any, ...]) -> list[str]:
    """The setting names allowed at ``path`` (for 'did you mean')."""
    model: Any = Config
    for part in path:
        model = _unwrap(model)
        if isinstance(part, int):
            continue
        if isinstance(model, type) and issubclass(model, BaseModel):
            info = model.model_fields.get(part)
            if info is None:
                return []
            model = info.annotation
        else:
            return []
    model = _unwrap(model)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _unwrap(tp: Any) -> Any:
    """list[X] → X, X | None → X, Annotated[X, …] → X."""
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated or origin in (list, tuple, set):
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0]
        elif origin is dict:
            tp = typing.get_args(tp)[1]
        else:
            return tp


_KIND = {
    "string_type": "text",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
}


def _explain(error: dict[str, Any]) -> tuple[str, str]:
    """A pydantic error as a bilingual (message, fix)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc = tuple(error["loc"])
    value = error.get("input")
    name = str(loc[-1]) if loc else ""
    if kind.startswith("config."):
        return t(kind, **ctx), t(kind + ".fix", **ctx)
    if kind == "missing":
        return t("config.missing", name=name), t(
            "config.missing.fix", name=name, parent=_where(loc[:-1]) or "-"
        )
    if kind == "extra_forbidden":
        known = _fields_at(loc[:-1])
        close = difflib.get_close_matches(name, known, n=1)
        fix = (
            t("config.unknown.fix_close", close=close[0])
            if close
            else t("config.unknown.fix", known=", ".join(known))
        )
        return t("config.unknown", name=name), fix
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        return t("config.choice", value=_short(value)), t("config.choice.fix", expected=expected)
    if kind in _KIND:
        what = t("config.kind." + _KIND[kind])
        return t("config.type", kind=what, value=_short(value)), t("config.type.fix", kind=what)
    if kind in ("too_short", "string_too_short"):
        return t("config.too_short", min=ctx.get("min_length", 1)), t(
            "config.too_short.fix", min=ctx.get("min_length", 1)
        )
    if kind in (
        "greater_than_equal",
        "less_than_equal",
        "greater_than",
        "less_than",
        "string_too_long",
    ):
        return t("config.range", value=_short(value), detail=error["msg"]), t("config.range.fix")
    return t("config.invalid", detail=error["msg"]), t("config.invalid.fix")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def load_text(text: str, filename: str = "oteo.yaml", path: Path | None = None) -> Config:
    """Validate a config document; raise :class:`ConfigError` listing every problem."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(
            [
                ConfigIssue(
                    filename, line, "", t("config.yaml", problem=problem), t("config.yaml.fix")
                )
            ]
        ) from exc
    lines = _Lines(root)
    issues = [
        ConfigIssue(
            filename,
            second,
            _where(p),
            t("config.duplicate", name=p[-1], first=first),
            t("config.duplicate.fix", name=p[-1]),
        )
        for p, first, second in lines.duplicates
    ]
    if not isinstance(data, dict):
        issues.append(
            ConfigIssue(filename, 1, "", t("config.not_mapping"), t("config.not_mapping.fix"))
        )
        raise ConfigError(issues)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            message, fix = _explain(error)
            issues.append(ConfigIssue(filename, lines.line(loc), _where(loc), message, fix))
        raise ConfigError(issues) from None
    issues.extend(_cross_check(config, lines, filename))
    errors = [i for i in issues if not i.warning]
    if errors:
        raise ConfigError(errors)
    config._path = path
    config._warnings = [i for i in issues if i.warning]
    return config


def load(path: str | Path) -> Config:
    """Read and validate the config file at ``path``."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            [ConfigIssue(name, 1, "", t("config.not_found"), t("config.not_found.fix"))]
        ) from None
    except OSError as exc:
        raise ConfigError(
            [
                ConfigIssue(
                    name,
                    1,
                    "",
                    t("config.unreadable", error=exc.strerror or exc),
                    t("config.unreadable.fix"),
                )
            ]
        ) from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(
            [ConfigIssue(name, 1, "", t("config.too_big", size=len(raw)), t("config.too_big.fix"))]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            [ConfigIssue(name, line, "", t("config.encoding"), t("config.encoding.fix"))]
        ) from None
    return load_text(text, name, path.resolve())


def _cross_check(config: Config, lines: _Lines, filename: str) -> list[ConfigIssue]:
    """What a schema cannot say: references between sections, coverage gaps."""
    issues: list[ConfigIssue] = []

    def add(path: tuple[Any, ...], key: str, warning: bool = False, **ctx: Any) -> None:
        issues.append(
            ConfigIssue(
                filename,
                lines.line(path),
                _where(path),
                t(key, **ctx),
                t(key + ".fix", **ctx),
                warning,
            )
        )

    for path, items in (
        (("watches",), [w.name for w in config.watches]),
        (("team",), [p.id for p in config.team]),
        (("respond", "accounts"), [a.name for a in config.respond.accounts]),
        (("respond", "templates"), [(x.id, x.lang) for x in config.respond.templates]),
    ):
        seen: dict[Any, int] = {}
        for i, key in enumerate(items):
            if key in seen:
                name = "/".join(key) if isinstance(key, tuple) else key
                first = lines.line((*path, seen[key]))
                add((*path, i), "config.repeated_id", name=name, first=first)
            seen.setdefault(key, i)
    people = {p.id for p in config.team}
    roles = {r for p in config.team for r in p.roles}
    for i, shift in enumerate(config.rota.shifts):
        for who in shift.who:
            if who not in people:
                add(
                    ("rota", "shifts", i, "who"),
                    "config.unknown_person",
                    name=who,
                    known=", ".join(sorted(people)) or "-",
                )

    def check_target(path: tuple[Any, ...], target: str, warning: bool = False) -> None:
        if target in ("team", "on_call") or target in people:
            return
        if target.startswith("role:"):
            if target[5:] not in roles:
                known = ", ".join(sorted(roles)) or "-"
                add(path, "config.unknown_role", warning, name=target[5:], known=known)
            return
        known = ", ".join(sorted(people)) or "-"
        add(path, "config.unknown_contact", warning, name=target, known=known)

    for level in ("isolated", "light", "strong", "crisis"):
        for j, target in enumerate(getattr(config.severity, level).contact):
            check_target(("severity", level, "contact", j), target)
    if config.team:  # nobody to approve is a warning: replies then wait, and say why
        for j, target in enumerate(config.respond.approvers):
            check_target(("respond", "approvers", j), target, warning=True)
    for i, person in enumerate(config.team):
        if not person.contacts:
            add(("team", i), "config.no_contacts", warning=True, name=person.id)
    if config.rota.shifts:
        start = datetime(2026, 1, 5, tzinfo=config.tz)  # a Monday
        gaps = config.schedule().gaps(start)
        if gaps:
            first = gaps[0]
            add(
                ("rota",),
                "config.rota_gap",
                warning=True,
                when=f"{weekday_name(first)} {first:%H:%M}",
                hours=len(gaps) / 2,
            )
    else:
        add((), "config.no_rota", warning=True)
    return issues


# --------------------------------------------------------------------------- example


def _yaml_quote(text: str) -> str:
    """A YAML single-quoted scalar (quotes doubled), readable for users to edit."""
    return "'" + text.replace("'", "''") + "'"


def brand_handle(brand: str) -> str:
    """``"Lumbre Burger"`` → ``lumbreburger`` (letters and digits only)."""
    handle = re.sub(r"[^a-z0-9]", "", query_lang.fold(brand))
    return handle or "brand"


def example_query(brand: str) -> str:
    """A sensible first watch query for a brand: its name, handle and hashtag."""
    handle = brand_handle(brand)
    name = brand.replace('"', "")
    parts = [f'"{name}"', f"@{handle}", f"#{handle}"]
    return " OR ".join(dict.fromkeys(parts))


def render_example(
    lang: str = "es",
    brand: str | None = None,
    *,
    timezone: str = "Europe/Madrid",
    database: str = "sqlite:///oteo.db",
    competitors: tuple[str, ...] = (),
) -> str:
    """The commented example config that ``oteo init`` writes (and the demo uses)."""
    from importlib.resources import files
    from string import Template

    lang = "es" if lang == "es" else "en"
    brand = (brand or t("config.example_brand", lang)).strip()
    template = files("oteo.config_templates").joinpath(f"oteo.{lang}.yaml").read_text("utf-8")
    handle = brand_handle(brand)
    return Template(template).substitute(
        brand=brand.replace("\n", " "),
        brand_yaml=_yaml_quote(brand),
        handle=handle,
        slug=handle[:60],
        query_yaml=_yaml_quote(example_query(brand)),
        timezone=timezone,
        database=database,
        competitors=", ".join(_yaml_quote(c) for c in competitors),
    )
