"""clean_pages: the stages together, across the pages of one document."""

from __future__ import annotations

from ingest.extract.cleaning import clean_pages

LINE = "the learned counsel for the appellant has argued the case at length"


def test_pdfium_text_of_a_judgment_is_cleaned() -> None:
    raw = [
        "JUDGMENT SHEET\r\nLAHORE HIGH COURT\r\n"
        f"1. This appeal is directed against the judgment of the Additional Sessions Judge, and\r\n"
        f"{LINE} and relied on the ﬁndings of the prosecu\ufffe\r\ntion witnesses.\r\n"
        "2. Arguments heard.",
        "Crl. Appeal No.964/J/2023\r\n- 2 -\r\n"
        f"3. In his defence {LINE} while the co\ufffeaccused {LINE}.\r\n"
        "(a) the first ground;\r\n(b) the second ground.",
        "Crl. Appeal No.964/J/2023\r\n- 3 -\r\nTTHHEE  EENNDD  OOFF  JJUUDDGGMMEENNTT\r\n"
        "4. The appeal is dismissed.",
    ]
    texts, labels = clean_pages(raw)
    assert labels == [None, "2", "3"]
    assert texts == [
        "JUDGMENT SHEET\nLAHORE HIGH COURT\n"
        f"1. This appeal is directed against the judgment of the Additional Sessions Judge, and "
        f"{LINE} and relied on the findings of the prosecution witnesses.\n"
        "2. Arguments heard.",
        f"3. In his defence {LINE} while the co-accused {LINE}.\n"
        "(a) the first ground;\n(b) the second ground.",
        "THE END OF JUDGMENT\n4. The appeal is dismissed.",
    ]


def test_empty_pages_stay_empty() -> None:
    assert clean_pages(["", "  \r\n ", "text"]) == (["", "", "text"], [None, None, None])
