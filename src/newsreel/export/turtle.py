"""Turtle in Wikidata's statement model (rdflib namespaces; the tests read it
back with rdflib).

    item p:P161 statement .  statement ps:P161 person ; pq:P453 character ;
    prov:wasDerivedFrom reference .  reference pr:P854 url ; pr:P813 retrieved ;
    pr:P1476 title ; pr:P1683 quotation ; pr:P577 published .

Items mapped through `--qids` (and countries) are `wd:Q…`; the others get
newsreel IRIs with an `rdfs:label`. Each subject's statements are written as
one block as soon as the subject is complete (terms rendered straight to
Turtle: building and serializing an rdflib Graph per subject is ten times
slower), so memory stays constant however large the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import quote

from rdflib import RDFS, XSD, Namespace

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
DATE_TYPES = {4: "xsd:gYear", 7: "xsd:gYearMonth", 10: "xsd:date"}
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"  # what stays as is in a reference URL
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
            ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_IRI_BAD = re.compile(r"[\x00-\x20<>\"{}|^`\\]")


def literal(text: str, lang: str | None = "en") -> str:
    """A Turtle string literal (escaped), with a language tag."""
    body = _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04X}", str(text).translate(_ESCAPES))
    return f'"{body}"' + (f"@{lang}" if lang else "")


def typed(lexical: str, datatype: str) -> str:
    return literal(lexical, None) + "^^" + datatype


def iri(text: str) -> str:
    """A full IRI in angle brackets, characters Turtle forbids percent-encoded."""
    return "<" + _IRI_BAD.sub(lambda m: quote(m.group(0), safe=""), text) + ">"


def pname(prefix: str, local: str) -> str:
    return f"{prefix}:{local}"


class Block:
    """One subject's triples: subject -> predicate -> objects, in insertion
    order and without duplicates."""

    def __init__(self) -> None:
        self.by_subject: dict[str, dict[str, dict[str, None]]] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self.by_subject.setdefault(s, {}).setdefault(p, {})[o] = None

    def write(self, out: TextIO) -> None:
        for subj, preds in self.by_subject.items():
            lines = [f"    {p} {', '.join(objs)}" for p, objs in preds.items()]
            out.write(subj + "\n" + " ;\n".join(lines) + " .\n\n")


class TurtleWriter:
    def __init__(self, out: TextIO, qids: dict[str, str] | None = None):
        self.out = out
        self.qids = qids or {}
        self.statements = 0
        self.skipped = 0

    def header(self) -> None:
        for prefix, ns in PREFIXES.items():
            self.out.write(f"@prefix {prefix}: <{ns}> .\n")
        self.out.write("\n")

    def node(self, item: Item) -> str:
        qid = qid_of(item, self.qids)
        if qid:
            return pname("wd", qid)
        if item.entity_id is not None:
            return pname("nre", str(item.entity_id))
        return iri(f"{NRI}{item.type}/{quote(item.key or item.name, safe='')}")

    def _item(self, b: Block, item: Item) -> str:
        node = self.node(item)
        b.add(node, "rdfs:label", literal(item.name))
        if not node.startswith("wd:"):  # say nothing more about Wikidata's items
            b.add(node, "schema:additionalType", literal(item.type, None))
        return node

    def _value(self, b: Block, value: Value) -> str:
        if isinstance(value, Item):
            return self._item(b, value)
        if isinstance(value, Time):
            return typed(value.iso, DATE_TYPES.get(len(value.iso), "xsd:string"))
        if isinstance(value, Quantity):
            return typed(value.amount, "xsd:decimal")
        return literal(str(value))

    def _statement(self, b: Block, st: Statement) -> None:
        subj = self._item(b, st.subject)
        node = pname("nrs", str(st.fact_id))
        b.add(subj, f"p:{st.property}", node)
        b.add(node, "a", "wikibase:Statement")
        b.add(node, f"ps:{st.property}", self._value(b, st.value))
        if isinstance(st.value, Quantity) and st.value.unit in CURRENCY_QIDS:
            b.add(node, "wikibase:quantityUnit", pname("wd", CURRENCY_QIDS[st.value.unit]))
        for pid, val in st.qualifiers:
            b.add(node, f"pq:{pid}", self._value(b, val))
        for n, ref in enumerate(st.references, 1):
            rnode = pname("nrr", f"{st.fact_id}-{n}")
            b.add(node, "prov:wasDerivedFrom", rnode)
            b.add(rnode, "a", "wikibase:Reference")
            if ref.url:
                b.add(rnode, "pr:P854", iri(quote(ref.url, safe=URL_SAFE)))
            if ref.retrieved:
                b.add(rnode, "pr:P813", typed(ref.retrieved[:10], "xsd:date"))
            if ref.title:
                b.add(rnode, "pr:P1476", literal(ref.title))
            if ref.published and len(ref.published) >= 10:
                b.add(rnode, "pr:P577", typed(ref.published[:10], "xsd:date"))
            b.add(rnode, "pr:P1683", literal(" ".join(ref.quotation.split())))
        self.statements += 1

    def group(self, group: Group) -> None:
        b = Block()
        for fact in group.facts:
            st = statement(fact)
            if st is None:
                self.skipped += 1
                continue
            self._statement(b, st)
        b.write(self.out)


def write_turtle(groups: Iterable[Group], out: TextIO, qids: dict[str, str] | None = None,
                 ) -> TurtleWriter:
    writer = TurtleWriter(out, qids)
    writer.header()
    for group in groups:
        writer.group(group)
    return writer
