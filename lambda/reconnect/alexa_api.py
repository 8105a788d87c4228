"""An ApiClient for the SDK's service clients: standard library HTTP with a short timeout."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_model.services import ApiClient, ApiClientRequest, ApiClientResponse

from reconnect import metrics

_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class TimeoutApiClient(ApiClient):
    """Calls the Alexa service APIs; never waits longer than `timeout` seconds."""

    def __init__(self, timeout: float, allow_loopback_http: bool = False) -> None:
        self.timeout = timeout
        self.allow_loopback_http = allow_loopback_http

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        """Send one request; HTTP errors come back as responses, failures as ApiClientException."""
        url = request.url or ""
        parts = urlsplit(url)
        plain_ok = self.allow_loopback_http and parts.hostname in _LOOPBACK
        if parts.scheme != "https" and not (parts.scheme == "http" and plain_ok):
            metrics.api_answered(None)
            raise ApiClientException("Requests against non-HTTPS endpoints are not allowed.")
        headers = dict(request.headers or [])
        data: bytes | None = None
        if request.body is not None:
            body = request.body
            data = (json.dumps(body) if not isinstance(body, str) else body).encode()
        http_request = urllib.request.Request(  # noqa: S310 - scheme checked above
            url, data=data, headers=headers, method=request.method or "GET"
        )
        try:
            with urllib.request.urlopen(http_request, timeout=self.timeout) as answer:  # noqa: S310
                response = _response(answer.status, answer.headers.items(), answer.read())
        except urllib.error.HTTPError as error:
            response = _response(error.code, error.headers.items(), error.read())
        except (OSError, ValueError) as error:
            metrics.api_answered(None)
            raise ApiClientException(f"Alexa API unreachable: {type(error).__name__}") from error
        metrics.api_answered(response.status_code)
        return response


def _response(status: int, headers: list[tuple[str, str]], body: bytes) -> ApiClientResponse:
    return ApiClientResponse(
        headers=list(headers), status_code=status, body=body.decode("utf-8", "replace")
    )
