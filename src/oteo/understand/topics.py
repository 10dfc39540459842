"""What is driving it: the negative mentions of a window grouped into a few themes.

Posts are placed by their multilingual sentence embeddings (so "intoxicación" and
"food poisoning" land together), grouped by average-linkage clustering on cosine
distance with the number of themes chosen by the silhouette, and each theme is named
by the words most particular to it (class-based tf-idf).  Identical texts (reposts)
are embedded once and counted as many times as they were posted.  Without the encoder
(fast mode) posts are placed by the words they share, so themes stay within a language.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from oteo.text import TOKEN, fold, tokens, unstretched
from oteo.understand.features import Embedder
from oteo.understand.lexicon import (
    HARM,
    HATE,
    INSULT_PHRASES,
    INSULTS,
    SWEARS,
    TARGETS,
    polarity,
)

_STOP = frozenset(
    """de la el en y a que los las un una por con para del al se me mi no es lo le ya muy
    mas pero o su sus os te tu yo he ha han hay fue son esta este esto estos estas todo
    todos tras despues hasta ni como cuando donde porque solo sin sobre entre otra otro
    nos estaba estan estamos estuvimos sido
    the a an and of to in is it i my you for on at was this that with be are not have
    has had they them their there what your were will would about just from after all
    rt http via ahora hoy ayer when been more some than then also only
    soy somos era eran sea sean seria estoy estas estais estaba estar ser
    hemos habeis habia haber tengo tiene tienen tenemos teneis tener hace hacer
    unos unas uno algun alguno alguna algunos algunas cada mismo misma otros otras
    mucho mucha muchos muchas poco pocos tanto tantos vez veces primera primero ultima
    ultimo nosotros ellos ellas nuestro nuestra
    aqui alli entonces siempre nunca tambien aunque mientras hola buenas gracias porfa
    hello hey thanks thank please
    we us our ours yours he him his she her its theirs am being do does did doing
    done can could should may might must very too here again still even
    used into onto over under upon which while where whom whose those these other such
    each both either neither anything something nothing everything most less least
    because though although since until before during without within shall
    dont didnt doesnt isnt wasnt arent werent cant couldnt wont wouldnt shouldnt
    thats whats theyre youre going gonna wanna
    pues sino cual cuales quien quienes cuyo desde hacia contra segun durante dentro
    fuera luego antes casi bien algo nada nadie alguien toda todas ese esa esos esas
    aquel aquella aquellos aquellas vuestro vuestra suyo suya tuyo tuya mio mia""".split()
)
#: insults, slurs, swearing and the second person say how people speak, not what about
_HOW = INSULTS | HATE | SWEARS | TARGETS
MAX_POSTS = 1500
FREQUENCIES = Path(__file__).with_name("models") / "word_frequencies.json"
_frequencies: dict[str, int] | None = None


def word_frequencies() -> dict[str, int]:
    """In how many of ~95,000 public posts each word appears (key "" holds the total),
    built by ``oteo train``: everyday words name no theme."""
    global _frequencies
    if _frequencies is None:
        _frequencies = (
            json.loads(FREQUENCIES.read_text(encoding="utf-8")) if FREQUENCIES.exists() else {"": 1}
        )
    return _frequencies


def build_word_frequencies(texts: Iterable[str], keep: int = 60_000) -> dict[str, int]:
    counts: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        counts.update(set(tokens(text)))
    out = {w: c for w, c in counts.most_common(keep) if c >= 2}
    out[""] = n
    return out


#: between the words of a theme's label ("fiebre · cenar · comer")
JOIN = " · "


@dataclass(slots=True)
class Theme:
    label: str  # its words joined, or the opening of one of its posts when it has none
    terms: list[str]
    size: int  # posts, reposts included
    share: float
    members: list[str]  # its distinct posts, most central first


def label_terms(label: str) -> set[str]:
    """The words of a theme's label, folded as theme words are (a label that is a
    post's opening is one "word")."""
    return {fold(w) for w in label.split(JOIN)}


def spell(words: Sequence[str], posts: Iterable[str]) -> list[str]:
    """Folded words as the posts most often spell them ("acabé" for "acabe", which is
    how they are matched); a word no post spells as such stays as it is."""
    wanted = set(words)
    spellings: dict[str, Counter[str]] = {}
    for text in posts:
        for w in TOKEN.findall(text.lower()):
            folded = fold(w)
            if folded in wanted:
                spellings.setdefault(folded, Counter())[w] += 1
    return [spellings[w].most_common(1)[0][0] if w in spellings else w for w in words]


def label(terms: Sequence[str], posts: Sequence[str]) -> str:
    """A theme's name: its words as its posts spell them, or the opening of its first
    post when it has none."""
    if not terms:
        return posts[0][:40] if posts else ""
    return JOIN.join(spell(terms, posts))


def _plain(word: str) -> str:
    """A word stretched for emphasis as the commoner of what it may stand for."""
    forms = unstretched(word)
    return max(forms, key=lambda f: word_frequencies().get(f, 0)) if forms else word


def _what(word: str) -> bool:
    """Whether a word may say what a post is about: not a word of feeling ("lamentable",
    "genial"), but the harm a story is about ("intoxicación", "estafa", "demanda"), though
    the lexicon reads those as negative too (the harm patterns run on the lexicon's
    words only, about one a post)."""
    return not polarity(word) or any(p.fullmatch(word) for p in HARM.values())


