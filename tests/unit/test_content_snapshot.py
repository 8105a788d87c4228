"""The artifact's content snapshot: the very library the TOML loads, used only when it was made
from the files as they are; CONTENT_DIR and edited files are loaded from TOML as before."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reconnect.speech import content, content_snapshot

SOURCE = content.content_dir()


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of content/ to change."""
    return Path(shutil.copytree(SOURCE, tmp_path / "content"))


@pytest.fixture
def snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A snapshot of content/ where library() looks for one; library()'s cache cleared."""
    path = tmp_path / "_built" / "content.json"
    content_snapshot.write(content.load(SOURCE), SOURCE, path)
    monkeypatch.setattr(content, "SNAPSHOT", path)
    content.library.cache_clear()
    yield path
    content.library.cache_clear()


def test_the_snapshot_reads_back_as_the_library_the_toml_loads(snapshot: Path) -> None:
    """Equal in every field, with the same types (tuples, dicts), the shared parts shared."""
    saved = content_snapshot.read(snapshot, SOURCE)
    assert saved == content.load(SOURCE)
    assert saved is not None
    first, *others = saved.locales.values()
    assert all(o.steps is first.steps and o.ritual is first.ritual for o in others)
    assert isinstance(first.steps[0].questions, tuple)
    assert isinstance(first.phrasings("error_generic"), tuple)


def test_library_uses_a_matching_snapshot_without_reading_the_toml(
    snapshot: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No TOML is loaded when the snapshot matches the files."""

    def refuse(directory: Path) -> content.Library:
        raise AssertionError(f"loaded {directory} from TOML")

    monkeypatch.setattr(content, "load", refuse)
    assert content.library().for_locale("en-GB").locale == "en-GB"


def test_an_edited_file_is_loaded_from_toml_not_the_snapshot(
    snapshot: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CONTENT_DIR names other files (here, one line changed): they are loaded and checked."""
    program = copy / "program.toml"
    title = content.load(copy).for_locale("en-US").step(1).title
    program.write_text(program.read_text().replace(title, "A new first step", 1))
    monkeypatch.setenv("CONTENT_DIR", str(copy))
    assert content.library().for_locale("en-US").step(1).title == "A new first step"


def test_a_snapshot_of_other_content_or_format_is_not_used(snapshot: Path, copy: Path) -> None:
    """Another directory's hash, an unreadable file or an older format: no snapshot."""
    (copy / "locales" / "en-AU.toml").write_text(
        (copy / "locales" / "en-AU.toml").read_text() + "\n"
    )
    assert content_snapshot.read(snapshot, copy) is None
    assert content_snapshot.read(snapshot.with_name("absent.json"), SOURCE) is None
    snapshot.write_text(snapshot.read_text().replace('"format":1', '"format":0', 1))
    assert content_snapshot.read(snapshot, SOURCE) is None
