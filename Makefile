# The two commands of the README: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv

.PHONY: setup demo test benchmarks clean

setup:
	@bash scripts/setup.sh

demo: setup
	@bash scripts/demo.sh

test: setup
	@bash scripts/browser.sh
	@bash scripts/test.sh

benchmarks: setup
	for b in benchmarks/*.py; do $(VENV)/bin/python $$b || exit 1; done

clean:
	rm -rf out test-output .pytest_cache
