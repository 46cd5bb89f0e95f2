import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reference_is_generated_from_the_current_help():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "cli_docs.py"), "--check"], cwd=ROOT)
    assert result.returncode == 0, "docs/cli.md is stale: run .venv/bin/python scripts/cli_docs.py"
