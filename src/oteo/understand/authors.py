"""Who is behind a post: a troll/bot likelihood and an influence tier, both explained.

The likelihood is an additive model: each profile signal (account age, followers and
following, posting rate, default avatar, handle patterns, bio, verification) falls in
a bin, each bin adds to the score, and the bins that added most are the explanation
("no avatar, 3 days old, follows 2,400, followed by 12").  A signal the network does
not give adds nothing, so a missing avatar field is never evidence.  What oteo sees
of an author's behaviour (the share of insulting posts, the posting rate in the
stream) is added on top with fixed weights, because the public account data has no
posts to learn it from.  Trained on ``../shared/data/accounts`` by ``oteo train``.
"""

from __future__ import annotations

import csv
import json
import math
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from oteo.i18n import normalise_lang, t
from oteo.model import AuthorProfile, AuthorRisk

MODEL = Path(__file__).with_name("models") / "authors.json"
#: ``verified`` is left out on purpose: the public "non-bot" accounts are largely verified
#: celebrities, and an unverified customer is not suspicious
FEATURES = (
    "age_days",
    "followers",
    "following",
    "ratio",
    "posts",
    "posts_per_day",
    "default_avatar",
    "bio",
    "digits",
    "trailing_digits",
    "handle_length",
    "name_is_handle",
    "name_words",
    "seen_per_day",
    "repost_share",
    "reply_share",
    "link_share",
    "declares_bot",
)
_BOT_WORD = re.compile(
    r"(?:^|[^a-z])bot(?:s)?(?:$|[^a-z])|_bot|bot_|robot|automated|automatic|autom[aá]tic",
    re.IGNORECASE,
)
#: the share of trolls and bots assumed among the authors talking about a brand; the
#: public sets hold about half of each, so their base rate is corrected to this prior
PRIOR = 0.05
#: signs from the seeds (S9) the public sets cannot teach (their accounts have no posts,
#: and their bots are no younger than their humans): fixed weights, in log-odds
YOUNG_DAYS, YOUNG_WEIGHT = 30, 1.2
TIERS = (
    (1_000_000, "mega"),
    (100_000, "macro"),
    (10_000, "mid"),
    (1_000, "micro"),
    (100, "nano"),
    (0, "none"),
)


def influence_tier(followers: int | None) -> str:
    """none < 100 ≤ nano < 1k ≤ micro < 10k ≤ mid < 100k ≤ macro < 1M ≤ mega."""
    f = followers or 0
    return next(name for limit, name in TIERS if f >= limit)


#: a bio that speaks of working (or having worked) somewhere: "ex-", "former",
#: "trabajo en", "worked at", "empleada de", "staff"...
WORKS = re.compile(
    r"\b(ex|former|formerly|antigu[oa]|trabaj\w*|emplead[oa]s?|work\w*|employee|staff|"
    r"plantilla|marketing|comercial|sales|ceo|director\w*|manager|gerente)\b"
)


def affiliation(
    bio: str | None, handle: str | None, brand: str, competitors: tuple[str, ...] = ()
) -> str | None:
    """``insider`` when the profile says its author works or worked for the brand,
    ``competitor`` when it names one of the brand's competitors (in the bio or the
    handle); None otherwise."""
    from oteo.text import fold

    text = fold(bio or "")
    squeezed = fold(handle or "").replace("_", "")
    name = fold(brand)
    if name and name in text and WORKS.search(text):
        return "insider"
    for rival in competitors:
        r = fold(rival)
        if r and (r in text or r.replace(" ", "") in squeezed):
            return "competitor"
    return None


def _log(x: float | None) -> float | None:
    return None if x is None else math.log10(1.0 + max(x, 0.0))


@dataclass(slots=True)
class Behaviour:
    """What an author's own posts show: how often, and how many are reposts, replies
    or carry links (from the posts oteo has seen, or a network's timeline)."""

    posts_per_day: float
    repost_share: float
    reply_share: float
    link_share: float


