"""Training the shipped models from the public data in ``../shared/data``.

``oteo train --data ../shared/data`` rebuilds every model in ``oteo/understand/models``
and writes ``metrics.json`` beside them; ``docs/models/`` holds a model card per model,
written from those metrics.  Rules that keep the figures honest:

* every text of a file the figures are reported on is removed from every training
  file (some public sets overlap: 80 of the 324 Spanish XLM-T validation tweets are in
  InterTASS, and all 323 English XLM-T validation tweets are in TweetEval's validation
  set), and repeated texts are kept once;
* mixing weights and the temperature are chosen on out-of-fold predictions of the
  training data, never on a reported set;
* the reported sets are scored once, at the end.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

from oteo.understand.features import Embedder, Hashed, hashed
from oteo.understand.lexical import lexical_features, read, with_vader
from oteo.understand.stack import Linear, Stack, softmax

MODELS = Path(__file__).with_name("models")
csv.field_size_limit(10**9)


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"@\w+", "@user", text.lower())).strip()


@dataclass
class Part:
    file: str
    weight: float = 1.0
    label: Callable[[dict[str, str]], str | None] = lambda row: row["label"]
    pool: bool = True  # part of the in-domain pool where weights are chosen


@dataclass
class Recipe:
    name: str
    classes: list[str]
    parts: list[Part]
    report: list[tuple[str, Callable[[dict[str, str]], str | None]]]
    description: str
    cv_report: bool = False  # also report out-of-fold figures on the pool (small report sets)
    c_hashed: float = 4.0  # inverse regularisation of the n-gram model
    c_embedded: float = 1.0
    #: the lexical part also reads VADER's English scores (:func:`with_vader`)
    vader: bool = False
    #: for offence models, the sentiment model of their language: their figures are also
    #: given for the post as oteo flags it (the model with the lexicon's explicit attacks)
    sentiment: str | None = None
    meta: dict = field(default_factory=dict)


def _binary(positive: str) -> Callable[[dict[str, str]], str]:
    return lambda row: "yes" if row["label"] == positive else "no"


def _no_attack(row: dict[str, str]) -> str | None:
    """A post to a brand in which the lexicon reads no insult, slur or threat: criticism,
    however harsh, is not an attack (the posts that do read as one are left out)."""
    return "no" if read(row["text"]).offensive_kind is None else None


RECIPES = [
    Recipe(
        "sentiment_es",
        ["negative", "neutral", "positive"],
        [
            Part("sentiment/es_xlmt_train.tsv"),
            Part("sentiment/es_intertass.tsv"),
            Part("sentiment/es_tass_general.tsv", 0.2, pool=False),
            Part("sentiment/es_airline_train.tsv", 0.3, pool=False),
        ],
        [("sentiment/es_xlmt_val.tsv", lambda r: r["label"])],
        "Sentiment of Spanish posts.",
    ),
    Recipe(
        "sentiment_en",
        ["negative", "neutral", "positive"],
        [
            Part("sentiment/en_tweeteval_val.tsv"),
            Part("sentiment/en_xlmt_train.tsv"),
            Part("sentiment/en_airline_us.tsv", 0.3, pool=False),
            Part("sentiment/multi_xlmt_train.tsv", 0.5, pool=False),
        ],
        [("sentiment/en_xlmt_val.tsv", lambda r: r["label"])],
        "Sentiment of English posts (TweetEval's validation set is used for training; it is not reported). Its lexical part also reads VADER's scores.",
        vader=True,
    ),
    Recipe(
        "sentiment_multi",
        ["negative", "neutral", "positive"],
        [
            Part("sentiment/multi_xlmt_train.tsv"),
            Part("sentiment/es_tass_general.tsv", 0.3, pool=False),
            Part("sentiment/en_airline_us.tsv", 0.2, pool=False),
        ],
        [("sentiment/multi_xlmt_val.tsv", lambda r: r["label"])],
        "Sentiment of posts in other languages (best effort; ar, de, fr, hi, it, pt and the rest).",
    ),
    Recipe(
        "offensive_es",
        ["no", "yes"],
        [
            Part("offensive/es_offendes_train.tsv", label=_binary("offensive")),
            # Mexican tweets, *aggressive* rather than *offensive*: a little of them (the
            # weight and C below chosen out of fold, on several splits: BENCHMARKS.md)
            Part("offensive/es_mexa3t.tsv", 0.25, label=_binary("aggressive"), pool=False),
        ],
        [("offensive/es_offendes_dev.tsv", _binary("offensive"))],
        "Offensive Spanish posts (insults to a person or group); swearing that attacks nobody is not offensive (OffendES NOE).",
        cv_report=True,
        c_hashed=8.0,
        sentiment="sentiment_es",
    ),
    Recipe(
        "offensive_en",
        ["no", "yes"],
        [
            Part("offensive/en_tweeteval_offensive_train.tsv", label=_binary("offensive")),
            # OLID counts any profanity and reads "worst airline ever" as offensive; a
            # little of a week of tweets to airlines teaches that complaints are not
            # attacks (weight chosen on the brand sample's dev half: BENCHMARKS.md)
            Part("sentiment/en_airline_us.tsv", 0.1, label=_no_attack, pool=False),
        ],
        [("offensive/en_tweeteval_offensive_val.tsv", _binary("offensive"))],
        "Offensive English posts (OLID via TweetEval; calm complaints to airlines as counter-examples).",
        sentiment="sentiment_en",
    ),
    Recipe(
        "hate_en",
        ["no", "yes"],
        [Part("offensive/en_tweeteval_hate_train.tsv", label=_binary("hate"))],
        [("offensive/en_tweeteval_hate_val.tsv", _binary("hate"))],
        "Hate speech in English posts (HatEval via TweetEval).",
    ),
]


class Features:
    """Hashed n-grams, embeddings and lexical features, computed once per text.

    Embeddings are the slow part (about 1,500 texts a second); with ``cache`` they are
    kept on disk between runs, keyed by a hash of the text.
    """

    def __init__(self, embedder: Embedder, cache: Path | None = None) -> None:
        self.embedder = embedder
        self.cache = cache
        self._emb: dict[str, np.ndarray] = {}
        if cache is not None and cache.exists():
            with np.load(cache) as z:
                self._emb = dict(zip(z["keys"].tolist(), z["vectors"], strict=True))

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()

    def embed(self, texts: list[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        missing = list(
            dict.fromkeys((k, t) for k, t in zip(keys, texts, strict=True) if k not in self._emb)
        )
        for i in range(0, len(missing), 1024):
            chunk = missing[i : i + 1024]
            for (k, _), v in zip(chunk, self.embedder.encode([t for _, t in chunk]), strict=True):
                self._emb[k] = v
        if missing and self.cache is not None:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            np.savez(
                self.cache,
                keys=np.array(list(self._emb)),
                vectors=np.vstack(list(self._emb.values())),
            )
        return np.vstack([self._emb[k] for k in keys]) if texts else np.zeros((0, 512), np.float32)

    def __call__(
        self, texts: list[str], vader: bool = False
    ) -> tuple[Hashed, np.ndarray, np.ndarray]:
        lexical = np.vstack([lexical_features(t) for t in texts])
        if vader:
            lexical = with_vader(lexical, texts)
        return hashed(texts), self.embed(texts), lexical


def _fit(x: sparse.spmatrix | np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> Linear:
    model = LogisticRegression(C=c, max_iter=4000, class_weight="balanced")
    model.fit(x, y, sample_weight=w)
    return Linear(model.coef_, model.intercept_.astype(np.float64))


def _idf(x: Hashed) -> np.ndarray:
    df = np.bincount(x.indices, minlength=x.shape[1])
    return (np.log((1.0 + x.shape[0]) / (1.0 + df)) + 1.0).astype(np.float32)


def _fit_parts(
    recipe: Recipe,
    xh: Hashed,
    xe: np.ndarray,
    xl: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    idf: np.ndarray,
) -> tuple[Linear, Linear, Linear]:
    return (
        _fit(xh.scaled(idf).tocsr(), y, w, recipe.c_hashed),
        _fit(xe, y, w, recipe.c_embedded),
        _fit(xl, y, w, 1.0),
    )


def _macro_f1(y: np.ndarray, p: np.ndarray) -> float:
    return float(f1_score(y, p.argmax(1), average="macro"))


def _choose(oof: list[np.ndarray], y: np.ndarray) -> tuple[np.ndarray, float]:
    """Mixing weights of the parts by out-of-fold macro-F1 (in tenths), then the
    temperature by log-loss."""
    best = (-1.0, np.eye(len(oof))[0])
    grid = [
        np.array([*tenths, 10 - sum(tenths)]) / 10
        for tenths in itertools.product(range(11), repeat=len(oof) - 1)
        if sum(tenths) <= 10
    ]
    for w in grid:
        score = _macro_f1(y, sum(wi * p for wi, p in zip(w, oof, strict=True)))
        if score > best[0] + 1e-9:
            best = (score, w)
    weights = best[1]
    mixed = np.log(np.clip(sum(wi * p for wi, p in zip(weights, oof, strict=True)), 1e-9, 1))
    temps = np.exp(np.linspace(np.log(0.3), np.log(3.0), 60))
    losses = [-np.mean(np.log(softmax(mixed / t)[np.arange(len(y)), y] + 1e-12)) for t in temps]
    return weights, float(temps[int(np.argmin(losses))])


def ece(proba: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of the top class."""
    conf, pred = proba.max(1), proba.argmax(1)
    total = 0.0
    for lo in np.linspace(0, 1, bins, endpoint=False):
        mask = (conf > lo) & (conf <= lo + 1 / bins)
        if mask.any():
            total += mask.mean() * abs((pred[mask] == y[mask]).mean() - conf[mask].mean())
    return float(total)


