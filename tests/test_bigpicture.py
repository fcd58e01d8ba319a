"""The Big Picture: every name, date and number in a bullet is in the facts it cites."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from newsreel.ingest import store_extracted
from newsreel.model import Article, Evidence, Fact, Quote, Record
from newsreel.query.bigpicture import COUNTRY_NAMES, big_picture, big_picture_for_record
from newsreel.query.dossier import dossier
from newsreel.store import open_engine

TEMPLATE_WORDS = {"Latest", "Next", "Dates"}


def _spelled(value: str) -> list[str]:
    """The ways a fact's date may be written (checked independently of the module)."""
    out = [value]
    for fmt, spell in (("%Y-%m-%d", "%B {day}, %Y"), ("%Y-%m", "%B %Y")):
        try:
            d = datetime.strptime(value, fmt)
        except ValueError:
            continue
        out.append(d.strftime(spell).replace("{day}", str(d.day)))
    return out


def unsupported(text: str, facts: list[dict]) -> list[str]:
    """Capitalized words and numbers of `text` not found in `facts`."""
    allowed: set[str] = set()
    for f in facts:
        allowed.add(f["subject"])
        allowed.update(_spelled(str(f["object"])))
        for k, v in (f.get("qualifiers") or {}).items():
            allowed.update(_spelled(str(v)))
            if k == "region":
                allowed.add(COUNTRY_NAMES.get(str(v), str(v)))
    rest = text
    for a in sorted(allowed, key=len, reverse=True):
        rest = rest.replace(a, " ")
    words = re.findall(r"[A-Za-z]+|\d+", rest)
    return [w for w in words if w[0].isdigit() or (w[0].isupper() and w not in TEMPLATE_WORDS)]


def check_bullets(bullets: list[dict], facts: list[dict]) -> None:
    by_id = {f["id"]: f for f in facts}
    for b in bullets:
        assert b["fact_ids"], b
        assert set(b["fact_ids"]) <= set(by_id), b
        cited = [by_id[i] for i in b["fact_ids"]]
        assert unsupported(b["text"], cited) == [], b["text"]


def _ev(body: str, text: str) -> Evidence:
    i = body.index(text)
    return Evidence(i, i + len(text), text)


def test_dossier_big_picture(sqlite_db):
    engine = open_engine(sqlite_db)
    b1 = ("Glass Harbour, a drama directed by Mara Quill, opens in limited release in the US "
          "on March 6, 2026. Ada Stone plays Nell and Tom Reyes plays Sam.")
    a1 = Article(b1, "a1", published="2026-01-05", outlet="Trade Daily")
    store_extracted(engine, a1, Record(a1.doc_dict(), facts=[
        Fact("Glass Harbour", "director", "Mara Quill", _ev(b1, "directed by Mara Quill"),
             subject_type="film", object_type="person"),
        Fact("Glass Harbour", "genre", "drama", _ev(b1, "a drama"), subject_type="film"),
        Fact("Glass Harbour", "release_date", "2026-03-06", _ev(b1, "opens in limited"),
             {"region": "US", "release_type": "limited"}, subject_type="film"),
        Fact("Glass Harbour", "cast_member", "Ada Stone", _ev(b1, "Ada Stone plays Nell"),
             {"character": "Nell"}, subject_type="film", object_type="person"),
        Fact("Glass Harbour", "cast_member", "Tom Reyes", _ev(b1, "Tom Reyes plays Sam"),
             {"character": "Sam"}, subject_type="film", object_type="person"),
    ]))
    b2 = ("Glass Harbour has been pushed back to April 24, 2026 in the US. Mara Quill's film "
          "stars Ada Stone. It was nominated at the Gotham Awards.")
    a2 = Article(b2, "a2", published="2026-02-01", outlet="The Paper")
    store_extracted(engine, a2, Record(a2.doc_dict(), facts=[
        Fact("Glass Harbour", "release_date", "2026-04-24", _ev(b2, "pushed back"),
             {"region": "US", "release_type": "limited"}, subject_type="film"),
        Fact("Glass Harbour", "director", "Mara Quill", _ev(b2, "Mara Quill's film"),
             subject_type="film", object_type="person"),
        Fact("Glass Harbour", "cast_member", "Ada Stone", _ev(b2, "stars Ada Stone"),
             subject_type="film", object_type="person"),
        Fact("Glass Harbour", "nominated_for", "Gotham Awards", _ev(b2, "nominated"),
             subject_type="film", object_type="award"),
    ], quotes=[Quote("Mara Quill", "we are so proud of it", 0, 5)]))
    with engine.connect() as conn:
        data = dossier(conn, "Glass Harbour")
        bullets = big_picture(conn, data)
    facts = [f for fs in data["facts"].values() for f in fs] + data.get("superseded", [])
    check_bullets(bullets, facts)
    texts = [b["text"] for b in bullets]
    assert [b["kind"] for b in bullets] == ["corroborated", "changes", "dates"]
    assert texts[0] == ("Glass Harbour is a drama directed by Mara Quill, starring Ada Stone "
                        "as Nell and Tom Reyes as Sam.")
    assert "moved from March 6, 2026 to April 24, 2026" in texts[1]
    assert "nominated at the Gotham" in texts[1]
    # as of the newest article (2026-02-01) the next date is the moved one
    assert texts[2] == "Next: limited release in the US on April 24, 2026."
    for b in bullets:  # linked to the spans of the facts it rests on
        assert {e["fact_id"] for e in b["evidence"]} == set(b["fact_ids"])
        assert all(e["doc_id"] in (a1.id, a2.id) for e in b["evidence"])
    # the most corroborated cast member comes first
    ada = next(f for f in facts if f["object"] == "Ada Stone")
    assert bullets[0]["fact_ids"].index(ada["id"]) < len(bullets[0]["fact_ids"]) - 1


