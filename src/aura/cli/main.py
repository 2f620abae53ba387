"""Entry point of the `aura` command."""

import argparse
import importlib
import sys
from collections.abc import Sequence

from aura.kit.settings import ConfigurationError

COMMAND_MODULES = ("up", "serve", "token", "chat", "decisions", "undo")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aura",
        description="Aura: the digital-workplace assistant that asks before it acts.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"aura.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except ConfigurationError as exc:
        print(f"aura: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
