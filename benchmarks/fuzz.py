"""Fuzz every input parser, the URL validator and compressed HTTP responses; print what happened per format.

Run: `.venv/bin/python benchmarks/fuzz.py [--per-format 10000] [--seed 1] [--timeout 10] [--sample 20]`.

Inputs come from a mutational generator seeded with the files in examples/: truncations, bit flips, spliced
chunks, re-encodings (UTF-16 without BOM, Latin-1, mixed), NUL bytes, lone surrogates, huge fields, invalid
dates, deeply nested JSON, billion-laughs and external-entity (XXE) XML, hostile markup. Each input goes
through the front door (`newsprism.ingest.read_inputs` on a file, or standard input), and every Article that
comes out is written to a SQLite store the way `ingest` writes it and read back.

The property, for each input: it is stored correctly or rejected with a one-line reason; no exception escapes,
no input takes longer than `--timeout` seconds (the worker process is killed and restarted: a "hang"), the
worker never dies (a "crash"), and no article contains the content of a file an XML entity pointed at
("leak"). URL strings go through the address check with a stub resolver (no DNS, no network): a URL whose
host is a loopback, private, link-local, metadata or otherwise non-public address in any notation must be
refused ("let through" otherwise). Compressed responses (gzip/deflate bombs) come from a server on 127.0.0.1.
At the end `integrity_problems()` must be empty, and a sample of the inputs is ingested for real (analysis and
stories) by `newsprism ingest` in a subprocess, whose store must pass the same check with every article in a
story and whose stderr must hold no traceback.
"""

from __future__ import annotations

import argparse
import gzip
import ipaddress
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zlib
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FORMATS = ("text", "html", "json", "jsonl", "csv", "feed")
EXTENSION = {"text": ".txt", "html": ".html", "json": ".json", "jsonl": ".jsonl", "csv": ".csv", "feed": ".rss"}
CANARY = "np-canary-7f3a9c"  # the content of the file XXE payloads point at: it must never be read

# --- hostile snippets ---------------------------------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>\n"
)
QUADRATIC = '<?xml version="1.0"?>\n<!DOCTYPE q [<!ENTITY a "' + "A" * 50_000 + '">]>\n'
DATES = ["2024-02-30", "0000-00-00", "99999-12-31", "-1", "1e308", "Feb 31 2023", "31/13/2024", "yesterday-ish",
         "2024-13-45T99:99:99Z", "\x00", "9" * 400, "2024-03-04T10:00:00+99:00", "NaN", "Mon, 32 Foo 2024 25:61:61"]
TEXT_SNIPPETS = ["\x00", "\x00" * 50, "\ufeff", "\u202e", "\u200b\u200d", "\ud800", "\r", "\r\n" * 20, "\x1b[31m",
                 "<script>alert(1)</script>", "{{7*7}}", "é" * 30, "\U0001f600" * 20, "\t" * 100, "&amp;" * 50,
                 "]]>", "<!--", "\\u0000", "%s%n", "' OR 1=1 --"]


def xxe_dtd(canary_path: str) -> str:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{canary_path}">'
            f'<!ENTITY % pe SYSTEM "file://{canary_path}"> %pe;]>\n')


def seeds() -> dict[str, list[bytes]]:
    found: dict[str, list[bytes]] = defaultdict(list)
    by_suffix = {".txt": "text", ".md": "text", ".html": "html", ".json": "json", ".jsonl": "jsonl", ".csv": "csv",
                 ".rss": "feed", ".xml": "feed", ".atom": "feed"}
    for path in sorted(EXAMPLES.rglob("*")):
        fmt = by_suffix.get(path.suffix)
        if fmt and path.name.lower() != "readme.md":
            found[fmt].append(path.read_bytes())
    return found


# --- the generator ------------------------------------------------------------------------------------------

