"""Turns the runs into the Markdown page bench/runs/<date>-<host>/upload.md: medians per client
and setting, ratios against the curl ceiling, every run, and the issue's targets."""
import statistics

# Measured before logstow existed, same kind of tree (bench/baselines.md).
BASELINE = {
    "a": {"curl": 11.9, "swift-20": 15.2, "swift-10": 16.1, "zuul-jobs": 16.4},
    "b": {"curl": 2.3, "swift-10": 19.6, "zuul-jobs": 7.4},
}


def derived(run, tree):
    """Per-run figures computed from what was measured."""
    wall = run["wall_s"]
    return {
        **run,
        "objects_per_s": tree["files"] / wall,
        "logical_mb_s": tree["bytes"] / wall / 1e6,
        "wire_mb": run["server"]["body_bytes"] / 1e6,
        "wire_mb_s": run["server"]["body_bytes"] / wall / 1e6,
        "server_cpu_ms_per_file": run["server"]["cpu_s"] * 1000 / tree["files"],
    }


def medians(runs):
    """Median of each numeric figure over the runs of one client in one setting."""
    keys = ["wall_s", "cpu_s", "user_s", "sys_s", "rss_mb", "objects_per_s", "logical_mb_s",
            "wire_mb", "wire_mb_s", "server_cpu_ms_per_file", "other_cpu_s"]
    out = {k: statistics.median(r[k] for r in runs) for k in keys}
    out["server_cpu_s"] = statistics.median(r["server"]["cpu_s"] for r in runs)
    out["requests"] = statistics.median(r["server"]["requests"] for r in runs)
    methods = sorted({m for r in runs for m in r["server"]["by_method"]})
    out["by_method"] = {m: statistics.median(r["server"]["by_method"].get(m, 0) for r in runs)
                        for m in methods}
    out["ok"] = all(not r["problems"] for r in runs)
    figures = {}
    for r in runs:
        for k, v in r.get("logstow", {}).items():
            figures.setdefault(k, []).append(v)
    out["logstow"] = {k: statistics.median(v) for k, v in figures.items()}
    return out


def fmt(x, digits=2):
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def ratio(a, b):
    return f"{a / b:.2f}×" if a is not None and b else "–"


def methods_text(by_method):
    return " ".join(f"{m} {int(n)}" for m, n in sorted(by_method.items()))


def setting_section(setting, runs, tree):
    """Markdown for one setting: medians table, ratios to curl, targets."""
    clients = setting["clients"]
    lines = [f"## {setting['title']}", "", setting["describe"] + ".", "",
             "Clients: " + "; ".join(f"{c['name']}: {c['describe']}" for c in clients) + ".", ""]
    table = {}
    for c in clients:
        mine = [derived(r, tree) for r in runs if r["client"] == c["name"]]
        if mine:
            table[c["name"]] = medians(mine)
    if not table:
        return lines + ["(no runs)", ""]
    curl = table.get("curl")
    head = ("| client | wall s | client CPU s (user+sys) | client RSS MB | requests | "
            f"{setting['server_cpu_label']} | server CPU ms/file | objects/s | logical MB/s | "
            "on-wire MB | on-wire MB/s | wall ÷ curl | client CPU ÷ curl | server CPU ÷ curl | "
            "other CPU s |")
    lines += [head, "|" + "---|" * (head.count("|") - 1)]
    for name, m in table.items():
        flag = "" if m["ok"] else " ⚠"
        lines.append(
            f"| {name}{flag} | {fmt(m['wall_s'])} | {fmt(m['cpu_s'])} ({fmt(m['user_s'])}+{fmt(m['sys_s'])}) "
            f"| {fmt(m['rss_mb'], 0)} | {int(m['requests'])} ({methods_text(m['by_method'])}) "
            f"| {fmt(m['server_cpu_s'])} | {fmt(m['server_cpu_ms_per_file'])} | {fmt(m['objects_per_s'], 0)} "
            f"| {fmt(m['logical_mb_s'], 1)} | {fmt(m['wire_mb'], 1)} | {fmt(m['wire_mb_s'], 1)} "
            f"| {ratio(m['wall_s'], curl and curl['wall_s'])} | {ratio(m['cpu_s'], curl and curl['cpu_s'])} "
            f"| {ratio(m['server_cpu_s'], curl and curl['server_cpu_s'])} | {fmt(m['other_cpu_s'], 1)} |")
    lines.append("")
    base = BASELINE.get(setting["name"], {})
    if base:
        lines.append("Baseline measured before logstow (bench/baselines.md), wall s: "
                     + ", ".join(f"{k} {v}" for k, v in base.items())
                     + (" (swift-10 there: 10 threads, 20 ms + 100 Mbit/s)." if setting["name"] == "b" else "."))
        lines.append("")
    lw = table.get("logstow")
    if lw and lw["logstow"]:
        lines += ["logstow's own --json report (medians):", "",
                  "| figure | value |", "|---|---|"]
        lines += [f"| {k} | {fmt(v, 3) if isinstance(v, float) else v} |" for k, v in sorted(lw["logstow"].items())]
        lines.append("")
    if lw:
        lines += targets(setting["name"], table, tree)
    return lines


