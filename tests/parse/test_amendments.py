"""Amendments: footnotes of consolidated texts, amending Acts, periods in time.

Table-driven tests of each stage, checks on the real consolidations in
``../shared/corpus/pk_statutes`` (PECA and the PPC: every footnote found and
every amendment note read), the fictional sample amending Act, and property
tests that the parsers never raise and stay bounded on arbitrary text.
"""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract import extract_pdf
from ingest.parse.amendments import (
    ACTIONS,
    KNOWN_ACT_DATES,
    AmendmentNote,
    VersionPeriod,
    build_periods,
    canonical_act,
    find_footnotes,
    in_force_on,
    parse_amending_act,
    parse_note,
    parse_notes,
)
from lawdb.models.statutes import AmendmentAction
from tests.paths import SAMPLES

# --------------------------------------------------------------------------------------------
# parse_note
# --------------------------------------------------------------------------------------------

def case(text: str, action: str, act: str | None, *, title: str | None = None, year: int | None = None,
         section: str | None = None, effective: date | None = None, targets: tuple[str, ...] = (),
         old: str | None = None):
    """A row of :data:`NOTES`: a note as printed and what :func:`parse_note` must read from it."""
    return pytest.param(text, (action, act, title, year, section, effective, targets, old), id=text[:40])


ZINA = "Offence of Zina (Enforcement of Hudood) Ordinance, 1979"
CENTRAL_LAWS = "Central Laws (Statute Reform) Ordinance, 1960"
E18 = "Constitution (Eighteenth Amdt.) Act, 2010"

