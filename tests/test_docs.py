"""Every example of README.md and docs/api.md, run: the commands through click's runner in a
folder laid out as the README's (the seeds, their index), the servers as subprocesses, the
curl calls against them, the Python and the speakers.toml as written. An example that cannot
run here is listed in NOT_RUN with the reason, so that no new example goes untried."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotesearch.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ("README.md", "docs/api.md")
DEFAULT_BASE = "http://127.0.0.1:8000"
# Examples that are not run, by their first words, and why.
NOT_RUN = {
    "make run": "sets up the virtual environment these tests run in, then serves until Ctrl-C",
    "make test": "runs this test suite",
    "dask scheduler": "starts a Dask scheduler that runs until stopped",
    "dask worker": "needs a Dask scheduler at the address given",
}
# The README's placeholders, and what stands for them here.
PLACEHOLDERS = {
    "a-folder-of-your-articles/": "seeds/",
    "your-gold.jsonl": "tests/data/seeds_gold.jsonl",
}
# A French text for the Python example's `text`.
TEXT = "« Nous rouvrirons la piscine avant l'été », a promis mardi Julie Fontaine, la maire."

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Example:
    doc: str
    line: int
    language: str
    code: str

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}"


def examples() -> list[Example]:
    """The code blocks of the docs: one Example per shell command (continuation lines
    joined, comments dropped), one per block of Python or TOML. JSON blocks are answers."""
    found = []
    for doc in DOCS:
        lines = (ROOT / doc).read_text(encoding="utf-8").splitlines()
        n = 0
        while n < len(lines):
            fence = re.fullmatch(r"```(\w+)", lines[n].strip())
            n += 1
            if not fence:
                continue
            start, block = n, []
            while n < len(lines) and lines[n].strip() != "```":
                block.append(lines[n])
                n += 1
            n += 1
            language = fence.group(1)
            if language in ("python", "toml"):
                found.append(Example(doc, start + 1, language, "\n".join(block)))
            elif language == "sh":
                found += _commands(doc, start, block)
    return found


def _commands(doc: str, start: int, block: list[str]) -> list[Example]:
    commands, pending, first = [], "", 0
    for k, line in enumerate(block):
        if not pending:
            first = k
        pending += line.rstrip("\\").rstrip() + " " if line.endswith("\\") else line
        if line.endswith("\\"):
            continue
        words = " ".join(shlex.split(pending, comments=True))
        if words:
            commands.append(Example(doc, start + first + 1, "sh", pending.strip()))
        pending = ""
    return commands


def _words(example: Example) -> list[str]:
    words = shlex.split(example.code, comments=True)
    return [PLACEHOLDERS.get(word, word) for word in words]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out as the README expects: the seeds, the test data, an index of the
    seeds in index/, and a page to upload (article.html)."""
    folder = tmp_path_factory.mktemp("docs")
    (folder / "seeds").symlink_to(ROOT / "seeds")
    (folder / "tests").symlink_to(ROOT / "tests")
    (folder / "benchmarks").symlink_to(ROOT / "benchmarks")
    shutil.copy(ROOT / "tests" / "data" / "web" / "musees.html", folder / "article.html")
    result = CliRunner().invoke(main, ["index", "seeds/", "--index", str(folder / "index")])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def servers(workspace: Path, web_index: Path, tmp_path_factory: pytest.TempPathFactory):
    """The server each document's curl examples talk to: the README's over the seeds it
    indexes, docs/api.md's over the articles its answers show (tests/data/web)."""
    from conftest import serving

    log = tmp_path_factory.mktemp("docs-serve")
    with (
        serving(workspace / "index", log / "readme.txt", "--workers", "1") as readme,
        serving(web_index, log / "api.txt", "--workers", "1") as api,
    ):
        yield {"README.md": readme, "docs/api.md": api}


ALL = examples()


def test_the_docs_have_examples_of_every_kind() -> None:
    kinds = {(e.doc, e.language, _words(e)[0] if e.language == "sh" else "") for e in ALL}
    assert ("README.md", "sh", "quotesearch") in kinds
    assert ("README.md", "sh", "curl") in kinds
    assert ("README.md", "python", "") in kinds
    assert ("docs/api.md", "sh", "curl") in kinds


@pytest.mark.parametrize("example", ALL, ids=str)
def test_example(example: Example, workspace: Path, servers, monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(workspace)
    if example.language == "python":
        namespace = {"text": TEXT, "print": lambda *args: None}
        exec(compile(example.code, str(example), "exec"), namespace)
        return
    if example.language == "toml":
        from quotesearch.speakers.aliases import load_aliases

        rules = tmp_path / "speakers.toml"
        rules.write_text(example.code, encoding="utf-8")
        load_aliases(rules)
        return
    words = _words(example)
    head = " ".join(words[:2])
    if head in NOT_RUN:
        pytest.skip(NOT_RUN[head])
    if words[0] == "curl":
        _curl(words, servers[example.doc])
    elif words[0] == "quotesearch" and words[1] == "serve":
        _serve(words, workspace, tmp_path)
    elif words[0] == "quotesearch":
        _command(words[1:])
    elif words[0] == ".venv/bin/python":
        _python(words[1:], workspace)
    else:
        pytest.fail(f"{example}: no way to run « {example.code} »; add one or a NOT_RUN reason")


def _command(args: list[str]) -> None:
    # A cluster's address stands for one started elsewhere: the same command runs here in
    # local processes.
    if "--cluster" in args:
        at = args.index("--cluster")
        args = args[:at] + args[at + 2 :]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output.strip()


def _serve(words: list[str], workspace: Path, tmp_path: Path) -> None:
    """A serve example, on a free port of 127.0.0.1 with at most two processes and without
    loading the language model; it must answer its pages."""
    from conftest import serving

    args = words[2:]
    options = dict(zip(args[::2], args[1::2], strict=False))
    index = workspace / options.get("--index", "index")
    extra = ["--workers", str(min(int(options.get("--workers", 1)), 2)), "--no-load-model"]
    extra += [arg for arg in args if arg.startswith("--allow")]
    with serving(index, tmp_path / "stderr.txt", *extra) as base:
        answer = urllib.request.urlopen(base + "/api/search?q=Cor%C3%A9e", timeout=30)
        assert answer.status == 200
        answer.close()


def _curl(words: list[str], base: str) -> None:
    command = [w.replace(DEFAULT_BASE, base) for w in words]
    result = subprocess.run(
        [*command, "--silent", "--show-error", "--write-out", "\n%{http_code}"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    body, status = result.stdout.rsplit("\n", 1)
    assert status == "200", body
    answer = json.loads(body)
    assert "error" not in answer
    if "/api/search" in " ".join(words) or "/api/speakers" in " ".join(words):
        assert answer.get("hits") or answer.get("speakers"), body


def _python(args: list[str], workspace: Path) -> None:
    if args[0].startswith("benchmarks/"):
        # Each benchmark runs tiny in tests/test_benchmarks.py; here, that the command line the
        # README gives is one the script takes.
        args = [*args, "--help"]
    result = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=workspace,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip()
