#!/usr/bin/python3
"""Upload benchmark of issue 4 (run it as scripts/bench-upload; see its --help).

One deterministic devstack-like tree (make_tree.py) is uploaded by each client (clients.py) to
each setting (settings.py): (a) a real local Swift, (b) a PUT sink modelling a remote store.
Repetitions are interleaved; the page with medians, ratios against the curl ceiling and every run
goes to bench/runs/<date>-<host>/upload.md (+ upload.json with the raw figures). Generated data
(tree, gzipped bodies, Swift's state, per-run logs) stays under $LOGSTOW_BENCH_DIR
(/tmp/logstow-bench), never in the repo; per-run logs are deleted at the end unless --keep.
"""
import argparse
import datetime
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the repo
sys.path.insert(0, HERE)
import clients as clientlib  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402
import settings as settinglib  # noqa: E402
import tree as treelib  # noqa: E402

REPO = settinglib.REPO


def log(msg):
    print(f"bench-upload: {msg}", file=sys.stderr, flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="scripts/bench-upload", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--settings", default="a,b", help="a (local Swift), b (sink); default a,b")
    p.add_argument("--clients", default="curl,logstow,swift-10,swift-20",
                   help="comma list of curl, logstow, swift-N (default curl,logstow,swift-10,swift-20)")
    p.add_argument("--reps", type=int, default=3, help="repetitions (default 3)")
    p.add_argument("--seed", type=int, default=1, help="tree seed (default 1)")
    p.add_argument("--scale", type=float, default=1.0, help="tree scale (default 1: ~200 MB)")
    p.add_argument("--curl-parallel-a", type=int, default=8, help="curl transfers in flight, (a)")
    p.add_argument("--curl-parallel-b", type=int, default=64, help="curl transfers in flight, (b)")
    p.add_argument("--sink-delay-ms", type=float, default=20.0)
    p.add_argument("--sink-rate-mbit", type=float, default=100.0)
    p.add_argument("--logstow", default=os.path.join(REPO, "build", "cli", "logstow"),
                   help="the logstow binary (default build/cli/logstow)")
    p.add_argument("--logstow-arg", action="append", default=[], metavar="ARG",
                   help="extra argument for logstow upload (repeat), e.g. --logstow-arg=--parallel=16")
    p.add_argument("--timeout", type=float, default=900, help="seconds per client run (default 900)")
    p.add_argument("--quiet-wait", type=float, default=60, metavar="S",
                   help="before each run, wait up to S seconds for other processes to use less "
                        "than --quiet-cores (default 60)")
    p.add_argument("--quiet-cores", type=float, default=0.25, metavar="N",
                   help="what counts as quiet: cores used by everything else (default 0.25)")
    p.add_argument("--busy-cores", type=float, default=0.5, metavar="N",
                   help="a run during which everything else used more than N cores on average "
                        "is run again (default 0.5)")
    p.add_argument("--busy-reruns", type=int, default=2, metavar="K",
                   help="run a disturbed run again at most K times, keep the least disturbed "
                        "(default 2)")
    p.add_argument("--out", help="the page to write (default bench/runs/<date>-<host>/upload.md)")
    p.add_argument("--note", help="a sentence for the top of the page (e.g. what else ran)")
    p.add_argument("--rerender", metavar="JSON",
                   help="only rewrite the page from a saved upload.json (after report changes)")
    p.add_argument("--keep", action="store_true",
                   help="keep per-run logs and Swift's data under $LOGSTOW_BENCH_DIR")
    args = p.parse_args(argv)
    args.settings = [s for s in args.settings.split(",") if s]
    args.wait_s, args.cores = args.quiet_wait, args.quiet_cores
    args.clients = [c for c in args.clients.split(",") if c]
    if not set(args.settings) <= {"a", "b"} or not args.settings:
        p.error("--settings takes a, b or a,b")
    if args.reps < 1:
        p.error("--reps must be at least 1")
    return args


def check_tools(args):
    """Stops with a clear message when something the run needs is missing."""
    need = {"curl": "curl", "swift": "python3-swiftclient", "memcached": "memcached"}
    for tool, package in need.items():
        if shutil.which(tool) is None:
            sys.exit(f"bench-upload: {tool} not found: apt-get install {package}")
    if subprocess.run(["/usr/bin/python3", "-c", "import swift"], capture_output=True).returncode:
        sys.exit("bench-upload: /usr/bin/python3 cannot import swift: apt-get install python3-swift")
    if not os.access(args.logstow, os.X_OK):
        sys.exit(f"bench-upload: {args.logstow} not found; it issues the tokens: "
                 "cmake --build build -j2 --target logstow")


class Context:
    """What a client needs to know about the setting and the tree."""

    def __init__(self, setting, tree, logstow):
        self.container = setting.container
        self.tempurl_key = setting.tempurl_key
        self.auth = setting.auth
        self.tree = tree
        self.logstow = logstow


def run_one(setting, client, ctx, rep, work, timeout, quiet):
    run_id = f"{setting.name}-{client.name}-r{rep}-{secrets.token_hex(3)}"
    run_dir = os.path.join(work, run_id)
    os.makedirs(run_dir)
    stdout, stderr = os.path.join(run_dir, "stdout"), os.path.join(run_dir, "stderr")
    quiet_cores = measure.wait_machine_quiet(setting.own_cpu_s, quiet.wait_s, quiet.cores, log)
    storage_url = setting.before_run(run_dir)
    try:
        argv, env = client.prepare(ctx, storage_url, f"bench/{run_id}/", run_dir)
        busy_before = measure.machine_busy_s()
        run = measure.run_client(argv, env, stdout, stderr, timeout)
        busy = measure.machine_busy_s() - busy_before
    finally:
        server = setting.after_run()
    problems = client.problems(run, stdout, ctx.tree.files)
    if run.timed_out:
        problems.append(f"killed after {timeout:g} s")
    rec = {"setting": setting.name, "client": client.name, "rep": rep, "wall_s": run.wall_s,
           "cpu_s": run.cpu_s, "user_s": run.user_s, "sys_s": run.sys_s,
           "rss_mb": run.max_rss_kb / 1024, "returncode": run.returncode, "server": server,
           # CPU used during the run by everything else on the machine (other jobs, ...).
           "other_cpu_s": max(0.0, busy - run.cpu_s - server["cpu_s"]),
           "other_cores_before": quiet_cores, "problems": problems}
    if isinstance(client, clientlib.Logstow):
        rec["logstow"] = client.report_figures()
    log(f"({setting.name}) rep {rep} {client.name:<9} wall {run.wall_s:6.2f} s  cpu {run.cpu_s:5.2f} s  "
        f"rss {rec['rss_mb']:4.0f} MB  requests {server['requests']:5}  server cpu "
        f"{server['cpu_s']:5.2f} s  wire {server['body_bytes'] / 1e6:6.1f} MB  "
        f"other cpu {rec['other_cpu_s']:5.2f} s  "
        + ("ok" if not problems else "PROBLEMS: " + "; ".join(problems)))
    if problems:
        with open(stderr, errors="replace") as f:
            tail = f.read()[-1500:]
        if tail.strip():
            log("client stderr (end):\n" + tail)
    return rec


def least_disturbed(setting, client, ctx, rep, work, args):
    """Runs once, and again (up to --busy-reruns times) while other processes used more than
    --busy-cores on average during the run; keeps the least disturbed run."""
    runs = []
    while True:
        run = run_one(setting, client, ctx, rep, work, args.timeout, args)
        runs.append(run)
        busy = run["other_cpu_s"] / run["wall_s"]
        if busy <= args.busy_cores or len(runs) > args.busy_reruns:
            break
        log(f"other processes used {busy:.2f} cores during that run: running it again")
    best = min(runs, key=lambda r: r["other_cpu_s"] / r["wall_s"])
    best["attempts"] = len(runs)
    return best


def warm_up(setting, ctx, work):
    """A short unmeasured curl upload, so the first measured run meets a warm Swift."""
    run_dir = os.path.join(work, "warm-up")
    os.makedirs(run_dir)
    storage_url = setting.before_run(run_dir)
    argv, env = clientlib.Curl(8).prepare(ctx, storage_url, "bench/warm-up/", run_dir, limit=300)
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=False)
    setting.after_run()