NOTES = [
    # the forms of the brief and of PECA / the PPC
    case("Ins. by Act X (Second Amdt.) of 2016, s. 4.", "insert", "Act X of 2016", year=2016, section="4"),
    case("Subs. by Ord. 86 of 02, s.2 & Sch.I.", "substitute", "Ordinance LXXXVI of 2002", year=2002,
         section="2"),
    case("ss.292B and 292C omitted by Act. XXXVII of 2023, s.13.", "omit", "Act XXXVII of 2023", year=2023,
         section="13", targets=("292B", "292C")),
    case("Ins. by Act No. II of 2025, s.2.", "insert", "Act II of 2025", year=2025, section="2"),
    case("Ins. by XXXVII of 2023, s. 2.", "insert", "Act XXXVII of 2023", year=2023, section="2"),
    case("Subs. by the Establishment of Telecommunication Appellate Tribunal Act, 2024 (Act No. XXV of "
         "2024), s. 7.", "substitute", "Act XXV of 2024",
         title="Establishment of Telecommunication Appellate Tribunal Act, 2024", year=2024, section="7"),
    case("Omitted by Criminal Laws (Amendment) Act, 2025 (Act No. XXVII of 2025), s.3", "omit",
         "Act XXVII of 2025", title="Criminal Laws (Amendment) Act, 2025", year=2025, section="3"),
    case("Ins. by the Criminal Laws (Amendment) Act, 2016 (X of 2016), s. 4.", "insert", "Act X of 2016",
         title="Criminal Laws (Amendment) Act, 2016", year=2016, section="4"),
    case("Subs. by Ord. LXXXVI of 02, s.2 & Sch.I.", "substitute", "Ordinance LXXXVI of 2002", year=2002,
         section="2"),
    case("Sub.by ord No.86 of 2002,s.2 & sch.I, “five hundred rupees”.", "substitute",
         "Ordinance LXXXVI of 2002", year=2002, section="2", old="five hundred rupees"),
    case("Added by ord.LIV of 1984,s.2", "add", "Ordinance LIV of 1984", year=1984, section="2"),
    case("Subs. By Ordinance XXXIX of 2001", "substitute", "Ordinance XXXIX of 2001", year=2001),
    case("Omitted by Ordi. XXXIX of 2001.", "omit", "Ordinance XXXIX of 2001", year=2001),
    case("Subs. by P. O. No. 14 of 1985, Art. 2 and Sch., for ‘‘basic’’.", "substitute", "P.O. 14 of 1985",
         year=1985, section="2", old="basic"),
    case("Subs. by the Federal Adaptation of Laws Order, 1975 (P.O. No. 4 of 1975), Art. 2 and Table, for "
         "“Central”.", "substitute", "P.O. 4 of 1975", title="Federal Adaptation of Laws Order, 1975",
         year=1975, section="2", old="Central"),
    case("Rep. by Act 17 of 1862.", "repeal", "Act XVII of 1862", year=1862),
    case("Renumbered by Act XLIV of 2016, s. 3.", "renumber", "Act XLIV of 2016", year=2016, section="3"),
    case("Subs. vide Act I of 2005, s. 6.", "substitute", "Act I of 2005", year=2005, section="6"),
    case("Ins. by Act (XLIII of 2016), s. 2.", "insert", "Act XLIII of 2016", year=2016, section="2"),
    case("Added by Act I of 05,s.4.", "add", "Act I of 2005", year=2005, section="4"),
    case("Subs. by Act XVI of 1991(Second Amendment), s. 2.", "substitute", "Act XVI of 1991", year=1991,
         section="2"),
    case("Ins. by F.O. 3 of 1979, s. 2.", "insert", "F.O. 3 of 1979", year=1979, section="2"),
    # Adaptation Orders, "w.e.f." dates in their printed forms, quoted words replaced
    case("Subs. by A. O., 1961, Art. 2 and Sch., for “the Queen” (w.e.f. 23rd March, 1956).", "substitute",
         "A.O. 1961", year=1961, section="2", effective=date(1956, 3, 23), old="the Queen"),
    case("Subs. by the Central Laws (Statute Reform) Ordinance, 1960 (21 of 1960), s. 3 and 2nd Sch. "
         "(w.e.f.14th October, 1955), for \"the Provinces and the Capital of the Federation\" which had been "
         "subs. by A. O., 1949, Arts. 3(2) and 4, for \"British India\" .", "substitute",
         "Ordinance XXI of 1960", title=CENTRAL_LAWS, year=1960, section="3", effective=date(1955, 10, 14),
         old="the Provinces and the Capital of the Federation"),
    case("Subs. ins. & added by Act XV of 2010, s. 2 (w.e.f. 3-10-2007).", "amend", "Act XV of 2010",
         year=2010, section="2", effective=date(2007, 10, 3)),
    case("The words “or to the unnatural lust of any person,” omitted by the Offence of Zina (Enforcement of "
         "Hudood) Ordinance, 1979 (7 of 1979),s.19 (w.e.f. 10th Fehruary,1979).", "omit",
         "Ordinance VII of 1979", title=ZINA, year=1979, section="19", effective=date(1979, 2, 10),
         old="or to the unnatural lust of any person,"),
    case("Rep. by the Offence of Zina (Enforcement of Hudood) Ordinance, 1979 (VlI of 1979), s. 19 (w.e.f "
         "the 10th day of February, 1979).", "repeal", "Ordinance VII of 1979", title=ZINA, year=1979,
         section="19", effective=date(1979, 2, 10)),
    # words replaced or removed, quoted before the verb
    case("The words and figures \"on or after the said first day of May, 1861\" rep. by Act 12 of 1891.",
         "repeal", "Act XII of 1891", year=1891, old="on or after the said first day of May, 1861"),
    case("The words \"or to transportation\" omitted by the Law Reforms Ordinance, 1972 (12 of 1972), s. 2 "
         "and Sch.", "omit", "Ordinance XII of 1972", title="Law Reforms Ordinance, 1972", year=1972,
         section="2", old="or to transportation"),
    # the note names the section it concerns
    case("Subs. by the Indian Penal Code Amdt. Act, 1898 (4 of 1898), s. 2, for the original section 4.",
         "substitute", "Act IV of 1898", title="Indian Penal Code Amdt. Act, 1898", year=1898, section="2",
         targets=("4",)),
    case("S. 123A ins. by the Pakistan Penal Code (Amdt.) Act, 1950 (71 of 1950), section 2.", "insert",
         "Act LXXI of 1950", title="Pakistan Penal Code (Amdt.) Act, 1950", year=1950, section="2",
         targets=("123A",)),
    case("Ss. 489A to 489D ins. by the Currency Notes Forgery Act, 1899 (12 of 1899), s. 2.", "insert",
         "Act XII of 1899", title="Currency Notes Forgery Act, 1899", year=1899, section="2",
         targets=("489A", "489B", "489C", "489D")),
    case("Subs. by Act II of 1997, s.7 (for sections 299 to 338).", "substitute", "Act II of 1997", year=1997,
         section="7", targets=tuple(str(n) for n in range(299, 339))),
    case("S. 374 was re-numbered as sub-section (1) of that section by the Pakistan Penal Code (Amdt.) Act, "
         "1958 (36 of 1958), s. 2.", "renumber", "Act XXXVI of 1958",
         title="Pakistan Penal Code (Amdt.) Act, 1958", year=1958, section="2", targets=("374",)),
    # several instruments: the main clause counts, and the latest of a "successively" list
    case("Section 5 as amended by Act 14 of 1870, Act 10 of 1927, s. 2 and Sch. I, A. O., 1937, A. O., "
         "1949, Arts. 3 and 4, Ord. 21 of 1960, s. 3 and 2nd Sch., and A. O., 1961, have been subs. by "
         "Ordinance 27 of 1981, s. 3 and II Sch., to read as above.", "substitute", "Ordinance XXVII of 1981",
         year=1981, section="3", targets=("5",)),
    case("The original words \"the limits of the said territories\" have successively been amended by A. O., "
         "1937, Sch., A. O., 1949, and the Central Laws (Statute Reform) Ordinance, 1960 (21 of 1960), s. 3 "
         "and 2nd Sch., (w.e.f 14th October' 1955), to read as above.", "amend", "Ordinance XXI of 1960",
         title=CENTRAL_LAWS, year=1960, section="3", effective=date(1955, 10, 14),
         old="the limits of the said territories"),
    case("The words \"or before a Military Court of Request\" were rep. by the Cantonments Act, 1889 (13 of "
         "1889). Act 13 of 1889 was rep. by the Cantonments Act, 1910 (15 of 1910).", "repeal",
         "Act XIII of 1889", title="Cantonments Act, 1889", year=1889,
         old="or before a Military Court of Request"),
    # the Sindh Judicial Academy's style
    case("“Word” Subs. by Fed. Act. No. III of 2022, S. 2, dt, 17 Jan, 2022", "substitute", "Act III of 2022",
         year=2022, section="2"),
    # the Constitution's style
    case("Ins. by the Constitution (Twenty-fifth Amdt.) Act, 2018 (37 of 2018), s. 2.", "insert",
         "Act XXXVII of 2018", title="Constitution (Twenty-fifth Amdt.) Act, 2018", year=2018, section="2"),
    case("Subs. by the Revival of the Constitution of 1973 Order, 1985 (P.O. No. 14 of 1985), Art. 2 and "
         "Sch., for ‘‘Parliament’’.", "substitute", "P.O. 14 of 1985",
         title="Revival of the Constitution of 1973 Order, 1985", year=1985, section="2", old="Parliament"),
    case("New Article 2A ins. by P.O. No. 14 of 1985, Art. 2 and Sch.", "insert", "P.O. 14 of 1985",
         year=1985, section="2", targets=("2A",)),
    case("Existing clause (1A) stands omitted as consequence of the (Eighteenth Amdt.) Act, 2010 (10 of "
         "2010), see section 2.", "omit", "Act X of 2010", title="(Eighteenth Amdt.) Act, 2010", year=2010),
    case("New clause (6) ins. and shall be deemed always to have been so ins. with effect from the 21st day "
         "of August 2002 by the Constitution (Eighteenth Amdt.) Act, 2010 (10 of 2010), s. 83.", "insert",
         "Act X of 2010", title=E18, year=2010, section="83", effective=date(2002, 8, 21)),
    case("In this section for the word \"simple\" the word \"rigorous\" has been subs. in its application to "
         "the Province of West Pakistan by (W. P. Act 32 of 1964), s. 2.", "substitute",
         "W.P. Act XXXII of 1964", year=1964, section="2", old="simple"),
    case("Subs. by S.R.O. 1280 (I)/05, dated 20-12-05.", "substitute", "S.R.O. 1280(I)/2005", year=2005),
]


