"""Across articles: entity resolution, fact merging and the keys behind conflicts."""

from newsreel.resolve.merge import merge_record

__all__ = ["merge_record"]
