"""Set zh_CN translations from a small table: python tools/translate.py FILE.py

FILE.py defines TRANSLATIONS = {msgid: msgstr}; for plural entries the key is
the singular msgid. Used to add translations without hand-editing the .po.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOG = Path(__file__).resolve().parent.parent / "resources" / "locale" / "zh_CN" / "LC_MESSAGES" / "messages.po"


def main() -> int:
    table = runpy.run_path(sys.argv[1])["TRANSLATIONS"]
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="zh_CN")
    done = 0
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key in table:
            message.string = (table[key],) if isinstance(message.id, tuple) else table[key]
            message.flags.discard("fuzzy")
            done += 1
    with CATALOG.open("wb") as handle:
        write_po(handle, catalog, width=100)
    print(f"{done} of {len(table)} set")
    return 0


if __name__ == "__main__":
    sys.exit(main())
