"""No large body is read before the session and the role are known (issue
9): an import's file (up to 100 MiB) is refused from the request's headers
alone — without a session 401, a role that may not import 403, a cookie
session without its CSRF token 403 — while the client is still sending it,
so anonymous uploads held open cannot fill the server's memory.  An account
that may import still sends its whole file."""
import socket
import time
from urllib.parse import urlparse

import pytest

from support import Client

DECLARED = 50 << 20          # what the request says it will send
SENT = 256 << 10             # what it sends before waiting for an answer


def start_upload(server, headers):
    """Opens a connection, sends the request line, the headers and the
    first SENT bytes of a DECLARED-byte body, and returns the socket."""
    u = urlparse(server.base)
    s = socket.create_connection((u.hostname, u.port), timeout=10)
    head = ["POST /api/v1/import?type=people&dry_run=1 HTTP/1.1", "Host: %s" % u.netloc,
            "Content-Type: text/csv", "Content-Length: %d" % DECLARED] + headers
    s.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
    try:
        s.sendall(b"x" * SENT)
    except OSError:
        pass                    # refused and closed already
    return s


def answer_while_sending(s, wait=5.0):
    """The status line the server sends before the body is complete, or
    None when it waits for the rest of the body."""
    s.settimeout(wait)
    try:
        data = s.recv(4096)
    except socket.timeout:
        return None
    finally:
        s.close()
    return data.split(b"\r\n", 1)[0].decode() if data else ""


def bearer(client):
    return "Authorization: " + client.s.headers["Authorization"]


@pytest.mark.parametrize("who,status", [
    ("anonymous", "401"), ("bad token", "401"), ("member", "403"), ("viewer", "403"),
    ("cookie without CSRF", "403")])
def test_a_large_body_is_refused_from_the_headers(server, clients, who, status):
    if who == "anonymous":
        headers = []
    elif who == "bad token":
        headers = ["Authorization: Bearer " + "0" * 64]
    elif who == "member":
        headers = [bearer(clients["dangvien.queo"])]
    elif who == "viewer":
        headers = [bearer(clients["lanhdao.hungyen"])]
    else:
        c = Client(server, "admin", cookie=True)
        headers = ["Cookie: lt_session=" + c.s.cookies["lt_session"]]
    t = time.time()
    line = answer_while_sending(start_upload(server, headers))
    assert line is not None, "the server waited for the whole body"
    assert line.split(" ")[1] == status, line
    assert time.time() - t < 5


def test_an_account_that_may_import_sends_its_whole_file(server, clients):
    s = start_upload(server, [bearer(clients["admin"])])
    assert answer_while_sending(s, wait=1.0) is None   # reading the body