@pytest.mark.parametrize("text, expected", NOTES)
def test_parse_note(text: str, expected: tuple) -> None:
    note = parse_note(text)
    assert note is not None
    assert (note.action, note.amending_act, note.amending_act_title, note.year, note.amending_section,
            note.effective_date, note.targets, note.old_text) == expected
    assert note.raw == text.strip()


@pytest.mark.parametrize("text, actions", [
    ("Subs. and Ins. by Act No. XXXVII of 2023, ss.3-4", ("substitute", "insert")),
    ("Subs., and Ins. by Act No. II of 2025, s.9-10.", ("substitute", "insert")),
    ("Subs., Omitted, added and ins. by Act No. II of 2025, ss.12-13.",
     ("substitute", "omit", "add", "insert")),
    ("Renumber, subs. and added by Act XLIV of 2016, s. 4.", ("renumber", "substitute", "add")),
    ("Numbered and added by Act No. II of 2025, s.14.", ("renumber", "add")),
    ("Added, subs & ins. by Act I of 05, s.11.", ("add", "substitute", "insert")),
])
def test_a_note_with_several_changes_is_amend_and_lists_them(text: str, actions: tuple[str, ...]) -> None:
    note = parse_note(text)
    assert note is not None and note.action == "amend" and note.actions == actions
    assert note.amending_act is not None and note.amending_section is not None


def test_the_instrument_date_printed_in_a_note() -> None:
    note = parse_note("“Word” Subs. by Fed. Act. No III of 2022, S. 6(a), dt 17 Jan, 2022")
    assert note is not None
    assert (note.act_date, note.amending_section, note.effective_date) == (date(2022, 1, 17), "6(a)", None)


@pytest.mark.parametrize("text", [
    "See footnote 9 on page 5, supra.",
    "The Pakistan Penal Code has been declared in force in__ It has been applied to Phulera in the Excluded "
    "Area of Upper Tanawal ... It has also been amended in its application to the Province of West Pakistan "
    "by the Pakistan Penal Code (West Pakistan Amdt.) Act, 1963 (W.P. Act 6 of 1963), s. 2.",
    "An offence punishable under sections 273, 274, 275 & 276 of the Pakistan Penal Code will be tried and "
    "punished by a Military Court, See Notification No. 57/ 1 (1) 1943/AJAG/CMLA/82 dt. 16-11-82",
    "Ins. 295-C, the words \"or imprisonment for life\" ceased to have effect w.e.f. 30-4-91, vide Shariat "
    "Petition No. 6/L of 1987, see PLD 1991, Vol. XLIII, FSC-10.",
    "For 'counterfeiting' and 'forging' of currency Notes and Bank Notes, see C.M.L.A. Secretariat "
    "Notification",
    "As to punishment for an offence under s. 354 enquired into by a Council of Elders, see the Frontier "
    "Crime Regulation, 1901 (3 of 1901), s.12.",
    "Article 271 shall, during the period of five years from the 27th October, 1973, have effect as if, in "
    "clause (3) thereof, the words \"or otherwise\" were inserted.",
    "Act No. XLV OF 1860",
    "",
    "   ",
])
def test_notes_that_are_not_amendment_notes(text: str) -> None:
    assert parse_note(text) is None


def test_ibid_takes_the_instrument_of_the_note_before() -> None:
    notes = parse_notes([
        "Subs. by the Repealing and Amending Act, 1927 (10 of 1927), s. 2 and Sch.I, for “or sailor”.",
        "See footnote 9 on page 5, supra.",
        "Subs. ibid, for “or Navy”.",
        "Added ibid , s. 4.",
    ])
    assert notes[1] is None
    ibid, added = notes[2], notes[3]
    assert ibid is not None and added is not None
    assert (ibid.amending_act, ibid.amending_section, ibid.old_text, ibid.ibid) == (
        "Act X of 1927", "2", "or Navy", True)
    assert (added.action, added.amending_act, added.amending_section) == ("add", "Act X of 1927", "4")
    # alone, "ibid" names nothing
    alone = parse_note("Subs. ibid, for “or Navy”.")
    assert alone is not None and alone.ibid and alone.amending_act is None


def test_actions_are_the_models_actions() -> None:
    assert set(ACTIONS) == {action.value for action in AmendmentAction}


def test_canonical_act_names() -> None:
    assert canonical_act("Act", 37, 2023) == "Act XXXVII of 2023"
    assert canonical_act("Ordinance", 86, 2002) == "Ordinance LXXXVI of 2002"
    assert canonical_act("P.O.", 14, 1985) == "P.O. 14 of 1985"


# --------------------------------------------------------------------------------------------
# find_footnotes
# --------------------------------------------------------------------------------------------

