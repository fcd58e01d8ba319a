"""Screenshots of the web pages for docs/web.md, taken with Playwright and
Debian's Chromium from a store built from examples/ with the real extractor.

    .venv/bin/python scripts/web-screenshots.py [--db PATH] [--film TITLE] [--out docs]

Writes web-dossier.png (a film's dossier), web-document.png (the article a
clicked fact came from, its sentence highlighted) and web-graph.png."""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def build(db: Path) -> None:
    from newsreel.extract import Extractor
    from newsreel.ingest import ingest_articles
    from newsreel.sources import read_inputs
    from newsreel.store import open_engine

    engine = open_engine(str(db))
    summary = ingest_articles(engine, read_inputs([str(ROOT / "examples")]), Extractor())
    print(f"ingested examples: {summary.as_dict()}", file=sys.stderr)
    engine.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="store to show (built from examples/ when missing)")
    ap.add_argument("--film", default="Glasshouse", help="the dossier to photograph")
    ap.add_argument("--out", default=str(ROOT / "docs"))
    args = ap.parse_args()
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "examples.db"
    if not db.exists():
        build(db)
    from playwright.sync_api import sync_playwright

    from newsreel.web import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(str(db), token=""), host="127.0.0.1",
                                           port=0, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        r = httpx.get(base + "/api/dossier", params={"title": args.film})
        r.raise_for_status()
        fid = r.json()["entity"]["id"]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1100})
            page.goto(f"{base}/film/{fid}")
            page.screenshot(path=str(out / "web-dossier.png"), full_page=True)
            dated = page.locator("#releases a.fact-link")
            (dated if dated.count() else page.locator("a.fact-link")).first.click()
            page.wait_for_url("**/doc/**")
            page.locator("mark.hl").first.wait_for()
            page.screenshot(path=str(out / "web-document.png"))
            page.goto(f"{base}/graph/{fid}")
            page.screenshot(path=str(out / "web-graph.png"))
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)
    print(f"wrote {out}/web-dossier.png, web-document.png, web-graph.png", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
