#!/usr/bin/env python3
"""relay.py - a TCP relay on 127.0.0.1 that adds a round trip, for bench/push.

  relay.py LISTEN_PORT TARGET_PORT [DELAY_MS]

Forwards every connection to 127.0.0.1:TARGET_PORT and delivers each piece
of data DELAY_MS / 2 late in each direction (default 60 ms per round trip),
as a school's CalDAV server tens of milliseconds away would. The delay is
latency, not a bandwidth limit: data keeps flowing while earlier pieces wait,
in order. Prints "ready" on stdout once it listens; runs until killed.
Standard library only.
"""
import asyncio
import sys
import time


async def pipe(reader, writer, delay):
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, data = await queue.get()
            if data is None:
                break
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        writer.close()

    task = asyncio.ensure_future(deliver())
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            queue.put_nowait((time.monotonic() + delay, data))
    except ConnectionError:
        pass
    queue.put_nowait((time.monotonic() + delay, None))
    try:
        await task
    except ConnectionError:
        pass


async def main():
    listen, target = int(sys.argv[1]), int(sys.argv[2])
    delay = (float(sys.argv[3]) if len(sys.argv) > 3 else 60.0) / 2000.0

    async def handle(creader, cwriter):
        try:
            sreader, swriter = await asyncio.open_connection('127.0.0.1',
                                                             target)
        except OSError:
            cwriter.close()
            return
        await asyncio.gather(pipe(creader, swriter, delay),
                             pipe(sreader, cwriter, delay))

    server = await asyncio.start_server(handle, '127.0.0.1', listen)
    print('ready', flush=True)
    async with server:
        await server.serve_forever()


if __name__ == '__main__':
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    asyncio.run(main())
