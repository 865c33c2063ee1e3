"""The findings of two versions of copydesk side by side, on the fixtures, the seed and every corpus.

    python benchmarks/compare_findings.py --before ../base [--sets fixtures,seed,bbc-business,...]

`--before` is a source tree of the other version (a `git worktree add ../base <commit>`); this
checkout is the after. Each set is checked in one `check --format json` run per version, and the
findings are matched by file, rule and span: the same finding, the same finding with other words
(message or suggestion), or a finding only one version gives. Wording changes are listed by rule,
with an example each; findings that appear or disappear are listed in full.

A before snapshot is kept in benchmarks/out/findings-<tree>-<set>.json (delete it after changing that tree).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "benchmarks" / "out"
SETS = {
    "fixtures": [ROOT / "fixtures"],
    "seed": [SHARED / "seed" / "ampere-article.txt"],
    "bbc-business": [SHARED / "corpora" / "bbc-business"],
    "wikinews-fr": [SHARED / "corpora" / "wikinews-fr"],
    "wikinews-fr-winer": [SHARED / "corpora" / "wikinews-fr-winer"],
    "reuters-21578": [SHARED / "corpora" / "reuters-21578"],
}


def run(tree: Path, paths: list[Path]) -> tuple[dict, float]:
    """`check --format json` of `tree`'s code on `paths`; its findings by (path, rule, start, end)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "checks", "--format", "json", "--fail-on", "never",
                           *map(str, paths)], capture_output=True, text=True, env=env, cwd=tree)
    if not done.stdout.strip():
        raise SystemExit(f"{tree}: check printed nothing: {done.stderr.strip()[-500:]}")
    report = json.loads(done.stdout)
    findings = {}
    for file in report["files"]:
        for f in file["findings"]:
            findings[f"{file['path']}\t{f['rule']}\t{f['start']}\t{f['end']}"] = f
    return findings, time.perf_counter() - started


def snapshot(tree: Path, name: str, paths: list[Path], cached: bool) -> dict:
    cache = OUT / f"findings-{tree.name}-{name}.json"
    if cached and cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    findings, seconds = run(tree, paths)
    print(f"  {tree}: {len(findings)} findings in {seconds:.1f} s", flush=True)
    if cached:
        OUT.mkdir(exist_ok=True)
        cache.write_text(json.dumps(findings, ensure_ascii=False), encoding="utf-8")
    return findings


def compare(name: str, before: dict, after: dict) -> dict:
    same = reworded = 0
    wording: dict[str, list] = defaultdict(list)
    for key in before.keys() & after.keys():
        b, a = before[key], after[key]
        if (b["message"], b["suggestion"]) == (a["message"], a["suggestion"]):
            same += 1
        else:
            reworded += 1
            wording[a["rule"]].append((b, a))
    gone = [before[k] | {"path": k.split("\t")[0]} for k in sorted(before.keys() - after.keys())]
    new = [after[k] | {"path": k.split("\t")[0]} for k in sorted(after.keys() - before.keys())]
    print(f"{name}: before {len(before)}, after {len(after)}: {same} identical, {reworded} reworded, "
          f"{len(gone)} only before, {len(new)} only after")
    for rule, pairs in sorted(wording.items()):
        b, a = pairs[0]
        print(f"  reworded {rule} x{len(pairs)}, e.g. {b['message']!r} (suggest {b['suggestion']!r})")
        print(f"  {' ' * len(f'reworded {rule} x{len(pairs)}')}    -> {a['message']!r} (suggest {a['suggestion']!r})")
    for label, items in (("only before", gone), ("only after", new)):
        for rule, count in sorted(Counter(f["rule"] for f in items).items()):
            print(f"  {label}: {rule} x{count}")
        for f in items[:40]:
            print(f"    {label}: {Path(f['path']).name}:{f['line']}:{f['column']} {f['rule']} {f['text']!r}: {f['message']}")
        if len(items) > 40:
            print(f"    ... and {len(items) - 40} more")
    return {"before": len(before), "after": len(after), "identical": same, "reworded": reworded,
            "only_before": len(gone), "only_after": len(new)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="source tree of the version to compare with")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {', '.join(SETS)}")
    parser.add_argument("--no-cache", action="store_true", help="re-run the before tree even if a snapshot exists")
    args = parser.parse_args()
    totals = Counter()
    for name in args.sets.split(","):
        print(f"{name}:", flush=True)
        before = snapshot(args.before.resolve(), name, SETS[name], cached=not args.no_cache)
        after = snapshot(ROOT, name, SETS[name], cached=False)
        totals.update(compare(name, before, after))
    print("all sets: " + ", ".join(f"{k} {v}" for k, v in totals.items()))


if __name__ == "__main__":
    main()
