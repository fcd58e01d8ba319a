"""Exports parsed back: JSON-LD and Turtle with rdflib, CSV with csv, JSON Lines with json.

Format checks run on a store filled with hand-made records (fictional film
"Glass Harbour"); the seeds' dossier checks run the real extractor on
/work/shared/corpus/seeds and depend on extraction."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDFS

from conftest import SEEDS
from newsreel.export import Selection, walk
from newsreel.export.jsonld import write_jsonld
from newsreel.export.quickstatements import qs_time, write_quickstatements
from newsreel.export.tabular import write_csv, write_jsonl
from newsreel.export.turtle import write_turtle
from newsreel.export.walker import walk_facts
from newsreel.ingest import store_extracted
from newsreel.model import Article, Evidence, Fact, Record
from newsreel.store import open_engine

WD = Namespace("http://www.wikidata.org/entity/")
P = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")
PR = Namespace("http://www.wikidata.org/prop/reference/")
PROV = Namespace("http://www.w3.org/ns/prov#")
WIKIBASE = Namespace("http://wikiba.se/ontology#")
SDO = Namespace("https://schema.org/")
NR = Namespace("https://newsreel.invalid/vocab#")

A1 = ("Glass Harbour, the new drama directed by Mara Quill, opens in limited release in "
      "the US on March 6, 2026. Ada Stone plays Nell. It is nominated for the Gotham "
      "Awards for best feature. It premiered at the Venice Film Festival on September 2, "
      "2025.")
A2 = ("Glass Harbour opens in the UK on April 10, 2026. Mara Quill directed it. Ada Stone "
      "won the Gotham Awards best actress prize for Glass Harbour. It took $1.2 million in "
      "its opening weekend in the US.")


def _span(body: str, text: str) -> Evidence:
    start = body.index(text)
    return Evidence(start, start + len(text), text)


def _fact(body, subject, rel, obj, span, q=None, stype="film", otype=None) -> Fact:
    return Fact(subject, rel, obj, _span(body, span), q or {}, 0.9, stype, otype)


def fill(db: str) -> None:
    engine = open_engine(db)
    a1 = Article(body=A1, source="https://trade.example/glass-1", title="Glass Harbour dated",
                 published="2026-01-05", outlet="Trade Daily",
                 url="https://trade.example/glass-1")
    s1 = "Glass Harbour, the new drama directed by Mara Quill, opens in limited release in " \
         "the US on March 6, 2026."
    r1 = Record(a1.doc_dict(), facts=[
        _fact(A1, "Glass Harbour", "director", "Mara Quill", s1, otype="person"),
        _fact(A1, "Glass Harbour", "genre", "drama", s1),
        _fact(A1, "Glass Harbour", "release_date", "2026-03-06", s1,
              {"region": "US", "release_type": "limited"}),
        _fact(A1, "Glass Harbour", "cast_member", "Ada Stone", "Ada Stone plays Nell.",
              {"character": "Nell"}, otype="person"),
        _fact(A1, "Glass Harbour", "nominated_for", "Gotham Awards",
              "It is nominated for the Gotham Awards for best feature.",
              {"category": "best feature"}, otype="award"),
        _fact(A1, "Glass Harbour", "premiere", "Venice Film Festival",
              "It premiered at the Venice Film Festival on September 2, 2025.",
              {"date": "2025-09-02"}, otype="festival"),
    ])
    store_extracted(engine, a1, r1)
    a2 = Article(body=A2, source="https://paper.example/glass", title="Glass Harbour in the UK",
                 published="2026-02-01", outlet="The Paper", url="https://paper.example/glass")
    r2 = Record(a2.doc_dict(), facts=[
        _fact(A2, "Glass Harbour", "release_date", "2026-04-10",
              "Glass Harbour opens in the UK on April 10, 2026.", {"region": "GB"}),
        _fact(A2, "Glass Harbour", "director", "Mara Quill", "Mara Quill directed it.",
              otype="person"),
        _fact(A2, "Ada Stone", "award_received", "Gotham Awards",
              "Ada Stone won the Gotham Awards best actress prize for Glass Harbour.",
              {"category": "best actress", "for_work": "Glass Harbour"}, stype="person",
              otype="award"),
        _fact(A2, "Glass Harbour", "box_office", "USD 1200000",
              "It took $1.2 million in its opening weekend in the US.",
              {"region": "US", "period": "opening weekend"}),
    ])
    store_extracted(engine, a2, r2)
    engine.dispose()


@pytest.fixture
def store(store_url) -> str:
    """The hand-made store, on SQLite and on PostgreSQL."""
    fill(store_url)
    return store_url


def _groups(db: str, sel: Selection | None = None):
    engine = open_engine(db)
    conn = engine.connect()
    return conn, walk(conn, sel or Selection())


def _render(db: str, writer, *args, **kw) -> tuple[str, object]:
    conn, groups = _groups(db)
    buf = io.StringIO()
    w = writer(groups, buf, *args, **kw)
    conn.close()
    return buf.getvalue(), w


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsreel", *args], capture_output=True,
                          text=True, timeout=180)


# --- the walker -------------------------------------------------------------------

def test_walker_pages_give_every_fact_once(store):
    engine = open_engine(store)
    with engine.connect() as conn:
        big = [f.id for f in walk_facts(conn, Selection(), page=500)]
        small = [f.id for f in walk_facts(conn, Selection(), page=2)]
        assert big == small and len(big) == len(set(big)) == 9
        groups = list(walk(conn, Selection(), page=3))
    assert [g.subject for g in groups] == ["Glass Harbour", "Ada Stone"]
    assert all(f.evidence for g in groups for f in g.facts)


# --- Turtle (Wikidata statement model) ---------------------------------------------------

def test_turtle_statements_qualifiers_references(store):
    text, w = _render(store, write_turtle, {"mara quill": "Q100001"})
    g = Graph().parse(data=text, format="turtle")
    statements = set(g.subjects(None, WIKIBASE.Statement))
    assert len(statements) == 9 == w.statements
    # director: mapped to a Q-id
    (st,) = list(g.objects(None, P.P57))
    assert g.value(st, PS.P57) == WD.Q100001
    # cast with the character as P453
    (st,) = list(g.objects(None, P.P161))
    assert g.value(g.value(st, PQ.P453), RDFS.label) == Literal("Nell", lang="en")
    # release dates with place of publication and release type
    places = {g.value(s, PQ.P291): str(g.value(s, PS.P577)) for s in g.objects(None, P.P577)}
    assert places == {WD.Q30: "2026-03-06", WD.Q145: "2026-04-10"}
    # nomination at the category item, award for the work
    (nom,) = list(g.objects(None, P.P1411))
    assert str(g.value(g.value(nom, PS.P1411), RDFS.label)) == "Gotham Awards for Best Feature"
    (award,) = list(g.objects(None, P.P166))
    assert str(g.value(g.value(award, PQ.P1686), RDFS.label)) == "Glass Harbour"
    (box,) = list(g.objects(None, P.P2142))
    assert g.value(box, WIKIBASE.quantityUnit) == WD.Q4917
    assert g.value(box, PS.P2142).toPython() == 1200000
    # every statement has a reference with URL, retrieved date and quotation
    for s in statements:
        refs = list(g.objects(s, PROV.wasDerivedFrom))
        assert refs, s
        for r in refs:
            assert isinstance(g.value(r, PR.P854), URIRef)
            assert g.value(r, PR.P813) is not None and g.value(r, PR.P1683) is not None
    (st,) = list(g.objects(None, P.P57))
    urls = {str(g.value(r, PR.P854)) for r in g.objects(st, PROV.wasDerivedFrom)}
    assert urls == {"https://trade.example/glass-1", "https://paper.example/glass"}


# --- JSON-LD (schema.org) ---------------------------------------------------------------

def test_jsonld_parses_with_rdflib(store):
    text, w = _render(store, write_jsonld)
    data = json.loads(text)
    assert {n["@type"] for n in data["@graph"]} == {"Movie", "Person"}
    g = Graph().parse(data=text, format="json-ld")
    movie = next(g.subjects(SDO.name, Literal("Glass Harbour")))
    roles = list(g.objects(movie, SDO.actor))
    (role,) = roles
    assert g.value(role, SDO.characterName) == Literal("Nell")
    assert g.value(g.value(role, SDO.actor), SDO.name) == Literal("Ada Stone")
    (drole,) = list(g.objects(movie, SDO.director))
    assert g.value(g.value(drole, SDO.director), SDO.name) == Literal("Mara Quill")
    dates = {str(g.value(r, SDO.datePublished)): str(g.value(r, NR.region))
             for r in g.objects(movie, SDO.datePublished)}
    assert dates == {"2026-03-06": "US", "2026-04-10": "GB"}
    (nom,) = list(g.objects(movie, NR.nominations))
    assert str(g.value(nom, NR.nominations)) == "Gotham Awards for Best Feature"
    # every fact has evidence: sentence + source article (URL, outlet, date)
    fact_roles = list(g.subjects(NR.factId, None))
    assert len(fact_roles) == 9 == w.facts
    for r in fact_roles:
        evs = list(g.objects(r, NR.evidence))
        assert evs
        for ev in evs:
            assert g.value(ev, SDO.text) is not None
            art = g.value(ev, SDO.isPartOf)
            assert str(g.value(art, SDO.url)).startswith("https://")
            assert g.value(g.value(art, SDO.publisher), SDO.name) is not None
            assert g.value(art, SDO.datePublished) is not None


# --- QuickStatements ----------------------------------------------------------------

def _qs_lines(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines() if line]


def test_quickstatements_only_mapped(store, tmp_path):
    qids = tmp_path / "qids.csv"
    qids.write_text("name,qid\nGlass Harbour,Q900\nMara Quill,Q901\nAda Stone,Q902\n"
                    "Venice Film Festival,Q9000005\n")
    unmapped = tmp_path / "unmapped.csv"
    out = tmp_path / "glass.qs"
    p = run("export", "--db", store, "--film", "Glass Harbour", "--format", "quickstatements",
            "--qids", str(qids), "--unmapped", str(unmapped), "-o", str(out))
    assert p.returncode == 0, p.stderr
    lines = _qs_lines(out.read_text())
    assert lines and all(cells[0] == "Q900" for cells in lines)  # no CREATE, no LAST
    by_prop: dict[str, list[list[str]]] = {}
    for cells in lines:
        by_prop.setdefault(cells[1], []).append(cells)
    assert {c[2] for c in by_prop["P57"]} == {"Q901"}
    assert len(by_prop["P57"]) == 2  # one line per source: two references
    (cast,) = by_prop["P161"]
    assert cast[2] == "Q902" and "P453" not in cast  # character Nell unmapped
    dates = {c[2]: c[c.index("P291") + 1] for c in by_prop["P577"]}
    assert dates == {"+2026-03-06T00:00:00Z/11": "Q30", "+2026-04-10T00:00:00Z/11": "Q145"}
    (box,) = by_prop["P2142"]
    assert box[2] == "1200000U4917" and box[box.index("P3005") + 1] == "Q30"
    (prem,) = by_prop["P4647"]
    assert prem[2] == "Q9000005" and prem[prem.index("P585") + 1] == "+2025-09-02T00:00:00Z/11"
    assert "P1411" not in by_prop  # "Gotham Awards for Best Feature" has no Q-id
    for cells in lines:
        refs = dict(zip(cells[3::2], cells[4::2], strict=False))
        assert refs["S854"].startswith('"https://') and refs["S813"].endswith("/11")
        assert refs["S1476"].startswith('en:"Glass Harbour')
    listed = {row["name"]: row for row in csv.DictReader(unmapped.open())}
    assert {"Nell", "Gotham Awards for Best Feature", "drama"} <= set(listed)
    assert "unmapped award: Gotham Awards for Best Feature" in p.stderr
    assert "Traceback" not in p.stderr


def test_quickstatements_create_missing_is_explicit(store):
    text, w = _render(store, write_quickstatements, {"mara quill": "Q901"})
    assert "CREATE" not in text and text == ""  # the film itself is unmapped
    assert ("Glass Harbour", "film") in w.unmapped
    text, w = _render(store, write_quickstatements, {"mara quill": "Q901"},
                      create_missing=True)
    lines = _qs_lines(text)
    assert lines[0] == ["CREATE"]
    assert lines[1] == ["LAST", "Len", '"Glass Harbour"'] and lines[2] == ["LAST", "P31",
                                                                           "Q11424"]
    assert ["LAST", "P57", "Q901"] == lines[3][:3]
    assert sum(1 for c in lines if c == ["CREATE"]) == w.created == 1  # Ada Stone: no mapped
    # value, so no item is created for her


def test_qs_values():
    assert qs_time("2026-03-06") == "+2026-03-06T00:00:00Z/11"
    assert qs_time("2026-03") == "+2026-03-00T00:00:00Z/10"
    assert qs_time("2026") == "+2026-00-00T00:00:00Z/9"


# --- CSV and JSON Lines -----------------------------------------------------------

def test_csv_and_jsonl(store):
    text, rows = _render(store, write_csv)
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert len(parsed) == rows == 10  # 9 facts, the director with two spans
    bodies = {"https://trade.example/glass-1": A1, "https://paper.example/glass": A2}
    for r in parsed:
        body = bodies[r["url"]]
        assert body[int(r["evidence_start"]):int(r["evidence_end"])] == r["evidence_text"]
    cast = next(r for r in parsed if r["relation"] == "cast_member")
    assert cast["character"] == "Nell" and cast["property"] == "P161"
    assert json.loads(cast["qualifiers"]) == {"character": "Nell"}
    text, n = _render(store, write_jsonl)
    facts = [json.loads(line) for line in text.splitlines()]
    assert len(facts) == n == 9
    director = next(f for f in facts if f["relation"] == "director")
    assert director["articles"] == 2 and director["outlets"] == ["The Paper", "Trade Daily"]
    assert {e["url"] for e in director["evidence"]} == set(bodies)


# --- the command ----------------------------------------------------------------------

def test_export_cli_selection_and_errors(store, tmp_path):
    p = run("export", "--db", store, "--person", "Ada Stone", "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    rels = sorted(json.loads(x)["relation"] for x in p.stdout.splitlines())
    assert rels == ["award_received", "cast_member"]
    p = run("export", "--db", store, "--film", "Glas Harbourr", "--format", "csv")
    assert p.returncode == 3 and "did you mean" in p.stderr and p.stdout == ""
    p = run("export", "--db", store, "--format", "xml")
    assert p.returncode == 2 and p.stderr.count("\n") == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("Glass Harbour,not-a-qid\n")
    p = run("export", "--db", store, "--format", "quickstatements", "--qids", str(bad))
    assert p.returncode == 2 and "not a Q-id" in p.stderr and "Traceback" not in p.stderr
    out = tmp_path / "all.ttl"
    p = run("export", "--db", store, "--all", "--format", "turtle", "-o", str(out))
    assert p.returncode == 0 and p.stdout == ""
    assert len(Graph().parse(out, format="turtle")) > 50


# --- the seeds' dossier (depends on extraction) ---------------------------------------------

@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS}")
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    p = run("ingest", str(SEEDS), "--db", db)
    assert p.returncode == 0, p.stderr
    return db


def test_seeds_dossier_turtle(seeds_store):
    p = run("export", "--db", seeds_store, "--film", "All of Us Strangers", "--format", "turtle")
    assert p.returncode == 0, p.stderr
    g = Graph().parse(data=p.stdout, format="turtle")

    def label(node) -> str:
        return str(g.value(node, RDFS.label))

    directors = {label(g.value(s, PS.P57)) for s in g.objects(None, P.P57)}
    assert "Andrew Haigh" in directors
    cast = {label(g.value(s, PS.P161)): label(g.value(s, PQ.P453))
            for s in g.objects(None, P.P161) if g.value(s, PQ.P453) is not None}
    assert cast.get("Andrew Scott") == "Adam" and cast.get("Paul Mescal") == "Harry"
    places = {g.value(s, PQ.P291) for s in g.objects(None, P.P577)}
    assert {WD.Q30, WD.Q145} <= places
    for s in g.subjects(None, WIKIBASE.Statement):
        refs = list(g.objects(s, PROV.wasDerivedFrom))
        assert refs and all(g.value(r, PR.P1683) is not None and g.value(r, PR.P813)
                            is not None for r in refs)


def test_seeds_dossier_every_format(seeds_store, tmp_path):
    qids = tmp_path / "qids.csv"
    qids.write_text("name,qid\nAll of Us Strangers,Q9000001\nAndrew Haigh,Q9000002\n"
                    "Andrew Scott,Q9000003\nPaul Mescal,Q9000004\n")
    for fmt in ("jsonld", "csv", "jsonl", "quickstatements"):
        extra = ["--qids", str(qids)] if fmt == "quickstatements" else []
        p = run("export", "--db", seeds_store, "--film", "All of Us Strangers", "--format", fmt,
                *extra)
        assert p.returncode == 0, p.stderr
        if fmt == "jsonld":
            g = Graph().parse(data=p.stdout, format="json-ld")
            assert Literal("Andrew Haigh") in set(g.objects(None, SDO.name))
        elif fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(p.stdout)))
            assert any(r["relation"] == "director" and r["object"] == "Andrew Haigh"
                       for r in rows)
        elif fmt == "jsonl":
            facts = [json.loads(x) for x in p.stdout.splitlines()]
            assert all(f["evidence"] for f in facts)
        else:
            lines = _qs_lines(p.stdout)
            assert ["Q9000001", "P57", "Q9000002"] in [c[:3] for c in lines]
            dates = [c for c in lines if c[1] == "P577" and "P291" in c]
            assert {c[c.index("P291") + 1] for c in dates} >= {"Q30", "Q145"}
            assert all("S813" in c and "S1683" in c for c in lines)


def test_awkward_text_round_trips(sqlite_db):
    body = 'He said "it\'s \\ done"\n\tthen left <quickly> & {calmly}. Tab\tend.'
    url = "https://odd.example/a b/\"x\"?q=<1>"
    art = Article(body=body, source=url, title='A "quoted" title', published="2026-01-05",
                  outlet="Odd & Co", url=url)
    store_extracted(open_engine(sqlite_db), art, Record(art.doc_dict(), facts=[
        Fact("Weird \"Film\"", "director", "Zoë Ünal", Evidence(0, len(body), body), {},
             0.9, "film", "person")]))
    text, _ = _render(sqlite_db, write_turtle)
    g = Graph().parse(data=text, format="turtle")
    assert Literal(body, lang="en") not in set(g.objects(None, PR.P1683))  # spaces folded
    assert Literal(" ".join(body.split()), lang="en") in set(g.objects(None, PR.P1683))
    assert Literal('A "quoted" title', lang="en") in set(g.objects(None, PR.P1476))
    assert Literal("Zoë Ünal", lang="en") in set(g.objects(None, RDFS.label))
    text, _ = _render(sqlite_db, write_jsonld)
    g = Graph().parse(data=text, format="json-ld")
    assert Literal(body) in set(g.objects(None, SDO.text))
    text, rows = _render(sqlite_db, write_csv)
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["evidence_text"] == body and row["subject"] == 'Weird "Film"'
    text, w = _render(sqlite_db, write_quickstatements, {"weird film": "Q1", "zoe unal": "Q2"})
    (line,) = text.splitlines()
    cells = line.split("\t")
    assert cells[:3] == ["Q1", "P57", "Q2"]
    assert all(c.count('"') in (0, 2) for c in cells)  # no stray quote breaks a cell


def test_unmapped_names_spill_to_disk(store, monkeypatch):
    import newsreel.export.quickstatements as qs

    _, w_mem = _render(store, write_quickstatements, {"mara quill": "Q901"})
    monkeypatch.setattr(qs, "SPILL", 2)
    _, w_disk = _render(store, write_quickstatements, {"mara quill": "Q901"})
    assert w_disk.unmapped._db is not None  # went to disk
    assert list(w_disk.unmapped.sorted()) == list(w_mem.unmapped.sorted())
    assert len(w_disk.unmapped) == len(w_mem.unmapped) == 2  # the film and Ada Stone
    w_disk.unmapped.close()
