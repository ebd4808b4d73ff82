"""Every folder of tests below an import root is a package, so each test module has one dotted
name, the same for pytest (`--import-mode=importlib`) and mypy: `integration.test_alerts`,
`unit.models.test_alerts`, `specs.test_alerts`."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# On pytest's `pythonpath` and mypy's `mypy_path`: where imports start, so not packages
# themselves (a root's __init__.py would give each module a second name).
IMPORT_ROOTS = ("backend/tests", "e2e", "tools")


def _folders_with_python(root: Path) -> list[Path]:
    return sorted(
        {path.parent for path in root.rglob("*.py") if "__pycache__" not in path.parts} - {root}
    )


@pytest.mark.parametrize("root", IMPORT_ROOTS)
def test_every_folder_below_an_import_root_is_a_package(root: str) -> None:
    folders = _folders_with_python(ROOT / root)

    assert [str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").is_file()] == []


@pytest.mark.parametrize("root", IMPORT_ROOTS)
def test_an_import_root_is_not_a_package(root: str) -> None:
    assert (ROOT / root).is_dir()
    assert not (ROOT / root / "__init__.py").exists()
