#!/usr/bin/python3
"""put_sink: a store that keeps nothing, to model a remote Swift for upload benchmarks.

Every PUT is answered "201 Created" with Etag = MD5 of the body received, --delay-ms after the
body has arrived; bodies are read through one bandwidth cap shared by all connections
(--rate-mbit, a token bucket applied while reading, so a sender sees the link's speed).
Keep-alive, Content-Length and chunked bodies, "Expect: 100-continue" (answered at once).
Other requests, after the same delay (the round trip to a remote store applies to every request):
  HEAD anything      404, no body (python-swiftclient's `swift upload` HEADs before each PUT;
                     --no-head-delay answers those at once)
  GET /info          Swift-like {"swift": {"max_file_size": ...}}
  GET /__sink__/stats  counts so far (no delay), as below
  anything else      404 (POST 202, DELETE 204: accepted and dropped)

It prints "listening <port>" on stdout when ready. On SIGTERM or SIGINT it prints one line on
stderr with requests, bytes and its own CPU time (user, sys), writes --stats FILE (JSON) if asked,
and exits 0. --log FILE gets one JSON line per request: method, path (no query), status, bytes
(body bytes after chunk decoding), framing, content_type, content_encoding, x_delete_after,
x_delete_at, etag, ms (from the request head to the answer).

usage: put_sink.py [--port 0] [--delay-ms 20] [--rate-mbit 100] [--log FILE] [--stats FILE]
"""
import argparse
import asyncio
import collections
import email.utils
import hashlib
import json
import os
import resource
import signal
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the repo
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http1  # noqa: E402  (beside this file)
from http1 import Body, read_head, request_framing  # noqa: E402

NETWORK_ERRORS = (http1.ProtocolError, ConnectionError, OSError, asyncio.IncompleteReadError)


class Link:
    """A shared link of RATE bytes/s. take(n) returns once n more bytes fit through it.

    Virtual-time token bucket: the link is busy until next_free; idle time is credited up to
    BURST bytes. A rate of 0 means no cap."""

    def __init__(self, rate, burst):
        self.rate = rate
        self.burst_s = burst / rate if rate else 0.0
        self.next_free = 0.0

    async def take(self, n):
        if not self.rate:
            return
        now = time.monotonic()
        start = max(self.next_free, now - self.burst_s)
        self.next_free = start + n / self.rate
        if self.next_free > now:
            await asyncio.sleep(self.next_free - now)


class Stats:
    def __init__(self):
        self.started = time.monotonic()
        self.requests = 0
        self.by_method = collections.Counter()
        self.by_status = collections.Counter()
        self.object_puts = 0  # PUT /v1/ACCOUNT/CONTAINER/OBJECT (not container PUTs)
        self.body_bytes = 0
        self.connections = 0

    def to_json(self):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {"requests": self.requests, "by_method": dict(self.by_method),
                "by_status": {str(k): v for k, v in self.by_status.items()},
                "object_puts": self.object_puts, "body_bytes": self.body_bytes,
                "connections": self.connections,
                "cpu_user_s": round(usage.ru_utime, 3), "cpu_sys_s": round(usage.ru_stime, 3),
                "max_rss_kb": usage.ru_maxrss,
                "wall_s": round(time.monotonic() - self.started, 3)}


