#!/usr/bin/env python3
"""slow_clients.py - the slow-client attack of issue 15 against a running
`fairmatch serve`, and the latency of a normal request meanwhile.

Opens N connections spread over five loopback source addresses
(127.0.0.2-6), each sending a request line and then one header line every
TRICKLE seconds (never finishing its request), and re-opens the ones the
server closes. Meanwhile a normal client at 127.0.0.9 sends
`GET PATH` (with the cookie, if given) on a new connection every INTERVAL
seconds and records the time to the full answer. Prints one JSON object:
the latencies (p50, p95, max), failures, and how many slow connections the
server held open on average.

Usage: slow_clients.py PORT [--cookie fm_session=...] [--path /api/departments]
       [--slow 300] [--seconds 20] [--trickle 5] [--interval 0.2]
"""
import argparse
import json
import selectors
import socket
import statistics
import time

SOURCES = ["127.0.0.%d" % i for i in range(2, 7)]
NORMAL_SOURCE = "127.0.0.9"


def open_slow(port, src):
    s = socket.socket()
    s.setblocking(True)
    s.bind((src, 0))
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /api/me HTTP/1.1\r\nHost: x\r\n")
        s.setblocking(False)
        return s
    except OSError:
        s.close()
        return None


def alive(s):
    try:
        return s.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


def normal_request(port, path, cookie):
    t0 = time.monotonic()
    c = socket.socket()
    c.settimeout(30)
    c.bind((NORMAL_SOURCE, 0))
    try:
        c.connect(("127.0.0.1", port))
        head = "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" % path
        if cookie:
            head += "Cookie: %s\r\n" % cookie
        c.sendall((head + "\r\n").encode())
        data = b""
        while True:
            d = c.recv(65536)
            if not d:
                break
            data += d
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else 0
    except OSError:
        status = 0
    finally:
        c.close()
    return time.monotonic() - t0, status


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("port", type=int)
    ap.add_argument("--cookie", default="")
    ap.add_argument("--path", default="/api/departments")
    ap.add_argument("--slow", type=int, default=300)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--trickle", type=float, default=5)
    ap.add_argument("--interval", type=float, default=0.2)
    a = ap.parse_args()

    slow = [None] * a.slow
    lat, fails, held = [], 0, []
    reopened = 0
    start = time.monotonic()
    next_trickle = start
    while time.monotonic() - start < a.seconds:
        now = time.monotonic()
        if a.slow and now >= next_trickle:
            for i in range(a.slow):
                if slow[i] is not None and not alive(slow[i]):
                    slow[i].close()
                    slow[i] = None
                if slow[i] is None:
                    slow[i] = open_slow(a.port, SOURCES[i % len(SOURCES)])
                    reopened += 1
                    continue
                try:
                    slow[i].send(b"X-Slow: 1\r\n")
                except OSError:
                    slow[i].close()
                    slow[i] = None
            held.append(sum(1 for s in slow if s is not None and alive(s)))
            next_trickle = now + a.trickle
        secs, status = normal_request(a.port, a.path, a.cookie)
        if status != 200:
            fails += 1
        lat.append(secs)
        time.sleep(a.interval)
    for s in slow:
        if s is not None:
            s.close()
    lat.sort()
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
    print(json.dumps({
        "slow_connections": a.slow, "seconds": a.seconds, "requests": len(lat),
        "failed": fails, "p50_ms": round(q(0.5) * 1000, 1), "p95_ms": round(q(0.95) * 1000, 1),
        "max_ms": round(lat[-1] * 1000, 1),
        "slow_open_avg": round(statistics.mean(held), 1) if held else 0,
        "slow_connects": reopened}))


if __name__ == "__main__":
    main()