def make_settings(args, cache):
    made = []
    for name in args.settings:
        if name == "a":
            made.append((settinglib.LocalSwift(os.path.join(cache, "swift"), swift_ports(),
                                               args.keep, log),
                         args.curl_parallel_a))
        else:
            made.append((settinglib.Sink(args.sink_delay_ms, args.sink_rate_mbit, log),
                         args.curl_parallel_b))
    return made


def port_free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def swift_ports():
    """(proxy, base, memcached) for the bench's Swift: the LOGSTOW_BENCH_SWIFT_* variables, or
    the first free set of 48080+i, 46200+10i..+2, 41312+i (other sessions may run Swifts too)."""
    env = [os.environ.get(f"LOGSTOW_BENCH_SWIFT_{v}") for v in ("PROXY_PORT", "PORT_BASE",
                                                                  "MEMCACHED_PORT")]
    if all(env):
        return tuple(int(x) for x in env)
    for i in range(50):
        proxy, base, memcached = 48080 + i, 46200 + 10 * i, 41312 + i
        if all(port_free(p) for p in (proxy, base, base + 1, base + 2, memcached)):
            return proxy, base, memcached
    sys.exit("bench-upload: no free ports for Swift; set LOGSTOW_BENCH_SWIFT_PROXY_PORT, "
             "LOGSTOW_BENCH_SWIFT_PORT_BASE and LOGSTOW_BENCH_SWIFT_MEMCACHED_PORT")


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    return (f"{os.cpu_count()} vCPU ({model}), {mem_kb / 1024 / 1024:.0f} GB RAM, "
            f"Linux {os.uname().release}")


