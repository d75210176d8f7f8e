"""What the built program leaves out (tools/bundle.py) is nothing the program uses.

The built program itself is tried by tools/build.py (in CI); these checks
are the cheap half: they read the sources and the installed packages.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = [ROOT / "main.py", ROOT / "cli.py", *sorted((ROOT / "models").rglob("*.py"))]
PROGRAM += sorted((ROOT / "forms").rglob("*.py")) + sorted((ROOT / "gui").rglob("*.py"))
PROGRAM += sorted((ROOT / "paper").rglob("*.py"))  # reading scans and photos back


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
    """The excluded module (on Linux or Windows) that ``name`` is or lies in."""
    for module in {*bundle.excluded_modules(windows=False), *bundle.excluded_modules(windows=True)}:
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


def spec_hidden_imports() -> list[str]:
    """The names build.spec adds to ``hiddenimports`` as string literals."""
    names = []
    for node in ast.walk(ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "hiddenimports" for t in targets):
                strings = [n for n in ast.walk(node.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
                names += [n.value for n in strings]
    return names


def test_the_qr_code_reader_is_bundled_and_numpy_is_not():
    # zxingcpp is imported inside the functions that read paper: PyInstaller is told by name.
    assert "zxingcpp" in spec_hidden_imports()
    assert excluded("zxingcpp") is None
    # reportlab's barcode package, which draws the QR codes, imports its modules by computed names.
    assert "reportlab.graphics.barcode" in spec_hidden_imports()
    assert excluded("reportlab.graphics.barcode.qr") is None
    assert excluded("numpy") == "numpy"


def test_the_postgresql_driver_is_left_out_one_way_on_each_system():
    linux, windows = bundle.excluded_modules(windows=False), bundle.excluded_modules(windows=True)
    # Linux: the system's libpq through psycopg's pure-Python implementation, which imports ssl.
    assert "psycopg_binary" in linux and "ssl" not in linux and "_ssl" not in linux
    # Windows: psycopg-binary with its libpq.dll; no ssl.
    assert "psycopg_binary" not in windows and "ssl" in windows
    assert not any(excluded(name) for name in ("psycopg", "psycopg.pq", "peewee"))


LOAD_LIBPQ = """
import ctypes.util, os, sys
sys.path.insert(0, os.environ["TOOLS"])
from rthook_libpq import bundled_find_library
ctypes.util.find_library = bundled_find_library(os.environ["FOLDER"], ctypes.util.find_library)
import psycopg
from psycopg.pq import _pq_ctypes
print(psycopg.pq.__impl__, psycopg.pq.version(), _pq_ctypes.libname)
"""


def load_libpq(folder: Path) -> list[str]:
    """What psycopg's pure-Python implementation loads when the runtime hook points it to ``folder``."""
    import subprocess

    env = dict(os.environ, PSYCOPG_IMPL="python", TOOLS=str(ROOT / "tools"), FOLDER=str(folder))
    done = subprocess.run([sys.executable, "-c", LOAD_LIBPQ], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build's way to libpq")
def test_the_linux_build_loads_the_libpq_in_its_folder(tmp_path):
    import ctypes.util

    system = ctypes.util.find_library("pq")
    if system is None:
        pytest.skip("the system's libpq is not installed (Debian: libpq5); build.spec needs it")
    assert system == bundle.LINUX_LIBPQ
    rthook = load_rthook()
    assert rthook.LIBPQ == bundle.LINUX_LIBPQ
    # The built folder's copy (here: the system's, copied), not the system's, even where the system has one.
    folder = tmp_path / "_internal"
    folder.mkdir()
    from PyInstaller.depend.bindepend import resolve_library_path

    shutil.copy(resolve_library_path(system), folder / bundle.LINUX_LIBPQ)
    impl, version, library = load_libpq(folder)
    assert (impl, library) == ("python", str(folder / bundle.LINUX_LIBPQ))
    assert int(version) >= 100000
    # A folder without one: psycopg asks the system as before.
    impl, version, library = load_libpq(tmp_path)
    assert (impl, library) == ("python", system)


def load_rthook():
    spec = importlib.util.spec_from_file_location("rthook_libpq", ROOT / "tools" / "rthook_libpq.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
        ("libpq.so.5", True),  # the PostgreSQL driver's, with its libssl, LDAP and SASL
        ("libssl.so.3", True),
        ("libldap-2.5.so.0", True),
        ("libsasl2.so.2", True),
        ("libgssapi_krb5.so.2", False),  # Kerberos is the system's
        ("libsqlite3.so.0", True),
        ("pillow.libs/libxcb-9065bb12.so.1.1.0", True),
        ("pillow.libs/libXau-154567c4.so.6.0.0", True),  # the system's copy under this name (build.spec)
        ("resources/fonts/NotoSansSC-Regular.ttf.xz", True),
        ("resources/fonts/LedgerHanExt.ttf.xz", True),
        ("resources/fonts/LedgerHanExtGH.ttf.xz", True),
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
    # The formatters keep each language's Locale: made afresh here, it reads only the copied data.
    i18n._babel_locale_named.cache_clear()
    monkeypatch.setattr(i18n, "_babel_locale_named", functools.lru_cache(maxsize=4)(Locale.parse))
    for language in i18n.LANGUAGES:
        # Loading a locale loads its parents too, up to root: each must be there.
        assert babel.localedata.load(str(Locale.parse(language)))
        i18n.set_language(language)
        assert "2017" in i18n.format_date(dt.date(2017, 3, 8))
        assert "2017" in i18n.format_datetime(dt.datetime(2017, 3, 8, 9, 30))
        assert i18n.format_number(1234) == "1,234"
    with pytest.raises(OSError):
        babel.localedata.load("fr")


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("root.res", True),
        ("zh_Hans_CN.res", True),
        ("coll/zh.res", True),
        ("coll/zh_Hans.res", True),
        ("coll/root.res", True),
        ("coll/ucadata.icu", True),
        ("zone/en_GB.res", True),
        ("rbnf/yue.res", True),  # zh_Hant_HK's parent there
        ("coll/de.res", False),
        ("coll/de__PHONEBOOK.res", False),  # German phone-book order
        ("fr.res", False),
        ("lang/haw.res", False),
        ("unit/ja_JP.res", False),
        ("res_index.res", True),
        ("coll/res_index.res", True),
        ("pool.res", True),
        ("supplementalData.res", True),
        ("zoneinfo64.res", True),
        ("metaZones.res", True),
        # Break rules and dictionaries, transliteration, character names, StringPrep, spoof checks: Qt never asks.
        ("brkitr/cjdict.dict", False),
        ("brkitr/line_cj.brk", False),
        ("brkitr/zh.res", False),
        ("brkitr/root.res", False),
        ("brkitr/res_index.res", False),
        ("brkitr/ja.res", False),
        ("translit/root.res", False),
        ("translit/zh.res", False),
        ("unames.icu", False),
        ("rfc3491.spp", False),
        ("confusables.cfu", False),
        # Encodings (QStringConverter), normalisation (collation needs it), time zones, collation.
        ("gb18030.cnv", True),
        ("ibm-1390_P110-2003.cnv", True),
        ("cnvalias.icu", True),
        ("nfkc.nrm", True),
        ("nfc.nrm", True),
        ("uts46.nrm", True),
        ("ulayout.icu", True),
        ("timezoneTypes.res", True),
        ("zone/zh.res", True),
        ("zone/root.res", True),
    ],
)
def test_what_icu_keeps(name, kept):
    assert bundle.keep_icu_item(name) is kept


