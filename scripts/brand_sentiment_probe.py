"""How the sentiment models read posts to brands, measured on posts they never saw.

An experiment, not part of oteo: the public sets the models are reported on are general
tweets, while oteo reads posts to brands. This holds a random 30% of each airline file
(`sentiment/es_airline_train.tsv`, `sentiment/en_airline_us.tsv`) out of training,
trains the Spanish and English sentiment models on the rest exactly as `oteo train`
does (into a scratch folder: the shipped models are not touched), and scores the held-out
tweets, all of them and those with a "!" apart (see BENCHMARKS.md, "Exclamation marks").

    .venv/bin/python scripts/brand_sentiment_probe.py ../shared/data [--cache emb.npz]

`--cache` keeps the embeddings between runs: 3 minutes on 2 cores once they are there.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import tempfile
from pathlib import Path

from oteo.understand import train
from oteo.understand.features import Embedder

AIRLINES = {"sentiment_es": "es_airline_train.tsv", "sentiment_en": "en_airline_us.tsv"}


def _write(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, delimiter="\t")
        writer.writeheader()
        writer.writerows(rows)


def split_data(data: Path, into: Path) -> None:
    """``into`` mirrors ``data`` (links), but each airline file holds 70% of its rows;
    the other 30% are ``<name>.held.tsv`` and those with a "!" ``<name>.held_shout.tsv``."""
    for folder in ("sentiment", "offensive"):
        (into / folder).mkdir(parents=True)
        for f in (data / folder).iterdir():
            (into / folder / f.name).symlink_to(f.resolve())
    for name in AIRLINES.values():
        rows = train.read_tsv(data / "sentiment" / name)
        fields = list(rows[0])
        random.Random(0).shuffle(rows)
        cut = int(len(rows) * 0.7)
        stem = name.removesuffix(".tsv")
        (into / "sentiment" / name).unlink()
        _write(into / "sentiment" / name, fields, rows[:cut])
        _write(into / "sentiment" / f"{stem}.held.tsv", fields, rows[cut:])
        shout = [r for r in rows[cut:] if "!" in r["text"]]
        _write(into / "sentiment" / f"{stem}.held_shout.tsv", fields, shout)


def main(data: Path, cache: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="oteo-brand-probe-") as tmp:
        split = Path(tmp) / "data"
        split_data(data, split)
        train.MODELS = Path(tmp) / "models"  # never the shipped models
        train.MODELS.mkdir()
        features = train.Features(Embedder(threads=2), cache)
        out = {}
        for recipe in train.RECIPES:
            if recipe.name not in AIRLINES:
                continue
            stem = AIRLINES[recipe.name].removesuffix(".tsv")
            for suffix in ("held", "held_shout"):
                recipe.report.append((f"sentiment/{stem}.{suffix}.tsv", lambda r: r["label"]))
            metrics = train.train_recipe(
                recipe, split, features, train.held_out(split), lambda line: None
            )
            out[recipe.name] = {
                where: figures["macro_f1"] for where, figures in metrics["report"].items()
            }
        print(json.dumps(out, indent=1))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="?", default=Path("../shared/data"))
    parser.add_argument("--cache", type=Path, default=None, help="embeddings kept between runs")
    args = parser.parse_args()
    main(args.data, args.cache)
