"""`--self-test`: can this PC print, translate and keep a database?

Run on a freshly installed PC before the cadre relies on it, and by
``tools/build.py`` on every built program: each check reaches for something a
built program must carry (fonts, catalogs, Babel's locale data, the stroke
table, pypinyin's dictionary, every migration step, reportlab, the PostgreSQL
driver's libpq, the QR code reader). Each check prints one line; the exit status is 0 only when
all pass. It lives in
``forms`` because it prints a form: the core below it never imports forms.
The GUI adds its own check (``add_check``) when the program is started with
``--self-test``, so that Qt is tried too without forms importing it.
"""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from models.i18n import _, ngettext


def _check_fonts() -> str:
    from forms import fonts

    # Every font is xz-packed: this needs each of them, the cache folder and Python's lzma in the build.
    # 𡒄 is CJK Extension B (Ledger Han Ext), U+31350 Extension H (Ledger Han Ext GH).
    missing = fonts.missing_characters(["妇联工作台账 执委会成员名册 刘䶮 欧阳 吕\U00021484 吕\U00031350"])
    if missing:
        raise RuntimeError(_("characters without a font: {chars}").format(chars="".join(missing)))
    return _("fonts found and complete")


_extra_checks: list[Callable[[], str]] = []


def add_check(check: Callable[[], str]) -> None:
    """Run ``check`` last as well; it returns its line or raises (the GUI's check of Qt)."""
    if check not in _extra_checks:
        _extra_checks.append(check)


def _check_translations() -> str:
    import datetime as dt

    from models import i18n

    before = i18n.current_language()
    try:
        i18n.set_language("zh_CN")
        if _("Fulian Ledger") == "Fulian Ledger":
            raise RuntimeError("the zh_CN catalog is missing")
        # Babel's locale data: a built program carries only zh and en.
        if i18n.format_date(dt.date(2017, 3, 8)) != "2017年3月8日":
            raise RuntimeError(f"Chinese dates are wrong: {i18n.format_date(dt.date(2017, 3, 8))}")
        i18n.set_language("en")
        if "2017" not in i18n.format_date(dt.date(2017, 3, 8)) or i18n.format_number(1234) != "1,234":
            raise RuntimeError("English dates or numbers are wrong")
    finally:
        i18n.set_language(before)
    return _("Chinese translations loaded")


def _check_names() -> str:
    from models import people, strokes

    if people.pinyin_keys("张晓红") != ("zhangxiaohong", "zxh"):
        raise RuntimeError(f"pinyin is wrong: {people.pinyin_keys('张晓红')}")
    if (strokes.stroke_count("张"), strokes.stroke_count("䶮")) != (7, 9):
        raise RuntimeError("the stroke table is missing or wrong")
    return _("names sort by pinyin and by surname strokes")


def _check_server_driver() -> str:
    """The PostgreSQL driver and its libpq load (no server needed): an office's database is on a server."""
    try:
        import psycopg
    except ImportError as exc:  # psycopg says which library it missed
        raise RuntimeError(_("the PostgreSQL driver does not load: {error}").format(error=exc)) from exc
    version = psycopg.pq.version()  # a call into libpq itself
    if version < 100000:
        raise RuntimeError(f"libpq {version} is too old")
    return _("PostgreSQL driver loaded (libpq {version})").format(version=psycopg.pq.version_pretty(version))


def _check_database(folder: Path) -> str:
    from models import db, meta, people, units
    from models.migrations import latest_version

    db.open_database(folder / "selftest.sqlite3")
    try:
        version = meta.get(meta.SCHEMA_VERSION)
        if latest_version() < 1 or version != str(latest_version()):
            raise RuntimeError(f"the database was not created (schema version {version})")
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
    data = result.path.read_bytes()
    if not data.startswith(b"%PDF") or pages < 1:
        raise RuntimeError("not a PDF")
    if b"+NotoSansSC-Regular" not in data:
        raise RuntimeError("the PDF does not embed the Chinese font")
    return ngettext("a PDF form printed ({pages} page)", "a PDF form printed ({pages} pages)", pages).format(
        pages=pages
    )


def _check_qr_reader() -> str:
    """A page code printed as a QR code (reportlab), drawn as a scan would be (PDFium) and read back (zxing-cpp)."""
    import io

    import pypdfium2
    import zxingcpp
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfgen import canvas

    from models.paper import code

    printed = code.PageCode(code.SIGN_IN, "00000000-0000-4000-8000-000000000017", "20260308", 1, 1, "0" * 8)
    widget = QrCodeWidget(printed.text())
    left, bottom, right, top = widget.getBounds()
    side = 120  # points; the page is 200 points square
    drawing = Drawing(side, side, transform=[side / (right - left), 0, 0, side / (top - bottom), 0, 0])
    drawing.add(widget)
    pdf = io.BytesIO()
    page = canvas.Canvas(pdf, pagesize=(200, 200))
    renderPDF.draw(drawing, page, 40, 40)
    page.save()
    document = pypdfium2.PdfDocument(pdf.getvalue())
    try:
        image = document[0].render(scale=150 / 72, grayscale=True).to_pil()  # 150 dpi, as a scanner's
    finally:
        document.close()
    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = [barcode.text for barcode in zxingcpp.read_barcodes(image, formats=qr_only)]
    if found != [printed.text()] or code.parse(found[0]) != printed:
        raise RuntimeError(f"the QR code reader read {found}")
    return _("QR codes of printed sheets are read back")


def run_self_test(say: Callable[[str], None]) -> int:
    """Run every check, telling ``say`` one line each; 0 when all passed, else 1."""
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        checks = [_check_fonts, _check_translations, _check_names, _check_server_driver]
        checks += [lambda: _check_database(folder), lambda: _check_pdf(folder), _check_qr_reader, *_extra_checks]
        for check in checks:
            try:
                say(_("ok: {what}").format(what=check()))
            except Exception as exc:  # the self-test reports every failure and goes on
                failures += 1
                say(_("FAILED: {error}").format(error=exc or type(exc).__name__))
                traceback.print_exc()
    say(_("Self-test passed.") if not failures else _("Self-test failed ({n} checks).").format(n=failures))
    return 0 if not failures else 1
