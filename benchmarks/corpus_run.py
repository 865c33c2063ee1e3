"""End-to-end `check` on a corpus in one process: wall time, peak memory, findings by category.

    python benchmarks/corpus_run.py [FOLDER]        (default: ../shared/corpora/bbc-business)

HTML articles (the French Wikinews corpus) are turned into text first, one paragraph a line, with
BeautifulSoup (pip install -r benchmarks/requirements.txt): copydesk reads plain text for now.

Runs, side by side in one go: `python -c "import great_expectations"` (the floor every run pays),
`check` on one article, and `check --format json` on the whole folder; prints times, ratios and the
findings by category, and writes every finding with its context to benchmarks/out/ for labelling.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "bbc-business"
OUT = ROOT / "benchmarks" / "out"


def timed(cmd: list[str], repeat: int = 3) -> tuple[float, str]:
    """Best wall time of `repeat` runs, and the last run's stdout."""
    best, out = float("inf"), ""
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
        best = min(best, time.perf_counter() - start)
    return best, out


def html_to_text(folder: Path) -> Path:
    from bs4 import BeautifulSoup

    target = Path(tempfile.mkdtemp(prefix=f"{folder.name}-"))
    for page in sorted(folder.glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        blocks = [b.get_text(" ", strip=True) for b in soup.body.find_all(["h1", "h2", "h3", "p", "li"])]
        (target / f"{page.stem}.txt").write_text("\n\n".join(b for b in blocks if b) + "\n", encoding="utf-8")
    return target


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    name = folder.name
    if not any(folder.glob("*.txt")) and any(folder.glob("*.html")):
        folder = html_to_text(folder)
    files = sorted(folder.glob("*.txt"))
    check = str(Path(sys.executable).parent / "check")
    gx_import, _ = timed([sys.executable, "-c", "import great_expectations"])
    one, _ = timed([check, str(files[0])])
    batch, out = timed([check, "--format", "json", str(folder)], repeat=2)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    report = json.loads(out)
    findings = [(f, path["path"]) for path in report["files"] for f in path["findings"]]
    facts = sum(p["facts"] for p in report["files"])
    print(f"corpus: {folder} ({len(files)} articles, {facts} facts)")
    print(f"import great_expectations:   {gx_import:6.2f} s")
    print(f"check one article:           {one:6.2f} s   ({one / gx_import:.2f}x the GX import)")
    print(f"check whole corpus:          {batch:6.2f} s   ({len(files) / batch:.0f} articles/s end to end, "
          f"{len(files) / max(batch - gx_import, 1e-9):.0f} articles/s after the GX import)")
    print(f"peak memory (largest child): {peak_mb:6.0f} MB")
    print(f"findings: {len(findings)}  by category: {dict(Counter(f['category'] for f, _ in findings))}")

    OUT.mkdir(exist_ok=True)
    lines = []
    for f, path in findings:
        text = Path(path).read_text(encoding="utf-8")
        context = text[max(0, f["start"] - 60):f["end"] + 40].replace("\n", " ")
        lines.append(f"{Path(path).name}:{f['line']}:{f['column']} {f['rule']} {f['text']!r} -> {f['suggestion']!r} | {context}")
    (OUT / f"{name}-findings.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"findings with context: {OUT / (name + '-findings.txt')}")


if __name__ == "__main__":
    main()
