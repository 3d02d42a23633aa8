"""A process pool that survives hostile input: per-task time limits, memory caps, crashes.

``concurrent.futures`` cannot stop one running task: a PDF that sends the
parser into an endless loop would hold its worker for ever, and a segfault
breaks the whole executor. Here each worker is a plain process with its own
pipe; the parent knows which task each runs and since when, kills a worker
whose task overruns (or has stopped reporting progress), starts a fresh one,
and reports the task as failed. Workers never touch the database.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

#: Messages from worker to parent.
_PROGRESS, _DONE, _ERROR = "progress", "done", "error"


@dataclass(frozen=True)
class TaskFailure:
    """Why a task produced no result: ``timeout``, ``crashed``, ``memory`` or ``error``."""

    kind: str
    message: str


def _limit_memory(limit_mb: int | None) -> None:
    if not limit_mb:
        return
    try:
        import resource

        limit = limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform without rlimits
        pass


def _worker_main(conn: Connection, fn: Callable[..., Any], limit_mb: int | None,
                 environ: dict[str, str]) -> None:
    # A forkserver child inherits the environment of when the server started;
    # use the parent's environment of now (PATH, TESSDATA_PREFIX, ...) instead.
    os.environ.clear()
    os.environ.update(environ)
    _limit_memory(limit_mb)
    # One thread per process: the pool is the parallelism (see the OCR notes).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    def progress(note: Any = None) -> None:
        conn.send((_PROGRESS, note))

    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            result = fn(task, progress)
        except MemoryError:
            conn.send((_ERROR, TaskFailure("memory", "ran out of memory (the worker's limit)")))
        except Exception as exc:
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            conn.send((_ERROR, TaskFailure("error", detail)))
        else:
            conn.send((_DONE, result))


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    task: Any = None
    started: float = 0.0
    last_progress: float = 0.0


class Pool:
    """Run ``fn(task, progress)`` over tasks in ``workers`` processes.

    ``time_limit`` bounds a whole task; ``idle_limit`` bounds the time between
    two ``progress()`` calls (a long OCR job keeps going while it advances; a
    page that hangs is stopped). ``memory_limit_mb`` caps each worker's address
    space so one huge image cannot exhaust the machine.
    """

    def __init__(
        self,
        fn: Callable[[Any, Callable[[Any], None]], Any],
        workers: int = 1,
        *,
        time_limit: float = 3600.0,
        idle_limit: float = 300.0,
        memory_limit_mb: int | None = 3072,
    ) -> None:
        self.fn = fn
        self.size = max(1, workers)
        self.time_limit = time_limit
        self.idle_limit = idle_limit
        self.memory_limit_mb = memory_limit_mb
        # forkserver: children start from a clean process, not a fork of a
        # parent holding database connections and threads.
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
        self._ctx = mp.get_context(method)
        self._workers: list[_Worker] = []

    def _start_worker(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main, args=(child, self.fn, self.memory_limit_mb, dict(os.environ)),
            daemon=True,
        )
        process.start()
        child.close()
        return _Worker(process=process, conn=parent)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=10)
        worker.conn.close()

    def run(self, tasks: Iterable[Any]) -> Iterator[tuple[Any, Any, TaskFailure | None]]:
        """Yield ``(task, result, None)`` or ``(task, None, failure)`` as tasks finish.

        ``tasks`` is consumed lazily, one task whenever a worker is free, so a
        generator that prepares tasks (hashing, copying) overlaps with the
        extraction of earlier ones.
        """
        source = iter(tasks)
        exhausted = False

        def next_task() -> Any:
            nonlocal exhausted
            if exhausted:
                return None
            try:
                return next(source)
            except StopIteration:
                exhausted = True
                return None

        self._workers = [self._start_worker() for _ in range(self.size)]
        try:
            while True:
                for worker in self._workers:
                    if worker.task is None and not exhausted:
                        task = next_task()
                        if task is None:
                            break
                        worker.task = task
                        worker.started = worker.last_progress = time.monotonic()
                        worker.conn.send(worker.task)
                if exhausted and all(w.task is None for w in self._workers):
                    break
                busy = [w for w in self._workers if w.task is not None]
                ready = wait([w.conn for w in busy], timeout=1.0)
                now = time.monotonic()
                for index, worker in enumerate(self._workers):
                    if worker.task is None:
                        continue
                    failure: TaskFailure | None = None
                    result: Any = None
                    finished = False
                    if worker.conn in ready:
                        try:
                            # Drain progress notes; stop at a result.
                            while True:
                                kind, payload = worker.conn.recv()
                                if kind != _PROGRESS:
                                    finished = True
                                    if kind == _DONE:
                                        result = payload
                                    else:
                                        failure = payload
                                    break
                                worker.last_progress = now
                                if not worker.conn.poll():
                                    break
                        except (EOFError, OSError):
                            worker.process.join(timeout=5)
                            failure = TaskFailure("crashed", _describe_exit(worker.process.exitcode))
                            finished = True
                    if not finished and now - worker.started > self.time_limit:
                        failure = TaskFailure(
                            "timeout", f"took longer than {self.time_limit:g} s and was stopped")
                        finished = True
                    elif not finished and now - worker.last_progress > self.idle_limit:
                        failure = TaskFailure(
                            "timeout",
                            f"made no progress for {self.idle_limit:g} s and was stopped")
                        finished = True
                    if not finished:
                        continue
                    task, worker.task = worker.task, None
                    if failure is not None and failure.kind in ("crashed", "timeout", "memory"):
                        # The process may be wedged or its heap poisoned: replace it.
                        self._kill(worker)
                        self._workers[index] = self._start_worker()
                    yield task, result, failure
        finally:
            self.close()

    def close(self) -> None:
        for worker in self._workers:
            try:
                if worker.task is None and worker.process.is_alive():
                    worker.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        for worker in self._workers:
            worker.process.join(timeout=2)
            self._kill(worker)
        self._workers = []


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "the worker process stopped responding"
    if code < 0:
        import signal

        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (likely out of memory)" if name == "SIGKILL" else ""
        return f"the worker process was killed by {name}{hint}"
    return f"the worker process exited with status {code}"
