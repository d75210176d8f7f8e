"""What the built program carries and what it leaves out: the rules build.spec applies.

They live here, not in the spec, so that tests can read them
(tests/test_bundle.py checks that nothing the program imports is left out).
Paths are a file's place inside the built folder's ``_internal``, with
forward slashes, e.g. ``PySide6/Qt/plugins/platforms/libqxcb.so`` on Linux
or ``PySide6/plugins/platforms/qwindows.dll`` on Windows.
"""

from __future__ import annotations

from pathlib import PurePosixPath

# Python modules PyInstaller would follow into but the program never uses.
EXCLUDED_MODULES = (
    # Test and development tools that happen to be installed.
    "tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "pypdf",
    "pdfplumber",
    "pdfminer",
    "fontTools",
    "mypy",
    "IPython",
    # reportlab's modules run their doctests when started as scripts, which
    # drags in doctest, pdb, pydoc (with its help texts) and unittest.
    "doctest",
    "pdb",
    "pydoc",
    "unittest",
    "reportlab.graphics.testshapes",
    # Optional extras of the libraries used: openpyxl tries numpy (and numpy
    # pulls yaml) and lxml, and falls back to the standard library without
    # them; reportlab's bitmap renderer tries cairo (the program writes PDF).
    "numpy",
    "yaml",
    "lxml",
    "rlPyCairo",
    "cairo",
    "charset_normalizer",  # reportlab guesses the encoding of XML given as bytes; forms give it text
    "PIL.ImageQt",
    "PIL.ImageTk",
    # Pillow's parts the program does not use, with the libraries they load:
    # AVIF (not among the photo types offered), text drawing (FreeType,
    # HarfBuzz) and colour management (LittleCMS).
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._imagingft",
    "PIL._imagingcms",
    # Python's line editing (readline); the Japanese, Korean and traditional
    # Chinese codecs (GBK and GB18030 stay). Python's TLS is left out on
    # Windows only (WINDOWS_EXCLUDED_MODULES).
    "readline",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_codecs_hk",
    "_codecs_iso2022",
    # Qt modules the program does not import (gui/ uses QtCore, QtGui,
    # QtWidgets and, for printing, QtPrintSupport). QtDBus's library stays:
    # QtGui needs it on Linux.
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtTest",
    "PySide6.QtSql",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtSvgWidgets",
)

# The PostgreSQL driver (psycopg) talks to the server through libpq, which
# comes two ways (docs/DECISIONS.md, "The PostgreSQL driver in the built
# program"). On Linux the program carries the system's libpq (Debian's libpq5,
# build.spec) and psycopg's pure-Python implementation: it shares libcrypto
# with Python's hashlib, where psycopg-binary would add its own libpq, OpenSSL,
# Kerberos, LDAP and SASL (10.4 MB). That implementation imports Python's ssl
# module (to set up OpenSSL before libpq does), so ssl stays on Linux.
LINUX_EXCLUDED_MODULES = ("psycopg_binary",)
# On Windows there is no system libpq: psycopg-binary brings libpq.dll with
# what it needs, and its compiled implementation never imports ssl.
WINDOWS_EXCLUDED_MODULES = ("ssl", "_ssl")


def excluded_modules(windows: bool) -> tuple[str, ...]:
    """Every module left out of the program built on Windows (``windows``) or Linux."""
    return EXCLUDED_MODULES + (WINDOWS_EXCLUDED_MODULES if windows else LINUX_EXCLUDED_MODULES)


# The library psycopg's pure-Python implementation loads on Linux, at the top
# of the built folder (build.spec puts it there; tools/rthook_libpq.py points
# psycopg to it).
LINUX_LIBPQ = "libpq.so.5"

