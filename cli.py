"""The command-line face of Fulian Ledger: thin, it calls models/ and forms/.

Exit status: 0 success, 1 the work failed or was refused (the message says
why, in the interface language), 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from pathlib import Path

from models import clerk, i18n
from models.i18n import N_, _, ngettext
from models.version import APP_VERSION

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# Where a script gives the start-up password of a database whose ID numbers are encrypted.
PASSWORD_VARIABLE = "FULIAN_LEDGER_PASSWORD"
PASSWORD_TRIES = 3


class Failure(Exception):
    """The work failed or was refused; the message is for the user."""


def _pick_language(argv: list[str]) -> None:
    """--lang must take effect before the parser's help texts are built."""
    language = i18n.DEFAULT_LANGUAGE
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            language = argv[i + 1]
        elif arg.startswith("--lang="):
            language = arg.split("=", 1)[1]
    if language in i18n.LANGUAGES:
        i18n.set_language(language)


# argparse's own words, as the standard library spells them (Python 3.11-3.13); argparse looks them
# up through its module-level ``_`` and ``ngettext``, which _install_argparse_words points at our catalog.
_ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def _marks_argparse_plurals() -> None:  # pragma: no cover
    """Never called: marks argparse's one plural message for extraction."""
    ngettext("expected %s argument", "expected %s arguments", 1)


def _install_argparse_words() -> None:
    """argparse prints its own messages (usage, invalid choice, required arguments) in the interface language."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def db_location(text: str) -> Path | str:
    """--db and the like: a server URL stays text (Path would fold its "//"), anything else is a file."""
    from models.server import is_server_url

    return text.strip() if is_server_url(text) else Path(text)


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value} is not a whole number").format(value=text)) from None


class _Formatter(argparse.HelpFormatter):
    """argparse's help, with the help texts lined up after Chinese metavars (two columns a character)."""

    def _format_action(self, action):
        text = super()._format_action(action)
        header = self._format_action_invocation(action)
        wide = sum(1 for char in header if unicodedata.east_asian_width(char) in "WF")
        first, newline, rest = text.partition("\n")
        end = first.find(header) + len(header)
        gap = len(first) - len(first[end:].lstrip(" ")) - end
        if wide and header in first and first[end:].strip() and gap - wide >= 2:
            first = first[:end] + first[end + wide :]
        return first + newline + rest


