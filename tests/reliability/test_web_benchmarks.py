"""The soak benchmark runs end to end, briefly, with no failed request (the figures come from real runs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_short_soak_has_no_errors(shared_dir: Path, tmp_path: Path) -> None:
    corpus = shared_dir / "corpus"
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    for name in ("2024LHC2433.pdf", "2024LHC3730.pdf"):  # not among the four served
        (uploads / name).symlink_to(corpus / "bulk_lhc" / name)
    figures = tmp_path / "soak.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "soak.py"), "--duration", "10", "--clients", "4",
         "--limit", "4", "--statutes", str(corpus / "pk_statutes" / "PECA_2016_as_amended_2023_2025.pdf"),
         "--uploads", str(uploads), "--upload-every", "3", "--threads", "4", "--data-dir",
         str(tmp_path / "data"), "--json", str(figures)],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "soak PASS: 0 errors" in done.stdout
    result = json.loads(figures.read_text())
    assert result["errors"] == 0 and result["requests"] > 20
    assert set(result["kinds"]) >= {"search", "judgment", "api", "statute", "upload"}
    assert result["uploads"]["sent"] >= 2
    memory = result["memory_mb"]
    assert 10 < memory["start"] <= memory["peak"] and memory["end"] > 10
