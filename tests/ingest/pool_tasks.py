"""Task functions for the pool tests (module level, so worker processes can import them)."""

from __future__ import annotations

import os
import time


def behave(task: str, progress) -> str:
    if task == "hang":
        time.sleep(600)
    if task == "slow-but-advancing":
        for _ in range(6):
            time.sleep(0.5)
            progress(None)
    if task == "segfault":
        os.kill(os.getpid(), 11)
    if task == "hog":
        _ = bytearray(3 * 1024**3)
    if task == "raise":
        raise ValueError("a bad page")
    return task.upper()
