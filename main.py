"""Fulian Ledger (妇联工作台账): no arguments → the GUI; a subcommand → the command line."""

from __future__ import annotations

import sys


def window_database(argv: list[str]) -> str | None:
    """The database of ``main.py --db DB`` with nothing else: the window opens on it (a file or a server's URL)."""
    if len(argv) == 2 and argv[0] == "--db" and argv[1]:
        return argv[1]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > len("--db="):
        return argv[0][len("--db=") :]
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    database = window_database(argv)
    if database is not None:
        from gui.app import run

        return run(sys.argv[:1], db_path=database)
    if argv:
        import cli

        if "--self-test" in argv:
            # The self-test tries Qt as well: a built program must carry its plugins.
            from gui.selftest import add_to_self_test

            add_to_self_test()
        return cli.main(argv)
    from gui.app import run

    return run(sys.argv[:1])


if __name__ == "__main__":
    sys.exit(main())
