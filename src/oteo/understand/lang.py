"""Language of short posts by function words (es, en, pt, ca, fr, it), offline.

A first, transparent detector: each language's most frequent function words vote, and
a few letters and digraphs only one language uses add weight.  A tie goes to the
language listed first (Spanish, then English: oteo's users); ``"und"`` when no word
of any language is found.
"""

from __future__ import annotations

import re

from oteo.text import fold

_STOP: dict[str, frozenset[str]] = {
    "es": frozenset(
        "el la los las un una unos unas y o pero que de del al en con por para sin sobre es son "
        "esta este estos estas esto eso lo le les se me te nos mi mis tu tus su sus muy mas ya "
        "no si porque como cuando donde hay fue ser estar tengo tiene tienen hace hoy ayer todo "
        "nada nunca siempre tambien aqui asi pues vez vosotros ustedes yo ella ellos vuestro "
        "vuestra otra otro gracias hola buenos buenas dias voy vamos estoy estan ahora nuevo "
        "nueva despues hasta desde entre".split()
    ),
    "en": frozenset(
        "the a an and or but that of in on at to for with without about is are was were be been "
        "this these those it its i you he she we they my your his her our their me him us them "
        "not no yes very so just have has had do does did will would can could should what when "
        "where why how who there here from by all any some thanks hello today".split()
    ),
    "pt": frozenset(
        "o a os as um uma uns umas e ou mas que de do da dos das em no na nos nas com por para "
        "sem sobre e sao esta este isso isto ele ela eles elas eu voce voces nao sim muito mais "
        "ja porque como quando onde tem foi ser estar hoje ontem tudo nada nunca sempre tambem "
        "aqui obrigado obrigada ola bom boa meu minha seu sua".split()
    ),
    "ca": frozenset(
        "el la els les un una i o pero que de del al en amb per sense sobre es son aquest "
        "aquesta aquests aixo ho li els em et ens meu teu seu molt mes ja no si perque com quan "
        "on hi ha va ser estar tinc te tenen avui ahir tot res mai sempre tambe aqui aixi doncs "
        "vosaltres jo ella ells gracies hola bon bona dia nosaltres".split()
    ),
    "fr": frozenset(
        "le la les un une des et ou mais que qui de du au aux en dans avec pour sans sur est sont "
        "ce cette ces cela ca il elle ils elles je tu nous vous mon ma mes ton ta tes son sa ses "
        "ne pas tres plus deja oui non parce comme quand ou il y a ete etre avoir ai aujourd hui "
        "hier tout rien jamais toujours aussi ici merci bonjour".split()
    ),
    "it": frozenset(
        "il lo la i gli le un uno una e o ma che di del della dei delle in con per senza su sono "
        "questo questa questi quello quella esso lui lei loro io tu noi voi mio mia tuo tua suo "
        "sua non si molto piu gia perche come quando dove ce ha ho hanno stato essere oggi ieri "
        "tutto niente mai sempre anche qui grazie ciao buongiorno".split()
    ),
}
# letters or sequences (on the unfolded lower-case text) that point at one language
_MARKS = {
    "es": re.compile(r"ñ|¿|¡|\b(?:qué|está|también|más)\b"),
    "pt": re.compile(r"ã|õ|ç[aã]o|\b(?:não|você|está)\b"),
    "ca": re.compile(r"l·l|\b(?:què|això|perquè|també|amb)\b"),
    "fr": re.compile(r"\b(?:c'est|n'est|qu'il|j'ai|l'on)\b|\bœ|\bà\b"),
    "it": re.compile(r"\b(?:perché|più|è|c'è)\b|zz[io]\b"),
    "en": re.compile(r"\b(?:i'm|don't|can't|it's|you're)\b"),
}
_WORD = re.compile(r"[^\W\d_]+")
LANGS = tuple(_STOP)


def scores(text: str) -> dict[str, float]:
    lowered = text.lower()
    words = _WORD.findall(fold(lowered))
    out = {lang: 0.0 for lang in LANGS}
    for word in words:
        for lang, stop in _STOP.items():
            if word in stop:
                out[lang] += 1.0
    for lang, mark in _MARKS.items():
        out[lang] += 1.5 * len(mark.findall(lowered))
    return out


def detect(text: str) -> str:
    """The most likely language code, or ``"und"`` when undecided."""
    ranked = sorted(scores(text).items(), key=lambda kv: kv[1], reverse=True)
    best, top = ranked[0]
    if top < 1.0:
        return "und"
    return best
