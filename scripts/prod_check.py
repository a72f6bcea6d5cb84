#!/usr/bin/env python3
"""The deployment kit, run for real on this machine's loopback: nginx with the kit's locations
(deploy/nginx/lerenmetdestad-locations.conf) over TLS with a throwaway certificate, in front of
TWO gunicorn instances (deploy/gunicorn.conf.py) and the task worker, under production settings,
on a PostgreSQL database of its own and a Redis of its own. It checks what an operator relies on,
then backs the site up with scripts/backup.sh, restores it into a fresh database with
scripts/restore.sh and compares row counts per table and file counts.

    make prod-check        (or: .venv/bin/python scripts/prod_check.py)

PROD_CHECK_PG_ADMIN_URL names a PostgreSQL server where it may create and drop two databases
(default: postgres://postgres@127.0.0.1:5432/postgres); the server itself is never touched.
Everything it starts is stopped and everything it made is removed when it ends, also on failure.
"""

# ruff: noqa: S603, S607 (it starts the stack's programs, named here, with arguments it makes itself)

import contextlib
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
import time
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter

try:
    from scripts.lab import KIT_CACHE, KIT_ROOT, free_port, nginx_command, stop_process, write_kit_nginx
except ImportError:  # run as a program (python scripts/...): its own folder is on the path
    from lab import KIT_CACHE, KIT_ROOT, free_port, nginx_command, stop_process, write_kit_nginx

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = BASE_DIR / ".venv" / "bin"
PG_ADMIN_URL = os.environ.get("PROD_CHECK_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
HOST = "localhost"
LIMITED = "Too many failed login attempts"
FAILED_LOGINS_PER_MINUTE = 10  # ACCOUNT_RATE_LIMITS["login_failed"], per IP

# Run by `manage.py shell` in the seeded site: a project file, a demo account (password login,
# no two-step) that may see it and one that may not, and a notification to e-mail.
PICK_DATA = """
import json
from accounts.models import Notification, User
from accounts.selectors import has_mfa
from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from marketplace.models import Attachment
from marketplace.permissions import can_view_attachment
people = [u for u in User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS]).order_by("pk") if not has_mfa(u)]
for attachment in Attachment.objects.filter(entry__isnull=False).order_by("created_at", "pk"):
    allowed = [u for u in people if can_view_attachment(u, attachment)]
    refused = [u for u in people if not can_view_attachment(u, attachment)]
    if allowed and refused:
        break
print(json.dumps({
    "password": DEMO_PASSWORD,
    "file": attachment.get_absolute_url(),
    "size": attachment.size,
    "owner": allowed[0].email,
    "other": refused[0].email,
    "notification": Notification.objects.order_by("pk").values_list("pk", flat=True).first(),
}))
"""

ENQUEUE_TASK = """
from accounts.tasks import send_notification_email
print(send_notification_email.enqueue({notification}).id)
"""

TASK_STATUS = """
from django_tasks_db.models import DBTaskResult
print(DBTaskResult.objects.get(id="{task_id}").status)
"""

PICK_CHALLENGE = """
from marketplace.models import ChallengePage
page = ChallengePage.objects.live().public().order_by("pk").first()
print(page.pk, page.url)
"""

UNPUBLISH = """
from marketplace.models import ChallengePage
ChallengePage.objects.get(pk={pk}).unpublish()
"""

ROW_COUNTS = """
SELECT table_name,
       (xpath('/row/c/text()',
              query_to_xml(format('SELECT count(*) AS c FROM public.%I', table_name), false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name
"""


class CheckFailed(Exception):
    pass


def database_url(admin_url: str, name: str) -> str:
    return re.sub(r"/[^/]*$", f"/{name}", admin_url)


class Stack:
    """What the check starts, and its undoing."""

    def __init__(self):
        self.started = time.monotonic()
        self.tmp = Path(tempfile.mkdtemp(prefix="lms-prod-check-"))
        self.logs = self.tmp / "logs"
        self.logs.mkdir()
        self.processes: dict[str, subprocess.Popen] = {}
        self.databases: list[str] = []
        self.nginx_port = free_port()
        self.app_ports = [free_port(), free_port()]
        self.redis_port = free_port()
        suffix = f"{os.getpid()}_{secrets.token_hex(3)}"
        self.db_name = f"lms_prodcheck_{suffix}"
        self.restore_db_name = f"lms_prodcheck_restore_{suffix}"
        self.base_url = f"https://{HOST}:{self.nginx_port}"
        self.operator_token = secrets.token_urlsafe(24)
        self.certificate = self.tmp / "nginx" / "site.pem"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": self.base_url,
            "SITE_URL": self.base_url,
            "DATABASE_URL": database_url(PG_ADMIN_URL, self.db_name),
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "EMAIL_URL": "console://",
            "STATIC_ROOT": str(self.tmp / "srv" / "static"),
            "MEDIA_ROOT": str(self.tmp / "srv" / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.tmp / "srv" / "private"),
            "PRIVATE_MEDIA_X_ACCEL_REDIRECT": "/protected/",
            "TRUSTED_PROXY_COUNT": "1",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "OPERATOR_TOKEN": self.operator_token,
            "SECURE_HSTS_SECONDS": "0",
            "GUNICORN_WORKERS": "2",
        }

    # -- processes -----------------------------------------------------------------------

    def run(self, *command, env=None, **kwargs) -> str:
        result = subprocess.run(
            command, cwd=BASE_DIR, env=env or self.env, capture_output=True, text=True, check=False, **kwargs
        )
        if result.returncode != 0:
            raise CheckFailed(f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def manage(self, *args, env=None) -> str:
        return self.run(VENV_BIN / "python", "manage.py", *args, env=env)

    def start(self, name, *command, env=None):
        log = (self.logs / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(
            command, cwd=BASE_DIR, env=env or self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def stop(self, name):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        stop_process(process)

    def psql(self, url, sql) -> str:
        return self.run("psql", url, "--no-psqlrc", "--quiet", "--tuples-only", "--no-align", "-c", sql)

    def wait_for(self, what, probe, seconds=30):
        deadline = time.monotonic() + seconds
        last_error = None
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise CheckFailed(f"{name} ended while waiting for {what}")
            try:
                if probe():
                    return
            except Exception as error:  # noqa: BLE001 (not up yet; said if it never comes)
                last_error = error
            time.sleep(0.2)
        raise CheckFailed(f"{what} did not come up within {seconds} s ({last_error})")

    def cleanup(self):
        for name in list(self.processes):
            self.stop(name)
        for name in self.databases:
            with contextlib.suppress(CheckFailed):
                self.psql(PG_ADMIN_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(self.tmp, ignore_errors=True)

    def step(self, what):
        print(f"  ..  {what} ({time.monotonic() - self.started:.0f} s)")

    def print_logs(self):
        for log in sorted(self.logs.glob("*.log")):
            lines = log.read_text(errors="replace").splitlines()[-25:]
            print(f"--- last lines of {log.name}", *lines, sep="\n")

    # -- setting up ----------------------------------------------------------------------

    def create_databases(self):
        for name in (self.db_name, self.restore_db_name):
            self.psql(PG_ADMIN_URL, f'CREATE DATABASE "{name}"')
            self.databases.append(name)

    def start_redis(self):
        self.start(
            "redis", "redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no",
        )
        self.wait_for("Redis", lambda: socket.create_connection(("127.0.0.1", self.redis_port), timeout=1))

    def prepare_site(self):
        # Static files are collected while the database is migrated.
        self.start("collectstatic", VENV_BIN / "python", "manage.py", "collectstatic", "--no-input", "-v0")
        self.manage("migrate", "--no-input", "-v0")
        if self.processes.pop("collectstatic").wait() != 0:
            raise CheckFailed("collectstatic failed")
        self.step("migrated, static files collected")
        # The demo data gives accounts, projects and their files; seed_demo is for demo sites,
        # so it runs under the development settings, on this check's database and folders.
        self.manage("seed_demo", env={**self.env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"})
        self.step("demo data loaded")
        return json.loads(self.manage("shell", "-c", PICK_DATA).strip().splitlines()[-1])

    def start_app(self):
        for number, port in enumerate(self.app_ports, start=1):
            self.start(
                f"gunicorn-{number}", VENV_BIN / "gunicorn", "--config", "deploy/gunicorn.conf.py",
                "--bind", f"127.0.0.1:{port}",
            )
        self.start("worker", VENV_BIN / "python", "manage.py", "run_worker")
        for port in self.app_ports:
            self.wait_for(
                f"gunicorn on {port}",
                lambda port=port: requests.get(
                    f"http://127.0.0.1:{port}/healthz", headers={"Host": HOST}, timeout=2
                ).status_code == 200,
                seconds=60,
            )

    def start_nginx(self):
        folder = self.tmp / "nginx"
        folder.mkdir()
        certificate, key = self.certificate, folder / "site.key"
        self.run(
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
            "-addext", f"subjectAltName=DNS:{HOST}", "-keyout", key, "-out", certificate,
        )
        conf = write_kit_nginx(
            folder, logs=self.logs, srv=self.tmp / "srv", ports=self.app_ports,
            listen=f"127.0.0.1:{self.nginx_port}", server_name=HOST, tls=(certificate, key),
        )
        self.run(*nginx_command(conf, test=True), env=os.environ)
        self.test_site_file(folder)
        self.start("nginx", *nginx_command(conf), env=os.environ)
        self.wait_for("nginx", lambda: self.session().get(f"{self.base_url}/healthz", timeout=2).status_code == 200)

    def test_site_file(self, folder):
        """The kit's whole site file (both servers, TLS, log format) passes ``nginx -t`` with
        this check's certificate, folders and free ports in place of the placeholders."""
        site = (BASE_DIR / "deploy" / "nginx" / "lerenmetdestad.conf").read_text()
        site = site.replace(f"{KIT_ROOT}app/deploy/nginx/lerenmetdestad-locations.conf", f"{folder}/locations.conf")
        site = re.sub(r"ssl_certificate\s+(\S+);", f"ssl_certificate {self.certificate};", site)
        site = re.sub(r"ssl_certificate_key (\S+);", f"ssl_certificate_key {folder}/site.key;", site)
        site = re.sub(r"/var/log/nginx/", f"{self.logs}/", site).replace("/var/www/html", f"{folder}/acme")
        site = site.replace(KIT_CACHE, f"{folder}/site-test-cache")
        site = re.sub(r"listen \[::\]:\d+[^;]*;", "", site)
        site = re.sub(r"listen 80;", f"listen 127.0.0.1:{free_port()};", site)
        site = re.sub(r"listen 443 ssl http2;", f"listen 127.0.0.1:{free_port()} ssl;", site)
        (folder / "site.conf").write_text(site)
        (folder / "site-test.conf").write_text(f"""
pid {folder}/site-test.pid;
error_log {self.logs}/nginx-site-test.log warn;
events {{ worker_connections 16; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
""")
        self.run("nginx", "-t", "-q", "-p", f"{folder}/", "-c", f"{folder}/site-test.conf", env=os.environ)
        print("  ok  the kit's site file passes nginx -t")

    # -- talking to the site -------------------------------------------------------------

    def session(self, source: str | None = None) -> requests.Session:
        """A browser-like client; from ``source`` (another loopback address) if given."""
        session = requests.Session()
        # Nothing from this machine's environment (proxies, CA bundles): loopback, this
        # check's own certificate.
        session.trust_env = False
        session.verify = str(self.certificate)
        if source:
            session.mount("https://", SourceAddressAdapter(source))
        return session

    def log_in(self, session, email, password) -> requests.Response:
        login = f"{self.base_url}/en/accounts/login/"
        session.get(login, timeout=10)
        return session.post(
            login,
            data={"login": email, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            headers={"Referer": login},
            allow_redirects=False,
            timeout=20,
        )


class SourceAddressAdapter(HTTPAdapter):
    def __init__(self, source):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def check(condition, message):
    if not condition:
        raise CheckFailed(message)
    print(f"  ok  {message}")


def check_static_files(stack):
    home = stack.session().get(f"{stack.base_url}/", timeout=20)
    check(home.status_code == 200, "the home page answers through nginx")
    path = re.search(r'/static/[^"\']+\.[0-9a-f]{12}\.css', home.text).group(0)
    response = stack.session().get(f"{stack.base_url}{path}", headers={"Accept-Encoding": "gzip"}, timeout=10)
    check(response.status_code == 200, f"a hashed static file is served by nginx ({path})")
    check(
        response.headers.get("Cache-Control") == "public, max-age=31536000, immutable",
        f"it is cached for a year ({response.headers.get('Cache-Control')})",
    )
    check(response.headers.get("Content-Encoding") == "gzip", "it is sent compressed")
    plain = stack.session().get(f"{stack.base_url}/static/staticfiles.json", timeout=10)
    check(
        plain.headers.get("Cache-Control") == "public, max-age=3600",
        "a static file without a hash in its name is cached for an hour",
    )


def check_private_file(stack, data):
    owner = stack.session()
    check(stack.log_in(owner, data["owner"], data["password"]).status_code == 302, f"{data['owner']} logs in")
    response = owner.get(f"{stack.base_url}{data['file']}", timeout=10)
    check(response.status_code == 200, f"the project file reaches its project's member ({data['file']})")
    check(len(response.content) == data["size"], f"all {data['size']} bytes are sent by nginx")
    check("X-Accel-Redirect" not in response.headers, "the internal redirect stays inside nginx")
    check(
        response.headers.get("Content-Security-Policy", "").endswith("sandbox")
        and response.headers.get("X-Content-Type-Options") == "nosniff"
        and response.headers.get("Cross-Origin-Resource-Policy") == "same-origin",
        "the file keeps its security headers",
    )
    check(
        response.headers.get("Cache-Control") == "private, max-age=3600",
        f"browsers may keep it, shared caches may not ({response.headers.get('Cache-Control')})",
    )
    other = stack.session()
    check(stack.log_in(other, data["other"], data["password"]).status_code == 302, f"{data['other']} logs in")
    check(other.get(f"{stack.base_url}{data['file']}", timeout=10).status_code == 404, "another person gets 404")
    check(stack.session().get(f"{stack.base_url}{data['file']}", timeout=10).status_code == 404, "a visitor gets 404")
    protected = stack.session().get(f"{stack.base_url}/protected/{data['file']}", timeout=10)
    check(protected.status_code == 404, "the internal location cannot be asked for from outside")


def check_login_limit_per_client(stack, data):
    # Each from its own loopback address: nginx appends that address to X-Forwarded-For and the
    # app counts it; what a client writes in the header itself never counts.
    guesser = stack.session("127.0.0.2")
    for number in range(FAILED_LOGINS_PER_MINUTE):
        guesser.headers["X-Forwarded-For"] = f"198.51.100.{number}"
        stack.log_in(guesser, f"guess{number}@example.org", "wrong-password")
    guesser.headers["X-Forwarded-For"] = "198.51.100.99"
    limited = stack.log_in(guesser, "guess99@example.org", "wrong-password")
    check(
        LIMITED in limited.text, "the eleventh failed login from one address is refused, whatever X-Forwarded-For says"
    )
    someone_else = stack.session("127.0.0.3")
    check(
        stack.log_in(someone_else, data["owner"], data["password"]).status_code == 302,
        "someone at another address still logs in",
    )


def check_readiness(stack):
    url = f"{stack.base_url}/readyz"
    # The worker beats its heartbeat on every round; give it a moment after starting.
    deadline = time.monotonic() + 20
    while True:
        response = stack.session().get(url, headers={"Authorization": f"Bearer {stack.operator_token}"}, timeout=10)
        report = response.json()
        if response.status_code == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    check(response.status_code == 200, f"/readyz answers 200 to the operator: {json.dumps(report)}")
    check(
        [report[part]["status"] for part in ("database", "cache", "worker")] == ["ok", "ok", "ok"],
        "the database, the cache and the worker are ok",
    )
    check(isinstance(report.get("jobs"), dict), f"it lists the scheduled jobs: {', '.join(report['jobs'])}")
    public = stack.session().get(url, timeout=10)
    check(public.json() == {"status": "ok"}, f"/readyz tells a visitor the status alone ({public.status_code})")


def check_edge_cache(stack, data):
    """The kit's micro-cache: public pages shared, personal ones never, writes passed on, and an
    unpublished challenge gone within the app's s-maxage."""
    pk, path = stack.manage("shell", "-c", PICK_CHALLENGE).split()[-2:]
    url = f"{stack.base_url}{path}"
    visitor = stack.session()
    first, second = visitor.get(url, timeout=10), visitor.get(url, timeout=10)
    states = (first.headers.get("X-Edge-Cache"), second.headers.get("X-Edge-Cache"))
    check(states == ("MISS", "HIT"), f"a public page is kept by nginx and served again: {states}")
    check(second.text == first.text, "the same page")
    member = stack.session()
    check(stack.log_in(member, data["owner"], data["password"]).status_code == 302, f"{data['owner']} logs in")
    mine = member.get(url, timeout=10)
    check(
        mine.headers.get("X-Edge-Cache") == "BYPASS" and "/accounts/logout/" in mine.text,
        f"a logged-in person's page passes the cache ({mine.headers.get('X-Edge-Cache')}) and is theirs",
    )
    again = stack.session().get(url, timeout=10)
    check(
        again.headers.get("X-Edge-Cache") == "HIT" and "/accounts/logout/" not in again.text,
        "a visitor after them still gets the public page, never theirs",
    )
    write = stack.session().post(f"{stack.base_url}/i18n/setlang/", data={"language": "en"}, timeout=10)
    # nginx does not even look in the cache for a POST: no X-Edge-Cache at all.
    check(
        write.headers.get("X-Edge-Cache") is None and write.status_code == 403,
        f"a POST goes to the app, never to the cache (its CSRF check answers {write.status_code})",
    )
    stack.manage("shell", "-c", UNPUBLISH.format(pk=pk))
    unpublished = time.monotonic()
    while (status := stack.session().get(url, timeout=10).status_code) != 404:
        if time.monotonic() - unpublished > 30:
            break
        time.sleep(0.25)
    gone = time.monotonic() - unpublished
    check(status == 404 and gone <= 11, f"an unpublished challenge is gone from the cache after {gone:.1f} s (≤ 10)")


def check_scheduled_jobs(stack):
    """Each job as its timer's service runs it (the command of its ExecStart), then the readiness
    report, which reads the heartbeat a successful run leaves."""
    for timer in sorted((BASE_DIR / "deploy" / "systemd").glob("lerenmetdestad-*.timer")):
        service = timer.with_suffix(".service").read_text()
        command = re.search(r"^ExecStart=\S+/python manage\.py (.+)$", service, re.MULTILINE).group(1).split()
        output = stack.manage(*command).strip().splitlines()
        check(True, f"{timer.stem} ran: {' '.join(command)} → {output[-1] if output else '(nothing printed)'}")
    report = stack.session().get(
        f"{stack.base_url}/readyz", headers={"Authorization": f"Bearer {stack.operator_token}"}, timeout=10
    ).json()
    statuses = {name: job["status"] for name, job in report["jobs"].items()}
    check(set(statuses.values()) == {"ok"}, f"/readyz reports each job's last success: {statuses}")


def check_task_run_by_worker(stack, data):
    output = stack.manage("shell", "-c", ENQUEUE_TASK.format(notification=data["notification"]))
    task_id = output.strip().splitlines()[-1]
    deadline = time.monotonic() + 30
    status = ""
    while time.monotonic() < deadline:
        status = stack.manage("shell", "-c", TASK_STATUS.format(task_id=task_id)).strip().splitlines()[-1]
        if status in {"SUCCESSFUL", "FAILED"}:
            break
        time.sleep(0.5)
    check(status == "SUCCESSFUL", f"the worker ran a queued task ({status})")


def check_both_instances_answered(stack):
    # gunicorn's access log (deploy/gunicorn.conf.py) has a line per request.
    counts = [
        (stack.logs / f"gunicorn-{number}.log").read_text(errors="replace").count('HTTP/1.0"')
        + (stack.logs / f"gunicorn-{number}.log").read_text(errors="replace").count('HTTP/1.1"')
        for number in (1, 2)
    ]
    check(all(count > 0 for count in counts), f"nginx shared the requests between both instances {counts}")


def check_request_id(stack):
    marker = f"prod-check-{secrets.token_hex(4)}"
    # An address of its own, so that it reaches the app rather than a cache.
    response = stack.session().get(
        f"{stack.base_url}/uitdagingen/?check={marker}", headers={"User-Agent": marker}, timeout=10
    )
    request_id = response.headers.get("X-Request-ID", "")
    check(
        re.fullmatch(r"[0-9a-f]{32}", request_id) is not None,
        f"the answer carries the request id nginx gave it (X-Request-ID: {request_id})",
    )
    # nginx writes its access log line when it finishes the request, a moment after the answer.
    access = []
    deadline = time.monotonic() + 5
    while not access and time.monotonic() < deadline:
        time.sleep(0.1)
        access = [line for line in (stack.logs / "nginx-access.log").read_text().splitlines() if marker in line]
    check(
        len(access) == 1 and access[0].endswith(f"request_id={request_id} cache=MISS"),
        f"nginx's access log names it and what its cache did: {access[-1] if access else '(no line)'}",
    )
    app_lines = [
        json.loads(line)
        for number in (1, 2)
        for line in (stack.logs / f"gunicorn-{number}.log").read_text(errors="replace").splitlines()
        if line.startswith("{") and request_id in line
    ]
    check(
        any(
            (entry.get("request_id"), entry.get("path"), entry.get("status")) == (request_id, "/uitdagingen/", 200)
            for entry in app_lines
        ),
        f"the app's JSON log has the same id: {json.dumps(app_lines[-1]) if app_lines else '(no line)'}",
    )


def row_counts(stack, url) -> dict[str, int]:
    lines = stack.psql(url, ROW_COUNTS).strip().splitlines()
    return {name: int(count) for name, count in (line.split("|") for line in lines)}


def file_count(root: Path) -> int:
    return sum(1 for path in root.rglob("*") if path.is_file())


def check_backup_and_restore(stack):
    # The site stands still, as during a maintenance window: no row changes between the two counts.
    for name in ("nginx", "gunicorn-1", "gunicorn-2", "worker"):
        stack.stop(name)
    backups = stack.tmp / "backups"
    folder = Path(stack.run("scripts/backup.sh", str(backups)).strip())
    restored_root = stack.tmp / "restored"
    restore_env = {
        **stack.env,
        "DATABASE_URL": database_url(PG_ADMIN_URL, stack.restore_db_name),
        "MEDIA_ROOT": str(restored_root / "media"),
        "PRIVATE_MEDIA_ROOT": str(restored_root / "private"),
    }
    stack.run("scripts/restore.sh", str(folder), env=restore_env)
    before, after = row_counts(stack, stack.env["DATABASE_URL"]), row_counts(stack, restore_env["DATABASE_URL"])
    check(
        before == after,
        f"the restored database has the same rows in all {len(before)} tables ({sum(before.values())} rows)",
    )
    for name in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"):
        original, copy = file_count(Path(stack.env[name])), file_count(Path(restore_env[name]))
        check(original == copy and original > 0, f"{name}: {copy} of {original} files restored")
    again = subprocess.run(
        ["scripts/restore.sh", str(folder)], cwd=BASE_DIR, env=restore_env, capture_output=True, text=True, check=False
    )
    check(again.returncode != 0, "a restore over a database with tables is refused")
    pending = subprocess.run(
        [VENV_BIN / "python", "manage.py", "migrate", "--check", "--no-input"],
        cwd=BASE_DIR, env=restore_env, capture_output=True, text=True, check=False,
    )
    check(pending.returncode == 0, "the restored database is at the code's migrations")


def main() -> int:
    stack = Stack()
    # Stopped from outside (Ctrl+C, CI's timeout): clean up all the same.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(f"== Production check: nginx on {stack.base_url}, gunicorn on {stack.app_ports}, database {stack.db_name}")
    try:
        stack.create_databases()
        stack.start_redis()
        data = stack.prepare_site()
        stack.start_app()
        stack.start_nginx()
        stack.step("nginx, two gunicorn instances and the worker are up")
        check_static_files(stack)
        check_private_file(stack, data)
        check_login_limit_per_client(stack, data)
        check_readiness(stack)
        check_task_run_by_worker(stack, data)
        check_scheduled_jobs(stack)
        check_edge_cache(stack, data)
        check_both_instances_answered(stack)
        check_request_id(stack)
        check_backup_and_restore(stack)
    except CheckFailed as failure:
        print(f"FAILED: {failure}")
        stack.print_logs()
        return 1
    except BaseException:
        stack.print_logs()
        raise
    finally:
        stack.cleanup()
    print(f"== Production check passed in {time.monotonic() - stack.started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
