"""CSV and JSON Lines of facts with their evidence, for spreadsheets and pandas.

CSV: one row per (fact, evidence span), so every row carries its sentence and
source; the common qualifiers have their own columns and all of them are in
`qualifiers` (JSON). JSON Lines: one object per fact with an `evidence` list.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsreel.export.walker import FactRow, Group

QUALIFIER_COLUMNS = ["character", "region", "release_type", "category", "for_work", "date",
                     "count", "period"]
CSV_COLUMNS = (["fact_id", "subject", "subject_type", "relation", "property", "object",
                "object_type"] + QUALIFIER_COLUMNS
               + ["qualifiers", "articles", "outlets", "evidence_text", "evidence_start",
                  "evidence_end", "confidence", "doc_id", "source", "url", "outlet",
                  "published", "title", "retrieved"])


def fact_dict(fact: FactRow) -> dict[str, Any]:
    return {
        "fact_id": fact.id, "subject": fact.subject, "subject_type": fact.subject_type,
        "relation": fact.relation, "property": fact.pid, "object": fact.object,
        "object_type": fact.object_type, "qualifiers": fact.qualifiers,
        "articles": fact.articles, "outlets": fact.outlets,
        "evidence": [{"text": e.text, "start": e.start, "end": e.end,
                      "confidence": e.confidence, "doc_id": e.source.doc_id,
                      "source": e.source.source, "url": e.source.url,
                      "outlet": e.source.outlet, "published": e.source.published,
                      "title": e.source.title, "retrieved": e.source.retrieved}
                     for e in fact.evidence],
    }


def write_csv(groups: Iterable[Group], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = 0
    for group in groups:
        for fact in group.facts:
            base = fact_dict(fact)
            evs = base.pop("evidence")
            base["qualifiers"] = json.dumps(fact.qualifiers, ensure_ascii=False, sort_keys=True)
            base["outlets"] = "; ".join(fact.outlets)
            for col in QUALIFIER_COLUMNS:
                base[col] = fact.qualifiers.get(col)
            for ev in evs:
                writer.writerow({**base, "evidence_text": ev["text"],
                                 "evidence_start": ev["start"], "evidence_end": ev["end"],
                                 **{k: ev[k] for k in ("confidence", "doc_id", "source", "url",
                                                       "outlet", "published", "title",
                                                       "retrieved")}})
                rows += 1
    return rows


def write_jsonl(groups: Iterable[Group], out: TextIO) -> int:
    n = 0
    for group in groups:
        for fact in group.facts:
            out.write(json.dumps(fact_dict(fact), ensure_ascii=False) + "\n")
            n += 1
    return n
