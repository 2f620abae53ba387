"""Run the gateway as `aura serve gateway` does (uvloop, httptools, the heap settled once it has
started), upstreams from argv.

`python bench/gateway/run_gateway.py PORT UPSTREAM_URL`: every route goes to UPSTREAM_URL.
"""

import sys

import uvicorn

from aura.cli.serve import ServiceServer
from aura.gateway.app import create_app
from aura.gateway.settings import Settings

if __name__ == "__main__":
    port, upstream = int(sys.argv[1]), sys.argv[2]
    settings = Settings(auth_url=upstream, main_url=upstream, mail_url=upstream, agent_url=upstream)
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        loop="uvloop",
        http="httptools",
        backlog=8192,
    )
    ServiceServer(config).run()