# Qt plugins kept, by plugin type; None keeps every plugin of that type.
# Every other type (generic input, EGL devices, OpenGL on X11, network
# information, TLS, Wayland, platform themes, styles: the program sets
# Fusion, which is built in) is left out.
QT_PLUGINS: dict[str, frozenset[str] | None] = {
    # offscreen: the self-test and CI; xcb: Linux desktops (X11 and XWayland);
    # windows: Windows.
    "platforms": frozenset({"qoffscreen", "qxcb", "qwindows"}),
    # Chinese input methods on Linux (IBus, Fcitx through IBus, compose).
    "platforminputcontexts": None,
    # The icons are SVG; the photos of activities are stored as JPEG.
    "iconengines": frozenset({"qsvgicon"}),
    "imageformats": frozenset({"qsvg", "qjpeg"}),
    # The system's printers: CUPS on Linux, the Windows print spooler on Windows
    # (the print preview, gui/printing/preview.py).
    "printsupport": frozenset({"cupsprintersupport", "windowsprintersupport"}),
}

# Qt's own translations kept: its dialogs' words (Yes, Cancel, file dialogs)
# in the program's two languages. gui/app.py loads qtbase_<language>.
QT_TRANSLATIONS = frozenset({"qtbase_zh_CN.qm", "qt_zh_CN.qm", "qtbase_en.qm", "qt_en.qm"})

# Babel's locale data kept: the program formats dates and numbers in zh_CN
# (zh_Hans_CN → zh_Hans → zh → root) and en (en → root). global.dat, beside
# locale-data/, is always kept.
BABEL_LOCALES = frozenset({"root", "en", "zh", "zh_Hans", "zh_Hans_CN"})

# ICU's data (Linux: libicudata, which QtCore links; 32 MB) keeps the
# locale items of these languages only, in every tree (collation, names of
# zones, languages, regions, currencies and units, spelled-out numbers): zh
# (zh, zh_Hans, zh_Hans_CN, zh_CN...) and en (en, en_US...), and Cantonese
# (yue, 0.2 MB), which zh_Hant_HK's spelled-out numbers name as their parent
# (ICU's icupkg finds the package incomplete without it); root and
# everything that is no one language's data (converters, normalisation,
# time-zone rules) stay, but for what Qt never reads (below).
# tools/icudata.py writes the smaller library.
ICU_LANGUAGES = frozenset({"root", "en", "zh", "yue"})

# ICU's data Qt never reads, whatever the language. Qt calls ICU for four
# things only (the ICU functions libQt6Core imports, tests/test_bundle.py):
# case mapping, collation, time zones and their names, and text encodings.
# It never opens a break iterator (its own code finds word and line breaks),
# a transliterator, character names, IDNA's StringPrep profiles or the
# spoof checker: the break rules and dictionaries (3.4 MB, among them the
# Chinese and Japanese word list, 2 MB), the transliteration rules (1.1 MB),
# the character names, the StringPrep profiles and the confusables (0.5 MB)
# are left out.
ICU_UNUSED_TREES = frozenset({"brkitr", "translit"})
ICU_UNUSED_ITEMS = frozenset({"unames.icu", "confusables.cfu"})
ICU_UNUSED_SUFFIXES = (".spp",)
# Families of ICU functions that would read what is left out; libQt6Core must import none of them.
ICU_FUNCTIONS_OF_UNUSED_DATA = ("ubrk_", "utrans_", "u_charName", "u_charFromName", "usprep_", "uidna_", "uspoof_")

# Libraries Qt ships on Windows for OpenGL, which a widgets-only program
# never loads: the software OpenGL renderer alone is about 20 MB.
UNUSED_LIBRARIES = frozenset({"opengl32sw.dll", "d3dcompiler_47.dll", "libEGL.dll", "libGLESv2.dll"})

