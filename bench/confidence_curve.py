"""Precision and recall on the dev gold at several --min-confidence thresholds.

    python bench/confidence_curve.py [--pred FILE.jsonl]

Extracts the dev-gold articles once (unless --pred is given), then keeps only
the facts at or above each threshold and grades them with score.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
THRESHOLDS = (0.0, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)


def extract(out: Path) -> None:
    files = [str(SHARED / json.loads(g.read_text())["doc"])
             for g in sorted((SHARED / "gold/dev").glob("*.json"))]
    with out.open("w") as fh:
        subprocess.run([str(ROOT / ".venv/bin/newsreel"), "extract", "--format", "jsonl",
                        *files], stdout=fh, check=True)


def grade(pred: Path) -> dict:
    res = subprocess.run([sys.executable, str(SHARED / "tools/score.py"), "gold", "--gold",
                          str(SHARED / "gold/dev"), "--pred", str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)["facts"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pred", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.pred or Path(tmp) / "all.jsonl"
        if args.pred is None:
            extract(pred)
        records = [json.loads(line) for line in pred.read_text().splitlines() if line.strip()]
        print("| --min-confidence | facts | precision | recall | F1 |")
        print("|---:|---:|---:|---:|---:|")
        for t in THRESHOLDS:
            kept = Path(tmp) / f"t{t}.jsonl"
            with kept.open("w") as fh:
                for r in records:
                    r2 = dict(r, facts=[f for f in r["facts"] if f.get("confidence", 1) >= t])
                    fh.write(json.dumps(r2) + "\n")
            s = grade(kept)
            print(f"| {t:.2f} | {s['tp'] + s['fp']} | {s['precision']:.3f} | {s['recall']:.3f} "
                  f"| {s['f1']:.3f} |")


if __name__ == "__main__":
    main()
