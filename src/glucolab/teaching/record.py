"""The learner's record: every prediction, exercise answer and quiz choice, kept on disk.

A record is one small JSON file per learner, by default ``glucolab-record.json`` in the folder
the notebook runs in (beside the lessons). ``GLUCOLAB_RECORD`` (a path) or :func:`use_record`
moves it; ``GLUCOLAB_LEARNER`` (or the hub's ``JUPYTERHUB_USER``) names the learner. Nothing is
sent anywhere: a learner hands the file in, and ``glucolab gradebook`` reads it.

Each answer is written at once, by replacing the file with a complete new copy, so a kernel
that dies loses nothing already answered. A file that cannot be read, comes from another
version, or was changed by hand (its checksum no longer matches) is never overwritten: it is
kept under a new name, the learner is told where, and a new record starts.

Format (``docs/keys-and-records.md`` documents it in full)::

    {"format": "glucolab-record", "version": 1, "learner": "ada", "package": "0.2.0",
     "events": [{"time": "...", "lesson": 1, "item": "1.a", "kind": "prediction",
                 "answer": 150.0, "truth": 209.3, "unit": "mg/dL", "correct": false,
                 "skipped": false}, ...],
     "checksum": "sha256 of the learner and events"}
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import getpass
import hashlib
import json
import os
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = "glucolab-record"
VERSION = 1
DEFAULT_NAME = "glucolab-record.json"
EVENT_KINDS = ("prediction", "exercise", "question", "solution", "answer")

_chosen_path: Path | None = None
_listeners: list = []


class RecordError(ValueError):
    """A record that cannot be used as it is. ``path`` and ``reason`` say which and why."""

    def __init__(self, path, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


def use_record(path) -> Path:
    """Keep this kernel's answers in ``path`` (a JSON file) from now on; return the path."""
    global _chosen_path
    _chosen_path = Path(path).expanduser()
    return _chosen_path


def record_path() -> Path:
    """Where answers are written: :func:`use_record`, else ``GLUCOLAB_RECORD``, else
    ``glucolab-record.json`` in the current folder."""
    if _chosen_path is not None:
        return _chosen_path
    env = os.environ.get("GLUCOLAB_RECORD")
    return Path(env).expanduser() if env else Path.cwd() / DEFAULT_NAME


