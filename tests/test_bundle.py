"""What the built program leaves out (tools/bundle.py) is nothing the program uses.

The built program itself is tried by tools/build.py (in CI); these checks
are the cheap half: they read the sources and the installed packages.
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = [ROOT / "main.py", ROOT / "cli.py", *sorted((ROOT / "models").rglob("*.py"))]
PROGRAM += sorted((ROOT / "forms").rglob("*.py")) + sorted((ROOT / "gui").rglob("*.py"))


def load_bundle():
    spec = importlib.util.spec_from_file_location("bundle", ROOT / "tools" / "bundle.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bundle"] = module
    spec.loader.exec_module(module)
    return module


bundle = load_bundle()


def imported_names(path: Path) -> set[str]:
    """Every absolute module name a file imports, and for ``from X import Y`` also X.Y."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def excluded(name: str) -> str | None:
    for module in bundle.EXCLUDED_MODULES:
        if name == module or name.startswith(module + "."):
            return module
    return None


def test_nothing_the_program_imports_is_left_out():
    found = {}
    for path in PROGRAM:
        for name in imported_names(path):
            if excluded(name):
                found.setdefault(path.relative_to(ROOT).as_posix(), []).append(name)
    assert found == {}


def test_the_check_sees_an_excluded_import(tmp_path):
    (tmp_path / "x.py").write_text("from PySide6.QtNetwork import QNetworkAccessManager\nimport numpy as np\n")
    assert {excluded(n) for n in imported_names(tmp_path / "x.py")} == {"PySide6.QtNetwork", "numpy"}


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/plugins/platforms/qdirect2d.dll", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/plugins/imageformats/qjpeg.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6\\translations\\qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtdeclarative_zh_CN.qm", False),
        ("PySide6/Qt/lib/libicudata.so.73", True),
        ("PySide6/Qt6Core.dll", True),
        ("PySide6/opengl32sw.dll", False),
        ("babel/global.dat", True),
        ("babel/locale-data/zh_Hans_CN.dat", True),
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/fr.dat", False),
        ("libX11.so.6", False),
        ("libfontconfig.so.1", False),
        ("libstdc++.so.6", False),
        ("libpython3.11.so.1.0", True),
        ("libcrypto.so.3", True),
        ("libsqlite3.so.0", True),
        ("pillow.libs/libxcb-9065bb12.so.1.1.0", True),
        ("resources/fonts/NotoSansSC-Regular.ttf", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/plugins/printsupport/windowsprintersupport.dll", True),
        ("pypdfium2_raw/libpdfium.so", True),
        ("libcups.so.2", False),
        ("libgnutls.so.30", False),
        ("resources/locale/zh_CN/LC_MESSAGES/messages.mo", True),
    ],
)
def test_what_is_kept(dest, kept):
    assert bundle.keep(dest) is kept


def test_the_kept_qt_plugins_exist_in_the_installed_pyside6():
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    platform = {"win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform, "qxcb")
    wanted = {("platforms", "qoffscreen"), ("platforms", platform), ("iconengines", "qsvgicon")}
    wanted |= {("imageformats", name) for name in bundle.QT_PLUGINS["imageformats"]}
    if sys.platform.startswith("linux"):
        wanted.add(("printsupport", "cupsprintersupport"))  # else the print dialog finds no printer
    elif sys.platform == "win32":
        wanted.add(("printsupport", "windowsprintersupport"))
    found = {(path.parent.name, bundle.plugin_name(path.name)) for path in plugins.glob("*/*")}
    assert wanted <= found
    assert all(bundle.keep_qt_plugin(kind, name) for kind, name in wanted)


def test_dates_and_numbers_need_only_the_kept_babel_locales(tmp_path, monkeypatch):
    import datetime as dt

    import babel
    import babel.localedata
    from babel import Locale

    from models import i18n

    source = Path(babel.__file__).parent / "locale-data"
    kept = [path for path in source.glob("*.dat") if bundle.keep(f"babel/locale-data/{path.name}")]
    assert len(kept) == len(bundle.BABEL_LOCALES)
    for path in kept:
        shutil.copy(path, tmp_path)
    monkeypatch.setattr(babel.localedata, "_dirname", str(tmp_path))
    monkeypatch.setattr(babel.localedata, "_cache", {})
    for language in i18n.LANGUAGES:
        # Loading a locale loads its parents too, up to root: each must be there.
        assert babel.localedata.load(str(Locale.parse(language)))
        i18n.set_language(language)
        assert "2017" in i18n.format_date(dt.date(2017, 3, 8))
        assert "2017" in i18n.format_datetime(dt.datetime(2017, 3, 8, 9, 30))
        assert i18n.format_number(1234) == "1,234"
    with pytest.raises(OSError):
        babel.localedata.load("fr")
