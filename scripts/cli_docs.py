"""Write docs/cli.md from the commands' own --help, so the documentation cannot drift from the code.

Run: .venv/bin/python scripts/cli_docs.py   (tests/cli/test_cli_docs.py checks the file is current)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsprism.cli import cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def render() -> str:
    parts = ["# Command line reference", "", "Generated from `newsprism --help` by `scripts/cli_docs.py`.", ""]
    with click.Context(cli, info_name="newsprism", terminal_width=100) as ctx:
        parts += ["## newsprism", "", "```", cli.get_help(ctx), "```", ""]
        for name in sorted(cli.list_commands(ctx)):
            command = cli.get_command(ctx, name)
            with click.Context(command, info_name=name, parent=ctx, terminal_width=100) as sub:
                parts += [f"## newsprism {name}", "", "```", command.get_help(sub), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(0 if DOC.read_text(encoding="utf-8") == render() else 1)
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