def learner_name() -> str:
    """``GLUCOLAB_LEARNER``, else the hub user, else the login name."""
    for var in ("GLUCOLAB_LEARNER", "JUPYTERHUB_USER"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "learner"


def checksum(learner: str, events: list) -> str:
    """The SHA-256 of the learner's name and events, written in canonical JSON."""
    text = json.dumps({"learner": learner, "events": events}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _package_version() -> str:
    from .. import __version__
    return __version__


@dataclass
class Record:
    """One learner's record.

    Attributes
    ----------
    path : pathlib.Path
        The JSON file.
    learner : str
        Who answered.
    events : list of dict
        Every answer, oldest first.
    package : str
        The package version that wrote the record.
    """

    path: Path
    learner: str
    events: list = field(default_factory=list)
    package: str = ""

    def to_json(self) -> dict:
        return {"format": FORMAT, "version": VERSION, "learner": self.learner,
                "package": self.package or _package_version(), "events": self.events,
                "checksum": checksum(self.learner, self.events)}

    def latest(self) -> dict:
        """The newest event of each item (a later answer replaces an earlier one)."""
        out = {}
        for event in self.events:
            if event.get("kind") != "solution":
                out[event["item"]] = event
        return out


def parse_record(data, path) -> Record:
    """Check a record's structure, version and checksum; raise :class:`RecordError` naming the
    first problem."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError(path, "not a glucolab record (no \"format\": \"glucolab-record\")")
    if data.get("version") != VERSION:
        raise RecordError(path, f"record format version {data.get('version')!r}; this package reads "
                                f"version {VERSION}")
    learner, events = data.get("learner"), data.get("events")
    if not isinstance(learner, str) or not learner.strip():
        raise RecordError(path, "the record names no learner")
    if not isinstance(events, list):
        raise RecordError(path, "\"events\" must be a list")
    for n, event in enumerate(events):
        if not (isinstance(event, dict) and isinstance(event.get("item"), str)
                and event.get("kind") in EVENT_KINDS):
            raise RecordError(path, f"event {n} is malformed: expected an object with an item and a kind "
                                    f"from {list(EVENT_KINDS)}")
    if data.get("checksum") != checksum(learner, events):
        raise RecordError(path, "the checksum does not match: the file was changed outside the lessons")
    return Record(Path(path), learner, events, str(data.get("package", "")))


def read_record(path) -> Record:
    """Load a record from disk; :class:`RecordError` if it is missing, unreadable or invalid."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RecordError(path, "no such file") from None
    except OSError as err:
        raise RecordError(path, f"cannot be read ({err.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise RecordError(path, f"not valid JSON (line {err.lineno}: {err.msg})") from None
    return parse_record(data, path)


@contextlib.contextmanager
def _locked(path: Path):
    """Hold an exclusive lock beside ``path`` where the system offers one, so two notebooks
    writing the same record one after the other do not lose an answer."""
    try:
        import fcntl
    except ImportError:  # Windows: writes are still atomic, only not serialised
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write(record: Record) -> None:
    record.path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".glucolab-", suffix=".json", dir=record.path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(record.to_json(), f, indent=1, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, record.path)


def set_aside(path: Path, reason: str) -> Path:
    """Rename an unusable record so that nothing overwrites it; return the new name."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
    n = 1
    while backup.exists():
        backup = path.with_name(f"{path.stem}.unreadable-{stamp}-{n}{path.suffix}")
        n += 1
    os.replace(path, backup)
    print(f"Your record {path.name} could not be used ({reason}). It is kept unchanged as "
          f"{backup.name}; a new record starts now. Show both files to your instructor if you need "
          "the old answers.")
    return backup


def open_record(path=None) -> Record:
    """The current learner's record, read from disk (a new empty one if there is none yet). An
    unusable file is set aside (see :func:`set_aside`), never overwritten."""
    path = Path(path) if path is not None else record_path()
    if not path.exists():
        return Record(path, learner_name())
    try:
        return read_record(path)
    except RecordError as err:
        set_aside(path, err.reason)
        return Record(path, learner_name())


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def append(event: dict, path=None) -> dict:
    """Add one event (``item``, ``kind`` and the answer's fields) to the record on disk and
    return it with its time and lesson filled in."""
    if event.get("kind") not in EVENT_KINDS:
        raise ValueError(f"kind={event.get('kind')!r}: expected one of {list(EVENT_KINDS)}")
    path = Path(path) if path is not None else record_path()
    full = {"time": now(), "lesson": int(event["item"].split(".")[0]), **event}
    with _locked(path):
        record = open_record(path)
        record.events.append(full)
        record.package = _package_version()
        _write(record)
    _tell(full)
    return full


def on_append(callback) -> None:
    """Call ``callback(event)`` after each event this kernel writes, e.g. so a table that hides an
    answer can show it once the learner has answered. A bound method is held weakly: a widget
    that is gone stops listening."""
    _listeners.append(weakref.WeakMethod(callback) if hasattr(callback, "__self__") else (lambda: callback))


def _tell(event: dict) -> None:
    for ref in list(_listeners):
        callback = ref()
        if callback is None:
            _listeners.remove(ref)
        else:
            callback(event)


def previous(item_id: str, path=None) -> dict | None:
    """The learner's latest event for an item, if the record has one (without setting anything aside)."""
    path = Path(path) if path is not None else record_path()
    try:
        return read_record(path).latest().get(item_id)
    except RecordError:
        return None
