"""People search through the index (store_search.c): whole words before
prefixes, prefixes before parts of words, the requested order within a
rank; code prefixes; words in any order; short queries; text that means
something to LIKE or to FTS5; the scope; the count stopped at 1.000; and an
index that follows every write."""
import sqlite3

import pytest

from support import db_write, make_org, make_person
from test_people import assert_vi_order, fold, ids, list_people

SANG = "Nguyễn Văn Sáng"
CAP = 1000  # LIMIT_SEARCH_RANKED


def rank(name, words):
    """0: every query word is a word of the name; 1: every one at least
    begins one; 2: every one is at least inside one; None: no match."""
    parts = fold(name).split()
    worst = 0
    for w in words:
        if w in parts:
            r = 0
        elif any(p.startswith(w) for p in parts):
            r = 1
        elif any(w in p for p in parts):
            r = 2
        else:
            return None
        worst = max(worst, r)
    return worst


def everything(client, **params):
    """Every page of a search (at most CAP people), checked to not overlap."""
    items, page = [], 1
    while True:
        body = list_people(client, page=page, per_page=200, **params)
        items += body["items"]
        if len(body["items"]) < 200:
            break
        page += 1
    assert len(ids(items)) == len(set(ids(items))), "pages overlap"
    assert len(items) == body["total"]
    return items, body


def assert_ranked(items, q):
    words = fold(q).split()
    ranks = [rank(p["full_name"], words) for p in items]
    assert None not in ranks, [p["full_name"] for p, r in zip(items, ranks) if r is None]
    assert ranks == sorted(ranks), ranks
    for r in set(ranks):
        assert_vi_order([p for p, k in zip(items, ranks) if k == r])
    return ranks


@pytest.fixture(scope="module")
def sang(clients, org_ids):
    body = list_people(clients["admin"], q=SANG, org=org_ids["BN.QV.CHI_LANG.QUE_O"])
    found = [p for p in body["items"] if p["full_name"] == SANG]
    assert len(found) == 1, body
    return found[0]


def test_whole_word_before_part_of_word(clients):
    items, body = everything(clients["admin"], q="hường")
    assert not body["total_capped"] and body["total"] > 0
    ranks = assert_ranked(items, "huong")
    # "Hường" (the word huong) comes before "Phương" (huong inside phuong).
    assert ranks[0] == 0 and 2 in ranks
    assert "huong" in fold(items[0]["full_name"]).split()
    first_phuong = next(i for i, p in enumerate(items) if "phuong" in fold(p["full_name"]))
    assert all("huong" in fold(p["full_name"]).split() for p in items[:first_phuong])
    # The same people as a plain "contains" over the folded name would find.
    assert all("huong" in fold(p["full_name"]) for p in items)


def test_prefix_between_whole_and_part(clients):
    items, _ = everything(clients["bacninh.tuyengiao"], q="an")
    ranks = assert_ranked(items, "an")
    assert ranks[0] == 0 and 1 in ranks and 2 in ranks  # An, Anh, then Toàn, Lan …


def test_sort_kept_within_rank(clients):
    items, _ = everything(clients["bacninh.tuyengiao"], q="huong", sort="name", dir="desc")
    ranks = [rank(p["full_name"], ["huong"]) for p in items]
    assert ranks == sorted(ranks)
    for r in set(ranks):
        assert_vi_order([p for p, k in zip(items, ranks) if k == r], desc=True)


def test_code_prefix(clients, sang):
    # Generated codes are DV + the id on six digits (store_person_create):
    # DV0109 is the prefix of DV010900 … DV010999.
    for q in ("DV0109", "dv0109", " DV0109 "):
        items, body = everything(clients["admin"], q=q)
        assert body["total"] == 100, (q, body["total"])
        assert all(p["code"].startswith("DV0109") for p in items)
    # The whole code first.
    body = list_people(clients["admin"], q="DV010950")
    assert [p["code"] for p in body["items"]][:1] == ["DV010950"]
    assert list_people(clients["admin"], q=sang["code"][:-1])["items"][0]["code"] \
        .startswith(sang["code"][:-1])
    # A prefix of a code outside the scope finds nothing.
    assert list_people(clients["hungyen.tuyengiao"], q=sang["code"])["total"] == 0


