"""Statutes as law, end to end on the shared PECA and PPC consolidations: tree, history, point in time."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from ingest.pipeline import IngestOptions, ingest_paths
from lawdb.models import Provision, ProvisionKind
from lawdb.services import statutes as svc


@pytest.fixture
def statutes(factory, store, shared_dir: Path):
    folder = shared_dir / "corpus" / "pk_statutes"
    result = ingest_paths(factory, store, [folder / "PECA_2016_as_amended_2023_2025.pdf",
                                           folder / "PPC_1860_as_amended_to_Nov2025.pdf"],
                          IngestOptions(workers=2, ocr=False))
    assert result.all_ok, result.files
    return factory


def test_peca_sections_in_order_and_section_22(statutes) -> None:
    with statutes() as s:
        peca = svc.find_statute(s, "PECA")
        assert peca is not None and peca.act_number == "XL of 2016"
        sections = s.scalars(select(Provision).where(Provision.statute_id == peca.id,
                                                     Provision.kind == ProvisionKind.SECTION)
                             .order_by(Provision.position)).all()
        labels = [p.number_key for p in sections]
        assert labels[:3] == ["1", "2", "2A"] and "22" in labels and len(labels) == 92
        assert all(p.heading for p in sections)
        s22 = svc.find_provision(s, peca, "22")
        assert s22.heading == "Child pornography"
        now = svc.provision_as_at(s, s22, date.today())
        assert now.state == "in_force" and "sexually explicit conduct" in now.text
        history = svc.provision_history(s, s22)
        assert any("2023" in (a.amending_act or a.raw_text) for a in history)


def test_peca_amendment_history_names_the_2023_to_2025_acts(statutes) -> None:
    with statutes() as s:
        peca = svc.find_statute(s, "Prevention of Electronic Crimes Act, 2016")
        acts = {a.amending_act for a in peca.amendments if a.amending_act}
        years = {int(a.rsplit(" ", 1)[-1]) for a in acts if a.rsplit(" ", 1)[-1].isdigit()}
        assert {2023, 2025} <= years, acts


def test_ppc_292a_292b_292c_in_time(statutes) -> None:
    with statutes() as s:
        ppc = svc.find_statute(s, "P.P.C.")
        s292a = svc.find_provision(s, ppc, "292-A")
        assert "seduces a child" in svc.provision_as_at(s, s292a, date(2024, 6, 1)).text
        for label in ("292-B", "292-C"):
            provision = svc.find_provision(s, ppc, label)
            history = svc.provision_history(s, provision)
            assert [(a.action.value, a.amending_act) for a in history] == [
                ("insert", "Act X of 2016"), ("omit", "Act XXXVII of 2023")]
            before = svc.provision_as_at(s, provision, date(2015, 6, 1))
            assert before.state == "not_yet"
            in_2020 = svc.provision_as_at(s, provision, date(2020, 1, 1))
            assert in_2020.state == "in_force" and in_2020.text is None
            assert "not in the collection" in in_2020.message
            assert svc.provision_as_at(s, provision, date(2024, 1, 1)).state == "omitted"


def test_statute_cli(statutes, db_url: str, tmp_path: Path) -> None:
    from lawdb.cli import build_cli

    runner = CliRunner()
    args = ["--data-dir", str(tmp_path), "--database-url", db_url, "statute"]
    shown = runner.invoke(build_cli(), [*args, "show", "PECA", "22"])
    assert shown.exit_code == 0, shown.output
    assert "Child pornography" in shown.output
    as_at = runner.invoke(build_cli(), [*args, "show", "PPC", "292-B", "--as-at", "2020-01-01", "--json"])
    data = json.loads(as_at.output)
    assert data["state"] == "in_force" and data["text"] is None
    assert runner.invoke(build_cli(), [*args, "show", "PPC", "292-B", "--as-at", "2024-01-01",
                                       "--json"]).output.count('"omitted"') == 1
    history = runner.invoke(build_cli(), [*args, "history", "PPC", "292-B"])
    assert "Act X (Second Amdt.) of 2016" in history.output and "XXXVII of 2023" in history.output
    missing = runner.invoke(build_cli(), [*args, "show", "PPC", "9999"])
    assert missing.exit_code == 1 and "has no section" in missing.output


def test_statute_exports_validate(statutes, tmp_path: Path) -> None:
    import io

    import jsonschema

    from lawdb.services.akn import statute_to_akn, validate_akn
    from lawdb.services.export import export_jsonl

    schema = json.loads((Path(__file__).resolve().parents[2] / "lawdb/data/export.schema.json").read_text())
    with statutes() as s:
        peca = svc.find_statute(s, "PECA")
        xml = statute_to_akn(s, peca)
        assert validate_akn(xml) == []
        assert b"<heading>Child pornography</heading>" in xml
        assert validate_akn(xml.replace(b"<num>22</num>", b"<nonsense>22</nonsense>", 1))  # can fail
        out = io.StringIO()
        export_jsonl(s, out, kinds=["statute"])
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    for record in records:
        jsonschema.validate(record, schema)
    ppc = next(r for r in records if r["statute"]["short_title"].startswith("Pakistan Penal Code"))
    s292b = next(p for p in ppc["statute"]["provisions"] if p["path"] == "s292B")
    assert [v["omitted"] for v in s292b["versions"]] == [False, True]
    assert {a["amending_act"] for a in s292b["amendments"]} == {"Act X of 2016", "Act XXXVII of 2023"}


def test_judgment_references_resolve_to_provisions_and_are_counted(factory, store, shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    # The judgment arrives first; the statute later: references link when it does.
    judgment = corpus / "pk_judgments/LHC_2024LHC6559_CrlA964-J-2023_s292C_376iii_PPC.pdf"
    ingest_paths(factory, store, [judgment], IngestOptions(workers=1, ocr=False))
    ingest_paths(factory, store, [corpus / "pk_statutes/PPC_1860_as_amended_to_Nov2025.pdf"],
                 IngestOptions(workers=1, ocr=False))
    with factory() as s:
        ppc = svc.find_statute(s, "PPC")
        s292c = svc.find_provision(s, ppc, "292-C")
        counts = svc.citing_counts(s, s292c)
        assert counts and counts[0][0].startswith("Lahore High Court") and counts[0][2] == 1
