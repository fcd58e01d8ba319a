"""Quotes: quote marks, split and paragraph-spanning quotes, speakers
(names, pronouns, descriptions, organizations), outlets and interviewers,
and what is not a quote (scare quotes, quoted titles).

Every sentence here is written for these tests; the people, films and
outlets (apart from real outlet names in the gazetteer) are made up."""

from __future__ import annotations

import pytest

from newsreel.extract.pipeline import Extractor
from newsreel.extract.relations import cast, crew, quotes
from newsreel.extract.relations.quote_marks import scan
from newsreel.model import Article, Quote
from newsreel.names import name_key


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor(families=[crew.extract, cast.extract, quotes.extract])


def run(ex: Extractor, body: str) -> tuple[str, list[Quote]]:
    article = Article(body=body, source="test.txt")
    record = ex.extract(article)
    for q in record.quotes:  # the span always covers the spoken words
        for part in q.text.split(" ")[:3]:
            assert part.strip(",") in article.body[q.start:q.end]
    return article.body, record.quotes


def only(quotes_: list[Quote]) -> Quote:
    assert len(quotes_) == 1, [q.text for q in quotes_]
    return quotes_[0]


def find(quotes_: list[Quote], start_of_text: str) -> Quote:
    for q in quotes_:
        if name_key(q.text).startswith(name_key(start_of_text)):
            return q
    raise AssertionError(f"no quote starting {start_of_text!r}: {[q.text for q in quotes_]}")


# -- quote marks ---------------------------------------------------------------

def test_scan_pairs_curly_and_straight_marks():
    text = "He said \u201cthe first one is here\u201d and then \"the second one came too\"."
    spans = scan(text)
    assert [text[s.start:s.end] for s in spans] == ["the first one is here",
                                                    "the second one came too"]
    assert all(s.closed for s in spans)


def test_scan_apostrophes_are_not_quote_marks():
    text = "The director's cut isn't the studio's, and the actors' union agreed."
    assert scan(text) == []


def test_scan_opener_inside_open_quote_starts_a_new_quote():
    text = 'She said: "We never planned a sequel at all. "Then the phone rang one day."'
    spans = scan(text)
    assert [text[s.start:s.end] for s in spans] == [
        "We never planned a sequel at all.", "Then the phone rang one day."]
    assert not spans[0].closed and spans[1].closed


def test_scan_quote_left_open_at_paragraph_end():
    text = '"It took us nine years to finish the script.\n\n"Then it took one week to sell."'
    spans = scan(text)
    assert len(spans) == 2
    assert spans[0].unclosed_at_paragraph_end and spans[1].para_start


# -- quotes and speakers ---------------------------------------------------------

def test_curly_quote_with_name_after(ex):
    body = ("Petra Holmqvist has finished her third feature. "
            "\u201cI wanted every scene to feel like a held breath,\u201d Holmqvist said.")
    _, qs = run(ex, body)
    q = only(qs)
    assert q.speaker == "Petra Holmqvist"
    assert q.text == "I wanted every scene to feel like a held breath"


def test_straight_quote_with_said_before_name(ex):
    body = ('The studio was delighted. "This is the best opening weekend we have had in '
            'years," said distribution chief Oren Castellane.')
    _, qs = run(ex, body)
    assert only(qs).speaker == "Oren Castellane"


def test_split_quote_is_one_quote_with_the_attribution_inside_its_span(ex):
    body = ('Teodor Malm plays the lighthouse keeper. "The sea was the hardest co-star I '
            'have had," Malm said. "It never once hit its mark."')
    text, qs = run(ex, body)
    q = only(qs)
    assert q.text == ("The sea was the hardest co-star I have had "
                      "It never once hit its mark.")
    assert q.speaker == "Teodor Malm"
    assert text[q.start] == '"' and text[q.end - 1] == '"'
    assert "Malm said" in text[q.start:q.end]


def test_paragraph_spanning_quote_keeps_its_speaker(ex):
    body = ('Director Anneliese Korda spoke about the long shoot.\n\n'
            '"We filmed through two winters and one terrible spring," Korda said. '
            '"Nobody quit.\n\n'
            '"By the end the crew knew the mountain better than the guides did."\n\n'
            'The film opens in May.')
    _, qs = run(ex, body)
    assert len(qs) == 2
    assert all(q.speaker == "Anneliese Korda" for q in qs)
    assert find(qs, "By the end the crew").text.endswith("guides did.")


