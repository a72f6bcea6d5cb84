"""How fast the site's pages are, next to a bare Django view, with the anonymous page cache on and off.

Usage (from the project folder):
    make bench
    .venv/bin/python scripts/bench.py --duration 10 --connections 8
    .venv/bin/python scripts/bench.py --database-url postgres://postgres@127.0.0.1:5432/postgres

It needs wrk, nginx and redis-server (sudo apt-get install -y wrk nginx-light redis-server); without
one of them it says so and exits 1.

Database. By default its own SQLite file, var/bench/db.sqlite3 (with the demo data's media files
beside it in var/bench/), kept between runs: a run that finds the data there only adds what is
missing. With --database-url postgres://... it creates a database of its own on that server
(lms_bench_<pid>_<random>), fills it and drops it at the end; the database named in the URL is only
used to connect, and no other database is ever dropped. Filling: migrate, seed_demo (under the
development settings, so that the demo accounts have the published password and authenticator
key), then live challenges up to --challenges and teams up to --teams in bulk: the Wagtail page rows
with their tree path, depth and URL path made here and inserted a batch at a time, then the
challenge rows, their themes and their search index entries; the teams with two verified students
each, of different institutions. The bulk challenges are checked: one renders, the index counts
them and the search finds them.

Servers, side by side on spare loopback ports, each with the same virtualenv, gunicorn settings
(deploy/gunicorn.conf.py without max_requests, see start_servers) and number of sync workers
(--workers, default 2): the site under config.settings.production with the page cache on
(PAGE_CACHE_SECONDS=300, "cached"), the site with it off (PAGE_CACHE_SECONDS=0, "uncached"), and a
bare Django (no middleware, no database) whose one view answers "ok". They share a Redis server of
the script's own (--save "" --appendonly no). In front of the cached site, the deployment kit's
nginx site (deploy/nginx, through scripts/lab.py) with its micro-cache, in plain HTTP ("edge").

Measuring. wrk drives one server at a time, never two at once: --duration seconds (default 10) at
--connections (default 8) and --threads (default 2), after a 2 s warm-up, asking for gzip as
browsers do. For each page it gives req/s, the ratio to the bare view's req/s (measured at the start
of each table) and the 50th/95th percentile latency. Queries and CPU ms per request are measured in
this process: the page is rendered --runs times (default 20) with Django's test Client under the
same production settings, database and Redis; for "cached" that is a page served from the cache (a
hit). On PostgreSQL that CPU time is Django's alone, not the database server's. A page whose first
request takes more than 5 s (or fails: gunicorn ends a request after 60 s) is rendered once here and
not driven with wrk. Anonymous pages run in both modes; the logged-in ones (My page of a student,
their project, the knowledge broker's desk, with two-step login) only uncached, since the cache
never serves them: they log in through the real login form and wrk sends the session cookie.
The anonymous pages then go through the edge as well: no queries or CPU ms in this process there
(nginx answers), but the share of requests nginx answered from its cache (HIT, from its access log).

wrk, the servers and the database share the machine: the column "others" gives the share of its
CPU that other programs used during each run; where that is high, the numbers are worth less.

It reports; it asserts nothing. Exit 0 when everything ran, 1 when wrk or redis-server is missing,
2 when something else could not run, 130 on Ctrl+C. Every process it started is stopped and its
temporary files are removed, also on Ctrl+C or a failure.
"""

# ruff: noqa: S603, S607 (it starts the programs it measures, named here, with arguments it makes itself)

import argparse
import contextlib
import http.client
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

from django.http import HttpResponse
from django.urls import path

try:
    from scripts.lab import free_port, nginx_command, stop_process, tail, write_kit_nginx
