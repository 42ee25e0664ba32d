"""Start JupyterLab on a private copy of the notebooks, for browser tests."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# Render every cell (no virtual scrolling), so the tests see all panels after a run; and do
# not ask about news, which would need the network.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


RECORD = "glucolab-record.json"


def chromium_path() -> str | None:
    """The system Chromium, if there is one."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyter_app(workdir: Path, app: str = "lab"):
    """Run ``jupyter lab`` or ``voila`` on a copy of notebooks/ in ``workdir``.

    Yields the base URL and the token ("" for Voilà). The copy keeps autosave away from
    the repository.
    """
    shutil.copytree(ROOT / "notebooks", workdir / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    port, token = _free_port(), secrets.token_hex(16)
    if app == "lab":
        cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={workdir}",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--LabApp.news_url=", "--LabApp.extension_manager=readonly", "--allow-root"]
    else:
        token = ""
        cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
               str(workdir / "notebooks"), "--Voila.tornado_settings={'allow_origin': '*'}"]
    log = open(workdir / "server.log", "w")
    settings = workdir / ".lab-settings"
    for plugin, values in LAB_SETTINGS.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    # Each server's learners write to a record of its own, which the tests can read.
    env = dict(os.environ, GLUCOLAB_RECORD=str(workdir / RECORD), JUPYTER_CONFIG_DIR=str(workdir / ".jupyter-config"),
               JUPYTER_RUNTIME_DIR=str(workdir / ".jupyter-runtime"), JUPYTERLAB_SETTINGS_DIR=str(settings))
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=workdir)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}" if token else base, timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n" + (workdir / "server.log").read_text())
                time.sleep(0.3)
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