def test_quote_in_its_own_paragraph_after_telling_outlet(ex):
    body = ('Rufus Achterberg was candid about the role, telling Variety:\n\n'
            '"I said yes before I had read the last page of the script."')
    _, qs = run(ex, body)
    q = only(qs)
    assert q.speaker == "Rufus Achterberg"
    assert q.outlet == "Variety"


def test_said_colon_then_quote(ex):
    body = ('Festival director Malin Oyelowo-Park said: "We had more submissions this year '
            'than in the last three combined."')
    _, qs = run(ex, body)
    assert only(qs).speaker == "Malin Oyelowo-Park"


def test_pronoun_speaker_is_the_person_the_text_is_about(ex):
    body = ('Greta Vasquez-Holm joined the cast alongside Desmond Okafor. '
            'She plays a ferry pilot in the drama Low Harbour. '
            '"I learned to dock a boat in a week and I still dream about it," she said.')
    _, qs = run(ex, body)
    assert only(qs).speaker == "Greta Vasquez-Holm"


def test_pronoun_gender_skips_the_wrong_person(ex):
    body = ('Actress Lena Morrow presented the award to Tomas Brandvik. '
            'He thanked his mother from the stage. '
            '"She drove me to every audition for ten years," he said.')
    _, qs = run(ex, body)
    assert only(qs).speaker == "Tomas Brandvik"


def test_description_speaker_the_director(ex):
    body = ('The Salt Road, directed by Ilse Varga, stars Jonah Pettersen as a smuggler. '
            'Pettersen spent a month at sea to prepare. '
            '"I wanted the audience to smell the diesel," the director said.')
    _, qs = run(ex, body)
    assert only(qs).speaker == "Ilse Varga"


def test_description_speaker_by_age(ex):
    body = ('Veteran star Harold Quennell, 74, returns in the sequel with Amy Strand. '
            'Strand, 29, plays his granddaughter. '
            '"I never thought I would put the hat on again," the 74-year-old said.')
    _, qs = run(ex, body)
    assert only(qs).speaker == "Harold Quennell"


def test_organization_speaker(ex):
    body = ('Brightwater Pictures has moved the release to June. '
            'The studio said in a statement that the new date "gives the film room to '
            'find its audience over the summer."')
    _, qs = run(ex, body)
    q = only(qs)
    assert q.speaker == "Brightwater Pictures"
    assert q.text.startswith("gives the film room")


def test_according_to(ex):
    body = ('The shoot was moved to Iceland. "The light there lasts for the whole night," '
            'according to producer Sigrun Thorvalds.')
    _, qs = run(ex, body)
    assert only(qs).speaker == "Sigrun Thorvalds"


def test_single_quotes_in_british_copy(ex):
    body = ("Imogen Aldershaw was in tears. \u2018It has been the strangest year of my "
            "life,\u2019 she told reporters.")
    _, qs = run(ex, body)
    q = only(qs)
    assert q.speaker == "Imogen Aldershaw"
    assert q.text == "It has been the strangest year of my life"


def test_unattributed_quote_after_a_quote_keeps_the_speaker(ex):
    body = ('"We shot the whole thing on borrowed cameras," said Kasper Lindahl.\n\n'
            '"Every lens in that film came from a friend of a friend."')
    _, qs = run(ex, body)
    assert [q.speaker for q in qs] == ["Kasper Lindahl", "Kasper Lindahl"]


# -- outlet and interviewer -------------------------------------------------------

def test_told_outlet(ex):
    body = ('"The ending came to me in the middle of a blackout," Mirela Dancu told '
            'Deadline.')
    _, qs = run(ex, body)
    q = only(qs)
    assert (q.speaker, q.outlet, q.interviewer) == ("Mirela Dancu", "Deadline", None)


def test_outlet_alias_is_canonical(ex):
    body = ('"I have never been so cold in my life," Odile Brasseur told EW.')
    _, qs = run(ex, body)
    assert only(qs).outlet == "Entertainment Weekly"


