"""Date normalization: precision kept, relative dates anchored on `published`,
no year invented for undated articles."""

from __future__ import annotations

from datetime import date

import pytest

from newsreel.extract.dates import normalize_date, shift

NOV_22 = date(2023, 11, 22)


@pytest.mark.parametrize("text, expected", [
    ("December 22, 2023", "2023-12-22"),
    ("Thursday, May 15, 2025", "2025-05-15"),
    ("26 February 2005", "2005-02-26"),
    ("May 2006", "2006-05"),
    ("in November 2026", "2026-11"),
    ("2004", "2004"),
    ("late 2002", "2002"),
    ("early 1999", "1999"),
])
def test_explicit_dates_keep_their_precision(text, expected):
    assert normalize_date(text, None) == expected
    assert normalize_date(text, NOV_22) == expected


@pytest.mark.parametrize("text, expected", [
    ("December 22", "2023-12-22"),      # later this year
    ("January 26", "2024-01-26"),       # an upcoming release just after new year
    ("next year", "2024"),
    ("last year", "2022"),
    ("last year's", "2022"),
    ("this year's", "2023"),
    ("next Friday", "2023-11-24"),
    ("January", "2024-01"),
])
def test_relative_dates_anchor_on_published(text, expected):
    assert normalize_date(text, NOV_22, "future") == expected


def test_past_tense_looks_back():
    # "premiered in January", said in March: this year's January
    assert normalize_date("January", date(2025, 3, 12), "past") == "2025-01"
    # "opened in September", said in November
    assert normalize_date("September", date(2026, 11, 4), "past") == "2026-09"
    # "premiered on December 2", said in February: last December
    assert normalize_date("December 2", date(2025, 2, 10), "past") == "2024-12-02"


@pytest.mark.parametrize("text", ["December 22", "next year", "last year's", "January",
                                  "next Friday", "March 6"])
def test_undated_article_gets_no_invented_year(text):
    assert normalize_date(text, None) is None
    assert normalize_date(text, None, "future") is None


@pytest.mark.parametrize("text", ["the 1950s", "this weekend", "three weeks", "2004-2006",
                                  "the day", "one-week", "summer"])
def test_not_a_single_date(text):
    assert normalize_date(text, NOV_22) is None


def test_invalid_day_is_dropped():
    assert normalize_date("February 30, 2024", None) is None


def test_shift_moves_only_day_precise_dates():
    assert shift("2025-05-15", 1) == "2025-05-16"
    assert shift("2025-05", 1) is None


def test_weekdays_follow_the_tense():
    monday = date(2025, 11, 3)
    assert normalize_date("Friday", monday, "future") == "2025-11-07"
    assert normalize_date("on Sunday", monday, "future") == "2025-11-09"
    assert normalize_date("on Sunday", monday, "past") == "2025-11-02"
