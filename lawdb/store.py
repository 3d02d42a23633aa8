"""The content-addressed store of original files: ``files/ab/cd/<sha256>.pdf``.

Every original that lawdb has seen, ingested or quarantined, is kept here
under the SHA-256 of its bytes, so the database and the index can always be
rebuilt from the originals, and a file cannot be stored twice. Writes are
atomic (a temporary file renamed into place), so a crash never leaves a
half-written original under a valid name.

Beside each original lies a small JSON *sidecar*, ``ab/cd/<sha256>.json``:
the file's name, the manifest values it was imported with (never a
password), whether a password was given or needed, and when it was first
seen. The originals plus their sidecars are all ``lawdb rebuild`` needs to
recreate the collection.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lawdb.faults import crash_point

_SHA256 = re.compile(r"[0-9a-f]{64}")
CHUNK = 1024 * 1024
#: Prefix of the temporary files a write renames into place (a crash may leave one).
TEMP_PREFIX = ".incoming-"
SIDECAR_FORMAT = 1


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks (files may be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class FileStore:
    """Originals under ``root``, addressed by SHA-256."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def relative_path(self, sha256: str, suffix: str = ".pdf") -> str:
        """``ab/cd/<sha256>.pdf``: the path stored in ``SourceFile.stored_path``.

        Only a well-formed hex digest is accepted, so no caller can turn a
        crafted value into a path outside the store.
        """
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return f"{sha256[:2]}/{sha256[2:4]}/{sha256}{suffix}"

    def path_for(self, sha256: str, suffix: str = ".pdf") -> Path:
        return self.root / self.relative_path(sha256, suffix)

    def resolve(self, stored_path: str) -> Path:
        """Absolute path of a ``stored_path``, refusing anything that leaves the store."""
        candidate = (self.root / stored_path).resolve()
        root = self.root.resolve()
        if root not in candidate.parents:
            raise ValueError(f"path outside the file store: {stored_path!r}")
        return candidate

    def contains(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put(self, source: Path, sha256: str) -> str:
        """Copy ``source`` into the store (once) and return its relative path.

        The caller has computed ``sha256``; the copy is verified against it,
        so a file changing while it is read is caught, not stored wrongly.
        """
        relative = self.relative_path(sha256)
        target = self.root / relative
        if target.is_file() and target.stat().st_size == Path(source).stat().st_size:
            return relative
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX)
        try:
            digest = hashlib.sha256()
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                raise ValueError(f"{source} changed while being stored (SHA-256 differs)")
            crash_point("store.put.before_rename")
            os.replace(tmp, target)
            crash_point("store.put.after_rename")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return relative

    def verify(self, sha256: str) -> bool:
        """True when the stored original exists and still has its SHA-256."""
        path = self.path_for(sha256)
        return path.is_file() and sha256_file(path) == sha256

    def copy_out(self, sha256: str, dest: Path) -> None:
        shutil.copyfile(self.path_for(sha256), dest)

    # -- sidecars ----------------------------------------------------------------------------

    def sidecar_path(self, sha256: str) -> Path:
        return self.path_for(sha256, ".json")

    def read_sidecar(self, sha256: str) -> dict[str, Any] | None:
        """The sidecar of an original, or None when it has none (or it is unreadable)."""
        try:
            data = json.loads(self.sidecar_path(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def write_sidecar(self, sha256: str, **values: Any) -> dict[str, Any]:
        """Merge ``values`` into the original's sidecar (created if missing); return it.

        Written atomically (temporary file, fsync, rename). ``first_seen`` is
        kept from the first write. A ``password`` key is refused: passwords
        are never kept on disk.
        """
        if "password" in values or "password" in (values.get("manifest") or {}):
            raise ValueError("a sidecar never keeps a password")
        path = self.sidecar_path(sha256)
        data = self.read_sidecar(sha256) or {
            "format": SIDECAR_FORMAT, "sha256": sha256,
            "first_seen": datetime.now(UTC).isoformat(timespec="microseconds")}
        data.update(values)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, sort_keys=True, indent=1)
                out.flush()
                os.fsync(out.fileno())
            crash_point("store.sidecar.before_rename")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return data

    # -- listing -----------------------------------------------------------------------------

    def originals(self) -> Iterator[str]:
        """The SHA-256 of every original in the store (sorted by path, so stable)."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob("??/??/*.pdf")):
            if _SHA256.fullmatch(path.stem) and path.parent.parent.name == path.stem[:2]:
                yield path.stem

    def leftovers(self) -> list[Path]:
        """Temporary files left by writes that were killed before their rename."""
        if not self.root.is_dir():
            return []
        return sorted(self.root.glob(f"??/??/{TEMP_PREFIX}*"))
