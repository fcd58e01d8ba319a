"""One article -> one extraction record (SCHEMA.md): a pure function, no I/O.

`Extractor` holds the loaded spaCy pipeline; `extract(article)` parses one
article, `extract_many(articles)` streams many through `nlp.pipe`."""

from newsreel.extract.pipeline import Extractor, extract_article

__all__ = ["Extractor", "extract_article"]
