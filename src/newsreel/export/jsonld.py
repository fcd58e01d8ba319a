"""JSON-LD with schema.org, streamed one subject node at a time.

Each work is a `Movie`, `TVSeries` or `CreativeWork` node (a person subject a
`Person`), and each fact one Role node on the schema.org property (Role
pattern): `director` -> Role{director: Person}, `actor` -> PerformanceRole
{actor: Person, characterName}, `datePublished` -> Role{datePublished,
location: Country}, `productionCompany`, `award`, `nominations`, `genre`,
`isBasedOn`, ... Every Role carries its evidence: a `Quotation` (the sentence,
`text`) that `isPartOf` the source `NewsArticle` (url, headline, publisher,
datePublished). Terms schema.org lacks live in the newsreel vocabulary (nr:).
The context is inline, so any JSON-LD processor reads it offline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsreel.export.walker import FactRow, Group, category_item
from newsreel.export.wikidata import Item, qid_of

NR = "https://newsreel.invalid/vocab#"
CONTEXT = {
    "@vocab": "https://schema.org/",
    "nr": NR,
    "nominations": {"@id": "nr:nominations"},
    "evidence": {"@id": "nr:evidence"},
    "factId": {"@id": "nr:factId"},
    "relation": {"@id": "nr:relation"},
    "region": {"@id": "nr:region"},
    "releaseType": {"@id": "nr:releaseType"},
    "articles": {"@id": "nr:articles"},
    "distributor": {"@id": "nr:distributor"},
    "premiere": {"@id": "nr:premiere"},
    "screenedAt": {"@id": "nr:screenedAt"},
    "boxOffice": {"@id": "nr:boxOffice"},
    "startOffset": {"@id": "nr:startOffset"},
    "endOffset": {"@id": "nr:endOffset"},
    "retrieved": {"@id": "nr:retrieved"},
    "source": {"@id": "nr:source"},
}
NODE_TYPES = {"film": "Movie", "tv_series": "TVSeries", "work": "CreativeWork",
              "person": "Person", "organization": "Organization", "festival": "Event",
              "award": "Thing", "outlet": "Organization", "character": "Thing"}
# relation -> (schema.org property, Role type, object node type)
PROPERTIES = {
    "director": ("director", "Role", "Person"),
    "screenwriter": ("author", "Role", "Person"),
    "producer": ("producer", "Role", "Person"),
    "composer": ("musicBy", "Role", "Person"),
    "cast_member": ("actor", "PerformanceRole", "Person"),
    "voice_actor": ("actor", "PerformanceRole", "Person"),
    "author": ("author", "Role", "Person"),
    "production_company": ("productionCompany", "Role", "Organization"),
    "distributor": ("distributor", "Role", "Organization"),
    "based_on": ("isBasedOn", "Role", "CreativeWork"),
    "premiere": ("premiere", "Role", "Event"),
    "screened_at": ("screenedAt", "Role", "Event"),
    "narrative_location": ("contentLocation", "Role", "Place"),
    "genre": ("genre", "Role", None),
    "release_date": ("datePublished", "Role", None),
    "award_received": ("award", "Role", None),
    "nominated_for": ("nominations", "Role", None),
    "box_office": ("boxOffice", "Role", None),
}
WD_ENTITY = "http://www.wikidata.org/entity/"


def entity_iri(entity_id: int) -> str:
    return f"https://newsreel.invalid/entity/{entity_id}"


class JsonLdWriter:
    def __init__(self, out: TextIO, qids: dict[str, str] | None = None):
        self.out = out
        self.qids = qids or {}
        self.nodes = 0
        self.facts = 0

    def _same_as(self, node: dict[str, Any], name: str, etype: str) -> None:
        qid = qid_of(Item(name, etype), self.qids)
        if qid:
            node["sameAs"] = WD_ENTITY + qid

    def _object(self, fact: FactRow, node_type: str) -> dict[str, Any]:
        node: dict[str, Any] = {"@type": NODE_TYPES.get(fact.object_type or "", node_type),
                                "name": fact.object}
        if fact.object_id is not None:
            node["@id"] = entity_iri(fact.object_id)
        self._same_as(node, fact.object, fact.object_type or "")
        return node

    @staticmethod
    def _evidence(fact: FactRow) -> list[dict[str, Any]]:
        out = []
        for ev in fact.evidence:
            s = ev.source
            article: dict[str, Any] = {"@type": "NewsArticle", "identifier": s.doc_id}
            if s.url:
                article["url"] = s.url
            if s.title:
                article["headline"] = s.title
            if s.outlet:
                article["publisher"] = {"@type": "Organization", "name": s.outlet}
            if s.published:
                article["datePublished"] = s.published
            if not s.url and s.source:
                article["source"] = s.source  # a file path or PATH:LINE
            if s.retrieved:
                article["retrieved"] = s.retrieved
            out.append({"@type": "Quotation", "text": ev.text, "startOffset": ev.start,
                        "endOffset": ev.end, "isPartOf": article})
        return out

    def role(self, fact: FactRow) -> tuple[str, dict[str, Any]]:
        prop, role_type, node_type = PROPERTIES.get(fact.relation, (
            "nr:" + fact.relation, "Role", None))
        q = fact.qualifiers
        role: dict[str, Any] = {"@type": role_type, "factId": fact.id,
                                "relation": fact.relation, "articles": fact.articles}
        if fact.relation == "release_date":
            role[prop] = fact.object
            if q.get("region"):
                role["region"] = q["region"]
                role["location"] = {"@type": "Country", "identifier": q["region"]}
            if q.get("release_type"):
                role["releaseType"] = q["release_type"]
        elif fact.relation in ("award_received", "nominated_for"):
            role[prop] = category_item(fact.object, q.get("category"))
            role["name"] = fact.object
            if q.get("category"):
                role["roleName"] = q["category"]
            if q.get("for_work"):
                role["about"] = {"@type": "CreativeWork", "name": q["for_work"]}
        elif fact.relation == "box_office":
            currency, _, amount = fact.object.partition(" ")
            role[prop] = {"@type": "MonetaryAmount", "currency": currency, "value": amount}
            if q.get("region"):
                role["region"] = q["region"]
            if q.get("period"):
                role["temporalCoverage"] = q["period"]
        elif node_type is None:
            role[prop] = fact.object
        else:
            role[prop] = self._object(fact, node_type)
        if fact.relation in ("cast_member", "voice_actor") and q.get("character"):
            role["characterName"] = q["character"]
        if fact.relation == "voice_actor":
            role["roleName"] = "voice"
        if fact.relation == "screenwriter":
            role["roleName"] = "screenwriter"
        if fact.relation in ("premiere", "screened_at") and q.get("date"):
            role["startDate"] = q["date"]
        if fact.relation == "distributor" and q.get("region"):
            role["region"] = q["region"]
        role["evidence"] = self._evidence(fact)
        return prop, role

    def group(self, group: Group) -> dict[str, Any]:
        node: dict[str, Any] = {"@id": entity_iri(group.subject_id),
                                "@type": NODE_TYPES.get(group.subject_type, "Thing"),
                                "name": group.subject}
        self._same_as(node, group.subject, group.subject_type)
        for fact in group.facts:
            prop, role = self.role(fact)
            node.setdefault(prop, []).append(role)
            self.facts += 1
        return node


def write_jsonld(groups: Iterable[Group], out: TextIO, qids: dict[str, str] | None = None,
                 ) -> JsonLdWriter:
    """One JSON-LD document: {"@context": ..., "@graph": [node, ...]}, streamed."""
    writer = JsonLdWriter(out, qids)
    out.write('{\n"@context": ' + json.dumps(CONTEXT) + ',\n"@graph": [\n')
    for group in groups:
        node = writer.group(group)
        if writer.nodes:
            out.write(",\n")
        out.write(json.dumps(node, ensure_ascii=False, indent=1))
        writer.nodes += 1
    out.write("\n]\n}\n")
    return writer