def page(*lines: str) -> str:
    return "\n".join(lines)


FOOTNOTE_PAGES = [
    # Pakistan Code: the marker alone on its line, the note below; body markers before "[" are not notes
    (page("(iii) “access to information system” means gaining control;", "1",
          "[(iiia) “aspersion” means spreading false information;]", "1", "Ins. by Act No. II of 2025, s.2."),
     [("1", "Ins. by Act No. II of 2025, s.2.")]),
    # glued markers, a note over two lines, a page number under the last note
    (page("body text 2", "[six hundred rupees].",
          "1S. 263A ins. by the Indian Criminal Law (Amdt.) Act, 1895 (3 of 1895),", "s.2.",
          "2Subs. by Ord. 86 of 02, s.2 and Sch. I.", "96"),
     [("1", "S. 263A ins. by the Indian Criminal Law (Amdt.) Act, 1895 (3 of 1895), s.2."),
      ("2", "Subs. by Ord. 86 of 02, s.2 and Sch. I.")]),
    # "23" over "rd" (a superscript) is not a marker
    (page("text 8", "[the President]", "8Subs. by A.O., 1961, Art. 2 and Sch., for “His Majesty” (w.e.f.",
          "23", "rd March, 1956)."),
     [("8", "Subs. by A.O., 1961, Art. 2 and Sch., for “His Majesty” (w.e.f. 23 rd March, 1956).")]),
    # OCR's "81ns." is note 8 "Ins."; a star note; numbering need not start at 1
    (page("7Subs.by Act XVI of 1991(Second Amendment), s. 2.",
          "81ns. by the Pakistan Penal Code (Amdt.) Ordinance, 1982 (1 of 1982) s. 2.",
          "9", "Ins. by Act III of 1986, s. 2.",
          "*", "Ins. 295-C, the words \"or imprisonment for life\" ceased to have effect w.e.f. 30-4-91."),
     [("7", "Subs.by Act XVI of 1991(Second Amendment), s. 2."),
      ("8", "Ins. by the Pakistan Penal Code (Amdt.) Ordinance, 1982 (1 of 1982) s. 2."),
      ("9", "Ins. by Act III of 1986, s. 2."),
      ("*", "Ins. 295-C, the words \"or imprisonment for life\" ceased to have effect w.e.f. 30-4-91.")]),
    # page footers and a register line are not part of the last note
    (page("(3) It shall come into force at once.",
          "1 Ins. by the Child Online Safety (Amendment) Act, 2023 (XII of 2023), s. 2.",
          "2 Subs. by Act XII of 2023, s. 3, for \"three\".", "Page 3 of 5",
          "Fictional sample written for lawdb"),
     [("1", "Ins. by the Child Online Safety (Amendment) Act, 2023 (XII of 2023), s. 2."),
      ("2", "Subs. by Act XII of 2023, s. 3, for \"three\".")]),
    (page("made or issued thereunder.]", "________", "1Numbered and added by Act No. II of 2025, s.14.",
          "RGN: Dated 07-02-2025"),
     [("1", "Numbered and added by Act No. II of 2025, s.14.")]),
    # notes glued on one line, and markers left at the end of the line above their notes
    (page("________ 1See footnote 9 on page 5, supra. 2Subs. by the Constitution (Fourth Amdt.) Act,",
          "1975 (71 of 1975), s. 2.", " 3", "Subs. by P.O. No. 24 of 1985, Art. 4, for “clause (3)”. 4",
          "Ins. by the Constitution (Twenty-sixth Amdt.) Act 2024 (26 of 2024), s. 18."),
     [("1", "See footnote 9 on page 5, supra."),
      ("2", "Subs. by the Constitution (Fourth Amdt.) Act, 1975 (71 of 1975), s. 2."),
      ("3", "Subs. by P.O. No. 24 of 1985, Art. 4, for “clause (3)”."),
      ("4", "Ins. by the Constitution (Twenty-sixth Amdt.) Act 2024 (26 of 2024), s. 18.")]),
    # the Sindh Judicial Academy's: numbering runs on across pages, body markers follow the words
    (page("the [Law and Justice Division]", "4", "in consultation with the concerned Sessions Judge", "4",
          "“Word” Subs. by Fed. Act. III of 2022, S. 5, dt 17 Jan, 2022"),
     [("4", "“Word” Subs. by Fed. Act. III of 2022, S. 5, dt 17 Jan, 2022")]),
    # contents lines, section headings and body text are not footnotes
    (page("52 Removal of difficulties", "53. Report to Parliament", "54. Amendment of Ordinance"), []),
    (page("Provided that nothing in this section shall apply.", "(2) The Court may order.", ""), []),
    (page("XXXIII.—Summons to Assessor or Juror", "Omitted By LRO 1972, item 213",
          "XXXIV.—Warrant of Commitment (See Section 374)"), []),
    ("", []),
]


@pytest.mark.parametrize("raw, expected", FOOTNOTE_PAGES, ids=[str(i) for i in range(len(FOOTNOTE_PAGES))])
def test_find_footnotes(raw: str, expected: list[tuple[str, str]]) -> None:
    assert find_footnotes("", raw) == expected


def test_find_footnotes_falls_back_to_the_cleaned_text() -> None:
    note = "Subs., Omitted, added and ins. by Act No. II of 2025, ss.12-13."
    cleaned = f"(2) Any action repealed by sub-section 1{note}"
    assert find_footnotes(cleaned) == [("1", note)]
    assert find_footnotes(cleaned, "no notes on this page") == find_footnotes(cleaned)