def test_words_in_any_order(clients, sang):
    for q in ("Sáng Nguyễn", "sang nguyen", "SÁNG VĂN NGUYỄN", "van sang nguyen"):
        items, _ = everything(clients["bacninh.tuyengiao"], q=q)
        assert sang["id"] in ids(items), q
        ranks = assert_ranked(items, q)
        assert ranks[ids(items).index(sang["id"])] == 0
    # Every word must match: a word nobody has empties the answer.
    assert list_people(clients["admin"], q="sang nguyen zzqx")["total"] == 0


def test_accents_and_d_folded(clients):
    a = everything(clients["admin"], q="Đỗ Văn Hiện")[0]
    b = everything(clients["admin"], q="do van hien")[0]
    c = everything(clients["admin"], q="DO VAN HIEN")[0]
    assert ids(a) == ids(b) == ids(c) and len(a) > 0
    assert any(p["full_name"] == "Đỗ Văn Hiện" for p in a)


def test_one_letter(clients):
    items, body = everything(clients["bacninh.tuyengiao"], q="a")
    # One letter matches a word or the start of one, not a part of a word.
    ranks = assert_ranked(items, "a")
    assert set(ranks) <= {0, 1} and len(items) > 0


def test_count_stops_at_the_limit(clients):
    body = list_people(clients["admin"], q="nguyen")
    assert body["total"] == CAP and body["total_capped"] is True
    last = list_people(clients["admin"], q="nguyen", page=CAP // 200, per_page=200)
    assert len(last["items"]) == 200
    past = list_people(clients["admin"], q="nguyen", page=CAP // 200 + 1, per_page=200)
    assert past["items"] == [] and past["total"] == CAP
    ranks = assert_ranked(everything(clients["admin"], q="nguyen")[0], "nguyen")
    assert set(ranks) == {0}
    small = list_people(clients["bithu.queo"], q="nguyen")
    assert small["total_capped"] is False and 0 < small["total"] < CAP


@pytest.mark.parametrize("q", ["%", "_", "\\", "'", '"', "%an%", "a%b", "s_ng", "sang\\",
                               "'sang'", '"sang"', "sang OR nguyen", "NEAR(sang nguyen)",
                               "sang*", "^sang", "name:sang", "at:1", "st:active",
                               "{name}:sang", "sang -nguyen", "(sang", "sang)", "+sang",
                               "ñ", "日本", "a😀b"])
def test_text_that_means_something_to_sql_or_fts(clients, q):
    body = list_people(clients["bacninh.tuyengiao"], q=q)
    words = fold(q).split()
    for p in body["items"]:
        name = fold(p["full_name"])
        assert all(w in name or w.upper() in p["code"] for w in words if w.isalnum()), (q, p)


def test_quotes_and_operators_are_words(clients, sang):
    for q in ('"sang"', "'sang'", "sang*", "^sang", "(sang)", "-sang"):
        found = ids(everything(clients["bacninh.tuyengiao"], q=q)[0])
        assert sang["id"] in found, q
    # FTS5 operators are plain words that nobody bears.
    assert list_people(clients["admin"], q="sang OR nguyen")["total"] == \
        list_people(clients["admin"], q="sang or nguyen")["total"]


def test_outside_the_scope(clients, sang):
    assert list_people(clients["hungyen.tuyengiao"], q=SANG)["total"] == 0
    assert list_people(clients["hungyen.tuyengiao"], q="sang nguyen")["total"] == 0
    assert sang["id"] in ids(list_people(clients["bithu.queo"], q="sang")["items"])
    # A member finds themselves only.
    m = clients["dangvien.queo"]
    me = m.get("/api/v1/people/%d" % m.account["person_id"]).json()
    body = list_people(m, q=me["full_name"].split()[-1])
    assert ids(body["items"]) == [me["id"]]
    assert list_people(m, q="sang")["total"] == 0


def test_filters_with_search(clients, org_ids, sang):
    cell = org_ids["BN.QV.CHI_LANG.QUE_O"]
    a = everything(clients["admin"], q="nguyen", org=cell)[0]
    assert sang["id"] in ids(a)
    assert all(p["org_id"] == cell for p in a)
    assert all(p["status"] == "active" for p in
               everything(clients["admin"], q="nguyen", org=cell, status="active")[0])


def test_index_follows_writes(server, clients, org_ids):
    staff = clients["bacninh.tuyengiao"]
    cell, other = org_ids["BN.QV.CHI_LANG.QUE_O"], org_ids["BN.QV.CHI_LANG.C01"]
    p = make_person(staff, cell, "Khổng Thị Xuyếnlương")
    # A new word is found whole, by its beginning and by a part of it.
    for q, r in (("xuyenluong", 0), ("xuyen", 1), ("enluo", 2), ("Khổng Xuyếnlương", 0)):
        items = everything(staff, q=q)[0]
        assert p["id"] in ids(items), q
        assert rank(items[ids(items).index(p["id"])]["full_name"], fold(q).split()) == r
    # Renamed: found under the new name only.
    r = staff.patch("/api/v1/people/%d" % p["id"], json={"full_name": "Khổng Thị Vĩnhđạt"})
    assert r.status_code == 200, r.text
    assert p["id"] not in ids(list_people(staff, q="xuyenluong")["items"])
    assert p["id"] in ids(list_people(staff, q="vinhdat")["items"])
    # Status: the status filter follows.
    r = staff.patch("/api/v1/people/%d" % p["id"], json={"status": "left"})
    assert r.status_code == 200, r.text
    assert p["id"] in ids(list_people(staff, q="vinhdat", status="left")["items"])
    assert p["id"] not in ids(list_people(staff, q="vinhdat", status="active")["items"])
    # Transferred: found in the new unit, no longer in the old one nor by
    # the old cell's secretary.
    r = staff.post("/api/v1/people/%d/transfer" % p["id"],
                   json={"org_id": other, "date": "2025-09-01"})
    assert r.status_code == 200, r.text
    assert p["id"] in ids(list_people(staff, q="vinhdat", org=other)["items"])
    assert p["id"] not in ids(list_people(staff, q="vinhdat", org=cell)["items"])
    assert p["id"] not in ids(list_people(clients["bithu.queo"], q="vinhdat")["items"])
    # A unit moved: its people are found under the new parent only.
    admin = clients["admin"]
    a, b = (make_org(admin, org_ids["HY"], kind="base_committee", name="Xã thử tìm %s" % n,
                     valid_from="2024-01-01") for n in ("A", "B"))
    unit = make_org(admin, a["id"], kind="cell", name="Chi bộ thử tìm", valid_from="2024-01-01")
    q = make_person(admin, unit["id"], "Khổng Văn Dờiđơnvị")
    assert q["id"] in ids(list_people(admin, q="doidonvi", org=a["id"])["items"])
    r = admin.post("/api/v1/orgs/%d/move" % unit["id"], json={"parent_id": b["id"],
                                                             "date": "2025-03-01"})
    assert r.status_code == 200, r.text
    assert q["id"] in ids(list_people(admin, q="doidonvi", org=b["id"])["items"])
    assert q["id"] not in ids(list_people(admin, q="doidonvi", org=a["id"])["items"])
    assert q["id"] in ids(list_people(clients["hungyen.tuyengiao"], q="doidonvi")["items"])
    # Deleted (there is no API for it: by hand, as a clean-up would).
    db_write(server.db, "DELETE FROM person WHERE id = ?", q["id"])
    assert q["id"] not in ids(list_people(admin, q="doidonvi")["items"])
    # The index holds exactly what its content view says (FTS5 compares).
    con = sqlite3.connect(server.db, timeout=10)
    con.execute("INSERT INTO person_search (person_search, rank) VALUES ('integrity-check', 1)")
    con.close()
