"""Malformed request targets, route by route.  The routes are read from the
route table itself (src/api/api_router.c), so a route added later is
covered without touching this file:

  - every route x every id segment malformed (at and past the 64-bit limit,
    signs, leading zeros, "+", "%00", empty, not a number)
                                            -> 404 or 400, a JSON error body;
                                               never 5xx, the server stays up
  - every route x "%00" in its path or in a parameter
                                            -> 400 bad_request
  - every route x a target longer than LIMIT_URL_BYTES (src/limits.h)
                                            -> 414 uri_too_long
  - every route that takes no body (no R_BODY in the table) x a body
                                            -> 400 unexpected_body, nothing done
"""
import os
import re

import pytest

from support import ROOT, error_of

ROUTER = os.path.join(ROOT, "src", "api", "api_router.c")
LIMITS = os.path.join(ROOT, "src", "limits.h")


def route_table():
    """[(name, method, pattern, flags)] of the routes[] table."""
    with open(ROUTER, encoding="utf-8") as f:
        src = f.read()
    table = src[src.index("routes[ROUTE__MAX] = {"):]
    table = table[:table.index("\n};")]
    rows = re.findall(r'\[(ROUTE_\w+)\]\s*=\s*\{\s*HTTP_(\w+),\s*"([^"]+)",\s*\w+,\s*([^}]*)\}',
                      table)
    assert len(rows) == src.count("\n\t[ROUTE_"), "a route of the table was not read"
    return [(name, method, pattern, {f.strip() for f in flags.split("|")})
            for name, method, pattern, flags in rows]


ROUTES = route_table()
URL_LIMIT = int(re.search(r"#define LIMIT_URL_BYTES\s+(\d+)", open(LIMITS).read()).group(1))

# What the other variable segments are filled with: a type with children
# and steps, a child type of it, a word.
FILL = {":type": "pledges", ":sub": "history", ":cid": "1"}
SUBS = {"ROUTE_RECORD_SUB_POST": "submit", "ROUTE_RECORD_CHILD_DELETE": "checkins",
        "ROUTE_RECORD_CHILD_PATCH": "checkins", "ROUTE_INDICATOR": "members",
        "ROUTE_INDICATOR_RECORDS": "members", "ROUTE_QUALITY_ONE": "members",
        "ROUTE_YEAR_STEP": "submit"}
# Malformed ids: the first three at and past INT64_MAX (9223372036854775807).
BAD_IDS = ["9223372036854775807", "9223372036854775808", "9999999999999999999",
           "18446744073709551616", "99999999999999999999999999999", "-1", "-0",
           "+1", "%2B1", "01", "007", "0", "00", "1%00junk", "%00", "%001", "",
           "1e3", "0x1", "%201", "1.0"]
# The largest id the router takes (18 digits): a well-formed id of no record.
AT_LIMIT = "999999999999999999"


def path_of(name, pattern, ids):
    """The route's pattern with its :id/:cid replaced by ids (in order) and
    its other variable segments filled."""
    it = iter(ids)
    out = []
    for seg in pattern.split("/"):
        if seg in (":id", ":cid"):
            out.append(next(it))
        elif seg == ":sub":
            out.append(SUBS.get(name, FILL[":sub"]))
        elif seg.startswith(":"):
            out.append(FILL[seg])
        else:
            out.append(seg)
    return "/".join(out)


def nids(pattern):
    return sum(seg in (":id", ":cid") for seg in pattern.split("/"))


def id_cases():
    out = []
    for name, method, pattern, _ in ROUTES:
        n = nids(pattern)
        for k in range(n):
            for bad in BAD_IDS + [AT_LIMIT]:
                ids = ["1"] * n
                ids[k] = bad
                out.append((name, method, path_of(name, pattern, ids)))
    return out


def send(client, method, path, **kw):
    kw.setdefault("allow_redirects", False)
    return client.request(method, path, **kw)


def json_error(r):
    assert r.headers.get("Content-Type", "").startswith("application/json"), r.headers
    err = r.json()["error"]
    assert err["code"] and err["message"], err
    return err


def test_the_table_was_read():
    names = {n for n, _, _, _ in ROUTES}
    assert {"ROUTE_ORG", "ROUTE_RECORD_CHILD_PATCH", "ROUTE_ACCOUNT_PATCH"} <= names
    assert sum(nids(p) > 0 for _, _, p, _ in ROUTES) >= 15


