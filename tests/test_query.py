from __future__ import annotations

import pytest

from oteo.query import Doc, QueryError, matches, parse


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("lumbre", "Cené en Lumbre ayer", True),
        ("lumbre", "Cené en lumbrera ayer", False),
        ("lumbre AND burger", "lumbre y burger", True),
        ("lumbre burger", "burger... lumbre", True),  # a space is AND, order free
        ("lumbre AND burger", "solo lumbre", False),
        ("lumbre OR burger", "solo burger", True),
        ("lumbre NOT eterna", "la lumbre eterna", False),
        ("lumbre -eterna", "la lumbre eterna", False),
        ("lumbre Y burger", "lumbre y burger", True),  # Spanish operators
        ("lumbre O burger", "solo burger", True),
        ("lumbre NO eterna", "la lumbre eterna", False),
        ("lumbre and burger", "lumbre burger and", True),  # lower-case 'and' is a word
        ("lumbre and burger", "lumbre burger", False),
        ('"lumbre burger"', "Fui a Lumbre Burger", True),
        ('"lumbre burger"', "Fui a burger Lumbre", False),
        ('"lumbre burger"', "lumbre la burger", False),
        ("hambur*", "Una hamburguesa riquísima", True),
        ("hambur*", "Un hambre feroz", False),
        ('"lumbre hambur*"', "lumbre hamburguesas", True),
        (
            "(lumbre OR brasa) AND (intoxica* OR enferm*)",
            "Brasa: intoxicación de toda la familia",
            True,
        ),
        ("(lumbre OR brasa) AND (intoxica* OR enferm*)", "En Brasa todo bien", False),
        ("intoxicacion", "INTOXICACIÓN masiva", True),  # accents and case ignored
        ("año", "feliz año", True),
        ("año", "me duele el ano", False),  # ñ is kept
        ("@lumbreburger", "hola @LumbreBurger", True),
        ("@lumbreburger", "hola lumbreburger", False),
        ("lumbreburger", "hola @LumbreBurger", True),  # a word also matches its handle
        ("#boicot", "#Boicot a Lumbre", True),
        ("#boicot", "boicot a Lumbre", False),
        ("lumbre-burger", "fui a lumbre burger", True),  # punctuation inside a word makes a phrase
    ],
)
def test_matching(query: str, text: str, expected: bool) -> None:
    assert matches(query, text) is expected


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("lumbre NEAR/2 hambur*", "lumbre tiene buenas hamburguesas", True),
        ("lumbre NEAR/1 hambur*", "lumbre tiene buenas hamburguesas", False),
        ("lumbre NEAR/0 burger", "burger lumbre", True),  # any order, side by side
        ("lumbre CERCA/3 (intoxica* OR enferm*)", "en lumbre nos pusimos enfermos", True),
        ('"lumbre burger" NEAR/2 asco', "lumbre burger me da asco", True),
        ('"lumbre burger" NEAR/1 asco', "lumbre burger me da asco", False),
        ("(lumbre NEAR/1 burger) NEAR/2 asco", "lumbre burger es un asco", True),
    ],
)
def test_near(query: str, text: str, expected: bool) -> None:
    assert matches(query, text) is expected


def test_filters() -> None:
    q = parse("lumbre lang:es channel:twitter")
    assert q.matches(Doc.build("hola lumbre", lang="es", channel="twitter"))
    assert not q.matches(Doc.build("hola lumbre", lang="en", channel="twitter"))
    assert not q.matches(Doc.build("hola lumbre", lang="es", channel="forum"))
    assert parse("lumbre lang:pt").matches(Doc.build("lumbre", lang="pt-BR"))
    assert parse("lumbre author:@AnaPerez").matches(Doc.build("lumbre", author="anaperez"))
    assert parse('lumbre autor:"ana"').matches(Doc.build("lumbre", author="@Ana"))
    assert parse("lumbre source:rss*").matches(Doc.build("lumbre", source="rss:google-alerts"))
    assert not parse("lumbre -channel:news").matches(Doc.build("lumbre", channel="news"))
    assert parse("lumbre canal:foro OR canal:forum").matches(Doc.build("lumbre", channel="forum"))


