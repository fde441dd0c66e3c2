"""The upload clients the benchmark compares, each turned into one command to measure.

  curl      the ceiling: one curl process, --parallel keep-alive PUTs of pre-gzipped bodies with
            the token's prefix TempURL query and X-Delete-After, what logstow sends
  swift-N   python-swiftclient's `swift upload` with N object threads (a HEAD before each PUT,
            no compression, no X-Delete-After: the stock tool as people run it)
  logstow   `logstow upload` with the token in LOGSTOW_TOKEN

Each client has prepare() -> (argv, env), made before the clock starts, and problems(), which
says what went wrong in a finished run (empty when every object was accepted).
"""
import base64
import json
import os
import subprocess
import urllib.parse

DELETE_AFTER = "30d"


def issue_token(logstow, storage_url, container, prefix, tempurl_key):
    """A token from `logstow token issue --json`: (token, its decoded payload)."""
    env = dict(os.environ, LOGSTOW_TEMPURL_KEY=tempurl_key)
    out = subprocess.run([logstow, "token", "issue", "--storage-url", storage_url,
                          "--container", container, "--prefix", prefix, "--ttl", "6h",
                          "--delete-after", DELETE_AFTER, "--json"],
                         env=env, check=True, capture_output=True, text=True).stdout
    token = json.loads(out)["token"]
    body = token.split(".", 1)[1]
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return token, payload


def tempurl_query(payload):
    """The prefix TempURL query string a token stands for (Swift's tempurl middleware)."""
    return urllib.parse.urlencode({
        "temp_url_sig": payload["signatures"]["PUT"],
        "temp_url_expires": payload["expires"],
        "temp_url_prefix": payload["prefix"],
    })