class Sink:
    def __init__(self, args):
        self.delay_s = args.delay_ms / 1000
        self.head_delay_s = 0.0 if args.no_head_delay else self.delay_s
        rate = args.rate_mbit * 1e6 / 8
        self.link = Link(rate, burst=max(64 * 1024, rate * 0.01))
        self.info = json.dumps({"swift": {"version": "put_sink", "max_file_size":
                                          args.max_file_size}}).encode()
        self.log = open(args.log, "a", buffering=1) if args.log else None
        self.stats = Stats()

    async def serve(self, reader, writer):
        self.stats.connections += 1
        try:
            while True:
                head = await read_head(reader)
                if head is None or not await self.one_request(head, reader, writer):
                    break
        except NETWORK_ERRORS:
            pass  # the client went away
        finally:
            await http1.close(writer)

    async def one_request(self, head, reader, writer):
        """Reads the body through the link, waits the delay, answers. True: keep the connection."""
        start = time.monotonic()
        body = Body(reader, request_framing(head), raw=False)
        if not body.done and head.has_token("Expect", "100-continue"):
            writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        md5 = hashlib.md5()
        while (piece := await body.next()) is not None:
            await self.link.take(len(piece))
            md5.update(piece)
        method, path = head.method, head.path
        if path == "/__sink__/stats":
            status, headers, payload = 200, [("Content-Type", "application/json")], \
                json.dumps(self.stats.to_json()).encode()
        else:
            await asyncio.sleep(self.head_delay_s if method == "HEAD" else self.delay_s)
            status, headers, payload = self.answer(method, path, md5.hexdigest())
        keep = not http1.wants_close(head)
        if not keep:
            headers.append(("Connection", "close"))
        headers += [("X-Trans-Id", "tx-put-sink"), ("Date", email.utils.formatdate(usegmt=True))]
        writer.write(http1.response_bytes(status, headers, payload))
        await writer.drain()
        self.count(head, status, body, md5.hexdigest() if status == 201 else None, start)
        return keep

    def answer(self, method, path, etag):
        if method == "PUT":
            return 201, [("Content-Type", "text/html; charset=UTF-8"), ("Etag", etag)], b""
        if method == "GET" and path == "/info":
            return 200, [("Content-Type", "application/json; charset=UTF-8")], self.info
        if method == "POST":
            return 202, [("Content-Type", "text/html; charset=UTF-8")], b""
        if method == "DELETE":
            return 204, [], b""
        if method == "HEAD":  # no object is ever stored; 404 with Content-Length: 0
            return 404, [("Content-Type", "text/html; charset=UTF-8")], b""
        return 404, [("Content-Type", "text/html; charset=UTF-8")], b"<html><h1>Not Found</h1></html>"

    def count(self, head, status, body, etag, start):
        s = self.stats
        s.requests += 1
        s.by_method[head.method] += 1
        s.by_status[status] += 1
        s.body_bytes += body.data_bytes
        if head.method == "PUT" and head.path.count("/") >= 4 and status == 201:
            s.object_puts += 1
        if self.log:
            rec = {"method": head.method, "path": head.path, "status": status,
                   "bytes": body.data_bytes,
                   "framing": "chunked" if body.kind == "chunked" else
                   f"length:{body.length}" if body.kind == "length" else "none",
                   "content_type": head.get("Content-Type"),
                   "content_encoding": head.get("Content-Encoding"),
                   "x_delete_after": head.get("X-Delete-After"),
                   "x_delete_at": head.get("X-Delete-At"), "etag": etag,
                   "ms": round((time.monotonic() - start) * 1000, 1)}
            print(json.dumps(rec, separators=(",", ":")), file=self.log)


def parse_args(argv):
    p = argparse.ArgumentParser(description="A PUT sink modelling a remote Swift (see the module doc).")
    p.add_argument("--port", type=int, default=0, help="listen port on 127.0.0.1 (0: any free)")
    p.add_argument("--delay-ms", type=float, default=20.0,
                   help="wait before each answer, after the body has arrived (default 20)")
    p.add_argument("--no-head-delay", action="store_true", help="answer HEAD requests at once")
    p.add_argument("--rate-mbit", type=float, default=0.0,
                   help="bandwidth cap on received body bytes, all connections together (0: none)")
    p.add_argument("--rcvbuf-kb", type=int, default=256,
                   help="socket receive buffer when capped, so the cap is felt at once (default 256)")
    p.add_argument("--max-file-size", type=int, default=5368709120, help="reported by GET /info")
    p.add_argument("--log", metavar="FILE", help="one JSON line per request")
    p.add_argument("--stats", metavar="FILE", help="write the final counts as JSON on exit")
    args = p.parse_args(argv)
    if args.delay_ms < 0 or args.rate_mbit < 0:
        p.error("--delay-ms and --rate-mbit must not be negative")
    return args


async def main(argv):
    args = parse_args(argv)
    sink = Sink(args)
    rcvbuf = args.rcvbuf_kb * 1024 if args.rate_mbit else None
    server = await asyncio.start_server(sink.serve, sock=http1.listen_socket("127.0.0.1", args.port, rcvbuf),
                                        limit=http1.HEAD_LIMIT)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
    await stop.wait()
    server.close()
    final = sink.stats.to_json()
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(final, f, indent=1)
    print("put_sink: stopped: " + " ".join(f"{k}={v}" for k, v in final.items()
                                            if not isinstance(v, dict)), file=sys.stderr, flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
