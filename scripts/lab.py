"""What the scripts that run the site for real on loopback share (prod_check.py, resilience.py,
bench.py): free ports, log tails, stopping what they started, and the deployment kit's nginx site
(deploy/nginx) assembled around this machine's own servers, so that each runs the kit as it is.

Only the standard library: each script imports it before Django is set up, and bench.py's bare
view is served from a module that imports it."""

# ruff: noqa: S603, S607 (nginx is started by name, with a configuration made here)

import contextlib
import os
import re
import signal
import socket
import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
KIT = BASE_DIR / "deploy" / "nginx"
# The kit's paths, replaced by a run's own folders.
KIT_ROOT = "/srv/lerenmetdestad/"
KIT_CACHE = "/var/cache/nginx/lerenmetdestad"
KIT_UPSTREAM = "127.0.0.1:8000"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def tail(path: Path, lines: int = 30) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def stop_process(process: subprocess.Popen | None, timeout: float = 15) -> None:
    """SIGTERM to the process's own group (gunicorn's and nginx's workers go with their master),
    SIGKILL after ``timeout`` seconds."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def kit_http_directives(cache_folder: Path) -> str:
    """What the kit's site file sets for the whole of nginx before its upstream: the access log
    format, the micro-cache's zone and its rules; the cache in ``cache_folder``."""
    site = (KIT / "lerenmetdestad.conf").read_text()
    return site[: site.index("upstream lerenmetdestad_app")].replace(KIT_CACHE, str(cache_folder))


def kit_upstream(ports: list[int], host: str = "127.0.0.1") -> str:
    """The kit's upstream for one instance as it stands (the same port again as a backup), or, as
    its comment says for several instances, each listed once."""
    site = (KIT / "lerenmetdestad.conf").read_text()
    upstream = re.search(r"^upstream lerenmetdestad_app \{.*?^\}", site, re.MULTILINE | re.DOTALL).group(0)
    if len(ports) == 1:
        return upstream.replace(KIT_UPSTREAM, f"{host}:{ports[0]}")
    servers = "\n".join(f"    server {host}:{port} max_fails=0;" for port in ports)
    return f"upstream lerenmetdestad_app {{\n{servers}\n    keepalive 16;\n}}"


def write_kit_nginx(
    folder: Path,
    *,
    logs: Path,
    srv: Path,
    ports: list[int],
    listen: str,
    server_name: str = "127.0.0.1",
    tls: tuple[Path, Path] | None = None,
    workers: str = "1",
) -> Path:
    """An nginx.conf in ``folder`` that serves the kit's locations file on ``listen`` (over TLS with
    ``tls`` = (certificate, key)), in front of the app on ``ports``, with the kit's access log,
    micro-cache and upstream; ``srv`` stands for /srv/lerenmetdestad/. Logs go to ``logs``. Returns
    its path; ``nginx_command`` starts it."""
    folder.mkdir(parents=True, exist_ok=True)
    locations = (KIT / "lerenmetdestad-locations.conf").read_text().replace(KIT_ROOT, f"{srv}/")
    (folder / "locations.conf").write_text(locations)
    tls_lines = f"ssl_certificate {tls[0]};\n        ssl_certificate_key {tls[1]};" if tls else ""
    # The workers run as this user: as root, nginx would otherwise switch them to nobody, who may
    # not read the run's folders.
    user = "user root;" if os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(f"""
{user}
worker_processes {workers};
pid {folder}/nginx.pid;
error_log {logs}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
{kit_http_directives(folder / "cache")}
    access_log {logs}/nginx-access.log lerenmetdestad;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{kit_upstream(ports)}
    server {{
        listen {listen}{" ssl" if tls else ""};
        server_name {server_name};
        {tls_lines}
        include {folder}/locations.conf;
    }}
}}
""")
    return conf


def nginx_command(conf: Path, *, test: bool = False) -> list[str]:
    """nginx in the foreground on ``conf`` (or ``nginx -t`` on it)."""
    prefix = ["nginx", "-p", f"{conf.parent}/", "-c", str(conf)]
    return [*prefix, "-t", "-q"] if test else [*prefix, "-g", "daemon off;"]
