"""A Rasa that hangs: a loopback server that accepts connections, reads what it is sent and
never answers, as a Rasa process stuck in a long computation, a deadlock or a stopped VM would
(the kernel accepts the connection; nothing comes back). A client sees neither a refusal nor an
error, only its own timeout.

`forward_to(url)` makes it a plain TCP proxy to a real server for the connections that come
next: Rasa is back, at the same address. Connections that hung stay hung until the client gives
up on them.
"""

import asyncio
from urllib.parse import urlsplit


class HungServer:
    def __init__(self) -> None:
        self._server: asyncio.AbstractServer | None = None
        self._upstream: tuple | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self.connections = 0  # accepted so far, hung or forwarded

    async def start(self) -> "HungServer":
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.close()
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    async def __aenter__(self) -> "HungServer":
        return await self.start()

    async def __aexit__(self, *exc_info) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "not started"
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def forward_to(self, url: str) -> None:
        """From now on, connections are piped to `url` (host and port only)."""
        parts = urlsplit(url)
        self._upstream = (parts.hostname, parts.port)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._writers.add(writer)
        try:
            if self._upstream is None:
                await _swallow(reader)
            else:
                await self._forward(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._writers.discard(writer)
            writer.close()

    async def _forward(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self._upstream)
        pipes = [asyncio.ensure_future(_pipe(reader, up_writer)),
                 asyncio.ensure_future(_pipe(up_reader, writer))]
        try:
            await asyncio.wait(pipes, return_when=asyncio.FIRST_EXCEPTION)
        finally:
            for pipe in pipes:
                pipe.cancel()
            await asyncio.gather(*pipes, return_exceptions=True)
            up_writer.close()


async def _swallow(reader: asyncio.StreamReader) -> None:
    """Read and drop everything until the client gives up."""
    while await reader.read(65536):
        pass


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        if writer.can_write_eof():
            try:
                writer.write_eof()
            except OSError:
                pass
