"""Fault suite: the production stack under mixed load while Redis stops, PostgreSQL restarts and an
app worker dies.

Usage (from the project folder):
    make resilience
    .venv/bin/python scripts/resilience.py --duration 60 --concurrency 8

It starts everything it needs on loopback ports of its own and removes it all when it ends, also on
Ctrl+C or a failure: a PostgreSQL cluster in a temporary folder (port 55432), a Redis server
(port 56379), gunicorn with the production settings (3 workers, port 58080), the task worker
(``run_worker``, or django-tasks-db's ``db_worker`` where that command is missing) and, in front,
nginx with the kit's site as it is (deploy/nginx: its retry of a GET whose worker died, its
micro-cache), in plain HTTP on port 58081; ``--direct`` loads gunicorn itself instead. It migrates,
collects the static files and loads the demo data (``seed_demo --allow-production``; the resident's
password is the random one it prints), then runs three rounds of --duration seconds of load at
--concurrency connections (anonymous pages: home, the challenge index, a challenge, the feed, each
with a query parameter no cache has seen, so that the app renders every one; --cached leaves it
off, and then nginx's micro-cache answers nearly all of them; logins
of the demo resident, at most one every 2.5 s, below allauth's 30 a minute from one address; My page
logged in).
Ten seconds into each round it injects one fault:

- redis: Redis stopped for 20 s, then started again (empty);
- postgres: PostgreSQL restarted (``pg_ctl restart -m fast``);
- app-worker: one gunicorn worker killed (SIGKILL).

For each round it prints the requests, the 5xx answers and the requests that got no answer at all
(with --direct; behind nginx those are 502s), per kind of request, how many anonymous pages a cache
answered (nginx's, the app's) rather than the app rendering them, the
recovery time (from the end of the fault until the first success after which nothing fails), and
whether the task worker still runs and runs a task queued after the fault. Targets: redis 0 failures
on anonymous pages and logins; postgres at most 1 % failures, recovery under 5 s, task worker
running; app-worker 0 failures. It exits 1 when a target is missed, after printing everything.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

try:
    from scripts.lab import nginx_command, stop_process, tail, write_kit_nginx
except ImportError:  # run as a program (python scripts/...): its own folder is on the path
    from lab import nginx_command, stop_process, tail, write_kit_nginx

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = BASE_DIR / ".venv" / "bin" / "python"
GUNICORN = BASE_DIR / ".venv" / "bin" / "gunicorn"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
HOST = "127.0.0.1"
DEMO_LOGIN = "bewoner@example.org"  # a demo account without two-step login
# The demo data's published password, used when seed_demo does not print one of its own.
DEMO_PASSWORD = "leiden-demo-2026"  # noqa: S105
MY_PAGE = "/mijn-pagina/"
LOGIN_PAGE = "/accounts/login/"
FAULT_AT = 10.0  # seconds into a round
REDIS_DOWN = 20.0
LOGIN_INTERVAL = 2.5  # seconds between two logins


class Interrupted(Exception):
    """SIGTERM or SIGHUP: stop and clean up as on Ctrl+C."""


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex((HOST, port)) != 0


def wait_for(check, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s")


class Stack:
    """The processes under test, each started here and stopped here."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="lmds-resilience-"))
        self.pg_root = self.tmp / "postgresql"
        self.pg_data = self.pg_root / "data"
        self.pg_socket = self.pg_root / "socket"
        self.pg_log = self.pg_root / "postgres.log"
        self.redis: subprocess.Popen | None = None
        self.gunicorn: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        # Where the load goes: nginx with the kit's site in front of gunicorn, or gunicorn itself.
        self.load_port = args.app_port if args.direct else args.front_port
        self.pg_started = False
        self.logs = self.tmp / "logs"
        self.logs.mkdir()
        self.app_log = self.logs / "app.log"
        self.worker_log = self.logs / "worker.log"
        self.password = DEMO_PASSWORD
        self.uses_task_queue = (
            subprocess.run([PYTHON, "-c", "import django_tasks_db"], capture_output=True, check=False).returncode == 0  # noqa: S603
        )
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "DATABASE_URL": f"postgres://postgres@{HOST}:{args.pg_port}/lerenmetdestad",
            "REDIS_URL": f"redis://{HOST}:{args.redis_port}/0",
            "SECURE_SSL_REDIRECT": "0",
            "EMAIL_URL": "console://",
            "MEDIA_ROOT": str(self.tmp / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.tmp / "private"),
            "STATIC_ROOT": str(self.tmp / "static"),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        if self.uses_task_queue:
            self.env["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"

    # PostgreSQL
    def pg(self, program: str, *arguments) -> list:
        # PostgreSQL refuses to run as root; as root, run it as the system's postgres user.
        command = [PG_BIN / program, *arguments]
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    def start_postgres(self) -> None:
        self.pg_socket.mkdir(parents=True)
        if os.geteuid() == 0:
            self.tmp.chmod(0o711)
            for path in (self.pg_root, self.pg_socket):
                shutil.chown(path, "postgres", "postgres")
        self.run(self.pg("initdb", "-D", self.pg_data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"))
        options = f"-p {self.args.pg_port} -k {self.pg_socket} -c listen_addresses={HOST} -c fsync=off"
        self.run(self.pg("pg_ctl", "-D", self.pg_data, "-o", options, "-l", self.pg_log, "-w", "start"))
        self.pg_started = True
        self.run([PG_BIN / "createdb", "-h", HOST, "-p", str(self.args.pg_port), "-U", "postgres", "lerenmetdestad"])

    def restart_postgres(self) -> None:
        # With -l, so that the new server does not inherit (and hold open) this pipe.
        self.run(self.pg("pg_ctl", "-D", self.pg_data, "-m", "fast", "-l", self.pg_log, "-w", "restart"))

    def stop_postgres(self) -> None:
        if self.pg_started:
            subprocess.run(  # noqa: S603
                [str(part) for part in self.pg("pg_ctl", "-D", self.pg_data, "-m", "immediate", "-w", "stop")],
                capture_output=True,
                check=False,
            )
            self.pg_started = False

    # Redis
    def start_redis(self) -> None:
        command = [
            "redis-server", "--port", str(self.args.redis_port), "--bind", HOST, "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--dir", str(self.tmp),
        ]  # fmt: skip
        log = (self.logs / "redis.log").open("a")
        self.redis = subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True)  # noqa: S603
        wait_for(lambda: self.redis_ping(), "Redis", 10)

    def redis_ping(self) -> bool:
        with socket.create_connection((HOST, self.args.redis_port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")

    def stop_redis(self) -> None:
        stop_process(self.redis)
        self.redis = None

    # The app and the task worker
    def manage(self, *arguments: str, capture: bool = False) -> str:
        result = self.run([PYTHON, "manage.py", *arguments], capture=capture)
        return result

    def start_app(self) -> None:
        command = [
            GUNICORN, "config.wsgi", "--bind", f"{HOST}:{self.args.app_port}", "--workers", str(self.args.workers),
            "--timeout", "30", "--graceful-timeout", "5", "--error-logfile", str(self.app_log),
        ]  # fmt: skip
        log = self.app_log.open("a")
        self.gunicorn = subprocess.Popen(  # noqa: S603
            command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        wait_for(lambda: request("GET", "/healthz", self.args.app_port)[0] == 200, "gunicorn", 60)

    def app_workers(self) -> list[int]:
        children = Path(f"/proc/{self.gunicorn.pid}/task/{self.gunicorn.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def start_worker(self) -> None:
        if not self.uses_task_queue:
            return
        command = self.worker_command()
        log = self.worker_log.open("a")
        self.worker = subprocess.Popen(  # noqa: S603
            command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=log, start_new_session=True
        )

    def worker_command(self) -> list:
        # A supervising wrapper, when the project has one, is what production runs.
        commands = self.manage("help", "--commands", capture=True).split()
        name = "run_worker" if "run_worker" in commands else "db_worker"
        return [PYTHON, "manage.py", name]

    def worker_runs_a_task(self, timeout: float = 30.0) -> str:
        """Queue a task and wait for the worker to finish it: "yes", or why not."""
        if not self.uses_task_queue:
            return "no queue"
        if self.worker is None or self.worker.poll() is not None:
            return "exited"
        code = (
            "import time\n"
            "from accounts.tasks import send_notification_email\n"
            "result = send_notification_email.enqueue(0)\n"
            f"deadline = time.monotonic() + {timeout}\n"
            "while time.monotonic() < deadline:\n"
            "    result.refresh()\n"
            "    if result.status in ('SUCCESSFUL', 'FAILED'):\n"
            "        break\n"
            "    time.sleep(0.3)\n"
            "print('STATUS', result.status)\n"
        )
        try:
            output = self.manage("shell", "-c", code, capture=True)
        except RuntimeError:
            return "queueing failed"
        # A missing notification makes the task fail; either way the worker picked it up.
        return "yes" if re.search(r"STATUS (SUCCESSFUL|FAILED)", output) else "not run"

    def run(self, command: list, capture: bool = False) -> str:
        result = subprocess.run(  # noqa: S603
            [str(part) for part in command], cwd=BASE_DIR, env=self.env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(map(str, command[:3]))} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
            )
        return result.stdout if capture else ""

    def start_nginx(self) -> None:
        """The kit's nginx site (deploy/nginx) as it is, its micro-cache included, in plain HTTP on
        a loopback port, in front of this suite's gunicorn."""
        conf = write_kit_nginx(
            self.tmp / "nginx", logs=self.logs, srv=self.tmp, ports=[self.args.app_port],
            listen=f"{HOST}:{self.args.front_port}", server_name=HOST,
        )
        log = (self.logs / "nginx.log").open("w")
        self.nginx = subprocess.Popen(  # noqa: S603
            nginx_command(conf),
            stdout=log, stderr=log, start_new_session=True,
        )
        wait_for(lambda: request("GET", "/healthz", self.args.front_port)[0] == 200, "nginx", 30)

    def start(self) -> None:
        ports = [("PostgreSQL", self.args.pg_port), ("Redis", self.args.redis_port), ("app", self.args.app_port)]
        if not self.args.direct:
            if shutil.which("nginx") is None:
                raise RuntimeError("nginx is missing: apt-get install -y nginx-light, or run with --direct")
            ports.append(("front", self.args.front_port))
        for name, port in ports:
            if not port_is_free(port):
                raise RuntimeError(f"port {port} for {name} is in use; choose another with --{name.lower()}-port")
        step("PostgreSQL and Redis")
        self.start_postgres()
        self.start_redis()
        step("migrate, collectstatic, seed_demo")
        self.manage("migrate", "--no-input", "-v0")
        self.manage("collectstatic", "--no-input", "-v0")
        seed = ["seed_demo"]
        if "--allow-production" in self.manage("seed_demo", "--help", capture=True):
            seed.append("--allow-production")
        output = self.manage(*seed, capture=True)
        # Under production settings each demo account gets a random password, printed once.
        found = re.search(rf"{re.escape(DEMO_LOGIN)}\s+password: (\S+)", output)
        self.password = found.group(1) if found else DEMO_PASSWORD
        step("gunicorn and the task worker" + ("" if self.args.direct else ", nginx in front"))
        self.start_app()
        self.start_worker()
        if not self.args.direct:
            self.start_nginx()

    def stop(self) -> None:
        for process in (self.nginx, self.gunicorn, self.worker, self.redis):
            stop_process(process)
        self.stop_postgres()
        shutil.rmtree(self.tmp, ignore_errors=True)


def step(text: str) -> None:
    print(f"· {text}", flush=True)


def request(method: str, path: str, port: int, cookies: dict | None = None, body: dict | None = None):
    """(status or None when no answer came, headers, text)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=15)
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
    except (OSError, http.client.HTTPException):
        return None, None, ""
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


@dataclass
class Outcome:
    at: float
    kind: str
    status: int | None
    ok: bool
    cached: str = ""  # "nginx" or "app" when a cache answered, "" when the page was rendered

    @property
    def failed(self) -> bool:
        return self.status is None or self.status >= 500


@dataclass
class Load:
    port: int
    paths: dict
    password: str
    outcomes: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    last_login: float = 0.0
    cached: bool = False  # anonymous pages as visitors ask for them: from nginx's or the app's cache
    sequence: int = 0

    def record(self, kind: str, status: int | None, ok: bool, cached: str = "") -> None:
        with self.lock:
            self.outcomes.append(Outcome(time.monotonic(), kind, status, ok, cached))

    def get(self, kind: str, path: str, cookies: dict | None = None, expect: int = 200):
        if kind == "anonymous" and not self.cached:
            # An address no cache has seen: the app renders every anonymous page, as it would
            # for visitors who all came with different links.
            with self.lock:
                self.sequence += 1
                path += f"{'&' if '?' in path else '?'}uncached={self.sequence}"
        status, headers, text = request("GET", path, self.port, cookies)
        cached = ""
        if headers is not None and headers.get("X-Edge-Cache") in ("HIT", "STALE", "UPDATING"):
            cached = "nginx"
        elif headers is not None and headers.get("X-Page-Cache") == "hit":
            cached = "app"
        self.record(kind, status, status == expect, cached)
        return status, headers, text

    def may_log_in(self) -> bool:
        # allauth allows 30 logins a minute from one address (its default "login" limit), and
        # every connection here comes from one: keep under it, or the limit answers 429.
        with self.lock:
            now = time.monotonic()
            if now - self.last_login < LOGIN_INTERVAL:
                return False
            self.last_login = now
            return True

    def log_in(self, cookies: dict) -> bool:
        cookies.clear()
        status, _, text = self.get("login", LOGIN_PAGE, cookies)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        if status != 200 or token is None:
            return False
        body = {"csrfmiddlewaretoken": token.group(1), "login": DEMO_LOGIN, "password": self.password}
        status, headers, _ = request("POST", LOGIN_PAGE, self.port, cookies, body)
        logged_in = status == 302 and LOGIN_PAGE not in (headers.get("Location") or "")
        self.record("login", status, logged_in)
        return logged_in

    def connection(self, number: int) -> None:
        # Each connection walks the same mix, starting at a different place: eight anonymous
        # pages, one login (two requests) and three views of My page per round.
        mix = ["home", "index", "challenge", "feed"] * 2 + ["login"] + ["member"] * 3
        cookies: dict = {}
        position = number * 3
        while not self.stop.is_set():
            kind = mix[position % len(mix)]
            position += 1
            if kind == "login":
                if self.may_log_in():
                    self.log_in(cookies)
                else:
                    self.get("anonymous", self.paths["home"])
            elif kind == "member":
                if "sessionid" not in cookies and not (self.may_log_in() and self.log_in(cookies)):
                    self.get("anonymous", self.paths["index"])
                    continue
                status, _, _ = self.get("member", MY_PAGE, cookies)
                if status == 302:
                    cookies.clear()  # the session was lost: log in again
            else:
                self.get("anonymous", self.paths[kind])
            if self.outcomes and self.outcomes[-1].status is None:
                time.sleep(0.05)  # a refused connection returns at once: do not spin

    def run(self, concurrency: int) -> list:
        threads = [
            threading.Thread(target=self.connection, args=(number,), daemon=True) for number in range(concurrency)
        ]
        for thread in threads:
            thread.start()
        return threads


@dataclass
class Round:
    fault: str
    started: float
    fault_start: float = 0.0
    fault_end: float = 0.0
    outcomes: list = field(default_factory=list)
    worker: str = ""
    app_errors: list = field(default_factory=list)

    def count(self, kinds: tuple = ("anonymous", "login", "member")) -> tuple[int, int, int, int]:
        """Requests, 5xx, no answer and other unexpected answers (e.g. a lost session)."""
        chosen = [outcome for outcome in self.outcomes if outcome.kind in kinds]
        server_errors = sum(1 for outcome in chosen if outcome.status is not None and outcome.status >= 500)
        unanswered = sum(1 for outcome in chosen if outcome.status is None)
        unexpected = sum(1 for outcome in chosen if not outcome.ok and not outcome.failed)
        return len(chosen), server_errors, unanswered, unexpected

    def recovery(self) -> float:
        """From the end of the fault to the first success after which nothing failed."""
        failures = [outcome.at for outcome in self.outcomes if outcome.failed and outcome.at >= self.fault_start]
        if not failures:
            return 0.0
        last_failure = max(failures)
        later = [outcome.at for outcome in self.outcomes if outcome.ok and outcome.at > last_failure]
        if not later:
            return float("inf")
        return max(0.0, min(later) - self.fault_end)


def inject(stack: Stack, fault: str, current: Round) -> None:
    current.fault_start = time.monotonic()
    if fault == "redis":
        stack.stop_redis()
        time.sleep(REDIS_DOWN)
        stack.start_redis()
    elif fault == "postgres":
        stack.restart_postgres()
    elif fault == "app-worker":
        os.kill(stack.app_workers()[0], signal.SIGKILL)
    current.fault_end = time.monotonic()


def app_errors(log: Path, offset: int) -> tuple[list[str], int]:
    """The most frequent problems the app logged since ``offset``: for a JSON log line its
    message and the last line of its exception, for plain text the exception lines."""
    if not log.exists():
        return [], offset
    text = log.read_text(errors="replace")
    counts: dict[str, int] = {}
    for line in text[offset:].splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            entry = None
        if isinstance(entry, dict):
            if entry.get("level") not in {"WARNING", "ERROR", "CRITICAL"}:
                continue
            exception = str(entry.get("exc_info") or "").strip().splitlines()[-1:]
            problem = " | ".join([str(entry.get("message", "")), *exception])
        elif re.match(r"^[\w.]+(Error|Exception)\b", line):
            problem = line
        else:
            continue
        counts[problem[:200]] = counts.get(problem[:200], 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])[:4]
    return [f"{number}× {problem}" for problem, number in ranked], len(text)


def run_round(stack: Stack, fault: str, paths: dict, args: argparse.Namespace, log_offset: int) -> tuple[Round, int]:
    step(f"round '{fault}': {args.duration:.0f} s of load at {args.concurrency} connections")
    load = Load(stack.load_port, paths, stack.password, cached=args.cached)
    current = Round(fault, time.monotonic())
    threads = load.run(args.concurrency)
    try:
        time.sleep(FAULT_AT)
        inject(stack, fault, current)
        time.sleep(max(0.0, current.started + args.duration - time.monotonic()))
    finally:
        load.stop.set()
    for thread in threads:
        thread.join(timeout=20)
    current.outcomes = list(load.outcomes)
    current.worker = stack.worker_runs_a_task()
    current.app_errors, log_offset = app_errors(stack.app_log, log_offset)
    # The next round starts on a settled stack.
    wait_for(lambda: request("GET", "/", stack.load_port)[0] == 200, "the home page after the fault", 60)
    return current, log_offset


def discover_paths(stack: Stack) -> dict:
    code = (
        "from marketplace.models import ChallengeIndexPage, ChallengePage\n"
        "print('INDEX', ChallengeIndexPage.objects.live().first().get_url())\n"
        "print('CHALLENGE', ChallengePage.objects.live().public().first().get_url())\n"
    )
    output = stack.manage("shell", "-c", code, capture=True)
    found = dict(re.findall(r"^(INDEX|CHALLENGE) (\S+)$", output, re.MULTILINE))
    return {"home": "/", "index": found["INDEX"], "challenge": found["CHALLENGE"], "feed": "/feeds/rss/"}


def check_paths(paths: dict, port: int, password: str) -> None:
    for name, path in paths.items():
        status = request("GET", path, port)[0]
        if status != 200:
            raise RuntimeError(f"{name} ({path}) answered {status} before any fault")
    load = Load(port, paths, password)
    cookies: dict = {}
    if not load.log_in(cookies) or request("GET", MY_PAGE, port, cookies)[0] != 200:
        raise RuntimeError(f"logging in as {DEMO_LOGIN} and opening {MY_PAGE} failed before any fault")


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def report(rounds: list) -> bool:
    print()
    header = f"{'fault':<11} {'kind':<10} {'requests':>8} {'5xx':>5} {'no answer':>9} {'failed':>8} {'other':>6}"
    print(header + f" {'recovery':>9} {'task worker':>12}  target")
    print("-" * (len(header) + 32))
    all_met = True
    for current in rounds:
        requests, server_errors, unanswered, unexpected = current.count()
        recovery = current.recovery()
        anonymous_and_login = current.count(("anonymous", "login"))
        if current.fault == "redis":
            met = anonymous_and_login[1] + anonymous_and_login[2] == 0
            target = "0 failed on anonymous pages and login"
        elif current.fault == "postgres":
            met = (server_errors + unanswered) <= 0.01 * requests and recovery < 5 and current.worker == "yes"
            target = "≤ 1 % failed, recovery < 5 s, worker runs"
        else:
            met = server_errors + unanswered == 0
            target = "0 failed"
        all_met = all_met and met
        recovery_text = "never" if recovery == float("inf") else f"{recovery:.1f} s"
        print(
            f"{current.fault:<11} {'all':<10} {requests:>8} {server_errors:>5} {unanswered:>9} "
            f"{share(server_errors + unanswered, requests):>8} {unexpected:>6} {recovery_text:>9} {current.worker:>12}"
            f"  {'met' if met else 'MISSED'}: {target}"
        )
        for kind in ("anonymous", "login", "member"):
            requests, server_errors, unanswered, unexpected = current.count((kind,))
            statuses = sorted(
                {str(outcome.status) for outcome in current.outcomes if outcome.kind == kind and not outcome.ok}
            )
            print(
                f"{'':<11} {kind:<10} {requests:>8} {server_errors:>5} {unanswered:>9} "
                f"{share(server_errors + unanswered, requests):>8} {unexpected:>6}"
                + (f"  (not as expected: {', '.join(statuses)})" if statuses else "")
            )
        anonymous = [outcome for outcome in current.outcomes if outcome.kind == "anonymous"]
        from_nginx = sum(outcome.cached == "nginx" for outcome in anonymous)
        from_app = sum(outcome.cached == "app" for outcome in anonymous)
        rendered = len(anonymous) - from_nginx - from_app
        print(
            f"{'':<11} {'':<10} anonymous pages answered from nginx's cache {share(from_nginx, len(anonymous))}, "
            f"from the app's page cache {share(from_app, len(anonymous))}, rendered {share(rendered, len(anonymous))}"
        )
    print()
    print("failed = 5xx + no answer (a 502 from nginx); other = an unexpected answer that is not a failure")
    print("(e.g. My page sending a logged-in visitor to the login page); recovery = from the end of the fault")
    print("to the first success after which nothing failed; task worker = still running and ran a task queued")
    print("after the round.")
    for current in rounds:
        if current.app_errors:
            print(f"\nmost frequent errors in the app's log during '{current.fault}':")
            for line in current.app_errors:
                print(f"  {line}")
    return all_met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load per fault (default 60)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--faults", default="redis,postgres,app-worker")
    parser.add_argument("--pg-port", "--postgresql-port", dest="pg_port", type=int, default=55432)
    parser.add_argument("--redis-port", type=int, default=56379)
    parser.add_argument("--app-port", type=int, default=58080)
    parser.add_argument("--front-port", type=int, default=58081, help="nginx (default 58081)")
    parser.add_argument("--direct", action="store_true", help="load gunicorn itself, without nginx in front")
    parser.add_argument(
        "--cached", action="store_true",
        help="anonymous pages as visitors ask for them, mostly from the caches (default: each a new address, rendered)",
    )
    args = parser.parse_args()
    faults = [fault.strip() for fault in args.faults.split(",") if fault.strip()]
    unknown = set(faults) - {"redis", "postgres", "app-worker"}
    if unknown:
        parser.error(f"unknown faults: {', '.join(sorted(unknown))}")
    if args.duration < FAULT_AT + REDIS_DOWN + 5:
        parser.error(f"--duration must be at least {FAULT_AT + REDIS_DOWN + 5:.0f} s")

    def interrupt(signum, frame):
        raise Interrupted

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)
    stack = Stack(args)
    try:
        stack.start()
        if not stack.uses_task_queue:
            print("  django-tasks-db is not installed: no task worker, its column says so")
        paths = discover_paths(stack)
        check_paths(paths, stack.load_port, stack.password)
        rounds, log_offset = [], 0
        for fault in faults:
            current, log_offset = run_round(stack, fault, paths, args, log_offset)
            rounds.append(current)
        return 0 if report(rounds) else 1
    except (KeyboardInterrupt, Interrupted):
        print("\ninterrupted; cleaning up", file=sys.stderr)
        return 130
    except Exception as error:
        print(f"\nthe fault suite could not run: {error}", file=sys.stderr)
        for log in [*sorted(stack.logs.glob("*.log")), stack.pg_log]:
            if log.exists() and log.stat().st_size:
                print(f"\n--- last lines of {log.name} ---\n{tail(log)}", file=sys.stderr)
        return 2
    finally:
        # A second Ctrl+C must not leave a database or a server behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
