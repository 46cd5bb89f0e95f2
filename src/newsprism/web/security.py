"""Response headers every page gets, and the bearer-token check that guards writes.

The pages load only our own stylesheet and script from `/static/` (`'self'`), carry no inline script or
style, and may not be framed. The downloadable HTML report keeps its own hash-based policy.
"""

from __future__ import annotations

import hmac
import os

from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_ENV = "NEWSPRISM_TOKEN"

PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware): adds the headers to every HTTP response and a
    Content-Security-Policy to any response that has not set its own."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in BASE_HEADERS if k not in present]
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", PAGE_POLICY.encode("ascii")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AuthError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def check_write_token(authorization: str | None) -> None:
    """Writes need `Authorization: Bearer $NEWSPRISM_TOKEN`; without the variable set they are switched off."""
    expected = os.environ.get(TOKEN_ENV, "")
    if not expected:
        raise AuthError(403, f"writing over the API is off: start the server with {TOKEN_ENV} set to enable it")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise AuthError(401, "send the token as `Authorization: Bearer <token>`")
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise AuthError(401, "the token is not valid")
