"""Every word Chinese, in Chinese typography: the zh_CN catalog and the command line's own output.

What may stay in Latin letters is listed here with its reason; anything else
English in a Chinese text fails, and so does an ASCII bracket around Chinese
(full-width （） in Chinese text: 崔静翠（双杏村）, 双杏村（430121101203）), and so does ASCII
punctuation beside a Chinese character (，：；？！ there).
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "resources" / "locale" / "zh_CN" / "LC_MESSAGES" / "messages.po"

CJK = re.compile(r"[\u3400-\u9fff]")

# Names that are written in Latin letters in Chinese too.
PROPER_NOUNS = {
    # programs, formats and standards as cadres meet them
    "Excel",
    "WPS",
    "PDF",
    "CSV",
    "JSON",
    "JPEG",
    "A4",  # the paper size, as printed on forms
    # file kinds named when a file is not a spreadsheet the program reads
    "ODS",
    "OpenDocument",
    "Office",
    "Word",
    "PowerPoint",
    "Numbers",
    "RTF",
    "HTML",
    "XML",
    "SQLite",
    "PostgreSQL",
    "UTF-8",
    "GBK",
    "zip",
    "U",  # U盘
    "ID",
    "SHA-256",
    "SHA256",
    "Ed25519",
    "base64",
    "uuid",
    # sizes
    "KB",
    "MB",
    "GB",
    # keys on the keyboard, as printed on them
    "Ctrl",
    "Shift",
    "Alt",
    "Enter",
    "Delete",
    "Esc",
    "Space",
    "Tab",
    "PgUp",
    "PgDown",
    "Home",
    "End",
    "Left",
    "Right",
    "Up",
    "Down",
    "F2",
    "F5",
    "P",
    "L",
    "E",
    "A",
    "N",
    "S",
    "D",
    "I",
    "R",
    "T",
    "Z",
    "X",
    "F",
    # the environment variable scripts set, the language codes, the checks' examples of what to type
    "FULIAN_LEDGER_PASSWORD",
    "zh_CN",
    "en",
    "zhangxiaohong",
    "zxh",
    # the rare-character finder's example of a reading to type (a toned one is taken out as pinyin below)
    "lan",
    # a recovery code's example is letters by nature
    "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ",
}
# The command line's words: the program, its commands and their metavariables are typed as they are.
COMMAND_LINE = {
    "main.py", "init", "demo", "check", "backup", "restore", "export", "import", "imports", "trusted",
    "rollback", "report",
}  # fmt: skip
# What the package verifier names inside a .fulian package: the file's own field and file names,
# shown so that whoever wrote the package can find the fault. They are a file format, not words.
PACKAGE_FORMAT = {
    "manifest.json", "manifest.sig", "data", "table", "jsonl", "photos", "jpg", "source", "scope", "from",
    "to", "package_id", "installation_id", "installation_key", "created_at", "format_version", "sequence",
    "sha256", "privacy.id_numbers", "privacy.phones", "masked", "full", "members", "true", "false",
}  # fmt: skip
ALLOWED = PROPER_NOUNS | COMMAND_LINE | PACKAGE_FORMAT

# Taken out before looking for words: what the program fills in, and what is typed or named as it is.
NOT_WORDS = (
    r"\{[^{}]*\}",  # placeholders: {name}
    r"%(\(\w+\))?[sdr]",  # argparse's placeholders: %(prog)s, %s
    r"(?<![\w-])--[a-z][a-z-]*",  # command-line options: --db
    r"(?<![A-Za-z0-9])\.[a-z0-9]+(?![A-Za-z0-9])",  # file name extensions: .xlsx, .fulian
    r"(?<![\w-])-wal\b",  # the journal file SQLite keeps beside a database
    r"\w+-\*+-?\w*",  # a masked number as an example: 138****5678
    r"[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*",  # pinyin with its tone mark, as a reading to type: lǎn
)
# Qt finds the patterns of a file dialog's filter between ASCII brackets: 数据包 (*.fulian).
QT_FILE_PATTERNS = r"\((\*(\.[\w]+)?\s*)+\)"


def strip(text: str) -> str:
    for pattern in (*NOT_WORDS, QT_FILE_PATTERNS):
        text = re.sub(pattern, " ", text)
    return text


def problems(text: str) -> list[str]:
    """What is not Chinese in one Chinese text: ASCII brackets, words outside the allow-list."""
    if not CJK.search(text):
        return []
    bare = strip(text)
    found = [f"ASCII bracket in {text!r}"] if re.search(r"[()]", bare) else []
    if re.search(r"[\u3400-\u9fff][,;:?!]|[,;:?!][\u3400-\u9fff]", bare):
        found.append(f"ASCII punctuation beside Chinese in {text!r}")
    for word in re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z]", bare):
        if word not in ALLOWED:
            found.append(f"{word!r} in {text!r}")
    return found


def chinese_texts():
    from babel.messages.pofile import read_po

    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="zh_CN")
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        yield from (s for s in strings if s)


def test_the_problems_found_are_the_ones_meant():
    assert problems("崔静翠(双杏村)") and problems("备份位置: 已保存") and problems("请用 Excel 或 Access 打开")
    assert not problems("双杏村（430121101203）") and not problems("保存（Ctrl+S）")
    assert not problems("妇联工作台账数据包 (*.fulian)") and not problems("{name}（{code}）")
    assert not problems("Excel (*.xlsx)")  # no Chinese: not a Chinese text
    assert cli_problems("用法：main.py init [-h] [--db DB] --code 代码") and cli_problems("options:")
    assert not cli_problems("用法：main.py init [-h] [--db 数据库文件] [--lang {zh_CN,en}] --code 代码")


def test_every_chinese_text_of_the_catalog_is_chinese():
    found = [problem for text in chinese_texts() for problem in problems(text)]
    assert found == [], "\n".join(found)


def test_only_cancel_is_called_cancel():
    """取消 is the dialogs' Cancel: a button that takes something out of a list says 移除 or 删除."""
    from babel.messages.pofile import read_po

    with CATALOG.open("rb") as handle:
        called_cancel = {message.id for message in read_po(handle, locale="zh_CN") if message.string == "取消"}
    assert called_cancel <= {"Cancel", "&Cancel"}