def test_language_is_detected_only_when_a_filter_asks() -> None:
    asked: list[str] = []

    def detect() -> str:
        asked.append("x")
        return "EN"

    doc = Doc.build("Lumbre burger is great", detect=detect)
    assert parse("lumbre").matches(doc) and doc.lang is None and not asked
    assert parse("lumbre lang:en").matches(doc) and doc.lang == "en"
    assert not parse("lumbre lang:es").matches(doc)
    assert asked == ["x"]  # detected once, remembered
    known = Doc.build("Lumbre burger", lang="es", detect=detect)
    assert parse("lumbre lang:es").matches(known) and asked == ["x"]
    assert Doc.build("lumbre").language() == ""  # no language, no detector: no filter passes


def test_positive_terms_exclude_negations() -> None:
    assert parse('("lumbre burger" OR @lumbreburger) NOT eterna').terms == (
        "lumbre burger",
        "@lumbreburger",
    )


@pytest.mark.parametrize(
    ("query", "key", "column"),
    [
        ("", "query.empty", 1),
        ("   ", "query.empty", 1),
        ("(lumbre OR burger", "query.unclosed_paren", 1),
        ("lumbre)", "query.unopened_paren", 7),
        ('"lumbre burger', "query.unclosed_quote", 1),
        ("lumbre OR", "query.dangling", 10),
        ("lumbre AND OR burger", "query.misplaced_operator", 12),
        ("foo:bar", "query.unknown_filter", 1),
        ("lumbre lang:", "query.empty_filter", 8),
        ("lu*", "query.short_prefix", 1),
        ("lum*bre", "query.inner_wildcard", 1),
        ('"lum* burger"', "query.phrase_wildcard", 1),
        ("lumbre NEAR/x burger", "query.bad_near", 8),
        ("lumbre NEAR/2 (burger AND brasa)", "query.near_operand", 15),
        ("NOT lumbre", "query.no_terms", 1),
        ("lang:es", "query.no_terms", 1),
        ("()", "query.empty_group", 1),
        ('""', "query.empty_phrase", 1),
        ("!!!", "query.no_letters", 1),
        # past Python's stack: RecursionError
        ("(" * 5_000 + "lumbre" + ")" * 5_000, "query.too_deep", 1),
        ("NOT " * 5_000 + "lumbre", "query.too_deep", 1),
    ],
)
def test_errors_say_where_and_how_to_fix(query: str, key: str, column: int) -> None:
    with pytest.raises(QueryError) as info:
        parse(query)
    err = info.value
    assert (err.key, err.column) == (key, column)
    assert err.fix("en") and err.fix("es") and err.fix("en") != err.fix("es")
    assert f"column {column}" in err.explain("en")
    assert f"columna {column}" in err.explain("es")


def test_long_and_hostile_text_is_handled() -> None:
    text = ("lumbre " * 50_000) + "<script>alert(1)</script>"
    assert matches("lumbre NEAR/1 script", text)
    assert not matches('"lumbre alert"', text)


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ('"Lumbre Burger"', "Did you know Lumbreeeee Burger got two shut?", True),
        ('"Lumbre Burger"', "Lumbre Burgerrrr, qué bueno", True),  # inside a phrase
        ("@lumbreburger", "@LumbreBurgerrr hola", True),
        ("#lumbreburger", "#lumbreburgeeer", True),
        ("cool", "so cooool", True),  # a double letter stretched: two stay
        ("lumbre*", "lumbreeee", True),
        ("lumbre NEAR/2 burger", "lumbreee la burgerrr", True),
        ("carro", "un caro regalo", False),  # only a run of three or more is a stretch
        ("caro", "un carro nuevo", False),
        ("buenoo", "bueno", False),
        ("2000", "20000 euros", False),  # numbers are not stretched words
    ],
)
def test_words_stretched_for_emphasis_match(query: str, text: str, expected: bool) -> None:
    assert matches(query, text) is expected


def test_a_stretched_word_is_found_once() -> None:
    doc = Doc.build("lumbreeee y lumbre")
    assert parse("lumbre*").root.spans(doc) == [(0, 0), (2, 2)]
