"""The DESIGN.md budgets, measured in one run: a benchmark that prints figures, not a test.

    /work/venv/bin/python benchmarks/budgets.py              # everything (about 7 minutes on 2 vCPU)
    /work/venv/bin/python benchmarks/budgets.py --quick      # only the one-article comparison
    options: --runs N (one-article runs of each command, default 10), --batch-runs N (large-batch
             runs of each tool, median of N, default 3), --keep DIR (build the batch in DIR and keep
             it), --proselint PATH, --no-hyperfine

Run it with the project's interpreter (the venv where copydesk is installed): `check` is taken
from beside it and `import great_expectations` is timed with it. Needs beautifulsoup4
(benchmarks/requirements.txt) to turn the French Wikinews HTML into text, as corpus_run.py does.

proselint lives in its own environment, so that it does not share copydesk's packages:

    python3 -m venv ../bench-venv && ../bench-venv/bin/pip install proselint

(../bench-venv is the sibling of the repository; otherwise pass --proselint PATH or put proselint on
PATH). proselint 0.16 has the `proselint check PATHS...` CLI: it walks a folder itself (.txt, .md,
...) and lints every file one after the other in one process, so it is given the batch folder,
with `-o json` (every file it read is listed, which is how the file count is checked). Older
proselint (`proselint FILES...`, no `check` subcommand) is given every file path in one process.

What it measures (all ratios come from the same run, on the same noisy machine):

1. Large batch: the 510 BBC business articles copied four times over (2,040 documents) plus the
   100 French Wikinews articles as text, 2,140 .txt files in one folder. `check --format json
   FOLDER` (one process, which forks extraction workers) and `proselint check -o json FOLDER` (one
   process), each verified to have read 2,140 files; wall clock of the whole process, median of
   --batch-runs (these machines are noisy: one run can be 25% off), runs of the two tools alternated. Each tool's fixed cost (start-up; for check the
   GX import too) is its median wall time on a folder holding only the batch's first file, and the
   cost per article is (batch - fixed) / (documents - 1). Budget (DESIGN.md: "GX's import is paid
   once; what matters is the cost per article after it"): proselint's cost per article / check's
   >= 3. The end-to-end ratio (proselint time / check time) is printed beside it, with its verdict
   against the same 3x.
2. Peak memory of the `check` batch run: ru_maxrss from wait4() on the `check` process, that is
   the largest resident set of any single process of its tree (the parent or one forked worker;
   the same figure `/usr/bin/time -v` reports). Budget: under 600 MB. For information, the peak of
   the whole tree's proportional set size (PSS: pages shared by the forked workers counted once),
   sampled from /proc every 0.1 s in one more run, not timed (sampling slows the run).
3. One article: `check fixtures/ampere-article.txt` against `python -c "import great_expectations"`
   with the same interpreter, 2 warm-up runs each, then --runs runs each interleaved (A B A B ...)
   so that machine noise hits both alike; medians and minima. Budget: median check / median import
   <= 1.15. With hyperfine on PATH (and no --no-hyperfine) hyperfine times them instead
   (`-N --warmup 2 --runs N -i`; it runs all of A then all of B, it does not interleave).

Exit code 0 whatever the verdicts; 2 when something could not run (the reason on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

CORPORA = ROOT.parent / "shared" / "corpora"
BBC = CORPORA / "bbc-business"
WIKINEWS = CORPORA / "wikinews-fr"
BBC_COPIES = 4
ARTICLE = ROOT / "fixtures" / "ampere-article.txt"
BENCH_PROSELINT = ROOT.parent / "bench-venv" / "bin" / "proselint"

BATCH_RATIO_MIN = 3.0  # proselint time / check time, at least
ONE_RATIO_MAX = 1.15  # check one article / import great_expectations, at most
PEAK_MB_MAX = 600.0  # peak memory of the batch run, under


class CannotRun(Exception):
    """Something the gate needs could not run: reported, exit code 2."""


@dataclass
class Run:
    wall: float  # seconds, wall clock from spawn to reaping
    returncode: int
    maxrss_mb: float  # ru_maxrss from wait4: the largest single process of the tree
    tree_pss_mb: float  # sampled peak of the summed PSS of the tree (0 when not sampled)
    stderr: str


# --- measuring one process ------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    """pid and its descendants, from /proc/PID/task/TID/children."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Peak of the summed PSS of a process tree, polled every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _tree(self.pid)))
            self.done.wait(self.interval)

    def stop(self) -> float:
        self.done.set()
        self.join()
        return self.peak_kb / 1024