def figure(figures, *words):
    """The first of logstow's report figures whose key contains every word, or None."""
    for key, value in sorted(figures.items()):
        if all(w in key.lower() for w in words):
            return value
    return None


def targets(name, table, tree):
    """The issue's targets for logstow in this setting, met or not."""
    lw, curl = table["logstow"], table.get("curl")
    checks = [("peak RSS ≤ 64 MB", lw["rss_mb"] <= 64, f"{lw['rss_mb']:.0f} MB")]
    puts = int(lw["by_method"].get("PUT", 0))
    folders = tree.get("folders")
    if folders:  # an index.html per folder, root included, and zuul-manifest.json
        expected = tree["files"] + folders + 1
        checks.append(("one PUT per file (+ an index per folder + the manifest)", puts == expected,
                       f"{puts} PUTs, expected {tree['files']} + {folders} + 1 = {expected}; "
                       f"{int(lw['requests'])} requests in all"))
    else:
        checks.append(("one PUT per file (+ indexes and manifest)", None,
                       f"{int(lw['requests'])} requests, {puts} PUTs for {tree['files']} files"))
    if curl:
        if name == "a":
            checks.append(("wall ≤ 1.1× curl", lw["wall_s"] <= 1.1 * curl["wall_s"],
                           ratio(lw["wall_s"], curl["wall_s"])))
            checks.append(("Swift CPU per file within 5% of curl's",
                           lw["server_cpu_ms_per_file"] <= 1.05 * curl["server_cpu_ms_per_file"],
                           ratio(lw["server_cpu_ms_per_file"], curl["server_cpu_ms_per_file"])))
        else:
            checks.append(("wall within 1.2× curl", lw["wall_s"] <= 1.2 * curl["wall_s"],
                           ratio(lw["wall_s"], curl["wall_s"])))
    swift = table.get("swift-10")
    if name == "b" and swift:
        checks.append(("≥ 5× faster than swift upload (10 threads)",
                       swift["wall_s"] >= 5 * lw["wall_s"], ratio(swift["wall_s"], lw["wall_s"])))
    http = figure(lw["logstow"], "cpu", "http")
    compression = figure(lw["logstow"], "cpu", "compress")
    if curl and http is not None:
        checks.append(("HTTP client CPU ≤ 2× curl's", http <= 2 * curl["cpu_s"],
                       f"{http:.2f} s vs curl {curl['cpu_s']:.2f} s: {ratio(http, curl['cpu_s'])}"))
    if compression is not None:
        zlib6 = tree["zlib_cpu_s"]["6"]
        checks.append(("compression CPU ≤ 1.1× single-thread zlib -6 (default level)",
                       compression <= 1.1 * zlib6,
                       f"{compression:.2f} s vs zlib {zlib6:.2f} s: {ratio(compression, zlib6)}"))
    out = ["Targets (issue 4) for logstow:", "", "| target | met | measured |", "|---|---|---|"]
    out += [f"| {t} | {'–' if ok is None else ('yes' if ok else '**no**')} | {v} |" for t, ok, v in checks]
    return out + [""]


