"""A `lamtheo serve` for the benchmark: started on a free port of
127.0.0.1, logged into with a Bearer token, its peak memory read from
/proc, stopped with SIGTERM."""
import http.client
import json
import re
import signal
import subprocess
import threading
import time


class Server:
    def __init__(self, bin, db, threads=None, quiet=True):
        args = [bin, "serve", "--db", db, "--listen", "127.0.0.1:0"]
        if threads:
            args += ["--threads", str(threads)]
        if quiet:
            args.append("--quiet")
        self.proc = subprocess.Popen(args, stderr=subprocess.PIPE, text=True,
                                     encoding="utf-8", errors="replace")
        self.log = []
        first = self.proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        if not m:
            self.proc.kill()
            raise RuntimeError("server did not start: " + first + self.proc.stderr.read())
        self.port = int(m.group(1))
        self.base = "http://127.0.0.1:%d" % self.port
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.token = None
        self._conn = None

    def _read(self):
        for line in self.proc.stderr:
            if len(self.log) < 1000:
                self.log.append(line)

    def _connection(self, timeout):
        if self._conn is None:
            self._conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        self._conn.timeout = timeout
        if self._conn.sock is not None:
            self._conn.sock.settimeout(timeout)
        return self._conn

    def request(self, method, path, body=None, timeout=600):
        """(status, parsed JSON body) over one kept-alive connection."""
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (0, 1):
            conn = self._connection(timeout)
            try:
                conn.request(method, path, body=data, headers=headers)
                r = conn.getresponse()
                raw = r.read()
                break
            except (ConnectionError, http.client.HTTPException):
                conn.close()
                self._conn = None
                if attempt:
                    raise
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")
        return r.status, parsed

    def get(self, path, timeout=600):
        return self.request("GET", path, timeout=timeout)

    def login(self, username, password):
        st, body = self.request("POST", "/api/v1/login",
                                {"username": username, "password": password})
        if st != 200:
            raise RuntimeError("login as %s: %s %s" % (username, st, body))
        if "token" not in body:
            raise RuntimeError("login as %s asks for a second factor (an administrator): "
                               "the benchmark logs in as committee staff at the root "
                               "(bench/benchlib/load.py; a copy loaded before that: "
                               "`lamtheo user add --role staff`, then its .login file)"
                               % username)
        self.token = body["token"]
        return body

    def _status_kib(self, field):
        """A memory figure of /proc/PID/status (VmHWM, VmRSS …), in KiB."""
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def vm_hwm_kib(self):
        """Peak resident memory so far (VmHWM), in KiB."""
        return self._status_kib("VmHWM")

    def vm_rss_kib(self):
        """Resident memory now (VmRSS), in KiB."""
        return self._status_kib("VmRSS")

    def stop(self):
        if self._conn:
            self._conn.close()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)
        return self.proc.returncode


def wait_healthy(server, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        try:
            if server.get("/healthz", timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("server not healthy")