def icu_functions_qt_imports() -> set[str]:
    """The ICU functions (version suffix cut) libQt6Core imports, read with binutils' nm."""
    import re
    import subprocess

    import PySide6

    nm = shutil.which("nm")
    core = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libQt6Core.so.*"))
    if nm is None or not core:
        pytest.skip("needs binutils' nm and PySide6's libQt6Core (Linux)")
    done = subprocess.run([nm, "-D", "--undefined-only", str(core[0])], capture_output=True, text=True, check=True)
    names = set()
    for line in done.stdout.splitlines():
        match = re.fullmatch(r"\s*U (\w+)_(\d+)", line)
        if match and match.group(2) == icu_library().name.rsplit(".", 1)[1]:
            names.add(match.group(1))
    return names


def test_qt_reads_none_of_the_icu_data_left_out():
    functions = icu_functions_qt_imports()
    # Case mapping, encodings, collation and calendars (time zones and their names): what the cut data serves.
    assert functions and all(name.startswith(("u_strTo", "ucnv_", "UCNV_", "ucol_", "ucal_")) for name in functions)
    assert {"ucol_open", "ucal_getTimeZoneDisplayName", "ucnv_open"} <= functions
    assert not [name for name in functions if name.startswith(bundle.ICU_FUNCTIONS_OF_UNUSED_DATA)]


def icu_library() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("no ICU data library in this PySide6 (Linux only)")
    return found[-1]