def _scores(y: np.ndarray, proba: np.ndarray, classes: list[str]) -> dict[str, float]:
    out = {
        "n": int(len(y)),
        "macro_f1": round(_macro_f1(y, proba), 4),
        "accuracy": round(float((proba.argmax(1) == y).mean()), 4),
        "ece": round(ece(proba, y), 4),
    }
    per = f1_score(y, proba.argmax(1), average=None, labels=list(range(len(classes))))
    out.update({f"f1_{c}": round(float(v), 4) for c, v in zip(classes, per, strict=True)})
    if len(classes) == 2:
        out["auc"] = round(float(roc_auc_score(y, proba[:, 1])), 4)
    return out


def train_recipe(
    recipe: Recipe,
    data: Path,
    features: Features,
    held: set[str],
    log: Callable[[str], None],
    dry_run: bool = False,
) -> dict:
    """Train, evaluate and save one model (``dry_run``: only the out-of-fold figures)."""
    started = time.perf_counter()
    index = {c: i for i, c in enumerate(recipe.classes)}
    texts, labels, weights, in_pool, seen = [], [], [], [], set()
    for part in recipe.parts:
        for row in read_tsv(data / part.file):
            text, label = row["text"], part.label(row)
            k = key(text)
            if label is None or k in held or k in seen:
                continue
            seen.add(k)
            texts.append(text)
            labels.append(index[label])
            weights.append(part.weight)
            in_pool.append(part.pool)
    y, w, pool = np.array(labels), np.array(weights, float), np.array(in_pool)
    log(f"{recipe.name}: {len(y)} training texts ({int(pool.sum())} in the pool)")
    xh, xe, xl = features(texts, recipe.vader)
    # out-of-fold predictions on the pool, with the extra parts always in training
    oof = [np.zeros((len(y), len(recipe.classes))) for _ in range(3)]
    pool_idx = np.flatnonzero(pool)
    extra_idx = np.flatnonzero(~pool)
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for train_pool, test_pool in folds.split(pool_idx, y[pool_idx]):
        tr = np.concatenate([pool_idx[train_pool], extra_idx])
        te = pool_idx[test_pool]
        idf = _idf(xh[tr])
        hashed_m, embedded_m, lexical_m = _fit_parts(
            recipe, xh[tr], xe[tr], xl[tr], y[tr], w[tr], idf
        )
        oof[0][te] = hashed_m.proba(xh[te].scaled(idf))
        oof[1][te] = embedded_m.proba(xe[te])
        oof[2][te] = lexical_m.proba(xl[te])
    mixing, temperature = _choose([o[pool_idx] for o in oof], y[pool_idx])
    # fast mode has no embeddings: its own weights for the other two parts
    (fast_hashed, fast_lexical), fast_temperature = _choose(
        [oof[0][pool_idx], oof[2][pool_idx]], y[pool_idx]
    )
    fast = np.array([fast_hashed, 0.0, fast_lexical])
    idf = _idf(xh)
    hashed_m, embedded_m, lexical_m = _fit_parts(recipe, xh, xe, xl, y, w, idf)
    stack = Stack(
        recipe.classes,
        idf,
        hashed_m,
        embedded_m,
        lexical_m,
        mixing,
        temperature,
        {"description": recipe.description, **({"vader": True} if recipe.vader else {})},
        fast,
        fast_temperature,
    )
    metrics: dict = {
        "description": recipe.description,
        "classes": recipe.classes,
        "training": {
            "texts": int(len(y)),
            "pool": int(pool.sum()),
            "files": [[p.file, p.weight] for p in recipe.parts],
        },
        "mixing": {
            "hashed": round(float(mixing[0]), 2),
            "embedded": round(float(mixing[1]), 2),
            "lexical": round(float(mixing[2]), 2),
        },
        "temperature": round(temperature, 3),
        "fast mode": {
            "hashed": round(float(fast[0]), 2),
            "lexical": round(float(fast[2]), 2),
            "temperature": round(fast_temperature, 3),
        },
        "report": {},
    }
    mixed_oof = softmax(
        np.log(np.clip(sum(m * o[pool_idx] for m, o in zip(mixing, oof, strict=True)), 1e-9, 1))
        / temperature
    )
    metrics["out_of_fold"] = _scores(y[pool_idx], mixed_oof, recipe.classes)
    if dry_run:
        return metrics
    if recipe.cv_report:
        where = "out_of_fold (training pool, 5 folds)"
        metrics["report"][where] = metrics["out_of_fold"]
        if recipe.sentiment:
            texts_pool = [texts[i] for i in pool_idx]
            flagged = _as_flagged(
                recipe, texts_pool, mixed_oof, xh[pool_idx], xe[pool_idx], xl[pool_idx]
            )
            metrics["report"][f"{where} [as oteo flags]"] = {
                "macro_f1": _binary_f1(y[pool_idx], flagged)
            }
    for file, label_of in recipe.report:
        rows = [(r["text"], label_of(r)) for r in read_tsv(data / file)]
        rows = [(t, lab) for t, lab in rows if lab is not None]
        rt = [t for t, _ in rows]
        ry = np.array([index[lab] for _, lab in rows])
        x_h, x_e, x_l = features(rt, recipe.vader)
        proba = stack.proba(x_h, x_e, x_l)
        metrics["report"][file] = _scores(ry, proba, recipe.classes)
        if recipe.sentiment:
            flagged = _as_flagged(recipe, rt, proba, x_h, x_e, x_l)
            metrics["report"][f"{file} [as oteo flags]"] = {"macro_f1": _binary_f1(ry, flagged)}
        for name, part_proba in (
            ("fast mode", stack.proba(x_h, None, x_l)),
            ("hashed only", hashed_m.proba(x_h.scaled(idf))),
            ("embedded only", embedded_m.proba(x_e)),
        ):
            metrics["report"][f"{file} [{name}]"] = {
                "macro_f1": round(_macro_f1(ry, part_proba), 4)
            }
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    stack.meta["metrics"] = metrics["report"]
    stack.save(MODELS / f"{recipe.name}.npz")
    log(f"{recipe.name}: {json.dumps(metrics['report'], ensure_ascii=False)}")
    return metrics


