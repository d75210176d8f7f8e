"""`--self-test`: can this PC print, translate and keep a database?

Run on a freshly installed PC before the cadre relies on it. Each check
prints one line; the exit status is 0 only when all pass. It lives in
``forms`` because it prints a form: the core below it never imports forms.
"""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from models.i18n import _, ngettext


def _check_fonts() -> str:
    from forms import fonts

    missing = fonts.missing_characters(["妇联工作台账 执委会成员名册 刘䶮 欧阳"])
    if missing:
        raise RuntimeError(_("characters without a font: {chars}").format(chars="".join(missing)))
    return _("fonts found and complete")


def _check_translations() -> str:
    from models import i18n

    before = i18n.current_language()
    try:
        i18n.set_language("zh_CN")
        if _("Fulian Ledger") == "Fulian Ledger":
            raise RuntimeError("the zh_CN catalog is missing")
    finally:
        i18n.set_language(before)
    return _("Chinese translations loaded")


def _check_database(folder: Path) -> str:
    from models import db, people, units

    db.open_database(folder / "selftest.sqlite3")
    try:
        units.set_own_unit("430121100201", "自检村")
        people.save_person(people.PersonInput(name="张晓红", birth="1980-05", phone="13812345678"), "430121100201")
        db.backup_to(folder / "selftest-backup.sqlite3")
    finally:
        db.close_database()
    return _("temporary database written, backed up and checked")


def _check_pdf(folder: Path) -> str:
    from forms.registry import FormOptions, build_form
    from models import db

    db.open_database(folder / "selftest.sqlite3")
    try:
        result = build_form("roster", folder / "selftest.pdf", FormOptions(unit_code="430121100201"))
    finally:
        db.close_database()
    pages = result.pages or 0
    if not result.path.read_bytes().startswith(b"%PDF") or pages < 1:
        raise RuntimeError("not a PDF")
    return ngettext("a PDF form printed ({pages} page)", "a PDF form printed ({pages} pages)", pages).format(
        pages=pages
    )


def run_self_test(say: Callable[[str], None]) -> int:
    """Run every check, telling ``say`` one line each; 0 when all passed, else 1."""
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for check in (_check_fonts, _check_translations, lambda: _check_database(folder), lambda: _check_pdf(folder)):
            try:
                say(_("ok: {what}").format(what=check()))
            except Exception as exc:  # the self-test reports every failure and goes on
                failures += 1
                say(_("FAILED: {error}").format(error=exc or type(exc).__name__))
                traceback.print_exc()
    say(_("Self-test passed.") if not failures else _("Self-test failed ({n} checks).").format(n=failures))
    return 0 if not failures else 1
