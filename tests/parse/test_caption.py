"""Caption stages: table-driven on realistic snippets, then on real judgments from ../shared/corpus.

The real-judgment tables say what each PDF's first and last pages really
print (read by hand); every field a row gives is checked exactly.
"""

from __future__ import annotations

import functools
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract import ExtractionError, extract_pdf
from ingest.parse.caption import (
    CaptionFacts,
    caption_region,
    find_author,
    find_bench,
    find_caption_cases,
    find_connected_cases,
    find_counsel,
    find_court,
    find_decision_date,
    find_hearing_date,
    find_judges,
    find_jurisdiction,
    find_lower_court,
    find_parties,
    find_signatures,
    parse_caption,
)
from ingest.parse.dates import parse_date
from tests.paths import SHARED

# --------------------------------------------------------------------------- snippets

SCP_CAPTION = """IN THE SUPREME COURT OF PAKISTAN
(Appellate Jurisdiction)
PRESENT:
MR. JUSTICE SARDAR TARIQ MASOOD
MR. JUSTICE AMIN-UD-DIN KHAN
MR. JUSTICE MUHAMMAD ALI MAZHAR
CRIMINAL PETITION NO.1251 OF 2022
(Against the order dated 29.08.2022 passed by Islamabad High Court, Islamabad in Crl. Misc. \
No.1013-B-2022) Javed Iqbal ...Petitioner
Versus
The State through D.A.G., Islamabad &
another …Respondents
For the petitioner : Mr. Adil Aziz Qazi, ASC.
For the respondents : Raja Shafqat Abbasi, Deputy Attorney General Pakistan.
Faisal, I.O FIA.
Date of Hearing: 01.11.2022
JUDGMENT
SARDAR TARIQ MASOOD, J: Petitioner, Javed Iqbal was arrested in case FIR No.27/19 dated 19.09.2019."""

LHC_CAPTION = """Stereo. HCJDA 38
JUDGMENT SHEET
LAHORE HIGH COURT
MULTAN BENCH MULTAN
JUDICIAL DEPARTMENT
Criminal Appeal No. 964/J/2023
Nazar Hussain and another Vs. The State
JUDGMENT
Date of hearing: 24.10.2024
For the Appellant:
Malik Muhammad Usman Bhatti, Advocate,
assisted by Mr. Mumtaz Hussain Awan,
Advocate.
For the State:
Mr. Shahid Aleem, District Public
Prosecutor.
Tariq Saleem Sheikh, J. – This appeal is directed against the judgment dated 6.10.2023 delivered by the
Additional Sessions Judge, Jatoi, in case FIR No. 497/2021 dated 26.8.2021."""

LHC_ORDER_SHEET = """Form No: HCJD/C-121
ORDER SHEET
IN THE LAHORE HIGH COURT, LAHORE
(JUDICIAL DEPARTMENT)
Case No. Crl. Misc. No.63844-B/2024 Muneeb Riaz Versus The State, etc.
Sr.No.of order/
Proceedings
Date of order/
Proceedings
Order with signatures of Judge, and that of parties or counsel, where necessary.
30.10.2024 Mr. Zaheer Nawaz, Advocate for the petitioner. Ch. Imran Qadir Bhindar, Advocate for the \
complainant.
Through instant petition under Section 497 Cr.P.C., petitioner Muneeb Riaz has sought post arrest bail
in case FIR No.57/2024. The earlier petition Crl.Misc.No.15118-B/2023 was withdrawn."""

LAW_REPORT = """1998 S C M R 516
[Supreme Court of Pakistan]
Present: Fazal Ilahi Khan, Zia Mahmood Mirza and Raja Afrasiab Khan, JJ AKHLAQ AHMAD---Petitioner
versus
SECRETARY TO THE GOVERNMENT OF PUNJAB, LOCAL
GOVERNMENT AND RURAL DEVELOPMENT DEPARTMENT, LAHORE
and 2 others---Respondents
Civil Petition for Leave to Appeal No. 1190 of 1996, decided on 16th April, 1996. (On appeal from \
the order of the Lahore High Court dated 18-3-1996 passed in W.P. 4387 of 1996).
Ghulam Mahmood Qureshi, Advocate Supreme Court with Mahmood A. Qureshi, Advocate-on-Record for Petitioner.
Nemo for Respondents.
Date of hearing: 16th April, 1996.
ORDER
RAJA AFRASIAB KHAN, J.---On 25th of October, 1995, the respondent posted Akhlaq Ahmad."""

SINDH_CAPTION = """Judgment Sheet
IN THE HIGH COURT OF SINDH, BENCH AT SUKKUR
Cr. Jail Appeal No.D–304 of 2019
Before :
Mr. Justice Muhammad Saleem Jessar
Mr. Justice Khadim Hussain Tunio
Appellant : Arz Muhammad Jagirani through
Mr. Rukhsar Ahmed M. Junejo, Advocate.
Respondent : The State through Mr. Aftab Ahmed Shar, Additional Prosecutor General.
Date of Hearing : 01.12.2021
Date of Decision : 01.12.2021
JUDGMENT
KHADIM HUSSAIN TUNIO, J.- By this judgment, we intend to dispose of the above captioned appeal."""

COURTS = [
    ("IN THE SUPREME COURT OF PAKISTAN\n(Appellate Jurisdiction)", "Supreme Court of Pakistan", None),
    ("JUDGMENT SHEET\nLAHORE HIGH COURT\nMULTAN BENCH MULTAN", "Lahore High Court", "Multan Bench"),
    ("IN THE LAHORE HIGH COURT, LAHORE\n(JUDICIAL DEPARTMENT)", "Lahore High Court", None),
    (
        "JUDGMENT SHEET\nIN THE LAHORE HIGH COURT, BAHAWALPUR BENCH,\nBAHAWALPUR.",
        "Lahore High Court",
        "Bahawalpur Bench",
    ),
    (
        "IN THE LAHORE HIGH COURT, MULTAN\nBENCH, MULTAN\n(JUDICIAL DEPARTMENT)",
        "Lahore High Court",
        "Multan Bench",
    ),
    (
        "L A H O R E H I G H C O U R T ,\nR A W A L P I N D I B E N C H R A W A L P I N D I",
        "Lahore High Court",
        "Rawalpindi Bench",
    ),
    ("IN THE HIGH COURT OF SINDH, KARACHI\nCr. Jail Appeal No.566 of 2018", "Sindh High Court", None),
    ("IN THE HIGH COURT OF SINDH, BENCH AT SUKKUR", "Sindh High Court", "Sukkur Bench"),
    (
        "ORDER SHEET\nIN THE HIGH COURT OF SINDH,\nCIRCUIT COURT, HYDERABAD.",
        "Sindh High Court",
        "Circuit Court Hyderabad",
    ),
    ("IN THE HIGH COURT OF SINDH, CIRCUIT COURT, LARKANA.", "Sindh High Court", "Circuit Court Larkana"),
    ("JUDGMENT SHEET\nIN THE ISLAMABAD HIGH COURT, ISLAMABAD", "Islamabad High Court", None),
    ("IN THE ISLAMABAD HIGH COURT.\nISLAMABADH IGH COURT", "Islamabad High Court", None),
    ("JUDGMENT SHEET\nPESHAWAR HIGH COURT, ABBOTTABAD BENCH", "Peshawar High Court", "Abbottabad Bench"),
    (
        "IN THE PESHAWAR HIGH COURT,\nMINGORA BENCH (DAR-UL-QAZA), SWAT",
        "Peshawar High Court",
        "Mingora Bench",
    ),
    ("IN THE HIGH COURT OF BALOCHISTAN, QUETTA", "Balochistan High Court", None),
    ("IN THE FEDERAL SHARIAT COURT\n(Appellate Jurisdiction)", "Federal Shariat Court", None),
    ("P L D 2015 Supreme Court 396\nPresent: Mian Saqib Nisar, JJ", "Supreme Court of Pakistan", None),
    ("1998 S C M R 516\n[Supreme Court of Pakistan]\nPresent: A B, J", "Supreme Court of Pakistan", None),
    ("INIJIF SupIZEME COURT Or' PAKISTAN\n(Appellate Jurisdiction)", "Supreme Court of Pakistan", None),
    ("IN THE SUPREME COURT OF INDIA\nCRIMINAL ORIGINAL JURISDICTION", "Supreme Court of India", None),
    ("SUPREME COURT OF THE UNITED STATES\nSyllabus", "Supreme Court of the United States", None),
    (
        "United States Court of Appeals For the First Circuit No. 12-2207",
        "United States Court of Appeals for the First Circuit",
        None,
    ),
    ("T.C. Memo. 2020-26\nUNITED STATES TAX COURT", "United States Tax Court", None),
    (
        "IN THE PUNJAB SUBORDINATE JUDICIARY\nSERVICE TRIBUNAL LAHORE\nService Appeal No.14 of 2021",
        "Punjab Subordinate Judiciary Service Tribunal",
        None,
    ),
    # A court named below the case number is a party or a lower court, not this court.
    (
        "Service Appeal No.14 of 2021\nNazir Ahmed Langah\nVersus\n"
        "Lahore High Court, Lahore through its Registrar",
        None,
        None,
    ),
    ("Crl. Rev. No.16003 of 2024\npassed by the Lahore High Court, Lahore in W.P. No. 1 of 2020", None, None),
    ("A Simple PDF File\nThis is a small demonstration .pdf file", None, None),
    ("", None, None),
]


