"""The content-addressed store of originals."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from lawdb.store import FileStore, sha256_file


def test_put_is_content_addressed_atomic_and_idempotent(tmp_path: Path) -> None:
    src = tmp_path / "judgment.pdf"
    src.write_bytes(b"%PDF-1.4 fake body")
    sha = hashlib.sha256(src.read_bytes()).hexdigest()
    assert sha256_file(src) == sha
    store = FileStore(tmp_path / "files")
    rel = store.put(src, sha)
    assert rel == f"{sha[:2]}/{sha[2:4]}/{sha}.pdf"
    assert (tmp_path / "files" / rel).read_bytes() == src.read_bytes()
    assert store.put(src, sha) == rel  # a second put changes nothing
    assert store.verify(sha)
    assert not list((tmp_path / "files").rglob(".incoming-*"))


def test_put_refuses_a_file_whose_hash_is_wrong(tmp_path: Path) -> None:
    src = tmp_path / "a.pdf"
    src.write_bytes(b"one")
    store = FileStore(tmp_path / "files")
    with pytest.raises(ValueError, match="changed while being stored"):
        store.put(src, hashlib.sha256(b"two").hexdigest())
    assert not any(p.is_file() for p in (tmp_path / "files").rglob("*"))


def test_verify_detects_a_damaged_original(tmp_path: Path) -> None:
    src = tmp_path / "a.pdf"
    src.write_bytes(b"original")
    sha = sha256_file(src)
    store = FileStore(tmp_path / "files")
    store.put(src, sha)
    store.path_for(sha).write_bytes(b"tampered")
    assert not store.verify(sha)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "A" * 64, "abc", "0" * 63 + "/"])
def test_no_path_tricks(tmp_path: Path, bad: str) -> None:
    store = FileStore(tmp_path / "files")
    with pytest.raises(ValueError):
        store.path_for(bad)


def test_resolve_refuses_paths_outside_the_store(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    with pytest.raises(ValueError, match="outside"):
        store.resolve("../secret.txt")
    assert store.resolve("ab/cd/x.pdf") == (tmp_path / "files" / "ab/cd/x.pdf").resolve()
