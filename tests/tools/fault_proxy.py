#!/usr/bin/python3
"""fault_proxy: an HTTP/1.1 reverse proxy that injects faults, for the uploader's fault tests.

It sits on 127.0.0.1 in front of a real upstream (the local Swift proxy), relays requests and
responses byte for byte (keep-alive, Content-Length and chunked bodies, 100-continue, streamed
in pieces), and spoils a share of the requests that match --only-method / --match:

  503        answers 503 without forwarding: nothing is stored. The body is read and dropped
             first, so the connection stays usable; a client waiting for "100 Continue" gets the
             503 at once instead, with Connection: close.
  store-503  forwards, lets the upstream store the object, then answers 503 anyway.
  delay      stalls --delay-seconds before forwarding (--delay-at request: nothing more is read
             from the client meanwhile) or before relaying the upstream's answer (--delay-at
             response). A body already in the socket buffers when the client gives up is still
             forwarded afterwards, as a slow server would store it.
  reset      a TCP reset (SO_LINGER 0, then close) at a random point from --reset-at:
             head (right after the request head), body (after part of the body), response
             (whole body read, nothing forwarded) or stored (forwarded and stored, no answer).
  expired    --expire-after N: after N matching requests every PUT gets Swift's TempURL
             rejection (401, Www-Authenticate: Swift realm="unknown", "401 Unauthorized: Temp URL
             invalid"), as when a job's token expires in the middle of its upload.
  413        answers Swift's 413 ("Your request is too large.") without forwarding, as for an
             object over max_file_size.
  hold       "hold": true (control endpoint) stops every matching request before it is
             forwarded, reading nothing more from the client, until "hold": false; stats
             "held" counts the requests waiting. For tests that act while a body is on its way
             (a file appended to during its upload), on an event rather than a timer.
The Date header of the answers the proxy makes itself is its clock plus --date-offset seconds:
a Swift whose clock is ahead of (or behind) the client's.
An upstream that cannot be reached, or breaks mid-request (Swift restarting), gives 502.

Which request gets which fault is decided from (--seed, method, object name, attempt), where
the object name is the path after /v1/<account>/<container>/ (the whole path when there is
none) and attempt counts earlier requests for that method and path: the same objects get the
same faults in every run, whatever the order of the parallel requests or the container's
per-run name, and a retry draws again. Paths exclude the query string (TempURL signatures are
never logged).

Control, answered by the proxy itself (never forwarded):
  GET  /__fault__/config   the settings as JSON
  POST /__fault__/config   change some of them: {"fail_503": 0.5, "enabled": false, ...};
                           "expire_after": N counts from now; {"expired": true} rejects now
  GET  /__fault__/stats    requests, faults and upstream statuses so far
  SIGUSR1                  toggles "enabled" (all faults off / on)

Output: "listening <port>" on stdout once ready. One JSON line per request, written when it ends,
on stderr or --log FILE: seq, conn (client connection number), method, path, attempt, fault,
framing (length:N, chunked, none), req_bytes (body bytes read from the client), upstream_status
(a number, null when not forwarded, "connect-failed" or "error"), status (what the client was
sent: a number, "reset", or null when it went away first) and ms.

usage: fault_proxy.py --upstream http://127.0.0.1:8080 [--port 0] [--fail-503 P] [--fail-413 P]
       [--date-offset S] [--store-503 P]
       [--delay P --delay-seconds S --delay-at request|response] [--reset P --reset-at LIST]
       [--expire-after N] [--only-method PUT ...] [--match REGEX] [--seed N] [--log FILE]
"""
import argparse
import asyncio
import collections
import email.utils
import itertools
import json
import os
import random
import re
import signal
import sys
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the repo
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http1  # noqa: E402  (beside this file)
from http1 import Body, ProtocolError, read_head, request_framing, response_framing  # noqa: E402

RESET_POINTS = ("head", "body", "response", "stored")
NETWORK_ERRORS = (ProtocolError, ConnectionError, OSError, asyncio.IncompleteReadError)

