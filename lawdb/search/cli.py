"""Search commands (``lawdb search``, ``lawdb reindex``), registered by :mod:`lawdb.cli`."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Add the search commands to the ``lawdb`` group."""
