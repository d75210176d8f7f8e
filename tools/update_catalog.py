"""Extract the interface strings, merge them into the zh_CN catalog, compile it.

    python tools/update_catalog.py            # extract, merge, compile
    python tools/update_catalog.py --check    # exit 1 if anything is untranslated or stale

Source strings are English, marked with _(), N_() and ngettext() in
models/, forms/, paper/, gui/ and cli.py. The .po file is what translators edit;
the compiled .mo beside it is what the program loads.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("models", "forms", "paper", "gui", "cli.py", "main.py")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
CATALOG = ROOT / "resources" / "locale" / "zh_CN" / "LC_MESSAGES" / "messages.po"
COMPILED = CATALOG.with_suffix(".mo")


def extract() -> Catalog:
    """Every marked string in the sources, with where it is used."""
    catalog = Catalog(project="Fulian Ledger", charset="utf-8")
    method_map = [("**.py", "python")]
    for source in SOURCES:
        path = ROOT / source
        if path.is_dir():
            found = extract_from_dir(str(path), method_map=method_map, keywords=KEYWORDS)
            for filename, lineno, message, comments, context in found:
                catalog.add(message, None, [(f"{source}/{filename}", lineno)], auto_comments=comments, context=context)
        else:
            from babel.messages.extract import extract as extract_file

            with path.open("rb") as handle:
                for lineno, message, comments, context in extract_file("python", handle, keywords=KEYWORDS):
                    catalog.add(message, None, [(source, lineno)], auto_comments=comments, context=context)
    return catalog


def load() -> Catalog:
    if not CATALOG.exists():
        return Catalog(locale="zh_CN", project="Fulian Ledger", charset="utf-8")
    with CATALOG.open("rb") as handle:
        return read_po(handle, locale="zh_CN")


def problems(template: Catalog, catalog: Catalog) -> list[str]:
    """Untranslated or fuzzy entries, and entries missing from the catalog."""
    found = []
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id, context=message.context)
        if translated is None:
            found.append(f"missing: {message.id!r}")
        elif (
            translated.fuzzy
            or not translated.string
            or (isinstance(translated.string, tuple) and not all(translated.string))
        ):
            found.append(f"untranslated: {message.id!r}")
    return found


def compiled_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; exit 1 on problems")
    args = parser.parse_args()
    template = extract()
    catalog = load()
    if args.check:
        found = problems(template, catalog)
        if COMPILED.exists() and COMPILED.read_bytes() != compiled_bytes(catalog):
            found.append(f"{COMPILED.name} is older than {CATALOG.name}: run tools/update_catalog.py")
        print("\n".join(found) or "catalog complete")
        return 1 if found else 0
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False  # the header: a fuzzy header would be left out of the .mo
    CATALOG.parent.mkdir(parents=True, exist_ok=True)
    with CATALOG.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=False, omit_header=False)
    COMPILED.write_bytes(compiled_bytes(catalog))
    remaining = problems(template, catalog)
    print(f"{len(template)} strings; {len(remaining)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
