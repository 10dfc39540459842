"""How many people a fast crisis of the simulator has drawn 15, 30 and 60 minutes in.

An experiment, not part of oteo: it generates each fast scenario (its wave peaks within
two hours) on the medium brand, seeds 1 and 2, in Spanish and English, exactly as
`oteo bench detection` places it, and counts the distinct authors of the episode's own
posts received by each mark (answers, quotes and reposts included; the brand's own
posts not). It says what any detector has to go on before the median-delay target of 30
minutes (see BENCHMARKS.md, "Detection on the simulator's scenarios").

    .venv/bin/python scripts/fast_crowd_probe.py
"""

from datetime import datetime, timedelta
from statistics import median

from oteo.detect.evaluate import BRANDS, FAST_RISE_HOURS
from oteo.sim.scenarios import SPECS, place
from oteo.sim.stream import Simulation

MARKS = (15, 30, 60)  # minutes after the onset


def crowd(name: str, seed: int, lang: str) -> list[int]:
    """Distinct authors of the episode's posts received by each of MARKS."""
    start = datetime.fromisoformat("2026-10-05T00:00:00+02:00")
    sim = Simulation(
        BRANDS["medium"],
        start=start,
        duration=timedelta(days=4),
        seed=seed,
        episodes=[place(name, start, 4.0, lang)],
    )
    onset = datetime.fromisoformat(sim.ground_truth()["episodes"][0]["onset"])
    people: list[set[str]] = [set() for _ in MARKS]
    for m in sim:
        minutes = ((m.received_at or m.created_at) - onset).total_seconds() / 60
        if minutes > MARKS[-1]:
            break
        sim_data = m.raw["sim"]
        if minutes < 0 or not sim_data["episode"] or sim_data["role"] == "brand":
            continue
        for i, mark in enumerate(MARKS):
            if minutes <= mark and m.author is not None:
                people[i].add(m.author.handle)
    return [len(p) for p in people]


def main() -> None:
    print(f"{'scenario':22} " + " ".join(f"{m:>3} min: median (range)" for m in MARKS))
    for name, spec in SPECS.items():
        if not spec.crisis or spec.rise > FAST_RISE_HOURS:
            continue
        runs = [crowd(name, seed, lang) for seed in (1, 2) for lang in ("es", "en")]
        cells = [
            f"{median(r[i] for r in runs):>5.1f} ({min(r[i] for r in runs)}-{max(r[i] for r in runs)})"
            for i in range(len(MARKS))
        ]
        print(f"{name:22} " + " ".join(f"{c:>22}" for c in cells))


if __name__ == "__main__":
    main()
