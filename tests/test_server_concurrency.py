"""The server's write endpoint and a CLI ingest writing one SQLite store at
the same time: both land, each article once, the store checks clean."""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path

import httpx
import pytest

from newsreel.sources import read_inputs
from pg import free_port
from rel_util import CLI, assert_clean, count, env, n_rows, start, wait_for
from synth import write_articles

TOKEN = "s3cret-for-tests"
POSTED, CLI_ONLY, BOTH = 20, 40, 8  # the server's rate limit is 30 writes a minute


@pytest.fixture
def server(tmp_path) -> tuple[str, str, subprocess.Popen]:
    db = str(tmp_path / "store.db")
    port = free_port()
    e = env()
    e["NEWSREEL_TOKEN"] = TOKEN
    proc = subprocess.Popen([*CLI, "serve", "--db", db, "--port", str(port)], env=e,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if proc.poll() is not None:
            return True
        try:
            return httpx.get(base + "/api", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    assert wait_for(up, timeout=120, every=0.2)
    assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
    yield base, db, proc
    proc.terminate()
    try:
        proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()


@pytest.mark.skipif(not (Path(__file__).parents[1] / "src/newsreel/commands/web.py").exists(),
                    reason="newsreel serve is not built")
def test_server_posts_and_cli_ingest_at_once(server, tmp_path):
    base, db, _proc = server
    d = tmp_path / "articles"
    paths = write_articles(d, POSTED + CLI_ONLY, seed=31)
    articles = list(read_inputs([str(p) for p in paths]))
    posted = articles[:POSTED]  # the last BOTH of them go to the CLI as well
    cli_files = [str(p) for p in paths[POSTED - BOTH:]]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    statuses: list[int] = []
    errors: list[str] = []

    def post_all() -> None:
        with httpx.Client(timeout=120) as client:
            for a in posted:
                r = client.post(base + "/api/documents", headers=headers, json={
                    "text": a.body, "title": a.title, "published": a.published,
                    "outlet": "Loopback Daily"})
                statuses.append(r.status_code)
                if r.status_code >= 300:
                    errors.append(f"{r.status_code} {r.text[:200]}")

    poster = threading.Thread(target=post_all)
    poster.start()
    cli = start("ingest", *cli_files, "--db", db, "--format", "json")
    out, err = cli.communicate(timeout=600)
    poster.join(timeout=600)
    assert cli.returncode == 0, err.decode()
    assert "locked" not in err.decode().lower()
    assert not errors, errors
    assert len(statuses) == POSTED and set(statuses) <= {200, 201}
    summary = json.loads(out)
    assert summary["failed"] == [] and summary["new"] + summary["skipped"] == len(cli_files)
    total = POSTED + CLI_ONLY
    assert count(db, "documents") == total
    assert n_rows(db)["sightings"] == total + BOTH  # shared bodies: seen by both routes
    assert_clean(db)
    # the server saw the CLI's writes too
    listing = httpx.get(base + "/api", timeout=30)
    assert listing.status_code == 200
