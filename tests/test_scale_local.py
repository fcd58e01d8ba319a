"""`extract --workers N`: several processes give the same records, in input order,
and a bad article is reported and left out without stopping the others."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import EXAMPLES
from newsreel.extract import pipeline
from newsreel.model import Article
from newsreel.scale.local import extract_parallel
from newsreel.sources import ReadFailure, read_inputs


def example_articles() -> list[Article]:
    return [a for a in read_inputs([str(EXAMPLES)]) if not isinstance(a, ReadFailure)]


def test_two_workers_match_one_process_in_order(extractor):
    articles = example_articles()
    single = [r.to_dict() for _a, r in extractor.extract_many(articles)]
    results = list(extract_parallel(articles, workers=2, chunk_size=3))
    assert [a.id for a, _r in results] == [a.id for a in articles]
    assert [r.to_dict() for _a, r in results] == single


def test_a_failing_article_is_reported_and_skipped(monkeypatch):
    original = pipeline.Extractor.from_doc

    def brittle(self, article, doc):
        if "EXPLODE" in article.body:
            raise RuntimeError("boom")
        return original(self, article, doc)

    monkeypatch.setattr(pipeline.Extractor, "from_doc", brittle)  # inherited by forked workers
    articles = [Article(body=f"Ada Vance{i} directs The Salt Road {i}.", source=f"a{i}")
                for i in range(5)]
    articles.insert(2, Article(body="EXPLODE now.", source="bad"))
    errors: list[tuple[str, str]] = []
    out = list(extract_parallel(articles, workers=2, chunk_size=2,
                                on_error=lambda a, why: errors.append((a.source, why))))
    assert [a.source for a, _r in out] == ["a0", "a1", "a2", "a3", "a4"]
    assert errors and errors[0][0] == "bad" and "boom" in errors[0][1]


def test_cli_workers_output_equals_single_process():
    def run(*extra):
        proc = subprocess.run([sys.executable, "-m", "newsreel", "extract", str(EXAMPLES),
                               "--format", "jsonl", *extra], capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, proc.stderr
        return [json.loads(line) for line in proc.stdout.splitlines()]

    assert run("--workers", "2") == run()