except ImportError:  # run as a program (python scripts/...): its own folder is on the path
    from lab import free_port, nginx_command, stop_process, tail, write_kit_nginx

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = BASE_DIR / ".venv" / "bin"
BENCH_DIR = BASE_DIR / "var" / "bench"
HOST = "127.0.0.1"
GUNICORN_CONFIG = BASE_DIR / "deploy" / "gunicorn.conf.py"
CACHED_SECONDS = 300  # PAGE_CACHE_SECONDS in the cached mode: the production default
WARM_UP = 2  # seconds of wrk before each measurement
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
SLOW_SECONDS = 5.0  # a page that takes longer is rendered once, not driven with wrk
GUNICORN_TIMEOUT = 60  # seconds, as deploy/gunicorn.conf.py has it
OTHER_CPU_NOTE = 0.10  # a share of the machine's CPU used by other programs worth a note under the table
# Who logs in: a student whose team has an active project (Dutch, so that the unprefixed pages
# answer rather than send to /en/; no two-step login), and the knowledge broker (two-step login).
STUDENT = "demo.student@student.mborijnland.nl"
BROKER = "kennismakelaar@example.org"
LOGIN_PAGE = "/accounts/login/"
MFA_PAGE = "/accounts/2fa/authenticate/"
# wrk prints the 50th, 75th, 90th and 99th percentiles; this gives the 95th as well.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("bench-result p50=%d p95=%d requests=%d status=%d socket=%d\\n",
    latency:percentile(50), latency:percentile(95), summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


class Interrupted(Exception):
    """SIGTERM or SIGHUP: stop and clean up as on Ctrl+C."""


class BenchFailed(Exception):
    """Something the measurement needs could not run."""


