"""Bad input through the CLI (issue 2): each bad input gives ONE clear line on
stderr, no traceback, exit 1, and the good articles given in the same
command are still stored (or, for `extract`, still printed)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rel_util import count, run
from synth import article_text


class Page(BaseHTTPRequestHandler):
    def log_message(self, *_args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        body = ("<html><head><title>Loopback page</title></head><body><article><p>"
                "Harbour Lights, directed by Mara Carter, opens in the US on May 1, 2026. "
                + "The studio confirmed the date on Monday. " * 10 +
                "</p></article></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    f = {
        "good": d / "good.txt", "good2": d / "good2.txt", "empty": d / "empty.txt",
        "binary": d / "binary.txt", "badutf8": d / "badutf8.txt", "big": d / "big.txt",
        "malformed": d / "malformed.html", "latin1": d / "latin1.txt",
        "notadb": d / "notadb.db",
    }
    f["good"].write_text(article_text(1, seed=21), encoding="utf-8")
    f["good2"].write_text(article_text(2, seed=21), encoding="utf-8")
    f["empty"].write_bytes(b"")
    f["binary"].write_bytes(bytes(range(256)) * 8)
    f["badutf8"].write_bytes(bytes(range(0x80, 0x100)) * 8)
    f["big"].write_text("Big story\n\n" + "Mara Carter directed it. " * 800, encoding="utf-8")
    f["malformed"].write_bytes(b"<html><<<>>><div <p <p")
    f["latin1"].write_bytes("Caf\u00e9 Society\n\nRen\u00e9e Dubois will direct "
                            "Caf\u00e9 Society, the studio said.\n".encode("latin-1"))
    f["notadb"].write_text("not a database, only text " * 40)
    return f


def bad_cases(files: dict[str, Path], server: str) -> dict[str, tuple[list[str], str]]:
    """name -> (extra arguments, what the one stderr line must say)."""
    return {
        "empty file": ([str(files["empty"])], "empty input"),
        "binary file": ([str(files["binary"])], "binary file"),
        "invalid UTF-8": ([str(files["badutf8"])], "not UTF-8"),
        "oversized": ([str(files["big"]), "--max-bytes", "5000"], "too large"),
        "malformed HTML": ([str(files["malformed"])], "no article text found in the HTML"),
        "missing path": ([str(files["good"].parent / "nothing-here.txt")],
                         "no such file or directory"),
        "unreachable URL": ([f"http://127.0.0.1:{closed_port()}/story", "--allow-private"],
                            "connection refused"),
        "non-http scheme": (["ftp://127.0.0.1/story.txt"], "refusing URL scheme 'ftp'"),
        "private address": ([server + "/story"], "refusing private address 127.0.0.1"),
    }


CASES = ["empty file", "binary file", "invalid UTF-8", "oversized", "malformed HTML",
         "missing path", "unreachable URL", "non-http scheme", "private address"]


def failure_lines(stderr: bytes) -> list[str]:
    text = stderr.decode()
    assert "Traceback" not in text, text
    return [line for line in text.splitlines() if line.startswith("newsreel:")]


@pytest.mark.parametrize("case", CASES)
def test_one_bad_input_one_line_and_the_good_one_stored(case, files, server, tmp_path):
    extra, says = bad_cases(files, server)[case]
    db = str(tmp_path / "store.db")
    proc = run("ingest", str(files["good"]), *extra, "--db", db)
    assert proc.returncode == 1, proc.stderr.decode()
    lines = failure_lines(proc.stderr)
    assert len(lines) == 1, lines
    assert says in lines[0], lines[0]
    assert count(db, "documents") == 1  # the good article is stored
    assert b"1 new, 0 skipped, 1 failed" in proc.stderr


def test_every_bad_input_in_one_command(files, server, tmp_path):
    cases = bad_cases(files, server)
    args = [a for name in CASES for a in cases[name][0] if a not in ("--max-bytes", "5000",
                                                                       "--allow-private")]
    db = str(tmp_path / "store.db")
    # without --allow-private the closed-port URL is refused as private: still one line
    proc = run("ingest", str(files["good"]), *args, str(files["good2"]), "--db", db,
               "--max-bytes", "5000", "--format", "json")
    assert proc.returncode == 1
    lines = failure_lines(proc.stderr)
    assert len(lines) == len(CASES), lines
    summary = json.loads(proc.stdout)
    assert summary["new"] == 2 and len(summary["failed"]) == len(CASES)
    assert count(db, "documents") == 2


def test_extract_prints_the_good_records_and_one_line_per_bad_input(files, server):
    cases = bad_cases(files, server)
    args = [a for name in CASES if name not in ("oversized", "unreachable URL")
            for a in cases[name][0]]
    proc = run("extract", str(files["good"]), *args, str(files["good2"]))
    assert proc.returncode == 1
    assert len(failure_lines(proc.stderr)) == len(CASES) - 2
    records = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["doc"]["source"] for r in records] == [str(files["good"]), str(files["good2"])]


def test_allowed_loopback_url_is_stored(server, tmp_path):
    db = str(tmp_path / "store.db")
    proc = run("ingest", server + "/story", "--allow-private", "--db", db)
    assert proc.returncode == 0, proc.stderr.decode()
    assert count(db, "documents") == 1


def test_latin1_file_is_read_not_refused(files, tmp_path):
    proc = run("extract", str(files["latin1"]))
    assert proc.returncode == 0, proc.stderr.decode()
    (record,) = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert record["doc"]["title"] == "Caf\u00e9 Society"


def test_empty_stdin(tmp_path):
    proc = run("ingest", "-", "--db", str(tmp_path / "s.db"), stdin=b"")
    assert proc.returncode == 1
    (line,) = failure_lines(proc.stderr)
    assert "<stdin>" in line and "empty input" in line


@pytest.mark.parametrize("which", ["notadb", "unwritable"])
def test_bad_store_is_one_line(files, which):
    db = str(files["notadb"]) if which == "notadb" else "/proc/no-such-dir/store.db"
    proc = run("ingest", str(files["good"]), "--db", db)
    assert proc.returncode == 1
    (line,) = failure_lines(proc.stderr)
    assert ("not a database" in line) if which == "notadb" else ("cannot create" in line)
    check = run("check", "--db", db)
    assert check.returncode == 1
    assert len(failure_lines(check.stderr)) == 1