# Swift 2.30's answers, byte for byte as its proxy sends them.
SWIFT_503_BODY = (b"<html><h1>Service Unavailable</h1><p>The server is currently unavailable. "
                  b"Please try again at a later time.</p></html>")
TEMPURL_401_BODY = b"401 Unauthorized: Temp URL invalid\n"
HTML = ("Content-Type", "text/html; charset=UTF-8")


TOO_LARGE_BODY = b"<html><h1>Request Entity Too Large</h1><p>The body of your request was too large for this server.</p></html>"


def swift_headers(*headers, date_offset=0.0):
    """HEADERS plus the transaction id and date every Swift answer carries."""
    trans_id = f"tx{random.getrandbits(84):021x}-{int(time.time()):010x}"
    date = email.utils.formatdate(time.time() + date_offset, usegmt=True)
    return [*headers, ("X-Trans-Id", trans_id), ("X-Openstack-Request-Id", trans_id),
            ("Date", date)]


def object_name(path):
    """The part of a Swift path that names the object: tests name containers per run."""
    parts = path.split("/", 4)  # "", "v1", account, container, object
    return parts[4] if len(parts) == 5 and parts[1] == "v1" else path


class Settings:
    """What to inject; changed from the command line, the control endpoint or SIGUSR1."""

    FIELDS = {  # name -> parser of a JSON value
        "fail_503": float, "fail_413": float, "date_offset": float, "store_503": float, "delay": float, "delay_seconds": float,
        "delay_at": str, "reset": float, "reset_at": list, "seed": int, "only_methods": list,
        "match": str, "expire_after": int, "expired": bool, "enabled": bool, "hold": bool,
    }

    def __init__(self):
        self.fail_503 = self.fail_413 = self.store_503 = self.delay = self.reset = 0.0
        self.date_offset = 0.0
        self.delay_seconds = 30.0
        self.delay_at = "request"
        self.reset_at = list(RESET_POINTS)
        self.seed = 0
        self.only_methods = []  # empty: every method
        self.match = None  # regex searched in the path
        self.expire_after = None  # as given; expire_count is the absolute request count
        self.expire_count = None
        self.expired = False
        self.enabled = True
        self.hold = False

    def update(self, changes, matched_so_far):
        """Applies a dict of changes after checking all of them; raises ValueError naming the bad one."""
        new = dict(vars(self))
        for name, value in changes.items():
            if name not in self.FIELDS:
                raise ValueError(f"unknown setting {name!r}; known: {', '.join(self.FIELDS)}")
            if value is not None and not isinstance(value, (self.FIELDS[name], int)):
                raise ValueError(f"{name} must be {self.FIELDS[name].__name__}, not {value!r}")
            new[name] = self.FIELDS[name](value) if value is not None else None
        if "expire_after" in changes:
            n = new["expire_after"]
            new["expire_count"] = None if n is None else matched_so_far + n
        self._check(new)
        vars(self).update(new)

    @staticmethod
    def _check(s):
        for name in ("fail_503", "fail_413", "store_503", "delay", "reset"):
            if not 0 <= s[name] <= 1:
                raise ValueError(f"{name} is a probability from 0 to 1, not {s[name]}")
        if s["fail_503"] + s["fail_413"] + s["store_503"] + s["delay"] + s["reset"] > 1:
            raise ValueError("fail_503 + fail_413 + store_503 + delay + reset must not exceed 1")
        if s["delay_at"] not in ("request", "response"):
            raise ValueError(f"delay_at is request or response, not {s['delay_at']!r}")
        bad = [p for p in s["reset_at"] if p not in RESET_POINTS]
        if bad or not s["reset_at"]:
            raise ValueError(f"reset_at takes some of {', '.join(RESET_POINTS)}, not {bad}")
        if s["match"] is not None:
            re.compile(s["match"])
        s["only_methods"] = [m.upper() for m in s["only_methods"]]

    def to_json(self):
        return {name: getattr(self, name) for name in self.FIELDS}


class Decision:
    def __init__(self, kind, attempt, point=None, fraction=0.0):
        self.kind = kind  # none, 503, 413, store-503, delay, reset, expired
        self.attempt = attempt
        self.point = point  # reset point
        self.fraction = fraction  # how far into the body a "body" reset happens

    @property
    def label(self):
        return f"reset:{self.point}" if self.kind == "reset" else self.kind


