# The few commands a newcomer needs: `make run` sets everything up, indexes the seed articles
# when index/ holds no index yet (articles added with `quotesearch index --add` stay), and
# serves the web UI on http://$(HOST):$(PORT)/ (`make run PORT=8080 HOST=0.0.0.0`);
# `make test` checks lint and formatting, then runs the whole test suite. Both work on a
# fresh machine with Python 3.11 and make.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: run test setup browser index serve lint clean translations

run: setup index serve

# The linter and the formatter check first: a lint failure fails the tests.
test: lint browser
	$(BIN)/pytest

# The virtual environment, rebuilt whenever pyproject.toml changes.
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
		echo "python venv module missing; installing it with apt-get"; \
		apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

# The browser tests drive Debian's chromium through playwright.
browser:
	@test -x $(CHROMIUM) || { \
		echo "installing chromium for the browser tests"; \
		apt-get update -qq && apt-get install -y -qq chromium; }

index: setup
	$(BIN)/quotesearch index seeds --index index --if-missing

serve: setup
	$(BIN)/quotesearch serve --index index --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache
	find index -mindepth 1 ! -name .gitkeep -delete

# The interface's French catalogue: new strings of the pages and views are extracted and merged
# into web/translations/fr/LC_MESSAGES/messages.po; translate them there, then compile.
translations: setup
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -o web/translations/messages.pot .
	$(BIN)/pybabel update -i web/translations/messages.pot -d web/translations
	$(BIN)/pybabel compile -d web/translations