def features(
    p: AuthorProfile, at: datetime, behaviour: Behaviour | None = None
) -> dict[str, float | None]:
    """The model's view of an author; None where nothing is known."""
    age = (
        None
        if p.account_created is None
        else max((at - p.account_created).total_seconds() / 86400.0, 0.0)
    )
    handle = p.handle or ""
    digits = sum(ch.isdigit() for ch in handle)
    trailing = len(handle) - len(handle.rstrip("0123456789"))
    name = p.name or ""
    ratio = None
    if p.followers is not None and p.following is not None:
        ratio = math.log10((p.followers + 1.0) / (p.following + 1.0))
    per_day = None
    if p.posts is not None and age is not None:
        per_day = math.log10(1.0 + p.posts / max(age, 1.0))
    simple = re.sub(r"[^a-z0-9]", "", name.lower())
    return {
        "age_days": _log(age),
        "followers": _log(p.followers),
        "following": _log(p.following),
        "ratio": ratio,
        "posts": _log(p.posts),
        "posts_per_day": per_day,
        "default_avatar": None if p.avatar is None else float(not p.avatar),
        "verified": None if p.verified is None else float(p.verified),
        "bio": None if p.bio is None else float(bool(p.bio.strip())),
        "digits": float(digits),
        "trailing_digits": float(trailing),
        "handle_length": float(len(handle)),
        "name_is_handle": None
        if not name
        else float(simple == re.sub(r"[^a-z0-9]", "", handle.lower())),
        "name_words": None if not name else float(len(name.split())),
        "seen_per_day": None if behaviour is None else math.log10(1.0 + behaviour.posts_per_day),
        "repost_share": None if behaviour is None else behaviour.repost_share,
        "reply_share": None if behaviour is None else behaviour.reply_share,
        "link_share": None if behaviour is None else behaviour.link_share,
        "declares_bot": float(bool(_BOT_WORD.search(f"{handle} {name} {p.bio or ''}"))),
    }


@dataclass
class AuthorModel:
    edges: dict[str, list[float]]
    weights: dict[str, list[float]]
    bias: float
    metrics: dict

    def contributions(self, feats: dict[str, float | None]) -> dict[str, float]:
        out = {}
        for name, value in feats.items():
            if value is None or name not in self.edges:
                continue
            out[name] = self.weights[name][_bin(self.edges[name], value)]
        return out

    def score(self, feats: dict[str, float | None]) -> float:
        return 1.0 / (1.0 + math.exp(-(self.bias + sum(self.contributions(feats).values()))))

    @classmethod
    def load(cls, path: Path = MODEL) -> AuthorModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["edges"], data["weights"], data["bias"], data.get("metrics", {}))


_model: AuthorModel | None = None


def model() -> AuthorModel:
    global _model
    if _model is None:
        _model = AuthorModel.load()
    return _model


def assess(
    p: AuthorProfile,
    at: datetime,
    *,
    behaviour: Behaviour | None = None,
    insulting_share: float | None = None,
    posts_per_hour: float | None = None,
    lang: str | None = None,
) -> AuthorRisk:
    """The likelihood that an author is a troll or a bot, with the reasons why."""
    m = model()
    feats = features(p, at, behaviour)
    contrib = m.contributions(feats)
    logit = m.bias + sum(contrib.values())
    extra: dict[str, float] = {}
    if p.account_created is not None and (at - p.account_created).days < YOUNG_DAYS:
        extra["young"] = YOUNG_WEIGHT * (1.0 - (at - p.account_created).days / YOUNG_DAYS)
    if insulting_share is not None and insulting_share > 0:
        extra["insulting"] = 4.0 * insulting_share  # 40% insulting posts adds 1.6
    if posts_per_hour is not None and posts_per_hour > 4:
        extra["burst"] = min(math.log2(posts_per_hour / 4.0), 3.0)
    logit += sum(extra.values())
    likelihood = 1.0 / (1.0 + math.exp(-logit))
    ranked = sorted(
        [(v, k) for k, v in contrib.items() if v > 0.15] + [(v, k) for k, v in extra.items()],
        reverse=True,
    )
    lang = normalise_lang(lang)  # once, not once per reason
    reasons = [
        _reason(k, p, feats, at, insulting_share, posts_per_hour, lang) for _, k in ranked[:4]
    ]
    return AuthorRisk(
        round(likelihood, 4),
        influence_tier(p.followers),
        [r for r in reasons if r],
    )