def test_crlf_and_pdfium_hyphen_marks() -> None:
    raw = "a report stating\ufffe1 Ins. by Act XII of 2023, s. 2.\r\n2 Subs. by Act XII of 2023, s. 3."
    assert find_footnotes("", raw) == [
        ("1", "Ins. by Act XII of 2023, s. 2."), ("2", "Subs. by Act XII of 2023, s. 3.")]


# --------------------------------------------------------------------------------------------
# The real consolidations
# --------------------------------------------------------------------------------------------

_EXTRACTED: dict[Path, list] = {}


def _pages(path: Path) -> list:
    if path not in _EXTRACTED:
        if not path.is_file():
            pytest.fail(f"{path} not found (set LAWDB_SHARED_DIR to the shared folder)")
        _EXTRACTED[path] = extract_pdf(path, ocr=False).pages
    return _EXTRACTED[path]


def _all_notes(path: Path) -> list[tuple[int, str, str]]:
    return [(page.number, marker, text)
            for page in _pages(path) for marker, text in find_footnotes(page.text, page.raw_text)]


def test_peca_every_footnote_is_an_amendment_note(shared_dir: Path) -> None:
    found = _all_notes(shared_dir / "corpus/pk_statutes/PECA_2016_as_amended_2023_2025.pdf")
    parsed = parse_notes([text for _, _, text in found])
    assert len(found) == 24
    assert all(parsed), [f for f, n in zip(found, parsed, strict=True) if n is None]
    by_page = {(page, marker): note for (page, marker, _), note in zip(found, parsed, strict=True)}
    first = by_page[(6, "1")]
    assert first is not None
    assert (first.action, first.amending_act, first.amending_section) == ("insert", "Act II of 2025", "2")
    telecom = by_page[(32, "1")]
    assert telecom is not None and telecom.amending_act == "Act XXV of 2024"
    assert telecom.amending_act_title == "Establishment of Telecommunication Appellate Tribunal Act, 2024"
    acts = {n.amending_act for n in parsed if n}
    assert acts == {"Act II of 2025", "Act XXXVII of 2023", "Act XXV of 2024"}
    # the last note is not run on into the register line under it
    assert found[-1][2] == "Numbered and added by Act No. II of 2025, s.14."


def test_ppc_every_amendment_note_is_read(shared_dir: Path) -> None:
    found = _all_notes(shared_dir / "corpus/pk_statutes/PPC_1860_as_amended_to_Nov2025.pdf")
    parsed = parse_notes([text for _, _, text in found])
    assert len(found) == 361
    unread = [(number, marker) for (number, marker, _), n in zip(found, parsed, strict=True) if n is None]
    # the seven notes that record no amendment: the Code's extent, military-court trials (twice), two
    # judgments that struck words down, and a pointer to a martial-law notification (twice)
    assert unread == [
        (30, "1"), (98, "*"), (99, "*"), (103, "*"), (103, "*"), (168, "2"), (168, "4")]
    notes = [n for n in parsed if n is not None]
    assert len(notes) == 354
    assert all(n.amending_act or n.amending_act_title for n in notes)
    by_page = {(page, marker): note for (page, marker, _), note in zip(found, parsed, strict=True)}
    ins = by_page[(102, "1")]
    omitted = by_page[(102, "2")]
    assert ins is not None and omitted is not None
    assert (ins.action, ins.amending_act, ins.amending_section) == ("insert", "Act X of 2016", "4")
    assert (omitted.action, omitted.amending_act) == ("omit", "Act XXXVII of 2023")
    assert omitted.targets == ("292B", "292C")


def test_the_sample_consolidation_footnotes() -> None:
    found = [(p.number, m, t) for p in _pages(SAMPLES / "statute_child_online_safety_act.pdf")
             for m, t in find_footnotes(p.text, p.raw_text)]
    assert [(page, marker) for page, marker, _ in found] == [(3, "1"), (3, "2"), (4, "3"), (4, "4")]
    notes = parse_notes([t for _, _, t in found])
    assert [(n.action, n.amending_act, n.amending_section) for n in notes if n] == [
        ("insert", "Act XII of 2023", "2"), ("substitute", "Act XII of 2023", "3"),
        ("omit", "Act XII of 2023", "4"), ("insert", "Act XII of 2023", "5")]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\ufffe", "").replace("“", '"').replace("”", '"')).strip()


def test_known_act_dates_are_printed_in_the_corpus(shared_dir: Path) -> None:
    for known in KNOWN_ACT_DATES.values():
        path = shared_dir / "corpus" / known.source.split(" ")[0]
        text = _flat(" ".join(p.raw_text for p in _pages(path)))
        assert _flat(known.evidence) in text, known.act
        # the evidence is a note that gives exactly this act and date
        note = parse_note(known.evidence)
        assert note is not None and note.amending_act == known.act
        assert known.effective in (note.effective_date, note.act_date)


# --------------------------------------------------------------------------------------------
# Amending Acts
# --------------------------------------------------------------------------------------------

def test_the_sample_amending_act() -> None:
    pages = [p.text for p in _pages(SAMPLES / "amending_act_2023.pdf")]
    facts = parse_amending_act(pages)
    assert facts.title == "The Child Online Safety (Amendment) Act, 2023"
    assert (facts.act_number, facts.year) == ("XII of 2023", 2023)
    assert facts.target_title == "Child Online Safety (Fictional Sample) Act, 2021"
    assert facts.act_date == facts.commencement == date(2023, 8, 10)  # "shall come into force at once"
    got = [(i.target_section, i.sub_path, i.action, i.old_text, i.new_label) for i in facts.instructions]
    assert got == [
        ("5", None, "insert", None, "5A"),
        ("6", "(1)", "substitute", "three", None),
        ("7", "(1)(c)", "omit", None, None),
        ("7", None, "insert", None, "7A"),
        ("7", None, "insert", None, "7B"),
    ]
    five_a, six, seven_c, seven_a, seven_b = facts.instructions
    assert six.new_text == "five"
    assert five_a.new_text is not None and five_a.new_text.startswith("5A. Safety settings for child users.")
    assert seven_a.new_text is not None and seven_a.new_text.startswith("7-A. Preservation of records.")
    assert seven_b.new_text is not None and seven_b.new_text.startswith("7-B. Designated safety officer.")
    assert seven_b.new_text.endswith("ensuring compliance with this Act.")
    for instruction in facts.instructions:
        page = pages[instruction.page_number - 1]
        start, end = instruction.span
        assert page[start:end] and instruction.raw.startswith(page[start:end][:40])
    assert pages[six.page_number - 1][six.span[0]:six.span[1]].startswith("In the said Act, in section 6,")
    assert seven_c.raw == "In the said Act, in section 7, in sub-section (1), clause (c) shall be omitted"


