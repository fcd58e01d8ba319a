"""The per-document token caches of extract/context.py agree with spaCy's own
Token attributes (they replace per-token passes, so they must not differ)."""

from __future__ import annotations

import pytest

from newsreel.extract.context import doc_ents, token_hashes, token_texts

TEXT = ("Ruth Abara won the Meridian Film Award for Harrow Lane. The film was released "
        "in Britain on 3 May, and it wins praise; “I never expected awards,” she said. "
        "Awards season begins: the AWARD goes to Saltmarsh Pictures.")


@pytest.fixture(scope="module")
def doc(extractor):
    return extractor.nlp(TEXT)


def test_token_texts_are_the_token_texts(doc):
    assert token_texts(doc) == [t.text for t in doc]


@pytest.mark.parametrize("words", [{"award", "awards"}, {"win", "release"}, {"the"},
                                   {"nothing-here"}, {"“", ",", ":"}])
def test_find_matches_a_scan_of_lower_case_forms_and_lemmas(doc, words):
    expected = [t.i for t in doc if t.lower_ in words or t.lemma_ in words]
    assert token_hashes(doc).find(words) == expected
    assert token_hashes(doc).find(frozenset(words), attrs=("lower",)) == [
        t.i for t in doc if t.lower_ in words]


def test_find_exact_matches_the_text_only(doc):
    table = token_hashes(doc)
    assert table.find({"Awards", "AWARD"}, exact=True) == [
        t.i for t in doc if t.text in ("Awards", "AWARD")]
    assert table.find({"award"}, exact=True) == []  # no token is spelled "award"
    assert len(table.find({"award"})) >= 3  # but three are "award" in lower case


def test_doc_ents_are_built_once(doc):
    first = doc_ents(doc)
    assert [(e.start, e.end, e.label_) for e in first] == [
        (e.start, e.end, e.label_) for e in doc.ents]
    assert doc_ents(doc) is first


def test_empty_doc(extractor):
    empty = extractor.nlp("")
    assert token_hashes(empty).find({"award"}) == []
    assert token_texts(empty) == []