def _reason(
    key: str,
    p: AuthorProfile,
    feats: dict[str, float | None],
    at: datetime,
    insulting: float | None,
    per_hour: float | None,
    lang: str | None,
) -> str:
    if key in ("age_days", "young") and p.account_created is not None:
        return t(
            "author.age", lang, days=max(int((at - p.account_created).total_seconds() // 86400), 0)
        )
    if (
        key in ("followers", "following", "ratio")
        and p.followers is not None
        and p.following is not None
    ):
        return t("author.ratio", lang, following=f"{p.following:,}", followers=f"{p.followers:,}")
    if key == "default_avatar":
        return t("author.no_avatar", lang)
    if key == "bio":
        return t("author.no_bio", lang)
    if key in ("digits", "trailing_digits", "handle_length", "name_is_handle", "name_words"):
        return t("author.handle", lang, handle=p.handle)
    if key in ("posts", "posts_per_day") and p.posts is not None:
        return t("author.prolific", lang, posts=f"{p.posts:,}")
    if key == "seen_per_day":
        return t("author.rate", lang, n=round(10 ** (feats["seen_per_day"] or 0) - 1))
    if key == "link_share":
        return t("author.links", lang, share=round(100 * (feats["link_share"] or 0)))
    if key in ("repost_share", "reply_share"):
        return t("author.broadcast", lang)
    if key == "declares_bot":
        return t("author.declares_bot", lang)
    if key == "insulting" and insulting is not None:
        return t("author.insulting", lang, share=round(100 * insulting))
    if key == "burst" and per_hour is not None:
        return t("author.burst", lang, n=round(per_hour))
    return ""


# ---------------------------------------------------------------------- training

#: when each public account set was collected (ages are counted to then)
COLLECTED = {
    "twitter_bots": datetime(2017, 6, 1, tzinfo=UTC),
    "twitter_nonbots": datetime(2017, 6, 1, tzinfo=UTC),
    "ira": datetime(2017, 11, 1, tzinfo=UTC),
}


def _num(value: str | None) -> int | None:
    if value is None:
        return None
    value = value.strip().strip('"')
    if not value or value.lower() in ("none", "null"):
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _bool(value: str | None) -> bool | None:
    if value is None or not value.strip():
        return None
    return value.strip().strip('"').lower() in ("true", "1")


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in ("%a %b %d %H:%M:%S %z %Y", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M"):
        try:
            d = datetime.strptime(value.strip(), fmt)
            return d if d.tzinfo else d.replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return "" if value in ('""', "None", "null") else value


def load_accounts(data: Path) -> list[tuple[dict[str, float | None], int, str]]:
    """(features, label 1 = troll/bot, source) for every account in the public sets."""
    csv.field_size_limit(10**9)
    out: list[tuple[dict[str, float | None], int, str]] = []

    def rows(name: str, delimiter: str = ","):  # type: ignore[no-untyped-def]
        with (data / "accounts" / name).open(encoding="utf-8", errors="replace", newline="") as f:
            yield from csv.DictReader(f, delimiter=delimiter)

    for name, source, label in (
        ("twitter_bots_profiles.csv", "twitter_bots", 1),
        ("twitter_nonbots_profiles.csv", "twitter_nonbots", 0),
        ("ira_troll_profiles.csv", "ira", 1),
    ):
        for r in rows(name):
            handle = (r.get("screen_name") or "").strip()
            if not handle:
                continue
            profile = AuthorProfile(
                handle=handle,
                name=_text(r.get("name")),
                bio=_text(r.get("description")),
                followers=_num(r.get("followers_count")),
                following=_num(r.get("friends_count")),
                posts=_num(r.get("statuses_count")),
                account_created=_date(r.get("created_at")),
                avatar=None
                if _bool(r.get("default_profile_image")) is None
                else not _bool(r.get("default_profile_image")),
                verified=_bool(r.get("verified")),
            )
            out.append((features(profile, COLLECTED[source]), label, source))
    for name, label in (("gilani2017_bots.tsv", 1), ("gilani2017_humans.tsv", 0)):
        for r in rows(name, "\t"):
            handle = (r.get("screen_name") or "").strip()
            tweeted, retweeted, replied = (
                _float(r.get(k)) or 0.0 for k in ("user_tweeted", "user_retweeted", "user_replied")
            )
            total = max(tweeted + retweeted + replied, 1.0)
            behaviour = Behaviour(
                _float(r.get("tweet_frequency")) or 0.0,
                retweeted / total,
                replied / total,
                min((_float(r.get("urls_count")) or 0.0) / total, 1.0),
            )
            feats = features(AuthorProfile(handle=handle), datetime.now(UTC), behaviour)
            age = _float(r.get("age_of_account_in_days"))
            ratio = _float(r.get("follower_friend_ratio"))
            feats["age_days"] = _log(age)
            feats["ratio"] = None if ratio is None or ratio <= 0 else math.log10(ratio)
            out.append((feats, label, "gilani"))
    return out


def _float(value: str | None) -> float | None:
    try:
        return float((value or "").strip())
    except ValueError:
        return None


def _edges(values: np.ndarray) -> list[float]:
    """Bin edges: midpoints between the values of a discrete feature, deciles otherwise."""
    unique = np.unique(values)
    if len(unique) <= 12:
        return [float(x) for x in (unique[:-1] + unique[1:]) / 2.0]
    return [float(q) for q in np.unique(np.quantile(values, np.linspace(0.1, 0.9, 9)))]


def _bin(edges: list[float], value: float) -> int:
    return bisect_right(edges, value)


def _design(
    rows: list[dict[str, float | None]], edges: dict[str, list[float]], reference: dict[str, int]
) -> tuple[np.ndarray, list[tuple[str, int]]]:
    """One column per non-reference bin of each feature, plus one 'present' column per
    feature: how the public sets were assembled (which fields each one gives) is
    absorbed there, and thrown away with it."""
    columns = [(f, b) for f in FEATURES for b in range(len(edges[f]) + 1) if b != reference[f]]
    columns += [(f, -1) for f in FEATURES]
    index = {c: i for i, c in enumerate(columns)}
    x = np.zeros((len(rows), len(columns)), np.float32)
    for i, feats in enumerate(rows):
        for f in FEATURES:
            v = feats.get(f)
            if v is None:
                continue
            x[i, index[(f, -1)]] = 1.0
            b = _bin(edges[f], v)
            if b != reference[f]:
                x[i, index[(f, b)]] = 1.0
    return x, columns


def train_authors(data: Path, out_dir: Path, log: Callable[[str], None] = print) -> dict:
    """Fit the author model on the public account sets and report its AUC as shipped:
    the typical value of each signal, and a missing signal, add nothing."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split

    accounts = load_accounts(data)
    feats = [a for a, _, _ in accounts]
    y = np.array([label for _, label, _ in accounts])
    source = np.array([s for _, _, s in accounts])
    strata = np.array([f"{s}:{label}" for s, label in zip(source, y, strict=True)])
    train, test = train_test_split(
        np.arange(len(y)), test_size=0.3, random_state=0, stratify=strata
    )
    edges: dict[str, list[float]] = {}
    reference: dict[str, int] = {}
    for f in FEATURES:
        values = np.array([feats[i][f] for i in train if feats[i][f] is not None], float)
        edges[f] = _edges(values) if len(values) else []
        counts = (
            np.bincount([_bin(edges[f], v) for v in values], minlength=len(edges[f]) + 1)
            if len(values)
            else np.ones(1)
        )
        reference[f] = int(np.argmax(counts))  # the typical value is the reference
    x, columns = _design(feats, edges, reference)

    def fit(rows: np.ndarray) -> AuthorModel:
        clf = LogisticRegression(C=0.5, max_iter=5000).fit(x[rows], y[rows])
        weights: dict[str, list[float]] = {f: [0.0] * (len(edges[f]) + 1) for f in FEATURES}
        for (f, b), w in zip(columns, clf.coef_[0], strict=True):
            if b >= 0:  # presence terms are dropped
                weights[f][b] = round(float(w), 4)
        base = float(y[rows].mean())
        shift = math.log(PRIOR / (1 - PRIOR)) - math.log(base / (1 - base))
        return AuthorModel(edges, weights, float(clf.intercept_[0]) + shift, {})

    held = fit(train)
    proba = np.array([held.score(feats[i]) for i in test])
    metrics: dict = {
        "description": "Troll/bot likelihood of an author from the profile and behaviour (binned additive model).",
        "training": {
            "accounts": int(len(train)),
            "by_source": {str(s): int((source[train] == s).sum()) for s in sorted(set(source))},
        },
        "report": {
            "held-out 30% of all accounts": {
                "n": int(len(test)),
                "auc": round(float(roc_auc_score(y[test], proba)), 4),
            }
        },
    }
    for pos, neg in (
        ("twitter_bots", "twitter_nonbots"),
        ("ira", "twitter_nonbots"),
        ("gilani", "gilani"),
    ):
        mask = np.isin(source[test], [pos, neg])
        if len(set(y[test][mask])) == 2:
            metrics["report"][f"held-out {pos} vs {neg}"] = {
                "n": int(mask.sum()),
                "auc": round(float(roc_auc_score(y[test][mask], proba[mask])), 4),
            }
    shipped = fit(np.arange(len(y)))  # the shipped model learns from every account
    out_dir.mkdir(exist_ok=True)
    payload = {
        "edges": edges,
        "weights": shipped.weights,
        "bias": shipped.bias,
        "metrics": metrics["report"],
    }
    (out_dir / "authors.json").write_text(json.dumps(payload, indent=1), encoding="utf-8")
    log(f"authors: {json.dumps(metrics['report'])}")
    global _model
    _model = None
    return metrics