@pytest.mark.parametrize("text, court, seat", COURTS)
def test_find_court(text: str, court: str | None, seat: str | None) -> None:
    found = find_court([text])
    assert (found.court if found else None, found.seat if found else None) == (court, seat)
    if found:
        start, end = found.span
        assert found.page_number == 1 and 0 <= start < end <= len(text)


JURISDICTIONS = [
    ("IN THE SUPREME COURT OF PAKISTAN\n(Appellate Jurisdiction)", "Appellate Jurisdiction"),
    ("IN THE SUPREME COURT OF PAKISTAN\n(ORIGINAL JURISDICTION)", "Original Jurisdiction"),
    ("IN THE SUPREME COURT OF INDIA\nCRIMINAL ORIGINAL JURISDICTION", "Criminal Original Jurisdiction"),
    ("IN THE LAHORE HIGH COURT\n(JUDICIAL DEPARTMENT)", None),
    ("the Court exercised its appellate jurisdiction in this matter", None),
]


@pytest.mark.parametrize("text, expected", JURISDICTIONS)
def test_find_jurisdiction(text: str, expected: str | None) -> None:
    assert find_jurisdiction([text]) == expected


BENCHES = [
    (SCP_CAPTION, ["Sardar Tariq Masood", "Amin-ud-Din Khan", "Muhammad Ali Mazhar"]),
    (SINDH_CAPTION, ["Muhammad Saleem Jessar", "Khadim Hussain Tunio"]),
    (LAW_REPORT, ["Fazal Ilahi Khan", "Zia Mahmood Mirza", "Raja Afrasiab Khan"]),
    (
        "PRESENT: MR. JUSTICE MIAN SAQIB NISAR, HCJ\nMR. JUSTICE MANZOOR AHMAD MALIK\n"
        "MR. JUSTICE IJAZ UL AHSAN\n"
        "HUMAN RIGHTS CASE NO.1037-P OF 2018",
        ["Mian Saqib Nisar", "Manzoor Ahmad Malik", "Ijaz ul Ahsan"],
    ),
    (
        "PRESENT:\nJustice Qazi Faez Isa, CJ\nJustice Muhammad Ali Mazhar\nJustice Musarrat Hilali\n"
        "Suo Motu Case",
        ["Qazi Faez Isa", "Muhammad Ali Mazhar", "Musarrat Hilali"],
    ),
    (
        "Before:-\n"
        "Mr. Justice Muhammad Iqbal Kalhoro, J' Mr. Justice Mohammed Karim Khan Agha, J Petition No.",
        ["Muhammad Iqbal Kalhoro", "Mohammed Karim Khan Agha"],
    ),
    # OCR debris in a bench list gives no judge rather than a wrong one.
    (
        'PRESENT:\nMR.\nJUSTICE IIAZHAR ALAM "AN MIANKUEL\n'
        "MB. JUSTICE JAMAL 1,-IAN MANDOKIWL\n.jujinal petition",
        [],
    ),
    ("Present: Fazal Ilahi Khan, the learned counsel, JJ", []),
    (LHC_CAPTION, []),
]


@pytest.mark.parametrize("text, expected", BENCHES)
def test_find_bench(text: str, expected: list[str]) -> None:
    found = find_bench([text])
    assert [name for name, *_ in found] == expected
    for name, key, page, (start, end) in found:
        assert page == 1 and key == key.upper()
        assert name.split()[-1].upper() in text[start:end].upper()


AUTHORS = [
    (LHC_CAPTION, "Tariq Saleem Sheikh"),
    (SCP_CAPTION, "Sardar Tariq Masood"),
    (SINDH_CAPTION, "Khadim Hussain Tunio"),
    (LAW_REPORT, "Raja Afrasiab Khan"),
    ("JUDGMENT\nAALIA NEELUM, C.J:- The appellant, Nauman Ijaz, has assailed his conviction", "Aalia Neelum"),
    ("ORDER\nADNAN UL KARIM MEMON-J.:- By this petition, petitioner is seeking", "Adnan ul Karim Memon"),
    (
        "19.01.2022 Mr. Ijaz Janjua, Advocate.\nARBAB MUHAMMAD TAHIR, J: This appeal is arising",
        "Arbab Muhammad Tahir",
    ),
    ("MUHAMMAD SAJID MEHMOOD SETHI, J. / CHAIRMAN:-\nThrough instant appeal", "Muhammad Sajid Mehmood Sethi"),
    ("MUHAMMAD AZAM KHAN, J.\nThrough the instant Criminal Appeal the Petitioner", "Muhammad Azam Khan"),
    ("Anwaar Hussain J: The dispute relates to the property", "Anwaar Hussain"),
    # Not an opinion's opening.
    ("Stereo. H C J D A 38.\nJUDGMENT SHEET", None),
    ("Mr. Justice Muhammad Iqbal Kalhoro, J.\nMr. Justice Mohammed Karim Khan Agha, J", None),
    ("fviazliar Atarn Khan IVijankliel, J. Petitioners Shiraz Ahinad and Zaheer", None),
    ("the learned Judge, J. observed", None),
]


@pytest.mark.parametrize("text, expected", AUTHORS)
def test_find_author(text: str, expected: str | None) -> None:
    found = find_author([text])
    assert (found[0] if found else None) == expected


SIGNATURES = [
    (
        "dismissed.\n(Ali Baqar Najafi) (Muhammad Amjad Rafiq)\nJudge. Judge.\nAPPROVED FOR REPORTING\n"
        "(Ali Baqar Najafi) (Muhammad Amjad Rafiq)\nJudge. Judge.",
        ["Ali Baqar Najafi", "Muhammad Amjad Rafiq"],
    ),
    (
        "merits. Appeal dismissed. (Tariq Saleem Sheikh)\nJudge\nAnnounced in open Court on ____",
        ["Tariq Saleem Sheikh"],
    ),
    (
        "Signed on 03.12.2024 (Muhammad Amjad Rafiq) (Syed Shahbaz Ali Rizvi) Judge Judge",
        ["Muhammad Amjad Rafiq", "Syed Shahbaz Ali Rizvi"],
    ),
    ("(Abher Gul Khan) (Aalia Neelum)\nJudge Chief Justice", ["Abher Gul Khan", "Aalia Neelum"]),
    (
        "(Muhammad Sajid Mehmood Sethi)\nChairman\n(Abid Husain Chattha) (Rasaal Hasan Syed) Member Member",
        ["Muhammad Sajid Mehmood Sethi", "Abid Husain Chattha", "Rasaal Hasan Syed"],
    ),
    ("……………………CJI\n[ S.A. BOBDE ]\n………………J.\n[ B.R. GAVAI ]", ["S.A. Bobde", "B.R. Gavai"]),
    # Parentheses that are not signatures.
    ("“Mistake of Qazi in releasing a criminal.” (Emphasis supplied)\n8. In the given circumstances", []),
    ("(MUHAMMAD AMJAD RAFIQ)\nGulzar JUDGE", []),
    ("JUDGE\nJUDGE\nJUDGE", []),
]


@pytest.mark.parametrize("text, expected", SIGNATURES)
def test_find_signatures(text: str, expected: list[str]) -> None:
    assert [name for name, *_ in find_signatures(["first page", text])] == expected


def test_signature_spans_and_pages() -> None:
    pages = ["caption", "body", "(Ali Baqar Najafi) (Muhammad Amjad Rafiq)\nJudge. Judge."]
    found = find_signatures(pages)
    assert [(p, pages[2][s:e]) for _, _, p, (s, e) in found] == [
        (3, "Ali Baqar Najafi"),
        (3, "Muhammad Amjad Rafiq"),
    ]


