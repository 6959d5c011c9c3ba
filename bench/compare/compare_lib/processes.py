"""Processes compare starts: tracked, each in its own process group, stopped at exit; the
servers' readiness, start-up time and resident memory."""
import collections
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time

from compare_lib.common import DISCOVERY_PATH, SetupError


class Tracked:
    processes = []  # subprocess.Popen, each the leader of its own process group
    temp_dirs = []

    @classmethod
    def cleanup(cls):
        for p in list(cls.processes):
            stop_group(p)
        cls.processes.clear()
        for d in cls.temp_dirs:
            shutil.rmtree(d, ignore_errors=True)
        cls.temp_dirs.clear()


def stop_group(p, timeout=15):
    """SIGTERM to the process group p leads, then SIGKILL after `timeout` seconds."""
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    # The leader may be gone while its children (node's java, say) are not.
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
    if p in Tracked.processes:
        Tracked.processes.remove(p)


def group_rss_kib(pgid):
    """VmRSS summed over every process in the process group (the server and its children)."""
    total, count = 0, 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            # Fields after the command (which may hold spaces) in parentheses.
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) != pgid:
                continue
            with open(f"/proc/{entry}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        count += 1
        except (OSError, ValueError):
            continue
    return total, count


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_request(port, method, path, body=None, headers=None, timeout=5.0):
    """One HTTP/1.1 exchange on a new connection. Returns (status, body bytes); raises OSError."""
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Server:
    """One running server: its process group, port, and the lines it printed (the last 40)."""

    def __init__(self, sid, command, port, env=None, ready_line=False):
        self.sid = sid
        self.port = port
        self.command = command
        self.lines = collections.deque(maxlen=40)
        self.ready = None  # the parsed JSON ready line, for servers that print one
        self.ready_at = None
        self._ready_event = threading.Event()
        self._wants_ready_line = ready_line
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=env, start_new_session=True, text=True, errors="replace")
        Tracked.processes.append(self.process)
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        # Keeps the pipe empty (a full pipe would stall the server) and notes the ready line.
        for line in self.process.stdout:
            now = time.monotonic()
            line = line.rstrip("\n")
            self.lines.append(line)
            if self._wants_ready_line and self.ready is None and line.startswith("{"):
                try:
                    parsed = json.loads(line)
                except ValueError:
                    continue
                if parsed.get("ready"):
                    self.ready, self.ready_at = parsed, now
                    self._ready_event.set()
        self._ready_event.set()

    def wait_first_200(self, timeout):
        """Polls GET discovery in a tight loop until it answers 200. Returns seconds since exec."""
        deadline = self.started_at + timeout
        request = (f"GET {DISCOVERY_PATH} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                   "Connection: close\r\n\r\n").encode()
        while True:
            if self.process.poll() is not None:
                time.sleep(0.05)  # let the drain thread take the last lines
                last = self.lines[-1] if self.lines else "nothing"
                raise SetupError(f"{self.sid} exited with status {self.process.returncode} "
                                 f"before answering (its last line: {last})\n  " +
                                 "\n  ".join(self.lines))
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=2) as s:
                    s.sendall(request)
                    head = s.recv(64)
                    if head.startswith(b"HTTP/1.1 200") or head.startswith(b"HTTP/1.0 200"):
                        return time.monotonic() - self.started_at
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SetupError(f"{self.sid} did not answer GET {DISCOVERY_PATH} with 200 within "
                                 f"{timeout:.0f} s; its last output:\n  " + "\n  ".join(self.lines))
            time.sleep(0.001)

    def wait_ready_line(self, timeout):
        if not self._ready_event.wait(timeout) or self.ready is None:
            raise SetupError(f"{self.sid} printed no ready line within {timeout:.0f} s; its last "
                             "output:\n  " + "\n  ".join(self.lines))
        return self.ready_at - self.started_at

    def rss_kib(self):
        return group_rss_kib(self.process.pid)

    def stop(self):
        stop_group(self.process)
