"""Every hostile or broken file in the shared corpus ends with the right outcome, and the batch goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from ingest.manifest import Manifest
from ingest.pipeline import IngestOptions, ingest_paths
from lawdb.models import FileStatus, SourceFile

# file -> (status, code). Passwords are in the file names; the empty-password
# Constitution opens without one and is simply ingested.
EXPECTED = {
    "pp_empty.pdf": ("quarantined", "empty_file"),
    "real_SHC_zero_byte_download.pdf": ("quarantined", "empty_file"),
    "real_SHC_html_saved_as_pdf.pdf": ("quarantined", "not_a_pdf"),
    "pp_password-example_pw-test.pdf": ("quarantined", "encrypted"),
    "pm_aes-256-r6_usersecret.pdf": ("quarantined", "encrypted"),
    "pm_rc4-40_pw-foo.pdf": ("quarantined", "encrypted"),
    "py_libreoffice-writer-password_openpassword.pdf": ("quarantined", "encrypted"),
    "real_PLR_Constitution_2012_encrypted.pdf": ("ingested", None),
    "pm_issue-1113-evil-xobjects.pdf": ("ingested", None),
    "pm_zen_of_python_corrupted.pdf": ("ingested", None),
    "real_SCP_CA1020-2014_pdfminer_fails_NoRoot.pdf": ("ingested", None),
    "real_SCP_CA525-2013_scrambled_text_layer.pdf": ("ingested", None),
    "real_PLR_SRO906(I)_2008_doubled_chars.pdf": ("ingested", None),
    "real_UA_filename_says_PPC_but_is_Contract_Act.pdf": ("ingested", None),
    "pp_nics-background-checks-2015-11-rotated.pdf": ("ingested", None),
    "py_multicolumn.pdf": ("ingested", None),
    "py_habibi_arabic_rtl.pdf": ("ingested", None),
    "pp_issue-71-duplicate-chars.pdf": ("ingested", None),
    "pp_pdffill-demo.pdf": ("ingested", None),
    "pm_issue-449-vertical.pdf": ("ingested", None),
    "pp_malformed-from-issue-932.pdf": ("ingested", None),
    "pm_pdf-with-jbig2.pdf": ("ingested", None),
}

PASSWORDS = {
    "pp_password-example_pw-test.pdf": "test",
    "pm_aes-256-r6_usersecret.pdf": "usersecret",
    "pm_rc4-40_pw-foo.pdf": "foo",
    "py_libreoffice-writer-password_openpassword.pdf": "openpassword",
}


@pytest.fixture
def robustness(shared_dir: Path) -> Path:
    folder = shared_dir / "corpus" / "robustness"
    assert {p.name for p in folder.glob("*.pdf")} == set(EXPECTED), "corpus changed: update EXPECTED"
    return folder


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_each_hostile_file_gets_its_outcome(factory, store, robustness: Path) -> None:
    result = ingest_paths(factory, store, [robustness], IngestOptions(workers=2))
    got = {Path(f.path).name: (f.status, f.code) for f in result.files}
    assert got == EXPECTED
    for report in result.files:
        if report.status == "quarantined":
            assert report.message and report.sha256, report
    # The contract-act file named after the Penal Code is classified by what it says.
    lying = next(f for f in result.files if f.path.endswith("says_PPC_but_is_Contract_Act.pdf"))
    assert lying.kind == "statute"
    constitution = next(f for f in result.files if "Constitution_2012" in f.path)
    assert constitution.pages == 222

    # Passwords from a manifest open the encrypted ones on the next run; nothing else changes.
    manifest = Manifest(by_name={name: {"password": pw} for name, pw in PASSWORDS.items()})
    second = ingest_paths(factory, store, [robustness], IngestOptions(workers=2, manifest=manifest))
    assert {Path(f.path).name for f in second.files if f.status == "ingested"} == set(PASSWORDS)
    with factory() as s:
        rows = {r.original_name: r for r in s.scalars(select(SourceFile))}
        assert all(rows[name].status is FileStatus.INGESTED for name in PASSWORDS)
        # The password itself is never stored.
        assert all(not (rows[name].manifest or {}).get("password") for name in PASSWORDS)


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_password_option_opens_an_encrypted_file(factory, store, robustness: Path) -> None:
    pdf = robustness / "pm_rc4-40_pw-foo.pdf"
    wrong = ingest_paths(factory, store, [pdf], IngestOptions(workers=1, password="bar"))
    assert (wrong.files[0].status, wrong.files[0].code) == ("quarantined", "encrypted")
    right = ingest_paths(factory, store, [pdf], IngestOptions(workers=1, password="foo"))
    assert right.files[0].status == "ingested"
    with factory() as s:
        assert "Secret" in s.scalars(select(SourceFile)).one().documents[0].full_text