def test_find_judges_merges_the_stages() -> None:
    # The bench list gives the order; the OCR'd author line ("Asha" for "Agha") marks the author;
    # a signer missing from the list is added after it.
    pages = [
        "Before:-\nMr. Justice Muhammad Iqbal Kalhoro\nMr. Justice Mohammed Karim Khan Agha\n"
        "ORDER\nMohammed Karim Khan Asha. J.By this common order we dispose of the petitions.",
        "disposed of.\n(Muhammad Iqbal Kalhoro) (Ahmad Nadeem Arshad)\nJudge Judge",
    ]
    assert [(j.name, j.is_author, j.page_number) for j in find_judges(pages)] == [
        ("Muhammad Iqbal Kalhoro", False, 1),
        ("Mohammed Karim Khan Agha", True, 1),
        ("Ahmad Nadeem Arshad", False, 2),
    ]


def test_the_only_signer_is_the_author() -> None:
    pages = ["ORDER SHEET\nW.P. No.1 of 2020\n09.3.2023 Mr. A B, Advocate.", "(Rasaal Hasan Syed)\nJUDGE"]
    assert [(j.name, j.is_author) for j in find_judges(pages)] == [("Rasaal Hasan Syed", True)]
    two = ["caption", "(Ahmad Nadeem Arshad) (Ch. Muhammad Iqbal)\nJudge Judge"]
    assert [j.is_author for j in find_judges(two)] == [False, False]


def test_caption_region_ends_where_the_caption_does() -> None:
    for text, last_line in [
        (SCP_CAPTION, "another …Respondents"),
        (LHC_CAPTION, "Nazar Hussain and another Vs. The State"),
        (LHC_ORDER_SHEET, "Case No. Crl. Misc. No.63844-B/2024 Muneeb Riaz Versus The State, etc."),
        (SINDH_CAPTION, "Mr. Justice Khadim Hussain Tunio"),
    ]:
        start, end = caption_region([text])
        assert text[start:end].rstrip().endswith(last_line)


CAPTION_CASES = [
    # The lower court's case (Crl. Misc. 1013-B/2022) is not this proceeding's.
    (SCP_CAPTION, [("Crl.P.", 1251, None, 2022)]),
    # A case mentioned in the order's body (Crl.Misc. 15118-B/2023) is not either.
    (LHC_ORDER_SHEET, [("Crl.Misc.", 63844, "B", 2024)]),
    (LAW_REPORT, [("C.P.L.A.", 1190, None, 1996)]),
    (SINDH_CAPTION, [("Cr.J.A.", 304, "D", 2019)]),
    (
        "JUDGMENT SHEET\nIN THE LAHORE HIGH COURT\nMULTAN BENCH, MULTAN\nJUDICIAL DEPARTMENT\nJUDGMENT\n"
        "C.R.No.377-D/2003\nAllah Bakhsh (deceased)\nVersus\nMuhammad Hanif\nDate of hearing: 27.03.2024",
        [("C.R.", 377, "D", 2003)],
    ),
    (
        "IN THE HIGH COURT OF SINDH, KARACHI\nBefore:-\nMr. Justice A B, J.\n"
        "1. C.P. No.D-1810 of 2016 Iqbal Z. Ahmed "
        "V National Accountability Bureau.\n2. C.P. No. D-1151 of 2016. Khalid Rahman V The State.\nORDER",
        [("C.P.", 1810, "D", 2016), ("C.P.", 1151, "D", 2016)],
    ),
    (
        "Murder Reference No.51 of 2019\n(The State Vs. 1. Ghulam Shabbir\n2. Begum Bibi)\n"
        "Criminal Appeal No. 282-J of 2019\n(Ghulam Shabbir Vs. The State.)\nJ U D G M E N T",
        [("Murder Ref.", 51, None, 2019), ("Crl.A.", 282, "J", 2019)],
    ),
]


@pytest.mark.parametrize("text, expected", CAPTION_CASES)
def test_find_caption_cases(text: str, expected: list[tuple]) -> None:
    found = find_caption_cases([text])
    assert [(c.type, c.number, c.suffix, c.year) for c in found] == expected
    for c in found:
        assert text[c.span[0] : c.span[1]] == c.raw


# Cases decided with this one but named only in the body.
CONNECTED_CASES = [
    ("Anwaar Hussain, J. The present as well as connected constitutional petitions bearing W.P. "
     "No.3387/2022 and W.P. No.8708/2023 are so factually inter-related that they are decided together.",
     [("W.P.", 3387, None, 2022), ("W.P.", 8708, None, 2023)]),
    ("Tariq Saleem Sheikh, J. \u2013 This is a consolidated judgment for Writ Petition Nos. 10511/2020, "
     "78009/2019, and 75529/2019 as a common thread weaves through them.",
     [("W.P.", 10511, None, 2020), ("W.P.", 78009, None, 2019), ("W.P.", 75529, None, 2019)]),
    ("Petitioner by: Mr. A, Advocate.\nPetitioner in connected\nW.P.No.3243 of 2021\nby: Mr. B, Advocate.",
     [("W.P.", 3243, None, 2021)]),
    ("MIRZA VIQAS RAUF, J. This single judgment shall govern the instant appeal (F.A.O. No.90 of 2023) as "
     "well as Civil Revision No.670 of 2023, as both are arising from a common order.",
     [("Other", 90, None, 2023), ("C.R.", 670, None, 2023)]),
    ("This consolidated order shall decide I.C.A.\nNos.85, 86 and 87 of 2024 as similar questions arise.",
     [("I.C.A.", 85, None, 2024), ("I.C.A.", 86, None, 2024), ("I.C.A.", 87, None, 2024)]),
    ("J. This judgment will decide the connected petition bearing W.P.No.1633 of 2024, as common "
     "questions of law are involved.", [("W.P.", 1633, None, 2024)]),
    # not connected: an identical matter, a case the decided one arises from, another court's
    # consolidated judgment, "connected with", and a connected petition inside a quoted order
    ("It is argued that in an identical matter bearing W.P. No.34596/2023 the petitioner got relief.", []),
    ("This single judgment shall decide this appeal, arising out of the order passed in W.P. No.12 of "
     "2020 by the learned Judge.", []),
    ("The matter was decided through a consolidated judgment dated 04.06.2021 (passed in W.P. No.13151 of "
     "2019, titled A v. B).", []),
    ("The question is connected with the judgment in Civil Petition No.5 of 2019 of the Supreme Court.", []),
    ("The petitions were disposed of in the following manner: \u201cThis constitutional petition as well as "
     "connected petition W.P.No.936 of 2019 challenges the dismissal.\u201d", []),
]


@pytest.mark.parametrize("text, expected", CONNECTED_CASES)
def test_find_connected_cases(text: str, expected: list[tuple]) -> None:
    found = find_connected_cases([text])
    assert [(c.type, c.number, c.suffix, c.year) for c in found] == expected
    for c in found:
        assert text[c.span[0] : c.span[1]] == c.raw and c.page_number == 1


def test_connected_cases_follow_the_caption_once() -> None:
    page1 = ("IN THE LAHORE HIGH COURT, MULTAN BENCH, MULTAN\nJUDICIAL DEPARTMENT\nW.P. No.15918/2021\n"
             "Muhammad Ali\nVersus\nAaisha Zafar\nJ U D G M E N T\nDate of Hearing: 06.02.2024\n"
             "Anwaar Hussain, J. The present as well as connected constitutional petitions bearing W.P. "
             "No.3387/2022 and W.P. No.8708/2023 are decided together.")
    page2 = "9. In the connected case bearing W.P. No.3387/2022, the petitioner is not right."
    facts = parse_caption([page1, page2])
    assert [(c.number, c.year, c.page_number) for c in facts.case_numbers] == [
        (15918, 2021, 1), (3387, 2022, 1), (8708, 2023, 1)]


LOWER_COURTS = [
    (
        SCP_CAPTION,
        "Against the order dated 29.08.2022 passed by Islamabad High Court, Islamabad in Crl. Misc. "
        "No.1013-B-2022",
    ),
    (
        LAW_REPORT,
        "On appeal from the order of the Lahore High Court dated 18-3-1996 passed in W.P. 4387 of 1996",
    ),
    (
        "CIVIL PETITION NO.4570 OF 2019\n"
        "Against the judgment dated 11.10. 2019 passed by Islamabad High Court, "
        "Islamabad in W.P. No.\n2948 of 2018\nNadia Naz …Petitioner(s)",
        "Against the judgment dated 11.10. 2019 passed by Islamabad High Court, Islamabad in W.P. No. 2948 "
        "of 2018",
    ),
    (LHC_CAPTION, None),
]


@pytest.mark.parametrize("text, expected", LOWER_COURTS)
def test_find_lower_court(text: str, expected: str | None) -> None:
    found = find_lower_court([text])
    assert (found[0] if found else None) == expected


