"""A TCP proxy on loopback that holds every chunk of bytes for DELAY_MS before passing it on, in
both directions, so that a local registry answers as one farther away does (a round trip of twice
DELAY_MS). Used by bench/sync; not a test fixture.

Usage: python3 lagproxy.py DELAY_MS LISTEN_PORT TARGET_PORT
"""
import asyncio
import sys
import time

DELAY = float(sys.argv[1]) / 1000
LISTEN, TARGET = int(sys.argv[2]), int(sys.argv[3])


async def pipe(reader, writer):
    queue = asyncio.Queue()

    async def send():
        while True:
            received, data = await queue.get()
            if data is None:
                writer.close()
                return
            wait = received + DELAY - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(send())
    try:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((time.monotonic(), data or None))
            if not data:
                break
    except OSError:
        queue.put_nowait((time.monotonic(), None))
    await sender


async def connection(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", TARGET)
    await asyncio.gather(
        pipe(client_reader, server_writer), pipe(server_reader, client_writer), return_exceptions=True
    )


async def main():
    server = await asyncio.start_server(connection, "127.0.0.1", LISTEN)
    async with server:
        await server.serve_forever()


asyncio.run(main())
