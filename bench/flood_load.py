#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The load of bench/flood_bench.sh, on loopback, Python 3 standard library only (asyncio). Two programs
# run as separate processes so that the attack's event loop never delays the probes' clocks:
#   flood_load.py probe  --port P --seconds S --token T --member-path PATH --out FILE
#       steady probes from 127.0.0.1, started at fixed times whatever the earlier ones do (no coordinated
#       omission): /healthz on a new connection each, a member read on kept-alive connections and on new
#       connections, and a real sign-in once a second.
#   flood_load.py attack --port P --seconds S --out FILE
#       80 sign-in flooders and 200 slow clients of three kinds (--flooders, --mix), from 127.0.0.2
#       upwards, a few tens of connections per source address; each reconnects when the server closes it.
# Both write JSON that bench/flood_report.py turns into the tables.
import argparse
import asyncio
import json
import os
import random
import string
import sys
import time

TIMEOUT = 5.0  # a probe without a whole answer after this long is a timeout


class NoAnswer(Exception):
    """The connection ended before a whole response arrived."""


async def read_response(reader):
    """Reads one HTTP/1.1 response; returns (status, headers, body)."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        raise NoAnswer("closed before an answer" if not error.partial else "closed in the answer's head") from None
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    try:
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                body += await reader.readexactly(size + 2)
                if size == 0:
                    break
        else:
            body = await reader.read()
    except asyncio.IncompleteReadError:
        raise NoAnswer("closed in the answer's body") from None
    return status, headers, body


def request_bytes(method, path, port, headers=(), body=b"", close=False):
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "User-Agent: sotay-flood-bench"]
    lines += list(headers)
    if body or method == "POST":
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def close_quietly(writer):
    try:
        writer.close()
    except Exception:  # noqa: BLE001 (already gone)
        pass


def quiet_about_resets(loop, context):
    """A stream whose reader gave up (a timeout) may still learn of a reset later; that is no news."""
    if not isinstance(context.get("exception"), OSError):
        loop.default_exception_handler(context)


def error_name(error):
    if isinstance(error, NoAnswer):
        return str(error)
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ConnectionResetError):
        return "connection reset"
    if isinstance(error, BrokenPipeError):
        return "broken pipe"
    return type(error).__name__


# ---------------------------------------------------------------------------------------------- probes
class Probe:
    """One kind of request, started RATE times a second; each result is (latency in ms or None, outcome)."""

    def __init__(self, name, port, method, path, rate, keep_alive, headers=(), body=None, expect=200):
        self.name, self.port, self.method, self.path = name, port, method, path
        self.rate, self.keep_alive, self.headers, self.body, self.expect = rate, keep_alive, headers, body, expect
        self.idle = []  # kept-alive connections free for the next request
        self.results = []
        self.opened = 0
        self.retried = 0  # a kept-alive connection the server had closed: sent again on a new one

    def payload(self):
        body = self.body() if callable(self.body) else (self.body or b"")
        return request_bytes(self.method, self.path, self.port, self.headers, body, close=not self.keep_alive)

    async def exchange(self):
        """Sends the request and reads the answer; a reused connection that turns out closed is retried once
        on a new one, as HTTP clients do for idempotent requests."""
        reused = bool(self.idle)
        if reused:
            reader, writer = self.idle.pop()
        else:
            reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
            self.opened += 1
        try:
            writer.write(self.payload())
            await writer.drain()
            status, headers, _ = await read_response(reader)
        except (NoAnswer, ConnectionResetError, BrokenPipeError):
            close_quietly(writer)
            if not reused:
                raise
            self.retried += 1
            reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
            self.opened += 1
            try:
                writer.write(self.payload())
                await writer.drain()
                status, headers, _ = await read_response(reader)
            except BaseException:
                close_quietly(writer)
                raise
        except BaseException:
            close_quietly(writer)
            raise
        if self.keep_alive and headers.get("connection", "").lower() != "close":
            self.idle.append((reader, writer))
        else:
            close_quietly(writer)
        return status

    async def one(self, started):
        try:
            status = await asyncio.wait_for(self.exchange(), TIMEOUT)
        except asyncio.TimeoutError:
            self.results.append((None, "timeout"))
            return
        except Exception as error:  # noqa: BLE001 (every failure is a result)
            self.results.append(((time.monotonic() - started) * 1000.0, error_name(error)))
            return
        outcome = "ok" if status == self.expect else f"status {status}"
        self.results.append(((time.monotonic() - started) * 1000.0, outcome))

    async def run(self, seconds):
        tasks = []
        start = time.monotonic()
        for i in range(int(seconds * self.rate)):
            due = start + i / self.rate
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(self.one(time.monotonic())))
        await asyncio.gather(*tasks)
        for _, writer in self.idle:
            close_quietly(writer)

    def summary(self):
        return {"probe": self.name, "keepAlive": self.keep_alive, "rate": self.rate, "opened": self.opened,
                "retried": self.retried, "results": self.results}


async def probe_main(args):
    asyncio.get_running_loop().set_exception_handler(quiet_about_resets)
    auth = (f"Authorization: Bearer {args.token}",)

    def sign_in_body():
        return json.dumps({"username": args.user, "password": args.password}).encode()

    probes = [
        Probe("/healthz, new connection each", args.port, "GET", "/healthz", args.rate, keep_alive=False),
        Probe("member read, kept-alive connection", args.port, "GET", args.member_path, args.rate, True, auth),
        Probe("member read, new connection each", args.port, "GET", args.member_path, args.rate, False, auth),
    ]
    if args.user:
        probes.append(Probe("real sign-in, new connection each (not in the goal)", args.port, "POST",
                            "/api/v1/auth/login", 1.0, False, body=sign_in_body))
    cpu = time.process_time()
    await asyncio.gather(*(probe.run(args.seconds) for probe in probes))
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump({"phase": args.phase, "seconds": args.seconds, "cpuSeconds": time.process_time() - cpu,
                   "probes": [probe.summary() for probe in probes]}, out)


# ---------------------------------------------------------------------------------------------- attack
class Tally:
    """What one kind of attacking connection saw."""

    def __init__(self, kind, count, addresses):
        self.kind, self.count, self.addresses = kind, count, addresses
        self.connects = 0
        self.connect_failures = {}
        self.statuses = {}  # answers by status
        self.errors = {}  # timeouts and connection errors by name
        self.closes = {}  # slow clients: how the server ended the connection
        self.held = []  # slow clients: seconds from connect to the server's close
        self.open_at_end = []  # slow clients: seconds held so far by those still open at the end

    @staticmethod
    def bump(counter, key):
        counter[key] = counter.get(key, 0) + 1

    def summary(self):
        return {k: v for k, v in vars(self).items()}


async def connect(tally, source, port):
    while True:
        try:
            conn = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0)), 10)
            tally.connects += 1
            return conn
        except asyncio.TimeoutError:
            Tally.bump(tally.connect_failures, "connect timeout (10 s)")
        except OSError as error:
            Tally.bump(tally.connect_failures, error_name(error))
            await asyncio.sleep(0.2)


def error_code(body):
    """The API error's code ("busy", "too_many_attempts"), or "" when the body has none."""
    try:
        return json.loads(body)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return ""


