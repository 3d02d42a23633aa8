"""Audit the locked dependencies (requirements.lock) for known vulnerabilities, from PyPI's JSON API.

Usage::

    python tools/audit.py [requirements.lock] [--ignore ID ...] [--pyproject pyproject.toml]

Why not pip-audit? Its two services need what this project's machines and CI
cannot reach: OSV (api.osv.dev) is not reachable at all, and its PyPI
service asks ``/pypi/<name>/<version>/json``, which answers 404 here, so it
reports every package as "not found on PyPI" and checks nothing. This script
asks the same PyPI advisory data (the ``vulnerabilities`` lists PyPI fills
from the OSV database) through what is reachable:

1. ``/pypi/<name>/<version>/json``, the exact release's advisories, when it
   answers (as on an ordinary network);
2. otherwise ``/pypi/<name>/json``, the project's latest release and its
   advisories. When the locked version *is* the latest, that is exact. When
   it is older, the advisories of the latest release are applied to it unless
   one of their fixed versions in the locked version's series is not newer
   than it. LIMITATION: advisories fixed somewhere between the locked version
   and the latest do not appear in that answer at all, so an outdated pin can
   hide a known, already-fixed vulnerability. The report lists the packages
   checked this way and how far behind they are; keep the lock current
   (``make lock``) to keep the audit meaningful.

It also warns when a locked version was yanked, and fails when a dependency
named in pyproject.toml is missing from the lock (a stale lock would leave a
new dependency unaudited).

Exit status: 0 when no known vulnerability was found (network failures, after
retries, are warnings: CI does not go red because PyPI was briefly
unreachable); 1 when a vulnerability affects a locked version; 2 on a usage
error or a stale lock.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import InvalidVersion, Version

PYPI = "https://pypi.org/pypi"
USER_AGENT = "lawdb-audit/1 (+tools/audit.py)"


def canonical(name: str) -> str:
    """PEP 503's normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path) -> dict[str, str]:
    """``name==version`` lines of a pip freeze file, by canonical name (comments and options skipped)."""
    pins: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;]+)(?:\s*;.*)?", line)
        if not match:
            raise ValueError(f"{path}:{number}: not a pinned requirement (name==version): {raw!r}")
        pins[canonical(match.group(1))] = match.group(2)
    return pins