class _RawDescriptionFormatter(_Formatter, argparse.RawDescriptionHelpFormatter):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse with its fixed words in the interface language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def format_help(self):
        text = super().format_help()
        # argparse puts an ASCII colon after a group's title.
        for group in self._action_groups:
            if group.title:
                text = text.replace(f"\n{group.title}:\n", "\n" + _("{title}:").format(title=group.title) + "\n")
        return text

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _("{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    _install_argparse_words()
    parser = _Parser(
        prog="main.py", description=_("Fulian Ledger: records of village and community women's federations.")
    )
    parser.add_argument(
        "--version",
        action="version",
        version=_("Fulian Ledger {version}").format(version=APP_VERSION),
        help=_("show the version and exit"),
    )
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE, help=_("interface language (default zh_CN)")
    )
    clerk_help = _("the clerk's name recorded with what this changes (default: the operating-system user)")
    parser.add_argument("--clerk", metavar=_("NAME"), help=clerk_help)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_("check fonts, translations, a PDF and a temporary database; exit 0 or 1"),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--clerk", default=argparse.SUPPRESS, metavar=_("NAME"), help=clerk_help)
        return p

    def add_db(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db",
            type=db_location,
            metavar=_("DB_FILE"),
            help=_("database file or server address (default: the file in your user data folder)"),
        )

    p = command("init", _("set this installation's own unit"))
    add_db(p)
    p.add_argument("--code", required=True, metavar=_("CODE"), help=_("the unit's 12-digit statistical division code"))
    p.add_argument("--name", required=True, metavar=_("NAME"), help=_("the unit's name"))

    p = command("demo", _("fill a database with realistic demonstration data"))
    add_db(p)
    p.add_argument("--code", required=True, metavar=_("CODE"), help=_("the unit's 12-digit statistical division code"))
    p.add_argument("--name", required=True, metavar=_("NAME"), help=_("the unit's name"))
    p.add_argument(
        "--units",
        type=_integer,
        default=3,
        metavar=_("N"),
        help=_("number of units below a township, county or city (default 3)"),
    )
    p.add_argument("--years", type=_integer, default=1, metavar=_("N"), help=_("years of records (default 1)"))
    p.add_argument(
        "--seed", type=_integer, default=1, metavar=_("N"), help=_("random seed, for repeatable data (default 1)")
    )

    p = command("check", _("check the database's integrity and every record against the rules; exit 1 on problems"))
    add_db(p)

    p = command("backup", _("back up the database to a file (checked after writing)"))
    add_db(p)
    p.add_argument("--out", type=Path, required=True, metavar=_("FILE"), help=_("the backup file to write"))

    p = command("restore", _("replace the database with a backup (the current one is backed up first)"))
    add_db(p)
    p.add_argument(
        "--from", dest="source", type=Path, required=True, metavar=_("FILE"), help=_("the backup file to restore")
    )

    p = command(
        "migrate-to",
        _("copy the whole database into an empty one (a new file or a server database) and check every table"),
    )
    add_db(p)
    p.add_argument(
        "target",
        type=db_location,
        metavar=_("TARGET"),
        help=_("a new database file, or the URL of an empty database on a server"),
    )

    p = command("export", _("write a .fulian package to send upward"))
    add_db(p)
    p.add_argument("--out", type=Path, required=True, metavar=_("FILE"), help=_("the package file to write"))
    p.add_argument("--from", dest="date_from", metavar=_("DATE"), help=_("first day of the period (YYYY-MM-DD)"))
    p.add_argument("--to", dest="date_to", metavar=_("DATE"), help=_("last day of the period (YYYY-MM-DD)"))
    p.add_argument("--no-photos", action="store_true", help=_("leave photos out of the package"))
    p.add_argument(
        "--full-phones",
        action="store_true",
        help=_("send phone numbers in full (by default they travel masked: 138****5678)"),
    )
    p.add_argument("--cover", type=Path, metavar=_("FILE"), help=_("also print the package's cover sheet to this PDF"))

    p = command("import", _("import rosters, unit lists and packages (files or folders)"))
    add_db(p)
    p.add_argument("--dry-run", action="store_true", help=_("show what would change and write nothing"))
    p.add_argument(
        "--skip-bad-rows", action="store_true", help=_("import the good rows of a spreadsheet and list the bad ones")
    )
    p.add_argument(
        "--trust-new-installation",
        action="append",
        default=[],
        metavar=_("FINGERPRINT"),
        help=_(
            "trust the installation whose key has this fingerprint, as printed on its package's cover sheet "
            "(for a unit's new or second computer); may be given more than once"
        ),
    )
    p.add_argument(
        "--accept-unsigned",
        action="append",
        default=[],
        metavar=_("SHA256"),
        help=_(
            "accept an unsigned package from an older version whose file has this SHA-256, as printed on its "
            "cover sheet; may be given more than once"
        ),
    )
    p.add_argument(
        "--allow-large-removal",
        action="store_true",
        help=_("apply a package even if it removes more than {share}% of its unit's records (or of one kind)")
        .format(share=_large_share())
        # argparse %-formats help texts: the share's percent sign is doubled.
        .replace("%", "%%"),
    )
    p.add_argument("paths", nargs="+", type=Path, metavar=_("FILE_OR_FOLDER"), help=_("files or folders to import"))

    p = command(
        "import-households",
        _("import households linked to committee members from a spreadsheet (all rows or none)"),
    )
    add_db(p)
    p.add_argument("--dry-run", action="store_true", help=_("show what would change and write nothing"))
    p.add_argument("path", type=Path, metavar=_("FILE"), help=_("the spreadsheet (.xlsx, .xls or .csv)"))

    p = command(
        "import-screening",
        _('import the women of a "two cancers" screening round from a spreadsheet (all rows or none)'),
    )
    add_db(p)
    p.add_argument("--year", type=_integer, required=True, metavar=_("YEAR"), help=_("the year of the round"))
    p.add_argument(
        "--round",
        dest="round_name",
        metavar=_("NAME"),
        help=_("the round's name, when the year has more than one (e.g. 第二批)"),
    )
    p.add_argument("--dry-run", action="store_true", help=_("show what would change and write nothing"))
    p.add_argument("path", type=Path, metavar=_("FILE"), help=_("the spreadsheet (.xlsx, .xls or .csv)"))

    p = command("imports", _("list the packages imported, newest first, with what each changed"))
    add_db(p)
    p.add_argument(
        "--unit", metavar=_("CODE"), help=_("only the imports of this unit and the units below it (its 12-digit code)")
    )

    p = command(
        "trusted",
        _("list the installations trusted to send packages, per unit, or stop trusting one (--revoke)"),
    )
    add_db(p)
    p.add_argument(
        "--revoke",
        metavar=_("FINGERPRINT"),
        help=_(
            "stop trusting the installation with this key fingerprint: its next package is imported only "
            "with --trust-new-installation"
        ),
    )
    p.add_argument(
        "--unit", metavar=_("CODE"), help=_("the unit whose installation to stop trusting (its 12-digit code)")
    )

    p = command(
        "rollback",
        _("undo an import: the unit returns to its state before it (later imports of the unit are undone too)"),
    )
    add_db(p)
    p.add_argument(
        "--import", dest="import_id", required=True, metavar=_("ID"), help=_("the import, as `imports` lists it")
    )

    p = command(
        "scan",
        _(
            "read scanned or photographed sign-in sheets and ballots printed by this program, and show what "
            "was found (attendance and the ballots' cross-check are confirmed in the program)"
        ),
    )
    add_db(p)
    p.add_argument("--dry-run", action="store_true", help=_("only show what was read; keep no page images as evidence"))
    p.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar=_("FILE_OR_FOLDER"),
        help=_("scans (PDF) or pictures (JPEG, PNG, TIFF), or folders of them"),
    )

    from forms.registry import FORMS

    width = max(16, max(len(name) for name in FORMS) + 2)
    form_lines = "\n".join(f"  {name:<{width}}{_(spec.title)}" for name, spec in FORMS.items())
    p = sub.add_parser(
        "report",
        help=_("print an official form to PDF or Excel"),
        description=_("Print an official form. Forms:") + "\n" + form_lines,
        formatter_class=_RawDescriptionFormatter,
    )
    p.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.add_argument("form", choices=list(FORMS), metavar=_("FORM"), help=_("which form (see the list above)"))
    add_db(p)
    p.add_argument("--out", type=Path, required=True, metavar=_("FILE"), help=_("the file to write (.pdf or .xlsx)"))
    p.add_argument(
        "--year", type=_integer, metavar=_("YEAR"), help=_("the year (default: the latest year with records)")
    )
    p.add_argument(
        "--month", type=_integer, metavar=_("MONTH"), help=_("the month of a monthly form, 1-12 (default: this month)")
    )
    p.add_argument(
        "--id",
        dest="record_id",
        metavar=_("ID"),
        help=_("the record (an election, activity or training); default the latest"),
    )
    p.add_argument("--full-id-numbers", action="store_true", help=_("print ID numbers in full instead of masked"))
    p.add_argument(
        "--unit",
        metavar=_("CODE"),
        help=_("a unit below this one whose form to print (its 12-digit code); default this unit"),
    )
    return parser