class Faults:
    """Decides each request's fault, deterministically (see the module doc)."""

    def __init__(self, settings):
        self.settings = settings
        self.attempts = collections.Counter()  # (method, path) -> requests seen
        self.matched = 0  # requests that passed the filters

    def matches(self, head):
        s = self.settings
        if s.only_methods and head.method not in s.only_methods:
            return False
        return s.match is None or re.search(s.match, head.path) is not None

    def decide(self, head):
        key = (head.method, head.path)
        attempt = self.attempts[key]
        self.attempts[key] += 1
        s = self.settings
        if not s.enabled or not self.matches(head):
            return Decision("none", attempt)
        self.matched += 1
        if head.method == "PUT" and (s.expired or (s.expire_count is not None
                                                   and self.matched > s.expire_count)):
            return Decision("expired", attempt)
        rng = random.Random(f"{s.seed}|{head.method}|{object_name(head.path)}|{attempt}")
        u = rng.random()
        for kind, p in (("503", s.fail_503), ("413", s.fail_413), ("store-503", s.store_503),
                        ("delay", s.delay), ("reset", s.reset)):
            if u < p:
                return Decision(kind, attempt, rng.choice(s.reset_at), rng.random())
            u -= p
        return Decision("none", attempt)


class RequestLog:
    """One JSON line per request, flushed at once so tests can read it while we run."""

    def __init__(self, path):
        self.out = open(path, "a", buffering=1) if path else sys.stderr
        self.seq = itertools.count(1)
        self.stats = {"requests": 0, "faults": collections.Counter(),
                      "upstream_status": collections.Counter()}

    def write(self, rec):
        rec = {"seq": next(self.seq), **rec}
        self.stats["requests"] += 1
        self.stats["faults"][rec["fault"]] += 1
        self.stats["upstream_status"][str(rec["upstream_status"] or "-")] += 1
        print(json.dumps(rec, separators=(",", ":")), file=self.out, flush=True)


