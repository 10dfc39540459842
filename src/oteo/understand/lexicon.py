"""The project's own lexicons (Spanish and English): polarity, offence, harm, intent.

Words are written folded (lower case, no accents, ñ kept).  A trailing ``*`` marks a
stem that matches any word starting with it.  These lists are oteo's own work.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from oteo.text import fold

# ------------------------------------------------------------------ polarity (-3 … +3)

_POLARITY_TEXT = """
# Spanish, negative
fatal -3  pesimo* -3  horrible* -3  asco -3  asqueros* -3  vergüenza -2  verguenza -2
vergonzos* -2  lamentable* -3  indignad* -2  indignante -3  terrible* -3  nefast* -3
penoso* -2  malisim* -3  mal -2  malo -2  mala -2  malos -2  malas -2  peor -2  peores -2
desastre* -3  decepcion* -2  decepcionad* -2  decepcionante -2  harto -2  harta -2
hartos -2  hartas -2  cabread* -2  enfadad* -2  furios* -2  queja* -1  reclamacion* -1
reclamar -1  estafa* -3  estafador* -3  timo -3  timad* -3  fraude* -3  engaño* -2
engañad* -2  mentira* -2  mentiros* -2  robo -2  ladron* -3  sinverguenza* -3  basura -3
porqueria -3  cutre -2  roto -1  rota -1  averiad* -1  estropead* -2  falla* -1  fallo* -1
error* -1  problema* -1  retraso* -1  tarde -1  lento -1  lenta -1  caro -1  cara -1
carisimo* -2  sucio* -2  sucia* -2  frio -1  crudo -2  cruda -2  podrido* -3  caducad* -2
intoxica* -3  enferm* -2  vomit* -3  diarrea -3  hospital* -2  urgencias -2  denuncia* -2
demanda* -2  abogad* -1  boicot -3  boicotea* -3  nunca -1  jamas -1  odio -3  odiar -3
triste -2  llorar -1  dolor -2  peligro* -2  peligros* -2  grave -2  graves -2  muerte -3
muerto* -2  fallecid* -3  ignorad* -2  ignoran -2  nadie -1  inutil* -3  incompetente* -3
chapuza* -3  desprecio -2  maltrato -3  abuso* -2  abusiv* -2  cancelad* -1  perdid* -1
devolucion* -1  reembolso* -1  espera -1  esperando -1  colas -1  horas -1  cerrad* -1
no_funciona -2  nunca_mas -3  ni_caso -2  no_recomiendo -3  no_vuelvo -3  tomadura* -2
inaceptable -3  alucinante -1  intolerable -3  impresentable* -3  verguenza_ajena -2  asqueroso -3
# Spanish, positive
bien 2  bueno 2  buena 2  buenos 2  buenas 1  genial* 3  estupend* 3  excelente* 3
maravill* 3  increible* 2  perfect* 3  encanta* 3  encantad* 3  gusta 2  gustan 2
gusto 1  recomiendo 3  recomendable 2  delicios* 3  riquisim* 3  rico 2  rica 2  ricos 2
gracias 2  agradec* 2  feliz 3  contento* 2  contenta* 2  fantastic* 3  brutal 2  top 2
mejor 2  mejores 2  amable* 2  atent* 1  rapid* 1  facil 1  calidad 1  favorit* 2  amo 3
amor 2  orgullo* 2  felicidades 3  enhorabuena 3  bravo 2  chulo 2  chula 2  guay 2
# English, negative
bad -2  worse -2  worst -3  awful -3  terrible -3  horrible -3  disgust* -3  gross -2
shame* -2  shameful -3  pathetic -3  useless -3  disappoint* -2  angry -2  furious -3
annoy* -2  hate -3  hated -3  scam* -3  fraud* -3  lie -2  lies -2  liar* -3  steal* -2
stole -2  thief -3  thieves -3  rip_off -3  ripoff -3  broken -2  fail* -2  error* -1
problem* -1  issue* -1  delay* -1  late -1  slow -1  expensive -1  overpriced -2  dirty -2
rotten -3  expired -2  raw -1  sick -2  ill -2  vomit* -3  poison* -3  hospital* -2
lawsuit* -2  sue -2  suing -2  boycott* -3  never -1  unacceptable -3  rude -3  ignored -2
ignoring -2  nobody -1  incompetent -3  mess -2  cancel* -1  refund* -1  waiting -1
wait -1  sad -2  dangerous -2  danger -2  unsafe -3  died -3  death -3  nightmare -3
complain* -1  doesnt_work -2  not_working -2  never_again -3  do_not_recommend -3
garbage -3  trash* -3  rubbish -3  junk -2  crap* -2  disgrace* -3  appalling -3
outrag* -2  scandal* -2  ridiculous -2  crook* -3
# English, positive
good 2  great 3  excellent 3  amazing 3  awesome 3  love 3  loved 3  loving 2  like 1
liked 1  best 3  better 2  perfect 3  wonderful 3  fantastic 3  delicious 3  tasty 2
nice 2  thanks 2  thank 2  happy 3  glad 2  recommend 3  recommended 3  fast 1  easy 1
friendly 2  helpful 2  kind 2  quality 1  favorite 2  favourite 2  proud 2  congrats 3
congratulations 3  brilliant 3  superb 3  enjoy* 2  fresh 1  yummy 3  well_done 2
"""

_NEGATORS = frozenset(
    "no ni nunca jamas sin tampoco not never no_one nor without dont doesnt didnt isnt wasnt cant wont".split()
)
_INTENSIFIERS = frozenset(
    "muy super tan totalmente absolutamente realmente demasiado very so really totally absolutely extremely too".split()
)
_EMOJI_POLARITY = {
    "😡": -3,
    "🤬": -3,
    "😠": -2,
    "👎": -2,
    "💩": -2,
    "🤮": -3,
    "🤢": -2,
    "😤": -2,
    "😞": -2,
    "😢": -2,
    "😭": -2,
    "🙄": -1,
    "😒": -1,
    "💔": -2,
    "☹": -2,
    "🙁": -1,
    "😍": 3,
    "❤": 3,
    "❤️": 3,
    "😊": 2,
    "👍": 2,
    "🙌": 2,
    "👏": 2,
    "😋": 3,
    "🥰": 3,
    "😀": 2,
    "😃": 2,
    "😄": 2,
    "🤩": 3,
    "💯": 2,
    "🔥": 1,
    "✨": 1,
    "🎉": 2,
}


def _parse_table(text: str) -> tuple[dict[str, float], dict[str, float]]:
    exact: dict[str, float] = {}
    stems: dict[str, float] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        parts = line.split()
        for word, weight in zip(parts[::2], parts[1::2], strict=True):
            if word.endswith("*"):
                stems[fold(word[:-1])] = float(weight)
            else:
                exact[fold(word)] = float(weight)
    return exact, stems


POLARITY, POLARITY_STEMS = _parse_table(_POLARITY_TEXT)
_STEM_LENGTHS = sorted({len(s) for s in POLARITY_STEMS}, reverse=True)  # longest stem wins
_MULTI = {k for k in POLARITY if "_" in k}


def polarity(word: str) -> float:
    """The word's polarity: an exact entry, else the longest stem it starts with."""
    value = POLARITY.get(word)
    if value is not None:
        return value
    for length in _STEM_LENGTHS:
        if len(word) >= length:
            value = POLARITY_STEMS.get(word[:length])
            if value is not None:
                return value
    return 0.0


