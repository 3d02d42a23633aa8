"""Where test inputs live."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("LAWDB_SHARED_DIR", ROOT.parent / "shared"))
