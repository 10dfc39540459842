"""Model cards, written from the measured figures of the last training run."""

from __future__ import annotations

from pathlib import Path

INTENDED = {
    "sentiment": "Sentiment of short social-media posts about a brand (negative / neutral / positive), with calibrated probabilities. Used by detection (negative posts and people) and triage.",
    "offensive": "Whether a post insults a person or group: the only posts a brand may hide or delete (S10). Swearing that attacks nobody is not offensive.",
    "hate": "Whether a post attacks a group (hate speech).",
    "authors": "How likely an author is a troll or a bot, from the profile and the behaviour oteo sees; explains itself.",
    "encoder": "Speed only: which tokens the sentence encoder keeps worked out (see oteo.understand.encoder).",
}
LIMITS = {
    "sentiment": "Trained on public tweet corpora (TASS, InterTASS, XLM-T, airline tweets); weaker on sarcasm, on long texts and outside Spanish and English. The Spanish and English figures are below the 0.70 macro-F1 the project aims at: see BENCHMARKS.md.",
    "offensive": "Spanish: comments to influencers (OffendES) and Mexican tweets (MEX-A3T); English: OLID, whose 'offensive' includes any profanity, with calm complaints to airlines as counter-examples. Threats come from the lexicon, not from a model. As OLID cannot tell swearing from an attack, English swearing counts only with an attack the lexicon sees. On posts to brands (hand-labelled sample, `oteo bench offence`) about half of the English flags are still harsh criticism: see BENCHMARKS.md.",
    "hate": "English only (HatEval, hate against women and immigrants); Spanish hate relies on the lexicon. Its verdict counts only where the post names a group hate speech attacks (the lexicon's list): on complaints to brands it fires on words like 'her' and 'she'.",
    "authors": "The public 'non-bot' accounts are largely verified celebrities, so verification is not used. Which fields a public set lacks would tell the set, not the author: in training every unknown value is drawn from the accounts that know it, then 5% of all values are hidden at random. An author's unknown field is scored as the accounts that know it: it takes each of 16 stand-ins (quantiles of its known values) with equal chance, each unknown field on its own, and the score is the expectation (worked out exactly, leaf by leaf); it is never given as a reason. Gilani's accounts give their followers as an order of magnitude only (1k, 100k, 1M, 10M), and their posts a day (`tweet_frequency`, read as posts per day) rather than a post count. Behaviour only oteo sees (insulting posts, bursts, a very young account) is added with fixed weights, not learnt; a share of insulting posts is read once oteo has seen three posts of the author in a day, and before that each insulting post adds a third of what takes an ordinary account to the suspect line, so one insult alone never flags an angry customer. An account that says it is a bot counts as such whether it says so in its handle, name or bio, or by the network's own mark (Mastodon's \"automated\" box, Bluesky's `bot` self-label).",
    "encoder": "Ranked on Spanish and English tweets (and XLM-T's eight languages): posts in other languages or registers find fewer of their tokens in the table and are encoded more slowly, never differently.",
}

#: how what is reported was kept out of training, per family
HELD_OUT = {
    "authors": "The reported 30% of accounts (drawn per set and label) is held out of the measured model's training; the shipped model then learns from every account. The shares at 0.5+ are of the held-out humans, and of the trolls and bots, whose likelihood from the profile alone (calibrated to a 5% share of trolls and bots) reaches the suspect line, where oteo flags an author and stops counting it as a person joining a crisis.",
}
TEXTS_HELD_OUT = (
    "Every text of a reported set is removed from training; repeated texts are kept once."
)


def write_cards(metrics: dict, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, m in metrics.items():
        family = name.split("_")[0]
        lines = [
            f"# Model card: `{name}`",
            "",
            m.get("description", ""),
            "",
            "## Intended use",
            "",
            INTENDED.get(family, ""),
            "",
        ]
        lines += ["## Training", ""]
        training = m.get("training", {})
        for key, value in training.items():
            if key == "files":
                lines += [f"- `{f}` (weight {w})" for f, w in value]
            else:
                lines.append(f"- {key}: {value}")
        if "mixing" in m:
            lines += [
                "",
                f"Mixing weights (chosen on out-of-fold predictions): {m['mixing']}; temperature {m['temperature']}."
                f" Fast mode, chosen without the encoder: {m['fast mode']}.",
            ]
        lines += [
            "",
            HELD_OUT.get(family, TEXTS_HELD_OUT),
            "",
            "## Measured",
            "",
            "| set | figures |",
            "|---|---|",
        ]
        for where, figures in m.get("report", {}).items():
            lines.append(f"| {where} | " + ", ".join(f"{k} {v}" for k, v in figures.items()) + " |")
        if "mixing" in m:
            lines += [
                "",
                "[fast mode]: the stack without the sentence encoder (`understanding.mode: fast`),"
                " with its own weights and temperature;"
                " [hashed only] and [embedded only]: one of its parts alone, for comparison.",
            ]
            if any("[as oteo flags]" in where for where in m.get("report", {})):
                lines[-1] += (
                    " [as oteo flags]: the post flagged as an attack as the analyzer decides,"
                    " the model with the lexicon's explicit insults, slurs and threats."
                )
        lines += [
            "",
            "## Limits",
            "",
            LIMITS.get(family, ""),
            "",
            "Rebuild with `oteo train --data ../shared/data`.",
        ]
        path = folder / f"{name}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written
