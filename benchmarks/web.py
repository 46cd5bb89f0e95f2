"""Web benchmark: requests/s and p50/p99 latency for the story page and the stories API.

Run: `.venv/bin/python benchmarks/web.py [--db DB] [--duration 20] [--rate 100] [--workers 8]`.

The server runs in its own process (`newsprism.web.serve`, one uvicorn worker) on 127.0.0.1 with a free port;
this process is the load generator (asyncio + httpx, loopback only, bounded in count and time). Without
`--db` the invented corpus in examples/ is ingested into a temporary store first (~30 s).

For each target: a few warm-up requests (the first one computes and caches the comparison), then
- a paced run: requests sent on a fixed schedule at `--rate` per second for `--duration` seconds (open loop:
  latency is measured from the scheduled send time, so a server that falls behind shows it in p99);
- a max-throughput run: `--workers` concurrent clients sending back to back for `--max-duration` seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
MAX_IN_FLIGHT = 256


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_store(folder: str) -> str:
    db = os.path.join(folder, "bench.db")
    print(f"ingesting {ROOT / 'examples'} into a temporary store …", flush=True)
    subprocess.run([sys.executable, "-m", "newsprism.cli", "ingest", str(ROOT / "examples"), "--db", db],
                   check=True, stdout=subprocess.DEVNULL)
    return db


def start_server(db: str, port: int) -> subprocess.Popen:
    code = "import sys; from newsprism.web import serve; serve(sys.argv[1], '127.0.0.1', int(sys.argv[2]))"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("NEWSPRISM_TOKEN", None)
    server = subprocess.Popen([sys.executable, "-c", code, db, str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/stories", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not answer within 60 s")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def report(name: str, mode: str, latencies: list[float], errors: int, elapsed: float) -> None:
    ms = [x * 1000 for x in latencies]
    print(f"{name:<13} {mode:<17} {len(ms):>6} ok {errors:>4} err  {len(ms) / elapsed:>7.1f} req/s  "
          f"p50 {percentile(ms, 50):>7.1f} ms  p99 {percentile(ms, 99):>7.1f} ms  max {max(ms, default=0):>7.1f} ms",
          flush=True)


async def paced(client: httpx.AsyncClient, url: str, rate: float, duration: float) -> tuple[list[float], int, float]:
    """Open loop: request i is due at start + i/rate, whatever happened to the earlier ones."""
    latencies: list[float] = []
    errors = 0
    slots = asyncio.Semaphore(MAX_IN_FLIGHT)

    async def one(due: float) -> None:
        nonlocal errors
        async with slots:
            try:
                response = await client.get(url)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                latencies.append(time.perf_counter() - due)
            else:
                errors += 1

    total = int(rate * duration)
    start = time.perf_counter()
    tasks = []
    for i in range(total):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(due)))
    await asyncio.gather(*tasks)
    return latencies, errors, time.perf_counter() - start


async def saturate(client: httpx.AsyncClient, url: str, workers: int, duration: float) -> tuple[list[float], int, float]:
    """Closed loop: `workers` clients, each sending its next request as soon as the last one is answered."""
    latencies: list[float] = []
    errors = 0
    start = time.perf_counter()
    stop = start + duration

    async def worker() -> None:
        nonlocal errors
        while time.perf_counter() < stop:
            sent = time.perf_counter()
            try:
                response = await client.get(url)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                latencies.append(time.perf_counter() - sent)
            else:
                errors += 1

    await asyncio.gather(*(worker() for _ in range(workers)))
    return latencies, errors, time.perf_counter() - start


async def run(base: str, args: argparse.Namespace) -> None:
    limits = httpx.Limits(max_connections=MAX_IN_FLIGHT, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        stories = (await client.get("/api/v1/stories")).json()["stories"]
        if not stories:
            raise SystemExit("the store has no stories")
        story = max(stories, key=lambda s: len(s["articles"]))
        targets = [(f"story page", f"/stories/{story['id']}"), ("stories API", "/api/v1/stories")]
        print(f"story page: {story['title']!r} ({len(story['articles'])} articles); {len(stories)} stories", flush=True)
        for name, url in targets:
            first = time.perf_counter()
            response = await client.get(url)
            response.raise_for_status()
            print(f"{name:<13} first request (cold cache) {1000 * (time.perf_counter() - first):.1f} ms, "
                  f"{len(response.content)} bytes", flush=True)
            for _ in range(20):
                await client.get(url)
        for name, url in targets:
            latencies, errors, elapsed = await paced(client, url, args.rate, args.duration)
            report(name, f"paced {args.rate:g}/s", latencies, errors, elapsed)
            latencies, errors, elapsed = await saturate(client, url, args.workers, args.max_duration)
            report(name, f"max, {args.workers} clients", latencies, errors, elapsed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store (default: examples/ ingested into a temporary one)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of each paced run (max 120)")
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second of the paced runs (max 2000)")
    parser.add_argument("--workers", type=int, default=8, help="concurrent clients in the max-throughput runs (max 64)")
    parser.add_argument("--max-duration", type=float, default=10.0, help="seconds of each max-throughput run (max 120)")
    args = parser.parse_args()
    args.duration = min(max(args.duration, 1.0), 120.0)
    args.max_duration = min(max(args.max_duration, 1.0), 120.0)
    args.rate = min(max(args.rate, 1.0), 2000.0)
    args.workers = min(max(args.workers, 1), 64)
    print(f"cores: {os.cpu_count()}; server: 1 uvicorn process; load generator: this process (asyncio + httpx)")
    with tempfile.TemporaryDirectory(prefix="newsprism-web-bench-") as tmp:
        db = args.db or build_store(tmp)
        port = free_port()
        server = start_server(db, port)
        try:
            asyncio.run(run(f"http://127.0.0.1:{port}", args))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
