#!/usr/bin/python3
"""selftest: checks fault_proxy.py against a real Swift and put_sink.py on its own, with curl.

usage: tests/tools/selftest.py [STATE_DIR]
  STATE_DIR: a running scripts/swift-dev instance (default $LOGSTOW_SWIFT_DIR); its env file
  gives the URLs. It makes a container "selftest" with its own Temp-URL key (the account's
  keys are left alone) and writes objects under a new prefix each run.
Prints one line per check and exits with the number of failed checks.
"""
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
KEY = "selftest-key"
FAILED = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""))
    if not ok:
        FAILED.append(name)


def load_env(state_dir):
    env = {}
    with open(os.path.join(state_dir, "env")) as f:
        for line in f:
            name, _, value = line.replace("export ", "", 1).strip().partition("=")
            env[name] = value
    return env


def swift_token(env):
    req = urllib.request.Request(env["LOGSTOW_SWIFT_AUTH_URL"], headers={
        "X-Auth-User": env["LOGSTOW_SWIFT_USER"], "X-Auth-Key": env["LOGSTOW_SWIFT_KEY"]})
    return urllib.request.urlopen(req).headers["X-Auth-Token"]


def swift(method, url, token, headers=None):
    req = urllib.request.Request(url, method=method, headers={"X-Auth-Token": token, **(headers or {})})
    try:
        with urllib.request.urlopen(req) as resp:
            return resp.status, resp.read(), resp.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers


def tempurl_query(account_path, prefix):
    """A prefix TempURL for PUT (sha256), as Swift's tempurl middleware checks it."""
    expires = int(time.time()) + 3600
    msg = f"PUT\n{expires}\nprefix:{account_path}/selftest/{prefix}"
    sig = hmac.new(KEY.encode(), msg.encode(), "sha256").hexdigest()
    return f"temp_url_sig={sig}&temp_url_expires={expires}&temp_url_prefix={prefix}"


class Tool:
    """A tool process started with its flags; port from its "listening" line."""

    def __init__(self, script, *args):
        self.log = tempfile.NamedTemporaryFile("r", suffix=".log", delete=False)
        self.proc = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, script), *args,
                                      "--log", self.log.name],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline().split()[1])

    def records(self):
        with open(self.log.name) as f:
            return [json.loads(line) for line in f if line.strip()]

    def stop(self):
        self.proc.terminate()
        _, err = self.proc.communicate(timeout=10)
        os.unlink(self.log.name)
        return err


def curl(*args):
    """Runs curl; returns (exit code, stdout, stderr)."""
    out = subprocess.run(["curl", "-s", *args], capture_output=True, text=True)
    return out.returncode, out.stdout, out.stderr


def put(url, path, *extra):
    """PUTs a file with curl; returns (exit code, "status size_upload")."""
    rc, out, _ = curl("-o", "/dev/null", "-w", "%{http_code}", "-T", path, *extra, url)
    return rc, out


