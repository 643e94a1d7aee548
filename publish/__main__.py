"""`python -m publish` and the `publish` command.

Ctrl-C is a quiet exit (status 130) from the first line on — also while the
program is still importing its modules — never a traceback. Commands that
handle Ctrl-C themselves (publish watch) still get their KeyboardInterrupt.
"""

import signal
import sys


class Interrupted(BaseException):
    """Ctrl-C during start-up; a BaseException of our own so no import machinery reports it."""


def _on_sigint(signum, frame):
    raise Interrupted


def _interrupted():
    # Outputs are written whole or not at all, so nothing half-written is left.
    sys.stderr.write("\n已中断（Ctrl-C），没有写出新的文件。\n")
    sys.stderr.flush()
    sys.exit(130)


def run():
    signal.signal(signal.SIGINT, _on_sigint)
    try:
        import click

        from .cli import main

        signal.signal(signal.SIGINT, signal.default_int_handler)
    except Interrupted:
        _interrupted()
    try:
        rv = main(standalone_mode=False)
    except (KeyboardInterrupt, Interrupted, click.exceptions.Abort):
        _interrupted()
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":
    run()
