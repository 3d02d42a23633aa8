"""Import manifests in CSV and JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.manifest import ManifestError, load_manifest


def test_csv_manifest_matches_by_relative_path_then_name(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        "file,kind,title,court,date,citation,language,password\n"
        "sub/a.pdf,judgment,A v. B,Lahore High Court,02.05.2024,2024 LHC 1,en,\n"
        "b.pdf,Amending Act,,,2023-01-31,,,secret\n",
        encoding="utf-8",
    )
    m = load_manifest(path)
    assert len(m) == 2
    assert m.lookup(Path("/data/sub/a.pdf"))["date"] == "2024-05-02"
    assert m.lookup(Path("/elsewhere/a.pdf"))["title"] == "A v. B"  # by name
    assert m.lookup(Path("x/b.pdf")) == {"kind": "amending_act", "date": "2023-01-31",
                                          "password": "secret"}
    assert m.lookup(Path("c.pdf")) == {}


def test_json_manifest_list_and_object_forms(tmp_path: Path) -> None:
    a = tmp_path / "a.json"
    a.write_text('[{"file": "x.pdf", "kind": "statute", "title": "T"}]')
    assert load_manifest(a).lookup(Path("x.pdf"))["kind"] == "statute"
    b = tmp_path / "b.json"
    b.write_text('{"y.pdf": {"citation": "PLD 2015 SC 396"}}')
    assert load_manifest(b).lookup(Path("y.pdf")) == {"citation": "PLD 2015 SC 396"}


@pytest.mark.parametrize(
    "content, message",
    [
        ("name\n", "no file name"),
        ("title,kind\nx,judgment\n", "needs a 'file' column"),
        ("file,kind\na.pdf,novel\n", "kind 'novel' is not one of"),
        ("file,date\na.pdf,yesterday\n", "line 2: unrecognised date"),
        ("[1, 2]", "expected a list of objects"),
        ("[{", "not valid JSON"),
    ],
)
def test_bad_manifests_say_where_and_why(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / ("m.json" if content.startswith("[") else "m.csv")
    path.write_text(content if content != "name\n" else "file,kind\n,judgment\n")
    with pytest.raises(ManifestError, match=message):
        load_manifest(path)