def _as_flagged(
    recipe: Recipe, texts: list[str], proba: np.ndarray, xh: Hashed, xe: np.ndarray, xl: np.ndarray
) -> np.ndarray:
    """Whether oteo flags each post as an attack: the offence model's probabilities with
    the lexicon and the sentiment, as the analyzer combines them."""
    from oteo.understand.analyzer import PROFANITY_IS_OFFENCE, SENTIMENTS, _called, _offence

    model = Stack.load(MODELS / f"{recipe.sentiment}.npz")
    sentiment = model.proba(xh, xe, model.lexical_input(xl, texts))
    taught = recipe.name not in PROFANITY_IS_OFFENCE
    flags = []
    for t, p, q in zip(texts, proba, sentiment, strict=True):
        lex = read(t)
        label = SENTIMENTS[int(np.argmax(_called(q, lex)))]
        flags.append(_offence(lex, p, None, label, taught)[0] >= 0.5)
    return np.array(flags)


def _binary_f1(y: np.ndarray, flagged: np.ndarray) -> float:
    return round(float(f1_score(y, flagged.astype(int), average="macro")), 4)


#: posts to brands labelled attack or not by hand (see the file's header), for
#: ``oteo bench offence``; no model trains on them
BRAND_OFFENCE = Path(__file__).with_name("labels") / "brand_offence.tsv"


