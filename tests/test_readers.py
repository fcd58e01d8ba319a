"""Plain-text reader: titles, the date prefix, credits and Source lines."""

from newsreel.sources.text import parse_text


def test_title_line_and_source_and_credit():
    text = ("Big News Title\n\nBig News Title\nImage credit: Some Studio\n\n"
            "First paragraph of the story.\n\nSource: The Daily Reel\n")
    a = parse_text(text, "x.txt")
    assert a.title == "Big News Title"
    assert a.outlet == "The Daily Reel"
    assert a.meta["image_credits"] == ["Some Studio"]
    assert "Image credit" not in a.body and "Source:" not in a.body
    assert a.body.startswith("Big News Title\n")
    assert a.published is None


def test_date_prefix_sets_published_and_keeps_rest_of_line():
    a = parse_text(" date 2024-02-03 The Big Picture Something happened.\n\nMore.", "y.txt")
    assert a.published == "2024-02-03"
    assert a.title is None
    assert a.body.startswith("The Big Picture Something happened.")
