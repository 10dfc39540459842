"""Who is behind a post: a troll/bot likelihood and an influence tier, both explained.

The likelihood comes from boosted trees over the profile (account age, followers and
following, posts and likes, default avatar, handle patterns, bio) and the habits a
network or oteo's own stream shows (posts a day, shares of reposts, replies and
links).  Each tree's moves are credited to the signals it tested, and the signals
that added most are the explanation ("no avatar, 3 days old, follows 2,400, followed
by 12").  A signal the network does not give follows the branch learnt for unknown
values and is credited to nobody, so a missing avatar field is never evidence.  The
signs the public accounts cannot teach (a very young account, the share of
insulting posts, a burst of posts here) are added on top with fixed weights.
Trained on ``../shared/data/accounts`` by ``oteo train``.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

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
    "liked",
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


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


#: the share of trolls and bots assumed among the authors talking about a brand; the
#: public sets hold about half of each, so their base rate is corrected to this prior
PRIOR = 0.05
#: the likelihood from which an author is a likely troll or bot: flagged on screen and not
#: counted as a person joining a crisis.  The likelihood is calibrated to PRIOR, so this is
#: "more likely than not"; the training report gives the share of each kind of account above it
SUSPECT = 0.5
#: the trees' settings (chosen by cross-validation on the training accounts)
TREES = {"max_iter": 100, "max_leaf_nodes": 15, "learning_rate": 0.1, "min_samples_leaf": 50}
#: stand-ins an unknown value may take, each with equal chance (chosen with the trees)
FILL = 16
#: signs from the seeds (S9) the public sets cannot teach (their accounts have no posts,
#: and their bots are no younger than their humans): fixed weights, in log-odds
YOUNG_DAYS, YOUNG_WEIGHT = 30, 1.2
#: posts oteo must have seen from an author (in a day) to read a habit from them: how
#: often, what kind, which share insults.  Fewer say nothing of a habit
HABIT = 3
#: before that, each insulting post is evidence on its own, weighed so that insults alone
#: take an author of ordinary profile from PRIOR to the suspect line only once they are a
#: habit: one angry customer's insult is a bad moment, while it makes an already
#: suspicious account more suspicious (log-odds)
INSULT_WEIGHT = (_logit(SUSPECT) - _logit(PRIOR)) / HABIT
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
        "liked": _log(p.liked),
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
        # in words, or by the network's own mark of an automated account
        "declares_bot": float(
            bool(p.automated) or bool(_BOT_WORD.search(f"{handle} {name} {p.bio or ''}"))
        ),
    }


class AuthorModel:
    """Boosted trees (scikit-learn's histogram gradient boosting, exported to arrays)
    evaluated with numpy for every tree at once: each leaf's path is a list of tests,
    one per signal it tests (the values that pass it), and a known value reaches the
    leaves whose tests it passes.  Each move along the path, from a node's mean to its
    child's, is credited to the signal the node tests (Saabas).  A signal that is not
    known is credited to nobody, so a missing field is never given as a reason.

    The trees learnt mostly from accounts whose unknown values were drawn from the
    accounts that know them (see ``_augment``), so an author is scored as such: with
    ``fill`` (FILL stand-ins per signal, quantiles of its known values) an unknown
    signal takes each of its stand-ins with equal chance, each signal on its own, and
    the log-odds and credits are their expectation.  A leaf is then reached with the
    share of each unknown signal's stand-ins that agree with its path (worked out once,
    when the model loads) if the known signals agree with it.  Without ``fill`` an
    unknown signal's one stand-in is "unknown": it follows the branch the trees learnt
    for unknown values."""

    def __init__(
        self,
        trees: list[dict[str, list]],
        bias: float,
        metrics: dict,
        fill: np.ndarray | None = None,
    ) -> None:
        self.trees, self.bias, self.metrics, self.fill = trees, bias, metrics, fill
        stand_ins = fill if fill is not None else np.full((1, len(FEATURES)), np.nan)
        leaves = max(sum(1 for f in tr["feature"] if f >= 0) for tr in trees) + 1
        n = len(trees)
        # per leaf, what each signal's moves added on the way there, then its value
        self._leaf = np.zeros((n, leaves, len(FEATURES) + 1))
        # per leaf, the signals its path tests
        conditions: dict[tuple[int, int], list[tuple[int, float, float, float]]] = {}
        for tr, tree in enumerate(trees):
            feature, value = tree["feature"], tree["value"]
            leaf = 0
            stack: list[tuple[int, list[tuple[int, bool]]]] = [(0, [])]
            while stack:
                i, path = stack.pop()
                if feature[i] < 0:
                    for parent, left in path:
                        child = tree["left"][parent] if left else tree["right"][parent]
                        self._leaf[tr, leaf, feature[parent]] += value[child] - value[parent]
                    self._leaf[tr, leaf, -1] = value[i]
                    conditions[tr, leaf] = _conditions(tree, path, stand_ins)
                    leaf += 1
                    continue
                stack.append((tree["right"][i], [*path, (i, False)]))
                stack.append((tree["left"][i], [*path, (i, True)]))
        # every leaf's tests, one after the other: the leaf (tree x leaves + leaf), the
        # signal, the values that pass (low, high] and the share of its stand-ins that do
        flat = [
            (tr * leaves + leaf, *test)
            for (tr, leaf), tests in conditions.items()
            for test in tests
        ]
        self._test_leaf = np.array([c[0] for c in flat], np.intp)
        self._test_signal = np.array([c[1] for c in flat], np.intp)
        self._test_low, self._test_high, share = (
            np.array([c[k] for c in flat], float) for k in (2, 3, 4)
        )
        with np.errstate(divide="ignore"):
            self._test_log_share = np.log(share)
        #: per pattern of unknown signals, the chance of reaching each leaf they decide
        self._shares: dict[bytes, np.ndarray] = {}

    def explain(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``x``: one row per author, one column per FEATURES, NaN where unknown.
        The log-odds of each, and what each signal added to it."""
        leaf = self._leaf.reshape(-1, self._leaf.shape[2])
        total = np.empty((len(x), leaf.shape[1]))
        for i, row in enumerate(x):
            v = row.take(self._test_signal)
            unknown = np.isnan(v)
            pattern = np.isnan(row).tobytes()
            shares = self._shares.get(pattern)
            if shares is None:  # a few patterns of unknown signals in practice
                if len(self._shares) >= 256:
                    self._shares.clear()
                logs = np.where(unknown, self._test_log_share, 0.0)
                shares = np.exp(np.bincount(self._test_leaf, logs, minlength=len(leaf)))
                self._shares[pattern] = shares
            with np.errstate(invalid="ignore"):
                fails = ~(unknown | ((v > self._test_low) & (v <= self._test_high)))
            agree = np.bincount(self._test_leaf, fails, minlength=len(leaf)) == 0
            total[i] = (agree * shares) @ leaf
        credit = total[:, :-1]
        credit[np.isnan(x)] = 0.0
        return self.bias + total[:, -1], credit

    @classmethod
    def load(cls, path: Path = MODEL) -> AuthorModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("features") != list(FEATURES):
            raise ValueError(f"{path}: trained for other signals; run `oteo train --model authors`")
        fill = data.get("fill")
        return cls(
            data["trees"],
            data["bias"],
            data.get("metrics", {}),
            None if fill is None else np.array(fill, dtype=float),
        )


