"""A real browser (Debian's Chromium through Playwright) against a real server (waitress)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from lawdb.models import IngestJob, JobStatus
from lawdb.store import FileStore
from tests.webui.util import PASSWORD, sample

pytestmark = pytest.mark.browser


def test_log_in_upload_a_pdf_and_see_the_job(page, live_server, screenshot_dir: Path) -> None:
    live_server.add_user("amna")
    pdf = sample("lhc_criminal_appeal_2022.pdf")

    # Writing needs a login: the upload page sends the browser to the login form and back.
    page.goto(f"{live_server.url}/upload")
    assert page.url == f"{live_server.url}/login?next=/upload"
    page.fill("#username", "amna")
    page.fill("#password", "not the password")
    page.click("button[type=submit]")
    assert page.locator(".error").inner_text() == "Wrong username or password."
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/upload")
    assert page.locator("nav.account .who").inner_text() == "amna"

    page.set_input_files("#files", str(pdf))
    page.select_option("#kind", "judgment")
    page.fill("#court", "Lahore High Court")
    page.fill("#date", "2022-05-02")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"{live_server.url}/upload/jobs")

    row = page.locator("table.jobs tbody tr")
    assert row.count() == 1
    assert row.locator("td.name").inner_text() == pdf.name
    assert row.locator(".status").inner_text().lower() == "queued"
    assert "Queued 1 file" in page.locator(".flashes").inner_text()
    shot = screenshot_dir / "upload-jobs.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 1000
    assert page.errors == []  # no console errors, so no CSP violations either

    with live_server.sessions()() as session:
        job = session.scalars(select(IngestJob)).one()
        assert job.status == JobStatus.QUEUED and job.created_by.username == "amna"
        assert job.options == {"kind": "judgment", "court": "Lahore High Court", "date": "2022-05-02"}
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert FileStore(live_server.data_dir / "files").verify(sha)

    # Logging out ends write access.
    page.click("nav.account button")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/upload/jobs")
    assert page.url.startswith(f"{live_server.url}/login")


def test_browser_upload_of_html_named_pdf_is_refused(page, live_server, tmp_path: Path) -> None:
    live_server.add_user("amna")
    fake = tmp_path / "judgment.pdf"
    fake.write_text("<!DOCTYPE html><html><body>Not found</body></html>")
    page.goto(f"{live_server.url}/login")
    page.fill("#username", "amna")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/upload")
    page.set_input_files("#files", str(fake))
    page.click("form.stacked button[type=submit]")
    assert "judgment.pdf is not a PDF" in page.locator(".error").inner_text()
    with live_server.sessions()() as session:
        assert session.scalars(select(IngestJob)).all() == []
