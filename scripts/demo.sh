#!/usr/bin/env bash
# The main job on our own invented corpus: ingest examples/, list the stories, compare the largest one in the
# terminal, and write one self-contained HTML report per multi-article story under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
NP=.venv/bin/newsprism
DB=out/demo.db
mkdir -p out
rm -f "$DB" "$DB"-wal "$DB"-shm "$DB".stories-*.faiss
"$NP" ingest examples/ --db "$DB"
"$NP" stories --db "$DB"
mapfile -t ids < <("$NP" stories --db "$DB" --json | .venv/bin/python -c '
import json, sys
stories = json.load(sys.stdin)["stories"]
for s in sorted(stories, key=lambda s: -len(s["articles"])):
    if len(s["articles"]) > 1:
        print(s["id"])')
echo
"$NP" compare --db "$DB" --story "${ids[0]}"
for id in "${ids[@]}"; do
  "$NP" compare --db "$DB" --story "$id" --html "out/report-$id.html"
done
echo
echo "HTML reports: out/report-*.html   Web app: $NP serve --db $DB"
