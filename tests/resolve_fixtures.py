"""Hand-made extraction records for examples/story-glasshouse (resolution tests).

Extraction is developed separately; these records say what a careful reader
takes from each article (examples/EXPECTED.md), with every evidence span cut
from the real body, so the resolution, conflict and story logic is tested on
its own. `store_glasshouse(engine)` stores the four articles with them."""

from __future__ import annotations

from pathlib import Path

from newsreel.ingest import store_extracted
from newsreel.model import Article, Entity, Evidence, Fact, Quote, Record
from newsreel.sources import read_inputs

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "story-glasshouse"
FILES = ["01-screenline-casting.txt", "02-backlot-bulletin-shoot.txt",
         "03-sporting-reel-documentary.txt", "04-marquee-report-date-change.txt"]


def read_article(path: Path) -> Article:
    (article,) = list(read_inputs([str(path)]))
    assert isinstance(article, Article)
    return article


def sentence(body: str, snippet: str) -> Evidence:
    """The sentence of `body` that contains `snippet`, as evidence."""
    i = body.index(snippet)
    start = max(body.rfind(". ", 0, i) + 2 if body.rfind(". ", 0, i) >= 0 else 0,
                body.rfind("\n", 0, i) + 1)
    end_dot = body.find(". ", i + len(snippet))
    end_nl = body.find("\n", i + len(snippet))
    ends = [x for x in (end_dot + 1 if end_dot >= 0 else -1, end_nl) if x > 0]
    end = min(ends) if ends else len(body)
    return Evidence(start, end, body[start:end])


def spans(body: str, text: str) -> list[tuple[int, int]]:
    out, i = [], body.find(text)
    while i >= 0:
        out.append((i, i + len(text)))
        i = body.find(text, i + 1)
    return out


def ent(body: str, name: str, etype: str, *forms: str) -> Entity:
    ms = []
    for form in (name, *forms):
        ms += spans(body, form)
    return Entity(name, etype, [f for f in forms if f != name], sorted(set(ms)))


def fact(body: str, subject: str, relation: str, obj: str, snippet: str,
         conf: float = 0.85, st: str = "film", ot: str | None = None, **q) -> Fact:
    return Fact(subject, relation, obj, sentence(body, snippet), dict(q), conf, st, ot)


def record_01(a: Article) -> Record:
    b = a.body
    S = "Saskia Vellacourt"
    return Record(a.doc_dict(), [
        ent(b, "Glasshouse", "film"), ent(b, S, "person", "Vellacourt"),
        ent(b, "Emeric Tallon-Weiss", "person", "Tallon-Weiss"),
        ent(b, "Oren Blackwood-Saye", "person"), ent(b, "Pilar Etxeberria-Moss", "person"),
        ent(b, "Halcyon Gate Releasing", "organization", "Halcyon Gate"),
        ent(b, "Thornbury Row Pictures", "organization"),
        ent(b, "The Lodger's Key", "film"), ent(b, "Night Rounds", "tv_series"),
    ], [
        fact(b, "Glasshouse", "director", "Emeric Tallon-Weiss", "director Emeric", 0.9),
        fact(b, "Glasshouse", "screenwriter", "Emeric Tallon-Weiss", "wrote the screenplay"),
        fact(b, "Glasshouse", "genre", "psychological thriller", "a psychological thriller"),
        fact(b, "Glasshouse", "distributor", "Halcyon Gate Releasing", "set to distribute",
             region="US"),
        fact(b, "Glasshouse", "production_company", "Thornbury Row Pictures",
             "Thornbury Row Pictures is producing"),
        fact(b, "Glasshouse", "release_date", "2026-02-13", "on February 13, 2026", 0.9,
             region="US", release_type="theatrical"),
        fact(b, "Glasshouse", "cast_member", S, "is to lead Glasshouse", 0.9,
             character="Dr. Helena Marr"),
        fact(b, "Glasshouse", "cast_member", "Oren Blackwood-Saye", "co-stars as",
             character="Julian"),
        fact(b, "Glasshouse", "cast_member", "Pilar Etxeberria-Moss", "Pilar Etxeberria-Moss as",
             character="Agnes Rooke"),
        fact(b, "The Lodger's Key", "director", "Emeric Tallon-Weiss", "The Lodger's Key was"),
        fact(b, "Night Rounds", "cast_member", S, "Night Rounds", 0.7, st="tv_series"),
    ], [Quote("Emeric Tallon-Weiss", "Saskia has a stillness on screen that makes you lean "
              "in, and then she makes you regret it, That is exactly what this film needs.",
              b.index('"Saskia has'), b.index("needs.\"") + 7)])


