"""Measuring a client run and the servers around it: wall, rusage, /proc CPU, Swift's access log.

Clock ticks and rusage are Linux's; every CPU figure is user + system seconds.
"""
import os
import re
import signal
import subprocess
import time

TICK = os.sysconf("SC_CLK_TCK")


class Run:
    """What one client process cost: wall, CPU (itself + the children it waited for), peak RSS."""

    def __init__(self, argv, returncode, wall_s, user_s, sys_s, max_rss_kb, timed_out):
        self.argv = argv
        self.returncode = returncode
        self.wall_s = wall_s
        self.user_s = user_s
        self.sys_s = sys_s
        self.max_rss_kb = max_rss_kb
        self.timed_out = timed_out

    @property
    def cpu_s(self):
        return self.user_s + self.sys_s


def run_client(argv, env, stdout_path, stderr_path, timeout_s, cwd=None):
    """Runs ARGV in its own process group under GNU time, which reports the CPU (user, sys) and
    peak RSS of the client and the children it waited for.

    Why GNU time: a child forked from this (large) Python process inherits its peak RSS in
    ru_maxrss, even across exec; time is small, so what it measures is the client's own.
    After TIMEOUT_S the whole group is killed and the run is marked timed_out."""
    time_path = stdout_path + ".time"
    timed = ["/usr/bin/time", "-f", "%U %S %M", "-o", time_path, "--", *argv]
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.monotonic()
        proc = subprocess.Popen(timed, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                cwd=cwd, start_new_session=True)
        timed_out = False
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > start + timeout_s and not timed_out:
                    timed_out = True
                    os.killpg(proc.pid, signal.SIGKILL)
                time.sleep(0.005)
        except BaseException:  # interrupted: leave no client behind
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise
        wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    try:
        with open(time_path) as f:
            user, sys_, rss_kb = f.read().split()[-3:]
        user, sys_, rss_kb = float(user), float(sys_), int(rss_kb)
    except (OSError, ValueError):  # killed before time could report
        user, sys_, rss_kb = usage.ru_utime, usage.ru_stime, 0
    return Run(argv, proc.returncode, wall, user, sys_, rss_kb, timed_out)


def machine_busy_s():
    """CPU seconds all processes on all cores have used since boot (user, nice, system, irq,
    softirq, steal) from /proc/stat; the difference over a run shows what else was running."""
    with open("/proc/stat") as f:
        fields = f.readline().split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / TICK


def wait_machine_quiet(own_cpu_s, max_wait_s, threshold_cores, log):
    """Waits until the rest of the machine uses under THRESHOLD_CORES over a second (OWN_CPU_S():
    CPU seconds of our own servers, left out). Gives up after MAX_WAIT_S. Returns the busy cores
    seen last."""
    deadline = time.monotonic() + max_wait_s
    said = False
    while True:
        busy0, own0, t0 = machine_busy_s(), own_cpu_s(), time.monotonic()
        time.sleep(1.0)
        cores = ((machine_busy_s() - busy0) - (own_cpu_s() - own0)) / (time.monotonic() - t0)
        if cores < threshold_cores or time.monotonic() > deadline:
            if said or cores >= threshold_cores:
                log(f"machine {'quiet' if cores < threshold_cores else 'still busy'}: "
                    f"{cores:.2f} cores used by other processes")
            return cores
        if not said:
            log(f"waiting for a quiet machine: {cores:.2f} cores used by other processes "
                f"(up to {max_wait_s:g} s)")
            said = True


def proc_cpu_s(pid):
    """utime + stime (+ reaped children's) of PID in seconds, or 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # Fields after "(comm)": state is [0]; utime, stime, cutime, cstime are [11..14].
    return sum(int(x) for x in fields[11:15]) / TICK


def children_map():
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(name))
    return kids


def swift_pids(state_dir):
    """The PIDs in STATE_DIR/run/*.pid and all their descendants (the proxy's worker)."""
    run = os.path.join(state_dir, "run")
    roots = []
    for name in sorted(os.listdir(run)):
        if name.endswith(".pid"):
            try:
                with open(os.path.join(run, name)) as f:
                    roots.append(int(f.read().strip()))
            except (OSError, ValueError):
                pass
    kids = children_map()
    pids, queue = [], list(roots)
    while queue:
        pid = queue.pop()
        pids.append(pid)
        queue.extend(kids.get(pid, []))
    return pids


def swift_cpu_s(pids):
    return sum(proc_cpu_s(pid) for pid in pids)


# proxy-logging's default line: client_ip remote_addr datetime method path protocol status
# referer user_agent auth_token bytes_recvd bytes_sent ... Subrequests Swift makes itself (e.g.
# tempurl's HEAD of the account for its keys) are logged too, with client_ip "-".
ACCESS = re.compile(r"^proxy-server: (\S+) \S+ \S+ (\S+) (\S+) \S+ (\d{3}) \S+ \S+ \S+ (\S+) (\S+) ")


class LogCursor:
    """Reads what was appended to a log file since the last mark()."""

    def __init__(self, path):
        self.path = path
        self.offset = 0

    def mark(self):
        self.offset = os.path.getsize(self.path) if os.path.exists(self.path) else 0

    def new_lines(self):
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            data = f.read()
        return data.decode("utf-8", "replace").splitlines()


def swift_requests(lines):
    """Counts the clients' requests in Swift proxy access lines: by method and status, bytes
    received; Swift's own subrequests only as a number."""
    by_method, by_status, received, internal = {}, {}, 0, 0
    for line in lines:
        m = ACCESS.match(line)
        if not m:
            continue
        client, method, _path, status, recvd, _sent = m.groups()
        if client == "-":
            internal += 1
            continue
        by_method[method] = by_method.get(method, 0) + 1
        by_status[status] = by_status.get(status, 0) + 1
        received += int(recvd) if recvd.isdigit() else 0
    return {"requests": sum(by_method.values()), "by_method": by_method,
            "by_status": by_status, "body_bytes": received, "internal_requests": internal}


def wait_quiet(pids, max_s=10.0, idle_cpu_s=0.05, step_s=0.5):
    """Waits until the Swift processes use less than IDLE_CPU_S per STEP_S (async work done)."""
    deadline = time.monotonic() + max_s
    last = swift_cpu_s(pids)
    while time.monotonic() < deadline:
        time.sleep(step_s)
        now = swift_cpu_s(pids)
        if now - last < idle_cpu_s:
            return
        last = now
