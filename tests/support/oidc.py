"""A tiny OpenID Connect provider for tests, on 127.0.0.1: it signs in one configured
person without asking (no internet, no real account), so Streamlit's real ``st.login``
redirect flow — discovery, authorisation code, token exchange, ID-token signature, nonce —
runs end to end.

Endpoints: ``/.well-known/openid-configuration``, ``/authorize`` (redirects back at once
with a code), ``/token``, ``/jwks``, ``/userinfo``. ID tokens are RS256 JWTs signed with a
key made at start (``joserfc``, which Authlib uses). Plain Python, no pytest::

    with oidc_provider(email="analyst@example.org") as provider:
        provider.issuer  # http://127.0.0.1:PORT
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID, CLIENT_SECRET = "p8-dashboard-test", "test-client-secret"


@dataclass
class Provider:
    """The running provider: whom it signs in, and what it was asked."""

    issuer: str
    email: str
    key: RSAKey
    codes: dict[str, dict] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    def metadata(self) -> dict:
        return {"issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
                "userinfo_endpoint": f"{self.issuer}/userinfo",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                          "client_secret_post"]}

    def id_token(self, nonce: str | None) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "sub": self.email, "aud": CLIENT_ID, "iat": now,
                  "exp": now + 600, "email": self.email, "email_verified": True,
                  "name": self.email.split("@")[0]}
        if nonce:
            claims["nonce"] = nonce
        return jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def _json(self, payload: dict, status: int = 200) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            parts = urlsplit(self.path)
            provider.asked.append(parts.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            if parts.path == "/.well-known/openid-configuration":
                self._json(provider.metadata())
            elif parts.path == "/jwks":
                self._json({"keys": [provider.key.as_dict(private=False)]})
            elif parts.path == "/authorize":
                code = secrets.token_urlsafe(16)
                provider.codes[code] = {"nonce": query.get("nonce"),
                                        "redirect_uri": query["redirect_uri"]}
                target = query["redirect_uri"] + "?" + urlencode(
                    {"code": code, "state": query.get("state", "")})
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
            elif parts.path == "/userinfo":
                self._json({"sub": provider.email, "email": provider.email,
                            "email_verified": True})
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[-1] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            provider.asked.append(self.path)
            grant = provider.codes.pop(form.get("code", ""), None)
            if self.path != "/token" or grant is None:
                self._json({"error": "invalid_grant"}, 400)
                return
            self._json({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                        "expires_in": 600, "scope": "openid email profile",
                        "id_token": provider.id_token(grant["nonce"])})

    return Handler


@contextmanager
def oidc_provider(email: str) -> Iterator[Provider]:
    """Serve a provider that signs in ``email`` on a free port of 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
    provider = Provider(f"http://127.0.0.1:{server.server_address[1]}", email, key)
    server.RequestHandlerClass = _handler(provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()


def secrets_toml(provider: Provider, app_url: str) -> str:
    """The ``[auth]`` section of a ``secrets.toml`` for a dashboard at ``app_url``."""
    return (f'[auth]\nredirect_uri = "{app_url}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\n'
            f'client_id = "{CLIENT_ID}"\nclient_secret = "{CLIENT_SECRET}"\n'
            f'server_metadata_url = "{provider.issuer}/.well-known/openid-configuration"\n')
