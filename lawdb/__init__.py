"""lawdb: court rulings and statutes as structured, searchable, citable law.

The core package. It knows nothing of PDFs (see :mod:`ingest`) or HTTP (see
:mod:`webui`); both of those import it, never the other way round.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("lawdb")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
