"""Watching feeds: poll, ingest new items, report and POST the changes.

`Watcher.poll_round()` polls every feed that is due: a conditional GET
(If-None-Match / If-Modified-Since from the `feed_state` table; a local
file compares its size and mtime), items already ingested (`feed_items`)
are skipped before their link is fetched, the new ones go through
`ingest_articles`, and the changes the ingest recorded (`changes` table)
are returned and, with a webhook, POSTed one JSON object each. A feed that
fails (down, HTTP error, timeout, malformed) costs one log line and backs
off (every x 2^failures, at most 6 h) while the other feeds go on.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, func, select

from newsreel.ingest import ingest_articles
from newsreel.model import Article
from newsreel.resolve.changes import list_changes
from newsreel.sources.base import DEFAULT_MAX_BYTES, ReadFailure, SourceError
from newsreel.sources.feeds import DEFAULT_DELAY, GATE, parse_feed_bytes
from newsreel.store import schema
from newsreel.store.db import now
from newsreel.store.upsert import insert_ignore

MAX_BACKOFF = 6 * 3600.0
DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """'15m', '30s', '1h', '500ms', '2d' (a bare number is seconds)."""
    m = DURATION.match(text or "")
    if not m:
        raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 15m, 1h)")
    seconds = float(m.group(1)) * UNITS[m.group(2) or "s"]
    if seconds <= 0:
        raise ValueError(f"duration must be positive: {text!r}")
    return seconds


def _human(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:g}h"
    if seconds >= 60:
        return f"{seconds / 60:g}m"
    return f"{seconds:.3g}s"


@dataclass
class FeedResult:
    feed: str
    status: str  # "new", "unchanged", "failed"
    articles: int = 0
    changes: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


@dataclass
class WatchStats:
    polls: int = 0
    fetches: int = 0
    articles: int = 0
    changes: int = 0
    failures: int = 0
    posted: int = 0

    def text(self) -> str:
        return (f"watch: {self.polls} poll(s), {self.fetches} feed fetch(es), "
                f"{self.articles} new article(s), {self.changes} change(s), "
                f"{self.failures} failure(s), {self.posted} webhook post(s)")


class Watcher:
    def __init__(self, engine: Engine, feeds: list[str], extractor: Any, *,
                 every: float = 900.0, webhook: str | None = None, allow_private: bool = False,
                 timeout: float = 20.0, max_bytes: int = DEFAULT_MAX_BYTES,
                 delay: float = DEFAULT_DELAY, log: Callable[[str], None] = print,
                 on_change: Callable[[dict[str, Any]], None] | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.engine = engine
        self.feeds = list(dict.fromkeys(feeds))
        self.extractor = extractor
        self.every = every
        self.webhook = webhook
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.delay = delay
        self.log = log
        self.on_change = on_change
        self.stats = WatchStats()
        self.clock = clock
        self._due: dict[str, float] = {}
        self._failures: dict[str, int] = {}
        self._since: int | None = None  # webhook: changes after this id are due
        self._client = httpx.Client(timeout=timeout, follow_redirects=False)

    @property
    def failing(self) -> list[str]:
        """Feeds whose last poll failed."""
        return [f for f in self.feeds if self._failures.get(f)]

    def close(self) -> None:
        self._client.close()

    # --- state ---------------------------------------------------------------
    def _state(self, feed: str) -> dict[str, Any]:
        fs = schema.feed_state
        with self.engine.connect() as conn:
            row = conn.execute(select(fs).where(fs.c.url == feed)).first()
        return dict(row._mapping) if row else {}

    def _save_state(self, feed: str, **values: Any) -> None:
        fs = schema.feed_state
        values["last_polled"] = now()
        with self.engine.begin() as conn:
            insert_ignore(conn, fs, {"url": feed, "failures": 0})
            conn.execute(fs.update().where(fs.c.url == feed).values(**values))

    def _seen(self, feed: str) -> Callable[[str], bool]:
        fi = schema.feed_items

        def seen(key: str) -> bool:
            with self.engine.connect() as conn:
                return conn.execute(select(fi.c.id).where(
                    fi.c.feed == feed, fi.c.item_key == key)).first() is not None
        return seen

    def _mark_seen(self, feed: str, items: list[tuple[str, str]]) -> None:
        if items:
            with self.engine.begin() as conn:
                insert_ignore(conn, schema.feed_items, [
                    {"feed": feed, "item_key": key, "doc_id": doc_id, "seen_at": now()}
                    for key, doc_id in items])

    # --- fetching ------------------------------------------------------------
    def _get(self, feed: str, state: dict[str, Any]) -> tuple[bytes | None, dict[str, Any]]:
        """The feed's bytes, or None when unchanged; plus the validators to keep."""
        if not feed.startswith(("http://", "https://")) and "://" not in feed:
            path = Path(feed)
            try:
                st = path.stat()
                stamp = f"file:{st.st_size}:{st.st_mtime_ns}"
                if state.get("etag") == stamp:
                    return None, {}
                return path.read_bytes(), {"etag": stamp, "last_modified": None}
            except OSError as exc:
                raise SourceError(f"cannot read: {exc.strerror or exc}") from None
        from newsreel.sources.url import fetch

        headers = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
        GATE.wait(feed, self.delay)  # feeds on one host are polite to it too
        resp = fetch(feed, timeout=self.timeout, max_bytes=self.max_bytes * 50,
                     allow_private=self.allow_private, headers=headers)
        if resp.status_code == 304:
            return None, {}
        if resp.status_code >= 400:
            raise SourceError(f"HTTP {resp.status_code}")
        return resp.content, {"etag": resp.headers.get("etag"),
                              "last_modified": resp.headers.get("last-modified")}

    def poll_feed(self, feed: str) -> FeedResult:
        state = self._state(feed)
        try:
            data, validators = self._get(feed, state)
            self.stats.fetches += 1
            if data is None:
                self._save_state(feed, last_status="304", failures=0)
                return FeedResult(feed, "unchanged")
            items = list(parse_feed_bytes(
                data, feed, self.max_bytes, allow_private=self.allow_private,
                timeout=self.timeout, delay=self.delay, seen=self._seen(feed)))
            whole = [i for i in items if isinstance(i, ReadFailure) and i.source == feed]
            if whole:
                raise SourceError(whole[0].reason)
        except SourceError as exc:
            return self._failed(feed, str(exc))
        articles = [i for i in items if isinstance(i, Article)]
        for bad in items:
            if isinstance(bad, ReadFailure):
                self.log(f"newsreel: watch: {feed}: item {bad.source}: {bad.reason}")
        outcome: dict[str, str] = {}
        summary = ingest_articles(self.engine, articles, self.extractor,
                                  progress=lambda src, out: outcome.__setitem__(src, out),
                                  batch_size=8)
        for source, reason in summary.failed:
            self.log(f"newsreel: watch: {feed}: item {source}: {reason}")
        done = [(a.meta["feed_item"], a.id) for a in articles
                if outcome.get(a.source) in ("new", "skipped")]
        self._mark_seen(feed, done)
        self._save_state(feed, failures=0, last_status="200", **validators)
        self._failures.pop(feed, None)
        with self.engine.connect() as conn:
            changes = list_changes(conn, doc_ids=summary.doc_ids) if summary.doc_ids else []
        self.stats.articles += summary.new
        self.stats.changes += len(changes)
        return FeedResult(feed, "new" if summary.new else "unchanged", summary.new, changes)

    def _failed(self, feed: str, reason: str) -> FeedResult:
        n = self._failures.get(feed, 0) + 1
        self._failures[feed] = n
        wait = min(self.every * 2 ** n, MAX_BACKOFF)
        self._due[feed] = self.clock() + wait
        self.stats.failures += 1
        self.log(f"newsreel: watch: {feed}: {reason} (failure {n}, next try in {_human(wait)})")
        try:
            self._save_state(feed, failures=n, last_status=reason[:500])
        except Exception:  # pragma: no cover - the store itself is down
            pass
        return FeedResult(feed, "failed", error=reason)

    # --- webhook -------------------------------------------------------------
    def _register_webhook(self) -> int:
        """The change id after which changes are due to the webhook: the newest
        change when the webhook is first seen, so history is not replayed."""
        wh, ch = schema.webhooks, schema.changes
        with self.engine.begin() as conn:
            row = conn.execute(select(wh.c.since_change).where(wh.c.url == self.webhook)).first()
            if row is not None:
                return row[0]
            newest = conn.execute(select(func.max(ch.c.id))).scalar() or 0
            insert_ignore(conn, wh, {"url": self.webhook, "since_change": newest,
                                     "created_at": now()})
            return conn.execute(select(wh.c.since_change)
                                .where(wh.c.url == self.webhook)).scalar_one()

    def _due_changes(self, limit: int = 1000) -> list[dict[str, Any]]:
        """Changes from these feeds' items not yet delivered to the webhook."""
        ch, fi, wd = schema.changes, schema.feed_items, schema.webhook_deliveries
        since = self._since if self._since is not None else self._register_webhook()
        docs = select(fi.c.doc_id).where(fi.c.feed.in_(self.feeds), fi.c.doc_id.is_not(None))
        sent = select(wd.c.change_id).where(wd.c.url == self.webhook)
        with self.engine.connect() as conn:
            ids = conn.execute(select(ch.c.id).where(
                ch.c.id > since, ch.c.doc_id.in_(docs), ch.c.id.not_in(sent))
                .order_by(ch.c.id).limit(limit)).scalars().all()
            return list_changes(conn, ids=list(ids)) if ids else []

    def _post(self) -> None:
        """POST every due change, oldest first; stop at the first failure (the
        rest stay due, also across restarts); each change is sent once."""
        if not self.webhook:
            return
        queue = self._due_changes()
        for i, change in enumerate(queue):
            try:
                resp = self._client.post(self.webhook, json=change,
                                         headers={"User-Agent": "newsreel-watch",
                                                  "Date": formatdate(usegmt=True)})
                if resp.status_code >= 400:
                    raise SourceError(f"HTTP {resp.status_code}")
            except (httpx.HTTPError, SourceError) as exc:
                reason = str(exc) or type(exc).__name__
                self.log(f"newsreel: watch: webhook {self.webhook}: {reason}; "
                         f"{len(queue) - i} change(s) kept for the next poll")
                return
            with self.engine.begin() as conn:
                insert_ignore(conn, schema.webhook_deliveries, {
                    "url": self.webhook, "change_id": change["id"], "delivered_at": now()})
            self.stats.posted += 1

    # --- loop ----------------------------------------------------------------
    def poll_round(self, force: bool = False) -> list[FeedResult]:
        """Poll every feed that is due (all of them with `force`)."""
        self.stats.polls += 1
        if self.webhook and self._since is None:  # before anything new is recorded
            self._since = self._register_webhook()
        results = []
        for feed in self.feeds:
            if not force and self._due.get(feed, 0.0) > self.clock():
                continue
            result = self.poll_feed(feed)
            if result.status != "failed":
                self._due[feed] = self.clock() + self.every
            results.append(result)
            for change in result.changes:
                if self.on_change:
                    self.on_change(change)
            if result.articles:
                self.log(f"newsreel: watch: {feed}: {result.articles} new article(s), "
                         f"{len(result.changes)} change(s)")
        self._post()
        return results

    def run(self, max_polls: int | None = None, sleep: Callable[[float], None] = time.sleep,
            ) -> WatchStats:
        """Poll rounds until `max_polls` (forever when None); Ctrl-C propagates."""
        n = 0
        while max_polls is None or n < max_polls:
            started = self.clock()
            self.poll_round(force=(n == 0))
            n += 1
            if max_polls is not None and n >= max_polls:
                break
            due = [t for t in self._due.values()] or [started + self.every]
            pause = max(0.0, min(min(due), started + self.every) - self.clock())
            sleep(pause)
        return self.stats
