"""Start the local hub of ``hub/jupyterhub_config.py`` from Python, on a free port, with its
state in a folder of the caller's choice: for the class test (``tests/browser/test_hub.py``)
and the load benchmark (``benchmarks/hub_class.py``). ``make hub`` does not need this file.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONFIG = HERE / "jupyterhub_config.py"
PROXY = ROOT / ".hub" / "node_modules" / ".bin" / "configurable-http-proxy"
# What the tests set for their own kernels; a student's server must not inherit it.
PRIVATE_VARIABLES = ("GLUCOLAB_RECORD", "GLUCOLAB_LEARNER", "GLUCOLAB_RUN_SOLUTIONS")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_hub(state: Path, password: str, extra_config: str = "", timeout_s: float = 90):
    """Run the local hub with its database and homes in ``state``; yield its base URL.

    ``extra_config`` is Python appended after the project's configuration (e.g. a service
    token for a benchmark). On exit the hub stops its students' servers and its proxy; any
    process it started that is still alive after that is ended.
    """
    import psutil

    if not PROXY.exists():
        raise FileNotFoundError(f"{PROXY} is missing: run `make hub` once (it installs configurable-http-proxy "
                                "from npm), or `npm install --prefix .hub configurable-http-proxy@5`")
    state = Path(state)
    state.mkdir(parents=True, exist_ok=True)
    config = state / "jupyterhub_config.py"
    config.write_text(f"load_subconfig({str(CONFIG)!r})\n{extra_config}\n", encoding="utf-8")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in PRIVATE_VARIABLES}
    env.update(GLUCOLAB_HUB_DIR=str(state), GLUCOLAB_HUB_PORT=str(port), GLUCOLAB_HUB_PASSWORD=password)
    log = open(state / "hub.log", "w")
    hub = subprocess.Popen([str(Path(sys.executable).parent / "jupyterhub"), "-f", str(config)], cwd=state,
                           env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    started = []
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                urllib.request.urlopen(f"{base}/hub/api", timeout=2)
                break
            except OSError:
                if hub.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the hub did not start:\n" + (state / "hub.log").read_text()) from None
                time.sleep(0.3)
        yield base
    finally:
        with contextlib.suppress(psutil.Error):
            started = psutil.Process(hub.pid).children(recursive=True)
        hub.terminate()
        try:
            hub.wait(timeout=30)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait()
        for proc in started:  # a server or proxy the hub did not stop
            with contextlib.suppress(psutil.Error):
                proc.kill()
        log.close()
