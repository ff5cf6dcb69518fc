"""Keep the app's message catalogs in step with the code: extract, update, compile, check.

    python scripts/catalogs.py extract   # src/solecheck/locale/solecheck.pot from the code (babel.cfg)
    python scripts/catalogs.py update    # merge the .pot into every language's .po (new messages empty)
    python scripts/catalogs.py compile   # write each .po's .mo beside it (committed: pip install carries them)
    python scripts/catalogs.py check     # exit 1 when the .pot, a .po or a .mo is behind the code

Babel does the work (``pybabel extract/update/compile`` with the keywords below); this script only fixes
the options, so every run writes the same files. ``tests/test_catalogs.py`` fails when ``check`` would.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "solecheck" / "locale"
POT = LOCALE / "solecheck.pot"
DOMAIN = "solecheck"
KEYWORDS = ("_", "N_", "ngettext:1,2", "pgettext:1c,2")
"""The functions of :mod:`solecheck.i18n` whose string arguments are messages."""


def languages() -> list[str]:
    """The languages with a catalog: each folder of ``locale`` holding ``LC_MESSAGES/solecheck.po``."""
    return sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def pybabel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    os.chdir(ROOT / "src")  # locations relative to src/: solecheck/tui/app.py
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    pybabel("extract", "-F", str(ROOT / "babel.cfg"), "--no-default-keywords", *keywords, "--add-location=file",
            "--sort-by-file", "--project=solecheck", "--copyright-holder=solecheck developers", "-w", "100",
            "-o", str(POT), "solecheck")


def update() -> None:
    for language in languages():
        pybabel("update", "-i", str(POT), "-d", str(LOCALE), "-D", DOMAIN, "-l", language, "-w", "100",
                "--no-fuzzy-matching")


def compile_catalogs() -> None:
    pybabel("compile", "-d", str(LOCALE), "-D", DOMAIN, "--statistics")


def compiled(po: Path) -> bytes:
    """The .mo that ``compile`` writes for ``po``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as file:
        catalog = read_po(file)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def problems() -> list[str]:
    """What is behind: messages of the code missing from the .pot, of the .pot from a .po, stale .mo files."""
    import tempfile

    from babel.messages.pofile import read_po

    found: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "fresh.pot"
        keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
        pybabel("extract", "-F", str(ROOT / "babel.cfg"), "--no-default-keywords", *keywords, "--no-location",
                "-o", str(fresh), str(ROOT / "src" / "solecheck"))
        with fresh.open("rb") as file:
            wanted = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(file)
                      if message.id}
    with POT.open("rb") as file:
        have = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(file) if message.id}
    found += [f"solecheck.pot lacks {message!r} (run extract)" for message in sorted(wanted - have)]
    found += [f"solecheck.pot still has {message!r} (run extract)" for message in sorted(have - wanted)]
    for language in languages():
        po = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(po):
            found.append(f"{mo.relative_to(ROOT)} is out of date with its .po (run compile)")
    return found


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        compile_catalogs()
    elif command == "check":
        found = problems()
        print(*found, sep="\n") if found else print("catalogs: up to date")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