def _conditions(
    tree: dict[str, list], path: list[tuple[int, bool]], stand_ins: np.ndarray
) -> list[tuple[int, float, float, float]]:
    """For each signal a leaf's path tests: the values that reach the leaf, as
    (low, high], and the share of the signal's stand-ins that do (an unknown one goes
    where the node sends unknown values)."""
    bounds: dict[int, list[float]] = {}
    agree: dict[int, np.ndarray] = {}
    for node, left in path:
        j, threshold = tree["feature"][node], tree["threshold"][node]
        low, high = bounds.setdefault(j, [-np.inf, np.inf])
        bounds[j] = [low, min(high, threshold)] if left else [max(low, threshold), high]
        stand = stand_ins[:, j]
        goes = np.where(np.isnan(stand), bool(tree["nan_left"][node]), stand <= threshold)
        agree[j] = agree.get(j, True) & (goes == left)
    return [(j, low, high, float(np.mean(agree[j]))) for j, (low, high) in bounds.items()]


def _row(feats: dict[str, float | None]) -> np.ndarray:
    return np.array([np.nan if feats.get(f) is None else feats[f] for f in FEATURES])


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
    insults: int = 0,
    posts_per_hour: float | None = None,
) -> AuthorRisk:
    """The likelihood that an author is a troll or a bot, with the reasons why.
    ``insulting_share``: of the author's posts, once they show a habit (HABIT of them);
    ``insults``: how many insulting posts, before that."""
    feats = features(p, at, behaviour)
    logits, credit = model().explain(_row(feats)[None, :])
    logit = float(logits[0])
    extra: dict[str, float] = {}
    if p.account_created is not None and (at - p.account_created).days < YOUNG_DAYS:
        extra["young"] = YOUNG_WEIGHT * (1.0 - (at - p.account_created).days / YOUNG_DAYS)
    if insulting_share is not None and insulting_share > 0:
        extra["insulting"] = 4.0 * insulting_share  # 40% insulting posts adds 1.6
    elif insults:
        extra["insults"] = INSULT_WEIGHT * insults
    if posts_per_hour is not None and posts_per_hour > 4:
        extra["burst"] = min(math.log2(posts_per_hour / 4.0), 3.0)
    logit += sum(extra.values())
    likelihood = 1.0 / (1.0 + math.exp(-logit))
    ranked = sorted(
        [(float(credit[0, j]), FEATURES[j]) for j in np.flatnonzero(credit[0] > 0.15)]
        + [(v, k) for k, v in extra.items()],
        reverse=True,
    )
    reasons: dict[str, dict[str, Any]] = {}
    for _, k in ranked:
        if len(reasons) == 4:
            break
        reason = _reason(k, p, feats, at, insulting_share, insults, posts_per_hour)
        # related signals (followers, following, their ratio) share one reason
        if reason is not None and reason[0] not in reasons:
            reasons[reason[0]] = reason[1]
    return AuthorRisk(round(likelihood, 4), influence_tier(p.followers), list(reasons.items()))


