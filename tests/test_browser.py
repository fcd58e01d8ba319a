"""The pages in a real headless Chromium (Debian's, through Playwright) against a
real uvicorn server on 127.0.0.1: open a dossier, click a fact and see its
sentence highlighted in the article; search and follow a result; the graph
renders. Skipped when /usr/bin/chromium is missing, unless
NEWSREEL_REQUIRE_BROWSER=1 (CI), where that is a failure."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from newsreel.web import create_app
from web_support import LANTERN_A, build_store, serving

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
pytestmark = pytest.mark.browser


def expect(locator):
    from playwright.sync_api import expect as _expect

    return _expect(locator)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("NEWSREEL_REQUIRE_BROWSER") == "1":
            pytest.fail("NEWSREEL_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing")
        pytest.skip("/usr/bin/chromium is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory, extractor):
    store = build_store(tmp_path_factory.mktemp("webui") / "ui.db", extractor)
    with serving(create_app(store.url, token="")) as base:
        yield base


@pytest.fixture
def page(browser, site):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    # nothing may leave loopback: no CDN, no fonts, no beacons
    outside: list[str] = []
    pg.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
             if not route.request.url.startswith(site) else route.continue_())
    yield pg
    ctx.close()
    assert not outside, outside
    assert not errors, errors


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    assert box is not None
    height = page.viewport_size["height"]
    return box["y"] >= 0 and box["y"] + min(box["height"], 20) <= height


def test_click_fact_highlights_its_sentence(page, site):
    page.goto(f"{site}/search?q=Lanternfish")
    page.locator("a.result", has_text="Lanternfish").first.click()
    page.wait_for_url("**/film/*")
    assert page.locator("h1").inner_text().startswith("Lanternfish")
    assert page.locator("svg.timeline .point").count() >= 2
    page.locator("tr.fact", has_text="Bo Tern").locator("a.fact-link").click()
    page.wait_for_url("**/doc/**")
    marked = page.locator("mark.hl")
    assert marked.count() >= 1
    text = "".join(marked.all_inner_texts())
    assert text == LANTERN_A.split("\n\n")[1].strip()
    assert _in_viewport(page, marked.first)
    assert "Cast" in page.locator(".selected-fact").inner_text()
    # a fact in the side list re-highlights in place (JavaScript)
    page.locator("a.jump", has_text="Director").click()
    first = LANTERN_A.split("\n\n")[0]
    expect(page.locator("mark.hl").first).to_have_text(re.compile("^Lanternfish"))
    assert "".join(page.locator("mark.hl").all_inner_texts()) == first


def test_search_and_follow_links(page, site):
    page.goto(site + "/")
    page.fill("#q", "Ada Quell")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=Ada+Quell")
    page.locator("a.result", has_text="Ada Quell").first.click()
    page.wait_for_url("**/person/*")
    assert page.locator("h1").inner_text().startswith("Ada Quell")
    page.locator("a", has_text="Lanternfish").first.click()
    page.wait_for_url("**/film/*")
    assert "Tidewater Pictures" in page.locator(".infobox").inner_text()


def test_autocomplete_offers_names(page, site):
    page.goto(site + "/")
    page.locator("#q").press_sequentially("lant", delay=30)
    page.locator('#q-suggest option[value="Lanternfish"]').wait_for(state="attached")
    values = page.eval_on_selector_all("#q-suggest option", "els => els.map(e => e.value)")
    assert "Lanternfish" in values


def test_graph_renders(page, site):
    page.goto(f"{site}/search?q=Lanternfish")
    page.locator("a.result", has_text="Lanternfish").first.click()
    page.locator("a", has_text="neighbourhood graph").click()
    page.wait_for_url("**/graph/*")
    svg = page.locator("svg#graph")
    assert svg.is_visible()
    assert page.locator("svg#graph a.node").count() >= 5
    assert page.locator("svg#graph line.edge").count() >= 4
    box = page.locator("svg#graph a.node.ring0 circle").bounding_box()
    assert box and box["width"] > 10
    labels = page.locator("svg#graph a.node text").all_text_contents()
    assert "Ada Quell" in labels and "Bo Tern" in labels
    page.locator("svg#graph a.node", has_text="Bo Tern").click()
    page.wait_for_url("**/person/*")


def test_hostile_article_runs_no_script(page, site):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{site}/search?q=Quarry+Noon")
    page.locator("a.result").first.click()
    page.wait_for_url("**/film/*")
    assert "<script>" in page.locator("h1").inner_text()
    page.locator("a.fact-link").first.click()
    page.wait_for_url("**/doc/**")
    assert '<script>alert("title")</script>' in page.locator("h1").inner_text()
    page.locator("mark.ev").first.hover()
    page.locator("a.ent").first.hover()
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    assert dialogs == []