# Written for these tests in the phrasing of real Gazette Acts; the Acts are fictional.
PECA_AMENDMENT = """THE PREVENTION OF ELECTRONIC CRIMES (AMENDMENT) ACT, 2025
ACT NO. V OF 2025
[29th January, 2025]
An Act further to amend the Prevention of Electronic Crimes Act, 2016
WHEREAS it is expedient further to amend the Prevention of Electronic Crimes Act, 2016 (XL of 2016), for the \
purposes hereinafter appearing;
It is hereby enacted as follows:-
1. Short title and commencement.- (1) This Act may be called the Prevention of Electronic Crimes (Amendment) \
Act, 2025.
(2) It shall come into force on the 1st day of March, 2025.
2. Amendment of section 2, Act XL of 2016.- In the Prevention of Electronic Crimes Act, 2016 (XL of 2016), \
hereinafter referred to as the said Act, in section 2, in sub-section (1),-
(a) after clause (iii), the following new clause shall be inserted, namely:-
"(iiia) "aspersion" means spreading false and harmful information;"; and
(b) in clause (x), the words "or any other law" shall be omitted.
3. Substitution of section 22, Act XL of 2016.- In the said Act, for section 22, the following shall be \
substituted, namely:-
"22. Child sexual abuse material.- (1) Whoever intentionally produces such material shall be punished with \
imprisonment which may extend to fourteen years.".
4. Omission of section 13.- In the said Act, section 13 shall be omitted.
5. Amendment of section 20.- In the said Act, in section 20, for the words "three years" the words \
"five years" shall be substituted.
6. Amendment of section 8.- In the said Act, in section 8,-
(a) in sub-section (1), for the word "ten" the word "twenty" shall be substituted; and
(b) after sub-section (2), the following new sub-section shall be added, namely:-
"(3) Nothing in this section applies to a licensee.".
7. Insertion of new section 26A.- In the said Act, after section 26, the following new section shall be \
inserted, namely:-
"26A. False and fake information.- Whoever intentionally disseminates fake information shall be \
punished with imprisonment which may extend to three years.".
"""

CRIMINAL_LAWS_AMENDMENT = """THE CRIMINAL LAWS (AMENDMENT) ACT, 2023
ACT NO. XXXVII OF 2023
An Act further to amend the Pakistan Penal Code, 1860 and the Prevention of Electronic Crimes Act, 2016
1. Short title and commencement.-(1) This Act may be called the Criminal Laws (Amendment) Act, 2023.
(2) It shall come into force at once.
2. Amendment of section 292A, Act XLV of 1860.- In the Pakistan Penal Code, 1860 (Act XLV of 1860), \
hereinafter referred to as the said Code, in section 292-A, for the word "seven" the word "ten" shall be \
substituted.
3. Omission of sections 292B and 292C, Act XLV of 1860.- In the said Code, sections 292B and 292C shall \
be omitted.
4. Amendment of section 2, Act XL of 2016.- In the Prevention of Electronic Crimes Act, 2016 (XL of 2016), \
hereinafter referred to as the said Act, in section 2, in clause (a), the words "in any form" shall be \
omitted.
5. Amendment of section 4.- In the said Act, in section 4, in sub-section (2), after clause (c), the \
following new clause shall be added, namely:-
"(d) any other matter.".
6. Amendment of section 374.- In the said Code, section 374 shall be re-numbered as sub-section (1) of that \
section.
"""


def test_an_amending_act_with_the_usual_phrasings() -> None:
    facts = parse_amending_act([PECA_AMENDMENT])
    assert facts.title == "The Prevention of Electronic Crimes (Amendment) Act, 2025"
    assert (facts.act_number, facts.year, facts.act_date) == ("V of 2025", 2025, date(2025, 1, 29))
    assert facts.commencement == date(2025, 3, 1)
    assert facts.target_title == "Prevention of Electronic Crimes Act, 2016"
    got = [(i.target_section, i.sub_path, i.action, i.old_text, i.new_label) for i in facts.instructions]
    assert got == [
        ("2", "(1)", "insert", None, "(iiia)"),
        ("2", "(1)(x)", "omit", "or any other law", None),
        ("22", None, "substitute", None, None),
        ("13", None, "omit", None, None),
        ("20", None, "substitute", "three years", None),
        ("8", "(1)", "substitute", "ten", None),
        ("8", None, "add", None, "(3)"),
        ("26", None, "insert", None, "26A"),
    ]
    by_key = {(i.target_section, i.action): i for i in facts.instructions}
    aspersion = by_key["2", "insert"].new_text
    assert aspersion == '(iiia) "aspersion" means spreading false and harmful information;'
    assert by_key["22", "substitute"].new_text.startswith("22. Child sexual abuse material.")
    assert by_key["20", "substitute"].new_text == "five years"
    assert by_key["26", "insert"].new_text.startswith("26A. False and fake information.")
    assert by_key["8", "add"].raw.startswith("(b) after sub-section (2)")
    for instruction in facts.instructions:
        assert instruction.page_number == 1
        assert PECA_AMENDMENT[instruction.span[0]:instruction.span[1]].startswith(instruction.raw[:30])
        assert instruction.target_title == "Prevention of Electronic Crimes Act, 2016"