def digest(text: str) -> str:
    """How the hand-labelled samples name a post without copying it."""
    return hashlib.sha1(key(text).encode("utf-8")).hexdigest()[:16]


def brand_offence_labels(path: Path = BRAND_OFFENCE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(
            csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        )


def labelled_keys(data: Path, labels: Path = BRAND_OFFENCE) -> set[str]:
    """The keys of the hand-labelled posts, found in the files they name."""
    by_file: dict[str, set[str]] = {}
    for row in brand_offence_labels(labels):
        by_file.setdefault(row["file"], set()).add(row["digest"])
    return {
        key(r["text"])
        for file, digests in by_file.items()
        for r in read_tsv(data / file)
        if digest(r["text"]) in digests
    }


def held_out(data: Path) -> set[str]:
    """Every text of every file any model is reported on, and every hand-labelled post."""
    files = {file for r in RECIPES for file, _ in r.report}
    return {key(row["text"]) for f in files for row in read_tsv(data / f)} | labelled_keys(data)


def train_encoder_tokens(data: Path, held: set[str], log: Callable[[str], None]) -> dict:
    """The sentence encoder's tokens ranked by how often the training posts use them
    (the encoder keeps the work of the commonest ones done), and the share of the
    reported posts' tokens its table holds."""
    from oteo.understand.encoder import TABLE_TOKENS, TOKENS, coverage, rank_tokens

    files = list(dict.fromkeys(p.file for r in RECIPES for p in r.parts))
    texts = dict.fromkeys(row["text"] for f in files for row in read_tsv(data / f))
    ranked = rank_tokens(t for t in texts if key(t) not in held)
    np.savez_compressed(TOKENS, ids=ranked)
    report = {}
    for file in dict.fromkeys(file for r in RECIPES for file, _ in r.report):
        share = coverage(ranked[:TABLE_TOKENS], (row["text"] for row in read_tsv(data / file)))
        report[file] = {"tokens_in_table": round(share, 4)}
    log(f"encoder tokens: {TOKENS} {json.dumps(report)}")
    return {
        "description": "Not a model: the sentence encoder's commonest tokens, whose "
        "context-free work (projection and first convolution layer) is done once when "
        "the encoder loads. The embeddings are the same either way (to ~2e-4); the share of tokens "
        "found in the table decides how much of the work is saved.",
        "training": {
            "files": [(f, 1.0) for f in files],
            "ranked tokens": len(ranked),
            "table": f"the first {TABLE_TOKENS}",
        },
        "report": report,
    }


def model_names() -> list[str]:
    """What ``oteo train --model`` may rebuild: the recipes, the author model, the
    encoder's token table and the word frequencies themes are named by."""
    return [r.name for r in RECIPES] + ["authors", "encoder_tokens", "word_frequencies"]


def train_all(
    data: Path,
    names: Iterable[str] | None = None,
    log: Callable[[str], None] = print,
    cache: Path | None = None,
) -> dict:
    from oteo.understand.authors import train_authors

    MODELS.mkdir(exist_ok=True)
    wanted = set(names) if names else None
    held = held_out(data)
    features = Features(Embedder(threads=2), cache)
    metrics_path = MODELS / "metrics.json"
    metrics = json.loads(metrics_path.read_text(encoding="utf-8")) if metrics_path.exists() else {}
    for recipe in RECIPES:
        if wanted is None or recipe.name in wanted:
            metrics[recipe.name] = train_recipe(recipe, data, features, held, log)
    if wanted is None or "authors" in wanted:
        metrics["authors"] = train_authors(data, MODELS, log)
    if wanted is None or "encoder_tokens" in wanted:
        metrics["encoder_tokens"] = train_encoder_tokens(data, held, log)
    if wanted is None or "word_frequencies" in wanted:
        from oteo.understand.topics import FREQUENCIES, build_word_frequencies

        texts = (row["text"] for r in RECIPES for p in r.parts for row in read_tsv(data / p.file))
        FREQUENCIES.write_text(
            json.dumps(build_word_frequencies(texts), ensure_ascii=False), encoding="utf-8"
        )
        log(f"word frequencies: {FREQUENCIES}")
    metrics_path.write_text(json.dumps(metrics, ensure_ascii=False, indent=2), encoding="utf-8")
    return metrics