# Linux: libraries of the desktop itself are the system's, as in an AppImage.
# Qt's libraries need the system's libGL and libEGL (which are never
# bundled: they belong to the graphics driver), and a system with those has
# these too. A bundled fontconfig older than the system's configuration is a
# known cause of missing fonts. Only top-level files match: Pillow's own
# copies (pillow.libs/) are what its modules were built against and stay.
# The C++ runtime is the system's too: the graphics driver loaded into the
# same process needs the system's (often newer) copy, and Qt's wheels are
# built to run with any libstdc++ of a glibc 2.28 system.
LINUX_SYSTEM_LIBRARIES = (
    "libstdc++.",
    "libgcc_s.",
    "libX11.",
    "libX11-xcb.",
    "libXau.",
    "libXdmcp.",
    "libxcb.",
    "libxcb-",
    "libxkbcommon.",
    "libxkbcommon-x11.",
    "libfontconfig.",
    "libfreetype.",
    "libexpat.",
    "libz.",
    "libpng16.",
    "libbrotlicommon.",
    "libbrotlidec.",
    "libglib-2.0.",
    "libgthread-2.0.",
    "libpcre2-8.",
    "libdbus-1.",
    "libsystemd.",
    "libgcrypt.",
    "libgpg-error.",
    "liblz4.",
    "libzstd.",
    "liblzma.",
    "libbz2.",
    "libcap.",
    "libbsd.",
    "libmd.",
    "libuuid.",
    # Printing: the CUPS printer plugin loads the system's libcups, which
    # reads the system's printer configuration (a bundled copy may not
    # understand it); it brings Kerberos, GnuTLS and Avahi, about 9 MB. A
    # system without CUPS has no printers to offer, and the plugin is only
    # loaded when printing.
    "libcups.",
    "libgnutls.",
    "libunistring.",
    "libp11-kit.",
    "libkrb5.",
    "libkrb5support.",
    "libgssapi_krb5.",
    "libk5crypto.",
    "libgmp.",
    "libnettle.",
    "libhogweed.",
    "libidn2.",
    "libtasn1.",
    "libavahi-client.",
    "libavahi-common.",
    "libkeyutils.",
    "libcom_err.",
)


# Linux: Pillow's copy of libXau (X11's authorisation, which Pillow's libxcb
# needs to load; the program never grabs the screen, the only use of either)
# is a 14 kB library spread over 2.1 MB of zeros by the tool that renamed it
# for Pillow's wheel. build.spec puts the system's libXau (Debian: libxau6;
# the same library, one ABI since 2000) in its place under Pillow's name,
# where libxcb looks for it. Prefixes of the file names in pillow.libs/, and
# the name ctypes.util.find_library knows each system library by.
PILLOW_LIBRARIES_FROM_SYSTEM = {"libXau-": "Xau"}


def system_library_instead(dest: str) -> str | None:
    """The system library (find_library's name) that replaces the bundled file going to ``dest``, if any."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if len(parts) != 2 or parts[0] != "pillow.libs" or ".so" not in parts[1]:
        return None
    for prefix, name in PILLOW_LIBRARIES_FROM_SYSTEM.items():
        if parts[1].startswith(prefix):
            return name
    return None


def keep_icu_item(name: str) -> bool:
    """Whether ICU's data keeps an item, named as in its package without the prefix: ``coll/de.res``."""
    tree, _, file = name.rpartition("/")
    if tree in ICU_UNUSED_TREES or file in ICU_UNUSED_ITEMS or file.endswith(ICU_UNUSED_SUFFIXES):
        return False
    stem, _, suffix = file.partition(".")
    if suffix != "res" or stem == "res_index":
        return True
    language = stem.split("_", 1)[0]
    # A locale: a language code of two or three small letters, then its script, region or variant.
    if not (2 <= len(language) <= 3 and language.isascii() and language.isalpha() and language.islower()):
        return True
    return language in ICU_LANGUAGES


def plugin_name(filename: str) -> str:
    """qxcb from libqxcb.so, qwindows from qwindows.dll."""
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_plugin(plugin_type: str, filename: str) -> bool:
    if plugin_type not in QT_PLUGINS:
        return False
    names = QT_PLUGINS[plugin_type]
    return names is None or plugin_name(filename) in names


def keep(dest: str) -> bool:
    """Whether the built folder keeps the file that would go to ``dest`` (binaries and data alike)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if not parts:
        return True
    name = parts[-1]
    if parts[0] == "PySide6":
        if "plugins" in parts:
            i = parts.index("plugins")
            return len(parts) == i + 3 and keep_qt_plugin(parts[i + 1], name)
        if "translations" in parts:
            return name in QT_TRANSLATIONS
        return name not in UNUSED_LIBRARIES
    if parts[:2] == ("babel", "locale-data"):
        return name.removesuffix(".dat") in BABEL_LOCALES
    if len(parts) == 1 and ".so" in name and name.startswith(LINUX_SYSTEM_LIBRARIES):
        return False
    return name not in UNUSED_LIBRARIES
