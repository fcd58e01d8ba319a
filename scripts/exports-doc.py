#!/usr/bin/env python3
"""Regenerate docs/exports.md: the seeds' dossier in every export format.

Ingests ../shared/corpus/seeds into a temporary store, then runs each
`newsreel export` command on a copy of it in which the seeds' own words
(evidence sentences, headlines, bodies) are replaced by placeholders: the
seeds are evaluation data and are not copied into the repository. Facts,
dates, names, sources and offsets are exactly what the commands print.

    .venv/bin/python scripts/exports-doc.py [--shared ../shared] [--out docs/exports.md]
                                            [--readme [README.md]]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILM = "All of Us Strangers"
# Wikidata's sandbox items: safe targets for trying the QuickStatements example
QIDS = """name,qid
All of Us Strangers,Q4115189
Andrew Haigh,Q13406268
Andrew Scott,Q15397819
"""


def run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsreel", *args], capture_output=True,
                          text=True, cwd=ROOT)


def redact(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("UPDATE evidence SET text = '[seed text, characters ' || start || '-' || "
                "\"end\" || ']'")
    con.execute("UPDATE documents SET title = CASE WHEN title IS NULL THEN NULL ELSE "
                "'[seed headline]' END, body = '[seed body]'")
    con.execute("UPDATE quotes SET text = '[seed quote]'")
    con.commit()
    con.close()


START, END = "<!-- big-picture:start -->", "<!-- big-picture:end -->"


def update_readme(path: Path, picture: list[str]) -> None:
    """Replace the text between the README's big-picture markers."""
    text = path.read_text()
    if START not in text or END not in text:
        sys.stderr.write(f"no {START} ... {END} block in {path}; left alone\n")
        return
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    body = ("\n```\n$ newsreel ingest ../shared/corpus/seeds --db seeds.db\n"
            f'$ newsreel show "{FILM}" --db seeds.db\n' + "\n".join(picture) + "\n...\n```\n")
    path.write_text(head + START + body + END + tail)
    sys.stderr.write(f"updated {path}\n")


def block(lang: str, text: str) -> str:
    return f"```{lang}\n{text.rstrip()}\n```\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "exports.md"))
    ap.add_argument("--readme", nargs="?", const=str(ROOT / "README.md"), default=None,
                    help="also refresh the Big Picture block in README.md")
    opts = ap.parse_args()
    seeds = Path(opts.shared) / "corpus" / "seeds"
    tmp = Path(tempfile.mkdtemp(prefix="newsreel-exports-"))
    try:
        store = tmp / "seeds.db"
        p = run(["ingest", str(seeds), "--db", str(store)])
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            return 1
        shown = tmp / "shown.db"
        shutil.copy(store, shown)
        for suffix in ("-wal", "-shm"):
            if Path(str(store) + suffix).exists():
                shutil.copy(Path(str(store) + suffix), Path(str(shown) + suffix))
        redact(shown)
        qids = tmp / "qids.csv"
        qids.write_text(QIDS)
        (tmp / "people.csv").write_text("\n".join(QIDS.splitlines()[:1] + QIDS.splitlines()[2:])
                                        + "\n")
        header = (Path(__file__).with_name("exports-doc.header.md")).read_text()
        parts = [header.replace("{qids}", QIDS.strip())]
        for title, fmt, lang, extra in [
            ("JSON-LD (schema.org)", "jsonld", "json", []),
            ("Turtle (Wikidata statement model)", "turtle", "turtle", []),
            ("QuickStatements V1, names mapped with --qids", "quickstatements", "text",
             ["--qids", "qids.csv", "--unmapped", "unmapped.csv"]),
            ("QuickStatements V1 with --create-missing (the film not mapped)",
             "quickstatements", "text", ["--qids", "people.csv", "--create-missing"]),
            ("CSV", "csv", "text", []),
            ("JSON Lines", "jsonl", "json", []),
        ]:
            args = ["export", "--film", FILM, "--format", fmt, *extra]
            real = [str(tmp / a) if a in ("qids.csv", "people.csv", "unmapped.csv") else a
                    for a in args]
            p = run([*real, "--db", str(shown)])
            if p.returncode != 0:
                sys.stderr.write(p.stderr)
                return 1
            cmd = "newsreel " + " ".join(f'"{a}"' if " " in a else a for a in args) + \
                " --db seeds.db"
            parts.append(f"## {title}\n\n{block('sh', '$ ' + cmd)}\n{block(lang, p.stdout)}")
            if p.stderr.strip():
                parts.append(f"stderr:\n\n{block('text', p.stderr)}")
            if "--unmapped" in args:
                parts.append("unmapped.csv:\n\n" + block("text", (tmp / "unmapped.csv")
                                                         .read_text()))
        Path(opts.out).write_text("\n".join(parts))
        sys.stderr.write(f"wrote {opts.out}\n")
        if opts.readme:
            p = run(["show", FILM, "--db", str(store)])
            lines = p.stdout.splitlines()
            start = lines.index("The Big Picture")
            end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()),
                       len(lines))
            update_readme(Path(opts.readme), lines[start:end])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0



if __name__ == "__main__":
    raise SystemExit(main())