def test_an_act_amending_two_laws() -> None:
    facts = parse_amending_act([CRIMINAL_LAWS_AMENDMENT])
    assert facts.target_title == "Pakistan Penal Code, 1860"
    assert facts.commencement is None  # "at once", and the Act's date is not printed
    got = [(i.target_title, i.target_section, i.sub_path, i.action, i.old_text, i.new_text, i.new_label)
           for i in facts.instructions]
    assert got == [
        ("Pakistan Penal Code, 1860", "292A", None, "substitute", "seven", "ten", None),
        ("Pakistan Penal Code, 1860", "292B", None, "omit", None, None, None),
        ("Pakistan Penal Code, 1860", "292C", None, "omit", None, None, None),
        ("Prevention of Electronic Crimes Act, 2016", "2", "(a)", "omit", "in any form", None, None),
        ("Prevention of Electronic Crimes Act, 2016", "4", "(2)", "add", None, "(d) any other matter.",
         "(d)"),
        ("Pakistan Penal Code, 1860", "374", None, "renumber", None, None, "(1)"),
    ]


def test_an_act_over_two_pages_keeps_page_spans() -> None:
    split = PECA_AMENDMENT.index("5. Amendment of section 20.")
    pages = [PECA_AMENDMENT[:split], PECA_AMENDMENT[split:]]
    facts = parse_amending_act(pages)
    twenty = next(i for i in facts.instructions if i.target_section == "20")
    assert twenty.page_number == 2
    assert pages[1][twenty.span[0]:twenty.span[1]] == twenty.raw


def test_an_act_with_nothing_recognisable() -> None:
    facts = parse_amending_act(["A page of a judgment, not an Act.", ""])
    assert (facts.title, facts.act_number, facts.target_title, facts.instructions) == ("", None, None, [])
    assert parse_amending_act([]).instructions == []


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------

def _note(text: str) -> AmendmentNote:
    note = parse_note(text)
    assert note is not None
    return note


INSERTED_2016 = _note("Ins. by Act X (Second Amdt.) of 2016, s. 4.")
OMITTED_2023 = _note("ss.292B and 292C omitted by Act. XXXVII of 2023, s.13.")
SUBSTITUTED_2025 = _note("Subs. by Act No. II of 2025, s.4.")
PECA_ENACTED = date(2016, 8, 18)


def test_a_section_inserted_then_omitted() -> None:
    periods = build_periods("[Omitted]", "omitted", date(1860, 10, 6), [INSERTED_2016, OMITTED_2023])
    assert [(p.valid_from, p.valid_to, p.text, p.omitted, p.uncertain_until) for p in periods] == [
        (date(2016, 1, 1), date(2023, 1, 1), None, False, date(2017, 1, 1)),
        (date(2023, 1, 1), None, None, True, date(2024, 1, 1)),
    ]
    assert "this consolidation prints only the omission" in periods[0].note
    assert "exact date of Act X of 2016 is not known" in periods[0].note
    assert periods[0].source == "Ins. by Act X (Second Amdt.) of 2016, s. 4."
    assert in_force_on(periods, date(2015, 6, 1)) == ("not_yet", None)
    assert in_force_on(periods, date(2016, 6, 1))[0] == "unknown"  # Act X of 2016's day is not known
    assert in_force_on(periods, date(2019, 6, 1)) == ("in_force", periods[0])
    assert in_force_on(periods, date(2023, 6, 1))[0] == "unknown"
    assert in_force_on(periods, date(2024, 1, 1)) == ("omitted", periods[1])


def test_a_section_substituted_keeps_only_the_current_text() -> None:
    periods = build_periods("20. Offences against dignity of a natural person.", "in_force", PECA_ENACTED,
                            [SUBSTITUTED_2025])
    assert [(p.valid_from, p.valid_to, p.text) for p in periods] == [
        (PECA_ENACTED, date(2025, 1, 1), None),
        (date(2025, 1, 1), None, "20. Offences against dignity of a natural person."),
    ]
    assert periods[0].note == "text before the 2025 amendment by Act II of 2025 is not in the collection"
    assert in_force_on(periods, date(2016, 1, 1)) == ("not_yet", None)
    assert in_force_on(periods, date(2020, 1, 1)) == ("in_force", periods[0])
    # in force either way in 2025, but which text applied is not known
    state, window = in_force_on(periods, date(2025, 6, 1))
    assert state == "in_force" and window is not None and window.text is None and "uncertain" in window.note
    assert in_force_on(periods, date(2026, 1, 1)) == ("in_force", periods[1])


def test_a_printed_date_is_used_and_no_window_is_left() -> None:
    note = _note("Subs. ins. & added by Act XV of 2010, s. 2 (w.e.f. 3-10-2007).")
    periods = build_periods("current", "in_force", date(1860, 10, 6), [note])
    assert [(p.valid_from, p.valid_to, p.uncertain_until) for p in periods] == [
        (date(1860, 10, 6), date(2007, 10, 3), None), (date(2007, 10, 3), None, None)]
    assert in_force_on(periods, date(2007, 10, 2)) == ("in_force", periods[0])
    assert in_force_on(periods, date(2007, 10, 3)) == ("in_force", periods[1])


