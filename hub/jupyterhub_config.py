"""A local JupyterHub for trying the class path on one machine: ``make hub``.

This hub is for trying things out, not for teaching a class. Every student's server runs as
the same system user, so students are not isolated from each other; the README's section
"Putting the lessons on your class's JupyterHub" says what to change for a real hub.

What it sets up:

- the hub and every student's server listen on 127.0.0.1 only (nothing is reachable from
  another machine);
- a shared-password login: any user name with the password (the test authenticator);
- one home folder per student, ``.hub/homes/<name>``, where nbgitpuller copies the lessons and
  where the student's record (``glucolab-record.json``) is kept;
- JupyterLab with the lesson environment (the Python that runs this hub, i.e. ``.venv``).

Environment variables, all optional:

``GLUCOLAB_HUB_PORT``
    the port of the hub's web page (default 8000).
``GLUCOLAB_HUB_DIR``
    the folder for the hub's database, the proxy and the homes (default ``.hub``).
``GLUCOLAB_HUB_PASSWORD``
    the shared password (default: a random one, kept in ``.hub/password`` and shown at start).
"""

import hashlib
import os
import secrets
import socket
import sys
import tempfile
from pathlib import Path

c = get_config()  # noqa: F821  (JupyterHub defines get_config when it reads this file)

ROOT = Path(__file__).resolve().parents[1]
STATE = Path(os.environ.get("GLUCOLAB_HUB_DIR") or ROOT / ".hub").resolve()
HOST = "127.0.0.1"  # loopback only, for the hub, its proxy and every student's server
PORT = int(os.environ.get("GLUCOLAB_HUB_PORT") or 8000)
LESSON_BIN = Path(sys.executable).parent  # the lesson environment (.venv/bin)
STATE.mkdir(parents=True, exist_ok=True)


def private_folder(path: Path) -> Path:
    """A folder only this user can open (made if missing); stop if someone else's is there."""
    path.mkdir(mode=0o700, exist_ok=True)
    info = path.lstat()
    if path.is_symlink() or info.st_uid != os.getuid() or info.st_mode & 0o077:
        sys.exit(f"{path} is not a folder that only you can open: remove it and start the hub again.")
    return path


# The kernels' sockets live here (see JUPYTER_RUNTIME_DIR below).
RUNTIME = private_folder(Path(tempfile.gettempdir()) / f"glucolab-hub-{os.getuid()}")


def free_port() -> int:
    """A port nothing listens on now, for the hub's internal endpoints."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def shared_password() -> str:
    """GLUCOLAB_HUB_PASSWORD, else the one kept in .hub/password (made once, readable by you only)."""
    if os.environ.get("GLUCOLAB_HUB_PASSWORD"):
        return os.environ["GLUCOLAB_HUB_PASSWORD"]
    path = STATE / "password"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(12) + "\n", encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


# Where the hub listens; the proxy's API and the hub's API take free ports on the same address.
c.JupyterHub.bind_url = f"http://{HOST}:{PORT}"
c.JupyterHub.hub_ip = HOST
c.JupyterHub.hub_port = free_port()
c.ConfigurableHTTPProxy.api_url = f"http://{HOST}:{free_port()}"
# configurable-http-proxy comes from npm, installed by `make hub` into .hub/node_modules.
PROXY = ROOT / ".hub" / "node_modules" / ".bin" / "configurable-http-proxy"
if not PROXY.exists():
    sys.exit(f"{PROXY} is missing: start the hub with `make hub`, which installs it from npm.")
c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
# The hub's own files stay in .hub/, not in the folder it was started from.
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

# Test login: any user name, one shared password. A real hub uses the university's login.
PASSWORD = shared_password()
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = PASSWORD
c.Authenticator.allow_all = True

# One home folder per student; each server runs JupyterLab from the lesson environment.
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "homes" / "{username}")
c.Spawner.cmd = [str(LESSON_BIN / "jupyterhub-singleuser")]
c.Spawner.ip = HOST
c.Spawner.default_url = "/lab"
# No look-ups on the internet from JupyterLab (news, update checks). Kernels talk to their server
# over Unix sockets, not TCP ports: with many students on one machine two kernels could otherwise
# take the same port, and one student's server reach another's kernel.
c.Spawner.args = ["--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                  "--KernelManager.transport=ipc"]
if os.getuid() == 0:  # containers often run as root, which Jupyter refuses unless told
    c.Spawner.args.append("--allow-root")
c.Spawner.environment = {
    # The lesson environment's commands (pip, jupyter) come first in a student's terminal.
    "PATH": f"{LESSON_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
    # Each student's record sits in that student's home, outside the pulled lessons, so that
    # deleting and pulling the lessons again keeps it.
    "GLUCOLAB_RECORD": lambda spawner: str(Path(spawner.home_dir) / "glucolab-record.json"),
    # The kernels' sockets: a short path per student (a socket's path may not exceed 107 bytes).
    "JUPYTER_RUNTIME_DIR": lambda spawner: str(RUNTIME / hashlib.sha256(spawner.user.name.encode()).hexdigest()[:12]),
}
# A slow machine (two cores, several students starting at once) needs time to start servers.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

print(f"glucolab hub: listening on http://{HOST}:{PORT} (127.0.0.1 only: not reachable from other "
      f"machines). Log in with any user name and the password {PASSWORD!r}. Homes: {STATE / 'homes'}",
      file=sys.stderr, flush=True)
