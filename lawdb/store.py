"""The content-addressed store of original files: ``files/ab/cd/<sha256>.pdf``.

Every original that lawdb has seen, ingested or quarantined, is kept here
under the SHA-256 of its bytes, so the database and the index can always be
rebuilt from the originals, and a file cannot be stored twice. Writes are
atomic (a temporary file renamed into place), so a crash never leaves a
half-written original under a valid name.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

_SHA256 = re.compile(r"[0-9a-f]{64}")
CHUNK = 1024 * 1024


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
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
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
            os.replace(tmp, target)
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
