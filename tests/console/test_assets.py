"""The console's static files: complete, self-contained, and served without a build step."""

import re
from pathlib import Path

from aura.console import INDEX_FILE, STATIC_DIR

ASSETS = sorted(p for p in STATIC_DIR.rglob("*") if p.suffix in {".html", ".js", ".css"})
IMPORT = re.compile(r"""(?:import|export)\s[^;]*?from\s+["']([^"']+)["']""", re.S)
REFERENCE = re.compile(r"""(?:src|href)=["']([^"'#]+)["']""")


def test_the_package_names_the_directory_the_gateway_serves() -> None:
    assert STATIC_DIR.is_dir()
    assert INDEX_FILE == STATIC_DIR / "index.html" and INDEX_FILE.is_file()
    assert {p.name for p in ASSETS} >= {"index.html", "app.js", "styles.css"}


def test_every_module_import_resolves_to_a_file_that_ships() -> None:
    for script in (p for p in ASSETS if p.suffix == ".js"):
        for target in IMPORT.findall(script.read_text(encoding="utf-8")):
            assert target.startswith("./"), f"{script.name} imports {target!r}: no bare imports"
            assert (script.parent / target).resolve().is_file(), f"{script.name}: {target}"


def test_the_page_references_only_files_that_ship() -> None:
    for target in REFERENCE.findall(INDEX_FILE.read_text(encoding="utf-8")):
        if target.startswith("data:"):
            continue
        assert target.startswith("/"), target
        assert (STATIC_DIR / target.lstrip("/")).is_file(), target


def test_nothing_is_fetched_from_the_internet() -> None:
    for asset in ASSETS:
        text = asset.read_text(encoding="utf-8")
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I), asset.name
        assert "@import" not in text, asset.name


def test_server_text_is_never_parsed_as_html() -> None:
    for script in (p for p in ASSETS if p.suffix == ".js"):
        text = script.read_text(encoding="utf-8")
        for sink in (".innerHTML", ".outerHTML", ".insertAdjacentHTML(", "document.write("):
            assert sink not in text, f"{script.name} uses {sink}"


def test_the_assets_are_package_data() -> None:
    # pyproject's package-data globs are what an installed (non-editable) Aura ships.
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    for suffix in {p.suffix for p in ASSETS}:
        assert f'"*{suffix}"' in pyproject, suffix
