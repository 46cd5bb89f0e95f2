# The two commands of the README: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
NP := $(VENV)/bin/newsprism
DEMO_DB := out/demo.db

.PHONY: setup demo test benchmarks clean

setup:
	@bash scripts/setup.sh

demo: setup
	@mkdir -p out
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(NP) ingest examples/ --db $(DEMO_DB)
	$(NP) stories --db $(DEMO_DB)
	$(NP) compare --db $(DEMO_DB) --story "$$($(NP) stories --db $(DEMO_DB) --json | $(VENV)/bin/python -c 'import json,sys; print(json.load(sys.stdin)["stories"][0]["id"])')" --html out/report.html
	@echo "HTML report: out/report.html"

test: setup
	@bash scripts/browser.sh
	@bash scripts/test.sh

benchmarks: setup
	for b in benchmarks/*.py; do $(VENV)/bin/python $$b || exit 1; done

clean:
	rm -rf out test-output .pytest_cache
