"""docs/testing.md as a newcomer uses it. Its Python examples pass `make lint` as written: each
is saved as a file under the repository (so pyproject's ruff and mypy settings apply, those of
`**/tests/**` included) and checked with ruff check, ruff format and mypy. The error texts its
Troubleshooting section quotes are the ones the code really says. A failure names the line of
docs/testing.md.

An example that is deliberately a fragment follows a `<!-- fragment -->` line: ruff checks it,
mypy does not. Keep that rare: an example a reader can paste and run is worth more.
"""

import ast
import gc
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "testing.md"
FRAGMENT = "<!-- fragment -->"
_FENCE = re.compile(r"^```python\n(?P<code>.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Example:
    line: int  # of its first line of code in the markdown
    code: str
    fragment: bool

    @property
    def file_name(self) -> str:
        return f"example_line_{self.line}.py"


def examples(markdown: str) -> list[Example]:
    """The ```python blocks of `markdown` (fences at the start of a line), in order."""
    found = []
    for block in _FENCE.finditer(markdown):
        before = markdown[: block.start()].rstrip("\n").rpartition("\n")[2]
        found.append(
            Example(
                line=markdown.count("\n", 0, block.start("code")) + 1,
                code=block["code"],
                fragment=before.strip() == FRAGMENT,
            )
        )
    return found


@dataclass(frozen=True)
class SavedExamples:
    folder: Path
    by_file: dict[str, Example]

    def paths(self, *, fragments: bool = True) -> list[str]:
        return [
            str((self.folder / name).relative_to(ROOT))
            for name, example in self.by_file.items()
            if fragments or not example.fragment
        ]

    def in_doc(self, output: str) -> str:
        """Tool output with every `file:line` of an example turned into docs/testing.md's line,
        and a diff's hunks moved to where they are in the doc."""
        lines = []
        offset = 0
        for line in output.splitlines():
            if header := re.match(r"^(---|\+\+\+) \S*?(example_line_\d+\.py)", line):
                example = self.by_file[header[2]]
                offset = example.line - 1
                lines.append(f"{header[1]} {DOC.relative_to(ROOT)} (line {example.line})")
                continue
            if hunk := re.match(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", line):
                old, new = int(hunk[1]) + offset, int(hunk[3]) + offset
                rest = line[hunk.end() :]
                lines.append(f"@@ -{old}{hunk[2] or ''} +{new}{hunk[4] or ''} @@{rest}")
                continue
            lines.append(re.sub(r"\S*?(example_line_\d+\.py):(\d+)", self._doc_line, line))
        return "\n".join(lines)

    def _doc_line(self, match: re.Match[str]) -> str:
        return f"{DOC.relative_to(ROOT)}:{self.by_file[match[1]].line + int(match[2]) - 1}"


@pytest.fixture(scope="module")
def saved() -> Iterator[SavedExamples]:
    """The doc's examples as files in a folder of their own under reports/ (ignored by git),
    inside a `tests` folder so that the tests' per-file ruff settings apply to them."""
    (ROOT / "reports").mkdir(exist_ok=True)
    top = Path(tempfile.mkdtemp(prefix="docs_examples_", dir=ROOT / "reports"))
    folder = top / "tests"
    folder.mkdir()
    by_file = {example.file_name: example for example in examples(DOC.read_text())}
    for name, example in by_file.items():
        (folder / name).write_text(example.code)
    yield SavedExamples(folder, by_file)
    shutil.rmtree(top)


def _run(*command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - this environment's ruff and mypy, our arguments
        [sys.executable, "-m", *command],
        cwd=ROOT,
        env=None if env is None else {**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_doc_has_examples_and_few_fragments() -> None:
    found = examples(DOC.read_text())

    assert len(found) >= 5
    assert sum(example.fragment for example in found) <= 2, "an example a reader can run, please"


def test_examples_are_found_on_their_lines_with_their_fragment_marks() -> None:
    markdown = "\n".join(
        [
            "Intro",
            "```python",
            "import os",
            "```",
            "",
            FRAGMENT,
            "",
            "```python",
            "x = 1",
            "y = 2",
            "```",
            "```bash",
            "ls",
            "```",
        ]
    )

    assert examples(markdown) == [
        Example(line=3, code="import os\n", fragment=False),
        Example(line=9, code="x = 1\ny = 2\n", fragment=True),
    ]


def test_the_examples_pass_ruff_check(saved: SavedExamples) -> None:
    run = _run("ruff", "check", "--no-cache", "--output-format", "concise", *saved.paths())

    assert run.returncode == 0, saved.in_doc(run.stdout + run.stderr)


def test_the_examples_are_formatted_as_ruff_formats_them(saved: SavedExamples) -> None:
    run = _run("ruff", "format", "--no-cache", "--diff", *saved.paths())

    assert run.returncode == 0, saved.in_doc(run.stdout + run.stderr)


def test_the_examples_pass_mypy(saved: SavedExamples) -> None:
    # With their folder on MYPYPATH the examples are modules `example_line_<n>`, names that
    # recur, so mypy's cache keeps one entry for each instead of one per run's folder.
    run = _run("mypy", *saved.paths(fragments=False), env={"MYPYPATH": str(saved.folder)})

    assert run.returncode == 0, saved.in_doc(run.stdout + run.stderr)


# --- Troubleshooting: the quoted error texts ------------------------------------------------

# Where the messages come from that this repository does not write itself.
THIRD_PARTY_SOURCES = [
    ("asyncio", "base_events.py"),
    ("asyncio", "runners.py"),
    ("asyncio", "tasks.py"),
    ("asyncpg", "connection.py"),
    ("sqlalchemy", "exc.py"),
    ("sqlalchemy", "util/concurrency.py"),
    ("playwright", "sync_api/_context_manager.py"),
    ("pytest_timeout", ""),
]
OUR_SOURCES = ["backend/src", "backend/tests/testsupport", "devservices/src", "e2e/harness"]


def troubleshooting_quotes(markdown: str) -> list[tuple[int, str]]:
    """Each `code span` in bold in the Troubleshooting section (an error text), with its line."""
    quotes: list[tuple[int, str]] = []
    inside = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if line.startswith("## "):
            inside = line == "## Troubleshooting"
        elif inside:
            for bold in re.findall(r"\*\*(.+?)\*\*", line):
                quotes.extend((number, quote) for quote in re.findall(r"`([^`]+)`", bold))
    return quotes


def _texts(source: str) -> list[str]:
    """The source itself (names such as exception classes), and its string literals as Python
    joins them; an f-string's fields become U+0000, which an ellipsis in a quote may stand for."""
    texts = [source]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            texts.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            texts.append(
                "".join(
                    str(part.value) if isinstance(part, ast.Constant) else "\0"
                    for part in node.values
                )
            )
    return texts


def _third_party_file(package: str, path: str) -> Path:
    spec = importlib.util.find_spec(package)  # imports nothing of a top-level name
    assert spec is not None, package
    assert spec.origin is not None, package
    origin = Path(spec.origin)
    return origin.parent / path if path else origin


def _never_awaited() -> str:
    """CPython writes this one in C."""

    async def example() -> None:
        pass

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        coroutine = example()
        del coroutine
        gc.collect()
    return "\n".join(str(warning.message) for warning in caught)


def _scope_mismatch(folder: Path) -> str:
    """pytest's message, built from an f-string: made by a module-scoped fixture asking for a
    function-scoped one, in a pytest of its own (no plugins, no settings of this repository)."""
    ini, test = folder / "pytest.ini", folder / "test_scopes.py"
    ini.write_text("[pytest]\n")
    test.write_text(
        "import pytest\n\n"
        "@pytest.fixture\ndef db_session(): return 1\n\n"
        "@pytest.fixture(scope='module')\ndef wide(db_session): return db_session\n\n"
        "def test_it(wide): pass\n"
    )
    pytest_alone = ["pytest", "--disable-plugin-autoload", "-p", "no:cacheprovider", "-c", str(ini)]
    run = subprocess.run(  # noqa: S603 - this environment's pytest, our arguments
        [sys.executable, "-m", *pytest_alone, str(test)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return run.stdout


def test_the_troubleshooting_texts_are_the_ones_the_code_says(tmp_path: Path) -> None:
    files = [path for folder in OUR_SOURCES for path in (ROOT / folder).rglob("*.py")]
    files += [_third_party_file(package, path) for package, path in THIRD_PARTY_SOURCES]
    texts = [text for path in files for text in _texts(path.read_text())]
    texts += [_never_awaited(), _scope_mismatch(tmp_path)]

    quotes = troubleshooting_quotes(DOC.read_text())
    unknown = [
        f"{DOC.relative_to(ROOT)}:{line}: {quote!r}"
        for line, quote in quotes
        if not any(re.search(r".*?".join(map(re.escape, quote.split("…"))), t) for t in texts)
    ]

    assert len(quotes) >= 10
    assert unknown == [], "quoted, but no source says it (… stands for any text):\n" + "\n".join(
        unknown
    )