def proxy_checks(env, token, work):
    account_path = urllib.parse.urlsplit(env["LOGSTOW_SWIFT_STORAGE_URL"]).path
    big = os.path.join(work, "big.bin")
    with open(big, "wb") as f:
        f.write(os.urandom(3_000_000))
    with open(big, "rb") as f:
        big_md5 = hashlib.md5(f.read()).hexdigest()
    small = os.path.join(work, "small.txt")
    with open(small, "w") as f:
        f.write("hello\n")
    run = f"t{int(time.time() * 1000)}/"
    query = tempurl_query(account_path, run)
    stored_url = f"{env['LOGSTOW_SWIFT_STORAGE_URL']}/selftest/{run}"

    def stored(name):
        status, _, headers = swift("HEAD", stored_url + name, token)
        return status, headers.get("Etag")

    # Pass-through: Content-Length and chunked bodies, keep-alive reuse.
    p = Tool("fault_proxy.py", "--upstream", env["LOGSTOW_SWIFT_PROXY_URL"])
    base = f"http://127.0.0.1:{p.port}{account_path}/selftest/{run}"
    rc, out, err = curl("-v", "-o", "/dev/null", "-o", "/dev/null", "-w", "%{http_code} ",
                        "-T", small, f"{base}small?{query}", "-T", big, f"{base}big?{query}")
    check("proxy: two PUTs on one connection", out == "201 201 " and "Re-using existing" in err, out)
    with open(big, "rb") as f:
        chunked = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-T", "-",
                                  f"{base}chunked?{query}"], stdin=f, capture_output=True, text=True)
    check("proxy: chunked PUT", chunked.stdout == "201", chunked.stdout)
    check("proxy: objects stored intact", stored("big") == (200, big_md5) and
          stored("chunked") == (200, big_md5), (stored("big"), stored("chunked")))
    recs = p.records()
    check("proxy: log has framing and one line per request",
          [r["framing"] for r in recs] == ["length:6", "length:3000000", "chunked"] and
          len({r["conn"] for r in recs[:2]}) == 1, recs)
    p.stop()

    # 503 without forwarding, with and without 100-continue.
    p = Tool("fault_proxy.py", "--upstream", env["LOGSTOW_SWIFT_PROXY_URL"], "--fail-503", "1",
             "--only-method", "PUT")
    base = f"http://127.0.0.1:{p.port}{account_path}/selftest/{run}"
    check("503: answered", put(f"{base}f1?{query}", big) == (0, "503"))
    check("503: answered without Expect", put(f"{base}f2?{query}", big, "-H", "Expect:") == (0, "503"))
    check("503: nothing stored", stored("f1")[0] == 404 and stored("f2")[0] == 404)
    rc, out, _ = curl("-o", "/dev/null", "-w", "%{http_code}", f"http://127.0.0.1:{p.port}/info")
    check("503: GET /info not faulted (--only-method PUT)", out == "200", out)
    p.stop()

    # Forwarded and stored, then 503.
    p = Tool("fault_proxy.py", "--upstream", env["LOGSTOW_SWIFT_PROXY_URL"], "--store-503", "1")
    base = f"http://127.0.0.1:{p.port}{account_path}/selftest/{run}"
    check("store-503: answered 503", put(f"{base}s1?{query}", big) == (0, "503"))
    check("store-503: object stored", stored("s1") == (200, big_md5), stored("s1"))
    check("store-503: upstream status logged", p.records()[0]["upstream_status"] == 201)
    p.stop()

    # Resets at each point: curl sees "connection reset" (56 or 55), never an HTTP status.
    for point, kept in (("head", False), ("body", False), ("response", False), ("stored", True)):
        p = Tool("fault_proxy.py", "--upstream", env["LOGSTOW_SWIFT_PROXY_URL"], "--reset", "1",
                 "--reset-at", point, "--seed", "1")
        base = f"http://127.0.0.1:{p.port}{account_path}/selftest/{run}"
        rc, _ = put(f"{base}r-{point}?{query}", big)
        check(f"reset:{point}: connection reset", rc in (55, 56), f"curl exit {rc}")
        check(f"reset:{point}: stored = {kept}", (stored(f"r-{point}")[0] == 200) == kept)
        rec = p.records()[0]
        if point == "body":
            check("reset:body: part of the body read", 0 < rec["req_bytes"] < 3_000_000, rec)
        p.stop()

    # A delay past the client's timeout.
    p = Tool("fault_proxy.py", "--upstream", env["LOGSTOW_SWIFT_PROXY_URL"], "--delay", "1",
             "--delay-seconds", "2")
    base = f"http://127.0.0.1:{p.port}{account_path}/selftest/{run}"
    start = time.monotonic()
    rc, _ = put(f"{base}d1?{query}", small, "--max-time", "1")
    check("delay: client times out", rc == 28, f"curl exit {rc}")
    rc, out = put(f"{base}d2?{query}", small)
    check("delay: answered after the delay", out == "201" and time.monotonic() - start >= 3)
    p.stop()

    # The token "expires" after 2 requests.
    p = Tool("fault_proxy.py", "--upstream", env["LOGSTOW_SWIFT_PROXY_URL"], "--expire-after", "2",
             "--only-method", "PUT")
    base = f"http://127.0.0.1:{p.port}{account_path}/selftest/{run}"
    codes = [put(f"{base}e{i}?{query}", small)[1] for i in range(4)]
    check("expire: 2 accepted, then 401", codes == ["201", "201", "401", "401"], codes)
    rc, out, _ = curl("-i", "-T", small, f"{base}e9?{query}")
    head, _, body = out.partition("\n\n")  # text mode: CRLF reads as LF
    check("expire: Swift's exact rejection", body == "401 Unauthorized: Temp URL invalid\n" and
          'Www-Authenticate: Swift realm="unknown"' in head, out)
    p.stop()

    # Control endpoint.
    p = Tool("fault_proxy.py", "--upstream", env["LOGSTOW_SWIFT_PROXY_URL"])
    control = f"http://127.0.0.1:{p.port}/__fault__/"
    base = f"http://127.0.0.1:{p.port}{account_path}/selftest/{run}"
    check("control: no fault at first", put(f"{base}c1?{query}", small)[1] == "201")
    rc, out, _ = curl("-X", "POST", "-d", '{"fail_503": 1}', control + "config")
    check("control: config changed", json.loads(out).get("fail_503") == 1.0, out)
    check("control: fault applies", put(f"{base}c2?{query}", small)[1] == "503")
    rc, out, _ = curl("-w", " %{http_code}", "-X", "POST", "-d", '{"nope": 1}', control + "config")
    check("control: unknown setting is 400", out.endswith(" 400"), out)
    rc, out, _ = curl(control + "stats")
    stats = json.loads(out)
    check("control: stats", stats["requests"] == 2 and stats["faults"].get("503") == 1, stats)
    p.stop()


