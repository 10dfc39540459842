"""The simulated population: who talks about a brand, with believable profiles.

Followers are heavy-tailed (log-normal bodies, Pareto tails for influencers and
media).  Trolls mostly show the seeds' signs (S9: no avatar, a nickname, few
followers, following many, young accounts), but some build complete profiles; bots
come in clusters with look-alike handles created the same week.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from oteo.model import AuthorProfile

FIRST_ES = """Lucía María Carmen Ana Laura Marta Elena Sara Paula Claudia Cristina Raquel Nuria
Irene Alba Julia Sofía Andrea Pilar Rocío Beatriz Silvia Patricia Noelia Inés Lorena Eva
Javier Carlos David Daniel Alejandro Pablo Sergio Jorge Alberto Manuel Antonio Francisco
José Luis Miguel Álvaro Adrián Diego Rubén Iván Óscar Raúl Marcos Hugo Mario Víctor
Fernando Guillermo Íñigo Jordi Xavier Aitor Unai""".split()
LAST_ES = """García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín
Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres
Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado
Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano
Guerrero Cano Prieto Méndez Cruz Calvo Gallego Vidal León Márquez Herrera Peña Flores
Cabrera Campos Vega Fuentes Carrasco Diez Caballero Reyes Nieto Aguilar Pascual Santana
Herrero Lorenzo Montero Hidalgo Giménez Ibáñez Ferrer Durán Santiago Benítez Mora Vicente
Vargas Arias Carmona Crespo Román Pastor Soto Sáez Velasco Moya Soler Parra Esteban
Bravo Gallardo Rojas""".split()
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
nofilter realtalk""".split()
BIO_CUSTOMER_ES = [
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
]
BIO_CUSTOMER_EN = [
    "",
    "",
    "",
    "Dad, runner, coffee lover",
    "Engineer. Opinions my own.",
    "Nursing student",
    "Football and good food",
    "Travel, eat, repeat",
]
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
)


@dataclass(slots=True)
class SimAuthor:
    profile: AuthorProfile
    role: str
    lang: str
    cluster: int | None = None  # bot cluster

    @property
    def followers(self) -> int:
        return self.profile.followers or 0


def _lognormal(rng: random.Random, median: float, sigma: float) -> int:
    return max(0, int(median * math.exp(rng.gauss(0.0, sigma))))


def _pareto(rng: random.Random, minimum: float, alpha: float, cap: float) -> int:
    return int(min(cap, minimum * (1.0 - rng.random()) ** (-1.0 / alpha)))


def _handle_from(name: str, rng: random.Random) -> str:
    from oteo.text import fold

    first, _, last = fold(name).replace("ñ", "n").partition(" ")
    style = rng.randrange(4)
    base = {0: first + last, 1: first + "_" + last, 2: first[:1] + last, 3: first + last[:3]}[style]
    base = "".join(ch for ch in base if ch.isalnum() or ch == "_")
    if rng.random() < 0.4:
        base += str(rng.randrange(1, 99))
    return base[:30]