def test_record_big_picture():
    body = ("Paper Crowns, the comedy directed by Lena Ortiz, stars Ben Ode as Max. It opens "
            "in the UK on May 1, 2026 and premiered at the Berlin Film Festival.")
    rec = Record({"id": "x", "published": "2026-02-10"}, facts=[
        Fact("Paper Crowns", "genre", "comedy", _ev(body, "the comedy"), subject_type="film"),
        Fact("Paper Crowns", "director", "Lena Ortiz", _ev(body, "directed by Lena Ortiz"),
             subject_type="film", object_type="person"),
        Fact("Paper Crowns", "cast_member", "Ben Ode", _ev(body, "stars Ben Ode as Max"),
             {"character": "Max"}, subject_type="film", object_type="person"),
        Fact("Paper Crowns", "release_date", "2026-05-01", _ev(body, "opens"),
             {"region": "GB"}, subject_type="film"),
        Fact("Paper Crowns", "premiere", "Berlin Film Festival", _ev(body, "premiered"),
             subject_type="film", object_type="festival"),
    ])
    bullets = big_picture_for_record(rec)
    facts = [{"id": i, **f.to_dict()} for i, f in enumerate(rec.facts)]
    check_bullets(bullets, facts)
    assert bullets[0]["text"] == ("Paper Crowns is a comedy directed by Lena Ortiz, starring "
                                  "Ben Ode as Max.")
    assert "premiered at the Berlin Film Festival" in bullets[1]["text"]
    assert bullets[2]["text"] == "Next: release in the UK on May 1, 2026."


def test_checker_catches_invented_claims():
    facts = [{"id": 1, "subject": "Foo", "relation": "director", "object": "Jane Roe",
              "qualifiers": {}}]
    assert unsupported("Foo is a film directed by Jane Roe.", facts) == []
    assert unsupported("Foo is directed by John Roe in 2026.", facts) == ["John", "Roe", "2026"]


NAMES = st.sampled_from(["Ada Stone", "Ben Ode", "Cleo Marsh", "Dev Patel Jr", "Eve Lin"])
DATES = st.dates(min_value=datetime(2020, 1, 1).date(), max_value=datetime(2030, 12, 31).date())
REGIONS = st.sampled_from(["US", "GB", "FR", "JP", None])


@st.composite
def records(draw):
    facts = []
    body = "x" * 50
    ev = Evidence(0, 10, body[:10])
    for _ in range(draw(st.integers(0, 3))):
        facts.append(Fact("Foo", "director", draw(NAMES), ev, subject_type="film"))
    for _ in range(draw(st.integers(0, 4))):
        facts.append(Fact("Foo", "cast_member", draw(NAMES), ev,
                          {"character": draw(st.sampled_from([None, "Nell", "Max"]))},
                          subject_type="film"))
    for _ in range(draw(st.integers(0, 4))):
        d = draw(DATES).isoformat()[:draw(st.sampled_from([4, 7, 10]))]
        facts.append(Fact("Foo", "release_date", d, ev, {"region": draw(REGIONS),
                          "release_type": draw(st.sampled_from([None, "limited", "wide"]))},
                          subject_type="film"))
    for _ in range(draw(st.integers(0, 2))):
        facts.append(Fact("Foo", "nominated_for", "Gotham Awards", ev,
                          {"category": draw(st.sampled_from([None, "best feature"]))},
                          subject_type="film"))
    published = draw(st.one_of(st.none(), DATES.map(lambda d: d.isoformat())))
    return Record({"id": "r", "published": published}, facts=facts)


@settings(deadline=None)  # example count from the profile (ci caps it)
@given(records())
def test_record_bullets_never_invent(rec):
    bullets = big_picture_for_record(rec)
    facts = [{"id": i, **f.to_dict()} for i, f in enumerate(rec.facts)]
    check_bullets(bullets, facts)
    assert len(bullets) <= 3


# --- the seeds (depends on extraction) --------------------------------------------------

def test_seeds_big_picture(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS}")
    db = str(tmp_path / "seeds.db")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "newsreel", *args], capture_output=True,
                              text=True, timeout=180)
    assert run("ingest", str(SEEDS), "--db", db).returncode == 0
    p = run("show", "All of Us Strangers", "--db", db, "--format", "json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    bullets = data["big_picture"]
    facts = [f for fs in data["facts"].values() for f in fs] + data.get("superseded", [])
    check_bullets(bullets, facts)
    assert len(bullets) == 3
    assert "directed by Andrew Haigh" in bullets[0]["text"]
    assert "Andrew Scott as Adam" in bullets[0]["text"]
    text = run("show", "All of Us Strangers", "--db", db).stdout
    assert text.index("The Big Picture") < text.index("Directors")