PARTIES = [
    (SCP_CAPTION, [("Javed Iqbal", "petitioner"), ("The State", "state")]),
    (LHC_CAPTION, [("Nazar Hussain", "appellant"), ("The State", "state")]),
    (LHC_ORDER_SHEET, [("Muneeb Riaz", "petitioner"), ("The State", "state")]),
    (
        LAW_REPORT,
        [
            ("AKHLAQ AHMAD", "petitioner"),
            (
                "SECRETARY TO THE GOVERNMENT OF PUNJAB, LOCAL GOVERNMENT AND RURAL DEVELOPMENT DEPARTMENT, "
                "LAHORE",
                "respondent",
            ),
        ],
    ),
    (SINDH_CAPTION, [("Arz Muhammad Jagirani", "appellant"), ("The State", "state")]),
    (
        "L.C.A.No. 296 of 2010.\n(Civil Aviation Authority vs. Haji Pervez Khan & others)\nJUDGMENT",
        [("Civil Aviation Authority", "appellant"), ("Haji Pervez Khan", "respondent")],
    ),
    (
        "W.P. No.21798 of 2022\n"
        "Aila Azhar and another Versus Ali Kuli Amin-ud-Din and others S.No. of order/",
        [("Aila Azhar", "petitioner"), ("Ali Kuli Amin-ud-Din", "respondent")],
    ),
    (
        "Civil Revision No.235 of 2016/BWP\nProvince of Punjab through DOR/ADC & others Vs.\n"
        "Firm Friends & Engineers Bahawalpur & others.\nJUDGMENT",
        [("Province of Punjab", "petitioner"), ("Firm Friends & Engineers Bahawalpur", "respondent")],
    ),
    (
        "Murder Reference No.51 of 2019\n(The State Vs. 1. Ghulam Shabbir\n2. Begum Bibi)\nJ U D G M E N T",
        [("The State", "state"), ("Ghulam Shabbir", "accused"), ("Begum Bibi", "accused")],
    ),
    (
        "Criminal Appeals No.163 to 171 and S.M. Case No.5/2005 (On appeal from the judgment dated "
        "3.3.2005 in Cr.A. No.60/2002) The State (in Crl.As.No.163 to166/05)\n"
        "Mukhtar Mai (in Crl.As.No.167 to170/05)\n"
        "Appellant (s)\nVersus\nAbdul Khaliq and others (in Crl.As.No.163 to170/05)\nRespondent (s)\n"
        "* * * * *\n"
        "For the State (appellant): Ch. Zubair Ahmed Farooq, Addl.P.G. Pb.",
        [("The State", "state"), ("Mukhtar Mai", "appellant"), ("Abdul Khaliq", "respondent")],
    ),
    (
        "T.C. Memo. 2020-26\nUNITED STATES TAX COURT\nROCK BORDELON AND TORIE BORDELON,1\nPetitioners v.\n"
        "COMMISSIONER OF INTERNAL REVENUE, Respondent\nDocket Nos. 19031-13",
        [
            ("ROCK BORDELON AND TORIE BORDELON", "petitioner"),
            ("COMMISSIONER OF INTERNAL REVENUE", "respondent"),
        ],
    ),
    # Unclear blocks give nothing: two "versus", an advocate where a party should be, no case type.
    (
        "Criminal Revision No.3600/2023\nMuhammad Waqar Adil vs Tauseef and another\n"
        "Murder Reference No.42/203\n"
        "The State vs Asif Ali\nJ U D G M E N T",
        [],
    ),
    (
        "Writ Petition No.59198 of 2024\nMuhammad Naeem, Advocate etc.\nVersus\n"
        "The Member (Judicial-II), BOR\n"
        "Sr.No. of",
        [],
    ),
    (
        "Civil Original No.04 of 2023\nCh. Shaukat Ali Noon and another V/S Tehzeb Bakers (Pvt.) Limited\n"
        "JUDGMENT",
        [],
    ),
]