class Generator:
    """Mutated and hand-crafted inputs for one format, reproducible from a seed."""

    def __init__(self, rng: random.Random, seed_files: dict[str, list[bytes]], canary_path: str):
        self.rng = rng
        self.seeds = seed_files
        self.canary_path = canary_path

    def input(self, fmt: str) -> bytes:
        rng = self.rng
        roll = rng.random()
        if roll < 0.35:
            data = self.crafted(fmt)
        else:
            data = rng.choice(self.seeds[fmt])
        for _ in range(rng.choice((0, 1, 1, 2, 3, 6))):
            data = self.mutate(data)
        return self.encode(data) if rng.random() < 0.12 else data

    def mutate(self, data: bytes) -> bytes:
        rng = self.rng
        n = len(data)
        kind = rng.randrange(9)
        at = rng.randrange(n + 1)
        if kind == 0:  # truncate
            return data[:at]
        if kind == 1 and n:  # flip bits
            out = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                out[rng.randrange(n)] ^= 1 << rng.randrange(8)
            return bytes(out)
        if kind == 2:  # insert random bytes
            return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]
        if kind == 3:  # a hostile snippet
            return data[:at] + rng.choice(TEXT_SNIPPETS).encode("utf-8", "surrogatepass") + data[at:]
        if kind == 4 and n:  # duplicate a chunk
            begin = rng.randrange(n)
            chunk = data[begin: begin + rng.randint(1, 2000)]
            return data[:at] + chunk * rng.randint(1, 20) + data[at:]
        if kind == 5 and n:  # delete a chunk
            return data[:at] + data[at + rng.randint(1, 500):]
        if kind == 6:  # splice two seeds
            other = rng.choice([s for files in self.seeds.values() for s in files])
            return data[:at] + other[rng.randrange(len(other) + 1):]
        if kind == 7:  # an invalid date where a date may be read
            return data.replace(b"2025", rng.choice(DATES).encode("utf-8"), 1)
        return data[:at] + b"\x00" + data[at:]

    def encode(self, data: bytes) -> bytes:
        text = data.decode("utf-8", "replace") + " Café déjà vu, naïve façade."
        kind = self.rng.randrange(5)
        if kind == 0:
            return text.encode("utf-16-le")
        if kind == 1:
            return text.encode("utf-16-be")
        if kind == 2:
            return text.encode("latin-1", "replace")
        if kind == 3:  # mixed: half UTF-8, half Latin-1
            half = len(text) // 2
            return text[:half].encode("utf-8") + text[half:].encode("latin-1", "replace")
        return text.encode("cp1252", "replace")

    def huge(self) -> str:
        size = self.rng.choice((70_000, 300_000, 1_000_000))
        return self.rng.choice(("a", "word ", "é", "\u202e", " ")) * (size // 5 if self.rng.random() < 0.5 else size // 50)

    def crafted(self, fmt: str) -> bytes:
        return getattr(self, f"crafted_{fmt}")()

    def sentence(self) -> str:
        rng = self.rng
        words = ["council", "harbour", "minister", "said", "on", "Monday", "the", "protest", "3,000", "people",
                 "Valdoria", "blackout", "police", "reported", "«quoted»", "“fair”", rng.choice(TEXT_SNIPPETS)]
        return " ".join(rng.choice(words) for _ in range(rng.randint(3, 30))) + "."

    def body(self) -> str:
        if self.rng.random() < 0.01:
            return self.huge()
        return " ".join(self.sentence() for _ in range(self.rng.randint(0, 12)))

    def crafted_text(self) -> bytes:
        return self.body().encode("utf-8", "surrogatepass")

    def crafted_html(self) -> bytes:
        rng = self.rng
        kind = rng.randrange(6)
        body = "".join(f"<p>{self.sentence()}</p>" for _ in range(rng.randint(0, 10)))
        if kind == 0:
            return f"{BILLION_LAUGHS}<html><body><article>&lol9;{body}</article></body></html>".encode("utf-8", "surrogatepass")
        if kind == 1:
            return f"{xxe_dtd(self.canary_path)}<html><body><article>&xxe;{body}</article></body></html>".encode("utf-8", "surrogatepass")
        if kind == 2:  # deep nesting
            depth = rng.choice((300, 3000, 30000))
            return ("<html><body>" + "<div>" * depth + body + "</div>" * rng.randrange(depth)).encode("utf-8", "surrogatepass")
        if kind == 3:
            head = rng.choice(['<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
                               '<base href="javascript:alert(1)//">', '<meta charset="x-no-such-charset">',
                               '<meta charset="utf-16">', '<meta name="date" content="2024-02-30">'])
            return f"<html><head>{head}<title>{self.sentence()}</title></head><body><article>{body}</article></body></html>".encode("utf-8", "surrogatepass")
        if kind == 4:
            return f"<html><body><article><p>{self.huge()}</p>{body}</article></body></html>".encode("utf-8", "surrogatepass")
        return f"<html><body><article>{body}<!-- unclosed <script>alert(1)".encode("utf-8", "surrogatepass")

    def record(self) -> dict:
        rng = self.rng
        record: dict = {}
        for names, make in (
            (("text", "body", "content", "TEXT"), self.body),
            (("title", "headline"), self.sentence),
            (("url", "link"), lambda: rng.choice(["https://example.org/a", "javascript:alert(1)", "", "\x00",
                                                  "http://[::1", "file:///etc/passwd", "x" * 3000])),
            (("published", "date", "published_at"), lambda: rng.choice(DATES + ["2025-10-02", 20251002, -1, 1e308])),
            (("outlet", "site", "publisher"), lambda: rng.choice(["Daily <b>Sentinel</b>", "\u202eeviL", "\ud800",
                                                                  "", "A" * 5000, "Harbour Gazette"])),
            (("id",), lambda: rng.choice([1, "\ud800", None, [], {"x": 1}, "a1"])),
        ):
            if rng.random() < 0.8:
                value = make()
                if rng.random() < 0.05:
                    value = rng.choice([None, True, 3.5, [value], {"v": value}, 10 ** 30])
                record[rng.choice(names)] = value
        return record

    def crafted_json(self) -> bytes:
        rng = self.rng
        kind = rng.randrange(6)
        if kind == 0:
            depth = rng.choice((100, 5000, 100_000))
            return (rng.choice(("[", '{"a":', '{"text":[')) * depth).encode("utf-8", "surrogatepass")
        if kind == 1:
            return b'{"text": 1e999999, "title": NaN, "published": -Infinity}'
        if kind == 2:
            return json.dumps({"articles": [self.record() for _ in range(rng.randint(1, 5))]}).encode("utf-8", "surrogatepass")
        if kind == 3:
            return json.dumps(self.record(), ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
        if kind == 4:
            return ('{"text": "' + self.body() + '", "text": "duplicate key", "title": "\\ud800\\u0000"}').encode(
                "utf-8", "surrogatepass")
        return json.dumps([self.record() for _ in range(rng.randint(0, 6))]).encode("utf-8", "surrogatepass")

    def crafted_jsonl(self) -> bytes:
        rng = self.rng
        lines = [json.dumps(self.record()) for _ in range(rng.randint(0, 8))]
        if rng.random() < 0.3:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(["{", "[" * 20000, "null", "1", '"x"', "\x00"]))
        return "\n".join(lines).encode("utf-8", "surrogatepass")

    def crafted_csv(self) -> bytes:
        rng = self.rng
        delimiter = rng.choice(",;\t|")
        columns = rng.sample(["text", "title", "url", "date", "outlet", "id", "extra"], rng.randint(1, 7))
        rows = [delimiter.join(columns)]
        for _ in range(rng.randint(0, 8)):
            cells = []
            for _ in range(len(columns) + rng.choice((0, 0, 0, 1, -1))):
                cell = rng.choice([self.sentence(), rng.choice(DATES), '"unterminated', '"a ""quoted"" cell"', "",
                                   "\x00", "=cmd|' /C calc'!A0", self.huge() if rng.random() < 0.01 else "x"])
                if delimiter in cell or "\n" in cell:
                    cell = '"' + cell.replace('"', '""') + '"'
                cells.append(cell)
            rows.append(delimiter.join(cells))
        return rng.choice(("\n", "\r\n", "\r")).join(rows).encode("utf-8", "surrogatepass")

    def crafted_feed(self) -> bytes:
        rng = self.rng
        kind = rng.randrange(5)
        items = "".join(
            f"<item><title>{self.sentence()}</title><link>{rng.choice(['https://example.org/x', 'javascript:alert(1)'])}"
            f"</link><pubDate>{rng.choice(DATES)}</pubDate><description><![CDATA[{self.body()}]]></description></item>"
            for _ in range(rng.randint(0, 6))
        )
        if kind == 0:
            return f'{BILLION_LAUGHS}<rss version="2.0"><channel><title>&lol9;</title>{items}<item><title>t</title><description>&lol9;</description></item></channel></rss>'.encode("utf-8", "surrogatepass")
        if kind == 1:
            return f'{xxe_dtd(self.canary_path)}<rss version="2.0"><channel><title>&xxe;</title>{items}<item><title>&xxe;</title><description>Leak &xxe; here, said the council on Monday.</description></item></channel></rss>'.encode("utf-8", "surrogatepass")
        if kind == 2:
            return f'{QUADRATIC}<rss version="2.0"><channel><title>q</title><item><description>{"&a;" * 2000}</description></item>{items}</channel></rss>'.encode("utf-8", "surrogatepass")
        if kind == 3:
            entries = "".join(f"<entry><title>{self.sentence()}</title><content type='html'>&lt;p&gt;{self.body()}&lt;/p&gt;</content><updated>{rng.choice(DATES)}</updated></entry>" for _ in range(rng.randint(0, 5)))
            return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{entries}</feed>'.encode("utf-8", "surrogatepass")
        return f'<?xml version="1.0" encoding="{rng.choice(["utf-8", "iso-8859-1", "utf-16", "x-bogus"])}"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode("utf-8", "surrogatepass")


# --- URLs ---------------------------------------------------------------------------------------------------

PUBLIC = ["93.184.216.34", "1.1.1.1", "8.8.8.8", "2606:4700:4700::1111"]
BLOCKED_NETS = ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10",
                "0.0.0.0/8", "224.0.0.0/4", "240.0.0.0/4", "198.18.0.0/15", "::1/128", "fc00::/7", "fe80::/10",
                "::ffff:127.0.0.0/104", "::ffff:10.0.0.0/104", "::ffff:169.254.0.0/112", "2002:7f00::/24",
                "2002:0a00::/24", "2002:a9fe::/32", "ff00::/8", "::/128"]
