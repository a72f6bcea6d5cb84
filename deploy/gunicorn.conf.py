"""gunicorn's settings for Leren met de Stad (deploy/systemd/lerenmetdestad-web.service).

Each value can be changed in the environment file without editing this one."""

import multiprocessing
import os
import re

from gunicorn.glogging import Logger
from prometheus_client import multiprocess

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Pages are rendered synchronously and spend most of their time in the database: two processes
# per core and one more is gunicorn's own advice, capped so a large machine does not open
# more database connections than PostgreSQL's default max_connections (100) allows.
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9)))
# A request that takes a minute is stuck: its worker is ended and replaced. nginx waits a few
# seconds longer (proxy_read_timeout 65s), so the answer is gunicorn's, not a proxy timeout.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced now and then, which bounds any slow growth of its memory.
max_requests = 1000
max_requests_jitter = 100
# X-Forwarded-Proto is believed only from nginx on this machine (Django's
# SECURE_PROXY_SSL_HEADER needs it to know a request came in over HTTPS).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"


class AccessLogWithoutSecrets(Logger):
    """gunicorn's access log, with the secret of a person's calendar address (in its path, see
    marketplace.urls.feeds and core.logs.loggable_path) shown as [secret]."""

    SECRET_IN_PATH = re.compile(r"(/feeds/agenda/)[^/?\s]+(\.ics)")

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U"):
            if isinstance(atoms.get(key), str):
                atoms[key] = self.SECRET_IN_PATH.sub(r"\1[secret]\2", atoms[key])
        return atoms


logger_class = AccessLogWithoutSecrets
# gunicorn's control socket would sit in the service user's home, shared by every instance on
# the machine; systemctl (reload, restart) is the way to manage the service here.
control_socket_disable = True


def child_exit(server, worker):
    """A worker has gone: its share of the metrics (PROMETHEUS_MULTIPROC_DIR, set by the
    systemd unit) stops counting as live."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
