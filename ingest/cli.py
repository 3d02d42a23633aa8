"""Commands of the ingest layer (``lawdb ingest``, ``lawdb worker``)."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Add the ingest commands to the ``lawdb`` group (entry point ``lawdb.commands``)."""
