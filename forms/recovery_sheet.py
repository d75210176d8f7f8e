"""身份证号恢复码: the one page a cadre prints when the start-up password is set, and keeps away from the PC.

The recovery code opens the encrypted ID numbers when the password is
forgotten. The sheet says what it is for, where to keep it and what losing
both means. It is not a form of the registry: it is printed once, from the
dialog that shows the code, and never again (the code is not stored).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path

from models.i18n import N_, _

from .layout import LEFT, Column, FormDocument, FormResult

TITLE = N_("Recovery code of the ID numbers")
CODE_SIZE = 24  # points: large enough to copy without mistakes


def build_recovery_sheet(
    out_path: Path | str,
    code: str,
    unit_name: str,
    database: str = "",
    today: _dt.date | None = None,
    report_missing: Callable[[list[str]], None] | None = None,
) -> FormResult:
    """One page: the recovery code in large print, with what it opens and how to keep it."""
    from reportlab.platypus import Paragraph

    today = today or _dt.date.today()
    title = _(TITLE)
    doc = FormDocument(title, author=unit_name)
    doc.heading(title, unit_name, today)
    doc.paragraph(
        _(
            "This code opens the encrypted ID numbers of Fulian Ledger when the start-up password is forgotten: "
            "at the password prompt, choose “Use the recovery code”, type this code and set a new password."
        )
    )
    doc.spacer(4)
    style = doc.styles.title.clone("recovery-code", fontSize=CODE_SIZE, leading=CODE_SIZE * 1.4, spaceAfter=0)
    doc.add(Paragraph(code, style), [code])
    doc.spacer(4)
    facts = [[_("Unit"), unit_name]]
    if database:
        facts.append([_("Database"), database])
    doc.table([Column(_("Item"), mm=40, align=LEFT), Column(_("Value"), weight=1, align=LEFT)], facts)
    doc.spacer(4)
    for text in (
        _(
            "Keep this sheet locked away, apart from the computer: whoever has it and the database can read "
            "the ID numbers."
        ),
        _("Do not keep it as a file: once it is printed, delete this PDF (and empty the recycle bin)."),
        _(
            "Changing the password does not change this code. Removing the password and setting a new one "
            "makes a new code."
        ),
        _(
            "If both the password and this code are lost, nobody can read the ID numbers and the program will not "
            "open this database: only a backup made before the password was set can be restored."
        ),
    ):
        doc.paragraph("• " + text, "body")
    return doc.save(Path(out_path), report_missing)
