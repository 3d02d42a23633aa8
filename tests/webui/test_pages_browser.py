"""The reading pages in a real browser (Debian's Chromium through Playwright) against a real server.

The samples are ingested by the real pipeline into the live server's
database; the test follows a citation from one judgment to another, a
statute reference to the section as in force on the decision date, changes
that date with the date picker, filters the sentences explorer and downloads
its CSV. No console errors (so no CSP violations) are allowed anywhere.
Screenshots are saved in the test's ``screenshots`` folder.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.webui.test_documents import PECA_2016_TEXT, PECA_2023_TEXT, ingest_samples, sample_ids

pytestmark = pytest.mark.browser


def shoot(page, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000


def test_read_a_judgment_follow_links_and_export_sentences(page, live_server, screenshot_dir: Path,
                                                            tmp_path: Path) -> None:
    ingest_samples(live_server.database_url, live_server.data_dir / "files")
    ids = sample_ids(live_server.app)
    base = live_server.url
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)

    # The Supreme Court's judgment, with its metadata and a working copy-citation button.
    page.goto(f"{base}/documents/{ids.sc}")
    assert page.locator("h1").inner_text() == "Kashif Mehmood v. The State"
    assert "(author of the judgment)" in page.locator("ul.bench").inner_text()
    copy = page.locator("button.copy")
    assert copy.is_visible()  # the script unhid it
    copy.click()
    assert page.locator(".copy-status").inner_text() == "Copied"
    assert page.evaluate("navigator.clipboard.readText()") == "2023 SCP 9001"
    assert page.locator(".cite.missing").count() >= 5
    shoot(page, screenshot_dir, "1-supreme-court-judgment")

    # A citation in its text leads to the cited High Court judgment, whose victim's name is masked.
    page.locator("a.cite", has_text="2022 LHC 9002").click()
    page.wait_for_url(f"{base}/documents/{ids.lhc}")
    assert page.locator(".seat").inner_text() == "Multan Bench"
    assert "ayesha" not in page.content().lower()
    assert page.locator("span.masked").count() >= 2
    assert page.locator("#p3").is_visible()
    shoot(page, screenshot_dir, "2-high-court-judgment")

    # A statute reference leads to the section as in force on the decision date...
    page.locator("a.statute-ref", has_text="section 22 of PECA").first.click()
    page.wait_for_url(f"{base}/statutes/{ids.peca}/section/22?as_at=2022-03-14")
    assert page.locator(".as-at-message").inner_text() == "As at 2022-03-14: in force on 2022-03-14."
    assert page.locator(".provision-text").inner_text() == PECA_2016_TEXT
    # ...and the date picker reads it on another date.
    page.fill("#as_at", "2024-01-15")
    page.locator("form.as-at button[type=submit]").click()
    page.wait_for_url(f"{base}/statutes/{ids.peca}/section/22?as_at=2024-01-15")
    assert page.locator(".provision-text").inner_text() == PECA_2023_TEXT
    assert page.locator("ul.citing li").count() == 2
    shoot(page, screenshot_dir, "3-section-as-at")

    # The sentences explorer, filtered, then its CSV export of exactly those rows.
    page.goto(f"{base}/sentences")
    assert page.locator("table.sentence-rows tbody tr").count() == 8
    assert page.locator("svg.chart.years rect.bar").count() == 2
    page.select_option("select[name=act]", "PPC")
    page.fill("input[name=section]", "292-B")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/sentences?act=PPC&section=292-B**")
    assert page.locator("table.sentence-rows tbody tr").count() == 4
    assert page.locator("strong.count").inner_text() == "4"
    shoot(page, screenshot_dir, "4-sentences-explorer")
    with page.expect_download() as download_info:
        page.locator("a.export-csv").click()
    download = download_info.value
    assert download.suggested_filename == "sentences.csv"
    saved = tmp_path / "sentences.csv"
    download.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert len(rows) == 4 and {r["section"] for r in rows} == {"292B"}
    assert "ayesha" not in saved.read_text(encoding="utf-8").lower()

    # A row leads to the page of the judgment that hands the sentence down.
    page.locator("table.sentence-rows a.page-link").first.click()
    page.wait_for_url(f"{base}/documents/*#p*")
    assert page.errors == []  # no console errors, so no CSP violations either
