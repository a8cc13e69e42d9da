"""Web pages fetched for analysis: one GET, following a few redirects, on public addresses only.

Each host is resolved first and its addresses vetted: the connection is made to a vetted
address, never to the name again (a name that resolves to a public address once and to
127.0.0.1 the next time gets no second look). Every hop is vetted the same way. The whole
fetch, from the first address asked to the last byte, has one wall-clock deadline and one size
limit: a server that trickles a few bytes at a time, or accepts and never answers, is dropped
when the deadline passes.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, urljoin, urlsplit

from quotesearch.errors import ArticleError

# Redirects followed before giving up (browsers follow about twenty; articles need one or two).
MAX_REDIRECTS = 5
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
USER_AGENT = "quotesearch (article analysis)"
READ_SIZE = 65_536
# Characters left as they are when a path is written on the request line (others are escaped).
URL_SAFE = "/%:@!$&'()*+,;=?~-._"


@dataclass(frozen=True)
class Page:
    """A fetched page: the address it was found at after redirects, and its bytes."""

    url: str
    data: bytes


def fetch_page(url: str, *, timeout: float, max_bytes: int, allow_private: bool = False) -> Page:
    """GET the page at an http(s) `url` within `timeout` seconds in all and `max_bytes` bytes.

    Addresses of this machine and of local networks are refused before any connection is made,
    unless `allow_private` (a server fetching on its own network, or tests). Raises
    ArticleError naming the URL and what went wrong.
    """
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        parts = _web_address(current, url)
        addresses = _vetted_addresses(parts, url, deadline, timeout, allow_private)
        status, location, data = _get(parts, addresses, url, deadline, timeout, max_bytes)
        if status in REDIRECT_STATUSES and location:
            current = urljoin(current, location)
            continue
        if status != 200:
            raise ArticleError(url, f"the server answered {status}")
        if not data.strip():
            raise ArticleError(url, "the server sent an empty page")
        return Page(url=current, data=data)
    raise ArticleError(url, f"more than {MAX_REDIRECTS} redirects; give the page's own address")


def _web_address(address: str, url: str) -> SplitResult:
    try:
        parts = urlsplit(address)
        scheme, host, _ = parts.scheme.lower(), parts.hostname, parts.port
    except ValueError:  # a malformed address, as "http://[::1" or a port of "x"
        scheme = host = None
    if scheme not in ("http", "https") or not host:
        if address == url:
            raise ArticleError(url, "not a web address; give an http:// or https:// URL")
        raise ArticleError(url, f"redirects to {address[:200]!r}, which is not a web address")
    return parts


def is_public(address: str) -> bool:
    """Whether an IP address is one of the public Internet: not this machine, a local or
    private network, link-local, multicast or reserved (an IPv4 address written as IPv6
    is judged as IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            ip = embedded
    return ip.is_global and not ip.is_multicast


def _vetted_addresses(
    parts: SplitResult, url: str, deadline: float, timeout: float, allow_private: bool
) -> list[tuple]:
    """The socket addresses of the URL's host that may be connected to."""
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    found: list = []
    failure: list[BaseException] = []

    def resolve() -> None:
        try:
            found.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as error:
            failure.append(error)

    # getaddrinfo has no timeout of its own: wait for it no longer than the deadline.
    resolver = threading.Thread(target=resolve, daemon=True)
    resolver.start()
    resolver.join(max(0.0, deadline - time.monotonic()))
    if resolver.is_alive():
        raise _late(url, timeout)
    if failure or not found:
        raise ArticleError(url, f"the host {host} could not be found")
    addresses = [(family, sockaddr) for family, _, _, _, sockaddr in found]
    if allow_private:
        return addresses
    public = [(family, sockaddr) for family, sockaddr in addresses if is_public(sockaddr[0])]
    if not public:
        raise ArticleError(
            url,
            f"{host} is on this machine or a local network ({addresses[0][1][0]}); this server "
            "fetches public web pages only",
        )
    return public


def _get(
    parts: SplitResult,
    addresses: list[tuple],
    url: str,
    deadline: float,
    timeout: float,
    max_bytes: int,
) -> tuple[int, str | None, bytes]:
    """One GET of `parts` on the first of `addresses` that answers: status, Location, body."""
    sock = _connect(addresses, url, deadline, timeout)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    # Whatever a read is waiting for when the deadline passes, shutting the socket ends it.
    held = [sock]
    alarm = threading.Timer(max(0.0, deadline - time.monotonic()), _shut, args=(held,))
    alarm.daemon = True
    alarm.start()
    try:
        if parts.scheme.lower() == "https":
            context = ssl.create_default_context()
            sock = held[0] = context.wrap_socket(sock, server_hostname=host)
        connection = http.client.HTTPConnection(host, port)
        connection.sock = sock
        path = quote(parts.path or "/", safe=URL_SAFE)
        path += f"?{quote(parts.query, safe=URL_SAFE)}" if parts.query else ""
        named = f"[{host}]" if ":" in host else host
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        for header, value in (
            ("Host", f"{named}:{parts.port}" if parts.port else named),
            ("User-Agent", USER_AGENT),
            ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"),
            ("Accept-Encoding", "gzip, identity"),
            ("Connection", "close"),
        ):
            connection.putheader(header, value)
        connection.endheaders()
        response = connection.getresponse()
        if response.status in REDIRECT_STATUSES:
            return response.status, response.getheader("Location"), b""
        declared = response.getheader("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise _too_large(url, max_bytes)
        body = bytearray()
        while chunk := response.read1(READ_SIZE):
            body += chunk
            if len(body) > max_bytes:
                raise _too_large(url, max_bytes)
            if time.monotonic() > deadline:
                raise _late(url, timeout)
        if time.monotonic() >= deadline:  # the end was the socket shut at the deadline
            raise _late(url, timeout)
        data = bytes(body)
        if response.getheader("Content-Encoding", "").strip().lower() == "gzip":
            data = _gunzipped(data, url, max_bytes)
        return response.status, None, data
    except ArticleError:
        raise
    except ssl.SSLError as error:
        if time.monotonic() >= deadline:
            raise _late(url, timeout) from error
        raise ArticleError(url, f"the secure connection failed ({error.reason})") from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        if time.monotonic() >= deadline:
            raise _late(url, timeout) from error
        raise ArticleError(
            url, f"the page could not be downloaded ({type(error).__name__}: {error})"
        ) from error
    finally:
        alarm.cancel()
        sock.close()


def _connect(addresses: list[tuple], url: str, deadline: float, timeout: float) -> socket.socket:
    """A socket connected to the first of the vetted addresses that accepts."""
    error: OSError | None = None
    for family, sockaddr in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _late(url, timeout)
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(remaining)
        try:
            sock.connect(sockaddr)
        except OSError as failed:
            sock.close()
            error = failed
            continue
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        return sock
    if time.monotonic() >= deadline or isinstance(error, TimeoutError):
        raise _late(url, timeout)
    reason = error.strerror if error is not None and error.strerror else str(error)
    raise ArticleError(url, f"the page could not be downloaded ({reason})")


def _shut(held: list[socket.socket]) -> None:
    with contextlib.suppress(OSError):  # already closed
        held[0].shutdown(socket.SHUT_RDWR)


def _gunzipped(data: bytes, url: str, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        text = inflater.decompress(data, max_bytes + 1)
    except zlib.error as error:
        raise ArticleError(url, f"the server sent a damaged compressed page ({error})") from error
    if len(text) > max_bytes:
        raise _too_large(url, max_bytes)
    return text


def _late(url: str, timeout: float) -> ArticleError:
    return ArticleError(
        url, f"the page did not arrive within {timeout:g} s; the server is too slow or silent"
    )


def _too_large(url: str, max_bytes: int) -> ArticleError:
    return ArticleError(
        url, f"the page is larger than {max_bytes / 1_000_000:.1f} MB, the limit of this server"
    )