def join_multiword(words: list[str]) -> list[str]:
    """Join known two-word expressions (``no funciona`` → ``no_funciona``)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words):
            pair = words[i] + "_" + words[i + 1]
            if pair in _MULTI:
                out.append(pair)
                i += 2
                continue
        out.append(words[i])
        i += 1
    return out


def is_negator(word: str) -> bool:
    return word in _NEGATORS or word.endswith("n't")


def is_intensifier(word: str) -> bool:
    return word in _INTENSIFIERS


def emoji_polarity(text: str) -> float:
    return sum(v for e, v in _EMOJI_POLARITY.items() if e in text)


# ------------------------------------------------------------------ offence

#: words that insult a person or group when aimed at someone (words that also name
#: ordinary things, "vuelo retrasado", "ratas en la cocina", "la app es inutil", "dumb
#: question", are insults only as names called: see _NAMES)
INSULTS = frozenset(
    """idiota idiotas imbecil imbeciles gilipollas subnormal subnormales estupido estupida
    estupidos cabron cabrones payaso payasos payasa escoria sinverguenza sinverguenzas
    malnacido malnacidos mamon mamones cretino cretinos capullo capullos tarado tarados
    mierdas hdp hijoputa hijoputas gentuza
    idiot idiots moron morons loser losers scum bastard bastards asshole assholes jerk
    jerks dickhead dickheads cretin imbecile imbeciles dumbass dumbasses scumbag scumbags
    arsehole arseholes prick pricks retard retards bozo bozos douche douchebag douchebags
    twat twats wanker wankers cunt cunts""".split()
)
#: a person (or the brand, addressed as one) called names, in English and Spanish
_NAMES = (
    r"mierda|basura|ladron\w*|escoria|sinverguenzas?|estafador\w*|inutiles?|payas[oa]s?|"
    r"cerd[oa]s?|ratas?|retrasad[oa]s?|incompetentes?|joke|clowns?|idiots?|morons?|stupid|"
    r"dumb|losers?|liars?|frauds?|thieves|crooks?|scum|pigs?|retarded|disgrace"
)
INSULT_PHRASES = re.compile(
    r"\b(?:hijos? de (?:la )?(?:gran )?(?:puta|perra)|panda de (?:\w+)"
    rf"|(?:sois|eres|son|es usted) (?:unos? |unas? |la |el )?(?:puta |put[oa]s |\w+ )?(?:{_NAMES})\b"
    rf"|(?:you|u|ya|y'?all)(?: guys| all| people)? ?(?:are|'re|r|re) (?:a |an |such |such a |the )?(?:\w+ )?(?:{_NAMES})\b"
    r"|(?:you|u|ya|y'?all)(?: guys| all| people)?(?: really| just| literally| totally| straight up| all)? (?:suck|sux)\b"
    r"|piece of shit|son of a bitch|go to hell|vete a la mierda|idos a la mierda|que os jodan"
    r"|que te jodan|(?:fuck|fck|fcuk|fuk|screw) (?:you|off|u)\b|por el culo"
    r"|me cago en (?:tu|vuestr[oa]s?|su|sus|los muertos|la madre|la puta madre)\b)"
    r"|#(?:yousuck|\w+sucks)\b"
)
THREATS = re.compile(
    r"\b(?:os|te|les|la|lo|le) (?:voy|vamos) a (?:matar|reventar|quemar|partir|buscar|destrozar|hundir)"
    r"|\b(?:voy|vamos) a (?:quemar|reventar|matar|destrozar) (?:el|la|vuestr[oa]s?|tu|su)\b"
    r"|\bse donde (?:vives|viven|vivis)|\bvais a (?:pagar|morir)|\bvas a (?:pagar|morir)|\bos arrepentireis"
    r"|\b(?:quemar|incendiar) (?:el|vuestro|su) (?:local|restaurante|tienda|oficina)"
    r"|\b(?:i|we)(?:'ll| will| are going to| gonna) (?:kill|hurt|find|burn|destroy) (?:you|u|him|her|them|your|the)"
    r"|\bi know where you live|\byou(?:'ll| will) pay for this|\bwatch your back"
    r"|\b(?:kill|shoot) (?:you|u|them|all of you)\b"
)
#: group slurs and dehumanising words (hate); kept deliberately short
HATE = frozenset(
    """sudaca sudacas moro moros panchito panchitos maricon maricones bollera
    tranny faggot faggots nigger niggers""".split()
)
#: the groups hate speech attacks for who they are: a hate model's verdict counts only
#: when the post names one (a complaint about a flight is not hate, whatever the model
#: trained on hateful tweets thinks of its "her" and "she")
HATE_GROUPS = frozenset(
    """women woman womens girls females female bitch bitches whore whores hoe hoes slut sluts
    feminists feminist feminazi feminazis immigrants immigrant migrants migrant refugees
    refugee illegals aliens invaders muslims muslim islam islamic arabs arab mexicans
    latinos latino blacks jews jewish gays gay lesbians lesbian trans trannies
    mujeres mujer feministas inmigrantes inmigrante migrantes refugiados ilegales moros
    musulmanes musulmana arabes negros negras gitanos gitanas judios homosexuales gais
    lesbianas maricones putas zorras""".split()
)
#: swearing that on its own attacks nobody ("joder, qué bueno")
SWEARS = frozenset(
    """joder jodido jodida hostia hostias coño cono mierda puto puta putos
    putas leches cojones carajo fuck fucking fucked shit shitty damn hell crap bloody""".split()
)
#: words people write with symbols for some letters ("p*ta", "f*ck", "a**hole", "h*jo de
#: p*ta", "F&$KING"): read as the word when the symbols stand where only it fits
MASKABLE = (
    INSULTS
    | SWEARS
    | HATE
    | frozenset(
        """hijo hijos perra perras culo bitch bitches dick dicks cock suck sucks sucking
        fuck fck fucks fucker fuckers motherfucker motherfuckers pendejo pendejos
        bullshit dumbshit""".split()
    )
)
#: the maskable words by length and first letter (a token is compared with few of them)
_MASKED_BY_START: dict[tuple[int, str], list[str]] = {}
for _w in sorted(MASKABLE):
    _MASKED_BY_START.setdefault((len(_w), _w[0]), []).append(_w)
#: a word with symbols standing for letters, a letter at least on either side of them
#: (symbols at its end too, but not "!": "idiot!" is a cry, not "idiots")
_MASKED = re.compile(r"(?<![\w@#])[a-zñ]+(?:[*$%!&@#]+[a-zñ]+)+|(?<![\w@#])[a-zñ]+[*$%&@#]+(?!\w)")


#: digits written for the letters they look like ("1d10t", "p3nd3j0", "5h1t")
LEET = {"0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t"}
_LEET = re.compile(r"(?<![\w@#])(?=[a-zñ0-9]*[a-zñ])[a-zñ0-9]*[013457][a-zñ0-9]*(?!\w)")
_LEET_NEAR = re.compile(r"[a-zñ][013457]|[013457][a-zñ]")


def _fits(token: str, stands_for: Callable[[str, str], bool], firsts: str) -> str:
    """The one lexicon word of ``token``'s length whose letters fit it, or ``token``;
    ``firsts``: the letters its first character may stand for."""
    fits = [
        w
        for first in firsts
        for w in _MASKED_BY_START.get((len(token), first), ())
        if all(c == t or stands_for(t, c) for c, t in zip(w, token, strict=True))
    ]
    return fits[0] if len(fits) == 1 else token


def unmask(folded: str) -> str:
    """``folded`` with each masked word the lexicon knows written out ("f*ck you" →
    "fuck you", "1d10t" → "idiot"), letter for letter, so positions stay; a masked word
    that fits no lexicon word, or more than one, stays as it is ("amig@s", "s&p", "mp3")."""
    if any(ch in folded for ch in "*$%!&"):  # "@" and "#" alone: handles, tags
        folded = _MASKED.sub(_unmasked, folded)
    if _LEET_NEAR.search(folded):
        folded = _LEET.sub(_unleeted, folded)
    return folded


def _unmasked(m: re.Match[str]) -> str:
    """A word with symbols for letters; it starts with a letter ("f*ck", "h*jo")."""
    return _fits(m[0], lambda t, c: not t.isalpha(), m[0][0])


def _unleeted(m: re.Match[str]) -> str:
    """A word with digits for letters, maybe its first ("1d10t")."""
    return _fits(m[0], lambda t, c: c in LEET.get(t, ""), m[0][0] + LEET.get(m[0][0], ""))


#: a gesture that insults whoever it is aimed at
INSULT_EMOJI = ("\U0001f595",)  # 🖕 (skin tones follow it)
#: words that point the sentence at someone (second person, the brand's staff)
TARGETS = frozenset(
    """eres sois tu vosotros vosotras os te usted ustedes vuestro vuestra
    vuestros vuestras tus you your youre ur u""".split()
)

# ------------------------------------------------------------------ harm to the business

HARM = {
    "health": re.compile(
        r"\b(?:intoxica\w*|envenena\w*|enferm\w*|vomit\w*|diarrea\w*|salmonel\w*|listeria|"
        r"hospital\w*|urgencias|ingresad\w*|alergi\w*|anafilax\w*|fiebre|food ?poison\w*|"
        r"poison\w*|sick|ill|e\.? ?coli|hospitali[sz]ed|emergency room|allerg\w*|"
        r"gastroenteritis|retortijon\w*|dolor(?:es)? de (?:tripa|barriga|estomago)|"
        r"stomach (?:bug|ache|cramps?|pain)|(?:in|to) the er|"
        r"cucaracha\w*|ratas? en|gusano\w*|cockroach\w*|bichos?|rats? in|"
        # food safety and hygiene: what an inspection, a recall or a rumour is about
        r"caducad\w*|en mal estado|podrid\w*|insalubre\w*|sanidad|inspeccion sanitaria|"
        r"cadena de frio|expired|rotten|spoiled|unsanitary|health inspect\w*|cold chain|"
        # spoiled food ("la carne pasada", not "la semana pasada" nor "una pasada") and
        # food past its date ("out of date" also says an app is old)
        r"(?:carne|comida|pescado|pollo|marisco|alimento|producto)s? pasad[ao]s?|"
        r"pasad[ao]s? de fecha|past (?:its|their|the) (?:date|use-by|sell-by|best before))\b"
    ),
    "safety": re.compile(
        r"\b(?:explot\w*|explosion\w*|incendi\w*|quemad\w*|herid\w*|lesion\w*|accidente\w*|"
        r"peligros\w*|inseguro\w*|fire|burn(?:ed|t)|injur\w*|accident\w*|unsafe|dangerous|"
        r"recall\w*|retirad[ao] del mercado)\b"
    ),
    "legal": re.compile(
        r"\b(?:demanda\w*|denuncia\w*|abogad\w*|juicio|tribunal\w*|juzgado\w*|ilegal\w*|"
        r"consumo|facua|ocu|lawsuit\w*|sue|suing|lawyer\w*|court|illegal|class action)\b"
    ),
    "fraud": re.compile(
        r"\b(?:estafa\w*|fraude\w*|timo|timad\w*|engañ\w*|cobro indebido|cobrado dos veces|"
        r"scam\w*|fraud\w*|ripped off|rip ?off|overcharg\w*|charged twice|"
        # what the label says is not what is sold (dates, origin); a rigged draw
        r"re-?etiquet\w*|re-?label\w*|amañad[ao]s?|trucad[ao]s?|tongo|rigged)\b"
    ),
}

#: calls to turn on a brand (pile on it, bring it down, boycott it, mass-report it): a
#: troll raid or a boycott begins with them, and they name no feeling word ("Todos a por
#: Lumbre", "Let's flood their page"); the lexicon reads one as a strongly negative word
MOBILISE = re.compile(
    r"\b(?:todos a por|(?<!llen[oa] )(?<!llen[oa]s )a reventar al?\b(?! las? \d)|"
    r"vamos a (?:destrozar|reventar|arruinar|cerrar)|"
    r"(?:hay que|a) (?:hundir|boicotear)|hundamos|boicoteemos|"
    r"no (?:compreis|compren|pidais|pidan) (?:en|a|nada)|"
    r"no (?:vayais|vayan) (?:a|al) (?!(?:pensar|creer|decir)\b)|"
    r"(?:denunciad|denunciemos|reportad|reportemos) (?:su|la|esta|sus) (?:cuenta|pagina|perfil)\w*|"
    r"let'?s (?:flood|destroy|bury|ruin|take down|cancel|boycott|go after|trash)|"
    r"everyone (?:report|go after|flood|boycott)|mass[ -]report\w*|"
    r"report (?:their|this|the) (?:account|page)|"
    r"(?:don'?t|do not|never) (?:buy|shop|eat|order) (?:from|at|there))\b"
)

# ------------------------------------------------------------------ intent cues

QUESTION_OPENERS_EN = frozenset(
    "how when where what who which why does do did is are can could anyone any".split()
)
COMPLAINT_CUES = re.compile(
    r"\b(?:queja\w*|reclama\w*|devol\w*|reembols\w*|no funciona|no me (?:han|habeis|ha) "
    r"(?:devuelto|contestado|respondido)|nadie (?:me )?(?:responde|contesta|atiende)|llevo \w+ "
    r"(?:dias|horas|semanas)|sigo esperando|hoja de reclamaciones|atencion al cliente|"
    r"complain\w*|refund\w*|still waiting|no one (?:answers|replies)|customer service|"
    r"doesn'?t work|not working|never arrived|no ha llegado|nunca llego)\b"
)
#: people speaking of a post of the brand's own ("Menudo tuit", "Borradlo ya", "your post
#: is appalling, delete it"): a wrong post or a hacked account is what they answer
OWN_POST_TALK = re.compile(
    r"\b(?:(?:vuestro|vuestra|su|ese|esa|este|esta|menudo|menuda|del|el|la) "
    r"(?:tuit|tweet|post|publicacion|mensaje|anuncio|comunicado)|borrad\w*|lo borren|"
    r"eliminad(?:lo|la)|quien lleva vuestras redes|estais publicando|"
    r"(?:'s|your|their|this|that) (?:post|tweet|ad|message)|delete (?:it|this|that)|"
    r"who runs your socials|you'?re posting|account is posting)\b"
)
INFO_CUES = re.compile(
    r"https?://|\b(?:segun|informa|anuncia|noticia|comunicado|abre|abrira|"
    r"inaugura|report\w*|announce\w*|according to|news|opens?)\b"
)