def git_commit():
    def git(*a):
        return subprocess.run(["git", "-C", REPO, *a], capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "?"
    dirty = git("status", "--porcelain", "--", "uploader", "cli")
    return commit + (" + uncommitted changes in uploader/ or cli/" if dirty else "")


def version(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def write_page(out, meta, pages, runs, skipped):
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        f.write(report.page(meta, pages, runs, skipped) + "\n")
    with open(os.path.splitext(out)[0] + ".json", "w") as f:
        json.dump({"meta": meta, "settings": pages, "runs": runs, "skipped": skipped}, f,
                  indent=1)
    log(f"wrote {out}")


def rerender(json_path, out, note):
    with open(json_path) as f:
        saved = json.load(f)
    if note is not None:
        saved["meta"]["note"] = note
    write_page(out or os.path.splitext(json_path)[0] + ".md", saved["meta"], saved["settings"],
               saved["runs"], saved.get("skipped", []))
    return 0


def main(argv):
    # SIGTERM unwinds like ^C, so Swift, the sink and any client are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args = parse_args(argv)
    if args.rerender:
        return rerender(args.rerender, args.out, args.note)
    check_tools(args)
    cache = os.environ.get("LOGSTOW_BENCH_DIR", "/tmp/logstow-bench")
    os.makedirs(cache, exist_ok=True)
    tree = treelib.prepare(cache, args.seed, args.scale, log)
    log(f"tree: {tree.files} files, {tree.bytes / 1e6:.1f} MB, "
        f"{tree.stats['wire_bytes'] / 1e6:.1f} MB gzipped")

    skipped = []
    names = list(args.clients)
    if "logstow" in names:
        why = clientlib.Logstow(args.logstow, []).missing()
        if why:
            log(f"skipping logstow: {why}")
            skipped.append(f"logstow ({why})")
            names.remove("logstow")
    if not names:
        sys.exit("bench-upload: no client left to run")

    work = os.path.join(cache, f"work-{os.getpid()}")
    os.makedirs(work)
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    runs, pages = [], []
    try:
        for setting, curl_parallel in make_settings(args, cache):
            clients = clientlib.by_name(names, curl_parallel, args.logstow, args.logstow_arg)
            setting.setup()
            try:
                ctx = Context(setting, tree, args.logstow)
                if setting.name == "a":
                    warm_up(setting, ctx, work)
                for rep in range(1, args.reps + 1):
                    shift = (rep - 1) % len(clients)  # rotate the order each repetition
                    for client in clients[shift:] + clients[:shift]:
                        runs.append(least_disturbed(setting, client, ctx, rep, work, args))
            finally:
                setting.teardown()
            pages.append({"name": setting.name, "title": setting.title,
                          "describe": setting.describe(),
                          "server_cpu_label": setting.server_cpu_label,
                          "clients": [{"name": c.name, "describe": c.describe()} for c in clients]})
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    host = socket.gethostname().split(".")[0]
    date = datetime.date.today().isoformat()
    meta = {"date": date, "host": host, "args": " ".join(argv) or "(defaults)",
            "commit": git_commit(), "logstow_version": version([args.logstow, "--version"]),
            "machine": machine(), "load_before": load_before,
            "load_after": " ".join(f"{x:.2f}" for x in os.getloadavg()), "reps": args.reps,
            "seed": args.seed, "scale": args.scale, "note": args.note,
            "versions": {"curl": version(["curl", "--version"]),
                         "swiftclient": version(["swift", "--version"])},
            "tree": {**tree.stats, "files": tree.files, "bytes": tree.bytes,
                     "folders": tree.folders}}
    out = args.out or os.path.join(REPO, "bench", "runs", f"{date}-{host}", "upload.md")
    write_page(out, meta, pages, runs, skipped)
    with open(out) as f:
        print(f.read())
    failed = [r for r in runs if r["problems"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
