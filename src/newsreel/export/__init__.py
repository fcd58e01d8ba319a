"""Exports of the store's facts with their evidence: JSON-LD (schema.org),
Turtle (Wikidata statement model), QuickStatements V1, CSV and JSON Lines.

All of them stream the store through `walker.walk` (pages of facts, one
subject at a time), so memory stays flat on large stores."""

from newsreel.export.walker import Selection, walk

FORMATS = ("jsonld", "turtle", "quickstatements", "csv", "jsonl")

__all__ = ["FORMATS", "Selection", "walk"]
