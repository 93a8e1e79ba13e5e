"""A minimal HTTP/1.1 client over loopback: the load's own CPU stays below the server's."""

from __future__ import annotations

import asyncio

import msgspec


class Response(msgspec.Struct, frozen=True):
    """A status and a body read by its Content-Length."""

    status: int
    body: bytes


class Connection:
    """One keep-alive HTTP/1.1 connection, one request at a time.

    httpx's connection pool spends more CPU per request than the server under test does
    (measured: the load process at 100% of a core while the server idled at 40%), so the
    load comes from this minimal client instead: it writes the request bytes and reads the
    status line, the headers and a Content-Length body.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> Response:
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if body:
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        self._writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        length = 0
        for line in header_lines:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding":
                raise RuntimeError(f"{path}: a chunked response; this client reads lengths only")
        return Response(int(status_line.split()[1]), await self._reader.readexactly(length))

    async def close(self) -> None:
        self._writer.close()
        await self._writer.wait_closed()
