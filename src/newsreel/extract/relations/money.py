"""Box office: "took $22.4m at the North American box office" ->
box_office(film, "USD 22400000", region=US, period=..., rank=...).

An amount is a currency-sign token followed by a number and an optional
scale ("$22.4m", "£3.2 million", "$142,000"). It is box office when its
clause has a takings verb or noun (took, grossed, earned, opened to,
debuted with, "at the box office", "a global launch of") and no budget,
deal, fee or estimate word ("a $40m budget", "bought the rights for $4m",
"the expected $18m", "tracking for $30m"). A figure in brackets straight
after another figure is a currency conversion, never a second fact.

The market comes from the words next to the figure ("in the UK", "UK box
office", "domestic", "Mexico ($7.8m)"); "worldwide", "overseas", "global"
mean no region; otherwise the article's box-office market ("US box office"
in the headline) applies. The film is the takings verb's subject, else the
nearest film before the figure in the sentence, else the film of the
sentences before ("The animated sequel has now grossed ...")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from newsreel.extract.context import DocContext, Mention
from newsreel.extract.gazetteer import country_code
from newsreel.extract.relations.release import hedged_clause
from newsreel.extract.relations.venues import (
    ANAPHORS,
    antecedent,
    clause_tokens,
    hits,
    home_region,
    is_question,
    regions_in,
    sent_ev,
    sent_of,
)

CURRENCIES = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "A$": "AUD",
              "C$": "CAD", "AU$": "AUD", "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD",
              "₹": "INR", "R$": "BRL"}
SCALES = {"m": 1_000_000, "mn": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000,
          "billion": 1_000_000_000, "k": 1_000, "thousand": 1_000, "b": 1_000_000_000}
CURRENCY_WORDS = {"euros": "EUR", "euro": "EUR", "yen": "JPY", "dollars": "USD",
                  "pounds": "GBP", "rupees": "INR", "yuan": "CNY", "won": "KRW",
                  "kronor": "SEK", "kroner": "NOK"}
NUMBER = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")
GLUED = re.compile(r"^(\d+(?:\.\d+)?)(m|bn|k|mn)$", re.I)
TAKINGS_VERBS = {"take", "gross", "earn", "make", "open", "debut", "bow", "score", "scare",
                 "add", "collect", "pull", "bring", "rake", "haul", "lead", "come", "slip",
                 "fall", "drop", "climb", "rise", "finish", "top", "enter", "launch", "total",
                 "sell", "generate", "amass", "rack", "notch", "post", "ring", "recoup",
                 "premiere", "start", "land", "tally", "reach", "pass", "cross", "surpass",
                 "follow", "chalk", "log", "claim", "win", "place", "rank", "slide", "dip",
                 "ease", "gain", "hold", "soar", "jump", "plunge", "decline", "tumble",
                 "cume"}
TAKINGS_NOUNS = {"box", "office", "gross", "grosses", "takings", "launch", "opening",
                 "debut", "haul", "weekend", "tally", "total", "cume", "receipts", "bow",
                 "ticket", "sales", "frame", "admissions"}
NOT_TAKINGS = {"budget", "budgets", "cost", "costs", "costing", "deal", "deals", "rights", "fee",
               "fees", "salary", "salaries", "advance", "paid", "pay", "paying", "price",
               "bid", "sum", "worth", "fortune", "average", "per-theater", "per-screen",
               "expected", "forecast", "forecasts", "projected", "projection", "projections",
               "tracking", "estimates", "predicted", "prediction", "predictions", "bet",
               "odds", "wager", "fund", "funding", "invest", "invested", "investment",
               "loan", "spent", "spend", "spending", "raise", "raised", "bought", "buy",
               "sold", "acquired", "acquire", "marketing", "insurance", "damages", "fine",
               "lawsuit", "sue", "award", "prize", "donate", "donated", "net", "profit",
               "profits", "loss", "losses", "revenue", "valued", "value", "combined", "combining",
               "collectively", "together", "cumulatively", "overall", "between"}
CLAUSE_ESTIMATES = {"tracking", "forecast", "forecasts", "projected", "projection", "projections",
                    "predicted", "prediction", "predictions", "predict", "pointed"}
NO_REGION = {"worldwide", "global", "globally", "overseas", "international", "internationally",
             "foreign", "world", "offshore", "abroad", "elsewhere"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "top": 1, "one": 1,
            "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10}
RANK_HEADS = {"number", "no", "no.", "place", "spot", "position"}


@dataclass
class Amount:
    start: int  # currency sign token
    end: int  # exclusive: after the scale word
    currency: str
    value: int


def amounts(ctx: DocContext) -> list[Amount]:
    doc = ctx.doc
    out: list[Amount] = []
    for i in hits(ctx, set(CURRENCIES), exact=True):
        tok = doc[i]
        cur = CURRENCIES.get(tok.text)
        if cur is None or i + 1 >= len(doc) or out and i < out[-1].end:
            continue
        num = doc[i + 1].text
        if num.endswith(".") and len(num) > 1:  # "$24m." at a sentence end
            num = num[:-1]
        scale = 1
        end = i + 2
        glued = GLUED.match(num)
        if glued:
            num, scale = glued.group(1), SCALES[glued.group(2).lower()]
        elif not NUMBER.match(num):
            continue
        elif end < len(doc) and doc[end].lower_.rstrip(".") in SCALES:
            scale = SCALES[doc[end].lower_.rstrip(".")]  # "m." at a sentence end
            end += 1
        try:
            value = float(num.replace(",", "")) * scale
        except ValueError:
            continue
        out.append(Amount(i, end, cur, int(round(value))))
    # "3.35m Euros", "1.5bn yen": the currency named after the figure
    for i in hits(ctx, set(CURRENCY_WORDS)):
        j = i - 1
        scale = 1
        if j >= 0 and doc[j].lower_.rstrip(".") in SCALES:
            scale = SCALES[doc[j].lower_.rstrip(".")]
            j -= 1
        if j < 0:
            continue
        num = doc[j].text
        glued = GLUED.match(num)
        if glued:
            num, scale = glued.group(1), SCALES[glued.group(2).lower()]
        elif not NUMBER.match(num):
            continue
        if any(a.start <= j < a.end for a in out):
            continue
        value = float(num.replace(",", "")) * scale
        out.append(Amount(j - 1, i + 1, CURRENCY_WORDS[doc[i].lower_], int(round(value))))
    out.sort(key=lambda a: a.start)
    # "$6.3 (£3.35m)": a bare small figure takes the scale of its conversion
    for a, b in zip(out, out[1:], strict=False):
        if a.value < 1000 and b.start == a.end + 1 and doc[a.end].text == "(" and b.value >= 1000:
            raw = doc[a.start + 1].text.replace(",", "")
            scale = b.value / float(doc[b.start + 1].text.replace(",", "").rstrip("mk") or 1)
            a.value = int(round(float(raw) * scale))
    return out


def _is_conversion(doc, a: Amount, prev: Amount | None) -> bool:
    return prev is not None and a.start >= 1 and doc[a.start - 1].text == "(" and \
        prev.end == a.start - 1


def _local_region(ctx: DocContext, a: Amount, lo: int, hi: int, conv: Amount | None,
                  ) -> tuple[bool, str | None]:
    """(said, code): the market said right around an amount, within [lo, hi)."""
    doc = ctx.doc
    sent = sent_of(ctx, a.start)
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    start = a.end
    if conv is not None:
        start = conv.end + 1 if conv.end < len(doc) and doc[conv.end].text == ")" else conv.end
    after = [t for t in doc[start:min(hi, start + 8)]]
    cut = next((k for k, t in enumerate(after) if t.text in (";", ")", ",", ".", "(") or
                t.lower_ in ("while", "but", "followed", "whereas", "and")), None)
    if cut is not None:
        after = after[:cut]
    for t in after:
        if t.lower_ in NO_REGION:
            return True, None
    regs_after = regions_in(ctx, start, start + len(after)) if after else []
    if regs_after:
        return True, regs_after[0][1]
    before_lo = max(lo, a.start - 18)
    before = doc[before_lo:a.start]
    for t in reversed(list(before)):
        if t.lower_ in NO_REGION:
            return True, None
        if t.text in (";",):
            break
    regs_before = regions_in(ctx, before_lo, a.start)
    if regs_before:
        k = len(regs_before) - 1
        while k > 0 and regs_before[k][0] - regs_before[k - 1][0] <= 3:
            k -= 1  # "In the UK and Ireland": the first market of a list
        return True, regs_before[k][1]
    return False, None


def _rank(ctx: DocContext, tokens: list[Token]) -> int | None:
    doc = ctx.doc
    for t in tokens:
        low = t.lower_
        if low in ("no", "no.", "number") and t.i + 1 < len(doc):
            nxt = doc[t.i + 1]
            if nxt.text == "." and t.i + 2 < len(doc):
                nxt = doc[t.i + 2]
            if nxt.text.isdigit():
                return int(nxt.text)
            if nxt.lower_ in ORDINALS:
                return ORDINALS[nxt.lower_]
        if low in ("topped", "tops", "top", "summit", "champ", "leads", "led") and (
                t.lemma_ == "top" and t.pos_ == "VERB" or low in ("summit", "champ")):
            return 1
        if low in ORDINALS and low not in ("top", "one", "two", "three", "four", "five", "six",
                                           "seven", "eight", "nine", "ten", "first"):
            nxt = doc[t.i + 1].lower_ if t.i + 1 < len(doc) else ""
            prev = doc[t.i - 1].lower_ if t.i else ""
            if nxt in ("place", "spot", "position") or prev in ("in", "at") and nxt in (
                    ",", "with"):
                return ORDINALS[low]
            if t.head.lemma_ in ("come", "finish", "slip", "fall", "rank", "place") and \
                    nxt not in ("weekend", "week", "frame"):
                return ORDINALS[low]
    return None


def _period(tokens: list[Token]) -> str | None:
    doc = tokens[0].doc if tokens else None
    for t in tokens:
        if t.lower_ in ("weekend", "week", "frame"):
            prev = doc[t.i - 1].lower_ if t.i else ""
            if prev == "opening" or prev == "debut":
                return "opening weekend"
            if prev in ORDINALS and prev not in ("top", "one"):
                return f"{prev} {t.lower_}"
            return "weekend" if t.lower_ != "week" else "week"
    words = {t.lower_ for t in tokens}
    if words & {"opened", "opening", "debuted", "bowed", "bowing", "debut", "opens", "launch"}:
        return "opening weekend"
    if words & {"so", "far", "cumulative", "total", "now", "date", "lifetime", "run"} and \
            words & {"grossed", "has", "total", "so", "taken", "earned"}:
        return "cumulative"
    return None


def _film_for(ctx: DocContext, a: Amount, verb: Token | None) -> Mention | None:
    if verb is not None:
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                for t in c.subtree:
                    m = ctx.mention_at(t.i)
                    if m is not None and m.type == "film":
                        return m
    sent = sent_of(ctx, a.start)
    films = [m for m in ctx.mentions_in(sent.start, a.start, ("film", "tv_series"))]
    if films:
        return films[-1]
    after = [m for m in ctx.mentions_in(a.end, sent.end, ("film",))]
    if after and after[0].start - a.end <= 6:
        return after[0]
    subj = None
    if verb is not None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in ANAPHORS or country_code(subj.text) or any(
            t.lower_ in ANAPHORS and t.dep_ == "det" or t.lower_ in ("its", "their")
            for t in subj.children) or (subj.lower_ in ANAPHORS):
        return antecedent(ctx, sent.start, window=150)
    return None


PERSON_NOUNS = {"actor", "actress", "star", "woman", "man", "director", "singer", "author",
                "writer", "presenter", "comedian", "player", "performer"}


def _earnings(ctx: DocContext, head: Token, sent) -> bool:
    """A person's pay, not a film's takings."""
    if any(t.lower_ in ("best-paid", "highest-paid", "salary", "salaries", "earner", "earners",
                        "paid", "fee", "fees", "pay") for t in sent):
        return True
    verb = head
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            m = ctx.mention_at(subj.i)
            return m is not None and m.type == "person" or subj.lower_ in PERSON_NOUNS
        if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            continue
        break
    return False


def extract(ctx: DocContext) -> None:
    doc = ctx.doc
    found = amounts(ctx)
    if not found:
        return
    prev: Amount | None = None
    for k, a in enumerate(found):
        conversion = _is_conversion(doc, a, prev)
        prev = a
        if conversion:
            continue
        tok = doc[a.start + 1] if a.start + 1 < a.end and doc[a.start].text in CURRENCIES \
            else doc[max(a.start, 0) + 1]
        sent = sent_of(ctx, tok.i)
        if is_question(ctx, tok):
            continue
        # what the amount does in its clause
        head = tok
        for _ in range(4):
            if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
                break
            head = head.head
        while head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            head = head.head  # "took £3.2m in the UK and $68.5m worldwide"
        tokens = sorted({t.i: t for t in clause_tokens(tok) + clause_tokens(head)}.values(),
                        key=lambda t: t.i)
        near = doc[max(sent.start, a.start - 4):min(sent.end, a.end + 3)]
        near_words = {t.lower_ for t in near}
        if near_words & NOT_TAKINGS or any(t.lower_ in NOT_TAKINGS for t in doc[a.start + 1:a.end]):
            continue
        conv = found[k + 1] if k + 1 < len(found) and _is_conversion(doc, found[k + 1], a) \
            else None
        after = conv.end + 1 if conv is not None else a.end
        if doc[after:after + 2].text.lower().startswith(("budget", "movie", "film", "tale",
                                                          "production", "-", "mark", "barrier",
                                                          "milestone", "threshold")):
            continue  # "a $40m budget", "the $100m mark"
        if any(t.lemma_.lower() in NOT_TAKINGS and t.dep_ in ("amod", "compound") and
               t.head.i in range(a.start, a.end) for t in near):
            continue
        clause_lemmas = {t.lemma_.lower() for t in tokens}
        clause_words = {t.lower_ for t in tokens}
        if not (clause_lemmas & TAKINGS_VERBS or clause_words & TAKINGS_NOUNS):
            continue
        if clause_words & {"budget", "cost", "costs", "deal", "fee", "rights", "paid",
                           "advance", "salary", "spent"} and not clause_words & {
                               "box", "grossed", "opening", "weekend", "took", "takings"}:
            continue
        if hedged_clause(tokens) or any(c.dep_ == "neg" for c in head.children):
            continue
        if clause_words & CLAUSE_ESTIMATES:
            continue  # "tracking had pointed to an opening of $18m"
        if _earnings(ctx, head, sent):
            continue  # "Depardieu made 3.35m euros": a person's earnings
        if any(t.lower_ == "top" and doc[t.i + 1].lower_ in ORDINALS and t.i + 1 < len(doc)
               for t in tokens if t.i + 1 < len(doc)) and head.lemma_ in ("come", "be", "total"):
            continue  # "takings for the top ten came in at $62m" belong to no film
        film = _film_for(ctx, a, head if head.lemma_.lower() in TAKINGS_VERBS else None)
        if film is None:
            continue
        lo = found[k - 1].end if k else sent.start
        nxt = found[k + 2] if conv is not None and k + 2 < len(found) else (
            found[k + 1] if conv is None and k + 1 < len(found) else None)
        hi = nxt.start if nxt is not None else sent.end
        said, region = _local_region(ctx, a, lo, hi, conv)
        if not said:
            region = home_region(ctx)
        chain = sorted({t.i: t for t in tokens + list(head.ancestors)}.values(),
                       key=lambda t: t.i)  # "topped the chart, taking $22.4m"
        quals = {"region": region, "period": _period(tokens), "rank": _rank(ctx, chain)}
        ctx.add_fact(film, "box_office", f"{a.currency} {a.value}",
                     sent_ev(ctx, doc[a.start]),
                     qualifiers=quals, confidence=0.8)
