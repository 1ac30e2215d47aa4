#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# A TCP proxy on loopback that behaves like a slow link: every byte is delayed by DELAY_MS in each direction
# and each direction is limited to RATE_MBIT. Stands in for `tc netem` where the kernel lacks the module.
#   slow_link_proxy.py LISTEN_PORT TARGET_PORT [DELAY_MS] [RATE_MBIT]
import asyncio
import sys
import time

listen_port, target_port = int(sys.argv[1]), int(sys.argv[2])
delay = float(sys.argv[3] if len(sys.argv) > 3 else 50) / 1000.0
rate = float(sys.argv[4] if len(sys.argv) > 4 else 10) * 1_000_000 / 8  # bytes per second


async def pipe(reader, writer):
    queue = asyncio.Queue()
    free_at = time.monotonic()  # when the simulated wire is free again

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

    sender = asyncio.create_task(deliver())
    while True:
        data = await reader.read(16384)
        if not data:
            break
        now = time.monotonic()
        free_at = max(free_at, now) + len(data) / rate
        await queue.put((free_at + delay, data))
    await queue.put((0, None))
    await sender


async def handle(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
    await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer), return_exceptions=True)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    print(f"slow link on {listen_port} -> {target_port}", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