def run_measured(cmd: list[str], stdout_path: Path, sample: bool = False) -> Run:
    """Run cmd with stdout to a file; wall time, exit code and max RSS from wait4()."""
    with open(stdout_path, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid) if sample else None
        if sampler:
            sampler.start()
        # The sampler reads /proc/PID of the live process; wait4 reaps it and returns its rusage,
        # whose ru_maxrss covers it and every descendant it waited for (a max, not a sum).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        tree_pss = sampler.stop() if sampler else 0.0
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run(wall, proc.returncode, usage.ru_maxrss / 1024, tree_pss, stderr)


def _tail(text: str, lines: int = 5) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# --- 3. one article against the GX import ---------------------------------------------------


def one_article(check: str, runs: int, use_hyperfine: bool) -> dict:
    if not ARTICLE.is_file():
        raise CannotRun(f"{ARTICLE} is missing")
    commands = {"check": [check, str(ARTICLE)], "import": [sys.executable, "-c", "import great_expectations"]}
    hyperfine = shutil.which("hyperfine") if use_hyperfine else None
    if hyperfine:
        times = _hyperfine(hyperfine, commands, runs)
        timer = f"hyperfine (-N --warmup 2 --runs {runs}; A then B, not interleaved)"
    else:
        times = _interleaved(commands, runs)
        timer = f"subprocess + time.perf_counter, 2 warm-ups each, then {runs} runs each interleaved A B A B"
    out = {"timer": timer}
    for name, ts in times.items():
        out[name] = {"median": statistics.median(ts), "min": min(ts), "max": max(ts), "runs": len(ts)}
    out["ratio"] = out["check"]["median"] / out["import"]["median"]
    out["ratio_min"] = out["check"]["min"] / out["import"]["min"]
    return out