def test_no_unit_title_nests_brackets():
    for text in chinese_texts():
        bare = strip(text)
        depth = 0
        for char in bare:
            depth += char in "（("
            assert depth < 2, f"nested brackets in {text!r}"
            depth -= char in "）)"


ARGUMENTS = [
    ["--help"],
    ["frobnicate"],
    ["init"],
    ["init", "--code"],
    ["init", "--code", "430121100201", "--name", "石门村", "--bogus"],
    ["report", "nosuchform", "--out", "x.pdf"],
    ["demo", "--code", "430121100201", "--name", "石门村", "--units", "many"],
    ["import"],
    ["--lang", "fr"],
]


def command_names():
    import cli

    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, cli.argparse._SubParsersAction))
    return list(subparsers.choices)


def cli_output(argv: list[str]) -> str:
    import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), contextlib.suppress(SystemExit):
        cli.main(argv)
    return out.getvalue() + err.getvalue()


def cli_problems(text: str) -> list[str]:
    from forms.registry import FORMS

    names = set(command_names()) | set(FORMS) | {"-h", "help"}
    found = []
    for line in text.splitlines():
        # A usage line's [ ] and { } are argparse's syntax; choices are what one types.
        # What the user typed comes back quoted: 'frobnicate', “many”.
        bare = re.sub(r"'[^']*'|“[^”]*”|\{[a-zA-Z_,]+\}|(?<![\w-])-h\b", " ", line)
        bare = re.sub(
            r"(?<![\w-])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b", " ", bare
        )
        found += [f"{problem} (line {line!r})" for problem in problems(bare or line)] if CJK.search(line) else []
        if not CJK.search(line) and re.search(r"[A-Za-z]{2,}", strip(bare)):
            found.append(f"English line {line!r}")
    return found


@pytest.mark.parametrize("argv", ARGUMENTS, ids=" ".join)
def test_the_command_line_speaks_chinese_when_arguments_are_wrong(argv):
    text = cli_output(argv)
    assert CJK.search(text), text
    assert cli_problems(text) == [], text


def test_every_command_s_help_is_chinese():
    for command in command_names():
        text = cli_output([command, "--help"])
        assert cli_problems(text) == [], text
