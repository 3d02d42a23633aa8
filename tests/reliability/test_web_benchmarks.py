"""The web benchmarks run end to end, briefly, with no failed request (the figures come from real runs).

Both drive a real ``lawdb serve`` over one small collection (four judgments
of ``bulk_lhc`` and PECA), built once for the module.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import serving  # noqa: E402

PECA = "pk_statutes/PECA_2016_as_amended_2023_2025.pdf"


@pytest.fixture(scope="module")
def collection(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("web-bench") / "data"
    corpus = shared_dir / "corpus"
    serving.prepare(data, [*sorted((corpus / "bulk_lhc").glob("*.pdf"))[:4], corpus / PECA],
                    log=lambda _msg: None)
    return data


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args],
                          capture_output=True, text=True, timeout=600)


def test_short_soak_has_no_errors(collection: Path, shared_dir: Path, tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    for name in ("2024LHC2433.pdf", "2024LHC3730.pdf"):  # not among the four served
        (uploads / name).symlink_to(shared_dir / "corpus" / "bulk_lhc" / name)
    figures = tmp_path / "soak.json"
    done = _run("soak.py", "--duration", "10", "--clients", "4", "--data-dir", str(collection),
                "--uploads", str(uploads), "--upload-every", "3", "--threads", "4", "--json", str(figures))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "soak PASS: 0 errors" in done.stdout
    result = json.loads(figures.read_text())
    assert result["errors"] == 0 and result["requests"] > 20
    assert set(result["kinds"]) >= {"search", "judgment", "api", "statute", "upload"}
    assert result["uploads"]["sent"] >= 2
    memory = result["memory_mb"]
    assert 10 < memory["start"] <= memory["peak"] and memory["end"] > 10


@pytest.mark.skipif(shutil.which("wrk") is None and not serving.os.environ.get("CI"),
                    reason="wrk is not installed (apt-get install wrk; CI installs it)")
def test_wrk_benchmark_measures_every_endpoint_and_the_static_reference(collection: Path,
                                                                      tmp_path: Path) -> None:
    figures = tmp_path / "web.json"
    done = _run("web.py", "--duration", "2", "--connections", "4", "--threads", "4",
                "--data-dir", str(collection), "--json", str(figures))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = json.loads(figures.read_text())["results"]
    assert set(results) == {"static (waitress)", "static (http.server)", "home", "search", "judgment",
                            "section", "api"}
    for name, figures_of in results.items():
        assert figures_of["requests"] > 0 and figures_of["errors"] == 0, name
    assert "vs static" in done.stdout
