#!/usr/bin/python3
"""echo_server: answers each request with what it received, for the HTTP wrapper's unit tests
(tests/unit/common/http_client_test.cc).

  /echo...        200, JSON {method, target, headers: [[name, value]...], framing, body_bytes,
                  body_md5, body (as latin-1 text)}; headers "X-Repeat: one", "X-Repeat: two",
                  "X-Mixed-Case: yes" and "ETag: <body_md5 in quotes>"
  /status/N       status N, body "status N\\n" repeated 500 times
  /redirect       302 to /echo
  /gzip           200, Content-Encoding: gzip, body gzip("hello gzip\\n" * 100)
  /stall          200, Content-Length 1000, 10 bytes, then nothing until the client leaves
  /big            200, 1 MiB of "x" in 64 KiB pieces

A request with "Expect: 100-continue" gets "100 Continue" first. Keep-alive. It prints
"listening <port>" on stdout when ready (127.0.0.1, a free port) and stops on SIGTERM.
Standard library only, with the framing of http1.py.
"""
import asyncio
import gzip
import hashlib
import json
import os
import signal
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repo
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http1  # noqa: E402  (beside this file)


async def answer(head, body, writer):
    path = head.path
    if path.startswith("/echo"):
        headers = [["X-Repeat", "one"], ["X-Repeat", "two"], ["X-Mixed-Case", "yes"],
                   ["ETag", '"' + hashlib.md5(body).hexdigest() + '"']]
        text = json.dumps({
            "method": head.method, "target": head.target, "headers": head.headers,
            "framing": http1.request_framing(head)[0], "body_bytes": len(body),
            "body_md5": hashlib.md5(body).hexdigest(), "body": body.decode("latin-1"),
        }).encode()
        payload = b"" if head.method == "HEAD" else text
        writer.write(http1.response_bytes(200, headers + [["Content-Type", "application/json"]],
                                          payload))
    elif path.startswith("/status/"):
        status = int(path[len("/status/"):])
        writer.write(http1.response_bytes(status, body=f"status {status}\n".encode() * 500))
    elif path == "/redirect":
        writer.write(http1.response_bytes(302, [["Location", "/echo?from=redirect"]], b"moved"))
    elif path == "/gzip":
        writer.write(http1.response_bytes(200, [["Content-Encoding", "gzip"]],
                                          gzip.compress(b"hello gzip\n" * 100)))
    elif path == "/stall":
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"0123456789")
        await writer.drain()
        await asyncio.sleep(3600)  # until the client gives up and the connection closes
    elif path == "/big":
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (1 << 20))
        for _ in range(16):
            writer.write(b"x" * 65536)
            await writer.drain()
    else:
        writer.write(http1.response_bytes(404, body=b"no such path\n"))
    await writer.drain()


async def serve(reader, writer):
    try:
        while True:
            head = await http1.read_head(reader)
            if head is None:
                break
            if (head.get("Expect") or "").lower() == "100-continue":
                writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            body = bytearray()
            stream = http1.Body(reader, http1.request_framing(head), raw=False)
            while (piece := await stream.next()) is not None:
                body += piece
            await answer(head, bytes(body), writer)
            if http1.wants_close(head):
                break
    except (http1.ProtocolError, ConnectionError, OSError, asyncio.IncompleteReadError):
        pass
    finally:
        await http1.close(writer)


async def main():
    server = await asyncio.start_server(serve, sock=http1.listen_socket("127.0.0.1", 0))
    print("listening", server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
