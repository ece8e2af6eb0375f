"""The benchmarks' JSON client of the gateway: one keep-alive connection per base URL; a failed call
ends the script with the method, path, status and the start of the body."""
import http.client
import json
import sys

_connections = {}


def call_api(base, method, path, body, token=None):
    """Sends `body` as JSON (with a bearer `token` if given) and returns the decoded reply."""
    if base not in _connections:
        host, port = base.removeprefix("http://").split(":")
        _connections[base] = http.client.HTTPConnection(host, int(port))
    connection = _connections[base]
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = "Bearer " + token
    connection.request(method, path, json.dumps(body), headers)
    response = connection.getresponse()
    text = response.read()
    if response.status >= 300:
        sys.exit(f"{method} {path}: {response.status} {text[:300]!r}")
    return json.loads(text)
