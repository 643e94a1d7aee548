# 发言摘登 publishing toolkit.
#   make            set up what is missing, then build every meeting in content/ into build/
#   make test       run the tests
# Other targets: pdf docx fit proof proofs package bench lint clean distclean

SHELL   := /bin/bash
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
PUBLISH := $(VENV)/bin/publish
LAYOUT  ?= broadsheet
LAYOUTS := broadsheet tabloid a4-bulletin
MEETINGS := $(patsubst %/meeting.yaml,%,$(wildcard content/*/meeting.yaml))
STAMP   := $(VENV)/.installed
# Our PDFs only (build/ may hold other files): NAME.pdf, or NAME-LAYOUT.pdf for other layouts.
OUTPDFS  = $(foreach m,$(MEETINGS),build/$(notdir $(m))$(if $(filter broadsheet,$(LAYOUT)),,-$(LAYOUT)).pdf)

.PHONY: all build pdf docx fit proof proofs package bench test lint setup sysdeps clean distclean

all: build

setup: sysdeps $(STAMP)

# System packages: CJK fonts always; poppler/qpdf/ghostscript/LibreOffice for
# proofs and the tests. Installed with apt-get only when missing and when we may.
sysdeps:
	@bash tools/sysdeps.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

build: setup
	@test -n "$(MEETINGS)" || { echo "content/ 里没有会议文件夹（需要 content/NAME/meeting.yaml）"; exit 2; }
	@for m in $(MEETINGS); do $(PUBLISH) proof $$m --layout $(LAYOUT) >/dev/null || { $(PUBLISH) proof $$m --layout $(LAYOUT); exit 1; }; done
	$(PUBLISH) build $(MEETINGS) --layout $(LAYOUT) -o build
	@for f in $(OUTPDFS); do $(PUBLISH) preflight $$f --layout $(LAYOUT) || exit 1; done

pdf: setup
	$(PUBLISH) build $(MEETINGS) --layout $(LAYOUT) --format pdf -o build
	@for f in $(OUTPDFS); do $(PUBLISH) preflight $$f --layout $(LAYOUT) || exit 1; done

docx: setup
	$(PUBLISH) build $(MEETINGS) --layout $(LAYOUT) --format docx -o build

fit: setup
	@for m in $(MEETINGS); do $(PUBLISH) fit $$m --layout $(LAYOUT); done

proof: setup
	@for m in $(MEETINGS); do $(PUBLISH) proof $$m --layout $(LAYOUT); done

# PNG proofs of every layout of the reference meeting, for the README.
proofs: setup
	@for l in $(LAYOUTS); do $(PUBLISH) build content/yongchuan-2026-q1 --layout $$l -o build -q || exit 1; done
	$(PY) tools/proofs.py build docs/proofs
	PUBLISH_SCREENSHOTS=docs/proofs $(PY) -m pytest -q -p no:cacheprovider tests/watch/test_browser.py -k edit_break_fix

package: setup
	@for m in $(MEETINGS); do $(PUBLISH) package $$m --layout $(LAYOUT) -o build || exit 1; done

bench: setup
	$(PY) benchmarks/run.py

test: setup
	$(PY) -m pytest

# Lint, format check and type check (configured in pyproject.toml).
lint: setup
	$(VENV)/bin/ruff check publish tests
	$(VENV)/bin/ruff format --check publish tests
	$(VENV)/bin/mypy publish

clean:
	rm -rf build .pytest_cache .hypothesis

distclean: clean
	rm -rf $(VENV) *.egg-info