class Upstream:
    """The upstream connection pinned to one client connection, opened when first needed."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def ensure(self):
        # An idle connection the upstream has closed shows as EOF: open a new one.
        if self.writer is None or self.writer.is_closing() or self.reader.at_eof():
            self.close()
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, limit=http1.HEAD_LIMIT)

    def close(self):
        if self.writer is not None:
            self.writer.transport.abort()
        self.reader = self.writer = None


def background(coro):
    """A task whose failure is read by whoever looks at it (no "never retrieved" noise)."""
    task = asyncio.create_task(coro)
    task.add_done_callback(lambda t: t.cancelled() or t.exception())
    return task


class ClientGone(Exception):
    """The client closed or broke its connection while sending a body."""


class UpstreamGone(Exception):
    """The upstream closed or broke its connection before answering."""


class Proxy:
    def __init__(self, upstream_host, upstream_port, settings, log):
        self.upstream = (upstream_host, upstream_port)
        self.settings = settings
        self.faults = Faults(settings)
        self.log = log
        self.conn_ids = itertools.count(1)
        self.unheld = asyncio.Event()  # set while "hold" is off
        self.unheld.set()
        self.held = 0

    # --- connections --------------------------------------------------------

    async def serve(self, reader, writer):
        conn = next(self.conn_ids)
        upstream = Upstream(*self.upstream)
        try:
            while True:
                head = await read_head(reader)
                if head is None:
                    break
                if head.path.startswith("/__fault__/"):
                    keep = await self.control(head, reader, writer)
                else:
                    keep = await self.one_request(conn, head, reader, writer, upstream)
                if not keep:
                    break
        except NETWORK_ERRORS:
            pass  # the client broke the connection; nothing to answer
        finally:
            upstream.close()
            await http1.close(writer)

    async def one_request(self, conn, head, reader, writer, upstream):
        """Handles one request with its fault; returns True if the connection stays usable."""
        decision = self.faults.decide(head)
        kind, size = request_framing(head)
        rec = {"conn": conn, "method": head.method, "path": head.path,
               "attempt": decision.attempt, "fault": decision.label,
               "framing": f"length:{size}" if kind == "length" else kind,
               "req_bytes": 0, "upstream_status": None, "status": None}
        start = time.monotonic()
        try:
            if decision.kind == "503":
                return await self.answer_here(head, reader, writer, rec, 503, [HTML],
                                              SWIFT_503_BODY)
            if decision.kind == "413":
                return await self.answer_here(head, reader, writer, rec, 413, [HTML],
                                              TOO_LARGE_BODY)
            if decision.kind == "expired":
                return await self.answer_here(
                    head, reader, writer, rec, 401,
                    [HTML, ("Www-Authenticate", 'Swift realm="unknown"')], TEMPURL_401_BODY)
            if decision.kind == "reset" and decision.point != "stored":
                return await self.reset_early(head, reader, writer, decision, rec)
            return await self.forward(head, reader, writer, upstream, decision, rec)
        finally:
            rec["ms"] = round((time.monotonic() - start) * 1000, 1)
            self.log.write(rec)

    # --- answering without the upstream ---------------------------------------

    async def answer_here(self, head, reader, writer, rec, status, headers, body):
        """Answers without forwarding. A client waiting for 100-continue gets the answer at
        once and the connection is closed (its body is never sent); otherwise the body is
        read and dropped first, so the connection stays usable."""
        req_body = Body(reader, request_framing(head), raw=False)
        headers = swift_headers(*headers, date_offset=self.settings.date_offset)
        keep = not http1.wants_close(head)
        if not req_body.done and head.has_token("Expect", "100-continue"):
            keep = False
        else:
            await req_body.drain()
        rec["req_bytes"] = req_body.data_bytes
        if not keep:
            headers.append(("Connection", "close"))
        writer.write(http1.response_bytes(status, headers, body))
        await writer.drain()
        rec["status"] = status
        return keep

    async def reset_early(self, head, reader, writer, decision, rec):
        """Reads the request up to the reset point (nothing is forwarded), then resets."""
        req_body = Body(reader, request_framing(head), raw=False)
        if decision.point != "head" and not req_body.done:
            if head.has_token("Expect", "100-continue"):
                writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                await writer.drain()
            # "body": stop somewhere inside it (a chunked body's length is unknown: within 1 MiB).
            total = req_body.length if req_body.kind == "length" else 1 << 20
            stop_at = int(total * decision.fraction) if decision.point == "body" else None
            while stop_at is None or req_body.data_bytes < stop_at:
                most = http1.PIECE if stop_at is None else stop_at - req_body.data_bytes
                if await req_body.next(min(most, http1.PIECE)) is None:
                    break
        rec["req_bytes"] = req_body.data_bytes
        rec["status"] = "reset"
        http1.reset(writer)
        return False

    # --- forwarding -----------------------------------------------------------

    async def forward(self, head, reader, writer, upstream, decision, rec):
        s = self.settings
        if s.hold and self.faults.matches(head):
            writer.transport.pause_reading()
            self.held += 1
            await self.unheld.wait()
            self.held -= 1
            writer.transport.resume_reading()
        if decision.kind == "delay" and s.delay_at == "request":
            # A stalled server: stop reading too, so the client's sends block once the socket
            # buffers are full (asyncio would otherwise keep buffering its body).
            writer.transport.pause_reading()
            await asyncio.sleep(s.delay_seconds)
            writer.transport.resume_reading()
        try:
            await upstream.ensure()
        except OSError:
            rec["upstream_status"] = "connect-failed"
            return await self.answer_here(head, reader, writer, rec, 502, [HTML],
                                          b"<html><h1>Bad Gateway</h1></html>")
        req_body = Body(reader, request_framing(head), raw=True)
        upstream.writer.write(head.raw)
        pump = background(self.pump(req_body, upstream.writer))
        answer = background(self.final_response(upstream, writer))
        await asyncio.wait({pump, answer}, return_when=asyncio.FIRST_COMPLETED)
        pump_error = pump.exception() if pump.done() else None
        rec["req_bytes"] = req_body.data_bytes

        if isinstance(pump_error, ClientGone):
            answer.cancel()
            upstream.close()
            return False
        try:
            # After a failed write the upstream may still have answered early (a 401, a 413)
            # before closing: give it a moment before calling it gone.
            resp = await asyncio.wait_for(answer, 10 if pump_error else None)
        except (UpstreamGone, asyncio.TimeoutError, *NETWORK_ERRORS):
            pump.cancel()
            upstream.close()
            rec["upstream_status"] = "error"
            return await self.answer_gone(writer, rec)
        rec["upstream_status"] = resp.status
        body_complete = pump.done() and pump.exception() is None
        if not pump.done():  # an early answer: the rest of the body stays unread
            pump.cancel()
        client_gone = reader.at_eof()  # it closed while we waited: nobody will read the answer
        keep = await self.relay(head, resp, writer, upstream, decision, rec, body_complete)
        if client_gone:
            rec["status"] = None
            keep = False
        return keep

    async def pump(self, req_body, upstream_writer):
        """Copies the request body to the upstream, piece by piece."""
        while True:
            try:
                piece = await req_body.next()
            except NETWORK_ERRORS as e:
                raise ClientGone(e) from None
            if piece is None:
                return
            try:
                upstream_writer.write(piece)
                await upstream_writer.drain()
            except NETWORK_ERRORS as e:
                raise UpstreamGone(e) from None

    async def final_response(self, upstream, writer):
        """Reads the upstream's final response head, relaying interim ones (100 Continue)."""
        while True:
            try:
                resp = await read_head(upstream.reader)
            except NETWORK_ERRORS as e:
                raise UpstreamGone(e) from None
            if resp is None:
                raise UpstreamGone("closed before answering")
            if resp.status >= 200:
                return resp
            if resp.status != 101:
                writer.write(resp.raw)
                await writer.drain()

    async def relay(self, head, resp, writer, upstream, decision, rec, body_complete):
        """Sends the upstream's answer on (or replaces it, for store-503 and reset:stored)."""
        framing = response_framing(resp, head.method)
        resp_body = Body(upstream.reader, framing, raw=True)
        upstream_reusable = body_complete and framing[0] != "close" and not http1.wants_close(resp)
        keep = body_complete and upstream_reusable and not http1.wants_close(head)
        try:
            if decision.kind in ("store-503", "reset"):
                await resp_body.drain()
                if decision.kind == "reset":
                    rec["status"] = "reset"
                    http1.reset(writer)
                    keep = False
                else:
                    headers = swift_headers(HTML, *([] if keep else [("Connection", "close")]),
                                            date_offset=self.settings.date_offset)
                    writer.write(http1.response_bytes(503, headers, SWIFT_503_BODY))
                    rec["status"] = 503
            else:
                if decision.kind == "delay" and self.settings.delay_at == "response":
                    await asyncio.sleep(self.settings.delay_seconds)
                writer.write(resp.raw)
                rec["status"] = resp.status
                while (piece := await resp_body.next()) is not None:
                    writer.write(piece)
                    await writer.drain()
            if keep:
                await writer.drain()
        except NETWORK_ERRORS:
            upstream_reusable = keep = False
        if not upstream_reusable:
            upstream.close()
        return keep

    async def answer_gone(self, writer, rec):
        """The upstream broke mid-request: 502 and close (the request body is half read)."""
        try:
            writer.write(http1.response_bytes(502, [HTML, ("Connection", "close")],
                                              b"<html><h1>Bad Gateway</h1></html>"))
            await writer.drain()
            rec["status"] = 502
        except NETWORK_ERRORS:
            pass
        return False

    # --- control ----------------------------------------------------------------

    async def control(self, head, reader, writer):
        body = Body(reader, request_framing(head), raw=False)
        data = bytearray()
        while (piece := await body.next()) is not None:
            data += piece
            if len(data) > 65536:
                raise ProtocolError("control request body too large")
        status, answer = 200, None
        if head.path == "/__fault__/config" and head.method == "GET":
            answer = self.settings.to_json()
        elif head.path == "/__fault__/config" and head.method == "POST":
            try:
                changes = json.loads(data or b"{}")
                if not isinstance(changes, dict):
                    raise ValueError("the body must be a JSON object")
                self.settings.update(changes, self.faults.matched)
                if self.settings.hold:
                    self.unheld.clear()
                else:
                    self.unheld.set()
                answer = self.settings.to_json()
            except (ValueError, re.error, TypeError) as e:
                status, answer = 400, {"error": str(e)}
        elif head.path == "/__fault__/stats" and head.method == "GET":
            answer = dict(self.log.stats, held=self.held)
        else:
            status, answer = 404, {"error": f"no control endpoint {head.method} {head.path}"}
        payload = json.dumps(answer, indent=1).encode() + b"\n"
        writer.write(http1.response_bytes(status, [("Content-Type", "application/json")], payload))
        await writer.drain()
        return not http1.wants_close(head)


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="HTTP/1.1 reverse proxy that injects faults (see the module doc).")
    p.add_argument("--upstream", required=True, help="e.g. http://127.0.0.1:8080")
    p.add_argument("--port", type=int, default=0, help="listen port on 127.0.0.1 (0: any free)")
    p.add_argument("--fail-503", type=float, default=0, metavar="P",
                   help="share answered 503 without forwarding")
    p.add_argument("--fail-413", type=float, default=0, metavar="P",
                   help="share answered 413 (too large) without forwarding")
    p.add_argument("--date-offset", type=float, default=0, metavar="S",
                   help="seconds added to the Date of answers the proxy makes itself")
    p.add_argument("--store-503", type=float, default=0, metavar="P",
                   help="share forwarded (stored), then answered 503")
    p.add_argument("--delay", type=float, default=0, metavar="P", help="share delayed")
    p.add_argument("--delay-seconds", type=float, default=30.0, metavar="S")
    p.add_argument("--delay-at", choices=("request", "response"), default="request")
    p.add_argument("--reset", type=float, default=0, metavar="P", help="share reset (TCP RST)")
    p.add_argument("--reset-at", default=",".join(RESET_POINTS), metavar="LIST",
                   help=f"reset points to pick from: {','.join(RESET_POINTS)}")
    p.add_argument("--expire-after", "--fail-after", type=int, default=None, metavar="N",
                   help="after N matching requests, answer every PUT with TempURL's 401")
    p.add_argument("--only-method", action="append", default=[], metavar="M",
                   help="fault only these methods (repeat, or comma-separate)")
    p.add_argument("--match", default=None, metavar="REGEX",
                   help="fault only paths (without query) where REGEX is found")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--log", default=None, metavar="FILE",
                   help="request log (JSON lines); default stderr")
    args = p.parse_args(argv)
    url = urllib.parse.urlsplit(args.upstream)
    if url.scheme != "http" or not url.hostname:
        p.error("--upstream must be http://HOST[:PORT]")
    settings = Settings()
    try:
        settings.update({
            "fail_503": args.fail_503, "fail_413": args.fail_413,
            "date_offset": args.date_offset, "store_503": args.store_503, "delay": args.delay,
            "delay_seconds": args.delay_seconds, "delay_at": args.delay_at,
            "reset": args.reset, "reset_at": [x for x in args.reset_at.split(",") if x],
            "seed": args.seed, "match": args.match, "expire_after": args.expire_after,
            "only_methods": [m for arg in args.only_method for m in arg.split(",") if m],
        }, 0)
    except (ValueError, re.error) as e:
        p.error(str(e))
    return args, url.hostname, url.port or 80, settings


async def main(argv):
    args, host, port, settings = parse_args(argv)
    log = RequestLog(args.log)
    proxy = Proxy(host, port, settings, log)
    server = await asyncio.start_server(proxy.serve, sock=http1.listen_socket("127.0.0.1", args.port),
                                        limit=http1.HEAD_LIMIT)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.add_signal_handler(signal.SIGUSR1,
                            lambda: setattr(settings, "enabled", not settings.enabled))
    print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
    await stop.wait()
    server.close()
    print("fault_proxy: stopped: " + json.dumps(log.stats), file=sys.stderr, flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
