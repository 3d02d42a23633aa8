"""The web app starts on both databases and reports its schema state."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from lawdb.models import Document, DocumentKind
from webui import create_app


def make_app(db_url: str, tmp_path: Path):
    return create_app({"TESTING": True, "LAWDB_DATA_DIR": str(tmp_path),
                       "LAWDB_DATABASE_URL": db_url})


def test_home_page_counts_documents(db_url: str, tmp_path: Path, session: Session) -> None:
    session.add_all([Document(kind=DocumentKind.JUDGMENT, title="A"),
                     Document(kind=DocumentKind.STATUTE, title="B"),
                     Document(kind=DocumentKind.JUDGMENT, title="C")])
    session.commit()
    client = make_app(db_url, tmp_path).test_client()
    page = client.get("/")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "3 documents" in body
    assert "<td>judgment</td><td>2</td>" in body
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_healthz_reports_schema(db_url: str, tmp_path: Path) -> None:
    client = make_app(db_url, tmp_path).test_client()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_healthz_fails_on_unmigrated_database(tmp_path: Path) -> None:
    client = make_app(f"sqlite:///{tmp_path / 'new.sqlite3'}", tmp_path).test_client()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "schema_behind"
