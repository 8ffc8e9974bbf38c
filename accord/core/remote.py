"""A person's script talking to an Accord server over HTTP, as `accord sign` does (docs/README.md, "A script
and the API").

Signing in is the browser's own: the sign-in page sets the CSRF cookie, posting the username and password
to it with that token starts a session (the `sessionid` cookie); every later POST under the session sends
the token back as `X-CSRFToken` (and, over HTTPS, a `Referer` on the same origin). POST /api/v1/acts needs
no session: the signature is the credential.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

SIGN_IN = "/login/"
DRAFT = "/api/v1/acts/draft"
ACTS = "/api/v1/acts"


class RemoteError(Exception):
    pass


class Remote:
    def __init__(self, server: str, client: httpx.Client | None = None) -> None:
        self.server = server.rstrip("/")
        self.client = client or httpx.Client(timeout=30)

    def _url(self, path: str) -> str:
        return self.server + path

    def _headers(self) -> dict[str, str]:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken") or "", "Referer": self._url("/")}

    def sign_in(self, username: str, password: str) -> None:
        try:
            self.client.get(self._url(SIGN_IN))
            answer = self.client.post(self._url(SIGN_IN), headers=self._headers(), data={
                "username": username, "password": password,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken") or ""})
        except httpx.HTTPError as error:
            raise RemoteError(f"cannot reach {self.server}: {error}") from None
        # The page answers a refused sign-in with itself again (200); a session redirects onwards.
        if answer.status_code != 302 or not self.client.cookies.get("sessionid"):
            raise RemoteError(f"{self.server} refused the sign-in of {username!r}: wrong username or password")

    def draft(self, statement: Mapping[str, Any]) -> dict[str, Any]:
        """The whole statement to sign, as the server's action builds it for the signed-in person."""
        answer = self._post(DRAFT, {"statement": dict(statement)}, headers=self._headers(), expect=200)
        drafted: dict[str, Any] = answer["statement"]
        return drafted

    def submit(self, statement: Mapping[str, Any], signature: Mapping[str, str]) -> dict[str, Any]:
        return self._post(ACTS, {"statement": dict(statement), "signature": dict(signature)}, expect=201)

    def _post(self, path: str, body: Mapping[str, Any], *, expect: int,
              headers: Mapping[str, str] | None = None) -> dict[str, Any]:
        try:
            answer = self.client.post(self._url(path), json=dict(body), headers=dict(headers or {}))
        except httpx.HTTPError as error:
            raise RemoteError(f"cannot reach {self.server}: {error}") from None
        try:
            data: dict[str, Any] = answer.json()
        except ValueError:
            data = {}
        if answer.status_code != expect:
            detail = data.get("detail", answer.text[:200])
            raise RemoteError(f"POST {path} answered {answer.status_code}: {detail}")
        return data
