"""Recall of CD101/CD102 on errors introduced into percentages chosen without the extractor.

    python benchmarks/share_of_whole_recall.py

Every percentage in a sentence that mentions a vote, a poll, turnout or a market share (words broader
than the rule's cues) is a case; 600 are sampled and each is raised by 100 points. Halves A and B by
a hash of the file name; every article is also checked unaltered, to count CD102's false alarms.
The cases are not labelled: some are rates or changes, not shares of a whole, so the recall is a
lower bound. Prints 15 misses to read.
"""
import glob
import hashlib
import random
import re
from collections import Counter
from pathlib import Path

from checks.api import Checker

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
SHARE_WORDS = re.compile(r"(?i)\b(vot\w*|voix|suffrages?|turnout|participation|poll\w*|sondage\w*|sondés?|"
                         r"survey\w*|respondents?|electorat\w*|électeurs?|market share|part(?:s)? de marché|approval)\b")
PCT = re.compile(r"(?<![\d.,])(\d{1,2}(?:[.,]\d)?)(\s?%|\s?pct\b| per cent| pour cent)")
cases = []
for corpus in ["bbc-business", "wikinews-fr", "wikinews-fr-winer", "reuters-21578"]:
    for path in sorted(glob.glob(str(CORPORA / corpus / "*"))):
        text = open(path, encoding="utf-8", errors="replace").read()
        for sent in re.finditer(r"(?:[^.!?\n]|\.(?=\d))+", text):
            if not SHARE_WORDS.search(sent.group()):
                continue
            for m in PCT.finditer(text, sent.start(), sent.end()):
                start = m.start(1)
                half = "A" if hashlib.md5(path.encode()).digest()[0] % 2 else "B"
                cases.append((corpus, half, path, text, start, start + len(m.group(1)), m.group(1)))
random.seed(15)
cases = random.sample(cases, min(600, len(cases)))
c = Checker()
texts, meta = [], []
for corpus, half, path, text, s, e, num in cases:
    new = str(int(float(num.replace(",", "."))) + 100)
    changed = text[:s] + new + text[e:]
    texts.append(changed); meta.append((corpus, half, s, s + len(new), path))
    texts.append(text); meta.append((corpus, half, None, None, path))
res = c.check_texts(texts)
caught, total, fa = Counter(), Counter(), Counter()
for i, (corpus, half, s, e, path) in enumerate(meta):
    fs = [f for f in res.findings_for(i) if f.rule in ("CD101", "CD102")]
    if s is None:
        fa[(corpus, half)] += len([f for f in fs if f.rule == "CD102"])
        continue
    total[(corpus, half)] += 1
    caught[(corpus, half)] += any(f.start <= s < f.end for f in fs)
for k in sorted(total):
    print(k, f"caught {caught[k]}/{total[k]}", f"CD102 on the unaltered article: {fa[k]}")
for h in "AB":
    t = sum(v for k, v in total.items() if k[1] == h); cc = sum(v for k, v in caught.items() if k[1] == h)
    print("half", h, f"{cc}/{t} = {100*cc/max(t,1):.0f}%")
random.seed(3)
missed = [(i, m) for i, m in enumerate(meta) if m[2] is not None and not any(f.start <= m[2] < f.end for f in res.findings_for(i) if f.rule in ("CD101","CD102"))]
for i, (corpus, half, s, e, path) in random.sample(missed, 15):
    print(corpus, repr(texts[i][max(0, s-90):e+40].replace("\n", " ")))