@pytest.mark.parametrize("text, expected", PARTIES)
def test_find_parties(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_parties([text])
    assert [(p.name, p.role) for p in found] == expected
    for p in found:
        start, end = p.span
        assert " ".join(text[start:end].split()) in (p.name, "State")


COUNSEL = [
    (
        LHC_CAPTION,
        [
            ("Malik Muhammad Usman Bhatti", "appellant"),
            ("Mumtaz Hussain Awan", "appellant"),
            ("Shahid Aleem", "state"),
        ],
    ),
    (SCP_CAPTION, [("Adil Aziz Qazi", "petitioner"), ("Raja Shafqat Abbasi", "respondent")]),
    (LHC_ORDER_SHEET, [("Zaheer Nawaz", "petitioner"), ("Ch. Imran Qadir Bhindar", "complainant")]),
    (LAW_REPORT, [("Ghulam Mahmood Qureshi", "petitioner"), ("Mahmood A. Qureshi", "petitioner")]),
    (SINDH_CAPTION, [("Rukhsar Ahmed M. Junejo", "appellant"), ("Aftab Ahmed Shar", "respondent")]),
    (
        "DATE OF HEARING: 08.02.2023.\nAPPELLANT BY: Mirza Muhammad Azam, Advocate.\n"
        "STATE BY: Mr. Shahid Fareed, ADPP with Ashraf ASI.\nCOMPLAINANT BY: Syed Zeeshan Haider, Advocate.",
        [
            ("Mirza Muhammad Azam", "appellant"),
            ("Shahid Fareed", "state"),
            ("Syed Zeeshan Haider", "complainant"),
        ],
    ),
    (
        "Appellant By : Mr. Muhammad Ilyas Khan, Advocate State By : Mr. Jamil Fayyaz, State Counsel with "
        "Muhammad Nawaz S.I.",
        [("Muhammad Ilyas Khan", "appellant"), ("Jamil Fayyaz", "state")],
    ),
    (
        "For Respondent No.1:\nMr Sikandar Abbas, Advocate, assisted by\nMr Jabran Munir Awan, Advocate.\n"
        "For Respondent No.2: Nemo.",
        [("Sikandar Abbas", "respondent no.1"), ("Jabran Munir Awan", "respondent no.1")],
    ),
    (
        "APPELLANT BY: M/s. Mudassar Naveed Chatha and Mukhtar Ahmed Awan, Advocates.",
        [("Mudassar Naveed Chatha", "appellant"), ("Mukhtar Ahmed Awan", "appellant")],
    ),
    # Labels in a column apart from the names: whose counsel is whose is not written.
    (
        "For the Petitioner(s): In person a/w Nadeem A. Sh, ASC\nFor Respondent No.6:\n"
        "For Respondent No.11:\n"
        "Mr. Agha Muhammad Ali, ASC\nMr. M. Sharif Janjua, AOR\nDate of Hearing: 22.9.2020",
        [("Nadeem A. Sh", "petitioner")],
    ),
    # Officials who are not counsel.
    (
        "In attendance: Dr. Ashraf Tahir, DG Punjab Forensic Science Agency\n"
        "Mr. Muhammad Idrees, DIG/RPO Multan",
        [],
    ),
]


@pytest.mark.parametrize("text, expected", COUNSEL)
def test_find_counsel(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_counsel([text])
    assert [(c.name, c.appearing_for) for c in found] == expected
    for c in found:
        assert text[c.span[0] : c.span[1]].split()[0] == c.name.split()[0]


HEARING = [
    (LHC_CAPTION, date(2024, 10, 24)),
    (LAW_REPORT, date(1996, 4, 16)),
    ("Date of hearing: - 22-05-2024\nPetitioner by: - Mr. X, Advocate.", date(2024, 5, 22)),
    ("Dates of Hearing 29-03-2023 and 03-04-2023 Petitioners by Ch. X, Advocate.", date(2023, 4, 3)),
    ("Date of Hearing: 22.09.2025, 23.09.2025, 24.09.2025", date(2025, 9, 24)),
    ("Date of hearing & Order: 27.02.2025", date(2025, 2, 27)),
    ("No. 11–889. Argued April 23, 2013—Decided June 13, 2013", date(2013, 4, 23)),
    ("Dates of hearing: December 5, 7, 11, 13, 14, 18, 19, 20, 21 and 22, 2023", None),
    ("Date of Hearing 2104.2022", None),
    ("Date of hearing. and 21.03.2023.", None),
]


@pytest.mark.parametrize("text, expected", HEARING)
def test_find_hearing_date(text: str, expected: date | None) -> None:
    found = find_hearing_date([text])
    assert (found.value if found else None) == expected
    if found:
        assert found.page_number == 1


DECISIONS = [
    ([SINDH_CAPTION], date(2021, 12, 1), 1),
    ([LAW_REPORT], date(1996, 4, 16), 1),
    ([LHC_ORDER_SHEET], date(2024, 10, 30), 1),
    (
        ["caption", "dismissed.\nJudge\nJudge\nJudge\nANNOUNCED on_5.07.2021_at Islamabad."],
        date(2021, 7, 5),
        2,
    ),
    (["caption", "Announced in open Court\non 21.4.2011 at Islamabad"], date(2011, 4, 21), 2),
    (
        [
            "caption",
            "This judgment was pronounced on\n13.06.2023, however, after dictation and\n"
            "preparation it was signed on 14.07.2023.",
        ],
        date(2023, 6, 13),
        2,
    ),
    (
        ["caption", "This order has been\ndictated, pronounced,\nprepared, and signed\non 13.03.2024"],
        date(2024, 3, 13),
        2,
    ),
    (
        ["caption", "dismissed.\nJUDGE\nJUDGE\nIslamabad, the\n23rd of May, 2023\nApproved For Reporting"],
        date(2023, 5, 23),
        2,
    ),
    (
        ["caption", "Re-list.\nCHIEF JUSTICE\nJUDGE\nJUDGE\nLAHORE\n28th January, 2018.\nudassar/"],
        date(2018, 1, 28),
        2,
    ),
    (
        [
            "caption",
            "Let the matter be listed on 07.02.2020.\n………CJI\n[ S.A. BOBDE ]\n……J.\n[ B.R. GAVAI ]\n"
            "New Delhi\nDecember 18, 2019",
        ],
        date(2019, 12, 18),
        2,
    ),
    (["No. 11–889. Argued April 23, 2013—Decided June 13, 2013"], date(2013, 6, 13), 1),
    # A blank, a signing date and a listing date are not decision dates.
    (
        ["caption", "(Tariq Saleem Sheikh)\nJudge\nAnnounced in open Court on _____________\nJudge"],
        None,
        None,
    ),
    (
        ["caption", "Signed on 03.12.2024 (Muhammad Amjad Rafiq) (Syed Shahbaz Ali Rizvi) Judge Judge"],
        None,
        None,
    ),
    (["caption", "Let the matter be listed on 07.02.2020.\nJUDGE"], None, None),
]


@pytest.mark.parametrize("pages, expected, page", DECISIONS)
def test_find_decision_date(pages: list[str], expected: date | None, page: int | None) -> None:
    found = find_decision_date(pages)
    assert (found.value if found else None, found.page_number if found else None) == (expected, page)
    if found:
        text = pages[found.page_number - 1]
        assert parse_date(text[found.span[0] : found.span[1]]) == expected


def test_parse_caption_of_a_supreme_court_caption() -> None:
    pages = [SCP_CAPTION, "2. body", "converted into an appeal.\nIslamabad, the\n01.11.2022\nJUDGE\nJUDGE"]
    facts = parse_caption(pages)
    assert facts.court == "Supreme Court of Pakistan" and facts.seat is None
    assert facts.court_span == (1, 0, len("IN THE SUPREME COURT OF PAKISTAN"))
    assert facts.jurisdiction_line == "Appellate Jurisdiction"
    assert [(j.name, j.is_author) for j in facts.judges] == [
        ("Sardar Tariq Masood", True),
        ("Amin-ud-Din Khan", False),
        ("Muhammad Ali Mazhar", False),
    ]
    assert facts.hearing_date is not None and facts.hearing_date.value == date(2022, 11, 1)
    assert facts.decision_date is not None and facts.decision_date.page_number == 3


def test_parse_caption_of_nothing() -> None:
    assert parse_caption([]) == CaptionFacts(None, None, None, None)
    assert parse_caption(["", ""]) == CaptionFacts(None, None, None, None)


REGRESSIONS = [
    # "Stereo. H C J D A 38." at the top of LHC sheets is not "X, C.J" opening an opinion.
    (
        "Stereo. H C J D A 38.\nJUDGMENT SHEET\nIN THE LAHORE HIGH COURT AT LAHORE\n"
        "Murder Reference No.109 of 2022\n"
        "(The State versus Nauman Ijaz)\nJUDGMENT",
        lambda f: [j.name for j in f.judges] == [] and len(f.case_numbers) == 1,
    ),
    # "2. Begum Bibi)" continues a party list; it is not the opinion's paragraph 2.
    (
        "Murder Reference No.51 of 2019\n(The State Vs. 1. Ghulam Shabbir\n2. Begum Bibi)\n"
        "Criminal Appeal No. 287-J of 2019\n(Begum Bibi Vs. The State.)\nJ U D G M E N T",
        lambda f: [c.number for c in f.case_numbers] == [51, 287],
    ),
    # "... AOR For the State: Ch. X" is the next label, not "AOR for the State".
    (
        "Mr. Faiz-ur-Rehman, AOR For the State: Ch. Zubair Ahmed Farooq, Addl.P.G. Pb.\nDate of Hearing: x",
        lambda f: [(c.name, c.appearing_for) for c in f.counsel] == [("Ch. Zubair Ahmed Farooq", "state")],
    ),
    # "Advocate for the petitioner assisted by Mr. X, Advocate" has one label: the petitioner.
    (
        "05.11.2024 Mr. M. Safdar Shaheen Pirzada, Advocate for the petitioner assisted by Mr. Nasir "
        "Mehmood Ch., "
        "Advocate.",
        lambda f: [c.appearing_for for c in f.counsel] == ["petitioner"],
    ),
]


@pytest.mark.parametrize("text, check", REGRESSIONS)
def test_regressions(text: str, check) -> None:
    assert check(parse_caption([text]))


# --------------------------------------------------------------------------- real judgments

CORPUS = SHARED / "corpus"


@functools.cache
def pages_of(relative: str, ocr: bool = False) -> tuple[str, ...]:
    path = CORPUS / relative
    if not path.is_file():
        pytest.fail(f"corpus file missing: {path} (set LAWDB_SHARED_DIR)")
    return tuple(page.text for page in extract_pdf(path, ocr=ocr).pages)


def check(facts: CaptionFacts, expected: dict, pages: tuple[str, ...]) -> None:
    """Each field that ``expected`` gives must hold exactly; spans must point into their pages."""
    if "court" in expected:
        assert facts.court == expected["court"]
    if "seat" in expected:
        assert facts.seat == expected["seat"]
    if "jurisdiction" in expected:
        assert facts.jurisdiction_line == expected["jurisdiction"]
    if "judges" in expected:
        assert [j.name for j in facts.judges] == expected["judges"]
    if "author" in expected:
        assert [j.name for j in facts.judges if j.is_author] == (
            [expected["author"]] if expected["author"] else []
        )
    if "has_judge" in expected:
        assert expected["has_judge"] in [j.name for j in facts.judges]
    if "cases" in expected:
        assert [(c.type, c.number, c.suffix, c.year) for c in facts.case_numbers] == expected["cases"]
    if "parties" in expected:
        assert [(p.name, p.role) for p in facts.parties] == expected["parties"]
    if "counsel" in expected:
        have = [(c.name, c.appearing_for) for c in facts.counsel]
        assert all(item in have for item in expected["counsel"]), have
    if "lower" in expected:
        if expected["lower"] is None:
            assert facts.lower_court_line is None
        else:
            assert facts.lower_court_line is not None and expected["lower"] in facts.lower_court_line
    for field in ("hearing", "decision"):
        if field in expected:
            fact = facts.hearing_date if field == "hearing" else facts.decision_date
            assert (fact.value.isoformat() if fact else None) == expected[field], field
            if fact:
                assert parse_date(pages[fact.page_number - 1][fact.span[0] : fact.span[1]]) == fact.value
    for fact in [*facts.judges, *facts.case_numbers, *facts.parties]:
        text = pages[fact.page_number - 1]
        assert 0 <= fact.span[0] < fact.span[1] <= len(text)
    for c in facts.case_numbers:
        assert pages[0][c.span[0] : c.span[1]] == c.raw


LHC, SCP, SHC, IHC = (
    "Lahore High Court",
    "Supreme Court of Pakistan",
    "Sindh High Court",
    "Islamabad High Court",
)

# (file under corpus/, expected) -- read by hand from each PDF's first and last pages.
JUDGMENTS = [
    (
        "pk_judgments/LHC_2024LHC6559_CrlA964-J-2023_s292C_376iii_PPC.pdf",
        dict(
            court=LHC,
            seat="Multan Bench",
            jurisdiction=None,
            judges=["Muhammad Amjad Rafiq", "Tariq Saleem Sheikh"],
            author="Tariq Saleem Sheikh",
            cases=[("Crl.A.", 964, "J", 2023)],
            parties=[("Nazar Hussain", "appellant"), ("The State", "state")],
            counsel=[
                ("Malik Muhammad Usman Bhatti", "appellant"),
                ("Mumtaz Hussain Awan", "appellant"),
                ("Shahid Aleem", "state"),
                ("Kausar Parveen Awan", "complainant"),
            ],
            lower=None,
            hearing="2024-10-24",
            decision=None,
        ),
    ),  # "Announced in open court on ______"
    (
        "pk_judgments/LHC_2023LHC888_CrlA301-2021_s377-377B_PPC.pdf",
        dict(
            court=LHC,
            seat="Bahawalpur Bench",
            judges=["Muhammad Amjad Rafiq"],
            author="Muhammad Amjad Rafiq",
            cases=[("Crl.A.", 301, None, 2021)],
            parties=[("Muhammad Sajid", "appellant"), ("The State", "state")],
            counsel=[
                ("Mirza Muhammad Azam", "appellant"),
                ("Shahid Fareed", "state"),
                ("Syed Zeeshan Haider", "complainant"),
            ],
            hearing="2023-02-08",
        ),
    ),
    (
        "pk_judgments/LHC_2024LHC5566_CrlMisc63844-B-2024_PECA_s21_s24_bail.pdf",
        dict(
            court=LHC,
            seat=None,
            judges=["Asjad Javaid Ghural"],
            author="Asjad Javaid Ghural",
            cases=[("Crl.Misc.", 63844, "B", 2024)],
            parties=[("Muneeb Riaz", "petitioner"), ("The State", "state")],
            counsel=[("Zaheer Nawaz", "petitioner"), ("Ch. Imran Qadir Bhindar", "complainant")],
            hearing=None,
            decision="2024-10-30",
        ),
    ),
    (
        "pk_judgments/LHC_2025LHC6798_MurderRef109-2022_sentencing.pdf",
        dict(
            court=LHC,
            seat=None,
            judges=["Abher Gul Khan", "Aalia Neelum"],
            author="Aalia Neelum",
            cases=[
                ("Murder Ref.", 109, None, 2022),
                ("Crl.A.", 30048, "J", 2022),
                ("Crl.A.", 30043, None, 2022),
            ],
            parties=[("The State", "state"), ("Nauman Ijaz", "appellant"), ("Muhammad Asim", "appellant")],
            hearing="2025-11-17",
            decision="2025-11-17",
        ),
    ),
    (
        "pk_judgments/LHC_2023LHC4087_CrlA73676-2022_PECA.pdf",
        dict(
            court=LHC,
            seat=None,
            judges=["Ali Baqar Najafi", "Muhammad Amjad Rafiq"],
            author="Muhammad Amjad Rafiq",
            cases=[("Crl.A.", 73676, None, 2022)],
            parties=[("Muhammad Rehmat Ullah", "appellant"), ("The State", "state")],
            hearing="2023-06-13",
            decision="2023-06-13",
        ),
    ),  # "pronounced on 13.06.2023 ... signed on 14.07.2023"
    (
        "pk_judgments/LHC_2024LHC2029_CrlA454-ATA-2023_PECA.pdf",
        dict(
            court=LHC,
            seat="Bahawalpur Bench",
            judges=["Muhammad Waheed Khan", "Sadiq Mahmud Khurram"],
            author="Sadiq Mahmud Khurram",
            cases=[("Crl.A.", 454, "ATA", 2023)],
            parties=[("Khalid Mahmood", "appellant"), ("The State", "state")],
            hearing="2024-04-23",
        ),
    ),
    (
        "pk_judgments/SCP_CP4570-2019_harassment.pdf",
        dict(
            court=SCP,
            seat=None,
            jurisdiction="Appellate Jurisdiction",
            judges=["Mushir Alam", "Yahya Afridi", "Qazi Muhammad Amin Ahmad"],
            author="Mushir Alam",
            cases=[("C.P.", 4570, None, 2019)],
            parties=[
                ("Nadia Naz", "petitioner"),
                ("The President of Islamic Republic of Pakistan, President House, Islamabad", "respondent"),
            ],
            lower="passed by Islamabad High Court, Islamabad in W.P. No. 2948 of 2018",
            hearing="2020-09-22",
            decision="2021-07-05",
        ),
    ),
    (
        "pk_judgments/SCP_CrlA163-171-2005_MukhtarMai.pdf",
        dict(
            court=SCP,
            jurisdiction="Appellate Jurisdiction",
            judges=["Mian Shakirullah Jan", "Nasir-ul-Mulk", "Mian Saqib Nisar"],
            author="Mian Saqib Nisar",
            cases=[("Crl.A.", n, None, 2005) for n in range(163, 172)] + [("S.M.C.", 5, None, 2005)],
            parties=[
                ("The State", "state"),
                ("Mukhtar Mai", "appellant"),
                ("Abdul Khaliq", "appellant"),
                ("Mst. Mukhtar Mai", "appellant"),
            ],
            counsel=[("Aitzaz Ahsan", "complainant"), ("Ch. Zubair Ahmed Farooq", "state")],
            lower="Multan Bench in Cr.A. No.60, 61, 65",
            hearing=None,
            decision="2011-04-21",
        ),
    ),  # hearing: a list of days without parseable dates
    (
        "pk_judgments/SCP_CrlP1251-2022_PECA_ss13-14_bail.pdf",
        dict(
            court=SCP,
            judges=["Sardar Tariq Masood", "Amin-ud-Din Khan", "Muhammad Ali Mazhar"],
            author="Sardar Tariq Masood",
            cases=[("Crl.P.", 1251, None, 2022)],
            parties=[("Javed Iqbal", "petitioner"), ("The State", "state")],
            counsel=[
                ("Adil Aziz Qazi", "petitioner"),
                ("Sheikh Mehmood Ahmed", "petitioner"),
                ("Raja Shafqat Abbasi", "respondent"),
            ],
            lower="in Crl. Misc. No.1013-B-2022",
            hearing="2022-11-01",
            decision="2022-11-01",
        ),
    ),
    (
        "pk_judgments/SCP_JP286-2020_juvenile.pdf",
        dict(
            court=SCP,
            judges=["Syed Hasan Azhar Rizvi", "Malik Shahzad Ahmad Khan"],
            author="Malik Shahzad Ahmad Khan",
            cases=[("J.P.", 286, None, 2020)],
            parties=[("Jahangir alias Jangu", "petitioner"), ("The State", "state")],
            lower="in Criminal Appeal No.409-J/2012",
            hearing="2025-09-03",
            decision="2025-09-03",
        ),
    ),
    (
        "pk_judgments/SCP_HRC1037-P-2018_Kasur_minor_girl_murder.pdf",
        dict(
            court=SCP,
            jurisdiction="Original Jurisdiction",
            judges=["Mian Saqib Nisar", "Manzoor Ahmad Malik", "Ijaz ul Ahsan"],
            author=None,
            cases=[("H.R.C.", 1037, "P", 2018), ("Other", 17, "G", 2018)],
            parties=[],
            hearing="2018-01-28",
            decision="2018-01-28",
        ),
    ),
    (
        "pk_judgments/SCP_CrlP1617-2022_juvenile.pdf",
        dict(
            court=SCP,
            judges=["Yahya Afridi", "Sayyed Mazahar Ali Akbar Naqvi"],
            author="Sayyed Mazahar Ali Akbar Naqvi",
            cases=[("Crl.P.", 1617, None, 2022)],
            parties=[("Gufran Ali", "petitioner"), ("Haseeb Khan", "respondent")],
            lower="in Criminal Revision No. 99/2022",
            hearing="2023-05-23",
            decision="2023-05-23",
        ),
    ),
    # Scanned with an OCR text layer: the cases and court survive the noise; the first judge's name
    # does not ("MAZHAR ALAM IUMN MIANKHEL") and is a known gap, so only the second is asserted.
    (
        "pk_judgments/SCP_CrlP149-L-2022_PECA_295_OCR.pdf",
        dict(
            court=SCP,
            has_judge="Jamal Khan Mandokhail",
            cases=[("Crl.P.", 149, "L", 2022), ("Crl.P.", 150, "L", 2022)],
            parties=[],
            lower="in Cr!. Misc.Nos 27057-B of 2021",
        ),
    ),
    # A worse OCR layer: the heading is matched fuzzily and no garbled judge is taken.
    (
        "pk_judgments/SCP_CrlP1313-L-2021_PECA_OCR_noisy.pdf",
        dict(court=SCP, jurisdiction="Appellate Jurisdiction", judges=[], cases=[], parties=[]),
    ),
    (
        "pk_judgments/SHC_CrJailAppeal_D-304-2019_Sukkur.pdf",
        dict(
            court=SHC,
            seat="Sukkur Bench",
            judges=["Muhammad Saleem Jessar", "Khadim Hussain Tunio"],
            author="Khadim Hussain Tunio",
            cases=[("Cr.J.A.", 304, "D", 2019)],
            parties=[("Arz Muhammad Jagirani", "appellant"), ("The State", "state")],
            counsel=[("Rukhsar Ahmed M. Junejo", "appellant"), ("Aftab Ahmed Shar", "respondent")],
            hearing="2021-12-01",
            decision="2021-12-01",
        ),
    ),
    (
        "pk_judgments/SHC_CrJailAppeal_566-2018_Karachi.pdf",
        dict(
            court=SHC,
            seat=None,
            judges=["Muhammad Saleem Jessar"],
            cases=[("Cr.J.A.", 566, None, 2018)],
            parties=[("Saeed Noor", "appellant"), ("The State", "state")],
            counsel=[("Mohammad Hanif Noonari", "appellant"), ("Talib Ali Memon", "state")],
            hearing="2021-09-28",
            decision="2021-10-15",
        ),
    ),
    (
        "pk_judgments/SHC_CrBA560-2024_etc_PECA_blasphemy_child_pornography_bail.pdf",
        dict(
            court=SHC,
            seat=None,
            judges=["Muhammad Iqbal Kalhoro"],
            author="Muhammad Iqbal Kalhoro",
            cases=[("Cr.B.A.", n, None, 2024) for n in (560, 1088, 1278, 1284, 1849, 2481, 2539, 2823)],
            parties=[],
            counsel=[("Mirza Tanveer Ahmed", "applicant"), ("Mir Saifullah", "complainant")],
            decision="2024-12-11",
        ),
    ),
    (
        "pk_judgments/SHC_CrBA_S-441-2014_Hyderabad_ScanSoft.pdf",
        dict(
            court=SHC,
            seat="Circuit Court Hyderabad",
            judges=[],
            cases=[("Cr.B.A.", 441, "S", 2014)],
            counsel=[("Altaf Hussain Chandio", "applicant"), ("Shahid Shaikh", "state")],
            decision="2014-07-11",
        ),
    ),
    (
        "pk_judgments/IHC_CrlA01-2022_GulTaj_v_State.pdf",
        dict(
            court=IHC,
            seat=None,
            judges=["Miangul Hassan Aurangzeb", "Arbab Muhammad Tahir"],
            author="Arbab Muhammad Tahir",
            cases=[("Crl.A.", 1, None, 2022)],
            parties=[("Gul Taj", "appellant"), ("The State", "state")],
            counsel=[("Muhammad Ilyas Khan", "appellant"), ("Jamil Fayyaz", "state")],
            hearing="2022-07-20",
            decision=None,
        ),
    ),  # "Announced in open Court on ____09.2022."
    (
        "pk_judgments/IHC_PSLA1-2022_ShahidAminMinhas_v_State.pdf",
        dict(
            court=IHC,
            judges=["Sardar Ejaz Ishaq Khan"],
            author="Sardar Ejaz Ishaq Khan",
            cases=[("P.S.L.A.", 1, None, 2022)],
            parties=[("Shahid Amin Minhas", "petitioner"), ("The State", "state")],
            decision="2022-06-13",
        ),
    ),
    (
        "pk_judgments/IHC_CrlA03-2025_RidaNaheed_v_SamarAbbas.pdf",
        dict(
            court=IHC,
            judges=["Muhammad Azam Khan"],
            cases=[("Crl.A.", 3, None, 2025)],
            parties=[("Rida Naheed", "appellant"), ("Samar Abbas", "respondent")],
            counsel=[("Aurangzeb Khan", "appellant")],
            decision="2025-02-04",
        ),
    ),
    (
        "pk_judgments/PLR_1998-SCMR-516.pdf",
        dict(
            court=SCP,
            judges=["Fazal Ilahi Khan", "Zia Mahmood Mirza", "Raja Afrasiab Khan"],
            author="Raja Afrasiab Khan",
            cases=[("C.P.L.A.", 1190, None, 1996)],
            parties=[
                ("AKHLAQ AHMAD", "petitioner"),
                (
                    "SECRETARY TO THE GOVERNMENT OF PUNJAB, LOCAL GOVERNMENT AND RURAL DEVELOPMENT "
                    "DEPARTMENT, "
                    "LAHORE",
                    "respondent",
                ),
            ],
            counsel=[("Ghulam Mahmood Qureshi", "petitioner"), ("Mahmood A. Qureshi", "petitioner")],
            lower=(
                "On appeal from the order of the Lahore High Court dated 18-3-1996 passed in W.P. 4387 "
                "of 1996"
            ),
            hearing="1996-04-16",
            decision="1996-04-16",
        ),
    ),
    (
        "pk_judgments/PLR_PLD-2015-SC-396.pdf",
        dict(
            court=SCP,
            judges=["Mian Saqib Nisar", "Mushir Alam", "Maqbool Baqar"],
            author="Mian Saqib Nisar",
            cases=[("C.A.", 319, None, 2014)],
            parties=[("HINA MANZOOR", "appellant"), ("Malik IBRAR AHMED", "respondent")],
            counsel=[("Muhammad Munir Paracha", "appellant"), ("M. Rafique Rajwana", "respondent no.1")],
            lower="Election Tribunal, Rawalpindi",
            hearing="2015-04-28",
            decision="2015-04-28",
        ),
    ),
    # Not judgments one can read: a handwritten order (text layer: "CamScanner") and an Urdu judgment
    # whose font maps to (cid:N) codes.
    (
        "pk_judgments/SHC_handwritten_order_CamScanner_scanned.pdf",
        dict(court=None, judges=[], cases=[], parties=[], hearing=None, decision=None),
    ),
    ("pk_judgments/SCP_CrlP748-2016_Urdu_judgment_juvenile.pdf", dict(court=None, judges=[], cases=[])),
    # Lahore High Court judgments from the bulk set.
    (
        "bulk_lhc/2023LHC7122.pdf",
        dict(
            court=LHC,
            seat="Multan Bench",
            judges=["Muhammad Amjad Rafiq", "Sadiq Mahmud Khurram"],
            author="Sadiq Mahmud Khurram",
            cases=[
                ("Murder Ref.", 51, None, 2019),
                ("Crl.A.", 282, "J", 2019),
                ("Crl.A.", 287, "J", 2019),
                ("Crl.A.", 385, None, 2021),
            ],
            parties=[
                ("The State", "state"),
                ("Ghulam Shabbir", "appellant"),
                ("Begum Bibi", "appellant"),
                ("Ghulam Yasin", "appellant"),
            ],
            counsel=[
                ("Javed Iqbal Bhatti", "appellant"),
                ("Malik Riaz Ahmad Saghla", "state"),
                ("Rana Muhammad Nadeem Kanju", "complainant"),
            ],
            hearing="2023-09-25",
        ),
    ),
    (
        "bulk_lhc/2024LHC714.pdf",
        dict(
            court=LHC,
            seat="Rawalpindi Bench",
            judges=["Mirza Viqas Rauf", "Sadaqat Ali Khan"],
            author="Sadaqat Ali Khan",
            cases=[
                ("Murder Ref.", 223, None, 2019),
                ("Crl.A.", 44377, None, 2019),
                ("P.S.L.A.", 55094, None, 2019),
                ("Crl.Rev.", 55096, None, 2019),
            ],
            counsel=[
                ("Azam Nazeer Tarar", "appellant"),
                ("M. Irfan Malik", "appellant"),
                ("Rida Noor", "appellant"),
                ("Naveed Ahmad Warraich", "state"),
            ],
            hearing="2024-02-20",
        ),
    ),
    (
        "bulk_lhc/2023LHC1147.pdf",
        dict(
            court=LHC,
            seat=None,
            judges=["Rasaal Hasan Syed"],
            author="Rasaal Hasan Syed",
            cases=[("W.P.", 21798, None, 2022)],
            parties=[("Aila Azhar", "petitioner"), ("Ali Kuli Amin-ud-Din", "respondent")],
            counsel=[
                ("Asma Hamid", "petitioner"),
                ("Sana Azhar", "petitioner"),
                ("Ansar Ali Sidhu", "respondent"),
            ],
            hearing=None,
            decision="2023-03-09",
        ),
    ),
    # The service tribunal sits in the LHC's neutral-citation series; the LHC here is the respondent.
    (
        "bulk_lhc/2024LHC1798.pdf",
        dict(
            court="Punjab Subordinate Judiciary Service Tribunal",
            seat=None,
            judges=["Muhammad Sajid Mehmood Sethi", "Abid Husain Chattha", "Rasaal Hasan Syed"],
            author="Muhammad Sajid Mehmood Sethi",
            cases=[("Other", 14, None, 2021)],
            parties=[("Nazir Ahmed Langah", "appellant"), ("Lahore High Court, Lahore", "respondent")],
            hearing="2024-04-24",
        ),
    ),
    (
        "bulk_lhc/2023LHC1958.pdf",
        dict(
            court=LHC,
            seat="Bahawalpur Bench",
            cases=[("Other", 2, None, 2021), ("Crl.A.", 43, "ATA", 2021), ("Crl.A.", 34, "ATA", 2021)],
            parties=[
                ("The State", "state"),
                ("Khateeb Hussain", "appellant"),
                ("Zafar Hussain", "appellant"),
            ],
            hearing="2023-02-21",
        ),
    ),
    (
        "bulk_lhc/2024LHC3895.pdf",
        dict(  # a heading in spaced letters: "L A H O R E H I G H C O U R T ,"
            court=LHC,
            seat="Rawalpindi Bench",
            judges=["Muhammad Sajid Mehmood Sethi", "Jawad Hassan"],
            author=None,
            cases=[("R.F.A.", 20, None, 2024)],
            parties=[("Muhammad Waseem", "appellant"), ("Maple Leaf Cement Factory Limited", "respondent")],
            counsel=[("Nosheen Nazeer Raja", "appellant"), ("Irshad Hussain Wattoo", "respondent")],
            decision="2024-09-09",
        ),
    ),
    (
        "bulk_lhc/2023LHC395.pdf",
        dict(
            court=LHC,
            seat=None,
            judges=["Jawad Hassan"],
            cases=[("W.P.", n, None, 2023) for n in (5851, 6118, 6093, 6119)],
            hearing="2023-02-10",
        ),
    ),
    (
        "bulk_lhc/2023LHC4812.pdf",
        dict(  # "Murder Reference No.42/203": a typo'd year is not guessed
            court=LHC,
            judges=["Malik Shahzad Ahmad Khan", "Farooq Haider"],
            author="Farooq Haider",
            cases=[
                ("Crl.A.", 1503, None, 2023),
                ("Crl.A.", 1574, None, 2023),
                ("Crl.Rev.", 3600, None, 2023),
            ],
            hearing="2023-09-28",
            decision="2023-09-28",
        ),
    ),
    (
        "bulk_lhc/2023LHC7570.pdf",
        dict(  # not a judgment at all
            court=None, judges=[], cases=[], parties=[], counsel=[], hearing=None, decision=None
        ),
    ),
    # Foreign courts.
    (
        "other_legal/IND_SC_SMW(Crl)4-2019_POCSO_child_sexual_abuse.pdf",
        dict(
            court="Supreme Court of India",
            jurisdiction="Criminal Original Jurisdiction",
            judges=["S.A. Bobde", "B.R. Gavai", "Surya Kant"],
            decision="2019-12-18",
        ),
    ),
    (
        "other_legal/US_SCOTUS_slip_opinion_2012.pdf",
        dict(court="Supreme Court of the United States", hearing="2013-04-23", decision="2013-06-13"),
    ),
    (
        "other_legal/US_TaxCourt_Memo_2020-26.pdf",
        dict(
            court="United States Tax Court",
            parties=[
                ("ROCK BORDELON AND TORIE BORDELON", "petitioner"),
                ("COMMISSIONER OF INTERNAL REVENUE", "respondent"),
            ],
        ),
    ),
    (
        "other_legal/US_CA1_12-2209_opinion.pdf",
        dict(court="United States Court of Appeals for the First Circuit"),
    ),
    ("other_legal/US_federal-register-2020-17221.pdf", dict(court=None, judges=[], cases=[], parties=[])),
]


@pytest.mark.parametrize("relative, expected", JUDGMENTS, ids=[Path(r).stem for r, _ in JUDGMENTS])
def test_real_judgment(relative: str, expected: dict) -> None:
    pages = pages_of(relative)
    check(parse_caption(list(pages)), expected, pages)


# Image-only scans: OCR takes a few seconds a page.
SCANNED = [
    (
        "pk_judgments/SHC_scanned_upside_down_180deg.pdf",
        dict(
            court=SHC,
            seat="Circuit Court Larkana",
            judges=["Muhammad Saleem Jessar", "Adnan ul Karim Memon"],
            author="Adnan ul Karim Memon",
            cases=[("C.P.", 423, "D", 2024)],
            parties=[("Muhammad Hassan", "petitioner"), ("P.O Sindh", "respondent")],
            hearing="2025-02-27",
            decision="2025-02-27",
        ),
    ),
    (
        "pk_judgments/SCP_SMC4-5-2021_FIA_CyberCrimeWing_scanned.pdf",
        dict(
            court=SCP,
            jurisdiction="Original Jurisdiction",
            judges=["Qazi Faez Isa", "Muhammad Ali Mazhar", "Musarrat Hilali"],
            cases=[("S.M.C.", 4, None, 2021), ("S.M.C.", 5, None, 2021), ("C.P.", 27, None, 2022)],
            hearing="2024-01-29",
            decision="2024-01-29",
        ),
    ),
    (
        "pk_judgments/SCP_CrlP342-2018_juvenile_scanned.pdf",
        dict(
            court=SCP,
            judges=["Mushir Alam", "Mazhar Alam Khan Miankhel", "Munib Akhtar"],
            author="Mazhar Alam Khan Miankhel",
            cases=[("Crl.P.", 342, None, 2018)],
            lower="in Crl.Rev.No.173/2017",
            hearing="2018-09-12",
            decision="2018-09-12",
        ),
    ),
    (
        "pk_judgments/LHC_2023LHC1435_RFA_scanned_HPscan.pdf",
        dict(
            court=LHC,
            seat="Rawalpindi Bench",
            # "This single judgment shall govern the subject appeal as well as LC.A.No.292 of 2010"
            cases=[("L.C.A.", 296, None, 2010), ("L.C.A.", 292, None, 2010)],
            parties=[("Civil Aviation Authority", "appellant"), ("Haji Pervez Khan", "respondent")],
        ),
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("relative, expected", SCANNED, ids=[Path(r).stem for r, _ in SCANNED])
def test_real_scanned_judgment(relative: str, expected: dict) -> None:
    pages = pages_of(relative, ocr=True)
    check(parse_caption(list(pages)), expected, pages)


def test_every_corpus_judgment_parses(shared_dir: Path) -> None:
    """Every text-layer judgment of pk_judgments: no error, spans inside their pages, a known court."""
    known = {LHC, SCP, SHC, IHC, None}
    for path in sorted((shared_dir / "corpus" / "pk_judgments").glob("*.pdf")):
        try:
            pages = pages_of(f"pk_judgments/{path.name}")
        except ExtractionError as error:  # image-only without OCR: nothing to parse here
            assert error.code == "no_text", path.name
            continue
        facts = parse_caption(list(pages))
        assert facts.court in known, path.name
        check(facts, {}, pages)
        assert len({j.name_key for j in facts.judges}) == len(facts.judges), path.name


# --------------------------------------------------------------------------- hostile input

PIECES = [
    "IN THE LAHORE HIGH COURT",
    "PRESENT:",
    "MR. JUSTICE ",
    "Crl. Appeal No.",
    "12",
    "/2020",
    " of ",
    "Versus",
    " Vs. ",
    "...Petitioner",
    "Respondent(s)",
    "For the appellant:",
    " by: ",
    "Mr. X, ASC",
    "Advocate for the",
    "Date of hearing:",
    "12.12.2020",
    "Announced on",
    "(Ali Khan)",
    "Judge",
    "J.-",
    "(On appeal against",
    ")",
    "(",
    "\n",
    " ",
    ".",
    "-",
    ",",
    "&",
    "Islamabad, the",
    "2nd May, 2024",
    "ORDER SHEET",
    "S.No. of order",
    "connected ",
    "This single judgment shall decide ",
    " as well as ",
    " bearing ",
    "W.P. No.",
    "\u201c",
    "\u201d",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=120).map("".join), max_size=3))
def test_parse_caption_never_raises_and_is_fast(pages: list[str]) -> None:
    started = time.perf_counter()
    facts = parse_caption(pages)
    assert time.perf_counter() - started < 2.0
    for fact in [*facts.judges, *facts.case_numbers, *facts.parties, *facts.counsel]:
        assert 1 <= fact.page_number <= max(1, len(pages))


@pytest.mark.parametrize(
    "page",
    [
        "Respondent No.1" + "\t" * 50_000,
        "(Ali Khan) " + " " * 50_000,
        "Tariq Saleem Sheikh, J" + " " * 50_000 + "x",
        "X vs Y " + "/" * 50_000,
        "PRESENT: " + "\n" * 50_000,
        "Writ Petition No.1" + "1" * 50_000,
        "For the Appellant: Mr. A" + "," * 50_000,
        "." * 100_000,
        "connected " * 10_000 + "W.P. No.1/2020",
        "This single judgment shall decide " + "W.P. No.1/2020 and " * 5_000,
        "\u201c" * 50_000 + " connected W.P. No.1/2020",
    ],
)
def test_long_hostile_pages_are_linear(page: str) -> None:
    started = time.perf_counter()
    parse_caption([page, page])
    assert time.perf_counter() - started < 5.0