def random_text(n):
    return "".join(random.choices(string.ascii_letters + string.digits, k=n))


async def flooder(tally, source, port, stop):
    """Sign-ins with unknown names and random passwords as fast as the server answers, on one kept-alive
    connection, whatever the answer says (Retry-After is ignored)."""
    reader = writer = None
    while not stop.is_set():
        if writer is None:
            reader, writer = await connect(tally, source, port)
        body = json.dumps({"username": f"nobody.{random_text(10)}", "password": random_text(16)}).encode()
        try:
            writer.write(request_bytes("POST", "/api/v1/auth/login", port, body=body))
            status, headers, answer = await asyncio.wait_for(read_response(reader), 10)
            Tally.bump(tally.statuses, f"{status} {error_code(answer)}" if status == 429 else str(status))
            if headers.get("connection", "").lower() == "close":
                Tally.bump(tally.closes, "closed after an answer")
                close_quietly(writer)
                writer = None
        except asyncio.TimeoutError:
            Tally.bump(tally.errors, "timeout (10 s)")
            close_quietly(writer)
            writer = None
        except Exception as error:  # noqa: BLE001 (every failure is counted)
            Tally.bump(tally.errors, error_name(error))
            close_quietly(writer)
            writer = None
    if writer is not None:
        close_quietly(writer)


async def slow_client(tally, source, port, stop, opening, drip, interval):
    """Sends OPENING, then DRIP(n) every INTERVAL seconds (nothing when DRIP is None), until the server
    ends the connection; records how long it was held and how it ended, then connects again."""
    while not stop.is_set():
        reader, writer = await connect(tally, source, port)
        connected = time.monotonic()

        async def feed():
            writer.write(opening)
            n = 0
            while drip is not None:
                await asyncio.sleep(interval)
                writer.write(drip(n))
                await writer.drain()
                n += 1
            await asyncio.Event().wait()

        async def watch():
            try:
                status, _, _ = await read_response(reader)
                return f"answered {status}"
            except Exception as error:  # noqa: BLE001 (every way of ending is counted)
                return f"closed without an answer ({error_name(error)})"

        feeding = asyncio.create_task(feed())
        watching = asyncio.create_task(watch())
        stopping = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({feeding, watching, stopping}, return_when=asyncio.FIRST_COMPLETED)
        held = time.monotonic() - connected
        if watching in done:
            Tally.bump(tally.closes, watching.result())
            tally.held.append(held)
        elif feeding in done:  # writing failed: the server is gone from this connection
            Tally.bump(tally.closes, f"closed while sending ({error_name(feeding.exception())})")
            tally.held.append(held)
        else:
            tally.open_at_end.append(held)
        for task in (feeding, watching, stopping):
            task.cancel()
        close_quietly(writer)
        if held < 1.0 and not stop.is_set():
            # Turned away at once (a per-address cap, say): try again soon, but not in a loop that would
            # make this process the bottleneck.
            await asyncio.sleep(0.25)


