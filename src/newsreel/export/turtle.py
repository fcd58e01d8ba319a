"""Turtle (rdflib) in Wikidata's statement model.

    item p:P161 statement .  statement ps:P161 person ; pq:P453 character ;
    prov:wasDerivedFrom reference .  reference pr:P854 url ; pr:P813 retrieved ;
    pr:P1476 title ; pr:P1683 quotation ; pr:P577 published .

Items mapped through `--qids` (and countries) are `wd:Q…`; the others get
newsreel IRIs with an `rdfs:label`. Each subject is serialized as its own
block of triples (rdflib terms, written with their Turtle form) as soon as
it is complete, so memory stays constant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef

from newsreel.export.walker import Group
from newsreel.export.wikidata import (
    CURRENCY_QIDS,
    Item,
    Quantity,
    Statement,
    Time,
    Value,
    qid_of,
    statement,
)

WD = Namespace("http://www.wikidata.org/entity/")
P = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")
PR = Namespace("http://www.wikidata.org/prop/reference/")
WIKIBASE = Namespace("http://wikiba.se/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("http://schema.org/")
BASE = "https://newsreel.invalid/"
NRE = Namespace(BASE + "entity/")
NRI = Namespace(BASE + "item/")
NRS = Namespace(BASE + "statement/")
NRR = Namespace(BASE + "reference/")
PREFIXES = {"wd": WD, "p": P, "ps": PS, "pq": PQ, "pr": PR, "wikibase": WIKIBASE,
            "prov": PROV, "schema": SCHEMA, "rdfs": RDFS, "xsd": XSD, "nre": NRE,
            "nri": NRI, "nrs": NRS, "nrr": NRR}
DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"  # what stays as is in a reference URL
LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")  # safe prefixed names


class Triples:
    """A subject's triples in insertion order, without duplicates (a Graph
    would do, but serializing one per subject is slow)."""

    def __init__(self) -> None:
        self.by_subject: dict[URIRef, dict[tuple, None]] = {}

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        self.by_subject.setdefault(s, {})[(p, o)] = None

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_subject.values())


class TurtleWriter:
    def __init__(self, out: TextIO, qids: dict[str, str] | None = None):
        self._prefixes = sorted(((p, str(ns)) for p, ns in PREFIXES.items()),
                                key=lambda x: -len(x[1]))
        self.out = out
        self.qids = qids or {}
        self.statements = 0
        self.skipped = 0

    def _term(self, term) -> str:
        if isinstance(term, URIRef):
            text = str(term)
            for prefix, ns in self._prefixes:
                if text.startswith(ns):
                    local = text[len(ns):]
                    if LOCAL.match(local):
                        return f"{prefix}:{local}"
            return term.n3()
        if isinstance(term, Literal) and term.datatype is not None:
            return Literal(str(term)).n3() + "^^" + self._term(URIRef(term.datatype))
        return term.n3()

    def header(self) -> None:
        for prefix, ns in PREFIXES.items():
            self.out.write(f"@prefix {prefix}: <{ns}> .\n")
        self.out.write("\n")

    def iri(self, item: Item) -> URIRef:
        qid = qid_of(item, self.qids)
        if qid:
            return WD[qid]
        if item.entity_id is not None:
            return NRE[str(item.entity_id)]
        return NRI[f"{item.type}/{quote(item.key or item.name, safe='')}"]

    def _node(self, g: Triples, item: Item) -> URIRef:
        node = self.iri(item)
        g.add((node, RDFS.label, Literal(item.name, lang="en")))
        if not str(node).startswith(str(WD)):  # say nothing more about Wikidata's items
            g.add((node, SCHEMA.additionalType, Literal(item.type)))
        return node

    def _literal(self, g: Triples, value: Value):
        if isinstance(value, Item):
            return self._node(g, value)
        if isinstance(value, Time):
            return Literal(value.iso, datatype=DATE_TYPES.get(len(value.iso), XSD.string))
        if isinstance(value, Quantity):
            return Literal(value.amount, datatype=XSD.decimal)
        return Literal(str(value), lang="en")

    def _statement(self, g: Triples, st: Statement) -> None:
        subj = self._node(g, st.subject)
        node = NRS[str(st.fact_id)]
        g.add((subj, P[st.property], node))
        g.add((node, RDF.type, WIKIBASE.Statement))
        g.add((node, PS[st.property], self._literal(g, st.value)))
        if isinstance(st.value, Quantity) and st.value.unit in CURRENCY_QIDS:
            g.add((node, WIKIBASE.quantityUnit, WD[CURRENCY_QIDS[st.value.unit]]))
        for pid, val in st.qualifiers:
            g.add((node, PQ[pid], self._literal(g, val)))
        for n, ref in enumerate(st.references, 1):
            rnode = NRR[f"{st.fact_id}-{n}"]
            g.add((node, PROV.wasDerivedFrom, rnode))
            g.add((rnode, RDF.type, WIKIBASE.Reference))
            if ref.url:
                g.add((rnode, PR.P854, URIRef(quote(ref.url, safe=URL_SAFE))))
            if ref.retrieved:
                g.add((rnode, PR.P813, Literal(ref.retrieved, datatype=XSD.date)))
            if ref.title:
                g.add((rnode, PR.P1476, Literal(ref.title, lang="en")))
            if ref.published and len(ref.published) >= 10:
                g.add((rnode, PR.P577, Literal(ref.published[:10], datatype=XSD.date)))
            g.add((rnode, PR.P1683, Literal(" ".join(ref.quotation.split()), lang="en")))
        self.statements += 1

    def group(self, group: Group) -> None:
        g = Triples()
        for fact in group.facts:
            st = statement(fact)
            if st is None:
                self.skipped += 1
                continue
            self._statement(g, st)
        for subj, pairs in g.by_subject.items():
            objects: dict[URIRef, list[str]] = {}
            for p, o in pairs:
                objects.setdefault(p, []).append(self._term(o))
            lines = [f"    {'a' if p == RDF.type else self._term(p)} {', '.join(os)}"
                     for p, os in objects.items()]
            self.out.write(self._term(subj) + "\n" + " ;\n".join(lines) + " .\n\n")


def write_turtle(groups: Iterable[Group], out: TextIO, qids: dict[str, str] | None = None,
                 ) -> TurtleWriter:
    writer = TurtleWriter(out, qids)
    writer.header()
    for group in groups:
        writer.group(group)
    return writer
