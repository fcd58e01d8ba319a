"""Shared fixtures: paths to the examples and the shared corpus, a fresh SQLite store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pg import pg_server, pg_url, store_url  # noqa: F401  (tests/pg.py: PostgreSQL)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("NEWSREEL_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"

# hypothesis: HYPOTHESIS_PROFILE=ci (set by .ci/run) caps the examples per property
settings.register_profile("ci", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "dev")


@pytest.fixture(scope="session")
def extractor():
    from newsreel.extract import Extractor

    return Extractor()


@pytest.fixture
def sqlite_db(tmp_path) -> str:
    return str(tmp_path / "store.db")