async def attack_main(args):
    asyncio.get_running_loop().set_exception_handler(quiet_about_resets)
    port, stop = args.port, asyncio.Event()
    flood = Tally("sign-in flooder", args.flooders, [])
    header = Tally("head, one header line every 2 s", 0, [])
    idle = Tally("connected, idle", 0, [])
    stall = Tally("POST, body shorter than Content-Length, stalled", 0, [])
    trickle = Tally("POST, body shorter than Content-Length, 1 byte/s", 0, [])
    tasks = []

    def source(index, per_address, first):
        return f"127.0.0.{first + index // per_address}"

    for i in range(args.flooders):
        address = source(i, args.per_address, 2)
        if address not in flood.addresses:
            flood.addresses.append(address)
        tasks.append(flooder(flood, address, port, stop))
    first_slow = 2 + (args.flooders + args.per_address - 1) // args.per_address
    head = request_bytes("GET", "/healthz", port)[:-2]  # the head without its final empty line
    post_head = (f"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                 f"Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n").encode()
    body_start = b'{"username":"slow.body","password":"'
    # The three kinds interleaved so that every source address carries a mix of them.
    counts = dict(zip(("header", "idle", "body"), (int(n) for n in args.mix.split(","))))
    kinds = []
    while len(kinds) < sum(counts.values()):
        for kind in ("header", "idle", "body"):
            if kinds.count(kind) < counts[kind]:
                kinds.append(kind)
    slow_index = 0
    for kind in kinds:
        counts[kind] -= 1
        address = source(slow_index, args.slow_per_address, first_slow)
        slow_index += 1
        if kind == "header":
            tally, opening, drip, interval = header, head, lambda n: f"X-Slow-{n}: {n}\r\n".encode(), 2.0
        elif kind == "idle":
            tally, opening, drip, interval = idle, b"", None, 0
        elif counts["body"] % 2 == 0:
            tally, opening, drip, interval = stall, post_head + body_start, None, 0
        else:
            tally, opening, drip, interval = trickle, post_head + body_start, lambda n: b"x", 1.0
        tally.count += 1
        if address not in tally.addresses:
            tally.addresses.append(address)
        tasks.append(slow_client(tally, address, port, stop, opening, drip, interval))

    cpu = time.process_time()
    started = time.monotonic()
    running = [asyncio.create_task(task) for task in tasks]
    await asyncio.sleep(args.seconds)
    stop.set()
    elapsed = time.monotonic() - started
    await asyncio.wait(running, timeout=1)  # slow clients note what they held; a flooder's request is dropped
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump({"seconds": elapsed, "cpuSeconds": time.process_time() - cpu,
                   "tallies": [t.summary() for t in (flood, header, idle, stall, trickle)]}, out)
    os._exit(0)  # tasks still blocked on a dead server need not be waited for


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    probe = sub.add_parser("probe")
    probe.add_argument("--port", type=int, required=True)
    probe.add_argument("--seconds", type=float, default=25)
    probe.add_argument("--rate", type=float, default=20, help="requests a second per probe")
    probe.add_argument("--token", required=True)
    probe.add_argument("--member-path", required=True)
    probe.add_argument("--user", default="", help="an account for the real sign-in probe")
    probe.add_argument("--password", default="")
    probe.add_argument("--phase", required=True)
    probe.add_argument("--out", required=True)
    attack = sub.add_parser("attack")
    attack.add_argument("--port", type=int, required=True)
    attack.add_argument("--seconds", type=float, default=35)
    attack.add_argument("--flooders", type=int, default=80)
    attack.add_argument("--mix", default="70,70,60",
                        help="slow clients: sending a head slowly, idle, with a short body (half stalled, half "
                             "trickling)")
    attack.add_argument("--per-address", type=int, default=16, help="flooders per source address")
    attack.add_argument("--slow-per-address", type=int, default=20, help="slow clients per source address")
    attack.add_argument("--out", required=True)
    args = parser.parse_args()
    asyncio.run(probe_main(args) if args.command == "probe" else attack_main(args))


if __name__ == "__main__":
    sys.exit(main())
