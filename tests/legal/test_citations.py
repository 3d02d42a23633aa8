"""Case citations: find_citations, normalize_citation and the reporter table.

Table-driven: each row is a text and the canonical citations it must give
(docs/parsing-conventions.md), written out by hand so that a wrong entry in
``lawdb/data/reporters.json`` cannot make its own test pass. Then every
variant of the data file, look-alikes that are not citations, real judgments
from ``../shared/corpus``, and property tests on random and hostile text.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from functools import cache
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawdb.legal.citations import (
    CitationFact,
    Reporters,
    find_citations,
    load_reporters,
    normalize_citation,
)

SHARED = Path(os.environ.get("LAWDB_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared"))
JUDGMENTS = SHARED / "corpus" / "pk_judgments"


def normalized(text: str) -> list[str]:
    return [fact.normalized for fact in find_citations(text)]


def check_invariants(text: str, facts: list[CitationFact], page_number: int = 1) -> None:
    """What must hold for any text: spans are exact, ordered, disjoint; values well formed."""
    last_end = 0
    for fact in facts:
        start, end = fact.span
        assert 0 <= last_end <= start < end <= len(text)
        last_end = end
        assert fact.raw == text[start:end]
        assert fact.page_number == page_number
        assert fact.jurisdiction in {"PK", "IN", "US"}
        assert fact.kind in {"neutral", "reporter"}
        assert fact.page is not None and fact.page >= 1
        assert fact.year is None or 1800 <= fact.year <= 2035
        assert fact.normalized.strip() == fact.normalized and "  " not in fact.normalized
        assert normalize_citation(fact.normalized) == fact.normalized


# --------------------------------------------------------------------------- the table

CASES: list[tuple[str, list[str]]] = [
    # Pakistani year-first reporters and their spellings
    ("2008 SCMR 598", ["2008 SCMR 598"]),
    ("(2008 S.C.M.R. 598)", ["2008 SCMR 598"]),
    ("2021 S C M R 736", ["2021 SCMR 736"]),
    ("2016 PCrLJ 98", ["2016 PCrLJ 98"]),
    ("2016 P.Cr.L.J. 98", ["2016 PCrLJ 98"]),
    ("2016 PCr.LJ 98", ["2016 PCrLJ 98"]),
    ("2016 P Cr. L J 98", ["2016 PCrLJ 98"]),
    ("2016 P.Cr.LJ 98", ["2016 PCrLJ 98"]),
    ("2019 P. Cr. L. J. 172", ["2019 PCrLJ 172"]),
    ("1975 P Crl. LJ 1132", ["1975 PCrLJ 1132"]),
    ("2014 p. Cr. L.J. 885", ["2014 PCrLJ 885"]),
    ("2005 P.Cr.L.J.729", ["2005 PCrLJ 729"]),
    ("1974 PCr.LJ Note 114", ["1974 PCrLJN 114"]),
    ("2010 PCrLJN 1", ["2010 PCrLJN 1"]),
    ("2001 P.Cr.R. 548", ["2001 PCrR 548"]),
    ("2010 PCrR 1", ["2010 PCrR 1"]),
    ("2019 YLR 2569", ["2019 YLR 2569"]),
    ("2019 Y.L.R. 2569", ["2019 YLR 2569"]),
    ("2018 YLR Note 246", ["2018 YLRN 246"]),
    ("2010 YLRN 1", ["2010 YLRN 1"]),
    ("2025 MLD 1502", ["2025 MLD 1502"]),
    ("1995 M L D 1737", ["1995 MLD 1737"]),
    ("2010 MLD 1", ["2010 MLD 1"]),
    ("2010 CLC 1", ["2010 CLC 1"]),
    ("2010 C.L.C. 1", ["2010 CLC 1"]),
    ("2017 CLC Note 45", ["2017 CLCN 45"]),
    ("2010 CLCN 1", ["2010 CLCN 1"]),
    ("2017 PLC 102", ["2017 PLC 102"]),
    ("2024 PLC (C.S.) 402", ["2024 PLC(CS) 402"]),
    ("2024 PLC(CS) 402", ["2024 PLC(CS) 402"]),
    ("2020 PLC (CS) 186", ["2020 PLC(CS) 186"]),
    ("2021 PLC (C.S) 12", ["2021 PLC(CS) 12"]),
    ("2025 PLC (C.S). 221", ["2025 PLC(CS) 221"]),
    ("2017 P L C (C.S.) 9", ["2017 PLC(CS) 9"]),
    ("2019 PLC (CS) Note-39", ["2019 PLCCSN 39"]),
    ("2018 PLC (C.S) Note 40", ["2018 PLCCSN 40"]),
    ("2010 PLCCSN 1", ["2010 PLCCSN 1"]),
    ("2015 PTD 1", ["2015 PTD 1"]),
    ("2010 CLD 1", ["2010 CLD 1"]),
    ("2012 SBLR 1", ["2012 SBLR 1"]),
    ("2010 PLJ 1", ["2010 PLJ 1"]),
    ("2010 NLR 1", ["2010 NLR 1"]),
    ("2006 PSC 1284", ["2006 PSC 1284"]),
    ("2010 KLR 1", ["2010 KLR 1"]),
    ("2010 CLR 1", ["2010 CLR 1"]),
    ("2007 PTCL 601", ["2007 PTCL 601"]),
    ("2010 TAX 1", ["2010 TAX 1"]),
    ("2016 GBLR 12", ["2016 GBLR 12"]),
    ("2010 MLD Note 3", ["2010 MLDN 3"]),
    # PLD: reporter first, with the court
    ("PLD 2015 SC 396", ["PLD 2015 SC 396"]),
    ("PLD 2015 Supreme Court 396", ["PLD 2015 SC 396"]),
    ("PLD 2015 S.C. 396", ["PLD 2015 SC 396"]),
    ("PLD 2015 SC396", ["PLD 2015 SC 396"]),
    ("PLD 2013 SC1", ["PLD 2013 SC 1"]),
    ("P L D 2015 Supreme Court 396", ["PLD 2015 SC 396"]),
    ("P.L.D. 2015 SUPREME COURT 323", ["PLD 2015 SC 323"]),
    ("PLD 1959 SC (Pak) 7", ["PLD 1959 SC 7"]),
    ("PLD 1987 Supreme Court page 123", ["PLD 1987 SC 123"]),
    ("PLD 1998 Lahore 90", ["PLD 1998 Lahore 90"]),
    ("PLD 1998 Lah. 90", ["PLD 1998 Lahore 90"]),
    ("PLD 2000 Lah 449", ["PLD 2000 Lahore 449"]),
    ("PLD 1960 (W.P.) Lahore 1039", ["PLD 1960 Lahore 1039"]),
    ("PLD 1981 Kar. 398", ["PLD 1981 Karachi 398"]),
    ("PLD 1989 Karachi 404", ["PLD 1989 Karachi 404"]),
    ("PLD 2014 Sindh 349", ["PLD 2014 Sindh 349"]),
    ("PLD 2006 Peshawar 5", ["PLD 2006 Peshawar 5"]),
    ("PLD 2006 Pesh. 5", ["PLD 2006 Peshawar 5"]),
    ("PLD 2010 Quetta 20", ["PLD 2010 Quetta 20"]),
    ("PLD 2010 Balochistan 20", ["PLD 2010 Quetta 20"]),
    ("PLD 2020 Islamabad 302", ["PLD 2020 Islamabad 302"]),
    ("PLD 2020 Isl. 302", ["PLD 2020 Islamabad 302"]),
    ("PLD 2015 Islamabd-1", ["PLD 2015 Islamabad 1"]),
    ("PLD 2000 FSC 1", ["PLD 2000 FSC 1"]),
    ("PLD 2010 Federal Shariat Court 1", ["PLD 2010 FSC 1"]),
    ("PLD 2000 F.S.C. 1", ["PLD 2000 FSC 1"]),
    ("PLD 2012 AJ&K 5", ["PLD 2012 AJK 5"]),
    ("PLD 2012 Azad J&K 5", ["PLD 2012 AJK 5"]),
    ("PLD 2012 SC (AJK) 5", ["PLD 2012 SC(AJK) 5"]),
    ("PLD 2016 GB 1", ["PLD 2016 GB 1"]),
    ("PLD 1956 FC 200", ["PLD 1956 FC 200"]),
    ("PLD 1956 Federal Court 200", ["PLD 1956 FC 200"]),
    ("PLD 2001 Journal 14", ["PLD 2001 Journal 14"]),
    ("PLD 1962 Dacca 46", ["PLD 1962 Dacca 46"]),
    ("2022 PLD Islamabad 228", ["PLD 2022 Islamabad 228"]),
    # other reports cited with a part or section: canonical is year-first, the part is the court
    ("PLJ 2022 SC (Cr.C.) 40", ["2022 PLJ 40"]),
    ("PLJ 2018 Cr.C. 843", ["2018 PLJ 843"]),
    ("PLJ 2023 Cr. C 371", ["2023 PLJ 371"]),
    ("PLJ 2018 Lahore 224", ["2018 PLJ 224"]),
    ("SBLR 2018 Sindh 1580", ["2018 SBLR 1580"]),
    ("NLR 1991 SD 458", ["1991 NLR 458"]),
    ("NLR 1997 Service 29", ["1997 NLR 29"]),
    ("NLR 1999 Cr.LJ 363", ["1999 NLR 363"]),
    # Pakistani neutral citations
    ("2023 LHC 5924", ["2023 LHC 5924"]),
    ("2024LHC4177", ["2024 LHC 4177"]),
    ("LHC_2024LHC6559_CrlA964", ["2024 LHC 6559"]),
    ("2024 SCP 240", ["2024 SCP 240"]),
    ("[2024] PKSC 242", ["2024 PKSC 242"]),
    ("2024 PKSC 242", ["2024 PKSC 242"]),
    ("2022 IHC 123", ["2022 IHC 123"]),
    ("2021 SHC 1", ["2021 SHC 1"]),
    ("2021 PHC 1", ["2021 PHC 1"]),
    ("2021 BHC 1", ["2021 BHC 1"]),
    # Indian
    ("(2015) 11 SCC 493", ["(2015) 11 SCC 493"]),
    ("(1997) 6 SCC 241", ["(1997) 6 SCC 241"]),
    ("[(2010) 11 SCC 500]", ["(2010) 11 SCC 500"]),
    ("1996 (2) SCC 384", ["(1996) 2 SCC 384"]),
    ("1989(1) SCC 437", ["(1989) 1 SCC 437"]),
    ("(2010) 1 SCC (Cri) 123", ["(2010) 1 SCC (Cri) 123"]),
    ("(1950) 1 SCR 88", ["(1950) 1 SCR 88"]),
    ("1961-1 SCR 341", ["(1961) 1 SCR 341"]),
    ("[1950] SCR 88", ["(1950) SCR 88"]),
    ("(2019) 5 SCALE 123", ["(2019) 5 SCALE 123"]),
    ("AIR 1950 SC 27", ["AIR 1950 SC 27"]),
    ("AIR (33) 1946 PC 38", ["AIR 1946 PC 38"]),
    ("AIR 1941 Privy Council 11", ["AIR 1941 PC 11"]),
    ("AIR 1955 Madras 369", ["AIR 1955 Mad 369"]),
    ("AIR 1955 Madaras 369", ["AIR 1955 Mad 369"]),
    ("AIR 1924 Cal.895", ["AIR 1924 Cal 895"]),
    ("AIR 1928 Lah. 855", ["AIR 1928 Lah 855"]),
    ("AIR 1941 Sind 186", ["AIR 1941 Sind 186"]),
    ("AIR 1964 Bom 12", ["AIR 1964 Bom 12"]),
    ("AIR 1972 Allahabad 406", ["AIR 1972 All 406"]),
    ("AIR 1980 Del 1", ["AIR 1980 Del 1"]),
    ("AIR 1991 AP 177", ["AIR 1991 AP 177"]),
    ("AIR 1990 P&H 5", ["AIR 1990 P&H 5"]),
    ("AIR 1990 Punjab and Haryana 5", ["AIR 1990 P&H 5"]),
    ("AIR 1985 Ker 7", ["AIR 1985 Ker 7"]),
    ("AIR 1985 Guj. 7", ["AIR 1985 Guj 7"]),
    ("AIR 2008 SC (Supp) 1377", ["AIR 2008 SC (Supp) 1377"]),
    ("A.I.R. 1930 Lahore 210", ["AIR 1930 Lah 210"]),
    ("2013 SCC OnLine Mad 2171", ["2013 SCC OnLine Mad 2171"]),
    ("2013 SCC Online Mad 2171", ["2013 SCC OnLine Mad 2171"]),
    ("2020 SCC OnLine SC 12", ["2020 SCC OnLine SC 12"]),
    ("2019 SCC OnLine Del 8", ["2019 SCC OnLine Del 8"]),
    ("1994 CriLJ 1", ["1994 CriLJ 1"]),
    ("1994 Cri LJ 1", ["1994 CriLJ 1"]),
    ("2006 Cri.LJ 726", ["2006 CriLJ 726"]),
    ("1999 Crl. LJ. 3124", ["1999 CriLJ 3124"]),
    ("2008 AIR SCW 1021", ["2008 AIR SCW 1021"]),
    ("1997 AIHC 2628", ["1997 AIHC 2628"]),
    # United States
    ("410 U.S. 113", ["410 U.S. 113"]),
    ("200 U. S. 321", ["200 U.S. 321"]),
    ("410 US 113", ["410 U.S. 113"]),
    ("93 S. Ct. 705", ["93 S. Ct. 705"]),
    ("93 S.Ct. 705", ["93 S. Ct. 705"]),
    ("35 L. Ed. 2d 147", ["35 L. Ed. 2d 147"]),
    ("35 L.Ed.2d 147", ["35 L. Ed. 2d 147"]),
    ("12 L. Ed. 5", ["12 L. Ed. 5"]),
    ("120 F. 456", ["120 F. 456"]),
    ("894 F.2d 1072", ["894 F.2d 1072"]),
    ("508 F. 2d 969", ["508 F.2d 969"]),
    ("567 F.3d 1", ["567 F.3d 1"]),
    ("77 F.3d. 497", ["77 F.3d 497"]),
    ("12 F.4th 44", ["12 F.4th 44"]),
    ("100 F. Supp. 200", ["100 F. Supp. 200"]),
    ("100 F. Supp. 2d 200", ["100 F. Supp. 2d 200"]),
    ("100 F.Supp.3d 200", ["100 F. Supp. 3d 200"]),
    ("800 F. App'x 12", ["800 F. App'x 12"]),
    ("154 T.C. 1", ["154 T.C. 1"]),
    ("62 T.C.M. (CCH) 505", ["62 T.C.M. (CCH) 505"]),
    ("T.C. Memo. 2020-26", ["T.C. Memo. 2020-26"]),
    ("T.C. Memo 1991-402", ["T.C. Memo. 1991-402"]),
    # line breaks, OCR spacing, brackets and punctuation
    ("2019\nSCMR 1234", ["2019 SCMR 1234"]),
    ("2002 SCMR\n442", ["2002 SCMR 442"]),
    ("PLD 2015\nSC 396", ["PLD 2015 SC 396"]),
    ("PLD\n2016 SC\n409", ["PLD 2016 SC 409"]),
    ("(PLD 2019 SUPREME COURT\n449), wherein", ["PLD 2019 SC 449"]),
    ("[2022 P.Cr.LJ 151 (Lahore)]", ["2022 PCrLJ 151"]),
    ("(2000 SCMR 250(n)", ["2000 SCMR 250"]),
    ("“(2021 PCr.LJ 545).”", ["2021 PCrLJ 545"]),
    ("1999 MLD 1069 :\n2001 PCr.LJ 548", ["1999 MLD 1069", "2001 PCrLJ 548"]),
    ("(2020 PTD 752 = 2020 LHC 617)", ["2020 PTD 752", "2020 LHC 617"]),
    ("[(1984) 3 SCC 161 :\nAIR 1984 SC 802]", ["(1984) 3 SCC 161", "AIR 1984 SC 802"]),
    ("AIR 2008 SC (Supp) 1377: 2008 AIR SCW 1021)", ["AIR 2008 SC (Supp) 1377", "2008 AIR SCW 1021"]),
    ("T.C. Memo. 1991-402, 62 T.C.M. (CCH) 505, 510 (1991)", ["T.C. Memo. 1991-402", "62 T.C.M. (CCH) 505"]),
    ("2018 CMR 772", ["2018 SCMR 772"]),  # a typo seen in a Sindh judgment
    # look-alikes that are not citations
    ("2008 SCMR 598/2009", ["2008 SCMR 598"]),
    ("Crl. Appeal No. 9 of 2014", []),
    ("Criminal Appeal No. 964/J/2023", []),
    ("W.P. No.12345/2024", []),
    ("Writ Petition No.23303/13", []),
    ("C.P.L.A.1107-L/2015 and Crl.P.L.A.585/2025", []),
    ("FIR No. 123/2023 dated 12.09.2023", []),
    ("on 12.09.2023 and in 2016", []),
    ("section 22 of 2016 Act", []),
    ("Sections 21, 22 PECA 2016 r/w 109 PPC", []),
    ("a fine of Rs.500,000/- or Rs. 5 million", []),
    ("Page 2 of 10", []),
    ("PLD 2012 923", []),  # no court: cannot be made canonical
    ("PLD 1850 SC 1", []),  # before Pakistan
    ("2040 SCMR 1", []),
    ("2019 SCMR 0", []),
    ("(2019) SCMR 1234", []),
    ("12.2019 SCMR 5", []),
    ("[2003] 3. S.C.R. 3, (2003 SCC 62)", []),  # Canadian: no volume, dotted S.C.R.
    ("26 U.S.C. 465 and 26 U.S.C. § 6662", []),
    ("560 U. S. ___ (2010) and 81 T.C. at 828", []),
    ("Pub. L. 346, 69 Stat. 654", []),
    ("PLD PLD PLD 2015 2015 SC", []),
    ("2015 SC 396 and 2015 Lahore 90", []),
    ("Exh. PC, Ex.PE and PW-4 on 04.07.2020", []),
    ("the PSC Rules, 2013 and 2013 (the PSC Guidelines)", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
def test_table(text: str, expected: list[str]) -> None:
    facts = find_citations(text)
    assert [fact.normalized for fact in facts] == expected
    check_invariants(text, facts)


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("(PLD 2015 Supreme Court 396).",
         dict(raw="PLD 2015 Supreme Court 396", jurisdiction="PK", kind="reporter", reporter="PLD",
              year=2015, volume=None, page=396, court="SC", span=(1, 27))),
        ("see 2008 SCMR 598/2009",
         dict(raw="2008 SCMR 598", reporter="SCMR", year=2008, page=598, span=(4, 17))),
        ("2016 P Cr. L J 98", dict(raw="2016 P Cr. L J 98", reporter="PCrLJ", court=None)),
        ("2024 PLC (C.S.) 402", dict(reporter="PLC(CS)", year=2024, page=402)),
        ("[2024] PKSC 242",
         dict(raw="[2024] PKSC 242", kind="neutral", reporter="PKSC", year=2024, page=242)),
        ("2024LHC4177.pdf", dict(raw="2024LHC4177", kind="neutral", reporter="LHC", page=4177)),
        ("PLJ 2022 SC (Cr.C.) 40", dict(reporter="PLJ", court="SC (Cr.C.)", page=40)),
        ("(2015) 11 SCC 493", dict(jurisdiction="IN", reporter="SCC", year=2015, volume="11", page=493)),
        ("AIR 1955 Madras 369", dict(jurisdiction="IN", reporter="AIR", court="Mad", year=1955)),
        ("2013 SCC OnLine Mad 2171", dict(jurisdiction="IN", reporter="SCC OnLine", court="Mad", page=2171)),
        ("Roe v. Wade, 410 U.S. 113, 120 (1973)",
         dict(raw="410 U.S. 113", jurisdiction="US", reporter="U.S.", volume="410", page=113, year=1973)),
        ("101 F.3d 1336, 1340 (10th Cir. 1996)", dict(reporter="F.3d", volume="101", year=1996)),
        ("93 S. Ct. 705", dict(reporter="S. Ct.", year=None)),
        ("T.C. Memo. 2020-26",
         dict(jurisdiction="US", reporter="T.C. Memo.", year=2020, page=26, volume=None)),
    ],
)
def test_fields(text: str, fields: dict) -> None:
    [fact] = find_citations(text, page_number=7)
    assert fact.page_number == 7
    for name, value in fields.items():
        assert getattr(fact, name) == value, name
    assert fact.raw == text[fact.span[0] : fact.span[1]]


def test_several_in_text_order_without_duplicates() -> None:
    text = (
        "Reliance was placed on Noor Muhammad v. State (1992 SCMR 2079), Crown v. Muhammad Hussain "
        "(PLD 1950 Lahore 86) and Shimbhu v. State of Haryana (AIR 2014 SC 739); see also "
        "(2015) 11 SCC 493 and Roe v. Wade, 410 U.S. 113 (1973). Crl. Appeal No. 9 of 2014 is dismissed."
    )
    facts = find_citations(text, page_number=3)
    assert [f.normalized for f in facts] == [
        "1992 SCMR 2079", "PLD 1950 Lahore 86", "AIR 2014 SC 739", "(2015) 11 SCC 493", "410 U.S. 113",
    ]
    assert [f.jurisdiction for f in facts] == ["PK", "PK", "IN", "IN", "US"]
    check_invariants(text, facts, page_number=3)


# --------------------------------------------------------------------------- every variant in the data


def _variant_samples() -> list[tuple[str, str, str]]:
    """One citation per reporter variant and per court variant, with the expected canonical form."""
    data = json.loads((files("lawdb") / "data" / "reporters.json").read_text(encoding="utf-8"))
    table = load_reporters()
    samples = []
    for entry in data["reporters"]:
        reporter = table.by_canonical[entry["canonical"]]
        canonical = reporter.canonical
        for variant in reporter.variants:
            shape = reporter.shape
            if shape in ("year_first", "neutral") or reporter.also_year_first:
                samples.append((canonical, f"2015 {variant} 396", f"2015 {canonical} 396"))
            if shape == "volume_year":
                expected = reporter.template.format(year=2015, volume=11, reporter=canonical, page=493)
                samples.append((canonical, f"(2015) 11 {variant} 493", expected))
            if shape == "us_volume":
                samples.append((canonical, f"410 {variant} 113", f"410 {canonical} 113"))
            if shape == "tc_memo":
                samples.append((canonical, f"{variant} 2020-26", "T.C. Memo. 2020-26"))
            if reporter.courts:
                first = variant if shape == "year_reporter_court" else None
                for court_variant, court in table.court_sets[reporter.courts]:
                    expected = reporter.template.format(year=1950, reporter=canonical, court=court, page=27)
                    if first is None:
                        samples.append((canonical, f"{variant} 1950 {court_variant} 27", expected))
                    else:
                        samples.append((canonical, f"1950 {variant} {court_variant} 27", expected))
    return samples


VARIANT_SAMPLES = _variant_samples()


def test_variant_samples_cover_every_reporter() -> None:
    covered = {canonical for canonical, _, _ in VARIANT_SAMPLES}
    assert covered == set(load_reporters().by_canonical)
    assert len(VARIANT_SAMPLES) > 500


@pytest.mark.parametrize(
    ("canonical", "text", "expected"), VARIANT_SAMPLES, ids=[text for _, text, _ in VARIANT_SAMPLES]
)
def test_every_variant(canonical: str, text: str, expected: str) -> None:
    for written in (text, text.upper(), f"({text}).", text.replace(" ", "\n", 1)):
        facts = find_citations(written)
        assert [f.normalized for f in facts] == [expected], written
        assert facts[0].reporter == canonical
        assert normalize_citation(written) == expected


# --------------------------------------------------------------------------- normalize_citation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PLD 2015 Supreme Court 396", "PLD 2015 SC 396"),
        ("  pld 2015 sc 396 ", "PLD 2015 SC 396"),
        ("2016 p.cr.l.j. 98", "2016 PCrLJ 98"),
        ("(2008 SCMR 598).", "2008 SCMR 598"),
        ("2008 SCMR 598/2009", "2008 SCMR 598"),
        ("[2024] PKSC 242", "2024 PKSC 242"),
        ("2024LHC4177", "2024 LHC 4177"),
        ("2013 scc online mad 2171", "2013 SCC OnLine Mad 2171"),
        ("410 u.s. 113", "410 U.S. 113"),
        ("410 U.S. 113, 120 (1973)", "410 U.S. 113"),
        ("t.c. memo. 2020-26", "T.C. Memo. 2020-26"),
        ("PLJ 2022 SC (Cr.C.) 40", "2022 PLJ 40"),
        ("", None),
        ("   ", None),
        ("SCMR", None),
        ("Crl. Appeal No. 9 of 2014", None),
        ("2008 SCMR 598 and 2009 SCMR 1", None),
        ("see 2008 SCMR 598", None),
        ("2008 SCMR 598 is the case", None),
        ("2024LHC4177.pdf", None),
        ("PLD 2015 SC 396" * 30, None),
    ],
)
def test_normalize_citation(text: str, expected: str | None) -> None:
    assert normalize_citation(text) == expected


def test_normalize_citation_refuses_non_strings() -> None:
    assert normalize_citation(None) is None  # type: ignore[arg-type]
    assert normalize_citation(2015) is None  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the reporter table


def test_load_reporters_is_cached_and_complete() -> None:
    table = load_reporters()
    assert load_reporters() is table
    expected = {
        "SCMR", "PLD", "PCrLJ", "YLR", "CLC", "MLD", "PLC", "PLC(CS)", "PTD", "CLD", "SBLR", "PLJ", "NLR",
        "PSC", "KLR", "CLR", "PTCL", "PCrR", "TAX", "GBLR", "YLRN", "CLCN", "PCrLJN", "PLCCSN",
        "LHC", "SCP", "PKSC", "IHC", "SHC", "PHC", "BHC",
        "SCC", "SCR", "AIR", "SCC OnLine", "CriLJ",
        "U.S.", "S. Ct.", "L. Ed. 2d", "F.2d", "F.3d", "F.4th", "F. Supp. 2d", "F. Supp. 3d",
        "T.C.", "T.C. Memo.",
    }
    assert expected <= set(table.by_canonical)
    assert {r.jurisdiction for r in table.reporters} == {"PK", "IN", "US"}
    pld_courts = {court for _, court in table.court_sets["pk"]}
    assert {"SC", "FSC", "Lahore", "Karachi", "Peshawar", "Quetta", "Islamabad", "AJK", "SC(AJK)", "GB", "FC",
            "Journal"} <= pld_courts


def _minimal_data(**reporter) -> dict:
    entry = {"canonical": "SCMR", "jurisdiction": "PK", "shape": "year_first", "variants": ["SCMR"]}
    entry.update(reporter)
    return {"court_sets": {"pk": [{"canonical": "SC", "variants": ["S.C."]}]}, "reporters": [entry]}


def test_reporters_from_other_data() -> None:
    table = Reporters(_minimal_data())
    assert [form.name for form in table.forms] == ["year_first"]


@pytest.mark.parametrize(
    "data",
    [
        _minimal_data(shape="sideways"),
        _minimal_data(shape="reporter_year_court"),  # no court set
        _minimal_data(shape="reporter_year_court", courts="nowhere", template="X {year} {court} {page}"),
        _minimal_data(courts="pk"),  # courts on a year-first reporter
        _minimal_data(variants=["..."]),
        {"reporters": [_minimal_data()["reporters"][0], _minimal_data()["reporters"][0]]},
        {"reporters": [
            _minimal_data()["reporters"][0],
            {"canonical": "YLR", "jurisdiction": "PK", "shape": "year_first", "variants": ["S.C.M.R."]},
        ]},
        {"court_sets": {"a": {"extends": "b", "courts": []}, "b": {"extends": "a", "courts": []}},
         "reporters": []},
    ],
)
def test_bad_data_is_refused(data: dict) -> None:
    with pytest.raises(ValueError, match=r"reporters\.json"):
        Reporters(data)


# --------------------------------------------------------------------------- real judgments


@cache
def pages_of(name: str) -> tuple[str, ...]:
    from ingest.extract import extract_pdf

    path = JUDGMENTS / name
    if not path.is_file():
        pytest.fail(f"{path} not found (set LAWDB_SHARED_DIR to the shared folder)")
    return tuple(page.text for page in extract_pdf(path, ocr=False).pages)


def found_on(name: str, page: int) -> list[str]:
    text = pages_of(name)[page - 1]
    facts = find_citations(text, page)
    check_invariants(text, facts, page)
    return [fact.normalized for fact in facts]


LHC_6559 = "LHC_2024LHC6559_CrlA964-J-2023_s292C_376iii_PPC.pdf"
PLD_2015_SC_396 = "PLR_PLD-2015-SC-396.pdf"
SCP_4570 = "SCP_CP4570-2019_harassment.pdf"


def test_lhc_judgment_citations() -> None:
    # "relied upon Zulfiqaruddin v. State etc. [PLJ 2022 SC (Cr.C.) 40]."
    assert found_on(LHC_6559, 4) == ["2022 PLJ 40"]
    assert found_on(LHC_6559, 5) == ["2004 SCMR 1170"]
    # Paragraphs 15-16 and footnote 2, with "Madaras", "Nag.", "Pat." and "(28 Bombay 326)" (not a report).
    assert found_on(LHC_6559, 6) == [
        "AIR 1955 Mad 369", "AIR 2014 SC 739", "AIR 1955 Mad 369", "AIR 1917 Cal 705", "AIR 1925 Nag 395",
        "PLD 1950 Lahore 86", "AIR 1948 Pat 58", "AIR 1941 Sind 186", "AIR 1925 Lah 464", "1999 MLD 3085",
        "1991 MLD 1026", "1992 SCMR 2079", "PLD 2001 Lahore 212", "1986 MLD 1111", "2003 SCMR 658",
        "2002 SCMR 1885",
    ]
    page_11 = found_on(LHC_6559, 11)
    expected = {"2001 PCrLJ 524", "2003 PCrLJ 1479", "1999 NLR 363", "PLD 2007 Lahore 495", "2008 YLR 2754"}
    assert expected <= set(page_11)
    assert "1999 CriLJ 363" not in page_11  # "NLR 1999 Cr.LJ 363" is NLR's
    # "In The State of Punjab v. Gurmat Singh and others [1996 (2) SCC 384]"
    assert "(1996) 2 SCC 384" in found_on(LHC_6559, 12)
    assert "2024 LHC 1462" in found_on(LHC_6559, 15)
    assert found_on(LHC_6559, 1) == []  # caption, case number, dates, "FIR No. 497/2021"


def test_law_report_reprint_citations() -> None:
    # The reprint's own heading "P L D 2015 Supreme Court 396" is found like any other citation.
    assert found_on(PLD_2015_SC_396, 1) == ["PLD 2015 SC 396"]
    assert found_on(PLD_2015_SC_396, 2) == ["2000 SCMR 250", "PLD 2005 SC 600"]
    # "(2000 SCMR 250(n)", and "(2014 SCMR 1015)" after a line break.
    assert found_on(PLD_2015_SC_396, 3) == ["2000 SCMR 250", "PLD 2007 SC 362", "2014 SCMR 1015"]
    text = pages_of(PLD_2015_SC_396)[0]
    [fact] = find_citations(text, 1)
    assert fact.raw == "P L D 2015 Supreme Court 396" and fact.court == "SC"


def test_supreme_court_judgment_citations() -> None:
    # "(since reported as reported as 2020 PLC (CS) 186)" and footnote "5 2020 PLC (CS) 186 @193"
    assert found_on(SCP_4570, 3) == ["2020 PLC(CS) 186"]
    assert found_on(SCP_4570, 7) == ["2020 PLC(CS) 186"]
    # "Writ Petition No. 1665-2019", "Act, 2010", "02.02.2010": none is a citation
    everything = [c for page in range(1, len(pages_of(SCP_4570)) + 1) for c in found_on(SCP_4570, page)]
    assert everything == ["2020 PLC(CS) 186", "2020 PLC(CS) 186"]


def test_all_judgments_in_the_corpus() -> None:
    """Every text-layer judgment of the shared corpus: invariants hold, the usual reports are found."""
    from ingest.extract import ExtractionError, extract_pdf

    counts: Counter[str] = Counter()
    for path in sorted(JUDGMENTS.glob("*.pdf")):
        try:
            pages = extract_pdf(path, ocr=False).pages
        except ExtractionError:
            continue  # scanned: needs OCR
        for page in pages:
            facts = find_citations(page.text, page.number)
            check_invariants(page.text, facts, page.number)
            counts.update(fact.reporter for fact in facts)
    # 398 when written; floors leave room for extraction changes.
    assert sum(counts.values()) >= 350
    assert counts["SCMR"] >= 150 and counts["PLD"] >= 90 and counts["AIR"] >= 30
    for reporter in ("PCrLJ", "YLR", "MLD", "CLC", "PLC(CS)", "PLJ", "NLR", "SBLR", "LHC", "SCC", "U.S."):
        assert counts[reporter] >= 1, reporter


# --------------------------------------------------------------------------- hostile and random text

FRAGMENTS = [
    "PLD", "PLD ", "P.L.D.", "P L D", "SCMR", "S.C.M.R.", "P.Cr.L.J.", "PLC (C.S.)", "Note", "AIR", "(33)",
    "SCC", "OnLine", "U.S.", "U. S.", "F.", "F.2d", "T.C.", "T.C. Memo.", "Supreme Court", "SC", "Lah.",
    "2019", "2015", "1850", "396", "1", "0", "11", "12345678901234567890",
    " ", "  ", "\n", "\t", ".", "..", ",", ";", ":", "/", "-", "(", ")", "[", "]", "“", "”",
    "\u00a0", "\u200b", "é", "٢٠١٩", "２０１９", "۲۰۱۹", "ﬁ", "😀", "\x00", "\r\n", "\f",
]

hostile_text = st.lists(st.sampled_from(FRAGMENTS), max_size=200).map("".join)
any_text = st.one_of(st.text(max_size=500), hostile_text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, page=st.integers(min_value=1, max_value=5000))
def test_any_text_never_raises_and_spans_are_exact(text: str, page: int) -> None:
    facts = find_citations(text, page)
    check_invariants(text, facts, page)
    assert normalize_citation(text) in {None, *(f.normalized for f in facts)}


@st.composite
def citations_in_noise(draw) -> tuple[str, str]:
    """A citation in some written form, between random words, and its canonical form."""
    year = draw(st.integers(min_value=1947, max_value=2035))
    page = draw(st.integers(min_value=1, max_value=99999))
    written, expected = draw(
        st.sampled_from(
            [
                (f"{year} S.C.M.R. {page}", f"{year} SCMR {page}"),
                (f"{year}\nP Cr. L J {page}", f"{year} PCrLJ {page}"),
                (f"P L D {year} Supreme Court {page}", f"PLD {year} SC {page}"),
                (f"PLD {year} Lah.{page}", f"PLD {year} Lahore {page}"),
                (f"[{year}] PKSC {page}", f"{year} PKSC {page}"),
                (f"{year}LHC{page}", f"{year} LHC {page}"),
                (f"AIR {year} Bom {page}", f"AIR {year} Bom {page}"),
                (f"({year}) 7 SCC {page}", f"({year}) 7 SCC {page}"),
                (f"{year} SCC Online Del {page}", f"{year} SCC OnLine Del {page}"),
                (f"T.C. Memo. {year}-{page}", f"T.C. Memo. {year}-{page}"),
            ]
        )
    )
    noise = ["the", "v.", "State", "held", "in", "No.", "of", "Rs.", "(", ")"]
    words = st.lists(st.sampled_from(noise), max_size=5)
    before = " ".join(draw(words))
    after = " ".join(draw(words))
    return f"{before} {written}, {after}", expected


@settings(max_examples=300, deadline=None)
@given(case=citations_in_noise())
def test_citations_are_found_anywhere(case: tuple[str, str]) -> None:
    text, expected = case
    facts = find_citations(text)
    assert [f.normalized for f in facts] == [expected]
    check_invariants(text, facts)
    assert normalize_citation(facts[0].raw) == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40))
def test_50_kb_of_hostile_text_is_quick(fragments: list[str]) -> None:
    unit = "".join(fragments) or "PLD"
    text = (unit * (50_000 // len(unit) + 1))[:50_000]
    start = time.perf_counter()
    facts = find_citations(text)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, f"{elapsed:.2f} s for {unit!r} repeated"
    check_invariants(text, facts[:50])


@pytest.mark.parametrize(
    "unit",
    ["1", "2019 ", "2019", ".", "PLD ", "PLD 2015 ", "PLD 2015 SC ", "2019 S.C.M.R.", "2019 P. Cr. L. ",
     "(2015) 11 ", "410 U. S. ", "AIR (33) 1946 ", "2019 SCMR 1234/", "P.", " \n", "S C M R 2019 "],
)
def test_100_kb_worst_cases_are_quick(unit: str) -> None:
    text = unit * (100_000 // len(unit))
    start = time.perf_counter()
    find_citations(text)
    assert time.perf_counter() - start < 1.0