def quote_config(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Curl:
    """One curl process: N transfers in flight over keep-alive connections, bodies gzipped
    beforehand. "Expect:" is turned off so no request waits for a 100 Continue."""

    def __init__(self, parallel):
        self.name = "curl"
        self.parallel = parallel

    def describe(self):
        return (f"curl {self.parallel} in flight, one process, keep-alive, pre-gzipped bodies "
                f"(gzip -6), prefix TempURL, X-Delete-After")

    def prepare(self, ctx, storage_url, prefix, run_dir, limit=None):
        _, payload = issue_token(ctx.logstow, storage_url, ctx.container, prefix, ctx.tempurl_key)
        query = tempurl_query(payload)
        base = f"{payload['storage_url']}/{ctx.container}/{urllib.parse.quote(payload['prefix'])}"
        config = os.path.join(run_dir, "curl.config")
        with open(config, "w") as f:
            for i, entry in enumerate(ctx.tree.entries[:limit]):
                if i:
                    f.write("next\n")  # between blocks only: a trailing one is a transfer without a URL
                upload = entry.body_path(ctx.tree) if entry.compress else entry.path(ctx.tree)
                f.write(f"url = {quote_config(base + urllib.parse.quote(entry.name) + '?' + query)}\n")
                f.write(f"upload-file = {quote_config(upload)}\n")
                f.write(f"header = {quote_config('Content-Type: ' + entry.content_type)}\n")
                if entry.compress:
                    f.write('header = "Content-Encoding: gzip"\n')
                f.write(f'header = "X-Delete-After: {payload["delete_after"]}"\n')
                f.write('header = "Expect:"\n')
                f.write('output = "/dev/null"\n')
                f.write('write-out = "%{http_code}\\n"\n')
        argv = ["curl", "--no-progress-meter", "--parallel", "--parallel-immediate",
                "--parallel-max", str(self.parallel), "--config", config]
        return argv, dict(os.environ)

    def problems(self, run, stdout_path, expected):
        with open(stdout_path) as f:
            codes = f.read().split()
        bad = [c for c in codes if c != "201"]
        out = []
        if len(codes) != expected:
            out.append(f"{len(codes)} transfers finished, {expected} expected")
        if bad:
            out.append(f"{len(bad)} not 201: {sorted(set(bad))}")
        if run.returncode:
            out.append(f"curl exited {run.returncode}")
        return out


class SwiftUpload:
    """python-swiftclient's CLI, with tempauth (a) or a storage URL + any token (the sink)."""

    def __init__(self, threads):
        self.name = f"swift-{threads}"
        self.threads = threads

    def describe(self):
        return f"`swift upload --object-threads {self.threads}` (python-swiftclient)"

    def prepare(self, ctx, storage_url, prefix, run_dir):
        if ctx.auth is not None:
            auth_url, user, key = ctx.auth
            argv = ["swift", "-A", auth_url, "-U", user, "-K", key]
        else:
            argv = ["swift", "--os-storage-url", storage_url, "--os-auth-token", "bench"]
        argv += ["upload", ctx.container, ctx.tree.root, "--object-name", prefix.rstrip("/"),
                 "--object-threads", str(self.threads)]
        return argv, dict(os.environ)

    def problems(self, run, stdout_path, expected):
        with open(stdout_path) as f:
            uploaded = sum(1 for line in f if line.strip())
        out = []
        if uploaded != expected:
            out.append(f"{uploaded} objects listed as uploaded, {expected} expected")
        if run.returncode:
            out.append(f"swift exited {run.returncode}")
        return out


class Logstow:
    def __init__(self, binary, extra_args):
        self.name = "logstow"
        self.binary = binary
        self.extra_args = extra_args

    def describe(self):
        extra = " " + " ".join(self.extra_args) if self.extra_args else ""
        return f"`logstow upload DIR --json R --progress none{extra}`, token in LOGSTOW_TOKEN"

    def missing(self):
        """Why logstow upload cannot run here, or None."""
        if not os.access(self.binary, os.X_OK):
            return f"{self.binary} not built (cmake --build build -j2 --target logstow)"
        out = subprocess.run([self.binary, "upload", "--help"], capture_output=True, text=True)
        if "logstow upload" not in out.stdout + out.stderr:
            return f"{self.binary} has no `upload` subcommand yet (issue 4 in progress)"
        return None

    def prepare(self, ctx, storage_url, prefix, run_dir):
        token, _ = issue_token(self.binary, storage_url, ctx.container, prefix, ctx.tempurl_key)
        self.report = os.path.join(run_dir, "logstow-report.json")
        argv = [self.binary, "upload", ctx.tree.root, "--json", self.report,
                "--progress", "none", *self.extra_args]
        return argv, dict(os.environ, LOGSTOW_TOKEN=token)

    def problems(self, run, stdout_path, expected):
        out = []
        if run.returncode:
            out.append(f"logstow exited {run.returncode}")
        if not os.path.exists(self.report):
            out.append("no --json report")
        return out

    def report_figures(self):
        """Numbers from the --json report whose key mentions CPU or time (flattened keys)."""
        try:
            with open(self.report) as f:
                report = json.load(f)
        except (OSError, ValueError):
            return {}
        flat = {}

        def walk(prefix, value):
            if isinstance(value, dict):
                for k, v in value.items():
                    walk(f"{prefix}.{k}" if prefix else k, v)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                key = prefix.lower()
                if any(w in key for w in ("cpu", "seconds", "_s", "time", "compress", "http",
                                          "bytes", "retries", "requests", "rss")):
                    flat[prefix] = value

        walk("", report)
        return flat


def by_name(names, curl_parallel, logstow_binary, logstow_args):
    made = []
    for name in names:
        if name == "curl":
            made.append(Curl(curl_parallel))
        elif name.startswith("swift-") and name[6:].isdigit():
            made.append(SwiftUpload(int(name[6:])))
        elif name == "logstow":
            made.append(Logstow(logstow_binary, logstow_args))
        else:
            raise ValueError(f"unknown client {name!r}: curl, logstow, swift-N")
    return made
