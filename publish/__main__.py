"""`python -m publish` and the `publish` command.

Ctrl-C is turned into a quiet exit from the first line on — also while the
program is still importing its modules — never a traceback.
"""
import signal
import sys


class Interrupted(BaseException):
    """Ctrl-C; a BaseException of our own so that no library turns it into its own message."""


def _on_sigint(signum, frame):
    raise Interrupted


def run():
    signal.signal(signal.SIGINT, _on_sigint)
    try:
        from .cli import main
        main()
    except Interrupted:
        # Outputs are written whole or not at all, so nothing half-written is left.
        sys.stderr.write("\n已中断（Ctrl-C），没有写出新的文件。\n")
        sys.stderr.flush()
        sys.exit(130)


if __name__ == "__main__":
    run()
