"""Search in a real browser (Debian's Chromium through Playwright) against a real server (waitress).

The journey a lawyer and an editor take: search from the home page, narrow
by a facet, open a judgment at the page of a snippet, follow a citation to
the cited judgment and a statute reference to the section as in force on
the decision date, export sentences and search results as CSV and check
their rows, log in, upload a PDF (whose text and manifest title carry XSS
probes), run the ingest worker, and find the upload by searching. Then the
search and judgment pages on a 375-pixel phone screen and in print. No
console errors (so no CSP violations, which an injected script or handler
would cause) are allowed anywhere. Screenshots (and the printed PDFs) are
saved in the test's ``screenshots`` folder.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from fpdf import FPDF

from lawdb.store import FileStore
from tests.webui.test_documents import PECA_2016_TEXT, ingest_samples, sample_ids
from tests.webui.test_search_pages import index
from tests.webui.util import PASSWORD

pytestmark = pytest.mark.browser

UPLOAD_TITLE = '<img src=x onerror="window.__xss=1"> Bilal Ahmed v. The State'
UPLOAD_LINES = [
    "IN THE LAHORE HIGH COURT, LAHORE",
    "Criminal Appeal No. 4321 of 2024",
    "Bilal Ahmed versus The State",
    "JUDGMENT",
    "The appellant was arrested in a mulberry orchard near the canal. The learned counsel argued",
    "that the recovery was doubtful. <script>window.__xss = 2</script> was written on the seized",
    'phone, and so was <a href="javascript:window.__xss=3">a link</a>; neither is evidence of anything.',
    "For the reasons above the appeal is dismissed.",
]


def shoot(page, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000
    return path


def download_csv(page, link, folder: Path, name: str) -> list[dict[str, str]]:
    with page.expect_download() as info:
        link.click()
    saved = folder / name
    info.value.save_as(saved)
    return list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))


def make_upload_pdf(path: Path) -> Path:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in UPLOAD_LINES:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def run_worker(live_server) -> None:
    from ingest.pipeline import IngestOptions
    from ingest.worker import process_one

    settings = live_server.app.config["LAWDB_SETTINGS"]
    store = FileStore(settings.files_dir)
    assert process_one(live_server.sessions(), store, "browser-test", IngestOptions(workers=1, ocr=False),
                       settings)


def test_search_read_follow_export_upload_and_find(page, live_server, screenshot_dir: Path,
                                                   tmp_path: Path) -> None:
    ingest_samples(live_server.database_url, live_server.data_dir / "files")
    index(live_server.app)
    ids = sample_ids(live_server.app)
    base = live_server.url

    # Search from the home page's box; the query stays in the URL.
    page.goto(f"{base}/")
    page.fill("#q", "obscene")
    page.locator("form.search button[type=submit]").click()
    page.wait_for_url(f"{base}/search?q=obscene")
    assert re.fullmatch(r"2 results in \d+ ms", page.locator("p.summary").inner_text().strip())
    assert page.locator("li.hit").count() == 2
    assert page.locator("li.hit span.snippet mark").count() >= 2
    assert page.locator("details.query-help").get_attribute("open") is None
    page.locator("details.query-help summary").click()  # the query language, one click away
    assert page.locator("details.query-help table").is_visible()
    shoot(page, screenshot_dir, "1-search-results")

    # A facet narrows the results: the Supreme Court's judgment only.
    page.locator("section.facet-court a", has_text="Supreme Court of Pakistan").click()
    page.wait_for_url(f"{base}/search?q=obscene&court=Supreme+Court+of+Pakistan")
    assert page.locator("li.hit").count() == 1
    assert page.locator("ul.active-filters").inner_text().startswith("Court: Supreme Court of Pakistan")
    shoot(page, screenshot_dir, "2-search-facet")

    # A snippet opens the judgment at its page.
    snippet = page.locator("li.hit a.snippet-page").first
    number = snippet.inner_text().removeprefix("p. ")
    snippet.click()
    page.wait_for_url(f"{base}/documents/{ids.sc}#p{number}")
    assert page.locator("h1").inner_text() == "Kashif Mehmood v. The State"
    similar = page.locator("ul.similar")
    assert similar.locator(f'a[href="/documents/{ids.lhc}"]').count() == 1
    shoot(page, screenshot_dir, "3-judgment")

    # A citation in its text leads to the cited judgment...
    page.locator("a.cite", has_text="2022 LHC 9002").click()
    page.wait_for_url(f"{base}/documents/{ids.lhc}")
    assert page.locator(".seat").inner_text() == "Multan Bench"
    assert "ayesha" not in page.content().lower()
    # ...and a statute reference to the section as in force on the decision date.
    page.locator("a.statute-ref", has_text="section 22 of PECA").first.click()
    page.wait_for_url(f"{base}/statutes/{ids.peca}/section/22?as_at=2022-03-14")
    assert page.locator(".provision-text").inner_text() == PECA_2016_TEXT
    shoot(page, screenshot_dir, "4-section-as-at")

    # The sentences explorer's CSV holds exactly the filtered rows.
    page.locator("header.site nav.main a", has_text="Sentences").click()
    page.wait_for_url(f"{base}/sentences")
    page.select_option("select[name=act]", "PPC")
    page.fill("input[name=section]", "292-B")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/sentences?act=PPC&section=292-B**")
    rows = download_csv(page, page.locator("a.export-csv"), tmp_path, "sentences.csv")
    assert len(rows) == 4 and {r["section"] for r in rows} == {"292B"}
    assert {int(r["document_id"]) for r in rows} == {ids.lhc, ids.sc}
    assert "ayesha" not in (tmp_path / "sentences.csv").read_text(encoding="utf-8").lower()

    # The search results' CSV holds the current search, in its order.
    page.locator("header.site nav.main a", has_text="Search").click()
    page.fill("#q", "PECA")
    page.locator("form.search button[type=submit]").click()
    page.locator("nav.sort a", has_text="newest first").click()
    page.wait_for_url(f"{base}/search?q=PECA&sort=date")
    rows = download_csv(page, page.locator("a.export-csv"), tmp_path, "search-results.csv")
    assert [int(r["id"]) for r in rows] == [ids.sc, ids.lhc, ids.act_doc]
    assert rows[1]["citations"] == "2022 LHC 9002"

    # An editor logs in and uploads a judgment whose text and title carry XSS probes.
    live_server.add_user("amna")
    page.locator("nav.account a", has_text="Log in").click()
    page.fill("#username", "amna")
    page.fill("#password", PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/upload")
    page.set_input_files("#files", str(make_upload_pdf(tmp_path / "bilal.pdf")))
    page.select_option("#kind", "judgment")
    page.fill("#title", UPLOAD_TITLE)
    page.fill("#court", "Lahore High Court")
    page.fill("#date", "2024-06-03")
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(f"{base}/upload/jobs")
    assert page.locator("table.jobs .status").inner_text().lower() == "queued"

    # The ingest worker takes the job; the upload is searchable at once.
    run_worker(live_server)
    page.reload()
    assert page.locator("table.jobs .status").inner_text().lower() == "done"
    page.locator("header.site nav.main a", has_text="Search").click()
    page.fill("#q", "mulberry orchard")
    page.locator("form.search button[type=submit]").click()
    page.wait_for_url(f"{base}/search?q=mulberry+orchard")
    hit = page.locator("li.hit")
    assert hit.count() == 1
    assert hit.locator("h2 a").inner_text() == UPLOAD_TITLE  # the probe, shown as text
    assert "Lahore High Court" in hit.locator(".hit-meta").inner_text()
    assert "<script>window.__xss = 2</script>" in hit.locator("span.snippet").inner_text()
    shoot(page, screenshot_dir, "5-uploaded-and-found")
    hit.locator("h2 a").click()
    assert page.locator("h1").inner_text() == UPLOAD_TITLE
    assert "<script>window.__xss = 2</script>" in page.locator(".page-text").first.inner_text()
    assert page.evaluate("window.__xss") is None  # nothing the probes carry ran
    assert page.errors == []  # no console errors, so no CSP violations either


def test_search_and_judgment_pages_on_a_phone_and_in_print(browser, live_server,
                                                            screenshot_dir: Path) -> None:
    ingest_samples(live_server.database_url, live_server.data_dir / "files")
    index(live_server.app)
    ids = sample_ids(live_server.app)
    base = live_server.url
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        for name, path in [("search", "/search?q=obscene"), ("judgment", f"/documents/{ids.lhc}"),
                           ("help", "/search/help"), ("home", "/")]:
            page.goto(base + path)
            # Nothing is wider than the screen: no sideways scrolling, nothing cut off.
            width, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert (width, screen) == (375, 375), name
            shoot(page, screenshot_dir, f"phone-{name}")
        # On the judgment page the sentences are cards, one label a line.
        page.goto(f"{base}/documents/{ids.lhc}")
        assert page.locator("table.sentences thead").bounding_box()["width"] <= 1
        assert page.locator('table.sentences td[data-label="Term"]').first.bounding_box()["width"] < 375
        # On the search page the results come before the filters, with a link down to them.
        page.goto(f"{base}/search?q=obscene")
        results = page.locator("ol.results").bounding_box()
        facets = page.locator("aside.facets").bounding_box()
        assert results["y"] < facets["y"]
        assert page.locator("a.to-facets").is_visible()

        # Print: the content, without navigation, forms, filters or buttons.
        page.emulate_media(media="print")
        for name, path in [("search", "/search?q=obscene"), ("judgment", f"/documents/{ids.lhc}")]:
            page.goto(base + path)
            for hidden in ("header.site nav.main", "footer.site", "form.search", "aside.facets",
                           ".result-tools", "nav.pager", "button.copy"):
                for element in page.locator(hidden).all():
                    assert not element.is_visible(), (name, hidden)
            assert page.locator("h1").is_visible()
            shoot(page, screenshot_dir, f"print-{name}")
        assert page.locator(".page-text").first.is_visible()
    finally:
        context.close()
    # The judgment printed on A4 by the browser itself.
    printer = browser.new_page()
    printer.goto(f"{base}/documents/{ids.lhc}")
    pdf = screenshot_dir / "print-judgment.pdf"
    printer.pdf(path=str(pdf), format="A4")
    printer.close()
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    assert errors == []