def record_02(a: Article) -> Record:
    b = a.body
    S = "Sas Vellacourt"
    return Record(a.doc_dict(), [
        ent(b, "Glasshouse", "film"), ent(b, S, "person"),
        ent(b, "Emeric Tallon-Weiss", "person", "Tallon-Weiss"),
        ent(b, "Oren Blackwood-Saye", "person"), ent(b, "Pilar Etxeberria-Moss", "person"),
        ent(b, "Anouk Derrien-Pagett", "person"),
        ent(b, "Halcyon Gate Releasing", "organization"),
        ent(b, "Thornbury Row Pictures", "organization"),
        ent(b, "Foxcombe International", "organization"),
    ], [
        fact(b, "Glasshouse", "director", "Emeric Tallon-Weiss", "Emeric Tallon-Weiss’s", 0.8),
        fact(b, "Glasshouse", "cast_member", S, "who leads the film"),
        fact(b, "Glasshouse", "cast_member", "Oren Blackwood-Saye", "The cast also includes"),
        fact(b, "Glasshouse", "cast_member", "Pilar Etxeberria-Moss", "The cast also includes"),
        fact(b, "Glasshouse", "composer", "Anouk Derrien-Pagett", "regular composer"),
        fact(b, "Glasshouse", "distributor", "Halcyon Gate Releasing", "is still holding",
             region="US"),
        fact(b, "Glasshouse", "release_date", "2026-02-13", "on February 13, 2026", 0.9,
             region="US", release_type="theatrical"),
        fact(b, "Glasshouse", "production_company", "Thornbury Row Pictures",
             "Thornbury Row Pictures produced"),
    ], [Quote(S, "You’d do a take and your costume would be wet through. I’ve stopped "
              "complaining about English summers.", b.index("“You’d"),
              b.index("summers.”") + 9, "Backlot Bulletin")])


def record_03(a: Article) -> Record:
    b = a.body
    G = "Gideon Vellacourt"
    return Record(a.doc_dict(), [
        ent(b, "Blades Up", "film"), ent(b, G, "person", "Vellacourt"),
        ent(b, "Tamsin Ruddock-Fane", "person", "Ruddock-Fane"),
        ent(b, "Ravi Anand-Lister", "person"), ent(b, "Tom Ekwueme-Hart", "person"),
        ent(b, "Northern Light Documentary Festival", "festival"),
        ent(b, "Kestrel Moor Films", "organization"), ent(b, "Clearwell+", "organization"),
    ], [
        fact(b, "Blades Up", "genre", "documentary", "feature documentary"),
        fact(b, "Blades Up", "director", "Tamsin Ruddock-Fane", "Directed by Tamsin", 0.9),
        fact(b, "Blades Up", "release_date", "2025-10-03", "October 3, 2025", region="US",
             release_type="streaming"),
        fact(b, "Blades Up", "release_date", "2025-10-03", "October 3, 2025", region="GB",
             release_type="streaming"),
        fact(b, "Blades Up", "premiere", "Northern Light Documentary Festival",
             "It premiered at", date="2025-06"),
        fact(b, "Blades Up", "production_company", "Kestrel Moor Films", "is produced by"),
        fact(b, "Blades Up", "cast_member", G, "is the subject of Blades Up", 0.6),
    ], [Quote(G, "I didn't want a film about medals. I've got a drawer full of those. I "
              "wanted to know if I could still enjoy a cold morning on the water.",
              b.index('"I didn'), b.index('water."') + 7)])


def record_04(a: Article) -> Record:
    b = a.body
    return Record(a.doc_dict(), [
        ent(b, "Glasshouse", "film"), ent(b, "Vellacourt", "person"),
        ent(b, "Emeric Tallon-Weiss", "person"),
        ent(b, "Oren Blackwood-Saye", "person"), ent(b, "Pilar Etxeberria-Moss", "person"),
        ent(b, "Marcus Oyelowo-Drake", "person"),
        ent(b, "Halcyon Gate Releasing", "organization", "Halcyon Gate"),
        ent(b, "Thornbury Row Pictures", "organization"),
        ent(b, "The Lantern Makers", "film"), ent(b, "Second Honeymoon", "film"),
    ], [
        fact(b, "Glasshouse", "release_date", "2026-04-24", "to April 24, 2026", 0.9,
             region="US", release_type="theatrical"),
        fact(b, "Glasshouse", "director", "Emeric Tallon-Weiss", "giving Emeric"),
        fact(b, "Glasshouse", "genre", "psychological thriller", "psychological thriller's"),
        fact(b, "Glasshouse", "distributor", "Halcyon Gate Releasing", "has pushed back",
             region="US"),
        fact(b, "Glasshouse", "cast_member", "Vellacourt", "who plays a botanist"),
        fact(b, "Glasshouse", "cast_member", "Oren Blackwood-Saye", "which co-stars"),
        fact(b, "Glasshouse", "cast_member", "Pilar Etxeberria-Moss", "which co-stars"),
        fact(b, "Glasshouse", "production_company", "Thornbury Row Pictures",
             "Thornbury Row Pictures produced"),
    ], [Quote("Marcus Oyelowo-Drake", "We have a beautiful, frightening film, and we want "
              "every frame of it to be right. April gives us a clear run.",
              b.index('"We have'), b.index('clear run."') + 11)])


RECORDS = [record_01, record_02, record_03, record_04]


def glasshouse(order: list[int] | None = None) -> list[tuple[Article, Record]]:
    out = []
    for i in order or [0, 1, 2, 3]:
        a = read_article(STORY / FILES[i])
        out.append((a, RECORDS[i](a)))
    return out


def store_glasshouse(engine, order: list[int] | None = None) -> list[Article]:
    arts = []
    for a, r in glasshouse(order):
        store_extracted(engine, a, r)
        arts.append(a)
    return arts


EXAMPLES_STORY_FILES = FILES
