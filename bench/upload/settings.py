"""The two places the benchmark uploads to.

  (a) LocalSwift  a real single-node Swift (scripts/swift-dev) on its own ports and state dir,
                  with a Temp-URL key and a container; server CPU = all its processes, from /proc
  (b) Sink        tests/tools/put_sink.py: 201 after a fixed delay behind a bandwidth cap, a
                  remote store's latency and link; started fresh for every run

Each setting: setup(), before_run(run_dir) -> storage URL, after_run() -> server figures,
teardown(). Server figures: requests, by_method, by_status, body_bytes (on the wire), cpu_s.
"""
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request

import measure

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SWIFT_DEV = os.path.join(REPO, "scripts", "swift-dev")
PUT_SINK = os.path.join(REPO, "tests", "tools", "put_sink.py")


def http(method, url, headers=None):
    req = urllib.request.Request(url, method=method, headers=headers or {})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, dict(resp.headers)


class LocalSwift:
    name = "a"
    title = "(a) the real local Swift (server-bound on 2 cores)"
    server_cpu_label = "Swift CPU s"

    def __init__(self, state_dir, ports, keep, log):
        self.state_dir = state_dir
        self.proxy_port, self.port_base, self.memcached_port = ports
        self.keep = keep
        self.log = log
        self.container = "logs"
        self.tempurl_key = secrets.token_hex(16)
        self.auth = None
        self.pids = []

    def env(self, **extra):
        return dict(os.environ, LOGSTOW_SWIFT_DIR=self.state_dir,
                    LOGSTOW_SWIFT_PROXY_PORT=str(self.proxy_port),
                    LOGSTOW_SWIFT_PORT_BASE=str(self.port_base),
                    LOGSTOW_SWIFT_MEMCACHED_PORT=str(self.memcached_port), **extra)

    def describe(self):
        return (f"scripts/swift-dev on 127.0.0.1:{self.proxy_port} (1 proxy worker, backends "
                f"workers = 0, updater + expirer), state in {self.state_dir}")

    def setup(self):
        self.log(f"starting Swift in {self.state_dir} (proxy port {self.proxy_port})")
        self.storage_url = subprocess.run(
            [SWIFT_DEV, "start", self.state_dir], env=self.env(LOGSTOW_SWIFT_RESET="1"),
            check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
        auth_url = f"http://127.0.0.1:{self.proxy_port}/auth/v1.0"
        self.auth = (auth_url, "test:tester", "testing")
        _, headers = http("GET", auth_url, {"X-Auth-User": "test:tester", "X-Auth-Key": "testing"})
        admin = {"X-Auth-Token": headers["X-Auth-Token"]}
        http("POST", self.storage_url, {**admin, "X-Account-Meta-Temp-URL-Key": self.tempurl_key})
        http("PUT", f"{self.storage_url}/{self.container}", admin)
        self.pids = measure.swift_pids(self.state_dir)
        self.access_log = measure.LogCursor(os.path.join(self.state_dir, "log", "proxy-server.log"))

    def own_cpu_s(self):
        return measure.swift_cpu_s(self.pids)

    def before_run(self, run_dir):
        measure.wait_quiet(self.pids)
        self.pids = measure.swift_pids(self.state_dir)
        self.access_log.mark()
        self.cpu_before = measure.swift_cpu_s(self.pids)
        return self.storage_url

    def after_run(self):
        cpu = measure.swift_cpu_s(self.pids) - self.cpu_before
        time.sleep(0.5)  # the proxy logs a request after answering it
        figures = measure.swift_requests(self.access_log.new_lines())
        figures["cpu_s"] = cpu
        return figures

    def teardown(self):
        env = self.env() if self.keep else self.env(LOGSTOW_SWIFT_WIPE="1")
        subprocess.run([SWIFT_DEV, "stop", self.state_dir], env=env, check=False)


class Sink:
    name = "b"
    title = "(b) a remote store: put_sink, {delay_ms:g} ms per request, {rate_mbit:g} Mbit/s"
    server_cpu_label = "sink CPU s"

    def __init__(self, delay_ms, rate_mbit, log):
        self.delay_ms = delay_ms
        self.rate_mbit = rate_mbit
        self.log = log
        self.container = "logs"
        self.tempurl_key = "not-checked-by-the-sink"
        self.auth = None  # swift upload gets --os-storage-url + --os-auth-token
        self.proc = None
        self.title = self.title.format(delay_ms=delay_ms, rate_mbit=rate_mbit)

    def describe(self):
        return (f"tests/tools/put_sink.py --delay-ms {self.delay_ms:g} --rate-mbit "
                f"{self.rate_mbit:g} (every request waits the delay, HEADs included; the cap "
                f"is shared by all connections), a new sink per run")

    def setup(self):
        pass

    def own_cpu_s(self):
        return 0.0  # no sink runs between runs

    def before_run(self, run_dir):
        self.stats_path = os.path.join(run_dir, "sink-stats.json")
        self.proc = subprocess.Popen(
            [sys.executable, PUT_SINK, "--delay-ms", str(self.delay_ms), "--rate-mbit",
             str(self.rate_mbit), "--stats", self.stats_path, "--log",
             os.path.join(run_dir, "sink.log")],
            stdout=subprocess.PIPE, stderr=open(os.path.join(run_dir, "sink.err"), "w"),
            text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening "):
            raise RuntimeError(f"put_sink did not start: {line!r}")
        port = int(line.split()[1])
        return f"http://127.0.0.1:{port}/v1/AUTH_test"

    def after_run(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        self.proc = None
        with open(self.stats_path) as f:
            stats = json.load(f)
        return {"requests": stats["requests"], "by_method": stats["by_method"],
                "by_status": stats["by_status"], "body_bytes": stats["body_bytes"],
                "cpu_s": stats["cpu_user_s"] + stats["cpu_sys_s"]}

    def teardown(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None