def theme_words(text: str, ignore: frozenset[str] = frozenset()) -> list[str]:
    """Words that say what a post is about: no function words, no brand terms (``ignore``)
    and no words of feeling or insults ("indignante", "inútiles" say how, not what; the harm
    a story is about, "intoxicación", "estafa", stays).  A word stretched for
    emphasis is read as the commoner of what it may stand for ("Lumbreee" as "lumbre").
    Names called ("panda de inútiles", "sois unas ratas", stretched or not) go whole: they
    say how too."""
    plain = fold(text)
    if unstretched(plain):  # few posts stretch a word: the others skip the word walk
        plain = TOKEN.sub(lambda m: _plain(m.group(0)), plain)
    out = []
    for w in tokens(INSULT_PHRASES.sub(" ", plain)):
        if (
            len(w) > 3
            and w[0] not in "@#"
            and not w.isdigit()
            and w not in _STOP
            and w not in _HOW
            and w not in ignore
            and _what(w)
        ):
            out.append(w)
    return out


def themes(
    texts: Sequence[str],
    embedder: Embedder | None,
    *,
    ignore: frozenset[str] = frozenset(),
    max_themes: int = 5,
    min_share: float = 0.05,
) -> list[Theme]:
    """Themes of ``texts``, largest first (posts in themes smaller than ``min_share``
    of the whole are left out)."""
    counts = Counter(texts)
    unique = [t for t, _ in counts.most_common(MAX_POSTS)]
    weights = np.array([counts[t] for t in unique], float)
    total = float(weights.sum())
    if len(unique) < 3:
        return [_name([0] * len(unique), 0, unique, weights, total, ignore)] if unique else []
    vectors = embedder.encode(unique) if embedder is not None else _word_vectors(unique, ignore)
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    distances = pdist(vectors, "cosine")
    tree = linkage(distances, "average")
    best, best_score = np.ones(len(unique), int), -1.0
    for k in range(2, min(max_themes, len(unique) - 1) + 1):
        labels = fcluster(tree, k, "maxclust")
        if len(set(labels)) < 2:  # ties can merge everything at once: no split to weigh
            continue
        score = _silhouette(distances, labels, len(unique))
        if score > best_score + 0.01:
            best, best_score = labels, score
    found = [
        _name(list(best), c, unique, weights, total, ignore, vectors) for c in sorted(set(best))
    ]
    found = [f for f in found if f.share >= min_share]
    return sorted(found, key=lambda f: -f.size)


def _word_vectors(texts: list[str], ignore: frozenset[str]) -> np.ndarray:
    """Bag-of-theme-words vectors (a small constant coordinate keeps wordless posts
    comparable), for when there is no sentence encoder."""
    rows = [Counter(theme_words(t, ignore)) for t in texts]
    vocabulary = {w: i for i, w in enumerate({w for r in rows for w in r})}
    vectors = np.zeros((len(texts), len(vocabulary) + 1), np.float32)
    vectors[:, -1] = 0.1
    for i, row in enumerate(rows):
        for w, c in row.items():
            vectors[i, vocabulary[w]] = c
    return vectors


def _silhouette(condensed: np.ndarray, labels: np.ndarray, n: int) -> float:
    from scipy.spatial.distance import squareform

    d = squareform(condensed)
    values = []
    for i in range(n):
        same = labels == labels[i]
        if same.sum() <= 1:
            values.append(0.0)
            continue
        a = d[i, same].sum() / (same.sum() - 1)
        b = min(d[i, labels == other].mean() for other in set(labels) if other != labels[i])
        values.append((b - a) / max(a, b) if max(a, b) > 0 else 0.0)
    return float(np.mean(values))


def _name(
    labels: list[int],
    cluster: int,
    texts: list[str],
    weights: np.ndarray,
    total: float,
    ignore: frozenset[str],
    vectors: np.ndarray | None = None,
) -> Theme:
    members = [i for i, label in enumerate(labels) if label == cluster]
    inside: Counter[str] = Counter()
    everywhere: Counter[str] = Counter()
    for i, text in enumerate(texts):
        words = set(theme_words(text, ignore))
        for w in words:
            everywhere[w] += weights[i]
            if i in members:
                inside[w] += weights[i]
    size = float(weights[members].sum())
    common = word_frequencies()
    n_docs = common.get("", 1)
    # frequent in this theme, rarer in the rest of the window, and rare in everyday posts
    scores = {
        w: (c / size)
        * math.log(1.0 + total / everywhere[w])
        * math.log(1.0 + n_docs / (1.0 + common.get(w, 0)))
        for w, c in inside.items()
        if c >= 2 or size < 4
    }
    terms = [w for w, _ in sorted(scores.items(), key=lambda kv: -kv[1])[:3]]
    if vectors is not None and members:
        centre = vectors[members].mean(axis=0)
        order = sorted(members, key=lambda i: -float(vectors[i] @ centre))
    else:
        order = members
    return Theme(
        label(terms, [texts[i] for i in order]),
        terms,
        int(size),
        round(size / total, 3),
        [texts[i] for i in order],
    )
