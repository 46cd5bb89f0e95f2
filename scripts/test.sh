#!/usr/bin/env bash
# Run the whole test suite in .venv (created by scripts/setup.sh). Exit status is pytest's, except that
# "no tests collected" (5) is a failure only when tests were expected.
set -uo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
mkdir -p test-output
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit "$status"
