"""The award family: nominated_for / award_received with category, for_work, count.

Every sentence here is written for these tests (fictional films and people)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES
from forced_mentions import run
from newsreel.extract.relations import awards

FILMS = {"Harrow Lane": "film", "The Copper Key": "film", "Saltmarsh": "film",
         "Glass Tide": "film", "Winter Orchard": "film", "Kestrel Point": "tv_series"}


PEOPLE = {"Ruth Abara": "person", "Maya Lindqvist": "person", "Dora Vance": "person",
          "Ines Marlow": "person", "Anton Pell": "person", "Lena Okafor": "person",
          "Tomas Reyes": "person"}


def facts(text: str, extra: dict[str, str] | None = None) -> list[tuple]:
    return run(awards.extract, text, {**FILMS, **PEOPLE, **(extra or {})})


def has(found, subject, relation, obj, category=None, **quals) -> bool:
    for s, r, o, q in found:
        if (s, r, o) != (subject, relation, obj):
            continue
        if category is not None and q.get("category") != category:
            continue
        if all(q.get(k) == v for k, v in quals.items()):
            return True
    return False


def test_won_best_actor_for_a_film():
    found = facts("Tomas Reyes won best actor for Harrow Lane at the Golden Globe Awards.")
    assert has(found, "Tomas Reyes", "award_received", "Golden Globe Awards", "best actor",
               for_work="Harrow Lane")


def test_named_best_film_uses_the_article_award():
    found = facts("The Copper Key was the big winner at the 2031 Evening Standard British "
                  "Film Awards. The Copper Key was named best film. Saltmarsh was declared "
                  "best British film.")
    assert has(found, "The Copper Key", "award_received", "Evening Standard British Film Awards",
               "best film")
    assert has(found, "Saltmarsh", "award_received", "Evening Standard British Film Awards",
               "best british film")


def test_took_the_prize_and_its_star():
    found = facts("At the Baftas, Ines Marlow took the best director prize for Glass Tide "
                  "while its star Ruth Abara was best actress.")
    assert has(found, "Ines Marlow", "award_received", "BAFTA Film Awards", "best director",
               for_work="Glass Tide")
    assert has(found, "Ruth Abara", "award_received", "BAFTA Film Awards", "best actress",
               for_work="Glass Tide")


def test_scooped_and_coordinated_categories():
    found = facts("At the Golden Globes, Saltmarsh scooped best screenplay and best comedy.")
    assert has(found, "Saltmarsh", "award_received", "Golden Globe Awards", "best screenplay")
    assert has(found, "Saltmarsh", "award_received", "Golden Globe Awards", "best comedy")


def test_joint_category_is_not_split():
    found = facts("At the Baftas, Glass Tide also collected best make-up and hair and "
                  "production design.")
    assert has(found, "Glass Tide", "award_received", "BAFTA Film Awards",
               "best make-up and hair")
    assert has(found, "Glass Tide", "award_received", "BAFTA Film Awards",
               "best production design")


def test_award_went_to():
    found = facts("Anton Pell was nominated for best supporting actor for Saltmarsh at the "
                  "Golden Globes, but the award went to Lena Okafor for Harrow Lane.")
    assert has(found, "Anton Pell", "nominated_for", "Golden Globe Awards",
               "best supporting actor", for_work="Saltmarsh")
    assert has(found, "Lena Okafor", "award_received", "Golden Globe Awards",
               "best supporting actor", for_work="Harrow Lane")


def test_beat_rivals_to_the_title():
    found = facts("At the Emmys, Kestrel Point beat Winter Orchard to the best drama "
                  "series title.")
    assert has(found, "Kestrel Point", "award_received", "Emmy Awards", "best drama series")
    assert has(found, "Winter Orchard", "nominated_for", "Emmy Awards", "best drama series")


def test_received_n_nominations_is_a_count():
    found = facts("Harrow Lane received five nominations at this year's British Independent "
                  "Film Awards.")
    assert has(found, "Harrow Lane", "nominated_for", "British Independent Film Awards",
               count=5)
    assert all(q.get("category") is None for _, _, _, q in found)


def test_leads_the_field_with_n_nods():
    found = facts("The Copper Key leads the nominations for the Gotham Awards with 13.")
    assert has(found, "The Copper Key", "nominated_for", "Gotham Independent Film Awards",
               count=13)


def test_up_for_awards():
    found = facts("Glass Tide is up for six Independent Spirit Awards.")
    assert has(found, "Glass Tide", "nominated_for", "Independent Spirit Awards", count=6)


def test_category_nomination_noun_for_a_role():
    found = facts("At the British Independent Film Awards, Maya Lindqvist earned a best "
                  "actress nomination for her role in Saltmarsh.")
    assert has(found, "Maya Lindqvist", "nominated_for", "British Independent Film Awards",
               "best actress", for_work="Saltmarsh")


def test_nominated_for_best_director():
    found = facts("Ines Marlow was nominated for best director at the Golden Globes.")
    assert has(found, "Ines Marlow", "nominated_for", "Golden Globe Awards", "best director")


def test_in_the_running_names_every_film():
    found = facts("At the British Independent Film Awards, joining Harrow Lane in the "
                  "running for best film are Saltmarsh and Glass Tide.")
    for film in ("Harrow Lane", "Saltmarsh", "Glass Tide"):
        assert has(found, film, "nominated_for", "British Independent Film Awards", "best film")


def test_nominee_list_with_films_in_brackets():
    found = facts("Ruth Abara is nominated for best actress for Glass Tide at the Gotham "
                  "Awards. Fellow nominees include Maya Lindqvist (Saltmarsh) and Dora "
                  "Vance (Harrow Lane).", PEOPLE)
    assert has(found, "Maya Lindqvist", "nominated_for", "Gotham Independent Film Awards",
               "best actress", for_work="Saltmarsh")
    assert has(found, "Dora Vance", "nominated_for", "Gotham Independent Film Awards",
               "best actress", for_work="Harrow Lane")


def test_nominees_listed_one_per_line():
    found = facts("The Gotham Awards were announced on Monday.\n"
                  "The nominees for best feature are:\n- Harrow Lane\n- Saltmarsh\n"
                  "- Nine Lamps for Ada\nVoting closes next week.")
    for film in ("Harrow Lane", "Saltmarsh", "Nine Lamps for Ada"):
        assert has(found, film, "nominated_for", "Gotham Independent Film Awards",
                   "best feature")


def test_oscar_compounds():
    found = facts("The Oscar-winning director Ines Marlow returns, with Oscar nominee Anton "
                  "Pell in the lead.")
    assert has(found, "Ines Marlow", "award_received", "Academy Awards")
    assert has(found, "Anton Pell", "nominated_for", "Academy Awards")


def test_oscar_hopefuls_are_not_nominees():
    found = facts("Oscar hopefuls Harrow Lane and Saltmarsh both did well at the box office.")
    assert not [f for f in found if f[2] == "Academy Awards"]


def test_unknown_ceremony_from_its_name():
    found = facts("Glass Tide was named best film at the Meridian Film Awards on Sunday.")
    assert has(found, "Glass Tide", "award_received", "Meridian Film Awards", "best film")


@pytest.mark.parametrize("text", [
    "Ines Marlow is tipped to win best director at the Golden Globes.",
    "Bookmakers offer odds of 3-1 on Ines Marlow winning best director at the Golden Globes.",
    "Ines Marlow could win best director at the Golden Globes.",
    "Will Ines Marlow win best director at the Golden Globes?",
    "Ines Marlow did not win best director at the Golden Globes.",
    "Ines Marlow missed out on a nomination for best director at the Golden Globes.",
    "Ines Marlow was snubbed for best director at the Golden Globes.",
])
def test_filters(text):
    found = facts(text)
    assert not [f for f in found if f[0] == "Ines Marlow"], found


def test_winner_is_not_made_a_nominee():
    found = facts("Tomas Reyes won best actor for Harrow Lane at the Golden Globe Awards.")
    assert not [f for f in found if f[1] == "nominated_for"]


def test_awards_night_example(extractor):
    from newsreel.sources import read_inputs

    article = next(iter(read_inputs([str(EXAMPLES / "awards-night.txt")])))
    record = extractor.extract(article)
    got = {(f.subject, f.relation, f.object, f.qualifiers.get("category"))
           for f in record.facts if f.relation in ("award_received", "nominated_for")}
    assert ("Casimir Dallow", "award_received", "Meridian Film Awards",
            "best supporting actor") in got
    assert ("Mara Quill", "award_received", "Meridian Film Awards", "best actress") in got
    assert ("Lise Vondrakova", "nominated_for", "Meridian Film Awards", "best director") in got
    assert not any(o == "Continental Screen Awards" for _, _, o, _ in got)


def test_favourite_to_take_is_a_bet():
    found = facts("Tomas Reyes is second favourite with bookmakers to take the best actor "
                  "award at the Golden Globes for Harrow Lane.")
    assert not found


def test_a_year_is_not_a_count():
    found = facts("Glass Tide previously won the 2003 Golden Globe for best drama.")
    assert all(q.get("count") is None for _, _, _, q in found)


def test_awarded_a_named_prize():
    found = facts("Harrow Lane, which was awarded the Palme d'Or at Cannes, opens in May.")
    assert has(found, "Harrow Lane", "award_received", "Palme d'Or")


def test_the_body_that_names_the_winner_is_the_award():
    found = facts("The Golden Globe Awards were held on Sunday. The Chicago Film Critics "
                  "Association named Tomas Reyes best actor.",
                  {"Chicago Film Critics Association": "organization"})
    assert has(found, "Tomas Reyes", "award_received", "Chicago Film Critics Association",
               "best actor")


def test_up_against_rivals_in_a_category():
    found = facts("At the Baftas, Ruth Abara is up against Maya Lindqvist and Dora Vance in "
                  "the best supporting actress category.")
    for person in ("Ruth Abara", "Maya Lindqvist", "Dora Vance"):
        assert has(found, person, "nominated_for", "BAFTA Film Awards", "best supporting actress")


def test_films_do_not_win_acting_prizes():
    found = facts("At the Golden Globes, critics named Harrow Lane winner in five categories "
                  "including best film and best actor.")
    assert not [f for f in found if f[0] == "Harrow Lane" and f[3].get("category") ==
                "best actor"]


def test_festival_prize_names_the_festival():
    found = facts("Glass Tide won the audience award at the Sundance Film Festival.")
    assert has(found, "Glass Tide", "award_received", "Sundance Film Festival", "audience award")


@pytest.mark.parametrize(("text", "subject", "relation", "category", "count"), [
    ("Harrow Lane has been nominated for 10 Oscars.", "Harrow Lane", "nominated_for", None, 10),
    ("Harrow Lane leads the Bafta nominations with 11 nods.", "Harrow Lane", "nominated_for",
     None, 11),
    ("At the Oscars, Tomas Reyes and Anton Pell are among the nominees for best actor.",
     "Anton Pell", "nominated_for", "best actor", None),
    ("Ruth Abara was honoured with a lifetime achievement award at the Baftas.", "Ruth Abara",
     "award_received", "lifetime achievement award", None),
    ("Harrow Lane swept the Golden Globes, winning best director for Ines Marlow.",
     "Ines Marlow", "award_received", "best director", None),
])
def test_more_phrasings(text, subject, relation, category, count):
    found = facts(text)
    assert any(s == subject and r == relation and q.get("category") == category and
               q.get("count") == count for s, r, _, q in found), found


def test_hoping_to_win_is_no_win():
    assert not facts("Ruth Abara is hoping to win best actress at the Oscars.")


@pytest.mark.parametrize("text", ["", "Best", "Awards", "Oscar-", "X won the", "Best actress:",
                                  "The nominees for best film are:\n- \n- A", "won best"])
def test_fragments_do_not_break_the_families(text):
    from newsreel.extract.relations import works

    assert isinstance(facts(text), list)
    assert isinstance(run(works.extract, text, FILMS), list)


def test_count_with_one_of_its_categories():
    found = facts("Harrow Lane received 13 Oscar nominations, including best picture.")
    assert has(found, "Harrow Lane", "nominated_for", "Academy Awards", "best picture")
    assert has(found, "Harrow Lane", "nominated_for", "Academy Awards", count=13)


def test_count_inside_one_category_is_one_fact():
    found = facts("At the Baftas, Ruth Abara went home empty-handed despite two nominations "
                  "for best actress.")
    assert found == [("Ruth Abara", "nominated_for", "BAFTA Film Awards",
                      {"category": "best actress", "count": 2})]


def test_in_contention_and_its_hedge():
    found = facts("At the Oscars, Harrow Lane and Glass Tide are in contention for best picture.")
    assert has(found, "Glass Tide", "nominated_for", "Academy Awards", "best picture")
    assert not facts("Harrow Lane is tipped to be in the race for best picture at the Oscars.")


def test_nod_for_a_work():
    found = facts("Ruth Abara, who earned an Oscar nod for Harrow Lane, joins the cast.")
    assert has(found, "Ruth Abara", "nominated_for", "Academy Awards", for_work="Harrow Lane")
