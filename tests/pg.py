"""PostgreSQL for the test run: one throwaway server per session, a fresh database per test.

`TempPostgres` runs `initdb` and `pg_ctl` from /usr/lib/postgresql/15/bin (or
$NEWSREEL_PG_BIN) on a data directory made with `tempfile.mkdtemp()`, listening on
127.0.0.1 at a free port with its socket in that directory. As root the
binaries run as user `postgres` (`runuser -u postgres --`) and the directory is
chowned to it; otherwise they run as the current user. The benchmarks reuse
the class.

Fixtures:
- `pg_server` (session): the running server; skipped with the reason when
  PostgreSQL is missing, a failure when NEWSREEL_REQUIRE_PG=1 (CI).
- `pg_url`: a fresh database on that server, as `postgresql://USER@HOST:PORT/DB`.
- `store_url`: parametrized over "sqlite" and "postgresql": a fresh store URL of
  each kind for the store and end-to-end tests.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("NEWSREEL_PG_BIN", "/usr/lib/postgresql/15/bin"))
REQUIRE_ENV = "NEWSREEL_REQUIRE_PG"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; the message says why."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempPostgres:
    """A PostgreSQL server in a temporary directory, stopped and removed by `stop()`."""

    def __init__(self, bin_dir: Path = PG_BIN) -> None:
        self.bin_dir = bin_dir
        self.dir: Path | None = None
        self.port = 0
        self.user = "postgres"
        self._as_postgres = os.geteuid() == 0

    # -- running the binaries ------------------------------------------------
    def _cmd(self, *args: str) -> list[str]:
        prog = [str(self.bin_dir / args[0]), *args[1:]]
        return ["runuser", "-u", "postgres", "--", *prog] if self._as_postgres else prog

    def _run(self, *args: str, timeout: float = 120) -> None:
        proc = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            raise PostgresUnavailable(f"{args[0]} failed: {' / '.join(tail)}")

    def check(self) -> None:
        for prog in ("initdb", "pg_ctl"):
            if not (self.bin_dir / prog).is_file():
                raise PostgresUnavailable(f"PostgreSQL binaries not found in {self.bin_dir}")
        if self._as_postgres:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable("running as root but there is no user postgres") \
                    from None
            if not shutil.which("runuser"):
                raise PostgresUnavailable("running as root but runuser is missing")
        else:
            self.user = pwd.getpwuid(os.geteuid()).pw_name

    # -- lifecycle -------------------------------------------------------------
    def start(self) -> TempPostgres:
        self.check()
        self.dir = Path(tempfile.mkdtemp(prefix="nrpg-"))
        data = self.dir / "data"
        data.mkdir()
        if self._as_postgres:
            entry = pwd.getpwnam("postgres")
            for p in (self.dir, data):
                os.chown(p, entry.pw_uid, entry.pw_gid)
        os.chmod(data, 0o700)
        self._run("initdb", "-D", str(data), "-A", "trust", "-U", self.user,
                  "-E", "UTF8", "--locale=C", "--no-sync")
        last: Exception | None = None
        for _attempt in range(3):  # the port may be taken between probe and bind
            self.port = free_port()
            opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} "
                    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                    "-c max_connections=200")
            try:
                self._run("pg_ctl", "-D", str(data), "-l", str(self.dir / "server.log"),
                          "-o", opts, "-w", "-t", "60", "start")
                return self
            except PostgresUnavailable as exc:
                last = exc
        self.stop()
        raise PostgresUnavailable(str(last))

    def stop(self) -> None:
        if self.dir is None:
            return
        data = self.dir / "data"
        if (data / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop", timeout=60)
            except (PostgresUnavailable, subprocess.TimeoutExpired):
                self._run("pg_ctl", "-D", str(data), "-m", "immediate", "stop", timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    # -- databases -------------------------------------------------------------
    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its URL."""
        name = name or "t_" + uuid.uuid4().hex[:16]
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TempPostgres]:
    server = TempPostgres()
    try:
        server.start()
    except (PostgresUnavailable, OSError, subprocess.TimeoutExpired) as exc:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"PostgreSQL is required ({REQUIRE_ENV}=1) but: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: TempPostgres) -> Iterator[str]:
    url = pg_server.create_database()
    yield url
    try:
        pg_server.drop_database(url)
    except Exception:  # a leftover database dies with the server (FORCE drops clients)
        pass


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def store_url(request, tmp_path) -> str:
    """A fresh, empty store: a SQLite file, or a new database on the session's server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")
