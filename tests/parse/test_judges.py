"""Judges' names: every printed form to one display name and one matching key."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.parse.judges import name_key, normalize_judge

NAMES = [
    ("Mr. Justice Arif Nadeem Qureshi", "Arif Nadeem Qureshi"),
    ("ARIF NADEEM QURESHI, J.", "Arif Nadeem Qureshi"),
    ("Arif Nadeem Qureshi J", "Arif Nadeem Qureshi"),
    ("(Arif Nadeem Qureshi)", "Arif Nadeem Qureshi"),
    ("Justice Qazi Faez Isa, CJ", "Qazi Faez Isa"),
    ("Mrs. Justice Ayesha A. Malik", "Ayesha A. Malik"),
    ("(Muhammad Ali Mazhar, J)", "Muhammad Ali Mazhar"),
    ("Syed Mansoor Ali Shah, J.", "Syed Mansoor Ali Shah"),  # "Syed" is part of the name
    ("MR. JUSTICE MIAN SAQIB NISAR, HCJ", "Mian Saqib Nisar"),
    ("AALIA NEELUM, C.J:-", "Aalia Neelum"),
    ("MUHAMMAD AMJAD RAFIQ, J:-", "Muhammad Amjad Rafiq"),
    ("Tariq Saleem Sheikh, J. –", "Tariq Saleem Sheikh"),
    ("Muhammad Tariq Nadeem, J.:-", "Muhammad Tariq Nadeem"),
    ("MIAN SAQIB NISAR, J.---", "Mian Saqib Nisar"),
    ("Sayyed Mazahar Ali Akbar Naqvi, J.-", "Sayyed Mazahar Ali Akbar Naqvi"),
    ("Ch. Muhammad Iqbal, J:-", "Ch. Muhammad Iqbal"),
    ("MR. JUSTICE AMIN-UD-DIN KHAN", "Amin-ud-Din Khan"),
    ("Mr. Justice Nasir-ul-Mulk", "Nasir-ul-Mulk"),
    ("Ijaz ul Ahsan", "Ijaz ul Ahsan"),
    ("[ S.A. BOBDE ]", "S.A. Bobde"),
    # OCR and typing slips around the name.
    ("Mr.Justice Muhammad Saleem Jessar.", "Muhammad Saleem Jessar"),
    ("ADNAN UL KARIM MEMON-J.:-", "Adnan ul Karim Memon"),
    ("ARBAB MUHAMMAD TAHIR, l", "Arbab Muhammad Tahir"),  # an OCR'd "J"
    ("Mr. Justice Muhammad Iqbal Kalhoro, J'", "Muhammad Iqbal Kalhoro"),
    ("  MR.\n JUSTICE  JAMAL KHAN MANDOKHAIL ", "Jamal Khan Mandokhail"),
    # Not names: a title alone, caption words, prose, OCR debris.
    ("Chief Justice", None),
    ("Judge", None),
    ("Judge Judge", None),
    ("The State", None),
    ("(Emphasis supplied)", None),
    ("Abdul Khaliq and others", None),
    ("This appeal is directed", None),
    ("Stereo. H", None),
    ("Stereo H", None),
    ('JUSTICE IIAZHAR ALAM "AN MIANKUEL', None),
    ("MB. JUSTICE JAMAL 1,-IAN MANDOKIWL", None),
    ("fviazliar Atarn Khan IVijankliel, J.", None),
    ("Approved for reporting", None),
    ("", None),
    ("A " * 150, None),
]


@pytest.mark.parametrize("raw, expected", NAMES)
def test_normalize_judge(raw: str, expected: str | None) -> None:
    result = normalize_judge(raw)
    assert (result[0] if result else None) == expected


def test_one_key_for_every_form() -> None:
    forms = ["Mr. Justice Arif Nadeem Qureshi", "ARIF NADEEM QURESHI, J.", "Arif Nadeem Qureshi J"]
    assert {normalize_judge(f) for f in forms} == {("Arif Nadeem Qureshi", "ARIF NADEEM QURESHI")}


KEYS = [
    ("Ayesha A. Malik", "AYESHA A MALIK"),
    ("Amin-ud-Din Khan", "AMIN UD DIN KHAN"),
    ("Ijaz-ul-Ahsan", "IJAZ UL AHSAN"),
    ("Ijaz ul Ahsan", "IJAZ UL AHSAN"),
    ("Ch.  Muhammad   Iqbal", "CH MUHAMMAD IQBAL"),
]


@pytest.mark.parametrize("name, key", KEYS)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(raw: str) -> None:
    started = time.perf_counter()
    result = normalize_judge(raw)
    assert time.perf_counter() - started < 0.5
    if result is not None:
        display, key = result
        assert display and key == name_key(display)
        assert key == key.upper()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Mr.", "Justice", "MUHAMMAD", "Ali", "ud", "-", ",", "J.", "(", ")", "'", ".", "  ", "Khan"]
        ),
        max_size=40,
    )
)
def test_never_raises_on_name_like_text(parts: list[str]) -> None:
    result = normalize_judge(" ".join(parts))
    assert result is None or len(result[0].split()) <= 7