def test_the_table_of_known_dates_is_used() -> None:
    note = _note("Subs. by Act No. IV of 2017. s. 2.")
    periods = build_periods("182. False information ...", "in_force", None, [note])
    assert periods[1].valid_from == date(2017, 2, 16) and periods[1].uncertain_until is None
    assert "2023LHC6369" in periods[1].note


def test_a_provision_without_notes() -> None:
    assert build_periods("text", "in_force", PECA_ENACTED, []) == [
        VersionPeriod(PECA_ENACTED, None, "text", False, None, None)]
    [omitted] = build_periods(None, "omitted", None, [])
    assert omitted.omitted and omitted.text is None and "no note dating" in omitted.note
    assert in_force_on([omitted], date(2000, 1, 1))[0] == "unknown"


def test_changes_to_words_inside_a_provision() -> None:
    words = _note("Subs. by Act XLIV of 2016, s. 2.")
    periods = build_periods("53. Punishments ...", "in_force", date(1860, 10, 6), [], part_notes=[words])
    assert [(p.valid_from, p.text) for p in periods] == [(date(1860, 10, 6), None), (date(2016, 1, 1),
                                                                                       "53. Punishments ...")]
    assert in_force_on(periods, date(2016, 5, 1))[0] == "in_force"


def test_changes_on_the_same_date_make_one_period() -> None:
    a = _note("Subs. by Act No. II of 2025, s.5.")
    b = _note("Ins. by Act No. II of 2025, s.6.")
    periods = build_periods("29. Investigation agency.", "in_force", PECA_ENACTED, [a], part_notes=[b])
    assert [p.valid_from for p in periods] == [PECA_ENACTED, date(2025, 1, 1)]
    assert periods[1].source == f"{a.raw} / {b.raw}"


def test_an_undated_change_makes_the_history_uncertain() -> None:
    periods = build_periods("text", "in_force", PECA_ENACTED, [_note("Omitted.")])
    assert len(periods) == 1 and periods[0].valid_from is None
    assert in_force_on(periods, date(2020, 1, 1))[0] == "unknown"


def test_the_current_status_wins_over_contradicting_notes() -> None:
    periods = build_periods("text", "in_force", PECA_ENACTED, [OMITTED_2023])
    assert periods[-1].omitted is False and periods[-1].text == "text"
    assert "disagrees" in periods[-1].note


def test_build_periods_rejects_an_unknown_status() -> None:
    with pytest.raises(ValueError, match="current_status"):
        build_periods("text", "suspended", None, [])


def test_in_force_on_edge_cases() -> None:
    assert in_force_on([], date(2020, 1, 1)) == ("unknown", None)
    gap = [VersionPeriod(date(2000, 1, 1), date(2001, 1, 1), None, False, None, None),
           VersionPeriod(date(2002, 1, 1), None, "t", False, None, None)]
    assert in_force_on(gap, date(2001, 6, 1)) == ("unknown", None)
    assert in_force_on(gap, date(1999, 1, 1)) == ("not_yet", None)


# --------------------------------------------------------------------------------------------
# Never raise, stay bounded
# --------------------------------------------------------------------------------------------

_WORDS = [
    "Ins.", "Subs.", "by", "Act", "No.", "XXXVII", "of", "2023", "s.", "13", "ibid", "w.e.f.", "Ord.", "86",
    "02", "(", ")", "\"", "“", "”", "1", "2", "\n", "[", "]", "*", "section", "shall", "be", "substituted",
    "omitted", "inserted", "namely:-", "(a)", "(ii)", "In", "the", "said", "after", "for", "A.", "O.,",
    "1949", "P.O.", "dt", "17", "Jan,", "Page", "3", "of", "5", "\ufffe", "\r\n", "l", "81ns.",
]
_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(_WORDS), max_size=120).map(" ".join),
    st.lists(st.sampled_from(_WORDS), max_size=120).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.booleans())
def test_parse_note_never_raises(text: str, with_previous: bool) -> None:
    previous = INSERTED_2016 if with_previous else None
    note = parse_note(text, previous)
    if note is not None:
        assert note.action in ACTIONS and set(note.actions) <= set(ACTIONS)
        assert note.raw == text.strip()
        assert note.old_text is None or len(note.old_text) <= len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.one_of(st.none(), _TEXT))
def test_find_footnotes_never_raises(page_text: str, raw_text: str | None) -> None:
    notes = find_footnotes(page_text, raw_text)
    source_lines = max(len((raw_text or "").splitlines()), len(page_text.splitlines())) + 1
    assert len(notes) <= 2 * source_lines + 2 * max(len(page_text), len(raw_text or ""))
    for marker, text in notes:
        assert marker == "*" or marker.isdigit()
        assert text.strip() == text and text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, max_size=4))
def test_parse_amending_act_never_raises(pages: list[str]) -> None:
    facts = parse_amending_act(pages)
    assert len(facts.instructions) <= sum(p.count("shall") for p in pages) * 10
    for instruction in facts.instructions:
        assert 1 <= instruction.page_number <= len(pages)
        start, end = instruction.span
        assert 0 <= start <= end <= len(pages[instruction.page_number - 1])


@pytest.mark.parametrize("text", [
    "1\n" * 20_000,
    "Subs. by " * 5_000,
    "(a) in section 1, " * 5_000 + " shall be substituted",
    "\"" * 50_000,
    "the " + "Indian Penal Code Amdt " * 3_000 + "Act, 1898",
    "1Subs. by A. O., 1937, A. O., 1949, " * 2_000,
])
def test_hostile_text_is_handled_in_bounded_time(text: str) -> None:
    # a generous ceiling: the point is that no pattern backtracks without bound (each runs in well under
    # a second)
    started = time.perf_counter()
    parse_note(text)
    find_footnotes(text, text)
    parse_amending_act([text, text])
    assert time.perf_counter() - started < 20
