"""The works family: genre, based_on, author, narrative_location.

Every sentence here is written for these tests (fictional films, books, people)."""

from __future__ import annotations

import pytest

from forced_mentions import run
from newsreel.extract.relations import works

NAMES = {"Harrow Lane": "film", "The Copper Key": "film", "Saltmarsh": "film",
         "Glass Tide": "film", "Kestrel Point": "tv_series", "The Orchard Keepers": "work",
         "Lanterns at Dusk": "work", "Maya Lindqvist": "person", "Dora Vance": "person",
         "Ines Marlow": "person"}


def facts(text: str) -> set[tuple[str, str, str]]:
    return {(s, r, o) for s, r, o, _ in run(works.extract, text, NAMES)}


@pytest.mark.parametrize(("text", "genre"), [
    ("Critics loved the stalker drama Harrow Lane.", "stalker drama"),
    ("The zombie comedy Harrow Lane opens on Friday.", "zombie comedy"),
    ("Audiences flocked to last year's heist thriller Harrow Lane.", "heist thriller"),
    ("Quirky comedy Harrow Lane was the surprise of the year.", "comedy"),
    ("Controversial biopic Harrow Lane divided critics.", "biopic"),
    ("The upcoming drama Harrow Lane opens in May.", "drama"),
    ("Also nominated is high school comedy Harrow Lane.", "high school comedy"),
    ("Harrow Lane is a romantic drama film directed by Ines Marlow.", "romantic drama"),
    ("She starred in Harrow Lane, last year's intense drama about a ferry crew.", "drama"),
    ("The Nordic noir series Kestrel Point returns in May.", "nordic noir"),
    ("Harrow Lane, a wine-tasting comedy starring Dora Vance, opens today.",
     "wine-tasting comedy"),
    ("Ines Marlow's award-winning abortion drama Harrow Lane has scooped seven awards.",
     "abortion drama"),
    ("The body-horror film Harrow Lane premieres in Venice.", "body-horror"),
])
def test_genre_from_the_noun_phrase(text, genre):
    assert ("Harrow Lane" if "Kestrel" not in text else "Kestrel Point", "genre", genre) in \
        facts(text)


def test_genre_from_a_definite_description_of_the_last_title():
    found = facts("Harrow Lane took $9m in its third weekend. The sci-fi thriller opens in "
                  "Japan next month.")
    assert ("Harrow Lane", "genre", "sci-fi thriller") in found


@pytest.mark.parametrize("text", [
    "Harrow Lane is the new film from Ines Marlow.",
    "The hit film Harrow Lane made $20m.",
    "The series Kestrel Point returns in May.",
])
def test_no_genre_from_plain_film_nouns(text):
    assert not [f for f in facts(text) if f[1] == "genre"]


def test_adaptation_of_a_novel_with_author_and_year():
    found = facts("Ines Marlow will direct Harrow Lane, an adaptation of Maya Lindqvist's "
                  "2022 novel The Orchard Keepers.")
    assert ("Harrow Lane", "based_on", "The Orchard Keepers") in found
    assert ("The Orchard Keepers", "author", "Maya Lindqvist") in found
    assert ("The Orchard Keepers", "release_date", "2022") in found


def test_adaptation_of_an_untitled_novel_shares_the_film_title():
    found = facts("Dora Vance will star in Harrow Lane, an adaptation of the best-selling "
                  "novel by Maya Lindqvist.")
    assert ("Harrow Lane", "based_on", "Harrow Lane") in found
    assert ("Harrow Lane", "author", "Maya Lindqvist") in found


def test_directed_from_a_novel():
    found = facts("Saltmarsh, which Ines Marlow directed from Maya Lindqvist's novel "
                  "Lanterns at Dusk, opens the festival.")
    assert ("Saltmarsh", "based_on", "Lanterns at Dusk") in found
    assert ("Lanterns at Dusk", "author", "Maya Lindqvist") in found


def test_possessive_book_gives_an_author_only():
    found = facts("The hero also appeared in Maya Lindqvist's first book Lanterns at Dusk.")
    assert ("Lanterns at Dusk", "author", "Maya Lindqvist") in found
    assert not [f for f in found if f[1] == "based_on"]


def test_work_author_apposition():
    found = facts("Lanterns at Dusk author Maya Lindqvist will write the screenplay.")
    assert ("Lanterns at Dusk", "author", "Maya Lindqvist") in found


@pytest.mark.parametrize(("text", "place"), [
    ("The period drama Harrow Lane, set in 1950s Sicily, stars Dora Vance.", "Sicily"),
    ("Harrow Lane is set in Paris during the war.", "Paris"),
    ("Harrow Lane moves the action to Helsinki for its final act.", "Helsinki"),
    ("Cameras roll next month, with Nova Scotia standing in for the story's Maine setting "
     "of Harrow Lane.", "Maine"),
])
def test_narrative_location(text, place):
    assert ("Harrow Lane", "narrative_location", place) in facts(text)


def test_filming_location_is_not_the_setting():
    found = facts("Harrow Lane was shot in Tollesbury over six weeks.")
    assert not [f for f in found if f[1] == "narrative_location"]


def test_hyphenated_genre_is_one_genre():
    found = facts("Harrow Lane, the comedy-drama from Ines Marlow, came second.")
    assert ("Harrow Lane", "genre", "comedy-drama") in found
    assert ("Harrow Lane", "genre", "comedy") not in found


def test_the_fuller_genre_wins():
    found = facts("Harrow Lane is a psychological thriller. The thriller opens in May.")
    assert ("Harrow Lane", "genre", "psychological thriller") in found
    assert ("Harrow Lane", "genre", "thriller") not in found


def test_the_film_is_based_on_the_last_title():
    found = facts("Saltmarsh made $2m. Dora Vance will star in Harrow Lane. The film is "
                  "based on the novel by Maya Lindqvist.")
    assert ("Harrow Lane", "based_on", "Harrow Lane") in found
    assert ("Harrow Lane", "author", "Maya Lindqvist") in found


def test_genre_phrases_around_other_nouns():
    assert ("Harrow Lane", "genre", "science fiction") in facts(
        "Harrow Lane is a 2019 American science fiction film directed by Ines Marlow.")
    assert not [f for f in facts("The drama teacher Dora Vance joined the cast of Harrow "
                                 "Lane.") if f[1] == "genre"]


def test_later_descriptions_do_not_add_genres():
    found = facts("Harrow Lane took $21m, triple the horror film's budget. Ines Marlow "
                  "directed the chiller.")
    genres = {o for s, r, o in found if r == "genre" and s == "Harrow Lane"}
    assert genres == {"horror"}


def test_a_named_genre_beats_a_description():
    found = facts("The zombie comedy Harrow Lane opened well. The caper made $9m.")
    assert {o for s, r, o in found if r == "genre"} == {"zombie comedy"}