def _large_share() -> int:
    from models.exchange.importer import LARGE_REMOVAL_SHARE

    return round(LARGE_REMOVAL_SHARE * 100)


def main(argv: list[str]) -> int:
    try:
        return _run(argv)
    except BrokenPipeError:
        # What reads the output went away (``| head``, or ``| more`` left early): stop without a word, as
        # other command-line programs do, and send the interpreter's last flush of stdout nowhere.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass  # stdout is no file (a test's capture): nothing will be flushed into a closed pipe
        return EXIT_FAILED


def _run(argv: list[str]) -> int:
    _pick_language(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from forms.selftest import run_self_test

        return run_self_test(print)
    if not args.command:
        parser.print_usage(sys.stderr)
        print(_("Choose a command, or run without arguments to start the program."), file=sys.stderr)
        return EXIT_USAGE
    handler = COMMANDS[args.command]
    clerk.choose(args.clerk)
    try:
        return handler(args)
    except Failure as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(_("Interrupted; nothing more was written."), file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:
        from models.id_crypto import IdNumberDamaged, IdNumbersLocked

        if isinstance(exc, (IdNumbersLocked, IdNumberDamaged)):
            print(str(exc), file=sys.stderr)
            return EXIT_FAILED
        # The one place where a full, read-only or locked disk becomes words instead of a traceback.
        from models.db import storage_message

        message = storage_message(exc)
        if message is None:
            raise
        print(message, file=sys.stderr)
        return EXIT_FAILED
    finally:
        from models.db import close_database

        close_database()


# --- commands ---------------------------------------------------------------------


def _open(args, create: bool = True, read_only_ok: bool = False, damaged_ok: bool = False):
    """Open --db; work that only reads (``read_only_ok``) also runs on a read-only folder or disk.

    What opening found (a -wal set aside) is told on stderr. A database that
    failed its check is refused with what to do, except by the commands that
    handle one themselves (``damaged_ok``: check and backup); nothing is
    written into it.
    """
    from models.db import DatabaseError, damage_report, open_database, opening_notices

    try:
        db = open_database(args.db, create=create, read_only_fallback=read_only_ok)
    except DatabaseError as exc:
        raise Failure(str(exc)) from exc
    for notice in opening_notices():
        print(notice, file=sys.stderr)
    damage = damage_report()
    if damage is not None and not damaged_ok:
        raise Failure(damage)
    return db


def _unlock() -> None:
    """For work that reads or writes ID numbers: the start-up password, when the database has one.

    Taken from the environment variable FULIAN_LEDGER_PASSWORD when it is set
    (scripts), else asked in the terminal; with neither, or when it is wrong,
    the command stops before doing anything.
    """
    import os

    from models import password

    if not password.has_password():
        return
    given = os.environ.get(PASSWORD_VARIABLE)
    if given is not None:
        if not password.unlock(given):
            raise Failure(
                _("The password in {variable} is not right; nothing was done.").format(variable=PASSWORD_VARIABLE)
            )
        return
    if not sys.stdin.isatty():
        raise Failure(
            _(
                "This database is protected by a start-up password. Run the command in a terminal to type it, "
                "or give it to a script in the environment variable {variable}; nothing was done."
            ).format(variable=PASSWORD_VARIABLE)
        )
    import getpass

    for _attempt in range(PASSWORD_TRIES):
        if password.unlock(getpass.getpass(_("Start-up password: "))):
            return
        print(_("The password is not right."), file=sys.stderr)
    raise Failure(_("The password was not right {n} times; nothing was done.").format(n=PASSWORD_TRIES))


def _require_own_unit():
    from models.units import own_unit

    unit = own_unit()
    if unit is None:
        raise Failure(_("This database has no unit yet. Run: main.py init --db DB --code CODE --name NAME"))
    return unit


def _raise_validation(exc) -> None:
    raise Failure("\n".join(error.message for error in exc.errors)) from exc


def cmd_init(args) -> int:
    from models.base import ValidationError
    from models.units import normalize_code, own_unit, set_own_unit

    _open(args)
    current = own_unit()
    code = normalize_code(args.code)
    if current is not None and current.code != code:
        raise Failure(
            _("This database already belongs to {name} ({code}); it cannot be changed to another unit.").format(
                name=current.name, code=current.code
            )
        )
    try:
        unit = set_own_unit(code, args.name)
    except ValidationError as exc:
        _raise_validation(exc)
    from models.exchange import installation_fingerprint
    from models.units import level_label

    print(
        _("This installation's unit: {name} ({code}, {level}).").format(
            name=unit.name, code=unit.code, level=level_label(unit.code)
        )
    )
    print(
        _("Its packages are signed with the key {fingerprint} (printed on every cover sheet).").format(
            fingerprint=installation_fingerprint()
        )
    )
    return EXIT_OK


def cmd_demo(args) -> int:
    from models.base import ValidationError
    from models.demo import make_demo

    _open(args)
    _unlock()
    if args.units < 0 or args.years < 1:
        raise Failure(_("--units must be 0 or more and --years 1 or more."))
    try:
        summary = make_demo(args.code, args.name, units_below=args.units, years=args.years, seed=args.seed)
    except ValidationError as exc:
        _raise_validation(exc)
    except ValueError as exc:
        raise Failure(str(exc)) from exc
    print(summary)
    return EXIT_OK


def cmd_check(args) -> int:
    from models.checks import check_database
    from models.db import damage_report

    _open(args, create=False, read_only_ok=True, damaged_ok=True)
    if damage_report() is None:
        _unlock()  # a damaged database's records are not checked: no ID number is read
    problems = check_database()
    for line in problems:
        print(line)
    damage = damage_report()
    if damage is not None:
        print(damage, file=sys.stderr)
        problems.append(damage)
    if problems:
        print(
            ngettext("{n} problem found.", "{n} problems found.", len(problems)).format(n=len(problems)),
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(_("No problems found."))
    return EXIT_OK


def cmd_backup(args) -> int:
    from models.db import DatabaseError, StorageError, backup_to, storage_message

    # A damaged database is refused by backup_to itself, with why and what to do.
    _open(args, create=False, read_only_ok=True, damaged_ok=True)
    if args.out.exists() and args.out.is_dir():
        raise Failure(_("{path} is a folder; name the backup file.").format(path=args.out))
    try:
        path = backup_to(args.out)
    except StorageError as exc:
        raise Failure(_("The backup failed: {error}").format(error=exc)) from exc
    except (DatabaseError, OSError) as exc:
        raise Failure(_("The backup failed: {error}").format(error=storage_message(exc) or exc)) from exc
    print(_("Backed up to {path} (integrity checked).").format(path=path))
    return EXIT_OK


def cmd_restore(args) -> int:
    from models.db import DatabaseError, default_db_path, restore_from, storage_message

    db_path = args.db or default_db_path()
    try:
        safety = restore_from(db_path, args.source)
    except (DatabaseError, OSError) as exc:
        raise Failure(_("Nothing was restored: {error}").format(error=storage_message(exc) or exc)) from exc
    _open(args)  # migrates an older backup, like any older database
    print(_("Restored {db} from {source}.").format(db=db_path, source=args.source))
    if safety:
        print(_("The database as it was before is kept in {path}.").format(path=safety))
    return EXIT_OK


def _day_arg(text: str | None, option: str):
    import datetime as _dt

    if text is None:
        return None
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Failure(_("{option} {value} is not a date (YYYY-MM-DD).").format(option=option, value=text)) from None


def cmd_export(args) -> int:
    from models.exchange import PackageError, export_package

    date_from, date_to = _day_arg(args.date_from, "--from"), _day_arg(args.date_to, "--to")
    _open(args, create=False)
    _require_own_unit()
    _unlock()
    if args.out.is_dir():
        raise Failure(_("{path} is a folder; name the package file.").format(path=args.out))
    try:
        result = export_package(
            args.out,
            scope_from=date_from,
            scope_to=date_to,
            photos=not args.no_photos,
            phones="full" if args.full_phones else "masked",
        )
    except PackageError as exc:
        raise Failure(str(exc)) from exc
    records = sum(result.records.values())
    print(
        _("Wrote {path}: package number {sequence}, {records} records, {photos} photos (ID numbers left out).").format(
            path=result.path, sequence=result.sequence, records=records, photos=result.photos
        )
    )
    if args.full_phones:
        print(
            _(
                "Phone numbers are in the package in full: whoever gets the file can read them. "
                "Send it only by a safe way."
            )
        )
    if args.cover:
        from forms.package_cover import build_cover

        try:
            cover = build_cover(result.path, args.cover)
        except OSError as exc:
            raise Failure(_("Cannot write {path}: {error}").format(path=args.cover, error=exc.strerror or exc)) from exc
        print(_("Wrote the cover sheet {path}.").format(path=cover.path))
    return EXIT_OK


def cmd_import(args) -> int:
    from models import importing

    _open(args)
    unit = _require_own_unit()
    _unlock()
    try:
        outcome = importing.import_files(
            args.paths,
            unit_code=unit.code,
            dry_run=args.dry_run,
            skip_bad_rows=args.skip_bad_rows,
            trust_keys=args.trust_new_installation,
            accept_unsigned=args.accept_unsigned,
            allow_large_removal=args.allow_large_removal,
        )
    except OSError as exc:
        raise Failure(str(exc)) from exc
    for path in outcome.missing:
        print(_("{path}: no such file or folder.").format(path=path), file=sys.stderr)
    if not outcome.files:
        raise Failure(_("Nothing to import: no .xlsx, .csv or .fulian files were found."))
    for file in outcome.files:
        if file.kind == importing.PACKAGE or file.package is not None:
            _print_package(file, args.dry_run)
        else:
            _print_spreadsheet(file, args.dry_run)
    return EXIT_FAILED if outcome.failed else EXIT_OK


def _print_spreadsheet(file, dry_run: bool) -> None:
    """What became of one roster or unit list: its problems, then what was (or would be) written."""
    from models import importing

    name = file.path.name
    if file.preview is None:
        print(file.error, file=sys.stderr)
        return
    _print_row_problems(name, file.preview.problems)
    good, bad = len(file.preview.good_rows), len(file.preview.bad_rows)
    if file.status == importing.BAD_ROWS:
        print(
            ngettext(
                "{path}: {bad} row has problems; nothing was imported (use --skip-bad-rows to import the {good} good rows).",  # noqa: E501
                "{path}: {bad} rows have problems; nothing was imported (use --skip-bad-rows to import the {good} good rows).",  # noqa: E501
                bad,
            ).format(path=name, bad=bad, good=good),
            file=sys.stderr,
        )
        return
    if file.status == importing.REFUSED:
        print(file.error, file=sys.stderr)
        return
    if dry_run:
        print(
            ngettext(
                "{path}: {good} row would be imported (dry run, nothing written).",
                "{path}: {good} rows would be imported (dry run, nothing written).",
                good,
            ).format(path=name, good=good)
        )
        return
    print(
        ngettext("{path}: {count} row imported.", "{path}: {count} rows imported.", file.rows).format(
            path=name, count=file.rows
        )
    )
    if bad:
        print(
            ngettext(
                "{path}: {bad} row with problems was skipped.", "{path}: {bad} rows with problems were skipped.", bad
            ).format(path=name, bad=bad),
            file=sys.stderr,
        )


def cmd_import_households(args) -> int:
    from models.duties.household_import import apply_households, read_households

    _open(args)
    unit = _require_own_unit()
    return _import_all_or_nothing(
        args.path, lambda: read_households(args.path, unit.code), lambda p: apply_households(p, unit.code), args.dry_run
    )


def cmd_import_screening(args) -> int:
    from models import screening
    from models.screening_import import apply_screening, read_screening

    _open(args)
    unit = _require_own_unit()
    _unlock()
    found = screening.rounds(unit.code, args.year)
    if args.round_name is not None:
        named = screening.other_round(unit.code, args.year, args.round_name)
        found = [named] if named is not None else []
    if not found:
        raise Failure(
            _("{unit} has no screening round of {year}{name}: enter the round on the page 两癌检查 first.").format(
                unit=unit.name, year=args.year, name=f" {args.round_name}" if args.round_name else ""
            )
        )
    if len(found) > 1:
        raise Failure(
            _("{year} has {n} rounds ({names}): say which with --round NAME.").format(
                year=args.year, n=len(found), names=", ".join(screening.round_title(r) for r in found)
            )
        )
    return _import_all_or_nothing(
        args.path, lambda: read_screening(args.path, found[0]), lambda p: apply_screening(p, found[0]), args.dry_run
    )


def _import_all_or_nothing(path: Path, read, apply, dry_run: bool) -> int:
    """A spreadsheet imported whole or not at all (households, screening lists): its problems by row and column,
    then the count imported, or would be with --dry-run."""
    from models.spreadsheets import ImportFileError, ImportRefused

    name = path.name
    try:
        preview = read()
        if dry_run:
            _print_row_problems(name, preview.problems)
            if preview.bad_rows:
                raise ImportRefused(preview)
            good = len(preview.good_rows)
            print(
                ngettext(
                    "{path}: {good} row would be imported (dry run, nothing written).",
                    "{path}: {good} rows would be imported (dry run, nothing written).",
                    good,
                ).format(path=name, good=good)
            )
            return EXIT_OK
        count = apply(preview)
    except ImportFileError as exc:
        raise Failure(str(exc)) from exc
    except ImportRefused as exc:
        if not dry_run:
            _print_row_problems(name, exc.preview.problems)
        raise Failure(str(exc)) from exc
    print(
        ngettext("{path}: {count} row imported.", "{path}: {count} rows imported.", count).format(
            path=name, count=count
        )
    )
    return EXIT_OK


def _print_row_problems(name: str, problems) -> None:
    for problem in problems:
        if problem.column:
            where = _("{file}: row {row}, column {column}: {message}")
        else:
            where = _("{file}: row {row}: {message}")
        print(where.format(file=name, row=problem.row, column=problem.column, message=problem.message), file=sys.stderr)


def _print_package(file, dry_run: bool) -> None:
    """What became of one .fulian package: its source, number and counts, or why it was refused."""
    from models import importing

    result = file.package
    if result is None:
        print(file.error, file=sys.stderr)
        _print_how_to_confirm(file)
        return
    name = file.path.name
    if file.status == importing.ALREADY:
        print(
            _("{path}: already imported (from {name} {code}, number {sequence}); nothing changed.").format(
                path=name, name=result.source_name, code=result.source_code, sequence=result.sequence
            )
        )
        return
    if result.note:
        print(result.note)
    if result.key_note:
        print(result.key_note)
    line = _("{path}: from {name} ({code}), number {sequence}: {added} added, {changed} changed, {tombstoned} removed.")
    if dry_run:
        line = _(
            "{path}: from {name} ({code}), number {sequence}: {added} would be added, {changed} changed, "
            "{tombstoned} removed (dry run, nothing written)."
        )
    print(
        line.format(
            path=name,
            name=result.source_name,
            code=result.source_code,
            sequence=result.sequence,
            added=result.total("added"),
            changed=result.total("changed"),
            tombstoned=result.total("tombstoned"),
        )
    )
    if dry_run and result.large_removal:
        print(
            _(
                "{path} would remove more than {share}% of the records held of {name} or of one kind of them; "
                "to import it, add --allow-large-removal."
            ).format(path=name, share=_large_share(), name=result.source_name),
            file=sys.stderr,
        )
    if file.confirmation is not None:
        print(file.error, file=sys.stderr)
        _print_how_to_confirm(file)


def _print_how_to_confirm(file) -> None:
    """For a package that needs its key (or unsigned file) confirmed: the option that confirms it."""
    confirmation = file.confirmation
    if confirmation is None:
        return
    if confirmation.unsigned:
        hint = _("If they match, import it again with: --accept-unsigned {sha}").format(sha=confirmation.file_sha256)
    else:
        hint = _('If they match, import it again with: --trust-new-installation "{fingerprint}"').format(
            fingerprint=confirmation.fingerprint
        )
    print(hint, file=sys.stderr)


def cmd_imports(args) -> int:
    from models.exchange import list_imports
    from models.units import normalize_code

    _open(args, create=False, read_only_ok=True)
    _require_own_unit()
    entries = list_imports(normalize_code(args.unit) if args.unit else None)
    if not entries:
        print(_("No packages were imported here yet."))
        return EXIT_OK
    for entry in entries:
        line = _(
            "{id}  {when}  {name} ({code})  number {sequence}  {file}: {added} added, {changed} changed, "
            "{removed} removed"
        ).format(
            id=entry.id,
            when=i18n.format_list_datetime(entry.imported_at.astimezone()),
            name=entry.source_name,
            code=entry.source_code,
            sequence=entry.sequence,
            file=entry.file_name,
            added=entry.added,
            changed=entry.changed,
            removed=entry.removed,
        )
        if entry.imported_by:
            line += "  " + _("imported by {clerk}").format(clerk=entry.imported_by)
        if entry.recorded:
            line += "  " + _("key: {key}; phones: {phones}").format(key=entry.key_words(), phones=entry.phone_words())
        if entry.rolled_back:
            line += "  " + _("(rolled back)")
        elif not entry.undoable:
            line += "  " + _("(cannot be rolled back: imported by an older version)")
        print(line)
    return EXIT_OK


def cmd_trusted(args) -> int:
    if args.revoke:
        return _revoke_trust(args)
    if args.unit:
        raise Failure(_("--unit goes with --revoke."))
    from models.exchange import trusted_installations

    _open(args, create=False, read_only_ok=True)
    _require_own_unit()
    found = trusted_installations()
    if not found:
        print(_("No installation is trusted here yet: a unit's first package makes its key trusted."))
        return EXIT_OK
    for trusted in found:
        print(
            _("{code}  {name}  {fingerprint}  trusted since {since} ({how}, {file})  last package: {last}").format(
                code=trusted.unit_code,
                name=trusted.unit_name or "—",
                fingerprint=trusted.fingerprint,
                since=i18n.format_list_datetime(trusted.since.astimezone()) if trusted.since else "—",
                how=trusted.how_label,
                file=trusted.file or "—",
                last=i18n.format_list_datetime(trusted.last_used.astimezone()) if trusted.last_used else "—",
            )
        )
    return EXIT_OK


def _revoke_trust(args) -> int:
    from models.exchange import TrustError, find_trusted, revoke_trust

    _open(args, create=False)
    _require_own_unit()
    matching = find_trusted(args.revoke, args.unit)
    if len({t.unit_code for t in matching}) > 1:
        raise Failure(
            _("The key {fingerprint} is trusted for several units ({codes}); name one with --unit.").format(
                fingerprint=args.revoke, codes=", ".join(t.unit_code for t in matching)
            )
        )
    if not matching and not args.unit:
        raise Failure(
            _("No installation with the key {fingerprint} is trusted here; nothing was changed.").format(
                fingerprint=args.revoke
            )
        )
    code = matching[0].unit_code if matching else args.unit
    try:
        revoked = revoke_trust(code, args.revoke)
    except TrustError as exc:
        raise Failure(str(exc)) from exc
    print(
        _(
            "The installation of {name} ({code}) with the key {fingerprint} is trusted no more. Its next "
            'package is imported only with: --trust-new-installation "{fingerprint}"'
        ).format(name=revoked.unit_name or "—", code=revoked.unit_code, fingerprint=revoked.fingerprint)
    )
    return EXIT_OK


def cmd_rollback(args) -> int:
    from models.exchange import RollbackError, roll_back_import

    _open(args, create=False)
    _require_own_unit()
    _unlock()
    try:
        result = roll_back_import(args.import_id)
    except RollbackError as exc:
        raise Failure(str(exc)) from exc
    for entry in result.rolled_back[:-1]:
        print(
            _("Also rolled back the later import of {file} from {name}.").format(
                file=entry.file_name, name=entry.source_name
            )
        )
    print(result.message())
    return EXIT_OK


def cmd_report(args) -> int:
    from forms.registry import FormError, FormOptions, build_form

    _open(args, create=False, read_only_ok=True)
    unit = _require_own_unit()
    _unlock()
    from forms.registry import FORMS, forms_for

    own = unit
    if args.unit:
        from models.units import unit_in_view

        try:
            unit = unit_in_view(own.code, args.unit)
        except ValueError as exc:
            raise Failure(str(exc)) from exc
    if args.form not in forms_for(unit.code, own.code):
        title = _(FORMS[args.form].title)
        if unit.code != own.code:
            raise Failure(
                _("{form} is made only for this unit's own records ({own}), not for {unit}.").format(
                    form=title, own=own.name, unit=unit.name
                )
            )
        raise Failure(
            _(
                "{form} is about the packages a township, county or city receives from the units below it; "
                "a village does not make it."
            ).format(form=title)
        )

    def report_missing(chars: list[str]) -> None:
        print(
            _("These characters cannot be printed with the shipped fonts: {chars}").format(
                chars=" ".join(c + i18n.in_brackets(f"U+{ord(c):04X}") for c in chars)
            ),
            file=sys.stderr,
        )

    options = FormOptions(
        unit_code=unit.code,
        year=args.year,
        month=args.month,
        record_id=args.record_id,
        full_id_numbers=args.full_id_numbers,
        report_missing=report_missing,
    )
    try:
        result = build_form(args.form, args.out, options)
    except FormError as exc:
        raise Failure(str(exc)) from exc
    except OSError as exc:
        raise Failure(_("Cannot write {path}: {error}").format(path=args.out, error=exc.strerror or exc)) from exc
    if result.pages is None:
        print(_("Wrote {path}.").format(path=result.path))
    else:
        print(
            ngettext("Wrote {path} ({pages} page).", "Wrote {path} ({pages} pages).", result.pages).format(
                path=result.path, pages=result.pages
            )
        )
    return EXIT_OK


def _padded(text: str, width: int, right: bool = False) -> str:
    """``text`` filled with spaces to ``width`` columns of a terminal, where a Chinese character takes two."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    fill = " " * max(0, width - used)
    return fill + text if right else text + fill


def cmd_migrate_to(args) -> int:
    from models.db import DatabaseError
    from models.migrate_to import migrate_to, shown

    lines = iter(range(1 << 62))
    try:
        result = migrate_to(
            args.db, args.target, progress=lambda line: print(("  " if next(lines) else "") + line, flush=True)
        )
    except DatabaseError as exc:
        raise Failure(str(exc)) from exc
    width = max(len(check.table) for check in result.checks)
    print(
        _("{table}  {rows}  {checksum}  {verdict}")
        .format(
            table=_padded(_("table"), width), rows=_padded(_("rows"), 9, right=True), checksum=_("checksum"), verdict=""
        )
        .rstrip()
    )
    for check in result.checks:
        verdict = (
            _("ok")
            if check.ok
            else _("different (source {rows} rows, {checksum})").format(
                rows=check.source_rows, checksum=check.source_sum[:12]
            )
        )
        print(f"{check.table.ljust(width)}  {check.target_rows:>9}  {check.target_sum[:12]}  {verdict}")
    print(
        _("{rows} rows in {tables} tables copied in {copy:.1f} s, checked in {verify:.1f} s.").format(
            rows=result.rows, tables=len(result.checks), copy=result.copy_seconds, verify=result.verify_seconds
        )
    )
    if not result.ok:
        print(
            _(
                "Some tables differ between {source} and {target}: do not use the copy; keep working in the source."
            ).format(source=shown(args.db) if args.db else _("the database"), target=shown(args.target)),
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(
        _("Every table is the same in {target}: the database has been moved there.").format(target=shown(args.target))
    )
    return EXIT_OK


def cmd_scan(args) -> int:
    """Read the pages, say per sheet what it is and what was found; keep the read pages' images as evidence
    (unless --dry-run). Attendance and the cross-check are recorded only when confirmed in the program."""
    from models.paper import evidence
    from paper import describe
    from paper.read import read_files
    from paper.sheets import Sheets

    missing = [path for path in args.paths if not path.exists()]
    for path in missing:
        print(_("{path}: no such file or folder.").format(path=path), file=sys.stderr)
    _open(args, create=False, read_only_ok=args.dry_run)
    unit = _require_own_unit()
    readings = read_files([path for path in args.paths if path.exists()], Sheets(unit))
    if not readings:
        raise Failure(_("Nothing to read: no scans or pictures were found."))
    for line in describe.lines(readings):
        print(line)
    read = [reading for reading in readings if reading.read]
    refused = len(readings) - len(read)
    print(
        ngettext("{n} sheet read", "{n} sheets read", len(read)).format(n=len(read))
        + ngettext(", {n} not read.", ", {n} not read.", refused).format(n=refused)
    )
    if args.dry_run:
        print(_("Dry run: nothing was kept."))
    elif read:
        replaced = evidence.ballot_sets_replaced(read)
        try:
            kept = evidence.keep_pages(read, unit.code)
        except evidence.EvidenceError as exc:
            raise Failure(str(exc)) from exc
        for round_uuid, earlier, count in replaced:
            print(_replaced_ballots(round_uuid, earlier, count))
        print(
            ngettext(
                "{n} page image kept as evidence. Confirm the attendance (training page) or the ballots' "
                "cross-check (election page) in the program.",
                "{n} page images kept as evidence. Confirm the attendance (training page) or the ballots' "
                "cross-check (election page) in the program.",
                len(kept),
            ).format(n=len(kept))
        )
    return EXIT_FAILED if refused or missing else EXIT_OK


def _replaced_ballots(round_uuid: str, earlier, count: int) -> str:
    """A round's ballot images kept before, replaced by those of this batch (a later batch is never added)."""
    import datetime as dt

    from models.elections import records as er
    from models.i18n import format_datetime

    round_ = er.ElectionRound.get_or_none(er.ElectionRound.uuid == round_uuid)
    title = er.round_title(round_) if round_ is not None else ""
    return ngettext(
        "{round}: the {kept} ballot image kept on {when} was replaced by the {read} read now. A round's "
        "ballots read in two batches are not added together: read them all in one go.",
        "{round}: the {kept} ballot images kept on {when} were replaced by the {read} read now. A round's "
        "ballots read in two batches are not added together: read them all in one go.",
        earlier.count,
    ).format(round=title, kept=earlier.count, when=format_datetime(earlier.read_at.replace(tzinfo=dt.UTC)), read=count)


COMMANDS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "export": cmd_export,
    "import": cmd_import,
    "import-households": cmd_import_households,
    "import-screening": cmd_import_screening,
    "report": cmd_report,
    "imports": cmd_imports,
    "trusted": cmd_trusted,
    "rollback": cmd_rollback,
    "migrate-to": cmd_migrate_to,
    "scan": cmd_scan,
}