FAKE_DNS = {"internal.test": ["10.1.2.3"], "metadata.test": ["169.254.169.254"], "public.test": ["93.184.216.34"],
            "rebind.test": ["93.184.216.34", "127.0.0.1"], "v6local.test": ["::1"], "ula.test": ["fd00:ec2::254"],
            "mapped.test": ["::ffff:127.0.0.1"], "localhost": ["127.0.0.1", "::1"]}


def must_refuse(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """The oracle, written independently of newsprism: anything not publicly routable, looked at through the
    IPv4-mapped and 6to4 wrappings."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if inner is not None and must_refuse(inner):
            return True
    return not address.is_global or address.is_multicast or str(address) in ("169.254.169.254", "fd00:ec2::254")


def ip_forms(rng: random.Random, address: str) -> str:
    """One of the many ways to write an address in a URL host."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        text = rng.choice([ip.compressed, ip.exploded, ip.compressed.upper()])
        return f"[{text}]"
    value = int(ip)
    octets = [int(part) for part in str(ip).split(".")]
    forms = [str(ip), str(value), hex(value), "0x" + format(value, "X"),
             ".".join(f"0{o:o}" for o in octets), ".".join(hex(o) for o in octets),
             f"{octets[0]}.{value & 0xFFFFFF}", f"{octets[0]}.{octets[1]}.{value & 0xFFFF}",
             f"[::ffff:{ip}]", f"[::ffff:{value >> 16:x}:{value & 0xFFFF:x}]", f"[2002:{value >> 16:x}:{value & 0xFFFF:x}::]",
             f"{ip}.", f"[0:0:0:0:0:ffff:{ip}]"]
    return rng.choice(forms)


def random_address(rng: random.Random, blocked: bool) -> str:
    if not blocked:
        return rng.choice(PUBLIC)
    net = ipaddress.ip_network(rng.choice(BLOCKED_NETS))
    return str(net[rng.randrange(min(net.num_addresses, 1 << 30))])


def url_input(rng: random.Random) -> tuple[str, bool]:
    """(url, well_formed_and_blocked): the second is True when the URL plainly names a refusable host."""
    blocked = rng.random() < 0.7
    if rng.random() < 0.15:
        host = rng.choice(list(FAKE_DNS)) + rng.choice(["", ".", ""])
        intended = FAKE_DNS[host.rstrip(".")]
        is_blocked = any(must_refuse(ipaddress.ip_address(a)) for a in intended)
    else:
        address = random_address(rng, blocked)
        host = ip_forms(rng, address)
        is_blocked = must_refuse(ipaddress.ip_address(address))
    scheme = rng.choice(["http", "https", "HTTP", "hTTps"])
    userinfo = rng.choice(["", "", "user:pass@", "a@", "%40@"])
    port = rng.choice(["", "", ":80", ":8080", ":0", ":65535"])
    path = rng.choice(["/", "/a?b=c#d", "", "/latest/meta-data/", "/%2e%2e/"])
    url = f"{scheme}://{userinfo}{host}{port}{path}"
    clean = True
    if rng.random() < 0.3:
        clean = False
        junk = rng.choice(["\\@1.1.1.1", "\x00", " ", "\t", "\r\n", "%00", "@", "#@1.1.1.1", "\u3002", "\uff0e",
                           "%31%32%37.0.0.1", "..", "[", "]", "\ud800", "\u202e"])
        at = rng.randrange(len(url) + 1)
        url = url[:at] + junk + url[at:]
    return url, clean and is_blocked


def stub_getaddrinfo(original):
    """getaddrinfo that never touches DNS: numeric hosts as the C library reads them (0x7f.1, 2130706433),
    FAKE_DNS for names, "Name or service not known" for the rest."""
    import socket

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        try:
            return original(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)
        except (socket.gaierror, UnicodeError, TypeError):
            pass
        name = str(host).lower().rstrip(".")
        if name not in FAKE_DNS:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [info for address in FAKE_DNS[name]
                for info in original(address, port, family, type, proto, flags | socket.AI_NUMERICHOST)]

    return getaddrinfo


def install_stub_resolver() -> None:
    import socket

    socket.getaddrinfo = stub_getaddrinfo(socket.getaddrinfo)


# --- compressed responses -----------------------------------------------------------------------------------

def compressed_zeros_or_text(kind: str, size: int, wbits: int) -> bytes:
    """`size` bytes of zeros or prose, compressed as a stream (never held uncompressed)."""
    block = (b"The council met on Monday. " * 40 + b"\n") if kind == "text" else b"\x00" * 1_000_000
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    parts = [compressor.compress(block) for _ in range(max(1, size // len(block)))]
    return b"".join(parts) + compressor.flush()


class BombHandler(BaseHTTPRequestHandler):
    """/<encoding>/<size>/<kind>: a compressed body of `size` bytes once inflated (built once, then cached)."""

    protocol_version = "HTTP/1.0"
    cache: dict[str, tuple[str, bytes]] = {}
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_GET(self):
        with self.lock:
            if self.path not in self.cache:
                self.cache[self.path] = self.build()
        encoding, payload = self.cache[self.path]
        kind = self.path.split("/")[3]
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Encoding", encoding)
            if kind != "nolength":
                self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client stopped reading at its size limit: what it should do
            pass

    def build(self) -> tuple[str, bytes]:
        _, encoding, size, kind = self.path.split("/")[:4]
        if encoding == "gzip":
            return "gzip", compressed_zeros_or_text(kind, int(size), 31)
        if encoding == "deflate":
            return "deflate", compressed_zeros_or_text(kind, int(size), 15)
        if encoding == "gzip-gzip":
            return "gzip, gzip", gzip.compress(compressed_zeros_or_text(kind, int(size), 31), 9)
        return "gzip", b"\x1f\x8b\x08\x00garbage" + b"The council met on Monday. " * 4


# --- the worker process -------------------------------------------------------------------------------------

def stub_analysis(article):
    from newsprism.model import Analysis, Sentence

    return Analysis(article_id=article.id, sentences=[Sentence(0, article.text, 0, len(article.text))])


def check_input(fmt: str, data: bytes, folder: str, store, settings) -> dict:
    """Run one input through the front door and the store; the outcome as plain data."""
    import io

    from newsprism.errors import InputError
    from newsprism.ingest import read_inputs

    outcome: Counter = Counter()
    problems: list[str] = []
    if fmt == "text" and data[:1] == b"-":
        items = list(read_inputs(["-"], settings, stdin=io.BytesIO(data)))
    else:
        name = "input" + (EXTENSION[fmt] if data[-1:] != b"?" else ".unknown")
        path = os.path.join(folder, name)
        with open(path, "wb") as handle:
            handle.write(data)
        items = list(read_inputs([path], settings))
    for item in items:
        if isinstance(item, InputError):
            outcome["errors"] += 1
            if not item.reason.strip() or "\n" in item.reason or "\r" in item.reason or "Traceback" in item.reason:
                problems.append(f"bad error line: {item.reason[:200]!r}")
            continue
        status = store.add_article(item, stub_analysis(item))
        outcome["articles"] += 1
        text_fields = [item.text, item.title or "", item.outlet or "", json.dumps(item.meta, ensure_ascii=False)]
        if any(CANARY in value for value in text_fields):
            problems.append("leak: an external entity was read")
        if status == "added":
            back = store.get_article(item.id)
            for name in ("text", "title", "outlet", "url", "published", "source", "language", "words"):
                if getattr(back, name) != getattr(item, name):
                    problems.append(f"stored {name} differs from what was read")
            if not item.text.strip() or item.words <= 0:
                problems.append("an article with no text")
    return {"articles": outcome["articles"], "errors": outcome["errors"], "problems": problems}


def check_url(url: str, must_be_refused: bool) -> dict:
    from newsprism.errors import InputError
    from newsprism.ingest.fetch import _prepare_hop
    from newsprism.settings import Settings

    try:
        hop = _prepare_hop(url, url, Settings())
    except InputError as exc:  # the front door folds line breaks a URL put in its reason (read_inputs)
        if not exc.reason.strip():
            return {"articles": 0, "errors": 1, "problems": ["an empty reason"]}
        return {"articles": 0, "errors": 1, "problems": []}
    pinned = ipaddress.ip_address(hop.url.host)
    problems = []
    if must_refuse(pinned):
        problems.append(f"let through: {url!r} → {pinned}")
    elif must_be_refused:
        problems.append(f"let through: {url!r} (names a refusable host) → {pinned}")
    return {"articles": 1, "errors": 0, "problems": problems}


def check_compressed(url: str) -> dict:
    import resource

    from newsprism.errors import InputError
    from newsprism.ingest.fetch import fetch
    from newsprism.settings import Settings

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    settings = Settings(allow_private=True, fetch_timeout=5.0, max_input_bytes=2 * 1024 * 1024)
    problems = []
    try:
        fetched = fetch(url, settings)
        articles, errors = 1, 0
        if len(fetched.data) > settings.max_input_bytes:
            problems.append(f"size limit exceeded: {len(fetched.data)} bytes")
    except InputError as exc:
        articles, errors = 0, 1
        if "\n" in exc.reason:
            problems.append(f"bad error line: {exc.reason[:200]!r}")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    if grown_mb > 300:
        problems.append(f"memory grew by {grown_mb:.0f} MB on one response")
    return {"articles": articles, "errors": errors, "problems": problems}


def worker(connection, db: str, folder: str) -> None:
    """Take (kind, payload) messages, answer with an outcome dict; stop on None."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    install_stub_resolver()
    from newsprism.settings import Settings
    from newsprism.store import SQLiteStore

    settings = Settings(max_input_bytes=4 * 1024 * 1024)
    store = SQLiteStore(db)
    while True:
        message = connection.recv()
        if message is None:
            break
        kind, payload, extra = message
        try:
            if kind == "url":
                result = check_url(payload, extra)
            elif kind == "compressed":
                result = check_compressed(payload)
            else:
                result = check_input(kind, payload, folder, store, settings)
        except BaseException as exc:  # the finding: an exception escaped the front door or the store
            frames = traceback.extract_tb(exc.__traceback__)
            where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
            result = {"articles": 0, "errors": 0, "problems": [],
                      "exception": f"{type(exc).__name__} at {where}: {str(exc)[:160]}"}
        connection.send(result)
    store.close()


class Runner:
    """A worker process with a per-input watchdog: a hang kills and restarts it, a death is a crash."""

    def __init__(self, db: str, folder: str, timeout: float):
        self.db, self.folder, self.timeout = db, folder, timeout
        self.context = multiprocessing.get_context("spawn")
        self.start()

    def start(self) -> None:
        self.connection, child = self.context.Pipe()
        self.process = self.context.Process(target=worker, args=(child, self.db, self.folder), daemon=True)
        self.process.start()
        child.close()

    def run(self, kind: str, payload, extra=None) -> dict:
        self.connection.send((kind, payload, extra))
        if not self.connection.poll(self.timeout + (30 if not getattr(self, "warm", False) else 0)):
            self.process.kill()
            self.process.join()
            self.start()
            return {"hang": True}
        self.warm = True
        try:
            return self.connection.recv()
        except EOFError:
            self.process.join()
            code = self.process.exitcode
            self.start()
            return {"crash": f"worker died (exit code {code})"}

    def stop(self) -> None:
        self.connection.send(None)
        self.process.join(timeout=30)


# --- the run ------------------------------------------------------------------------------------------------

def full_pipeline_sample(samples: list[tuple[str, bytes]], folder: str, timeout: float) -> list[str]:
    """`newsprism ingest` (analysis and stories) on a sample of the fuzzed inputs; what went wrong."""
    inputs = os.path.join(folder, "sample")
    os.makedirs(inputs, exist_ok=True)
    for i, (fmt, data) in enumerate(samples):
        Path(inputs, f"{i:04d}{EXTENSION[fmt]}").write_bytes(data)
    db = os.path.join(folder, "full.db")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NEWSPRISM_MAX_INPUT_BYTES": str(4 * 1024 * 1024)}
    try:
        done = subprocess.run([sys.executable, "-m", "newsprism.cli", "ingest", inputs, "--db", db],
                              capture_output=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return [f"newsprism ingest did not finish within {timeout:.0f} s"]
    problems = []
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode not in (0, 1):
        problems.append(f"exit code {done.returncode}: {stderr[-500:]}")
    if "Traceback" in stderr:
        problems.append("a traceback on stderr: " + stderr[stderr.index("Traceback"):][:800])
    for line in stderr.splitlines():
        if line and not line.startswith(("newsprism: rejected ", "ingest: ")):
            problems.append(f"unexpected stderr line: {line[:200]!r}")
            break
    sys.path.insert(0, str(ROOT / "src"))
    from newsprism.store import SQLiteStore

    with SQLiteStore(db) as store:
        problems += store.integrity_problems()
        ungrouped = [a.id for a in store.articles() if store.story_of(a.id) is None]
        if ungrouped:
            problems.append(f"{len(ungrouped)} article(s) in no story")
        stored = store.count_articles()
    print(f"full pipeline on {len(samples)} fuzzed inputs: {stored} articles stored, exit code {done.returncode}",
          flush=True)
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=10_000, help="inputs per format (default 10,000)")
    parser.add_argument("--compressed", type=int, default=300, help="compressed HTTP responses (default 300)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds one input may take (default 10)")
    parser.add_argument("--sample", type=int, default=20, help="inputs per format for the full pipeline (default 20)")
    parser.add_argument("--formats", default=",".join(FORMATS + ("url", "compressed")))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    rng = random.Random(args.seed)
    wanted = args.formats.split(",")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="newsprism-fuzz-") as folder:
        canary = os.path.join(folder, "canary.txt")
        Path(canary).write_text(CANARY + "\n", encoding="utf-8")
        generator = Generator(rng, seeds(), canary)
        db = os.path.join(folder, "fuzz.db")
        work = os.path.join(folder, "work")
        os.makedirs(work)
        runner = Runner(db, work, args.timeout)
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), BombHandler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        rows, findings, samples = {}, [], []
        slowest: dict[str, float] = {}
        for fmt in wanted:
            count = args.compressed if fmt == "compressed" else args.per_format
            row = Counter()
            fmt_started = time.monotonic()
            for i in range(count):
                if fmt == "url":
                    url, refusable = url_input(rng)
                    job = ("url", url, refusable)
                elif fmt == "compressed":
                    encoding = rng.choice(["gzip", "deflate", "gzip-gzip", "broken"])
                    size = rng.choice([10_000, 1_000_000, 50_000_000, 500_000_000])
                    kind = rng.choice(["text", "zeros", "nolength"])
                    job = ("compressed", f"http://127.0.0.1:{httpd.server_port}/{encoding}/{size}/{kind}", None)
                else:
                    data = generator.input(fmt)
                    if not data:
                        data = b" "
                    job = (fmt, data, None)
                began = time.monotonic()
                result = runner.run(*job)
                slowest[fmt] = max(slowest.get(fmt, 0.0), time.monotonic() - began)
                row["tried"] += 1
                if result.get("hang"):
                    row["hangs"] += 1
                    findings.append(f"{fmt} hang: {repr(job[1][:120])}")
                    continue
                if result.get("crash") or result.get("exception"):
                    row["crashes"] += 1
                    findings.append(f"{fmt} crash: {result.get('crash') or result['exception']} on {repr(job[1][:120])}")
                    continue
                row["stored" if result["articles"] else "rejected"] += 1
                row["articles"] += result["articles"]
                if result["problems"]:
                    row["failures"] += 1
                    findings.extend(f"{fmt}: {p} on {repr(job[1][:120])}" for p in result["problems"][:3])
                if fmt in FORMATS and sum(1 for f, _ in samples if f == fmt) < args.sample and rng.random() < 0.05:
                    samples.append((fmt, job[1]))
            rows[fmt] = (row, time.monotonic() - fmt_started)
            print(f"… {fmt}: {row['tried']} inputs in {rows[fmt][1]:.0f} s", flush=True)
        runner.stop()
        httpd.shutdown()
        from newsprism.store import SQLiteStore

        with SQLiteStore(db) as store:
            integrity = store.integrity_problems()
            stored_total = store.count_articles()
        pipeline_problems = full_pipeline_sample(samples, folder, timeout=1800) if samples else []

    print()
    print(f"{'format':<11}{'tried':>8}{'stored':>8}{'rejected':>9}{'articles':>9}{'crashes':>8}{'hangs':>6}"
          f"{'failures':>9}{'slowest s':>10}")
    totals = Counter()
    for fmt, (row, _) in rows.items():
        totals.update(row)
        print(f"{fmt:<11}{row['tried']:>8}{row['stored']:>8}{row['rejected']:>9}{row['articles']:>9}"
              f"{row['crashes']:>8}{row['hangs']:>6}{row['failures']:>9}{slowest[fmt]:>10.2f}")
    print(f"{'total':<11}{totals['tried']:>8}{totals['stored']:>8}{totals['rejected']:>9}{totals['articles']:>9}"
          f"{totals['crashes']:>8}{totals['hangs']:>6}{totals['failures']:>9}")
    print(f"store: {stored_total} distinct articles, integrity failures: {len(integrity)}"
          + (f" ({'; '.join(integrity[:3])})" if integrity else ""))
    print(f"full pipeline sample: {len(pipeline_problems)} problem(s)")
    print(f"seed {args.seed}, per-input limit {args.timeout:g} s, {time.monotonic() - started:.0f} s in all")
    for finding in (findings + pipeline_problems)[:40]:
        print("  " + finding)
    bad = totals["crashes"] + totals["hangs"] + totals["failures"] + len(integrity) + len(pipeline_problems)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
