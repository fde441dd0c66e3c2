"""Just enough HTTP/1.1 for the test tools (fault_proxy.py, put_sink.py), on asyncio streams.

A message head is read whole (request or status line + headers, at most HEAD_LIMIT bytes); bodies
are streamed piece by piece, never buffered whole, framed by Content-Length, chunked
Transfer-Encoding, or (responses only) the end of the connection. A relay keeps the raw bytes,
chunk framing included, so what reaches the other side is what was sent; a consumer asks for the
decoded data. Standard library only; Python 3.11 (Debian bookworm's /usr/bin/python3).
"""
import asyncio
import socket
import struct

HEAD_LIMIT = 64 * 1024  # bytes of request/status line + headers
PIECE = 64 * 1024  # largest piece of body read at once

REASONS = {
    100: "Continue", 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content",
    400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed",
    411: "Length Required", 431: "Request Header Fields Too Large", 500: "Internal Server Error",
    502: "Bad Gateway", 503: "Service Unavailable",
}


class ProtocolError(Exception):
    """The peer sent something that is not HTTP/1.1 as we read it (or closed mid-message)."""


class Head:
    """A request or response head: first line, headers in order, and the raw bytes."""

    def __init__(self, raw):
        self.raw = raw  # bytes, ending in CRLF CRLF
        lines = raw[:-4].decode("latin-1").split("\r\n")
        self.start = lines[0]
        self.headers = []
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if not sep or not name or name != name.strip():
                raise ProtocolError(f"bad header line {line[:80]!r}")
            self.headers.append((name, value.strip()))

    def get(self, name, default=None):
        """The last value of header NAME (case-insensitive), or DEFAULT."""
        name = name.lower()
        for key, value in reversed(self.headers):
            if key.lower() == name:
                return value
        return default

    def has_token(self, name, token):
        """True if the comma-separated header NAME contains TOKEN (e.g. Connection: close)."""
        value = self.get(name, "")
        return token.lower() in (part.strip().lower() for part in value.split(","))

    # Requests.
    @property
    def method(self):
        return self.start.split(" ", 1)[0]

    @property
    def target(self):
        parts = self.start.split(" ")
        return parts[1] if len(parts) == 3 else ""

    @property
    def path(self):
        """The target without its query string (TempURL signatures live in the query)."""
        return self.target.split("?", 1)[0]

    # Responses.
    @property
    def status(self):
        parts = self.start.split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
            raise ProtocolError(f"bad status line {self.start[:80]!r}")
        return int(parts[1])


async def read_head(reader):
    """Reads one message head. Returns a Head, or None on a clean end of stream before it."""
    try:
        raw = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as e:
        if e.partial.strip(b"\r\n"):
            raise ProtocolError("connection closed in the middle of a message head") from None
        return None
    except asyncio.LimitOverrunError:
        raise ProtocolError(f"message head longer than {HEAD_LIMIT} bytes") from None
    # RFC 9112 2.2: ignore empty lines before a request line.
    raw = raw.lstrip(b"\r\n")
    if not raw:
        return await read_head(reader)
    return Head(raw if raw.endswith(b"\r\n\r\n") else raw + b"\r\n")


def request_framing(head):
    """How a request body is delimited: ("chunked", None), ("length", n) or ("none", 0)."""
    te = head.get("Transfer-Encoding")
    if te is not None:
        if te.split(",")[-1].strip().lower() != "chunked":
            raise ProtocolError(f"unsupported Transfer-Encoding {te!r}")
        return ("chunked", None)
    cl = head.get("Content-Length")
    if cl is not None:
        if not cl.isdigit():
            raise ProtocolError(f"bad Content-Length {cl!r}")
        return ("length", int(cl))
    return ("none", 0)


def response_framing(head, request_method):
    """How a response body is delimited; ("close", None) means until the connection ends."""
    status = head.status
    if request_method == "HEAD" or status < 200 or status in (204, 304):
        return ("none", 0)
    te = head.get("Transfer-Encoding")
    if te is not None and te.split(",")[-1].strip().lower() == "chunked":
        return ("chunked", None)
    cl = head.get("Content-Length")
    if cl is not None and cl.isdigit():
        return ("length", int(cl))
    return ("close", None)


