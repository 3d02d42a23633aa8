"""Import manifests: known metadata for files, which wins over what extraction finds.

A manifest is CSV (a header row) or JSON (a list of objects, or an object
keyed by file name). Each entry names its file by ``file`` (also accepted:
``filename``, ``path``, ``name``) and may give ``kind``, ``title``, ``court``,
``date`` (ISO ``YYYY-MM-DD`` or ``DD.MM.YYYY``), ``citation``, ``language`` and
``password``. Entries match a file by relative path, then by base name.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lawdb.models import DocumentKind

FIELDS = ("kind", "title", "court", "date", "citation", "language", "password")
_NAME_KEYS = ("file", "filename", "path", "name")


class ManifestError(ValueError):
    """The manifest cannot be used; the message says where and why."""


def parse_date(value: str) -> date:
    """``2024-05-02``, ``02.05.2024``, ``02-05-2024`` or ``02/05/2024`` (day first)."""
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unrecognised date {value!r} (use YYYY-MM-DD)")


@dataclass
class Manifest:
    source: Path | None = None
    by_path: dict[str, dict[str, str]] = field(default_factory=dict)
    by_name: dict[str, dict[str, str]] = field(default_factory=dict)

    def lookup(self, path: Path) -> dict[str, str]:
        """The entry for ``path`` (empty when the manifest does not name it)."""
        posix = path.as_posix()
        for key, entry in self.by_path.items():
            if posix == key or posix.endswith("/" + key):
                return dict(entry)
        return dict(self.by_name.get(path.name, {}))

    def __len__(self) -> int:
        return max(len(self.by_path), len(self.by_name))


def _clean_entry(raw: dict[str, Any], where: str) -> tuple[str, dict[str, str]]:
    lowered = {str(k).strip().lower(): ("" if v is None else str(v).strip())
               for k, v in raw.items() if k is not None}
    name = next((lowered[k] for k in _NAME_KEYS if lowered.get(k)), "")
    if not name:
        raise ManifestError(f"{where}: no file name (a 'file' column)")
    entry = {k: lowered[k] for k in FIELDS if lowered.get(k)}
    if "kind" in entry:
        kind = entry["kind"].lower().replace(" ", "_").replace("-", "_")
        if kind not in {k.value for k in DocumentKind}:
            allowed = ", ".join(k.value for k in DocumentKind)
            raise ManifestError(f"{where}: kind {entry['kind']!r} is not one of {allowed}")
        entry["kind"] = kind
    if "date" in entry:
        try:
            entry["date"] = parse_date(entry["date"]).isoformat()
        except ValueError as exc:
            raise ManifestError(f"{where}: {exc}") from None
    name = name.replace("\\", "/")
    if name.startswith("./"):
        name = name[2:]
    return name, entry


def load_manifest(path: Path) -> Manifest:
    """Read a CSV or JSON manifest, checking every entry; raise ManifestError if unusable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc.strerror}") from None
    rows: list[tuple[str, dict[str, Any]]] = []
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ManifestError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
        if isinstance(data, dict):
            data = [{"file": k, **(v if isinstance(v, dict) else {})} for k, v in data.items()]
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ManifestError(f"{path}: expected a list of objects or an object of objects")
        rows = [(f"{path.name} entry {i + 1}", r) for i, r in enumerate(data)]
    else:
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames or not set(map(str.lower, reader.fieldnames)) & set(_NAME_KEYS):
            raise ManifestError(f"{path}: the CSV header needs a 'file' column")
        rows = [(f"{path.name} line {i + 2}", r) for i, r in enumerate(reader)]
    manifest = Manifest(source=path)
    for where, raw in rows:
        name, entry = _clean_entry(raw, where)
        manifest.by_path[name] = entry
        manifest.by_name.setdefault(Path(name).name, entry)
    return manifest