# The bare view, served by gunicorn as "bench:bare_application()" (see Bench.start_servers).
def bare_view(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", bare_view)]


def bare_application():
    """Django with one URL, no middleware, no database, no templates: what any page costs at least."""
    import django
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    settings.configure(
        DEBUG=False,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=[HOST, "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
        USE_I18N=False,
    )
    django.setup()
    return get_wsgi_application()


# -- small helpers -----------------------------------------------------------------------------


def step(text: str, started: float) -> None:
    print(f"· {text} ({time.monotonic() - started:.0f} s)", flush=True)


def database_url(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def request(port: int, method: str, path: str, cookies: dict | None = None, body: dict | None = None):
    """(status, headers, text) of one request; ``cookies`` is sent and updated from the answer."""
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    headers = {"Host": HOST, "Accept-Language": "nl"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    data = None
    if body is not None:
        data = urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
    finally:
        connection.close()
    if cookies is not None:
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value:
                    cookies[name] = morsel.value
                else:
                    cookies.pop(name, None)
    return response.status, response.headers, text


def csrf_token(text: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    if found is None:
        raise BenchFailed("no CSRF token on the login form")
    return found.group(1)


def totp_code(secret: str, *, steps: int = 0) -> str:
    """The code an authenticator app holding ``secret`` shows now (or ``steps`` periods later)."""
    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD + steps))


def machine_ticks() -> int:
    """CPU ticks the whole machine has been busy (all cores), from /proc/stat."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return user + nice + system + irq + softirq + steal


def database_backend_pids() -> list[int]:
    """The PostgreSQL server processes serving this database (none on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        return [pid for (pid,) in cursor.fetchall()]


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


# -- results -----------------------------------------------------------------------------------


@dataclass
class Load:
    """What wrk saw."""

    rps: float
    p50_ms: float
    p95_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers, and connections that failed or timed out
    other_cpu: float = 0.0  # share of the machine's CPU that other programs used meanwhile


@dataclass
class Row:
    page: str
    queries: int | None = None
    cpu_ms: float | None = None
    runs: int = 0
    load: Load | None = None
    hits: float | None = None  # the edge: the share of requests nginx answered from its cache
    notes: list[str] = field(default_factory=list)


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path


# -- the run -----------------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.started = time.monotonic()
        self.tmp = Path(tempfile.mkdtemp(prefix="lmds-bench-"))
        self.logs = self.tmp / "logs"
        self.logs.mkdir()
        self.wrk_script = self.tmp / "report.lua"
        self.wrk_script.write_text(WRK_REPORT)
        self.processes: list[subprocess.Popen] = []
        self.servers: dict[str, Server] = {}
        self.redis: subprocess.Popen | None = None
        self.created_database = ""
        self.admin_url = ""
        self.redis_port = free_port()
        if args.database_url and args.database_url.startswith(("postgres://", "postgresql://")):
            self.admin_url = args.database_url
            self.created_database = f"lms_bench_{os.getpid()}_{secrets.token_hex(3)}"
            self.database_url = database_url(self.admin_url, self.created_database)
            files = self.tmp / "files"  # the media of a database dropped at the end go with it
        elif args.database_url:
            self.database_url = args.database_url
            files = BENCH_DIR
        else:
            self.database_url = f"sqlite:///{BENCH_DIR / 'db.sqlite3'}"
            files = BENCH_DIR
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://{HOST}:{self.redis_port}/0",
            "SECURE_SSL_REDIRECT": "0",
            "EMAIL_URL": "console://",
            "MEDIA_ROOT": str(files / "media"),
            "PRIVATE_MEDIA_ROOT": str(files / "private"),
            "STATIC_ROOT": str(BENCH_DIR / "static"),
            "PAGE_CACHE_SECONDS": str(CACHED_SECONDS),
            "GUNICORN_WORKERS": str(args.workers),
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("PROMETHEUS_MULTIPROC_DIR", None)

    def step(self, text: str) -> None:
        step(text, self.started)

    # processes
    def run(self, *command, env: dict | None = None) -> str:
        result = subprocess.run(
            [str(part) for part in command], cwd=BASE_DIR, env=env or self.env, capture_output=True, text=True,
            check=False,
        )
        if result.returncode != 0:
            command_text = " ".join(map(str, command[:4]))
            raise BenchFailed(f"{command_text} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
        return result.stdout

    def manage(self, *arguments: str, env: dict | None = None) -> str:
        return self.run(VENV_BIN / "python", "manage.py", *arguments, env=env)

    def start(self, name: str, *command, env: dict | None = None) -> tuple[subprocess.Popen, Path]:
        log = self.logs / f"{name}.log"
        with log.open("a") as output:
            process = subprocess.Popen(
                [str(part) for part in command], cwd=BASE_DIR, env=env or self.env, stdout=output,
                stderr=subprocess.STDOUT, start_new_session=True,
            )
        self.processes.append(process)
        return process, log

    def wait_for(self, what: str, probe, process: subprocess.Popen, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise BenchFailed(f"{what} ended at its start")
            with contextlib.suppress(Exception):
                if probe():
                    return
            time.sleep(0.2)
        raise BenchFailed(f"{what} did not come up within {seconds:.0f} s")

    def stop(self) -> None:
        for process in reversed(self.processes):
            stop_process(process, timeout=35)
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if self.created_database:
            with contextlib.suppress(BenchFailed):
                self.run("psql", self.admin_url, "--no-psqlrc", "--quiet", "-c",
                         f'DROP DATABASE IF EXISTS "{self.created_database}" WITH (FORCE)')
        shutil.rmtree(self.tmp, ignore_errors=True)

    def print_logs(self) -> None:
        for log in sorted(self.logs.glob("*.log")):
            if log.stat().st_size:
                print(f"\n--- last lines of {log.name} ---\n{tail(log)}", file=sys.stderr)

    # setting up
    def start_redis(self) -> None:
        self.redis, _ = self.start(
            "redis", "redis-server", "--port", self.redis_port, "--bind", HOST, "--save", "", "--appendonly", "no",
            "--dir", self.tmp,
        )
        self.wait_for("Redis", lambda: socket.create_connection((HOST, self.redis_port), timeout=1), self.redis, 10)

    def prepare_database(self) -> None:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        if self.created_database:
            self.run("psql", self.admin_url, "--no-psqlrc", "--quiet", "-c",
                     f'CREATE DATABASE "{self.created_database}"')
        # The static files are collected while the database is migrated.
        collectstatic, _ = self.start("collectstatic", VENV_BIN / "python", "manage.py", "collectstatic",
                                      "--no-input", "-v0")
        self.manage("migrate", "--no-input", "-v0")
        if collectstatic.wait() != 0:
            raise BenchFailed("collectstatic failed")
        self.step(f"migrated, static files collected ({self.describe_database()})")

    def describe_database(self) -> str:
        if self.created_database:
            return f"PostgreSQL database {self.created_database}, dropped at the end"
        return self.database_url

    def setup_django(self) -> None:
        """Django in this process, under the same production settings as the servers."""
        os.environ.update(self.env)
        sys.path.insert(0, str(BASE_DIR))
        import django

        django.setup()
        # One JSON line per request, as the servers write it, but not onto this report.
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler):
                handler.setStream(open(os.devnull, "w"))  # noqa: SIM115 (open until the process ends)

    def seed(self) -> None:
        from django.db import connections

        from accounts.models import User
        from demo.accounts import DEMO_ACCOUNTS

        if User.objects.filter(email__in=[account.email for account in DEMO_ACCOUNTS]).count() < len(DEMO_ACCOUNTS):
            connections.close_all()  # SQLite: no connection of this process while another writes
            self.manage("seed_demo", env={**self.env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"})
            self.step("demo data loaded (seed_demo)")
        else:
            self.step("demo data found")

    def start_servers(self) -> None:
        # deploy/gunicorn.conf.py, but without its max_requests: at the rate of cached pages it would
        # replace each worker every second or two, and measure Django's start-up more than pages.
        gunicorn = [
            VENV_BIN / "gunicorn", "--config", GUNICORN_CONFIG, "--max-requests", "0", "--timeout", GUNICORN_TIMEOUT,
        ]
        sites = {
            "cached": {**self.env, "PAGE_CACHE_SECONDS": str(CACHED_SECONDS)},
            "uncached": {**self.env, "PAGE_CACHE_SECONDS": "0"},
        }
        for name, env in sites.items():
            port = free_port()
            process, log = self.start(name, *gunicorn, "--bind", f"{HOST}:{port}", env=env)
            self.servers[name] = Server(name, port, process, log)
        bare_env = {key: value for key, value in self.env.items() if key != "DJANGO_SETTINGS_MODULE"}
        port = free_port()
        process, log = self.start(
            "bare", *gunicorn, "--bind", f"{HOST}:{port}",
            "--pythonpath", BASE_DIR / "scripts", "bench:bare_application()", env=bare_env,
        )
        self.servers["bare"] = Server("bare", port, process, log)
        self.start_edge()
        for server in self.servers.values():
            self.wait_for(server.name, lambda s=server: server_answers(s), server.process)
        self.step(f"gunicorn with {self.args.workers} workers: " + ", ".join(
            f"{server.name} on {server.port}" for server in self.servers.values()))

    def start_edge(self) -> None:
        """The kit's nginx site (deploy/nginx) with its micro-cache, in plain HTTP, in front of the
        cached site, with nginx's worker_processes auto as on a server of its own."""
        files = Path(self.env["MEDIA_ROOT"]).parent
        static = files / "static"
        if not static.exists():  # the static files are collected once, in var/bench
            static.symlink_to(BENCH_DIR / "static")
        port = free_port()
        conf = write_kit_nginx(
            self.tmp / "nginx", logs=self.logs, srv=files, ports=[self.servers["cached"].port],
            listen=f"{HOST}:{port}", workers="auto",
        )
        self.run(*nginx_command(conf, test=True), env=os.environ)
        process, log = self.start("edge", *nginx_command(conf), env=os.environ)
        self.servers["edge"] = Server("edge", port, process, log)

    def log_in(self, email: str, password: str, totp_secret: str = "") -> dict:
        """The cookies of a session made through the login form of the uncached site."""
        port = self.servers["uncached"].port
        cookies: dict = {}
        status, _, text = request(port, "GET", LOGIN_PAGE, cookies)
        body = {"csrfmiddlewaretoken": csrf_token(text), "login": email, "password": password}
        status, headers, _ = request(port, "POST", LOGIN_PAGE, cookies, body)
        location = headers.get("Location") or ""
        if totp_secret and status == 302 and MFA_PAGE in location:
            for steps in (0, 1, -1):  # a code used once is refused a second time
                status, _, text = request(port, "GET", MFA_PAGE, cookies)
                body = {"csrfmiddlewaretoken": csrf_token(text), "code": totp_code(totp_secret, steps=steps)}
                status, headers, _ = request(port, "POST", MFA_PAGE, cookies, body)
                location = headers.get("Location") or ""
                if status == 302:
                    break
        if status != 302 or LOGIN_PAGE in location or MFA_PAGE in location or "sessionid" not in cookies:
            raise BenchFailed(f"logging in as {email} failed (answer {status}, to {location or 'nowhere'})")
        return {name: value for name, value in cookies.items() if name in ("sessionid", "csrftoken")}

    # measuring
    def wrk(self, port: int, page: str, cookies: dict) -> Load:
        url = f"http://{HOST}:{port}{page}"
        headers = ["-H", "Accept-Encoding: gzip", "-H", "Accept-Language: nl"]
        if cookies:
            headers += ["-H", "Cookie: " + "; ".join(f"{name}={value}" for name, value in cookies.items())]
        common = ["-t", str(self.args.threads), "-c", str(self.args.connections), "--timeout", "60s", *headers]
        self.run("wrk", *common, "-d", f"{WARM_UP}s", url)
        self.wait_until_idle(port)
        ours_before, machine_before, started = self.our_ticks(port), machine_ticks(), time.monotonic()
        output = self.run("wrk", *common, "-d", f"{self.args.duration:g}s", "--latency", "-s", self.wrk_script, url)
        elapsed = time.monotonic() - started
        other = (machine_ticks() - machine_before) - (self.our_ticks(port) - ours_before)
        self.wait_until_idle(port)
        rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
        found = re.search(r"bench-result p50=(\d+) p95=(\d+) requests=(\d+) status=(\d+) socket=(\d+)", output)
        if rps is None or found is None:
            raise BenchFailed(f"could not read wrk's output:\n{output}")
        p50, p95, requests, status_errors, socket_errors = (int(value) for value in found.groups())
        return Load(
            float(rps.group(1)), p50 / 1000, p95 / 1000, requests, status_errors + socket_errors,
            other_cpu=max(0.0, other / (TICKS_PER_SECOND * elapsed * (os.cpu_count() or 1))),
        )

    def server_pids(self, port: int) -> list[int]:
        server = next(server for server in self.servers.values() if server.port == port)
        children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
        with contextlib.suppress(OSError):
            return [server.process.pid, *map(int, children.read_text().split())]
        return [server.process.pid]

    def our_ticks(self, port: int) -> int:
        """CPU ticks of what a measurement runs: the server, the shared Redis, the PostgreSQL
        backends of the database, this process and the programs it waited for (wrk)."""
        own = os.times()
        pids = self.server_pids(port)
        if port == self.servers["edge"].port:  # and the site behind it, for what nginx did not keep
            pids += self.server_pids(self.servers["cached"].port)
        return (
            cpu_ticks([*pids, self.redis.pid, *database_backend_pids()])
            + round((own.user + own.system + own.children_user + own.children_system) * TICKS_PER_SECOND)
        )

    def wait_until_idle(self, port: int, timeout: float = 180) -> None:
        """Until the server's workers stop using CPU: requests wrk left behind are finished before
        the next measurement starts."""
        deadline = time.monotonic() + timeout
        before = cpu_ticks(self.server_pids(port))
        while time.monotonic() < deadline:
            time.sleep(0.3)
            now = cpu_ticks(self.server_pids(port))
            if now - before <= 2:
                return
            before = now

    def measure_in_process(self, row: Row, page: str, cookies: dict, *, cached: bool, slow: bool) -> None:
        """Queries and CPU time per request, rendered in this process by Django's test Client: the
        queries of one request after a first one (for "cached", a page from the cache), the CPU
        time over --runs more (fewer for a page that takes long: about 10 s of CPU in all). A slow
        page is rendered once, and that one counts."""
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, override_settings

        client = Client(HTTP_HOST=HOST, HTTP_ACCEPT_ENCODING="gzip", HTTP_ACCEPT_LANGUAGE="nl")
        for name, value in cookies.items():
            client.cookies[name] = value
        with override_settings(PAGE_CACHE_SECONDS=CACHED_SECONDS if cached else 0):
            with CaptureQueriesContext(connection) as queries:
                started = time.process_time()
                response = client.get(page)  # warms up; stores the page in the cached mode
                first = time.process_time() - started
            if response.status_code != 200:
                raise BenchFailed(f"{page} answered {response.status_code} in this process")
            if slow:
                row.queries, row.cpu_ms, row.runs = len(queries.captured_queries), first * 1000, 1
                return
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page)
            row.queries = len(queries.captured_queries)
            if cached and response.get("X-Page-Cache") != "hit":
                row.notes.append(f"{page}: not served from the page cache in this process")
            row.runs = max(3, min(self.args.runs, int(10 / max(first, 0.001))))
            started = time.process_time()
            for _ in range(row.runs):
                client.get(page)
            row.cpu_ms = (time.process_time() - started) / row.runs * 1000

    def measure(self, mode: str, pages: list[tuple[str, str, dict]]) -> tuple[Load, list[Row]]:
        """The bare view, then each (label, page, cookies) on the site of this mode."""
        server = self.servers[mode]
        self.step(f"{mode}: the bare view")
        bare = self.wrk(self.servers["bare"].port, "/", {})
        rows = []
        for label, page, cookies in pages:
            self.step(f"{mode}: {label}")
            row = Row(label)
            started = time.monotonic()
            status = request(server.port, "GET", page, dict(cookies))[0]
            seconds = time.monotonic() - started
            # A page that takes seconds would only pile requests up behind wrk's connections.
            slow = status != 200 or seconds > SLOW_SECONDS
            if status != 200:
                row.notes.append(
                    f"{page}: the {mode} site answered {status} after {seconds:.0f} s (gunicorn ends a request "
                    f"after {GUNICORN_TIMEOUT} s); not driven with wrk, rendered once in this process"
                )
            elif slow:
                row.notes.append(f"{page}: one request took {seconds:.1f} s; not driven with wrk, rendered once")
            self.measure_in_process(row, page, cookies, cached=mode == "cached", slow=slow)
            if slow:
                self.wait_until_idle(server.port)
                rows.append(row)
                continue
            row.load = self.wrk(server.port, page, cookies)
            if mode == "cached":
                hit = request(server.port, "GET", page, dict(cookies))[1].get("X-Page-Cache")
                if hit != "hit":
                    row.notes.append(f"{page}: the cached site answered X-Page-Cache: {hit}")
            if row.load.errors:
                row.notes.append(f"{page}: {row.load.errors} of {row.load.requests} requests failed or timed out")
            rows.append(row)
        return bare, rows

    def measure_edge(self, pages: list[str]) -> tuple[Load, list[Row]]:
        """The bare view, then each anonymous page through the kit's nginx: req/s and latency as
        for the others, and the share of requests nginx answered from its micro-cache (its access
        log's cache=HIT) during the warm-up and the run."""
        edge = self.servers["edge"]
        access_log = self.logs / "nginx-access.log"
        self.step("edge: the bare view")
        bare = self.wrk(self.servers["bare"].port, "/", {})
        rows = []
        for page in pages:
            self.step(f"edge: {page}")
            row = Row(page)
            states = tuple(request(edge.port, "GET", page)[1].get("X-Edge-Cache") for _ in range(2))
            if states != ("MISS", "HIT"):
                row.notes.append(f"{page}: X-Edge-Cache {states[0]} on the first request, {states[1]} on the second")
            offset = access_log.stat().st_size
            row.load = self.wrk(edge.port, page, {})
            with access_log.open("rb") as log:
                log.seek(offset)
                lines = log.read().splitlines()
            row.hits = sum(line.endswith(b"cache=HIT") for line in lines) / max(1, len(lines))
            if row.load.errors:
                row.notes.append(f"{page}: {row.load.errors} of {row.load.requests} requests failed or timed out")
            rows.append(row)
        return bare, rows


def server_answers(server: Server) -> bool:
    if server.name == "bare":
        return request(server.port, "GET", "/")[2] == "ok"
    return request(server.port, "GET", "/healthz")[0] == 200


# -- filling the database in bulk -----------------------------------------------------------------


def fill(challenges: int, teams: int, log) -> None:
    from django.db import transaction

    from demo.bulk import fill_challenges, fill_teams

    for what, make, total in (("challenges", fill_challenges, challenges), ("teams", fill_teams, teams)):
        started = time.monotonic()
        with transaction.atomic():
            made = make(total)
        if made:
            log(f"{made} {what} made in bulk in {time.monotonic() - started:.1f} s")


def check_fill(challenges: int) -> str:
    """The bulk challenges are real: one renders, the index counts them and the search finds them."""
    from django.test import Client

    from demo.bulk import BULK_SLUG
    from marketplace.models import ChallengeIndexPage, ChallengePage, Team
    from marketplace.selectors.challenges import challenge_list, live_challenge_ids_matching

    index = ChallengeIndexPage.objects.get()
    listed = challenge_list(parent=index).count()
    live = ChallengePage.objects.live().count()
    if listed != live or live < challenges:
        raise BenchFailed(f"the challenge index lists {listed} challenges of {live} live; wanted {challenges}")
    bulk = ChallengePage.objects.live().filter(slug__startswith=BULK_SLUG).order_by("-pk").first()
    if bulk is not None:
        response = Client(HTTP_HOST=HOST).get(bulk.get_url())
        if response.status_code != 200 or bulk.title.encode() not in response.content:
            raise BenchFailed(f"the bulk-made challenge {bulk.get_url()} answered {response.status_code}")
        if bulk.pk not in live_challenge_ids_matching(bulk.title.split(":")[1].split()[0]):
            raise BenchFailed("the search does not find the bulk-made challenges")
    return f"{live} live challenges in the index, {Team.objects.count()} teams"


def pick_pages() -> tuple[list[str], list[tuple[str, str, str]]]:
    """The anonymous pages, and the logged-in ones as (who, e-mail, page)."""
    from django.urls import reverse
    from django.utils import translation

    from demo.bulk import BULK_SLUG
    from marketplace.models import ChallengePage, Project, Theme

    theme = Theme.objects.order_by("sort_order", "name").first()
    challenge = (
        ChallengePage.objects.live().public().exclude(slug__startswith=BULK_SLUG).order_by("pk").first()
        or ChallengePage.objects.live().public().order_by("pk").first()
    )
    anonymous = [
        "/",
        "/en/",
        "/uitdagingen/",
        f"/uitdagingen/?theme={theme.slug}",
        "/uitdagingen/?q=groen",
        challenge.get_url(),
        "/verhalen/",
        "/impact/",
    ]
    project = (
        Project.objects.filter(team__memberships__user__email=STUDENT).order_by("status", "pk").first()
    )
    with translation.override("nl"):
        logged_in = [("student", STUDENT, reverse("dashboard:my_page"))]
        if project is not None:
            logged_in.append(("student", STUDENT, reverse("projects:detail", args=[project.pk])))
        logged_in.append(("broker", BROKER, reverse("broker:desk")))
    return anonymous, logged_in


# -- the report ----------------------------------------------------------------------------------


def print_table(mode: str, bare: Load, rows: list[Row]) -> None:
    width = max(len(row.page) for row in rows)
    print(
        f"\n{mode}: bare view {bare.rps:,.0f} req/s (p50 {bare.p50_ms:.1f} ms, p95 {bare.p95_ms:.1f} ms; "
        f"others {bare.other_cpu:.0%})"
    )
    edge = any(row.hits is not None for row in rows)
    header = (
        f"{'page':<{width}}  {'queries':>7}  {'CPU ms':>9}  {'req/s':>8}  {'ratio':>6}  {'p50 ms':>8}  {'p95 ms':>8}"
        f"  {'others':>6}" + (f"  {'HIT':>6}" if edge else "")
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        load = row.load
        measured = (
            f"{load.rps:>8,.1f}  {load.rps / bare.rps:>6.3f}  {load.p50_ms:>8,.1f}  {load.p95_ms:>8,.1f}"
            f"  {load.other_cpu:>6.0%}"
            if load
            else f"{'-':>8}  {'-':>6}  {'-':>8}  {'-':>8}  {'-':>6}"
        )
        in_process = (
            f"{row.queries:>7}  {row.cpu_ms:>9,.1f}" if row.cpu_ms is not None else f"{'-':>7}  {'-':>9}"
        )
        hits = f"  {row.hits:>6.1%}" if edge else ""
        print(f"{row.page:<{width}}  {in_process}  {measured}{hits}")
    for row in rows:
        for note in row.notes:
            print(f"  note: {note}")
    if max([bare.other_cpu, *(row.load.other_cpu for row in rows if row.load)]) > OTHER_CPU_NOTE:
        print(f"  note: other programs used more than {OTHER_CPU_NOTE:.0%} of the machine's CPU during some runs "
              "(others): those req/s and latencies are lower than this machine can do")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--challenges", type=int, default=10_000, help="live challenges in all (default 10000)")
    parser.add_argument("--teams", type=int, default=1_000, help="teams in all (default 1000)")
    parser.add_argument("--database-url", default="", help="postgres://... : a server to make a database on")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of wrk per page (default 10)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server (default 2)")
    parser.add_argument("--runs", type=int, default=20, help="renders per page in this process (default 20)")
    args = parser.parse_args()
    for program, package in (("wrk", "wrk"), ("redis-server", "redis-server"), ("nginx", "nginx-light")):
        if shutil.which(program) is None:
            print(f"{program} is missing; install it with: sudo apt-get install -y {package}", file=sys.stderr)
            return 1

    def interrupt(signum, frame):
        raise Interrupted

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)
    bench = Bench(args)
    try:
        bench.start_redis()
        bench.prepare_database()
        bench.setup_django()
        bench.seed()
        fill(args.challenges, args.teams, bench.step)
        bench.step(check_fill(args.challenges))
        anonymous, logged_in = pick_pages()
        bench.start_servers()

        from demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET

        sessions = {
            STUDENT: bench.log_in(STUDENT, DEMO_PASSWORD),
            BROKER: bench.log_in(BROKER, DEMO_PASSWORD, DEMO_TOTP_SECRET),
        }
        cached = bench.measure("cached", [(page, page, {}) for page in anonymous])
        edge = bench.measure_edge(anonymous)
        uncached = bench.measure(
            "uncached",
            [(page, page, {}) for page in anonymous]
            + [(f"{page} ({who})", page, sessions[email]) for who, email, page in logged_in],
        )
        print(f"\n{os.cpu_count()} cores; wrk {args.duration:g} s per page at {args.connections} connections, "
              f"{args.threads} threads; gunicorn {args.workers} sync workers per server; "
              f"{bench.describe_database()}")
        print("queries and CPU ms: per request, rendered in one process (cached: a page from the cache); "
              "ratio: req/s of the page / req/s of the bare view;\nothers: the share of the machine's CPU "
              "that programs other than the server, its database and Redis, and wrk used during the run;\n"
              "HIT: the share of requests nginx answered from its micro-cache (its access log)")
        print_table("cached (PAGE_CACHE_SECONDS=300)", *cached)
        print_table("edge (the kit's nginx and its micro-cache in front of the cached site)", *edge)
        print_table("uncached (PAGE_CACHE_SECONDS=0)", *uncached)
        return 0
    except (KeyboardInterrupt, Interrupted):
        print("\ninterrupted; cleaning up", file=sys.stderr)
        return 130
    except Exception as error:
        print(f"\nthe benchmark could not run: {error}", file=sys.stderr)
        bench.print_logs()
        return 2
    finally:
        # A second Ctrl+C must not leave a server or a database behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        bench.stop()


if __name__ == "__main__":
    sys.exit(main())
