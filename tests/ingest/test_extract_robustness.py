"""Every hostile file in ../shared/corpus/robustness extracts or fails with the right code.

Passwords are in the file names. OCR is off here (the JBIG2 scan is OCRed in
test_extract_ocr.py), so every case is fast and deterministic; ``timeout``
bounds each file in case a change makes one hang between pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract import ExtractionError, extract_pdf

# (file, password, expected): an error code, or (page count, text the pages must contain)
CASES = [
    ("pm_aes-256-r6_usersecret.pdf", None, "encrypted"),
    ("pm_aes-256-r6_usersecret.pdf", "usersecret", (1, "Hello World")),
    ("pm_aes-256-r6_usersecret.pdf", "wrong", "password_wrong"),
    ("pm_issue-1113-evil-xobjects.pdf", None, (1, "Hello world")),
    ("pm_issue-449-vertical.pdf", None, (1, "Vertical")),
    ("pm_pdf-with-jbig2.pdf", None, "no_text"),  # an image and nothing else; OCR is off
    ("pm_rc4-40_pw-foo.pdf", None, "encrypted"),
    ("pm_rc4-40_pw-foo.pdf", "foo", (1, "Secret!")),
    ("pm_rc4-40_pw-foo.pdf", "bar", "password_wrong"),
    ("pm_zen_of_python_corrupted.pdf", None, (1, "Beautiful is better than ugly.")),
    ("pp_empty.pdf", None, "empty"),
    ("pp_issue-71-duplicate-chars.pdf", None, (2, "项目描述")),
    ("pp_malformed-from-issue-932.pdf", None, (1, "2021")),
    ("pp_nics-background-checks-2015-11-rotated.pdf", None, (1, "Handgun")),
    ("pp_password-example_pw-test.pdf", None, "encrypted"),
    ("pp_password-example_pw-test.pdf", "test", (4, "Backup4all")),
    ("pp_password-example_pw-test.pdf", "nottest", "password_wrong"),
    ("pp_pdffill-demo.pdf", None, (7, "PDFill")),
    ("py_habibi_arabic_rtl.pdf", None, (1, "habibi")),
    ("py_libreoffice-writer-password_openpassword.pdf", None, "encrypted"),
    ("py_libreoffice-writer-password_openpassword.pdf", "openpassword", (1, "Lorem ipsum")),
    ("py_libreoffice-writer-password_openpassword.pdf", "permissionpassword", (1, "Lorem ipsum")),
    ("py_libreoffice-writer-password_openpassword.pdf", "wrong", "password_wrong"),
    ("py_multicolumn.pdf", None, (3, "Two-Column Document with Lorem Ipsum")),
    # encrypted with an empty user password: opens without one
    ("real_PLR_Constitution_2012_encrypted.pdf", None, (222, "ISLAMIC REPUBLIC")),
    (
        "real_PLR_SRO906(I)_2008_doubled_chars.pdf",
        None,
        (31, "SECURITIES AND EXCHANGE COMMISSION OF PAKISTAN"),
    ),
    (
        "real_SCP_CA1020-2014_pdfminer_fails_NoRoot.pdf",
        None,
        (7, "IN THE SUPREME COURT OF PAKISTAN"),
    ),
    (
        "real_SCP_CA525-2013_scrambled_text_layer.pdf",
        None,
        (10, "IN THE SUPREME COURT OF PAKISTAN"),
    ),
    ("real_SHC_html_saved_as_pdf.pdf", None, "not_pdf"),
    ("real_SHC_zero_byte_download.pdf", None, "empty"),
    ("real_UA_filename_says_PPC_but_is_Contract_Act.pdf", None, (50, "CONTRACT ACT, 1872")),
]


def test_the_table_covers_every_file(shared_dir: Path) -> None:
    on_disk = {path.name for path in (shared_dir / "corpus" / "robustness").glob("*.pdf")}
    assert on_disk == {name for name, _, _ in CASES}
    assert len(on_disk) == 22


@pytest.mark.parametrize(("name", "password", "expected"), CASES)
def test_hostile_file(shared_dir: Path, name: str, password: str | None, expected) -> None:
    path = shared_dir / "corpus" / "robustness" / name
    if isinstance(expected, str):
        with pytest.raises(ExtractionError) as caught:
            extract_pdf(path, password=password, ocr=False, timeout=60)
        assert caught.value.code == expected
        assert caught.value.message
        return
    pages, snippet = expected
    document = extract_pdf(path, password=password, ocr=False, timeout=60)
    assert document.page_count == len(document.pages) == pages
    assert [page.number for page in document.pages] == list(range(1, pages + 1))
    assert snippet in "\n".join(page.text for page in document.pages)


def test_overprinted_headings_read_once(shared_dir: Path) -> None:
    document = extract_pdf(
        shared_dir / "corpus" / "robustness" / "real_PLR_SRO906(I)_2008_doubled_chars.pdf"
    )
    text = "\n".join(page.text for page in document.pages)
    assert "SSEECC" not in text
    assert [page.label for page in document.pages[:3]] == [
        "1",
        "2",
        "3",
    ]  # the PDF's own page labels
