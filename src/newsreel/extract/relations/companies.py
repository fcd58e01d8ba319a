"""Production companies (and a distributor named by its role).

Patterns: "produced by (the company) X", "X is producing / produced / will
produce the film", "a Working Title production", "A BBC co-production,
Title", "X's adaptation of ...", "X's Title" when X is a company word name,
"through her company, X", "for Scott's company Scott Free to develop",
"X is behind films such as A, B and C" (also "the production company is
behind ..." with the company named just before), "the film's distributor,
X". Runs last among the release families and tidies region-less duplicates.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsreel.extract.context import WORK_TYPES, DocContext, Mention
from newsreel.extract.relations.release import hedged_clause, tidy
from newsreel.extract.relations.venues import (
    Named,
    antecedent,
    clause_tokens,
    companies,
    companies_after,
    company_at,
    hits,
    is_question,
    negated_clause,
    sent_ev,
    sent_of,
    subject_work,
)

PRODUCE_VERBS = {"produce", "co-produce", "coproduce", "develop", "finance", "make",
                 "co-finance", "back", "commission", "animate"}
PRODUCTION_NOUNS = {"production", "co-production", "coproduction", "adaptation", "film",
                    "movie", "drama", "series", "feature", "project", "picture", "documentary",
                    "thriller", "comedy", "co-pro"}
COMPANY_NOUNS = {"company", "banner", "shingle", "outfit", "studio", "label"}
BROADCASTER_OUTLETS = {"BBC", "BBC Films", "Channel 4", "Film4", "ITV", "HBO", "Sky", "Netflix",
                       "Amazon", "Hulu", "Showtime", "AMC", "FX", "Canal+", "Arte", "ZDF",
                       "BBC Two", "BBC One", "BBC Studios", "Apple TV+", "Disney+"}


TRIGGERS = PRODUCE_VERBS | COMPANY_NOUNS | {"production", "co-production", "coproduction",
                                            "co-pro", "behind", "feature", "film", "movie",
                                            "picture", "documentary"}


def _org_or_broadcaster(ctx: DocContext, i: int) -> Named | None:
    n = company_at(ctx, i)
    if n is not None:
        return n
    m = ctx.mention_at(i)
    if m is not None and m.type == "outlet" and m.name in BROADCASTER_OUTLETS:
        return Named(m.start, m.end, m.name, True)
    return None


def _add(ctx: DocContext, work: Mention | None, org: Named, tok: Token, conf: float) -> None:
    if work is None:
        return
    ctx.add_fact(work, "production_company", org.name, sent_ev(ctx, tok),
                 confidence=conf if org.strong else conf - 0.15, object_type="organization")


def _works_after(ctx: DocContext, i: int, end: int) -> list[Mention]:
    return [m for m in ctx.mentions_in(i, end, WORK_TYPES)]


def extract(ctx: DocContext) -> None:
    doc = ctx.doc
    orgs = companies(ctx)
    for i in hits(ctx, TRIGGERS):
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if is_question(ctx, tok):
            continue
        # "produced by (the company) X"
        if lemma in PRODUCE_VERBS and tok.tag_ == "VBN" and tok.i + 1 < len(doc) and \
                doc[tok.i + 1].lower_ == "by":
            j = tok.i + 2
            while j < len(doc) and doc[j].lower_ in ("the", "company", "studio", "a", "an",
                                                     "production", "british", "american"):
                j += 1
            orgs_here = companies_after(ctx, j) or [
                o for o in (_org_or_broadcaster(ctx, j),) if o is not None]
            tokens = clause_tokens(tok)
            if orgs_here and not negated_clause(tokens, tok):
                work = subject_work(ctx, tok)
                for org in orgs_here:  # "produced by X and Y", "the London-based X"
                    _add(ctx, work, org, tok, 0.85)
            continue
        # "X is producing", "X produced the film", "X will produce"
        if lemma in PRODUCE_VERBS - {"make", "back"} and tok.pos_ == "VERB" and tok.tag_ != "VBN":
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            org = company_at(ctx, subj.i) if subj is not None else None
            tokens = clause_tokens(tok)
            if org and org.strong and not negated_clause(tokens, tok) and \
                    not hedged_clause(tokens):
                _add(ctx, subject_work(ctx, tok), org, tok, 0.8)
            # "X produced for Quarterlight Films"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("for", "at", "with") and c.i + 1 < len(doc):
                    org3 = company_at(ctx, c.i + 1) or (company_at(ctx, c.i + 2)
                                                        if doc[c.i + 1].lower_ == "the" else None)
                    if org3 and org3.strong and not negated_clause(tokens, tok):
                        # "Mireille Sanderford-Kay produced for Quarterlight Films": the film
                        # is the one the paragraph is about
                        _add(ctx, subject_work(ctx, tok, allow_main=False) or antecedent(
                            ctx, tok.i), org3, tok, 0.7)
            # "produced it through her Bergen company, Havbruk Film"
            for t in tokens:
                if t.lower_ == "through":
                    k = t.i + 1
                    while k < min(len(doc), t.i + 6) and company_at(ctx, k) is None and \
                            doc[k].lower_ not in (".", ";"):
                        k += 1
                    org2 = company_at(ctx, k)
                    if org2 and any(doc[x].lower_ in COMPANY_NOUNS for x in range(t.i, k)):
                        _add(ctx, subject_work(ctx, tok), org2, t, 0.75)
            continue
        # "Title is a production of Greywether Films", "a co-production between X and Y"
        if tok.lower_ in ("production", "co-production") and tok.i + 2 < len(doc) and (
                doc[tok.i + 1].lower_ in ("of", "between") or tok.lower_ == "co-production"
                and doc[tok.i + 1].lower_ in ("with", "from")):
            found_orgs = [o for o in companies_after(ctx, tok.i + 2, limit=3) if o.strong]
            if found_orgs and not negated_clause(clause_tokens(tok), tok):
                work = subject_work(ctx, tok)
                for org in found_orgs:
                    _add(ctx, work, org, tok, 0.8)
                continue
        # "a Working Title production", "A BBC co-production, Title", "this Fox feature"
        if tok.lower_ in ("production", "co-production", "coproduction", "co-pro", "feature",
                          "film", "movie", "picture", "documentary") and tok.i:
            k = tok.i
            if k >= 3 and doc[k - 1].text == "-" and doc[k - 2].lower_ == "co":
                k -= 2  # "co-production" split in three tokens
            org = _org_or_broadcaster(ctx, k - 1)
            if org is None or org.end != k or not org.strong and tok.lower_ not in (
                    "production", "co-production", "coproduction", "co-pro"):
                continue  # "from The Phantom of the Opera movie" is no company
            if org.start == 0 or doc[org.start - 1].lower_ not in ("a", "an", "the", "this",
                                                                   "that"):
                continue
            nxt = tok.i + 1
            if nxt < len(doc) and doc[nxt].text in (",", ":", "-"):
                nxt += 1
            m = ctx.mention_at(nxt)
            work = m if m is not None and m.type in WORK_TYPES else subject_work(ctx, tok)
            _add(ctx, work, org, tok, 0.8)
            continue
        # "company Scott Free", "her Bergen company, Havbruk Film" (with making verbs)
        if tok.lower_ in COMPANY_NOUNS and tok.i + 1 < len(doc):
            k = tok.i + 1 + (doc[tok.i + 1].text == ",")
            org = company_at(ctx, k)
            if org is None:
                continue
            lemmas = {t.lemma_.lower() for t in sent_of(ctx, tok.i)}
            if not lemmas & (PRODUCE_VERBS | {"rights", "behind", "option", "through"}):
                continue
            sstart = sent_of(ctx, tok.i).start
            if "through" in {t.lower_ for t in doc[max(sstart, tok.i - 5):tok.i]}:
                continue  # handled with its verb
            _add(ctx, subject_work(ctx, tok), org, tok, 0.7)
            continue
        # "X is behind films such as A, B and C"; "The production company is behind ..."
        if tok.lower_ == "behind" and tok.head.lemma_ == "be":
            verb = tok.head
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None or negated_clause(clause_tokens(verb), verb):
                continue
            org = company_at(ctx, subj.i)
            if org is None and subj.lower_ in COMPANY_NOUNS:
                before = [n for n in orgs if n.end <= subj.i and subj.i - n.end < 80]
                org = before[-1] if before else None
            if org is None:
                continue
            for m in _works_after(ctx, tok.i, sent_of(ctx, tok.i).end):
                _add(ctx, m, org, tok, 0.75)
            continue
    # "X's adaptation of ...", "Greyheron Films' Lamplight"
    for org in orgs:
        if not org.strong or org.end + 1 >= len(doc):
            continue
        j = org.end
        if doc[j].text in ("'s", "’s", "'", "’"):
            j += 1
        elif org.name.endswith("s") and doc[org.end - 1].text.endswith(("'", "’")):
            pass
        else:
            continue
        if j >= len(doc):
            continue
        m = ctx.mention_at(j)
        if m is not None and m.type in ("film", "tv_series"):
            _add(ctx, m, org, doc[org.start], 0.6)
            continue
        # "Walt Disney Pictures' 49th animated feature film The Princess and the Frog"
        k = j
        while k < min(len(doc), j + 5) and doc[k].pos_ in ("ADJ", "NUM", "NOUN", "VERB") and \
                ctx.mention_at(k) is None:
            k += 1
        noun = doc[k - 1].lower_ if k > j else ""
        if k < len(doc) and doc[k].text == ",":
            k += 1  # "Walt Disney's 1967 animated musical film, The Jungle Book"
        m = ctx.mention_at(k) if k < len(doc) else None
        if noun in PRODUCTION_NOUNS and m is not None and m.type in ("film", "tv_series"):
            _add(ctx, m, org, doc[org.start], 0.65)
            continue
        if doc[j].lower_ in PRODUCTION_NOUNS or doc[j].pos_ == "ADJ" and j + 1 < len(doc) and \
                doc[j + 1].lower_ in PRODUCTION_NOUNS:
            k = j + (doc[j].pos_ == "ADJ") + 1
            m = ctx.mention_at(k + (k < len(doc) and doc[k].text == ","))
            work = m if m is not None and m.type in ("film", "tv_series") else None
            if work is None and org.start >= 2 and doc[org.start - 1].text == ",":
                w = ctx.mention_at(org.start - 2)
                work = w if w is not None and w.type in ("film", "tv_series") else None
            if work is None and doc[j].lower_ in ("adaptation", "production"):
                work = subject_work(ctx, doc[j], allow_main=False)
            _add(ctx, work, org, doc[org.start], 0.7)
    tidy(ctx)
