"""Document pages on SQLite and PostgreSQL, with the fictional samples ingested by the real pipeline.

The fixtures here (``samples_app`` and the session-wide ingested templates
behind it) are shared with the other reading-side test modules, which import
them: the samples are ingested once per database kind and copied per test.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ingest.manifest import load_manifest
from ingest.pipeline import IngestOptions, ingest_paths
from lawdb.config import sqlite_url
from lawdb.db import make_engine, make_session_factory
from lawdb.models import (
    Citation,
    CitationMention,
    Document,
    DocumentKind,
    IndexOutbox,
    MaskedName,
    Page,
    Provision,
    ProvisionKind,
    ProvisionVersion,
    Statute,
    StatuteAlias,
    StatuteKind,
)
from lawdb.services.statutes import resolve_statute_references
from lawdb.store import FileStore
from tests.paths import SAMPLES
from tests.webui.conftest import add_user, make_app
from tests.webui.util import PASSWORD, csrf_from, login
from webui.documents import Link, Masks, render_text, statute_reference_links, term_text

PECA_2016_TEXT = ("22. Child pornography.-(1) Whoever produces child pornography shall be punished "
                  "with imprisonment of up to seven years (test stub: the 2016 text).")
PECA_2023_TEXT = ("22. Child pornography.-(1) Whoever produces child pornography shall be punished "
                  "with imprisonment of up to fourteen years (test stub: the text after 2023).")


# --- fixtures: the samples, ingested once per database kind ------------------------------------

def add_peca_stub(session: Session) -> None:
    """A two-version PECA section 22 (a stub written for these tests), so the samples' references resolve."""
    statute = Statute(title="The Prevention of Electronic Crimes Act, 2016",
                      short_title="Prevention of Electronic Crimes Act, 2016", kind=StatuteKind.ACT,
                      year=2016, act_number="XL of 2016", jurisdiction="PK", enacted_date=date(2016, 8, 22))
    statute.aliases = [StatuteAlias(alias="PECA", alias_key="PECA")]
    section = Provision(kind=ProvisionKind.SECTION, label="22", number_key="22", path="s22",
                        heading="Child pornography", position=1)
    section.versions = [
        ProvisionVersion(text=PECA_2016_TEXT, valid_from=date(2016, 8, 22), valid_to=date(2023, 1, 1)),
        ProvisionVersion(text=PECA_2023_TEXT, valid_from=date(2023, 1, 1)),
    ]
    statute.provisions = [section]
    session.add(statute)
    session.flush()
    assert resolve_statute_references(session) > 0


def ingest_samples(url: str, files_dir: Path) -> None:
    engine = make_engine(url)
    try:
        factory = make_session_factory(engine)
        options = IngestOptions(workers=1, manifest=load_manifest(SAMPLES / "manifest.csv"))
        result = ingest_paths(factory, FileStore(files_dir), [SAMPLES], options)
        assert result.count("ingested") == 4, [(f.path, f.status, f.message) for f in result.files]
        with factory() as session:
            add_peca_stub(session)
            session.commit()
        if url.startswith("sqlite"):
            with engine.connect() as conn:  # fold the WAL into the file before copying it
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def samples_sqlite(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("samples-sqlite")
    db = root / "lawdb.sqlite3"
    shutil.copyfile(sqlite_template, db)
    ingest_samples(sqlite_url(db), root / "files")
    return db, root / "files"


@pytest.fixture(scope="session")
def samples_pg(postgres_server, pg_template: str,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("samples-pg")
    name = postgres_server.create_database(template=pg_template)
    ingest_samples(postgres_server.url_for(name), root / "files")
    yield name, root / "files"
    postgres_server.drop_database(name)


@pytest.fixture
def samples_app(db_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Flask]:
    """The app over a fresh copy of the ingested samples (and their stored originals)."""
    data = tmp_path / "data"
    data.mkdir()
    if db_kind == "sqlite":
        db, files = request.getfixturevalue("samples_sqlite")
        shutil.copyfile(db, data / "lawdb.sqlite3")
        url = sqlite_url(data / "lawdb.sqlite3")
        drop = None
    else:
        server = request.getfixturevalue("postgres_server")
        template, files = request.getfixturevalue("samples_pg")
        name = server.create_database(template=template)
        url = server.url_for(name)
        drop = (server, name)
    shutil.copytree(files, data / "files")
    app = make_app(url, data)
    yield app
    app.extensions["lawdb_engine"].dispose()
    if drop is not None:
        drop[0].drop_database(drop[1])


def sample_ids(app: Flask) -> SimpleNamespace:
    """Ids of the samples: ``lhc``, ``sc`` (judgments), ``act`` and ``peca`` (statutes), ``act_doc``..."""
    with app.extensions["lawdb_sessions"]() as s:
        by_citation = dict(s.execute(select(Citation.normalized, Citation.document_id)).all())
        statutes = dict(s.execute(select(Statute.short_title, Statute.id)).all())
        act = s.scalars(select(Statute).where(Statute.short_title.like("%Fictional Sample%"))).one()
        amending = s.scalar(select(Document.id).where(Document.kind == DocumentKind.AMENDING_ACT))
        return SimpleNamespace(lhc=by_citation["2022 LHC 9002"], sc=by_citation["2023 SCP 9001"],
                               act=act.id, act_doc=act.document_id, amending=amending,
                               peca=statutes["Prevention of Electronic Crimes Act, 2016"])


def text_of(response) -> str:
    return response.get_data(as_text=True)


def visible(html: str) -> str:
    """The page's text without tags (what a reader sees), for checks on wording."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- the judgment page -------------------------------------------------------------------------

def test_judgment_page_shows_metadata_sentences_and_text(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    response = samples_app.test_client().get(f"/documents/{ids.lhc}")
    assert response.status_code == 200
    html = text_of(response)
    seen = visible(html)
    assert "<title>Kashif Mehmood v. The State · lawdb</title>" in html
    assert '<dd class="court">Lahore High Court</dd>' in html
    assert '<dd class="seat">Multan Bench</dd>' in html
    assert re.search(r"Nauman Aslam Khokhar <span class=\"author\">\(author of the judgment\)</span>", html)
    assert "Criminal Appeal No. 1234 of 2020" in seen
    assert "Kashif Mehmood (appellant)" in seen and "The State (state)" in seen
    assert "Heard 2022-03-08" in seen and "Decided 2022-03-14" in seen
    assert "partly allowed" in seen
    assert '<button type="button" class="copy" data-copy="2022 LHC 9002" hidden>' in html
    # Sentences: stage, section, punishment, term in years, fine, page link.
    start = html.index('class="data sentences stack"')
    table = html[start:html.index("</table>", start)]
    assert table.count("<tr>") == 5  # header and four sentences
    assert "7 years" in table and "5 years" in table and "14 years" in table
    assert "Rs. 500,000" in table and "Rs. 1,000,000" in table
    assert '<a href="#p3">p. 3</a>' in table
    # The text, page by page, with anchors and printed labels.
    for n in range(1, 5):
        assert f'id="p{n}"' in html
    assert "Page 3</a>" in html
    # Unresolved citations are marked, not linked.
    assert re.search(r'<span class="cite missing"[^>]*>2019 SCMR 9123</span><span class="nic"> '
                     r"\(not in collection\)</span>", html)
    # Cited by: the Supreme Court judgment, once.
    cited = html[html.index('class="cited-by"'):]
    assert f'href="/documents/{ids.sc}"' in cited
    assert '<span class="count">1</span> mention' in cited


def test_citation_in_text_links_to_the_cited_judgment(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    html = text_of(samples_app.test_client().get(f"/documents/{ids.sc}"))
    link = re.search(r'<a class="cite" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert link is not None
    assert link.groups() == (f"/documents/{ids.lhc}", "2022 LHC 9002")
    assert "PLD 2015 Supreme Court 9396</span><span class=\"nic\"> (not in collection)" in html
    # The SC judgment names no victim: nothing to mask, and the original is public.
    assert "masking-note" not in html
    assert f'href="/documents/{ids.sc}/original#page=2"' in html


def test_statute_references_link_to_the_section_as_in_force_on_the_decision_date(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    client = samples_app.test_client()
    html = text_of(client.get(f"/documents/{ids.lhc}"))
    href = f"/statutes/{ids.peca}/section/22?as_at=2022-03-14"
    links = re.findall(r'<a class="statute-ref" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert (href, "section 22 of PECA") in links
    # References the collection cannot resolve (PPC is not in it) stay plain text.
    assert "section 292-B PPC" in html and not any("292" in text for _, text in links)
    section = text_of(client.get(href))
    assert PECA_2016_TEXT in section and PECA_2023_TEXT not in section
    # The Supreme Court decided after 2023: its links ask for the later text.
    sc_links = re.findall(r'<a class="statute-ref" href="([^"]+)"',
                          text_of(client.get(f"/documents/{ids.sc}")))
    assert f"/statutes/{ids.peca}/section/22?as_at=2023-09-26" in sc_links
    assert PECA_2023_TEXT in text_of(client.get(sc_links[0]))


def test_victim_name_is_masked_everywhere_on_the_page(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    html = text_of(samples_app.test_client().get(f"/documents/{ids.lhc}"))
    assert "ayesha" not in html.lower()
    assert html.count('<span class="masked" title="name masked">[victim]</span>') == 2
    # The original PDF names her: it is withheld from the public.
    assert f"/documents/{ids.lhc}/original" not in html
    assert "withheld" in html
    # Masks come from the database: with the name as a masked name of the title too, the title is masked.
    with samples_app.extensions["lawdb_sessions"]() as s:
        s.add(MaskedName(document_id=ids.lhc, name="Kashif Mehmood"))
        s.commit()
    html = text_of(samples_app.test_client().get(f"/documents/{ids.lhc}"))
    # Masks belong to a document: the citing judgment's own title (in "Cited by") is its own business.
    own = html[:html.index('id="citedby-heading"')] + html[html.index('id="text-heading"'):]
    assert "Kashif" not in own
    assert "<title>[victim] v. The State · lawdb</title>" in html


def test_unknown_document_is_a_404_page(samples_app: Flask) -> None:
    client = samples_app.test_client()
    response = client.get("/documents/987654")
    assert response.status_code == 404
    assert "text/html" in response.content_type
    assert "There is no document 987654 in the collection." in text_of(response)
    assert client.get("/documents/not-a-number").status_code == 404


def test_non_judgment_documents_show_their_text(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    client = samples_app.test_client()
    html = text_of(client.get(f"/documents/{ids.act_doc}"))
    assert "About this document" in html and "Cited by" not in html
    assert f'href="/statutes/{ids.act}"' in html
    assert "Removal of harmful material" in html
    assert html.count('class="page"') == 5
    amending = client.get(f"/documents/{ids.amending}")
    assert amending.status_code == 200 and "Amendment" in text_of(amending)


def test_document_list_and_its_filters(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    client = samples_app.test_client()
    html = text_of(client.get("/documents"))
    assert "5 documents." not in html and "4 documents." in html
    judgments = text_of(client.get("/documents?kind=judgment"))
    assert "2 documents." in judgments and f'href="/documents/{ids.act_doc}"' not in judgments
    assert "1 document." in text_of(client.get("/documents?kind=judgment&year=2022"))
    assert "1 document." in text_of(client.get("/documents?court=LHC"))
    bad = client.get("/documents?year=<script>alert(1)</script>")
    assert bad.status_code == 400
    assert "<script>alert(1)" not in text_of(bad)
    assert "year must be a whole number, not &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;." in text_of(bad)


# --- the original PDF --------------------------------------------------------------------------

def test_original_pdf_download(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    client = samples_app.test_client()
    response = client.get(f"/documents/{ids.sc}/original")
    assert response.status_code == 200
    assert response.content_type == "application/pdf"
    assert response.headers["Content-Disposition"] == 'inline; filename=sc_criminal_appeal_2023.pdf'
    assert response.data == (SAMPLES / "sc_criminal_appeal_2023.pdf").read_bytes()
    # The LHC original names the victim: refused to the public, given to a logged-in user.
    refused = client.get(f"/documents/{ids.lhc}/original")
    assert refused.status_code == 403 and refused.data[:5] != b"%PDF-"
    add_user(samples_app, "amna")
    assert login(client, "amna", PASSWORD).status_code == 302
    given = client.get(f"/documents/{ids.lhc}/original")
    assert given.status_code == 200
    assert hashlib.sha256(given.data).hexdigest() == hashlib.sha256(
        (SAMPLES / "lhc_criminal_appeal_2022.pdf").read_bytes()).hexdigest()
    assert given.headers["Cache-Control"] == "private, no-store"
    assert client.get("/documents/987654/original").status_code == 404


@pytest.mark.parametrize("path", [
    "/documents/..%2f..%2f..%2fetc%2fpasswd/original",
    "/documents/%2e%2e/original",
    "/documents/1/original/../../../../etc/passwd",
    "/documents/-1/original",
    "/documents/1.0/original",
])
def test_original_takes_only_an_id(samples_app: Flask, path: str) -> None:
    response = samples_app.test_client().get(path)
    assert response.status_code == 404
    assert b"root:" not in response.data


@pytest.mark.parametrize("stored", ["../../../../../../etc/passwd", "/etc/passwd", "ab/../../../../x.pdf"])
def test_original_refuses_a_stored_path_that_leaves_the_store(samples_app: Flask, stored: str) -> None:
    ids = sample_ids(samples_app)
    with samples_app.extensions["lawdb_sessions"]() as s:
        s.get(Document, ids.sc).source_file.stored_path = stored
        s.commit()
    response = samples_app.test_client().get(f"/documents/{ids.sc}/original")
    assert response.status_code == 404
    assert b"root:" not in response.data


# --- the administrator's masking switch ------------------------------------------------------

def test_admin_switches_masking_off_and_on(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    add_user(samples_app, "root", is_admin=True)
    client = samples_app.test_client()
    assert login(client, "root", PASSWORD).status_code == 302
    page = text_of(client.get(f"/documents/{ids.lhc}"))
    assert "Switch masking off" in page and "names masked in this document: Ayesha Bibi" in page
    token = csrf_from(page)
    url = f"/documents/{ids.lhc}/masking"

    assert client.post(url, data={"masking": "off"}).status_code == 400  # no CSRF token
    assert client.post(url, data={"masking": "maybe", "csrf_token": token}).status_code == 400
    with samples_app.extensions["lawdb_sessions"]() as s:
        version = s.get(Document, ids.lhc).version
        assert s.scalar(select(func.count()).select_from(IndexOutbox)) > 0  # the ingest's, not yet applied

    response = client.post(url, data={"masking": "off", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == f"/documents/{ids.lhc}"
    with samples_app.extensions["lawdb_sessions"]() as s:
        doc = s.get(Document, ids.lhc)
        assert doc.masking_enabled is False and doc.version == version + 1
        # The switch's index work (and any left queued) is applied at once: search follows it.
        assert s.scalar(select(func.count()).select_from(IndexOutbox)) == 0
    public = samples_app.test_client()
    assert "Ayesha Bibi" in text_of(public.get(f"/documents/{ids.lhc}"))
    assert public.get(f"/documents/{ids.lhc}/original").status_code == 200
    found = public.get("/api/v1/search?q=Ayesha").get_json()
    assert [hit["id"] for hit in found["results"]] == [ids.lhc]
    assert "Ayesha" in found["results"][0]["snippets"][0]["html"]

    assert client.post(url, data={"masking": "on", "csrf_token": token}).status_code == 302
    assert "Ayesha" not in text_of(public.get(f"/documents/{ids.lhc}"))
    assert public.get("/api/v1/search?q=Ayesha").get_json()["total"] == 0
    assert "Ayesha" not in text_of(public.get("/search?q=obscene"))


def test_only_an_admin_may_switch_masking(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    url = f"/documents/{ids.lhc}/masking"
    anonymous = samples_app.test_client()
    token = csrf_from(text_of(anonymous.get("/login")))
    response = anonymous.post(url, data={"masking": "off", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    add_user(samples_app, "amna")
    editor = samples_app.test_client()
    login(editor, "amna", PASSWORD)
    page = text_of(editor.get(f"/documents/{ids.lhc}"))
    assert "Switch masking" not in page and "Ayesha Bibi" not in page
    refused = editor.post(url, data={"masking": "off", "csrf_token": csrf_from(page)})
    assert refused.status_code == 403
    with samples_app.extensions["lawdb_sessions"]() as s:
        assert s.get(Document, ids.lhc).masking_enabled is True


# --- hostile text ----------------------------------------------------------------------------

def test_document_text_is_escaped(samples_app: Flask) -> None:
    text = ('Intro <script>alert("x")</script> relied on 2022 LHC 9002 and '
            '<img src=x onerror=alert(1)> "quoted" & done. Zainab Noor</a><b>')
    with samples_app.extensions["lawdb_sessions"]() as s:
        target = sample_ids(samples_app).lhc
        doc = Document(kind=DocumentKind.OTHER, title='<script>alert("title")</script>', full_text=text,
                       page_count=1, pages=[Page(number=1, label='<i>1</i>', text=text)])
        s.add(doc)
        s.flush()
        start = text.index("2022 LHC 9002")
        s.add(CitationMention(citing_document_id=doc.id, page_number=1, span_start=start,
                              span_end=start + len("2022 LHC 9002"), raw="2022 LHC 9002",
                              normalized="2022 LHC 9002", target_document_id=target))
        s.add(MaskedName(document_id=doc.id, name="Zainab Noor"))
        s.commit()
        doc_id = doc.id
    html = text_of(samples_app.test_client().get(f"/documents/{doc_id}"))
    assert "<script>alert" not in html and "<img src=x" not in html and "<i>1</i>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; &#34;quoted&#34; &amp; done." in html
    assert (f'<a class="cite" href="/documents/{target}" title="Kashif Mehmood v. The State">'
            "2022 LHC 9002</a>") in html
    assert "Zainab" not in html and '[victim]</span>&lt;/a&gt;&lt;b&gt;' in html
    assert "<title>&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; · lawdb</title>" in html


# --- the text renderer, table-driven ----------------------------------------------------------

MASKS = Masks({"[victim]": ["Ayesha Bibi"]})


@pytest.mark.parametrize(("text", "links", "masks", "expected"), [
    ("plain <b>", [], Masks(), "plain &lt;b&gt;"),
    ("see 2022 LHC 9002.", [Link(4, 17, "/documents/2", "cite")], Masks(),
     'see <a class="cite" href="/documents/2">2022 LHC 9002</a>.'),
    ("x PLD 2010 Lah. 9055 y", [Link(2, 20, None, "cite missing", None, " (not in collection)")], Masks(),
     'x <span class="cite missing">PLD 2010 Lah. 9055</span><span class="nic"> (not in collection)</span> y'),
    ("Ayesha Bibi said", [], MASKS, '<span class="masked" title="name masked">[victim]</span> said'),
    ("AYESHA\nBIBI and ayesha", [], MASKS,
     '<span class="masked" title="name masked">[victim]</span> and '
     '<span class="masked" title="name masked">[victim]</span>'),
    # A mask straddling a link is replaced once, where it starts; the link keeps the rest.
    ("Ayesha Bibi 2020", [Link(7, 16, "/d", "cite")], MASKS,
     '<span class="masked" title="name masked">[victim]</span><a class="cite" href="/d"> 2020</a>'),
    ("a 2019 SCMR 1 b", [Link(2, 13, "/x", "cite"), Link(7, 15, "/y", "cite"), Link(40, 50, "/z", "c")],
     Masks(), 'a <a class="cite" href="/x">2019 SCMR 1</a> b'),
    ('q "<x>" r', [Link(2, 7, '/a?b="c"&d', "cite", 'T<"')], Masks(),
     'q <a class="cite" href="/a?b=&#34;c&#34;&amp;d" title="T&lt;&#34;">&#34;&lt;x&gt;&#34;</a> r'),
])
def test_render_text(text: str, links: list[Link], masks: Masks, expected: str) -> None:
    assert str(render_text(text, links, masks)) == expected


@pytest.mark.parametrize(("days", "text"), [
    (None, ""), (0, "0 days"), (365, "1 year"), (2555, "7 years"), (1825 + 180, "5 years 6 months"),
    (180, "6 months"), (15, "15 days"), (400, "1 year 1 month 5 days"),
])
def test_term_text(days: int | None, text: str) -> None:
    assert term_text(days) == text


def test_one_span_with_two_sections_links_each_section(samples_app: Flask) -> None:
    ids = sample_ids(samples_app)
    provision = SimpleNamespace(statute_id=ids.peca, label="22", kind=ProvisionKind.SECTION,
                                statute=SimpleNamespace(short_title="PECA"))
    other = SimpleNamespace(statute_id=ids.peca, label="24", kind=ProvisionKind.SECTION,
                            statute=SimpleNamespace(short_title="PECA"))
    text = "under sections 22/24 of PECA"
    refs = [SimpleNamespace(span_start=6, span_end=28, section_label=label, provision_id=1, provision=p)
            for label, p in (("22", provision), ("24", other))]
    with samples_app.test_request_context():
        links = statute_reference_links(refs, text, date(2022, 1, 1))
    assert [(text[k.start:k.end], k.href) for k in links] == [
        ("22", f"/statutes/{ids.peca}/section/22?as_at=2022-01-01"),
        ("24", f"/statutes/{ids.peca}/section/24?as_at=2022-01-01"),
    ]