class Body:
    """Streams one body from READER. next() returns the next piece of bytes, or None at the end.

    raw=True gives the bytes as they were on the wire (chunk sizes and trailers included), for
    relaying; raw=False gives the decoded data. data_bytes counts decoded bytes so far either way.
    """

    def __init__(self, reader, framing, raw):
        self.reader = reader
        self.kind, self.length = framing
        self.raw = raw
        self.data_bytes = 0
        self.done = self.kind == "none" or (self.kind == "length" and self.length == 0)
        self._left = self.length if self.kind == "length" else 0  # bytes left in this chunk/body
        self._pending = []  # raw framing pieces to hand out before more data

    async def next(self, most=PIECE):
        """The next piece (at most MOST data bytes), or None at the end of the body."""
        while not self.done:
            if self._pending:
                return self._pending.pop(0)
            if self.kind == "chunked" and self._left == 0:
                await self._chunk_header()
                continue
            piece = await self.reader.read(min(self._left, most) if self._left else most)
            if not piece:
                if self.kind == "close":
                    self.done = True
                    return None
                raise ProtocolError("connection closed in the middle of a body")
            self.data_bytes += len(piece)
            if self.kind != "close":
                self._left -= len(piece)
                if self._left == 0:
                    await self._after_data()
            return piece
        return self._pending.pop(0) if self._pending else None

    async def drain(self):
        """Reads (and drops) the rest of the body."""
        while await self.next() is not None:
            pass

    async def _chunk_header(self):
        line = await self._line()
        size_text = line.split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            raise ProtocolError(f"bad chunk size line {line[:40]!r}") from None
        self._emit(line)
        if size == 0:
            # Last chunk: trailers up to an empty line.
            while True:
                trailer = await self._line()
                self._emit(trailer)
                if trailer == b"\r\n":
                    break
            self.done = True
        else:
            self._left = size

    async def _after_data(self):
        if self.kind == "length":
            self.done = True
        else:  # the CRLF that ends a chunk's data
            crlf = await self._exactly(2)
            if crlf != b"\r\n":
                raise ProtocolError("chunk data not followed by CRLF")
            self._emit(crlf)

    def _emit(self, framing_bytes):
        if self.raw:
            self._pending.append(framing_bytes)

    async def _line(self):
        try:
            return await self.reader.readuntil(b"\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            raise ProtocolError("bad or truncated chunk framing") from None

    async def _exactly(self, n):
        try:
            return await self.reader.readexactly(n)
        except asyncio.IncompleteReadError:
            raise ProtocolError("connection closed in the middle of a body") from None


def response_bytes(status, headers=(), body=b"", reason=None):
    """A complete response with Content-Length; HEADERS is a sequence of (name, value)."""
    lines = [f"HTTP/1.1 {status} {reason or REASONS.get(status, 'Unknown')}"]
    lines += [f"{name}: {value}" for name, value in headers]
    if status >= 200 and status not in (204, 304):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def wants_close(head):
    """True if the sender of HEAD ends the connection after this message."""
    if head.has_token("Connection", "close"):
        return True
    first = head.start.split(" ", 1)[0]
    version = first if first.startswith("HTTP/") else head.start.rsplit(" ", 1)[-1]
    return version == "HTTP/1.0" and not head.has_token("Connection", "keep-alive")


def reset(writer):
    """Ends the connection with a TCP RST: SO_LINGER on with a zero timeout, then close."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
    writer.transport.abort()


async def close(writer):
    """Closes gracefully (FIN), ignoring a peer that is already gone."""
    try:
        writer.close()
        await writer.wait_closed()
    except (OSError, ConnectionError):
        pass


def listen_socket(host, port, rcvbuf=None):
    """A listening TCP socket; RCVBUF (bytes), if set, is inherited by accepted connections."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock
