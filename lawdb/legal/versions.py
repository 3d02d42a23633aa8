"""Point in time: a provision's periods and its state on a date.

Shared by the ingest side, which builds the periods from amendment notes
(:mod:`ingest.parse.amendments`), and the core, which answers "as in force
on" from the stored :class:`~lawdb.models.ProvisionVersion` rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class VersionPeriod:
    """A provision's state over ``[valid_from, valid_to)``.

    ``valid_from`` None: from the start (or unknown start); ``valid_to`` None:
    still so. ``text`` None: the text of that period is not in the collection.
    ``omitted``: the provision had been omitted (or repealed). ``note`` says
    what is uncertain; ``source`` is the raw note that bounds the period's
    start. ``uncertain_until``, when set, is the exclusive end of a window
    ``[valid_from, uncertain_until)`` in which the change that starts this
    period took effect on a date not known (an amending Act whose exact date is
    not printed: ``valid_from`` is then 1 January of its year); a date in the
    window gets an honest "unknown" from :func:`in_force_on`.
    """

    valid_from: date | None
    valid_to: date | None
    text: str | None
    omitted: bool
    note: str | None
    source: str | None
    uncertain_until: date | None = None


def _state(period: VersionPeriod | None) -> str:
    if period is None:
        return "not_yet"
    return "omitted" if period.omitted else "in_force"


def in_force_on(periods: list[VersionPeriod], when: date) -> tuple[str, VersionPeriod | None]:
    """The provision's state on ``when``: ``"in_force"``, ``"omitted"``, ``"not_yet"`` or ``"unknown"``.

    Returns the period that holds on that date. A date before the first period
    is "not_yet" (the provision did not exist yet). A date inside an
    uncertainty window (see :class:`VersionPeriod`) is "unknown" with a period
    made for the window, unless the provision was in force on both sides of
    it: then it is "in_force" with a window period whose text is None (which
    text applied is what is unknown). A date in no period (a gap) is "unknown".
    """
    if not periods:
        return "unknown", None
    for i, p in enumerate(periods):
        if (p.valid_from is None or p.valid_from <= when) and (p.valid_to is None or when < p.valid_to):
            if p.uncertain_until is not None and (p.valid_from is None or p.valid_from <= when) \
                    and when < p.uncertain_until:
                before = periods[i - 1] if i > 0 and periods[i - 1].valid_to == p.valid_from else None
                window = VersionPeriod(
                    p.valid_from, min(p.uncertain_until, p.valid_to) if p.valid_to else p.uncertain_until,
                    None, False, f"uncertain: {p.note}", p.source)
                if _state(before) == "in_force" and _state(p) == "in_force":
                    return "in_force", window
                return "unknown", window
            return _state(p), p
    first = periods[0]
    if first.valid_from is not None and when < first.valid_from:
        return "not_yet", None
    return "unknown", None

