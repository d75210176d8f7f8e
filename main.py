"""Fulian Ledger (妇联工作台账): no arguments → the GUI; a subcommand → the command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
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
