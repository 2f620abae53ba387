"""nginx as the reference proxy: installed from Debian's packages when missing, run from a temp dir.

One worker, `proxy_buffering off`, `/api` stripped like the gateway does, a keep-alive pool to
the upstream. Its config, pid file, logs and temp paths all live in a fresh directory that is
removed afterwards; the system's own nginx config is never read.
"""

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
from bench.gateway.processes import free_port, running

PACKAGES = ("nginx-light", "nginx")
"""Tried in this order: nginx-light is Debian's smallest build that still has the proxy module
(bookworm; later releases fold it into `nginx`)."""

CONFIG = """
worker_processes 1;
worker_rlimit_nofile {files};
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
# Each stream holds two connections, to the client and to the upstream.
events {{ worker_connections {connections}; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi; uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  upstream aura {{ server 127.0.0.1:{upstream}; keepalive 64; }}
  server {{
    listen 127.0.0.1:{port} backlog=8192;
    client_max_body_size 256k;
    location /api/ {{
      proxy_pass http://aura/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 360s;
    }}
  }}
}}
"""


def find_nginx() -> str | None:
    # /usr/sbin is not on every PATH (a non-login root shell, a venv's activate script).
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def ensure_nginx() -> str:
    """The nginx binary, installed with apt-get first when it is missing."""
    found = find_nginx()
    if found:
        return found
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise RuntimeError("nginx is missing; install it (apt-get install -y nginx-light)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for refresh in (False, True):
        if refresh:
            subprocess.run(["apt-get", "update", "-q"], env=env, check=False)
        for package in PACKAGES:
            print(f"# installing {package} with apt-get (nginx is missing)", flush=True)
            install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", package]
            done = subprocess.run(install, env=env, check=False, stdout=subprocess.DEVNULL)
            found = find_nginx()
            if done.returncode == 0 and found:
                _stop_packaged_service()
                return found
    raise RuntimeError("apt-get could not install nginx-light or nginx")


def _stop_packaged_service() -> None:
    """The package's postinst may start the system nginx on port 80; the bench wants it off."""
    pid_file = Path("/run/nginx.pid")
    if pid_file.exists():
        subprocess.run(["/usr/sbin/nginx", "-s", "quit"], check=False)


def version(binary: str) -> str:
    answer = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False)
    return answer.stderr.strip().removeprefix("nginx version: ")


def _workers(master: int) -> list[psutil.Process]:
    # The master listens before it forks its worker: the port answering is not enough.
    deadline = time.monotonic() + 10
    while not (workers := list(psutil.Process(master).children())):
        if time.monotonic() > deadline:
            raise RuntimeError("nginx started no worker")
        time.sleep(0.05)
    return workers


@contextmanager
def nginx_server(upstream: int, files: int) -> Iterator[tuple[int, list[psutil.Process]]]:
    """nginx on a free port in front of `upstream`; its port and its processes."""
    binary = ensure_nginx()
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="aura-bench-nginx-"))
    # Started by root, nginx's worker runs as `nobody` (or www-data) and must reach its temp dirs.
    os.chmod(workdir, 0o777)  # noqa: S103
    conf = workdir / "nginx.conf"
    conf.write_text(
        CONFIG.format(dir=workdir, upstream=upstream, port=port, files=files, connections=files)
    )
    try:
        with running([binary, "-c", str(conf), "-p", str(workdir)], port) as master:
            yield port, [psutil.Process(master.pid), *_workers(master.pid)]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
