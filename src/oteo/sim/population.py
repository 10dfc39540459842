"""The simulated population: who talks about a brand, with believable profiles.

Authors are rows of numpy arrays (role, language, followers, following, posts, account
age, avatar, verified, bot cluster), so millions can be drawn quickly.  Names, handles
and bios are made only when a profile is needed, from the seed and the author's index,
so the same seed gives the same people.

Followers are heavy-tailed: log-normal for ordinary people, Pareto tails for
influencers, journalists and media.  Most trolls show the seeds' signs (S9): no avatar,
a nickname, few followers, following many, a young account; some build complete,
believable profiles.  Bots come in clusters with look-alike handles created the same
week.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import numpy as np

from oteo.model import AuthorProfile
from oteo.text import fold

ROLES = (
    "customer",
    "fan",
    "influencer",
    "journalist",
    "news_outlet",
    "troll",
    "bot",
    "competitor",
    "employee",
    "ex_employee",
    "brand",
)
ROLE = {name: i for i, name in enumerate(ROLES)}
LANGS = ("es", "en")
LANG = {name: i for i, name in enumerate(LANGS)}

FIRST_ES = """Lucía María Carmen Ana Laura Marta Elena Sara Paula Claudia Cristina Raquel Nuria
Irene Alba Julia Sofía Andrea Pilar Rocío Beatriz Silvia Patricia Noelia Inés Lorena Eva
Javier Carlos David Daniel Alejandro Pablo Sergio Jorge Alberto Manuel Antonio Francisco
José Luis Miguel Álvaro Adrián Diego Rubén Iván Óscar Raúl Marcos Hugo Mario Víctor
Fernando Guillermo Íñigo Jordi Xavier Aitor Unai Montse Ainhoa Leire Itziar Rosa Teresa
Mercedes Lola Ángela Gabriel Héctor Ismael Joaquín Rafael Tomás Vicente Emilio""".split()
LAST_ES = """García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín
Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres
Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado
Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano
Guerrero Cano Prieto Méndez Cruz Calvo Gallego Vidal León Márquez Herrera Peña Flores
Cabrera Campos Vega Fuentes Carrasco Diez Caballero Reyes Nieto Aguilar Pascual Santana
Herrero Lorenzo Montero Hidalgo Giménez Ibáñez Ferrer Durán Santiago Benítez Mora Vicente
Vargas Arias Carmona Crespo Román Pastor Soto Sáez Velasco Moya Soler Parra Esteban
Bravo Gallardo Rojas Pons Puig Vila Etxeberria Aguirre Zubiri""".split()
FIRST_EN = """Emma Olivia Ava Sophia Isabella Mia Amelia Harper Emily Ella Grace Chloe Lily
Hannah Zoe Lucy Ruby Megan Holly Jessica James John Robert Michael William David Richard
Joseph Thomas Charles Daniel Matthew Anthony Mark Paul Steven Andrew Kevin Brian George
Edward Ryan Jacob Gary Nicholas Eric Jonathan Sam Jack Liam Noah Ethan""".split()
LAST_EN = """Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas
Moore Martin Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King
Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell
Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson
Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray Hughes
Price Sanders Myers Long Ross Foster""".split()
NICKS = """patriota verdad_ya despierta libre_pensador elquelodice anonimo sinfiltro
lobo_solitario realista nopasaran kaos justiciero elvigilante ojoavizor tuconciencia
elincomodo rebelde_sin_causa sinmordaza truthseeker freethinker wakeup anon_voice
nofilter realtalk elquesabe modo_ira cansadodetodo ojoconesto""".split()
BOT_STEMS = ("info", "noticias", "alerta", "verdad", "news", "daily", "top", "ofertas", "viral")
BOT_TAILS = ("es", "24", "hoy", "now", "mx", "x", "ya", "live")
BIO = {
    ("customer", "es"): [
        "",
        "",
        "",
        "Madre, corredora y amante del café",
        "Ingeniero. Opiniones mías.",
        "Estudiante de enfermería",
        "Fan del fútbol y de la buena mesa",
        "Viajar, comer, repetir",
        "Profe de primaria",
        "Diseñadora gráfica freelance",
        "Padre de dos. Bético.",
        "Enfermera en urgencias",
        "Informático y cocinillas",
    ],
    ("customer", "en"): [
        "",
        "",
        "",
        "Dad, runner, coffee lover",
        "Engineer. Opinions my own.",
        "Nursing student",
        "Football and good food",
        "Travel, eat, repeat",
        "Teacher",
        "Mum of three",
    ],
    ("influencer", "es"): [
        "Foodie 🍔 | Creadora de contenido",
        "Reseñas de comida sin filtro",
        "YouTuber gastronómico",
        "Comiendo por España 🇪🇸",
    ],
    ("influencer", "en"): ["Foodie 🍔 | Content creator", "Honest food reviews", "Food YouTuber"],
    ("troll", "es"): [
        "",
        "",
        "Digo lo que nadie se atreve",
        "Sin miedo",
        "Aquí se viene a decir verdades",
    ],
    ("troll", "en"): ["", "", "I say what nobody dares", "No fear"],
    ("news_outlet", "es"): [
        "Noticias e información",
        "Tu diario digital",
        "Información local las 24 horas",
    ],
    ("news_outlet", "en"): ["News and information", "Local news 24/7"],
}
OUTLETS = {
    "es": [
        "Diario Levante",
        "La Crónica",
        "Noticias 24",
        "El Observador",
        "Radio Centro",
        "Gaceta Local",
        "El Periódico del Sur",
    ],
    "en": ["The Daily Post", "City Herald", "News 24", "Metro Today"],
}
RIVALS = ("BurgerRival", "Brasa Norte", "Grill Sur")


class Population:
    """Authors as arrays, drawn by role, growing as new people join a conversation."""

    def __init__(
        self,
        brand_name: str,
        brand_handle: str,
        rng: np.random.Generator,
        seed: int,
        now: datetime,
        langs: dict[str, float],
        scale: float = 1.0,
    ) -> None:
        self.rng = rng
        self.seed = seed
        self.now = now
        self.brand_name = brand_name
        self.brand_handle = brand_handle
        self.lang_p = np.array([langs.get(code, 0.0) for code in LANGS], dtype=float)
        self.lang_p = self.lang_p / self.lang_p.sum()
        self.size = 0
        capacity = 1024
        self.role = np.zeros(capacity, np.int8)
        self.lang = np.zeros(capacity, np.int8)
        self.followers = np.zeros(capacity, np.int64)
        self.following = np.zeros(capacity, np.int64)
        self.posts = np.zeros(capacity, np.int64)
        self.age_days = np.zeros(capacity, np.int32)
        self.avatar = np.zeros(capacity, bool)
        self.verified = np.zeros(capacity, bool)
        self.cluster = np.full(capacity, -1, np.int32)
        self.disguised = np.zeros(capacity, bool)  # trolls with complete, believable profiles
        self.by_role: list[list[np.ndarray]] = [[] for _ in ROLES]
        self._index_cache: dict[int, np.ndarray] = {}
        self._profiles: dict[int, AuthorProfile] = {}
        self._handles: set[str] = set()
        self._clusters = 0
        self.brand = int(self.add("brand", 1, lang=0)[0])
        sizes = {
            "customer": int(4000 * scale) + 200,
            "fan": int(400 * scale) + 20,
            "influencer": int(20 * scale) + 4,
            "journalist": int(30 * scale) + 4,
            "news_outlet": 12,
            "troll": int(60 * scale) + 10,
            "competitor": 6,
            "employee": int(40 * scale) + 4,
            "ex_employee": int(10 * scale) + 3,
        }
        for role, n in sizes.items():
            self.add(role, n)

    # ------------------------------------------------------------------ drawing

    def members(self, role: int) -> np.ndarray:
        cached = self._index_cache.get(role)
        if cached is None:
            parts = self.by_role[role]
            cached = np.concatenate(parts) if parts else np.zeros(0, np.int64)
            self._index_cache[role] = cached
        return cached

    def pick(self, role: str | int, n: int, lang: int | None = None) -> np.ndarray:
        """``n`` existing authors of a role (people post more than once)."""
        members = self.members(ROLE[role] if isinstance(role, str) else role)
        out = members[self.rng.integers(0, len(members), n)]
        if lang is not None and n:
            for _ in range(4):  # most people write in one language: redraw mismatches
                wrong = self.lang[out] != lang
                if not wrong.any():
                    break
                out[wrong] = members[self.rng.integers(0, len(members), int(wrong.sum()))]
        return out

    def pick_roles(self, roles: np.ndarray) -> np.ndarray:
        """One existing author for each role code in ``roles``."""
        out = np.empty(len(roles), np.int64)
        for code in np.unique(roles):
            mask = roles == code
            out[mask] = self.pick(int(code), int(mask.sum()))
        return out

    def add(self, role: str | int, n: int, lang: int | None = None) -> np.ndarray:
        """Create ``n`` new authors of a role (people joining the conversation)."""
        code = ROLE[role] if isinstance(role, str) else role
        name = ROLES[code]
        start = self.size
        self._grow(start + n)
        idx = np.arange(start, start + n, dtype=np.int64)
        self.size += n
        rng = self.rng
        self.role[idx] = code
        self.lang[idx] = lang if lang is not None else rng.choice(len(LANGS), n, p=self.lang_p)
        self.age_days[idx] = rng.integers(200, 4500, n)
        self.avatar[idx] = rng.random(n) < 0.92
        if name in ("customer", "fan", "brand"):
            median = {"customer": 180, "fan": 450, "brand": 20_000}[name]
            self.followers[idx] = (
                median * np.exp(rng.normal(0, 1.2 if name != "brand" else 0.2, n))
            ).astype(np.int64)
            self.following[idx] = (self.followers[idx] * rng.uniform(0.4, 1.8, n)).astype(
                np.int64
            ) + rng.integers(20, 300, n)
            self.posts[idx] = (900 * np.exp(rng.normal(0, 1.1, n))).astype(np.int64)
            self.verified[idx] = name == "brand"
        elif name == "influencer":
            self.followers[idx] = _pareto(rng, 25_000, 1.1, 3_000_000, n)
            self.following[idx] = rng.integers(200, 2000, n)
            self.posts[idx] = (8000 * np.exp(rng.normal(0, 0.6, n))).astype(np.int64)
            self.verified[idx] = rng.random(n) < 0.5
            self.avatar[idx] = True
        elif name in ("journalist", "news_outlet"):
            media = name == "news_outlet"
            self.followers[idx] = _pareto(
                rng,
                60_000 if media else 4000,
                1.2 if media else 1.3,
                2_500_000 if media else 400_000,
                n,
            )
            self.following[idx] = rng.integers(100, 3000, n)
            self.posts[idx] = (
                (90_000 if media else 12_000) * np.exp(rng.normal(0, 0.6, n))
            ).astype(np.int64)
            self.verified[idx] = True if media else rng.random(n) < 0.35
            self.avatar[idx] = True
            if media:
                self.age_days[idx] = rng.integers(2500, 5000, n)
        elif name == "troll":
            crude = rng.random(n) < 0.7
            self.disguised[idx] = ~crude
            self.followers[idx] = np.where(
                crude,
                rng.integers(0, 60, n),
                (300 * np.exp(rng.normal(0, 0.8, n))).astype(np.int64),
            )
            self.following[idx] = np.where(
                crude, rng.integers(300, 5000, n), self.followers[idx] + rng.integers(50, 400, n)
            )
            self.posts[idx] = np.where(
                crude,
                rng.integers(200, 20_000, n),
                (3000 * np.exp(rng.normal(0, 0.8, n))).astype(np.int64),
            )
            self.age_days[idx] = np.where(crude, rng.integers(1, 120, n), self.age_days[idx])
            self.avatar[idx] = np.where(crude, rng.random(n) < 0.25, True)
        else:  # competitor, employee, ex_employee, bot (bots are made by bot_cluster)
            self.followers[idx] = (400 * np.exp(rng.normal(0, 0.9, n))).astype(np.int64)
            self.following[idx] = (400 * np.exp(rng.normal(0, 0.7, n))).astype(np.int64)
            self.posts[idx] = (1500 * np.exp(rng.normal(0, 0.9, n))).astype(np.int64)
        self.by_role[code].append(idx)
        self._index_cache.pop(code, None)
        return idx

    def bot_cluster(self, size: int, lang: int) -> np.ndarray:
        """A coordinated cluster: look-alike handles, created the same week, no avatars."""
        idx = self.add("bot", size, lang)
        rng = self.rng
        self._clusters += 1
        self.cluster[idx] = self._clusters
        self.followers[idx] = rng.integers(0, 25, size)
        self.following[idx] = rng.integers(150, 2500, size)
        self.posts[idx] = rng.integers(800, 30_000, size)
        self.age_days[idx] = rng.integers(3, 40) - rng.integers(0, 4, size)
        self.avatar[idx] = rng.random(size) < 0.15
        self.verified[idx] = False
        return idx

    def _grow(self, needed: int) -> None:
        if needed <= len(self.role):
            return
        capacity = max(needed, 2 * len(self.role))
        for name in (
            "role",
            "lang",
            "followers",
            "following",
            "posts",
            "age_days",
            "avatar",
            "verified",
            "cluster",
            "disguised",
        ):
            old = getattr(self, name)
            new = np.full(capacity, -1 if name == "cluster" else 0, old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)

    # ------------------------------------------------------------------ profiles

    def role_name(self, i: int) -> str:
        return ROLES[int(self.role[i])]

    def lang_code(self, i: int) -> str:
        return LANGS[int(self.lang[i])]

    def profile(self, i: int) -> AuthorProfile:
        """The author's profile, made on first use from the seed and the index."""
        cached = self._profiles.get(i)
        if cached is not None:
            return cached
        r = random.Random(self.seed * 1_000_003 + i)
        role = self.role_name(i)
        lang = self.lang_code(i)
        es = lang == "es"
        name = f"{r.choice(FIRST_ES if es else FIRST_EN)} {r.choice(LAST_ES if es else LAST_EN)}"
        bio = r.choice(BIO.get((role, lang), BIO[("customer", lang)]))
        if role == "brand":
            name, handle, bio = (
                self.brand_name,
                self.brand_handle,
                "Cuenta oficial" if es else "Official account",
            )
        elif role == "news_outlet":
            name = r.choice(OUTLETS[lang])
            handle = "".join(ch for ch in fold(name) if ch.isalnum())
        elif role == "bot":
            handle = f"{BOT_STEMS[int(self.cluster[i]) % len(BOT_STEMS)]}{BOT_TAILS[int(self.cluster[i]) % len(BOT_TAILS)]}{r.randrange(1000, 99999)}"
            name, bio = handle, ""
        elif role == "troll" and not self.disguised[i]:
            handle = f"{r.choice(NICKS)}{r.randrange(10, 9999)}"
            name = handle if r.random() < 0.5 else r.choice(NICKS).replace("_", " ").title()
        else:
            handle = _handle_from(name, r)
            if role == "journalist":
                outlet = r.choice(OUTLETS[lang])
                bio = f"Periodista en {outlet}" if es else f"Reporter at {outlet}"
            elif role == "competitor":
                bio = (
                    f"Marketing en {r.choice(RIVALS)}" if es else f"Marketing at {r.choice(RIVALS)}"
                )
            elif role == "employee":
                bio = (
                    f"Orgullosa de trabajar en {self.brand_name}"
                    if es
                    else f"Proud to work at {self.brand_name}"
                )
            elif role == "ex_employee":
                bio = (
                    f"Ex-{self.brand_name}. Ahora en otra etapa"
                    if es
                    else f"Ex-{self.brand_name}. Moving on"
                )
        handle = self._unique(handle)
        profile = AuthorProfile(
            handle=handle,
            external_id=f"u-{i}",
            name=name,
            bio=bio,
            followers=int(self.followers[i]),
            following=int(self.following[i]),
            posts=int(self.posts[i]),
            account_created=self.now - timedelta(days=int(self.age_days[i])),
            avatar=bool(self.avatar[i]),
            verified=bool(self.verified[i]),
        )
        self._profiles[i] = profile
        return profile

    def _unique(self, handle: str) -> str:
        base, n = handle, 1
        while handle in self._handles:
            n += 1
            handle = f"{base}{n}"
        self._handles.add(handle)
        return handle


def _pareto(
    rng: np.random.Generator, minimum: float, alpha: float, cap: float, n: int
) -> np.ndarray:
    return np.minimum(cap, minimum * (1.0 - rng.random(n)) ** (-1.0 / alpha)).astype(np.int64)


def _handle_from(name: str, r: random.Random) -> str:
    first, _, last = fold(name).replace("ñ", "n").partition(" ")
    base = {0: first + last, 1: first + "_" + last, 2: first[:1] + last, 3: first + last[:3]}[
        r.randrange(4)
    ]
    base = "".join(ch for ch in base if ch.isalnum() or ch == "_")
    if r.random() < 0.4:
        base += str(r.randrange(1, 99))
    return base[:30]