def test_interview_with_outlet_and_interviewer(ex):
    body = ('In an MTV interview with Corin Halvorsen, Abel Marchetti was asked about the '
            'ending:\n\n'
            '"People want an answer and I think the film is better without one," the actor '
            'said.')
    _, qs = run(ex, body)
    q = only(qs)
    assert q.speaker == "Abel Marchetti"
    assert q.outlet == "MTV"
    assert q.interviewer == "Corin Halvorsen"


def test_outlet_possessive_interviewer(ex):
    body = ('"She understood the book better than I did," the author told The Hollywood '
            "Reporter's Dagny Rowe-Ellis. The author, Beatrix Fenwright, wrote the novel in "
            "2019.")
    body = ("Beatrix Fenwright wrote the novel in 2019. " + body)
    _, qs = run(ex, body)
    q = only(qs)
    assert q.outlet == "The Hollywood Reporter"
    assert q.interviewer == "Dagny Rowe-Ellis"
    assert q.speaker == "Beatrix Fenwright"


# -- not quotes ------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    'Critics called the film "stunning" and the score "a triumph".',
    "He said he was 'thrilled' to be back.",
    'She starred in the film "The Long Winter of Agnes Bell" in 2011.',
    "The actor appeared in 'Mister Fortune and the Glass Harbour' last year.",
    "The director's new film isn't the studio's biggest, but the actors' union approves.",
])
def test_scare_quotes_and_titles_are_not_quotes(ex, body):
    _, qs = run(ex, body)
    assert qs == []


def test_four_words_is_a_quote(ex):
    body = 'Marta Oyelaran said the sequel would be "darker and much colder".'
    _, qs = run(ex, body)
    q = only(qs)
    assert q.speaker == "Marta Oyelaran" and q.text == "darker and much colder"


def test_open_paragraph_takes_the_speaker_of_the_paragraph_that_closes_it(ex):
    body = ('The cast gathered for one last read-through.\n\n'
            '"Nobody wanted to say goodbye to the house on the hill.\n\n'
            '"We kept finding reasons to stay for one more take," Wilhelmina Sorensen said.')
    _, qs = run(ex, body)
    assert [q.speaker for q in qs] == ["Wilhelmina Sorensen", "Wilhelmina Sorensen"]


def test_told_us_is_the_articles_own_outlet(ex):
    article = Article(body='"I still hear that song in my sleep," Henrike Osterman told us.',
                      source="t.txt", outlet="The Long Lens")
    q = only(ex.extract(article).quotes)
    assert (q.speaker, q.outlet) == ("Henrike Osterman", "The Long Lens")


def test_speaking_to_a_broadcasters_programme(ex):
    body = ('"It is the role I have waited twenty years for," Bramwell Achebe-Stone said, '
            "speaking to BBC Radio 4's Today programme.")
    _, qs = run(ex, body)
    q = only(qs)
    assert q.speaker == "Bramwell Achebe-Stone"
    assert q.outlet == "BBC"


def test_unnamed_speakers_keep_their_words(ex):
    body = ('Castor Vellini has settled the case. His lawyer said the deal was "fair to '
            'everyone who worked on the film." A spokeswoman for the studio said: "We are '
            'glad to put this behind us." Critics called the film "a mess with moments of '
            'real beauty".')
    _, qs = run(ex, body)
    speakers = {q.text.split()[0]: q.speaker for q in qs}
    assert speakers == {"fair": "Castor Vellini's lawyer",
                        "We": "A spokeswoman for the studio", "a": "Critics"}


def test_role_words_in_front_of_a_name_are_not_the_name(ex):
    body = ('"Radio still has the best audience in the world," said DJ Norma Fairlight, '
            'who presents the breakfast show.')
    _, qs = run(ex, body)
    assert only(qs).speaker == "Norma Fairlight"


def test_they_with_nobody_to_stand_for_is_no_speaker(ex):
    body = ('The premiere was delayed by a storm. "We will be back next spring with the '
            'whole cast," they said.')
    _, qs = run(ex, body)
    assert only(qs).speaker is None