def internal(run):
    n = run["server"].get("internal_requests")
    return f" (+{n} Swift-internal)" if n else ""


def runs_table(runs, tree):
    curl_wall = {(r["setting"], r["rep"]): r["wall_s"] for r in runs if r["client"] == "curl"}
    lines = ["## Every run", "",
             "| setting | rep | client | wall s | wall ÷ curl (same rep) | client CPU s | RSS MB "
             "| requests | server CPU s | objects/s | logical MB/s | on-wire MB | on-wire MB/s "
             "| other CPU s | runs | problems |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in runs:
        d = derived(r, tree)
        lines.append(f"| {r['setting']} | {r['rep']} | {r['client']} | {fmt(d['wall_s'])} "
                     f"| {ratio(d['wall_s'], curl_wall.get((r['setting'], r['rep'])))} "
                     f"| {fmt(d['cpu_s'])} | {fmt(d['rss_mb'], 0)} "
                     f"| {r['server']['requests']}{internal(r)} | {fmt(r['server']['cpu_s'])} "
                     f"| {fmt(d['objects_per_s'], 0)} | {fmt(d['logical_mb_s'], 1)} "
                     f"| {fmt(d['wire_mb'], 1)} | {fmt(d['wire_mb_s'], 1)} | {fmt(d['other_cpu_s'], 1)} "
                     f"| {r.get('attempts', 1)} | {'; '.join(r['problems']) or '–'} |")
    return lines + [""]


def page(meta, settings, runs, skipped):
    tree = meta["tree"]
    s = tree["summary"]["classes"]
    lines = [
        f"# Upload benchmark, {meta['date']} on {meta['host']}", "",
        f"`scripts/bench-upload {meta['args']}` — commit {meta['commit']}, logstow: {meta['logstow_version']}.",
        f"Machine: {meta['machine']}. Load average before: {meta['load_before']}, after: {meta['load_after']}.",
        f"Medians of {meta['reps']} repetitions, clients interleaved (the order rotates each repetition).", "",
        *([f"**Note:** {meta['note']}", ""] if meta.get("note") else []),
        f"Tree (make_tree.py --seed {meta['seed']} --scale {meta['scale']:g}): {tree['files']} files, "
        f"{tree['bytes'] / 1e6:.1f} MB — small {s['small']['files']} ({s['small']['bytes'] / 1e6:.1f} MB), "
        f"medium {s['medium']['files']} ({s['medium']['bytes'] / 1e6:.1f} MB), large {s['large']['files']} "
        f"({s['large']['bytes'] / 1e6:.1f} MB); {tree['wire_bytes'] / 1e6:.1f} MB as sent with gzip -6 "
        f"({tree['bytes'] / tree['wire_bytes']:.2f}×). Single-thread zlib CPU over its text files: "
        f"level 1 {tree['zlib_cpu_s']['1']} s, level 6 {tree['zlib_cpu_s']['6']} s, level 9 {tree['zlib_cpu_s']['9']} s.", "",
        "Columns: wall = client start to exit; client CPU = user+sys of the client process and the "
        "children it waited for, and RSS its peak, both from GNU time; requests = as counted by the server (Swift's "
        "proxy access log without its own subrequests, or the sink); server CPU = utime+stime of every Swift process (run/*.pid and "
        "children, from /proc) or of the sink; objects/s and logical MB/s use the tree's files and "
        "bytes; on-wire MB = request body bytes the server received; other CPU = CPU time the rest "
        "of the machine used during the run (/proc/stat busy time minus client and server): on a "
        "shared machine, runs with much of it are slower than they should be. Before each run the "
        "bench waits (up to --quiet-wait) for the rest of the machine to go quiet, and a run during "
        "which the rest used more than --busy-cores is run again (up to --busy-reruns times; the "
        "least disturbed is kept; \"runs\" in the table below).", "",
    ]
    if skipped:
        lines += ["Skipped: " + "; ".join(skipped), ""]
    for st in settings:
        lines += setting_section(st, [r for r in runs if r["setting"] == st["name"]], tree)
    lines += runs_table(runs, tree)
    return "\n".join(lines)
