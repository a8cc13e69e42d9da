"""Child processes that end with their parent.

A build starts worker processes (extraction, index writing). When the parent is killed with
SIGKILL it cannot stop them, and they would wait forever for work under PID 1, holding memory.
So each child asks the kernel to kill it when its parent dies (Linux `prctl`), and, where that is
not available or the parent died before the request, a watchdog thread ends it when its parent
process is no longer the one that started it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading

# prctl(2) option: the signal this process gets when the thread that created it ends.
PR_SET_PDEATHSIG = 1
# How often the watchdog looks at the parent, in seconds.
WATCH_INTERVAL = 1.0


def end_with_parent(parent_pid: int, *, watch: bool = True) -> None:
    """Make this (child) process end when the process `parent_pid` ends, however it ends."""
    _request_death_signal()
    if os.getppid() != parent_pid:
        # The parent died before the request could be made: nobody will send the signal.
        os._exit(1)
    if watch:
        threading.Thread(
            target=_watch, args=(parent_pid,), name="parent-watchdog", daemon=True
        ).start()


def is_alive(pid: int) -> bool:
    """Whether a process with this id exists (it may belong to another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _request_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        # The running program is linked with the C library: its symbols include prctl.
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watchdog still ends the process, a second later


def _watch(parent_pid: int) -> None:
    event = threading.Event()
    while not event.wait(WATCH_INTERVAL):
        if os.getppid() != parent_pid:
            os._exit(1)
