"""Release dates, premieres, screenings, distributors, box office and
production companies, on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsreel.extract import Extractor
from newsreel.extract.relations import companies, money, release
from newsreel.model import Article

MINE = {"release_date", "premiere", "screened_at", "distributor", "production_company",
        "box_office"}


@pytest.fixture(scope="module")
def run(extractor):
    ex = Extractor(nlp=extractor.nlp, families=[release.extract, money.extract,
                                                 companies.extract])

    def _run(text: str, published: str | None = "2025-08-03") -> list[tuple]:
        rec = ex.extract(Article(body=text, source="test.txt", published=published))
        for f in rec.facts:
            assert rec.doc and f.evidence.text == text[f.evidence.start:f.evidence.end]
        return [(f.subject, f.relation, f.object, dict(f.qualifiers)) for f in rec.facts
                if f.relation in MINE]
    return _run


def rel(facts, relation):
    return [f for f in facts if f[1] == relation]


# -- release dates -------------------------------------------------------------------
def test_two_dates_two_markets(run):
    facts = run("The romantic drama Paper Lanterns will be released in limited release in "
                "the U.S. on December 22, 2023 and in the U.K. on January 26, 2024.", None)
    got = {(f[2], f[3].get("region"), f[3].get("release_type"))
           for f in rel(facts, "release_date")}
    assert ("2023-12-22", "US", "limited") in got
    assert ("2024-01-26", "GB", "limited") in got
    assert all(f[0] == "Paper Lanterns" for f in facts)


def test_one_date_several_regions(run):
    facts = run("The thriller Cold Harbour opens May 19 in the US and France.", "2024-04-02")
    got = {(f[2], f[3].get("region")) for f in rel(facts, "release_date")}
    assert got == {("2024-05-19", "US"), ("2024-05-19", "FR")}


def test_anchor_gives_the_year_and_undated_drops(run):
    text = "The thriller Cold Harbour opens December 22 in the US."
    assert [f[2] for f in rel(run(text, "2023-11-22"), "release_date")] == ["2023-12-22"]
    assert rel(run(text, None), "release_date") == []


def test_release_types(run):
    facts = run("The comedy Tin Roof hits Netflix on October 16. The drama Fair Isle "
                "expands nationwide next Friday.", "2025-08-03")
    got = {f[0]: (f[2], f[3].get("release_type")) for f in rel(facts, "release_date")}
    assert got["Tin Roof"] == ("2025-10-16", "streaming")
    assert got["Fair Isle"] == ("2025-08-08", "wide")


def test_film_pronoun_takes_the_antecedent(run):
    facts = run("The drama Glass Garden will open the Venice Film Festival with its world "
                "premiere on August 26. Lucerna Film will release it in Italian cinemas on "
                "September 17.", "2026-07-21")
    assert ("Glass Garden", "release_date", "2026-09-17",
            {"region": "IT", "release_type": "theatrical"}) in facts
    assert ("Glass Garden", "distributor", "Lucerna Film", {"region": "IT"}) in facts
    assert ("Glass Garden", "premiere", "Venice Film Festival", {"date": "2026-08-26"}) in facts


def test_year_only_release_dates(run):
    facts = run("She starred in the 2002 hit About Nothing, and in the comedy Tin Roof (2011). "
                "Her 2019 debut feature, Bright Water, found a small audience.", None)
    got = {(f[0], f[2]) for f in rel(facts, "release_date")}
    assert {("About Nothing", "2002"), ("Tin Roof", "2011"), ("Bright Water", "2019")} <= got


def test_last_years_drama(run):
    facts = run("She made last year's drama Winter Sun.", "2025-03-12")
    assert ("Winter Sun", "release_date", "2024", {}) in facts
    assert rel(run("She made last year's drama Winter Sun.", None), "release_date") == []


def test_negated_release_is_not_a_fact(run):
    facts = run("The thriller Dark Bay hits cinemas in Japan on August 29, but it will not be "
                "released in China.")
    regions = {f[3].get("region") for f in rel(facts, "release_date")}
    assert "JP" in regions and "CN" not in regions


def test_rumoured_release_is_not_a_fact(run):
    facts = run("The drama Fair Isle is rumoured to be eyeing a February bow at Berlin.")
    assert facts == []


def test_question_is_not_a_fact(run):
    assert run("Will the drama Fair Isle premiere at the Cannes Film Festival?") == []


# -- premieres and screenings ------------------------------------------------------------
def test_premiered_at(run):
    facts = run("The drama Paper Lanterns premiered at the Telluride Film Festival.",
                "2023-11-22")
    assert ("Paper Lanterns", "premiere", "Telluride Film Festival", {}) in facts


def test_will_world_premiere_at_unknown_festival(run):
    facts = run("The comedy Dust Road will world premiere at the Laguna Verde International "
                "Film Festival in July.", "2025-05-01")
    assert ("Dust Road", "premiere", "Laguna Verde International Film Festival",
            {"date": "2025-07"}) in facts


def test_screens_out_of_competition(run):
    facts = run("The documentary Salt Flats will screen out of competition at the Sundance "
                "Film Festival.")
    assert ("Salt Flats", "screened_at", "Sundance Film Festival", {}) in facts
    assert rel(facts, "premiere") == []


def test_played_at_is_a_screening_not_a_premiere(run):
    facts = run("Her 2019 debut feature, Bright Water, played at the Rotterdam film festival.")
    assert rel(facts, "premiere") == []
    assert [f[2] for f in rel(facts, "screened_at")] == ["Rotterdam International Film Festival"]


def test_negated_premieres(run):
    facts = run("The drama Fair Isle will not screen at the Venice Film Festival. "
                "The thriller Dark Bay will have no UK premiere. "
                "No festival has been set for the comedy Grey Days.")
    assert rel(facts, "premiere") == [] and rel(facts, "screened_at") == []


def test_theatrical_premiere_is_a_release(run):
    facts = run("The drama Paper Lanterns premieres in theaters in the United States on "
                "December 22.", "2023-11-22")
    assert rel(facts, "premiere") == []
    assert ("Paper Lanterns", "release_date", "2023-12-22",
            {"region": "US", "release_type": "theatrical"}) in facts


# -- distributors ---------------------------------------------------------------------
def test_distributed_by(run):
    facts = run("The drama Red Kite is distributed by Halcyon Pictures.")
    assert ("Red Kite", "distributor", "Halcyon Pictures", {}) in facts


def test_scheduling_the_movie(run):
    facts = run("The drama Paper Lanterns is getting attention, with Searchlight Pictures "
                "scheduling the movie for a late December release.", "2023-11-22")
    assert ("Paper Lanterns", "distributor", "Searchlight Pictures", {}) in facts


def test_distributor_apposition_and_rights(run):
    facts = run("Distributor Sony Pictures said the thriller Night Train will be released "
                "next year.", "2005-01-10")
    assert ("Night Train", "distributor", "Sony Pictures", {}) in facts
    assert ("Night Train", "release_date", "2006", {}) in facts
    facts = run("Northway Releasing has North American rights to the drama Long Field.")
    assert ("Long Field", "distributor", "Northway Releasing", {"region": "US"}) in facts


def test_released_through(run):
    facts = run("The drama Fair Isle opened in UK cinemas in September through Redpoll "
                "Pictures.", "2026-11-04")
    assert ("Fair Isle", "distributor", "Redpoll Pictures", {"region": "GB"}) in facts
    assert ("Fair Isle", "release_date", "2026-09",
            {"region": "GB", "release_type": "theatrical"}) in facts


# -- production companies ----------------------------------------------------------------
def test_production_company_patterns(run):
    facts = run("The comedy Grey Days was produced by the company Ironbark Films.")
    assert ("Grey Days", "production_company", "Ironbark Films", {}) in facts
    facts = run("Critics loved the drama Long Field, a Working Title production.")
    assert ("Long Field", "production_company", "Working Title", {}) in facts  # as said
    facts = run("The cast of the thriller Night Train, Ironbark Films' adaptation of the novel, "
                "is complete.")
    assert ("Night Train", "production_company", "Ironbark Films", {}) in facts


# -- box office ---------------------------------------------------------------------------
def test_box_office_region_period_rank(run):
    facts = run("The thriller Hide Away topped the chart, taking $22.4m at the North American "
                "box office in its opening weekend.")
    [(subj, _, obj, quals)] = rel(facts, "box_office")
    assert (subj, obj, quals.get("region")) == ("Hide Away", "USD 22400000", "US")
    assert quals.get("period") == "opening weekend"
    assert quals.get("rank") == 1


def test_pounds_and_worldwide(run):
    facts = run("The drama Fair Isle took £3.2m in the UK and $68.5m worldwide.")
    got = {(f[2], f[3].get("region")) for f in rel(facts, "box_office")}
    assert got == {("GBP 3200000", "GB"), ("USD 68500000", None)}


def test_bracketed_conversion_is_not_a_second_fact(run):
    facts = run("The thriller Hide Away took $22m (£11.7m) at the box office.")
    assert [f[2] for f in rel(facts, "box_office")] == ["USD 22000000"]


def test_budgets_and_tracking_are_not_box_office(run):
    facts = run("The thriller Hide Away, made on a $40m budget, is tracking for a $30m "
                "opening. The studio paid $4m for the rights to the novel.")
    assert rel(facts, "box_office") == []


def test_article_market_applies_to_plain_figures(run):
    facts = run("The thriller Hide Away led the US box office this weekend. The comedy Tin "
                "Roof came second with $17m in its third weekend.")
    [(subj, _, obj, quals)] = rel(facts, "box_office")
    assert (subj, obj, quals.get("region"), quals.get("rank")) == (
        "Tin Roof", "USD 17000000", "US", 2)


def test_co_production_and_company_apposition(run):
    facts = run("A BBC co-production, the drama Long Field was named best TV movie.")
    assert ("Long Field", "production_company", "BBC", {}) in facts
    facts = run("The studio bought the rights for Scott's company Scott Free to develop the "
                "novel Wolf Brother.")
    assert ("Wolf Brother", "production_company", "Scott Free", {}) in facts


def test_production_company_behind_a_list(run):
    facts = run("The award went to the co-chairmen of Working Title films. The production "
                "company is behind films such as the comedy Grey Days.")
    assert ("Grey Days", "production_company", "Working Title Films", {}) in facts


# -- later additions: relative shifts, moves, line-ups, streamers ------------------------
def test_a_day_later_and_premiere_date(run):
    facts = run("Vantage+ has set Thursday, May 15, 2025, as the premiere date for the second "
                "season of the series Cold Wake, with episodes hitting the streamer that day. "
                "Viewers in the UK will get the new season a day later, when it airs on the "
                "channel Albion TV.", None)
    got = {(f[2], f[3].get("region"), f[3].get("release_type"))
           for f in rel(facts, "release_date")}
    assert ("2025-05-15", None, "streaming") in got
    assert ("2025-05-16", "GB", "tv") in got


def test_moved_release_keeps_only_the_new_date(run):
    facts = run("Halcyon Gate Releasing has pushed back the US release of the thriller "
                "Glass Wall from February 13, 2026 to April 24, 2026.", "2025-10-28")
    assert {f[2] for f in rel(facts, "release_date")} == {"2026-04-24"}
    assert ("Glass Wall", "distributor", "Halcyon Gate Releasing", {"region": "US"}) in facts


def test_superseded_plan_is_not_a_release(run):
    facts = run("The thriller Glass Wall had been set for a February release.", "2025-10-28")
    assert rel(facts, "release_date") == []


def test_nationwide_takes_the_articles_market(run):
    facts = run("The drama Fair Isle topped the US box office, taking $9m. The film expands "
                "nationwide next Friday.", "2025-08-03")
    assert ("Fair Isle", "release_date", "2025-08-08",
            {"region": "US", "release_type": "wide"}) in facts


def test_handling_a_release_and_plus_sign_streamer(run):
    facts = run("The drama Long Field opens in April. Brackwater Films is handling the UK and "
                "Ireland release, and Clearwell+ acquired worldwide rights.", "2025-09-18")
    dist = {(f[2], f[3].get("region")) for f in rel(facts, "distributor")}
    assert ("Brackwater Films", "GB") in dist
    assert ("Clearwell+", None) in dist


def test_that_year_film(run):
    facts = run("She wrote and directed the drama Paper Moths. The actor starred in that 2023 "
                "film, which premiered at the Sundance Film Festival.", "2025-03-12")
    assert ("Paper Moths", "release_date", "2023", {}) in facts
    assert ("Paper Moths", "premiere", "Sundance Film Festival", {}) in facts


def test_line_up_screenings(run):
    facts = run("The drama Ninth Lantern will world premiere at the Laguna Verde International "
                "Film Festival. Also in competition is the drama Copper Kettle. The 1962 "
                "drama Harbour of Shadows will close the festival.", "2025-07-22")
    fest = "Laguna Verde International Film Festival"
    assert ("Ninth Lantern", "premiere", fest, {}) in facts
    assert ("Copper Kettle", "screened_at", fest, {}) in facts
    assert ("Harbour of Shadows", "screened_at", fest, {}) in facts
    assert not any(f[0] == "Ninth Lantern" and f[1] == "screened_at" for f in facts)


def test_festival_strand_is_its_festival(run):
    facts = run("Out of competition, the Venice Classics strand will present a restoration of "
                "the 1974 drama Lantern Boats.")
    assert ("Lantern Boats", "screened_at", "Venice Film Festival", {}) in facts


def test_box_office_subject_without_a_film_noun(run):
    facts = run("In third, The Marrow Lamp scared up $21.5 million in its opening weekend for "
                "distributor Tanager Films.", "2025-08-03")
    assert [(f[0], f[2]) for f in rel(facts, "box_office")] == [("The Marrow Lamp",
                                                                 "USD 21500000")]
    assert ("The Marrow Lamp", "distributor", "Tanager Films", {}) in facts


def test_streamer_as_distributor_is_not_a_streaming_release(run):
    facts = run("Netflix will open the drama Tidewrack for a one-week theatrical run in the US "
                "and UK on October 2; it then hits Netflix globally on October 16.", "2026-07-21")
    got = {(f[2], f[3].get("region"), f[3].get("release_type"))
           for f in rel(facts, "release_date")}
    assert got == {("2026-10-02", "US", "limited"), ("2026-10-02", "GB", "limited"),
                   ("2026-10-16", None, "streaming")}
    assert {f[2] for f in rel(facts, "distributor")} == {"Netflix"}


def test_currency_words_and_earnings(run):
    facts = run("The animated film Howl's Castle set a Japanese box office record, taking 1.5bn "
                "yen (£7.7m) in its first two days. The actor Gerard Lemaire made 3.35m euros "
                "(£2.31m) last year, making him the best-paid star in France.")
    assert [(f[0], f[2], f[3].get("region")) for f in rel(facts, "box_office")] == [
        ("Howl's Castle", "JPY 1500000000", "JP")]


def test_a_threshold_is_not_takings(run):
    facts = run("The comedy Hitch will be the first movie this year to top the $100m (£52.7m) "
                "mark.")
    assert rel(facts, "box_office") == []


def test_encyclopedia_lead_patterns(run):
    facts = run("Fighting Blade is a 1930 Indian silent film directed by V. Shantaram. It was "
                "produced by Prabhat Film Company.", None)
    assert ("Fighting Blade", "release_date", "1930", {}) in facts
    assert ("Fighting Blade", "production_company", "Prabhat Film Company", {}) in facts
    facts = run("King Louie is a character in Walt Disney's 1967 animated musical film, The "
                "Jungle Book.", None)
    assert ("The Jungle Book", "production_company", "Walt Disney", {}) in facts


def test_one_word_company_inside_a_name_is_not_a_company(run):
    facts = run("The song Duty was written by Hamasaki and produced by Max Matsuura.", None)
    assert rel(facts, "production_company") == []


def test_in_year_starred_in(run):
    facts = run("In 2005 she starred in the drama Contra Viento. His directorial debut was in "
                "2010 with the comedy Arts Club.", None)
    assert ("Contra Viento", "release_date", "2005", {}) in facts
    assert ("Arts Club", "release_date", "2010", {}) in facts


def test_story_time_and_opening_weekends_are_not_release_dates(run):
    facts = run("In the drama The Chorus, Jugnot plays a music teacher at a school in 1949.", None)
    assert rel(facts, "release_date") == []
    facts = run("The sequel Ocean's Deal narrowly beat its 2001 predecessor, which took $38.1m "
                "on its opening weekend.", None)
    assert not any(f[2] == "2001" and f[0] == "Ocean's Deal" for f in rel(facts, "release_date"))


def test_a_film_named_like_a_company_is_no_company(run):
    facts = run("The composer is up for best song for the song Learn To Fly, from The Phantom "
                "of the Opera movie.", None)
    assert rel(facts, "production_company") == []


def test_coordinated_companies_and_pick_up(run):
    facts = run("The drama Red Kite, distributed in the UK by Altitude and Picturehouse "
                "Entertainment, opens soon. The comedy Grey Days was produced by Ironbark Films "
                "and Element Pictures. The thriller Night Train is a co-production between "
                "Ironbark Films and Heyday Films. Northway Releasing picked up the drama Long "
                "Field.")
    assert ("Red Kite", "distributor", "Altitude", {"region": "GB"}) in facts
    assert ("Red Kite", "distributor", "Picturehouse Entertainment", {"region": "GB"}) in facts
    assert {f[2] for f in rel(facts, "production_company") if f[0] == "Grey Days"} == {
        "Ironbark Films", "Element Pictures"}
    assert {f[2] for f in rel(facts, "production_company") if f[0] == "Night Train"} == {
        "Ironbark Films", "Heyday Films"}
    assert ("Long Field", "distributor", "Northway Releasing", {}) in facts


def test_unveiled_at_and_the_festival(run):
    facts = run("The documentary Salt Flats was unveiled at the Sundance Film Festival in "
                "January. The drama Fair Isle also screened at the festival.", "2025-05-01")
    assert ("Salt Flats", "premiere", "Sundance Film Festival", {"date": "2025-01"}) in facts
    assert ("Fair Isle", "screened_at", "Sundance Film Festival", {}) in facts


def test_out_on_dvd_and_weekday_releases(run):
    facts = run("The thriller Hide Away is out on DVD on Friday. The series Cold Wake will air "
                "on BBC Two on Sunday.", "2025-11-03")
    got = {(f[0], f[2], f[3].get("release_type")) for f in rel(facts, "release_date")}
    assert ("Hide Away", "2025-11-07", "home_media") in got
    assert ("Cold Wake", "2025-11-09", "tv") in got


def test_returns_to_the_festival_with(run):
    facts = run("The drama Ninth Lantern will world premiere at the Laguna Verde International "
                "Film Festival. Director Fintan Boyle returns to the festival with the drama A "
                "Winter for Orla.", "2025-07-22")
    assert ("A Winter for Orla", "screened_at", "Laguna Verde International Film Festival",
            {}) in facts


def test_headline_run_into_the_first_line(run):
    facts = run("Paper Kings Sets October Release\nSilverbirch Releasing will open the comedy "
                "Paper Kings in US theaters on October 10, 2025.", "2025-09-30")
    assert ("Silverbirch Releasing", "US") in {(f[2], f[3].get("region"))
                                               for f in rel(facts, "distributor")}


def test_a_named_object_beats_a_pronoun_subject(run):
    facts = run("Tallon-Weiss's 2022 thriller The Lodger's Key was a hit. Halcyon Gate has staked "
                "out a date, saying it will release the thriller Glasshouse in US theaters on "
                "February 13, 2026.", "2025-06-02")
    assert ("Glasshouse", "release_date", "2026-02-13",
            {"region": "US", "release_type": "theatrical"}) in facts
    assert not any(f[0] == "The Lodger's Key" and f[2] == "2026-02-13" for f in facts)


def test_a_sequel_is_a_new_film_and_since_looks_back(run):
    facts = run("The thriller Hide Away took $500m worldwide. A sequel is due in 2027.",
                "2025-08-03")
    assert rel(facts, "release_date") == []
    facts = run("Since its release in March, the thriller Hide Away has taken $50m.", "2025-08-03")
    assert ("Hide Away", "release_date", "2025-03", {}) in facts
