"""Encyclopedia-style articles: a profile of a person with their credits, a work's
own article (alternate titles, "the episode"), and credit lists, on sentences
written for these tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newsreel.model import Article
from test_entities_crew_cast import facts, names


def profile(extractor, body: str, title: str):
    return facts(extractor, body, published=None, title=title)


# -- who a profile is about ----------------------------------------------------

def test_a_profile_subject_owns_pronouns_and_surname(extractor):
    got, record = profile(extractor, (
        "Mara Quell (born 3 May 1980) is a Welsh actress and writer. Her sister, Ada Quell, "
        "is a painter. She appeared in the thriller Nightjar as Ida. Quell starred in "
        "Bramble Lane."), "Mara Quell")
    assert ("Nightjar", "cast_member", "Mara Quell", "Ida") in got
    assert ("Bramble Lane", "cast_member", "Mara Quell", None) in got
    assert not any(f[2] == "Ada Quell" for f in got)


def test_a_film_director_profile_is_a_person_not_a_film(extractor):
    got, record = profile(extractor, (
        "Ravi Anand (; 2 May 1950 – 4 June 2016) was an Indian film director and producer. "
        "Anand won acclaim for directing Salt Meadow (1987), Glass River (1990) – which was "
        "shown at Cannes – and The Long Monsoon (1999)."), "Ravi Anand")
    assert "Ravi Anand" in names(record, "person")
    assert "Ravi Anand" not in names(record, "film")
    for film in ("Salt Meadow", "Glass River", "The Long Monsoon"):
        assert (film, "director", "Ravi Anand", None) in got


def test_a_nationality_is_no_person(extractor):
    got, record = profile(extractor, (
        "Tess Moran (born 1990) is a South Korean actress who is known for her roles in "
        "Blue Kite (2005) and The Fox Hollow (2006). The Korean press praised her."),
        "Tess Moran")
    assert "South Korean" not in names(record, "person")
    assert ("Blue Kite", "cast_member", "Tess Moran", None) in got
    assert ("The Fox Hollow", "cast_member", "Tess Moran", None) in got


# -- a work's own article ------------------------------------------------------

def test_alternate_titles_in_a_lead_name_the_same_work(extractor):
    got, record = profile(extractor, (
        "Kettle Moon (The Iron Kettle) is a 1931 Danish silent film directed by Ole Brandt. "
        "The Iron Kettle was restored in 2010."), "Kettle Moon")
    assert ("Kettle Moon", "release_date", "1931", None) in got
    assert ("Kettle Moon", "director", "Ole Brandt", None) in got
    assert "The Iron Kettle" not in names(record, "film")
    kettle = next(e for e in record.entities if e.name == "Kettle Moon")
    assert "The Iron Kettle" in kettle.aliases


def test_an_apposition_between_a_lead_and_its_verb(extractor):
    got, _ = profile(extractor, (
        "Notte di vetro, released in the UK as Glass Night (after a poem), is a 1968 Italian "
        "drama film directed by Aldo Verri."), "Notte di vetro")
    assert ("Notte di vetro", "director", "Aldo Verri", None) in got
    assert ("Notte di vetro", "release_date", "1968", None) in got


def test_the_episode_is_the_episode_the_article_is_about(extractor):
    got, _ = profile(extractor, (
        '" Lantern Night " is the fourth episode of the second season of the comedy series '
        "Hollow Street. It aired on March 3, 2014. The episode was written by Sarah Miller and "
        "directed by Joel Amari."), "Lantern Night")
    assert ("Lantern Night", "screenwriter", "Sarah Miller", None) in got
    assert ("Lantern Night", "director", "Joel Amari", None) in got
    assert not any(f[0] == "Hollow Street" and f[1] in ("director", "screenwriter")
                   for f in got)
    # each verb keeps its own agent
    assert ("Lantern Night", "director", "Sarah Miller", None) not in got


def test_a_song_has_no_screenwriter(extractor):
    got, _ = profile(extractor, (
        '" Paper Sun " is a song by English singer Lia Roe. The song was written by Roe and '
        "Tom Vick and produced by Tom Vick."), "Paper Sun")
    assert not any(f[1] == "screenwriter" for f in got)
    assert ("Paper Sun", "producer", "Tom Vick", None) in got


# -- credit lists ----------------------------------------------------------------

@pytest.mark.parametrize("sentence,expected", [
    ("Her other television credits include Fieldwork and The Parish.",
     {("Fieldwork", None), ("The Parish", None)}),
    ("She is known for roles including Merle Jackson in Coronation Row, Mandy Cutler in "
     "Paradise Rise and Mand in Grease Alley.",
     {("Coronation Row", "Merle Jackson"), ("Paradise Rise", "Mandy Cutler")}),
    ("Quell played Dr Rowan Hale in Tide Hospital and Jen Marsh in Holloway Rise.",
     {("Tide Hospital", "Dr Rowan Hale"), ("Holloway Rise", "Jen Marsh")}),
    ("She is often known for playing loveable characters such as nurse Sarah in Death "
     "Knocks Twice.", {("Death Knocks Twice", "Sarah")}),
    ("She also starred in Bramble Lane, Copper Sky and Fenwick Hall.",
     {("Bramble Lane", None), ("Copper Sky", None), ("Fenwick Hall", None)}),
    ("Quell made her acting debut in Cycle Path (2008).", {("Cycle Path", None)}),
])
def test_profile_credit_lists(extractor, sentence, expected):
    got, _ = profile(extractor, "Mara Quell (born 3 May 1980) is a Welsh actress. " + sentence,
                     "Mara Quell")
    cast = {(f[0], f[3]) for f in got if f[1] == "cast_member" and f[2] == "Mara Quell"}
    assert expected <= cast, cast
    assert not any(f[1] == "director" for f in got)  # an acting debut is no director's


def test_writing_credits_are_screenwriter_credits(extractor):
    got, _ = profile(extractor, "Mara Quell (born 1980) is a Welsh writer. Her writing credits "
                                "include Long Acre.", "Mara Quell")
    assert ("Long Acre", "screenwriter", "Mara Quell", None) in got


def test_directorial_venture_and_debut(extractor):
    got, _ = profile(extractor, (
        "Ravi Anand (born 1950) is an Indian film director. His directorial debut was in 2001 "
        "with Blue Garden. Anand's second directorial venture Iron Tide (2006) was a hit."),
        "Ravi Anand")
    assert ("Blue Garden", "director", "Ravi Anand", None) in got
    assert ("Iron Tide", "director", "Ravi Anand", None) in got


def test_cast_list_with_names_the_model_missed(extractor):
    got, _ = facts(extractor, "The drama Cold Harbour was directed by Tom Hale and starred "
                              "Mara Quell as Ada, Tobin Vance as Marcus, and Lior Benet as "
                              "Captain Reyes.")
    cast = {(f[2], f[3]) for f in got if f[0] == "Cold Harbour" and f[1] == "cast_member"}
    assert ("Tobin Vance", "Marcus") in cast
    assert ("Lior Benet", "Captain Reyes") in cast


@pytest.mark.parametrize("text,fact", [
    ("Tropic Line is a 1970 drama film. It was adapted to screen by Gerald Dunne.",
     ("Tropic Line", "screenwriter", "Gerald Dunne", None)),
    ("He sang the theme in the Zhao Lin film Coming Back.",
     ("Coming Back", "director", "Zhao Lin", None)),
    ("Tropic Line is a 1970 drama film. The music was composed by Vikram Rao.",
     ("Tropic Line", "composer", "Vikram Rao", None)),
    ("Wren Hill is a 2015 drama film. The film features twin brothers Joel Hart and Dan Hart.",
     ("Wren Hill", "cast_member", "Dan Hart", None)),
    ("Porter was paired with Alma Reyes and Vera Hudson in the 2009 film Bandstand.",
     ("Bandstand", "cast_member", "Vera Hudson", None)),
    ("He also wrote and directed the film Dough Kings, released in 2008.",
     ("Dough Kings", "release_date", "2008", None)),
    ("The thriller The Quiet Ward featured the ensemble cast of Tom Vell, Ana Ruiz and Bo "
     "Lind.",
     ("The Quiet Ward", "cast_member", "Ana Ruiz", None)),
])
def test_credit_phrasings(extractor, text, fact):
    got, _ = facts(extractor, text, published=None)
    assert fact in got, got


def test_a_film_noun_in_a_person_profile_is_not_the_lead(extractor):
    _, record = profile(extractor, "Ana Ruiz is an American film director and writer. Her "
                                   "first film, Flux Lines, was released in 1996.", "Ana Ruiz")
    assert "Ana Ruiz" in names(record, "person")


# -- the same output in every run ------------------------------------------------

def test_extraction_does_not_depend_on_the_hash_seed(tmp_path):
    """Iterating a set of tokens or roles once made a fact appear in some runs only."""
    article = tmp_path / "a.txt"
    article.write_text(
        "Ravi Anand\n\nRavi Anand (born 1985) is an Indian actor, director and producer. "
        "Anand established the production house named Lotus Arts and produced its debut "
        "film Aanand in 2017. He wrote, directed and produced Paper Kites, which featured "
        "Tom Vell and Ana Ruiz.\n", encoding="utf-8")
    outputs = set()
    for seed in ("1", "4", "6", "11"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-m", "newsreel", "extract", "--format", "jsonl",
                              str(article)], capture_output=True, text=True, env=env,
                             check=True).stdout
        record = json.loads(out)
        outputs.add(json.dumps(record["facts"], sort_keys=True))
    assert len(outputs) == 1
    assert any(f["relation"] == "producer" for f in json.loads(outputs.pop()))


def test_articles_are_not_mistaken_for_profiles(extractor):
    record = extractor.extract(Article(
        body="Tom Vell is an actor whose new film, Glass Dogs, opens on Friday.",
        source="t.txt", published="2025-03-01", title="Vell returns in Glass Dogs"))
    assert "Tom Vell" in names(record, "person")


def test_one_word_names_inside_a_cast_list(extractor):
    got, _ = profile(extractor, (
        "Harbour Lights is a Mexican telenovela produced by Ana Ruiz. The series is a remake "
        "of Los Faros. The main protagonists are Thalía and Fernando Colunga. The cast "
        "included Mane Pahelwan, Ganpat G. Shinde, Sakribai and Shankarrao Bhosle."),
        "Harbour Lights")
    cast = {f[2] for f in got if f[0] == "Harbour Lights" and f[1] == "cast_member"}
    assert {"Thalía", "Fernando Colunga", "Sakribai", "Shankarrao Bhosle"} <= cast
    assert not any(f[0] == "Los Faros" and f[1] == "cast_member" for f in got)


def test_an_instrument_is_no_role(extractor):
    got, _ = profile(extractor, (
        "Salt Hours is a 1996 album by Tom Gale. Ana Ruiz plays fretless bass on the album."),
        "Salt Hours")
    assert not any(f[1] == "cast_member" for f in got)


def test_film_makers_named_in_a_list_or_by_an_award_own_their_possessive_films(extractor):
    got, _ = facts(extractor, (
        "Seasoned film-makers Tom Vell, Ana Ruiz and Bo Lind are in the running. Ana Ruiz's "
        "abortion drama Glass Dogs leads the field."))
    assert ("Glass Dogs", "director", "Ana Ruiz", None) in got
    got, _ = facts(extractor, (
        "Mara Quell's coastal drama Low Tide leads the nominations for this year's British "
        "Independent Film Awards. Mara Quell is nominated for best director."))
    assert ("Low Tide", "director", "Mara Quell", None) in got


def test_an_award_for_a_role_finds_its_work_after_for(extractor):
    got, record = facts(extractor, "The comedy Being Maud opened in May. Ana Ruiz won best "
                                   "actress in a musical/comedy for Being Maud at the Golden "
                                   "Globe Awards.")
    assert ("Being Maud", "cast_member", "Ana Ruiz", None) in got
    award = next(f for f in record.facts if f.relation == "award_received")
    assert award.qualifiers.get("for_work") == "Being Maud"


def test_an_actress_film_debut_is_a_cast_credit(extractor):
    got, _ = profile(extractor, "Ana Ruiz (born 1955) is an Italian actress. She made her film "
                                "debut in 1979 in the thriller Gardenia.", "Ana Ruiz")
    assert ("Gardenia", "cast_member", "Ana Ruiz", None) in got
    got, _ = profile(extractor, "Ana Ruiz (born 1955) is an Italian singer. She made her film "
                                "debut in 1979 in the thriller Gardenia.", "Ana Ruiz")
    assert not any(f[1] in ("cast_member", "director") for f in got)


def test_the_film_maker_before_a_genre_and_film_noun(extractor):
    got, _ = facts(extractor, "She later starred in the more ambitious Tom Vell drama film "
                              "Harbour Lights.", published=None)
    assert ("Harbour Lights", "director", "Tom Vell", None) in got