def load_icudata():
    spec = importlib.util.spec_from_file_location("icudata", ROOT / "tools" / "icudata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_icus_data_is_cut_whole():
    icudata = load_icudata()
    library = icu_library()
    blob = icudata.elf_section(library.read_bytes(), ".rodata")
    header, items = icudata.read_package(blob)
    assert icudata.write_package(header, items) == blob  # the same bytes when nothing is cut
    names = {name.split("/", 1)[1] for name, _ in items}
    kept = {name for name in names if bundle.keep_icu_item(name)}
    assert len(kept) < len(names) / 2
    for name in kept:
        # Every kept locale's fallback chain (zh_Hans_CN → zh_Hans → zh → root) is kept.
        folder, _, file = name.rpartition("/")
        stem, _, suffix = file.partition(".")
        while suffix == "res" and "_" in stem.strip("_"):
            stem = stem.rsplit("_", 1)[0].rstrip("_")
            parent = f"{folder}/{stem}.res".lstrip("/")
            assert parent not in names or parent in kept, (name, parent)
    for language in ("zh", "zh_Hans", "zh_Hans_CN", "en", "en_US"):
        for tree in ("", "coll/", "zone/", "lang/"):
            if f"{tree}{language}.res" in names:
                assert f"{tree}{language}.res" in kept


def test_the_cut_icu_package_is_complete_for_icupkg(tmp_path):
    icupkg = shutil.which("icupkg")
    if icupkg is None:
        pytest.skip("ICU's icupkg is not installed (Debian: icu-devtools)")
    import subprocess

    icudata = load_icudata()
    library = icu_library()
    header, items = icudata.read_package(icudata.elf_section(library.read_bytes(), ".rodata"))
    kept = [(name, item) for name, item in items if bundle.keep_icu_item(name.split("/", 1)[1])]
    package = tmp_path / (items[0][0].split("/", 1)[0] + ".dat")  # icupkg wants the items' prefix as the name
    package.write_bytes(icudata.write_package(header, kept))
    done = subprocess.run([icupkg, "-l", str(package)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # e.g. "Item rbnf/zh_Hant_HK.res depends on missing item rbnf/yue.res"
    assert len(done.stdout.split()) == len(kept)


@pytest.mark.parametrize(
    ("dest", "system"),
    [
        ("pillow.libs/libXau-154567c4.so.6.0.0", "Xau"),
        ("pillow.libs/libxcb-9065bb12.so.1.1.0", None),
        ("pillow.libs/libjpeg-6dc8d115.so.62.4.0", None),
        ("libXau.so.6", None),  # a top-level library is the system's anyway (LINUX_SYSTEM_LIBRARIES)
        ("PIL/_imaging.cpython-311-x86_64-linux-gnu.so", None),
    ],
)
def test_which_bundled_library_the_systems_copy_replaces(dest, system):
    assert bundle.system_library_instead(dest) == system


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Pillow's Linux wheel")
def test_pillow_loads_with_the_systems_libxau_under_its_name(tmp_path):
    """Pillow's compiled modules and its libraries copied, libXau swapped for the system's: an image opens."""
    import ctypes.util
    import subprocess

    import PIL
    from PyInstaller.depend.bindepend import resolve_library_path

    libs = Path(PIL.__file__).parent.parent / "pillow.libs"
    bundled = sorted(libs.glob("libXau-*.so*"))
    system = ctypes.util.find_library(bundle.PILLOW_LIBRARIES_FROM_SYSTEM["libXau-"])
    if not bundled or system is None:
        pytest.skip("no libXau in Pillow's wheel, or none on this system (Debian: libxau6)")
    system_path = Path(resolve_library_path(system))
    # The swap is worth it: Pillow's copy is mostly padding.
    assert bundled[0].stat().st_size > 1_000_000 > 100_000 > system_path.stat().st_size
    shutil.copytree(libs, tmp_path / "pillow.libs")
    shutil.copytree(Path(PIL.__file__).parent, tmp_path / "PIL")
    shutil.copy(system_path, tmp_path / "pillow.libs" / bundled[0].name)
    script = f"""
import io, sys
sys.path.insert(0, {str(tmp_path)!r})
from PIL import Image
b = io.BytesIO()
Image.new("L", (8, 8)).save(b, "TIFF")
print(Image.open(b).size)
swapped = {str(tmp_path / "pillow.libs" / bundled[0].name)!r}
print(any(line.endswith(swapped) for line in open("/proc/self/maps").read().splitlines()))
"""
    done = subprocess.run([sys.executable, "-I", "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["(8,", "8)", "True"]  # the swapped copy was loaded