def test_malformed_ids_on_every_route(clients, anon, server):
    """Admin and anonymous alike: the router never takes a malformed id, an
    18-digit one is only not found; nothing is ever 5xx."""
    problems = []
    for client in (clients["admin"], anon):
        for name, method, path in id_cases():
            body = {"json": {}} if method in ("POST", "PATCH") else {}
            r = send(client, method, path, **body)
            ok = r.status_code in (404, 400) or (
                path.endswith(AT_LIMIT) or ("/%s/" % AT_LIMIT) in path) and \
                r.status_code in (401, 403, 404, 400)
            try:
                json_error(r)
            except (AssertionError, ValueError, KeyError) as e:
                ok = False
                problems.append("%s %s %s: not a JSON error (%s)" % (name, method, path, e))
            if not ok:
                problems.append("%s %s %s: %d %s" % (name, method, path, r.status_code,
                                                    r.text[:120]))
    assert anon.get("/healthz").status_code == 200, "the server went down"
    assert not problems, "\n".join(problems[:40])


def test_nul_byte_in_path_or_parameter_is_refused(clients):
    admin = clients["admin"]
    problems = []
    for name, method, pattern, _ in ROUTES:
        path = path_of(name, pattern, ["1"] * nids(pattern))
        for target in (path + "%00junk", path + "?q=a%00b", path + "?%00=1"):
            r = send(admin, method, target)
            if r.status_code != 400 or json_error(r)["code"] != "bad_request":
                problems.append("%s %s: %d %s" % (method, target, r.status_code, r.text[:100]))
    # the instance the probe found: person 1 is not reached through 1%00junk
    error_of(admin.get("/api/v1/people/1%00junk"), 400, "bad_request")
    assert not problems, "\n".join(problems[:40])


def test_target_over_the_url_limit_is_414(clients):
    admin = clients["admin"]
    problems = []
    for name, method, pattern, _ in ROUTES:
        path = path_of(name, pattern, ["1"] * nids(pattern))
        over = path + "?q=" + "a" * (URL_LIMIT + 1 - len(path) - 3)
        assert len(over) == URL_LIMIT + 1
        r = send(admin, method, over)
        if r.status_code != 414 or json_error(r)["code"] != "uri_too_long":
            problems.append("%s %s: %d %s" % (method, path, r.status_code, r.text[:100]))
    # at the limit: answered as usual
    path = "/api/v1/people"
    r = admin.get(path + "?q=" + "a" * (URL_LIMIT - len(path) - 3))
    assert r.status_code == 400 and r.json()["error"]["field"] == "q", r.text   # > 100 chars
    assert not problems, "\n".join(problems[:40])


def test_body_sent_to_a_route_that_takes_none_is_refused(clients, refuses):
    admin = clients["admin"]
    cases = []
    for name, method, pattern, flags in ROUTES:
        if "R_BODY" in flags:
            continue
        path = path_of(name, pattern, [AT_LIMIT] * nids(pattern))
        cases.append((name, method, path))
    # steps of a record that take no body (the route takes one for the others)
    cases += [("restore", "POST", "/api/v1/pledges/%s/restore" % AT_LIMIT),
              ("submit", "POST", "/api/v1/pledges/%s/submit" % AT_LIMIT)]
    assert any(n == "ROUTE_LOGOUT" for n, _, _ in cases)
    problems = []
    for name, method, path in cases:
        for body in ('{"x":1}', "x", "[]"):
            try:
                refuses(lambda: send(admin, method, path, data=body,
                                     headers={"Content-Type": "application/json"}),
                        400, "unexpected_body")
            except AssertionError as e:
                problems.append("%s %s %s %r: %s" % (name, method, path, body,
                                                     str(e).splitlines()[0][:160]))
    # the session was not ended by the refused log-out
    assert admin.get("/api/v1/me").status_code == 200
    # an empty object or nothing at all is no body (clients send "{}")
    assert admin.get("/api/v1/me", data="{ }").status_code == 200
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("body", ["", "{}", " { } "])
def test_empty_body_is_no_body(anon, body):
    assert anon.request("GET", "/healthz", data=body).status_code == 200