def declared_dependencies(pyproject: Path) -> set[str]:
    """Canonical names of the project's dependencies and optional (extra) dependencies."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data.get("project", {})
    specs = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        specs += extra
    names = set()
    for spec in specs:
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
        if match:
            names.add(canonical(match.group(1)))
    return names


# --- fetching ---------------------------------------------------------------------------------

class NotFound(Exception):
    """PyPI answered 404."""


class Unreachable(Exception):
    """No answer after the retries (network down, timeouts, 5xx)."""


Fetch = Callable[[str], dict]


def http_fetch(timeout: float = 15.0, retries: int = 3, backoff: float = 1.0, max_seconds: float = 240.0,
               sleep: Callable[[float], None] = time.sleep) -> Fetch:
    """A JSON getter: 404 raises NotFound at once; other failures are retried, then raise Unreachable.

    After ``max_seconds`` in all, nothing more is tried: a network that hangs
    costs CI a few minutes at most, not timeout x retries x packages.
    """
    deadline = time.monotonic() + max_seconds

    def fetch(url: str) -> dict:
        last = "no attempt"
        for attempt in range(retries):
            if time.monotonic() > deadline:
                last = f"gave up: the audit's {max_seconds:.0f} s were spent"
                break
            if attempt:
                sleep(backoff * 2 ** (attempt - 1))
            request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                           "User-Agent": USER_AGENT})
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    raise NotFound(url) from None
                last = f"HTTP {exc.code}"
            except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
                last = str(getattr(exc, "reason", exc))
        raise Unreachable(f"{url}: {last}")

    return fetch


# --- judging --------------------------------------------------------------------------------------

@dataclass
class Finding:
    package: str
    version: str
    id: str
    aliases: list[str]
    fixed_in: list[str]
    summary: str
    exact: bool  # from the release's own advisories, not inferred from the latest release's

    def line(self) -> str:
        also = f" ({', '.join(self.aliases)})" if self.aliases else ""
        fix = f"fixed in {', '.join(self.fixed_in)}" if self.fixed_in else "no fixed version published"
        how = "" if self.exact else " [inferred from the latest release's advisories]"
        return f"{self.package}=={self.version}: {self.id}{also}, {fix}{how}: {self.summary}"


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    ignored: list[Finding] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)
    not_on_pypi: list[str] = field(default_factory=list)
    yanked: list[str] = field(default_factory=list)
    #: Checked through the project's latest release only: (package, locked, latest).
    inferred: list[tuple[str, str, str]] = field(default_factory=list)
    checked: int = 0


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def affects_older(locked: str, fixed_in: Iterable[str]) -> bool:
    """Whether an advisory of a *newer* release also touches ``locked``.

    It does unless a fix was released in the locked version's own series
    (same major.minor) no later than the locked version: a backported fix.
    With no fixed version at all, every version is taken as affected.
    """
    mine = _version(locked)
    if mine is None:
        return True
    for text in fixed_in:
        fixed = _version(text)
        if fixed is not None and fixed.release[:2] == mine.release[:2] and fixed <= mine:
            return False
    return True


def _findings(package: str, version: str, vulns: list[dict], exact: bool) -> list[Finding]:
    out = []
    for vuln in vulns:
        if vuln.get("withdrawn"):
            continue
        fixed = [str(v) for v in vuln.get("fixed_in") or []]
        # A release's own list names what affects it; the latest release's list is only a hint for older ones.
        if not exact and not affects_older(version, fixed):
            continue
        summary = " ".join((vuln.get("summary") or vuln.get("details") or "").split())[:160]
        out.append(Finding(package, version, str(vuln.get("id")), [str(a) for a in vuln.get("aliases") or []],
                           fixed, summary, exact))
    return out


def _note_yanked(package: str, version: str, files: list[dict], report: Report) -> None:
    if files and all(f.get("yanked") for f in files):
        report.yanked.append(f"{package}=={version}: {files[0].get('yanked_reason') or 'yanked'}")


def audit_one(package: str, version: str, fetch: Fetch, report: Report, base: str = PYPI) -> None:
    try:
        release = fetch(f"{base}/{package}/{version}/json")
    except NotFound:
        release = None
    except Unreachable as exc:
        report.unreachable.append(f"{package}: {exc}")
        return
    if release is not None:
        report.findings += _findings(package, version, release.get("vulnerabilities") or [], exact=True)
        _note_yanked(package, version, release.get("urls") or [], report)
        report.checked += 1
        return
    try:
        project = fetch(f"{base}/{package}/json")
    except NotFound:
        report.not_on_pypi.append(f"{package}=={version}")
        return
    except Unreachable as exc:
        report.unreachable.append(f"{package}: {exc}")
        return
    latest = str(project.get("info", {}).get("version", ""))
    exact = canonical(latest) == canonical(version) or _version(latest) == _version(version)
    report.findings += _findings(package, version, project.get("vulnerabilities") or [], exact=exact)
    _note_yanked(package, version, (project.get("releases") or {}).get(version) or [], report)
    if not exact:
        report.inferred.append((package, version, latest))
    report.checked += 1


def audit(pins: dict[str, str], fetch: Fetch, ignore: Iterable[str] = (), workers: int = 8,
          base: str = PYPI) -> Report:
    report = Report()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda item: audit_one(item[0], item[1], fetch, report, base), sorted(pins.items())))
    ignored = {i.upper() for i in ignore}
    kept = []
    for finding in sorted(report.findings, key=lambda f: (f.package, f.id)):
        names = {finding.id.upper(), *(a.upper() for a in finding.aliases)}
        (report.ignored if names & ignored else kept).append(finding)
    report.findings = kept
    return report


def render(report: Report, total: int, out=sys.stdout) -> None:
    def say(text: str = "") -> None:
        print(text, file=out)

    for finding in report.findings:
        say(f"VULNERABLE {finding.line()}")
    for finding in report.ignored:
        say(f"ignored    {finding.line()}")
    for line in report.yanked:
        say(f"warning: yanked release {line}")
    for line in report.not_on_pypi:
        say(f"warning: not on PyPI, not checked: {line}")
    for line in report.unreachable:
        say(f"warning: PyPI unreachable after retries, not checked: {line}")
    if report.inferred:
        behind = ", ".join(f"{p} {v} (latest {latest})" for p, v, latest in sorted(report.inferred))
        say(f"note: {len(report.inferred)} package(s) are older than their latest release and were checked "
            "against the latest release's advisories only (this PyPI answers no per-release data); "
            f"advisories fixed in between cannot be seen: {behind}")
    say(f"audit: {report.checked} of {total} locked packages checked, {len(report.findings)} known "
        f"vulnerabilit{'y' if len(report.findings) == 1 else 'ies'}"
        + (f", {len(report.ignored)} ignored" if report.ignored else "")
        + (f", {len(report.unreachable)} unreachable" if report.unreachable else ""))


def main(argv: list[str] | None = None, fetch: Fetch | None = None, out=sys.stdout) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lock", nargs="?", default="requirements.lock", type=Path)
    parser.add_argument("--pyproject", type=Path, default=Path("pyproject.toml"),
                        help="check that every dependency it names is locked ('' to skip)")
    parser.add_argument("--ignore", action="append", default=[], metavar="ID",
                        help="an advisory id or alias (PYSEC-..., GHSA-..., CVE-...) accepted after review")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request")
    parser.add_argument("--retries", type=int, default=3, help="attempts per request")
    parser.add_argument("--backoff", type=float, default=1.0, help="seconds before a retry (doubling)")
    parser.add_argument("--max-seconds", type=float, default=240.0, help="stop asking after this long")
    parser.add_argument("--pypi", default=PYPI, help=f"the JSON API's root (default {PYPI})")
    args = parser.parse_args(argv)
    try:
        pins = read_lock(args.lock)
    except (OSError, ValueError) as exc:
        print(f"audit: {exc}", file=out)
        return 2
    if str(args.pyproject) and args.pyproject.is_file():
        missing = sorted(declared_dependencies(args.pyproject) - set(pins))
        if missing:
            print(f"audit: {args.lock} is stale: it does not pin {', '.join(missing)} named in "
                  f"{args.pyproject}; regenerate it with `make lock`.", file=out)
            return 2
    report = audit(pins, fetch or http_fetch(timeout=args.timeout, retries=args.retries, backoff=args.backoff,
                                         max_seconds=args.max_seconds), args.ignore,
                   base=args.pypi.rstrip("/"))
    render(report, len(pins), out)
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
