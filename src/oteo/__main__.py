"""``oteo`` and ``python -m oteo``: the command line, in the language asked for.

The commands' help is written when :mod:`oteo.cli` is imported, before any option is
parsed, so ``--lang`` is read from the arguments first: ``oteo --lang es --help`` and
``oteo inbox list --help --lang es`` are Spanish, whatever the locale says.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from oteo.i18n import set_lang


def requested_lang(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` among ``args`` (before a ``--``), if any."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found or None


def main() -> None:
    lang = requested_lang(sys.argv[1:])
    if lang:
        set_lang(lang)
    from oteo.cli import main as cli

    cli()


if __name__ == "__main__":
    main()