class Population:
    """Authors by role, each drawn once and reused (people post more than once)."""

    def __init__(
        self,
        brand_name: str,
        rng: random.Random,
        now: datetime,
        langs: dict[str, float],
        scale: float = 1.0,
    ) -> None:
        self.rng = rng
        self.now = now
        self.brand = brand_name
        self.langs = langs
        self._seen_handles: set[str] = set()
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
        self.by_role: dict[str, list[SimAuthor]] = {
            role: [self._make(role) for _ in range(n)] for role, n in sizes.items()
        }
        self.by_role["bot"] = []
        self._clusters = 0

    # ------------------------------------------------------------------ drawing

    def pick(self, role: str, lang: str | None = None) -> SimAuthor:
        pool = self.by_role[role]
        if lang is not None:
            # most people write in one language; try a few times for a match
            for _ in range(6):
                author = pool[self.rng.randrange(len(pool))]
                if author.lang == lang:
                    return author
        return pool[self.rng.randrange(len(pool))]

    def fresh(self, role: str, lang: str | None = None) -> SimAuthor:
        """A new person (someone joining the conversation for the first time)."""
        author = self._make(role, lang)
        self.by_role[role].append(author)
        return author

    def bot_cluster(self, size: int, lang: str) -> list[SimAuthor]:
        """A coordinated cluster: look-alike handles, created together, no avatars."""
        self._clusters += 1
        rng = self.rng
        stem = rng.choice(
            ["info", "noticias", "alerta", "verdad", "news", "daily", "top"]
        ) + rng.choice(["es", "24", "hoy", "now", "mx", "x"])
        created = self.now - timedelta(days=rng.randint(3, 40))
        out = []
        for _ in range(size):
            handle = self._unique(f"{stem}{rng.randrange(1000, 99999)}")
            profile = AuthorProfile(
                handle=handle,
                external_id=f"u-{handle}",
                name=handle,
                bio="",
                followers=rng.randint(0, 25),
                following=rng.randint(150, 2500),
                posts=rng.randint(800, 30000),
                account_created=created + timedelta(hours=rng.randint(0, 96)),
                avatar=rng.random() < 0.15,
                verified=False,
            )
            author = SimAuthor(profile, "bot", lang, self._clusters)
            out.append(author)
            self.by_role["bot"].append(author)
        return out

    # ------------------------------------------------------------------ making

    def _lang(self) -> str:
        r = self.rng.random()
        acc = 0.0
        for lang, share in self.langs.items():
            acc += share
            if r < acc:
                return lang
        return next(iter(self.langs))

    def _unique(self, handle: str) -> str:
        base = handle
        i = 1
        while handle in self._seen_handles:
            i += 1
            handle = f"{base}{i}"
        self._seen_handles.add(handle)
        return handle

    def _person_name(self, lang: str) -> str:
        rng = self.rng
        if lang == "es":
            return f"{rng.choice(FIRST_ES)} {rng.choice(LAST_ES)}"
        return f"{rng.choice(FIRST_EN)} {rng.choice(LAST_EN)}"

    def _make(self, role: str, lang: str | None = None) -> SimAuthor:
        rng = self.rng
        lang = lang or self._lang()
        es = lang == "es"
        age_days = rng.randint(200, 4500)
        name = self._person_name(lang)
        handle = _handle_from(name, rng)
        bio = rng.choice(BIO_CUSTOMER_ES if es else BIO_CUSTOMER_EN)
        avatar = rng.random() < 0.92
        verified = False
        if role in ("customer", "fan"):
            followers = _lognormal(rng, 180 if role == "customer" else 450, 1.2)
            following = max(10, int(followers * rng.uniform(0.4, 1.8)) + rng.randint(20, 300))
            posts = _lognormal(rng, 900, 1.1)
        elif role == "influencer":
            followers = _pareto(rng, 25_000, 1.1, 3_000_000)
            following = rng.randint(200, 2000)
            posts = _lognormal(rng, 8000, 0.6)
            bio = rng.choice(
                [
                    "Foodie 🍔 | Creadora de contenido",
                    "Reseñas de comida sin filtro",
                    "YouTuber gastronómico",
                ]
                if es
                else ["Foodie 🍔 | Content creator", "Honest food reviews", "Food YouTuber"]
            )
            verified = rng.random() < 0.5
            avatar = True
        elif role == "journalist":
            followers = _pareto(rng, 4000, 1.3, 400_000)
            following = rng.randint(300, 3000)
            posts = _lognormal(rng, 12000, 0.7)
            bio = (
                f"Periodista en {rng.choice(['Diario Levante', 'La Crónica', 'Noticias 24', 'El Observador'])}"
                if es
                else f"Reporter at {rng.choice(['The Daily Post', 'City Herald', 'News 24'])}"
            )
            verified = rng.random() < 0.35
            avatar = True
        elif role == "news_outlet":
            outlet = rng.choice(
                [
                    "Diario Levante",
                    "La Crónica",
                    "Noticias 24",
                    "El Observador",
                    "Radio Centro",
                    "Gaceta Local",
                ]
                if es
                else ["The Daily Post", "City Herald", "News 24", "Metro Today"]
            )
            name = outlet
            handle = "".join(ch for ch in outlet.lower() if ch.isalnum())
            followers = _pareto(rng, 60_000, 1.2, 2_500_000)
            following = rng.randint(100, 1500)
            posts = _lognormal(rng, 90_000, 0.5)
            bio = "Noticias e información" if es else "News and information"
            verified = True
            avatar = True
            age_days = rng.randint(2500, 5000)
        elif role == "troll":
            if rng.random() < 0.7:  # the classic signs
                handle = f"{rng.choice(NICKS)}{rng.randrange(10, 9999)}"
                name = handle if rng.random() < 0.5 else rng.choice(NICKS).replace("_", " ").title()
                followers = rng.randint(0, 60)
                following = rng.randint(300, 5000)
                posts = rng.randint(200, 20000)
                age_days = rng.randint(1, 120)
                avatar = rng.random() < 0.25
                bio = rng.choice(
                    ["", "", "Digo lo que nadie se atreve" if es else "I say what nobody dares"]
                )
            else:  # a complete, believable profile
                followers = _lognormal(rng, 300, 0.8)
                following = int(followers * rng.uniform(0.8, 1.5)) + 50
                posts = _lognormal(rng, 3000, 0.8)
        elif role == "competitor":
            rival = "BurgerRival" if not es else rng.choice(["BurgerRival", "Brasa Norte"])
            bio = f"Marketing en {rival}" if es else f"Marketing at {rival}"
            followers = _lognormal(rng, 600, 0.8)
            following = _lognormal(rng, 500, 0.6)
            posts = _lognormal(rng, 2000, 0.8)
        elif role in ("employee", "ex_employee"):
            if role == "employee":
                bio = (
                    f"Orgullosa de trabajar en {self.brand}"
                    if es
                    else f"Proud to work at {self.brand}"
                )
            else:
                bio = (
                    f"Ex-{self.brand}. Ahora en otra etapa" if es else f"Ex-{self.brand}. Moving on"
                )
            followers = _lognormal(rng, 250, 0.9)
            following = _lognormal(rng, 300, 0.7)
            posts = _lognormal(rng, 1200, 0.9)
        else:  # pragma: no cover - every role above
            raise ValueError(role)
        handle = self._unique(handle)
        profile = AuthorProfile(
            handle=handle,
            external_id=f"u-{handle}",
            name=name,
            bio=bio,
            followers=followers,
            following=following,
            posts=posts,
            account_created=self.now - timedelta(days=age_days),
            avatar=avatar,
            verified=verified,
        )
        return SimAuthor(profile, role, lang)