def _reason(
    key: str,
    p: AuthorProfile,
    feats: dict[str, float | None],
    at: datetime,
    insulting: float | None,
    insults: int,
    per_hour: float | None,
) -> tuple[str, dict[str, Any]] | None:
    """A signal's reason as a message key and its values (None: nothing to tell)."""
    if key in ("age_days", "young") and p.account_created is not None:
        return "author.age", {
            "days": max(int((at - p.account_created).total_seconds() // 86400), 0)
        }
    if (
        key in ("followers", "following", "ratio")
        and p.followers is not None
        and p.following is not None
    ):
        return "author.ratio", {"following": p.following, "followers": p.followers}
    if key == "default_avatar":
        return "author.no_avatar", {}
    if key == "bio":
        return "author.no_bio", {}
    if key in ("digits", "trailing_digits", "handle_length", "name_is_handle", "name_words"):
        return "author.handle", {"handle": p.handle}
    if key in ("posts", "posts_per_day") and p.posts is not None:
        return "author.prolific", {"posts": p.posts}
    if key == "liked" and p.liked is not None:
        return "author.liked", {"n": p.liked}
    if key == "seen_per_day":
        return "author.rate", {"n": round(10 ** (feats["seen_per_day"] or 0) - 1)}
    if key == "link_share":
        return "author.links", {"share": round(100 * (feats["link_share"] or 0))}
    if key in ("repost_share", "reply_share"):
        return "author.broadcast", {}
    if key == "declares_bot":
        return "author.declares_bot", {}
    if key == "insulting" and insulting is not None:
        return "author.insulting", {"share": round(100 * insulting)}
    if key == "insults":
        return ("author.insult", {}) if insults == 1 else ("author.insults", {"n": insults})
    if key == "burst" and per_hour is not None:
        return "author.burst", {"n": round(per_hour)}
    return None


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
                liked=_num(r.get("favourites_count")),
            )
            out.append((features(profile, COLLECTED[source]), label, source))
    for name, label in (("gilani2017_bots.tsv", 1), ("gilani2017_humans.tsv", 0)):
        for r in rows(name, "\t"):
            handle = (r.get("screen_name") or "").strip()
            tweeted, retweeted, replied = (
                _float(r.get(k)) or 0.0 for k in ("user_tweeted", "user_retweeted", "user_replied")
            )
            total = max(tweeted + retweeted + replied, 1.0)
            frequency = _float(r.get("tweet_frequency"))  # posts a day
            behaviour = Behaviour(
                frequency or 0.0,
                retweeted / total,
                replied / total,
                min((_float(r.get("urls_count")) or 0.0) / total, 1.0),
            )
            liked = _float(r.get("user_favourited"))
            profile = AuthorProfile(handle=handle, liked=None if liked is None else int(liked))
            feats = features(profile, datetime.now(UTC), behaviour)
            age = _float(r.get("age_of_account_in_days"))
            ratio = _float(r.get("follower_friend_ratio"))
            feats["age_days"] = _log(age)
            # the set gives the order of magnitude of the followers only: 1k, 100k, 1M, 10M
            tier = (r.get("follower_tier") or "").strip().upper()
            scale = {"K": 1e3, "M": 1e6}.get(tier[-1:]) if tier else None
            feats["followers"] = (
                _log(float(tier[:-1]) * scale) if scale and tier[:-1].isdigit() else None
            )
            feats["ratio"] = None if ratio is None or ratio <= 0 else math.log10(ratio)
            # the set gives how many posts a day the account makes, not its post count:
            # the signal posts_per_day is (left unknown, it was drawn from other sets)
            if frequency is not None and frequency >= 0:
                feats["posts_per_day"] = math.log10(1.0 + frequency)
            out.append((feats, label, "gilani"))
    return out


def _float(value: str | None) -> float | None:
    try:
        return float((value or "").strip())
    except ValueError:
        return None


def _augment(
    x: np.ndarray, y: np.ndarray, copies: int = 3, hide: float = 0.05
) -> tuple[np.ndarray, np.ndarray]:
    """What the trees learn from.  Which signals are unknown tells how a public set was
    assembled (the IRA trolls have no avatar field, Gilani's accounts no profile), not
    who the author is: in each of ``copies`` copies every unknown value is drawn from
    the accounts that know it.  Then a share ``hide`` of all values is hidden at random,
    so the branch for an unknown value is learnt from accounts of every kind."""
    rng = np.random.default_rng(0)
    out = np.repeat(x, copies, axis=0)
    for j in range(x.shape[1]):
        known = x[~np.isnan(x[:, j]), j]
        gaps = np.flatnonzero(np.isnan(out[:, j]))
        if len(known) and len(gaps):
            out[gaps, j] = rng.choice(known, size=len(gaps))
    out[rng.random(out.shape) < hide] = np.nan
    return out, np.repeat(y, copies)


def _fill(x: np.ndarray, k: int = FILL) -> np.ndarray:
    """The stand-ins for unknown values, one column per signal: ``k`` quantiles of its
    known values (NaN for a signal nobody knows)."""
    out = np.full((k, x.shape[1]), np.nan)
    for j in range(x.shape[1]):
        known = x[~np.isnan(x[:, j]), j]
        if len(known):
            out[:, j] = np.quantile(known, (np.arange(k) + 0.5) / k, method="inverted_cdf")
    return out


def _export(clf: Any) -> tuple[list[dict[str, list]], float]:
    """The fitted trees as plain lists, each internal node's value the mean of its
    children weighted by how many accounts reached them; and the bias."""
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        value = [float(v) for v in nodes["value"]]
        count = [int(c) for c in nodes["count"]]
        # children come after their parent: the means are filled from the last node back
        for i in range(len(nodes) - 1, -1, -1):
            if not nodes["is_leaf"][i]:
                left, right = int(nodes["left"][i]), int(nodes["right"][i])
                count[i] = count[left] + count[right]
                value[i] = (value[left] * count[left] + value[right] * count[right]) / count[i]
        trees.append(
            {
                "feature": [
                    -1 if leaf else int(f)
                    for f, leaf in zip(nodes["feature_idx"], nodes["is_leaf"], strict=True)
                ],
                "threshold": [float(v) for v in nodes["num_threshold"]],
                "nan_left": [int(v) for v in nodes["missing_go_to_left"]],
                "left": [int(v) for v in nodes["left"]],
                "right": [int(v) for v in nodes["right"]],
                "value": value,
            }
        )
    return trees, float(clf._baseline_prediction.ravel()[0])


def train_authors(data: Path, out_dir: Path, log: Callable[[str], None] = print) -> dict:
    """Fit the author model on the public account sets and report its AUC on a held-out
    30% of them, as shipped: unknown signals as the network would leave them unknown."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split

    accounts = load_accounts(data)
    x = np.array([_row(a) for a, _, _ in accounts])
    y = np.array([label for _, label, _ in accounts])
    source = np.array([s for _, _, s in accounts])
    strata = np.array([f"{s}:{label}" for s, label in zip(source, y, strict=True)])
    train, test = train_test_split(
        np.arange(len(y)), test_size=0.3, random_state=0, stratify=strata
    )

    def fit(rows: np.ndarray) -> AuthorModel:
        xs, ys = _augment(x[rows], y[rows])
        clf = HistGradientBoostingClassifier(**TREES, random_state=0).fit(xs, ys)
        trees, bias = _export(clf)
        base = float(ys.mean())
        bias += _logit(PRIOR) - _logit(base)
        return AuthorModel(trees, bias, {}, _fill(x[rows]))

    held = fit(train)
    proba = held.explain(x[test])[0]
    metrics: dict = {
        "description": "Troll/bot likelihood of an author from the profile and behaviour (gradient-boosted trees).",
        "training": {
            "accounts": int(len(train)),
            "by_source": {str(s): int((source[train] == s).sum()) for s in sorted(set(source))},
        },
        "report": {
            "held-out 30% of all accounts": {
                "n": int(len(test)),
                "auc": round(float(roc_auc_score(y[test], proba)), 4),
                # on the profile alone: what oteo sees an author do is added later
                f"humans at {SUSPECT}+": round(float((proba[y[test] == 0] >= SUSPECT).mean()), 4),
                f"trolls and bots at {SUSPECT}+": round(
                    float((proba[y[test] == 1] >= SUSPECT).mean()), 4
                ),
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
    head = {
        "features": list(FEATURES),
        "bias": shipped.bias,
        "metrics": metrics["report"],
        "fill": shipped.fill.tolist(),
    }
    trees = ",\n".join(json.dumps(tree, separators=(",", ":")) for tree in shipped.trees)
    (out_dir / "authors.json").write_text(
        json.dumps(head, indent=1)[:-2] + f',\n "trees": [\n{trees}\n ]\n}}\n', encoding="utf-8"
    )
    log(f"authors: {json.dumps(metrics['report'])}")
    global _model
    _model = None
    return metrics