def _time_once(name: str, cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    allowed = (0, 1) if name == "check" else (0,)  # check exits 1 when it has findings
    if proc.returncode not in allowed:
        raise CannotRun(f"{shlex.join(cmd)} exited {proc.returncode}: {_tail(proc.stderr)}")
    return wall


def _interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    for _ in range(2):  # warm-up: page cache, .pyc files
        for name, cmd in commands.items():
            _time_once(name, cmd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(_time_once(name, cmd))
    return times


def _hyperfine(hyperfine: str, commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "hyperfine.json"
        cmd = [hyperfine, "-N", "--warmup", "2", "--runs", str(runs), "-i", "--style", "none",
               "--export-json", str(export)]
        for name, argv in commands.items():
            cmd += ["-n", name, shlex.join(argv)]
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True)
        if proc.returncode != 0 or not export.is_file():
            raise CannotRun(f"hyperfine exited {proc.returncode}: {_tail(proc.stderr)}")
        results = json.loads(export.read_text())["results"]
    times = {}
    for name, result in zip(commands, results):
        allowed = {0, 1} if name == "check" else {0}
        codes = set(result.get("exit_codes") or [0])
        if not codes <= allowed:
            raise CannotRun(f"{name} exited {sorted(codes)} under hyperfine")
        times[name] = result["times"]
    return times


# --- 1 and 2. the large batch ---------------------------------------------------------------


def build_batch(target: Path) -> tuple[int, int]:
    """BBC x4 and the Wikinews articles as text into target; (BBC articles, Wikinews articles)."""
    try:
        from corpus_run import html_to_text  # BeautifulSoup, one paragraph a line
    except ImportError as err:
        raise CannotRun(f"{err}: pip install -r benchmarks/requirements.txt") from err
    bbc = sorted(BBC.glob("*.txt"))
    pages = sorted(WIKINEWS.glob("*.html"))
    if not bbc or not pages:
        raise CannotRun(f"corpora not found under {CORPORA}")
    for copy in range(1, BBC_COPIES + 1):
        for src in bbc:
            shutil.copyfile(src, target / f"bbc{copy}-{src.name}")
    converted = html_to_text(WIKINEWS)
    try:
        texts = sorted(converted.glob("*.txt"))
        for src in texts:
            shutil.move(src, target / f"wikinews-fr-{src.name}")
    finally:
        shutil.rmtree(converted, ignore_errors=True)
    return len(bbc), len(texts)


def proselint_cli(proselint: str) -> tuple[str, bool]:
    """(version, has the `check` subcommand)."""
    help_text = subprocess.run([proselint, "--help"], check=False, capture_output=True, text=True).stdout
    modern = re.search(r"^\s+check\s", help_text, re.MULTILINE) is not None
    for args in (["version"], ["--version"]):
        proc = subprocess.run([proselint, *args], check=False, capture_output=True, text=True)
        found = re.search(r"\d+\.\d+(\.\d+)?", proc.stdout + proc.stderr)
        if proc.returncode == 0 and found:
            return found.group(0), modern
    return "unknown", modern


def batch(check: str, proselint: str, folder: Path, expected: int, runs: int, workdir: Path) -> dict:
    version, modern = proselint_cli(proselint)
    files = sorted(folder.glob("*.txt"))
    check_cmd = [check, "--format", "json", str(folder)]
    if modern:
        prose_cmd = [proselint, "check", "-o", "json", str(folder)]
        prose_shown = f"{proselint} check -o json {folder}"
    else:
        prose_cmd = [proselint, *map(str, files)]
        prose_shown = f"{proselint} {folder}/*.txt  ({len(files)} paths in one process)"
    check_runs, prose_runs = [], []
    findings = 0
    for _ in range(runs):  # the two tools alternated, so that noise hits both alike
        out = workdir / "check.json"
        run = run_measured(check_cmd, out)
        if run.returncode not in (0, 1):
            raise CannotRun(f"check exited {run.returncode} on the batch: {_tail(run.stderr)}")
        try:
            report = json.loads(out.read_text(encoding="utf-8"))
        except ValueError as err:
            raise CannotRun(f"check --format json output does not parse: {err}") from err
        read = report["summary"]["files"]
        if read != expected or len(report["files"]) != expected:
            raise CannotRun(f"check read {read} files ({len(report['files'])} listed), expected {expected}")
        findings = report["summary"]["findings"]
        check_runs.append(run)

        out = workdir / "proselint.out"
        run = run_measured(prose_cmd, out)
        if run.returncode not in (0, 1):
            raise CannotRun(f"proselint exited {run.returncode} on the batch: {_tail(run.stderr)}")
        if modern:
            try:
                linted = json.loads(out.read_text(encoding="utf-8"))["result"]
            except (ValueError, KeyError) as err:
                raise CannotRun(f"proselint -o json output does not parse: {err}") from err
            errors = [path for path, res in linted.items() if "error" in res]
            if len(linted) != expected or errors:
                raise CannotRun(f"proselint read {len(linted)} files, expected {expected}; "
                                f"{len(errors)} failed")
        prose_runs.append(run)
    # The tree's PSS in a run of its own: reading /proc/PID/smaps_rollup of every process ten times a
    # second costs enough CPU on 2 cores to slow the run it measures.
    sampled = run_measured(check_cmd, workdir / "check.json", sample=True)
    check_wall = statistics.median(r.wall for r in check_runs)
    prose_wall = statistics.median(r.wall for r in prose_runs)
    fixed = fixed_costs(check_cmd, prose_cmd, folder, files[0], workdir, modern)
    per_check = (check_wall - fixed["check"]) / (expected - 1)
    per_prose = (prose_wall - fixed["proselint"]) / (expected - 1)
    return {
        "fixed_check": fixed["check"], "fixed_proselint": fixed["proselint"],
        "per_article_check": per_check, "per_article_proselint": per_prose,
        "per_article_ratio": per_prose / per_check,
        "proselint_version": version, "proselint_cmd": prose_shown,
        "check_cmd": shlex.join(check_cmd), "findings": findings,
        "check": check_wall, "proselint": prose_wall,
        "check_all": [r.wall for r in check_runs], "proselint_all": [r.wall for r in prose_runs],
        "ratio": prose_wall / check_wall,
        "peak_mb": max(r.maxrss_mb for r in [*check_runs, sampled]),
        "tree_pss_mb": sampled.tree_pss_mb,
        "proselint_peak_mb": max(r.maxrss_mb for r in prose_runs),
    }


def fixed_costs(check_cmd: list[str], prose_cmd: list[str], folder: Path, first: Path, workdir: Path,
                modern: bool, runs: int = 5) -> dict[str, float]:
    """Each tool's cost that does not grow with the batch (start-up; for check, the GX import too):
    the median wall time on a folder holding only the batch's first file, runs alternated."""
    single = workdir / "one"
    single.mkdir()
    shutil.copyfile(first, single / first.name)
    swap = {str(folder): str(single), str(first): str(single / first.name)}
    commands = {"check": [swap.get(a, a) for a in check_cmd],
                "proselint": [swap.get(a, a) for a in (prose_cmd if modern else [prose_cmd[0], str(first)])]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            run = run_measured(cmd, workdir / "one.out")
            if run.returncode not in (0, 1):
                raise CannotRun(f"{shlex.join(cmd)} exited {run.returncode}: {_tail(run.stderr)}")
            times[name].append(run.wall)
    return {name: statistics.median(ts) for name, ts in times.items()}


# --- report ---------------------------------------------------------------------------------


def _secs(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the one-article comparison")
    parser.add_argument("--runs", type=int, default=10, help="one-article runs of each command (default 10)")
    parser.add_argument("--batch-runs", type=int, default=3, help="large-batch runs of each tool, median of N (default 3)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the batch in DIR (new or empty) and keep it")
    parser.add_argument("--proselint", help=f"proselint executable (default: {BENCH_PROSELINT}, else PATH)")
    parser.add_argument("--no-hyperfine", action="store_true", help="time the one-article runs in Python even if hyperfine is installed")
    args = parser.parse_args()
    if args.runs < 1 or args.batch_runs < 1:
        parser.error("--runs and --batch-runs must be at least 1")

    started = time.perf_counter()
    check = str(Path(sys.executable).parent / "check")
    if not Path(check).is_file():
        raise CannotRun(f"no `check` beside {sys.executable}: run this with the interpreter of the venv where copydesk is installed")
    proselint = None
    if not args.quick:
        proselint = args.proselint or (str(BENCH_PROSELINT) if BENCH_PROSELINT.is_file() else shutil.which("proselint"))
        if not proselint or not Path(proselint).is_file():
            raise CannotRun("proselint not found: python3 -m venv ../bench-venv && ../bench-venv/bin/pip install proselint "
                            "(or pass --proselint PATH)")

    if not args.quick and args.keep and args.keep.exists() and (not args.keep.is_dir() or any(args.keep.iterdir())):
        raise CannotRun(f"--keep {args.keep}: not an empty folder")

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    print(f"machine: {os.cpu_count()} CPUs, {platform.platform()}; Python {platform.python_version()} ({sys.executable})")
    print(f"copydesk {version('copydesk')}, great_expectations {version('great_expectations')}, pandas {version('pandas')}")

    one = one_article(check, args.runs, not args.no_hyperfine)
    print()
    print(f"[3] one article: {one['timer']}")
    for name, label in (("check", f"check {ARTICLE.relative_to(ROOT)}"), ("import", 'python -c "import great_expectations"')):
        t = one[name]
        print(f"    {label:<42} median {t['median']:.3f} s   min {t['min']:.3f} s   max {t['max']:.3f} s   ({t['runs']} runs)")
    print(f"    ratio check/import: {one['ratio']:.2f}x of the medians, {one['ratio_min']:.2f}x of the minima")

    big = None
    if not args.quick:
        if args.keep:
            folder = args.keep
            folder.mkdir(parents=True, exist_ok=True)
        else:
            folder = Path(tempfile.mkdtemp(prefix="gate-batch-"))
        workdir = Path(tempfile.mkdtemp(prefix="gate-out-"))
        try:
            n_bbc, n_wiki = build_batch(folder)
            expected = BBC_COPIES * n_bbc + n_wiki
            found = len(list(folder.glob("*.txt")))
            if found != expected:
                raise CannotRun(f"the batch folder has {found} files, expected {expected}")
            size_mb = sum(f.stat().st_size for f in folder.glob("*.txt")) / 1e6
            big = batch(check, proselint, folder, expected, args.batch_runs, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
        print()
        print(f"[1] large batch: {expected:,} documents ({BBC_COPIES} x {n_bbc} BBC + {n_wiki} Wikinews FR), "
              f"{size_mb:.1f} MB, in {folder}{'' if args.keep else ' (removed)'}")
        print(f"    check:     {big['check_cmd']}")
        print(f"    proselint: {big['proselint_cmd']}  (proselint {big['proselint_version']})")
        print(f"    check     {big['check']:7.2f} s  {expected / big['check']:6.1f} articles/s end to end   "
              f"runs: {_secs(big['check_all'])}")
        print(f"    proselint {big['proselint']:7.2f} s  {expected / big['proselint']:6.1f} articles/s end to end   "
              f"runs: {_secs(big['proselint_all'])}")
        print(f"    end-to-end ratio proselint/check: {big['ratio']:.2f}x (medians of {args.batch_runs}); "
              f"check findings: {big['findings']:,}")
        print(f"    fixed costs (median of 5 runs on the first file alone): check {big['fixed_check']:.2f} s "
              f"(start-up and GX import), proselint {big['fixed_proselint']:.2f} s")
        print(f"    per article after them, (batch - fixed) / {expected - 1:,}: check "
              f"{1000 * big['per_article_check']:.2f} ms ({1 / big['per_article_check']:.0f}/s), proselint "
              f"{1000 * big['per_article_proselint']:.2f} ms ({1 / big['per_article_proselint']:.0f}/s): "
              f"{big['per_article_ratio']:.2f}x")
        print()
        print(f"[2] peak memory of the check batch run: {big['peak_mb']:.0f} MB max RSS of the largest single process "
              f"(wait4 ru_maxrss, as /usr/bin/time -v)")
        print(f"    for information: whole tree, summed PSS sampled every 0.1 s: {big['tree_pss_mb']:.0f} MB; "
              f"proselint max RSS: {big['proselint_peak_mb']:.0f} MB")

    rows = [("one article / GX import", f"{one['check']['median']:.2f} s vs {one['import']['median']:.2f} s (medians)",
             f"{one['ratio']:.2f}x", f"<= {ONE_RATIO_MAX}x", one["ratio"] <= ONE_RATIO_MAX)]
    if big:
        rows.insert(0, ("batch per article: proselint / check",
                        f"{1000 * big['per_article_proselint']:.2f} ms vs {1000 * big['per_article_check']:.2f} ms",
                        f"{big['per_article_ratio']:.2f}x", f">= {BATCH_RATIO_MIN:g}x",
                        big["per_article_ratio"] >= BATCH_RATIO_MIN))
        rows.insert(1, ("batch end to end: proselint / check", f"{big['proselint']:.1f} s vs {big['check']:.1f} s",
                        f"{big['ratio']:.2f}x", f">= {BATCH_RATIO_MIN:g}x", big["ratio"] >= BATCH_RATIO_MIN))
        rows.insert(2, ("batch: peak memory", f"{big['peak_mb']:.0f} MB", f"{big['peak_mb'] / PEAK_MB_MAX:.2f}x",
                        f"< {PEAK_MB_MAX:g} MB", big["peak_mb"] < PEAK_MB_MAX))
    print()
    table = [("budget", "figure", "ratio", "budget", "verdict")]
    table += [(*row[:4], "PASS" if row[4] else "FAIL") for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(5)]
    for line in table:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip())
    print(f"\n(gate run: {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CannotRun as err:
        print(f"gate: cannot run: {err}", file=sys.stderr)
        sys.exit(2)