def sink_checks(work):
    data = os.path.join(work, "sink.bin")
    with open(data, "wb") as f:
        f.write(os.urandom(2_500_000))  # 20 Mbit: 0.2 s at 100 Mbit/s
    with open(data, "rb") as f:
        md5 = hashlib.md5(f.read()).hexdigest()
    s = Tool("put_sink.py", "--delay-ms", "20", "--rate-mbit", "100")
    base = f"http://127.0.0.1:{s.port}/v1/AUTH_test/c/"
    rc, out, err = curl("-D", "-", "-o", "/dev/null", "-T", data, base + "x")
    check("sink: 201 with Etag = MD5", "HTTP/1.1 201 Created" in out and f"Etag: {md5}" in out, out)
    # Four bodies in parallel share the cap: 10 MB = 80 Mbit -> at least 0.8 s (a cap per
    # connection would take 0.2 s). No upper bound: a loaded machine is slower, never faster.
    start = time.monotonic()
    args = [a for i in range(4) for a in ("-T", data, f"{base}p{i}", "-o", "/dev/null")]
    curl("--parallel", "--parallel-max", "4", *args)
    took = time.monotonic() - start
    check("sink: 100 Mbit/s shared cap", took >= 0.78, f"{took:.2f} s")
    with open(data, "rb") as f:
        chunked = subprocess.run(["curl", "-s", "-D", "-", "-o", "/dev/null", "-T", "-", base + "c"],
                                 stdin=f, capture_output=True, text=True).stdout
    check("sink: chunked body, same Etag", f"Etag: {md5}" in chunked, chunked)
    start = time.monotonic()
    rc, out, err = curl("-v", "-I", *[f"{base}h{i}" for i in range(10)])
    took = time.monotonic() - start
    check("sink: HEAD 404 after the delay, keep-alive",
          out.count("HTTP/1.1 404 Not Found") == 10 and err.count("Re-using existing") == 9
          and took >= 0.2, f"{out.count('404 Not Found')} 404s in {took:.2f} s")
    rc, out, _ = curl(f"http://127.0.0.1:{s.port}/info")
    check("sink: /info", json.loads(out)["swift"]["max_file_size"] == 5368709120, out)
    recs = s.records()
    check("sink: request log", [r["framing"] for r in recs[:6]] ==
          ["length:2500000"] * 5 + ["chunked"] and recs[0]["etag"] == md5, recs[:6])
    err = s.stop()
    check("sink: prints its CPU time on exit", "cpu_user_s=" in err, err)


def main(argv):
    state_dir = argv[0] if argv else os.environ.get("LOGSTOW_SWIFT_DIR")
    if not state_dir:
        sys.exit("usage: selftest.py STATE_DIR (a running scripts/swift-dev instance)")
    env = load_env(state_dir)
    token = swift_token(env)
    swift("PUT", env["LOGSTOW_SWIFT_STORAGE_URL"] + "/selftest", token,
          {"X-Container-Meta-Temp-URL-Key": KEY})
    with tempfile.TemporaryDirectory() as work:
        proxy_checks(env, token, work)
        sink_checks(work)
    print(f"{len(FAILED)} failed" + (": " + ", ".join(FAILED) if FAILED else ""))
    return len(FAILED)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
