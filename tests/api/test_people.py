"""People: accent- and case-insensitive search within the scope, search by
code, Vietnamese name order (given name first), pagination, filters and
sorts, what a member sees, creation with a generated code, corrections and
transfers with their history."""
import time
import unicodedata

import pytest

from support import error_of, make_org, make_person

SANG = "Nguyễn Văn Sáng"
HIEN = "Đỗ Văn Hiện"

# ---- a Python model of the Vietnamese order -------------------------------------

# The Vietnamese alphabet, with the Latin letters it lacks where Latin puts them.
ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
RANK = {ch: i + 1 for i, ch in enumerate(ALPHABET)}
# ngang (none) < huyền < hỏi < ngã < sắc < nặng
TONE = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def word_levels(text):
    """(letters, tones) of text: each letter's rank in the alphabet (a
    space ranks first) and its tone."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFC", text).lower():
        d = unicodedata.normalize("NFD", ch)
        tone, quality = 0, ""
        for mark in d[1:]:
            if mark in TONE:
                tone = TONE[mark]
            else:
                quality += mark
        base = unicodedata.normalize("NFC", d[0] + quality)
        letters.append(0 if base == " " else RANK.get(base, 1000 + ord(base)))
        tones.append(tone)
    return letters, tones


def vi_name_key(full_name):
    """Given name (the last word) first, letters before tones; then the rest."""
    words = full_name.split()
    given, rest = word_levels(words[-1]), word_levels(" ".join(words[:-1]))
    return (given[0], given[1], rest[0], rest[1])


def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def test_the_model_itself():
    # A check of the checker, on textbook cases.
    order = ["Trần An", "Nguyễn Án", "Lê Anh", "Phạm Ánh", "Bùi Thị Ân", "Vũ Dung",
             "Hà Văn Dũng", "Đỗ Đức", "Lê Thị Hoa", "Trần Thị Hoa", "Nguyễn Văn Hòa",
             "Lê Thị Hóa", "Ngô Ưng", "Lý Văn Vinh", "Võ Ý"]
    assert sorted(order, key=vi_name_key) == order
    assert fold("NGUYỄN Văn  Sáng") == "nguyen van sang"


# ---- fixtures --------------------------------------------------------------------

@pytest.fixture(scope="module")
def sang(clients, org_ids):
    r = clients["admin"].get("/api/v1/people", params={
        "q": SANG, "org": org_ids["BN.QV.CHI_LANG.QUE_O"]})
    items = [p for p in r.json()["items"] if p["full_name"] == SANG]
    assert len(items) == 1, r.text
    return items[0]


def ids(items):
    return [p["id"] for p in items]


def list_people(client, **params):
    r = client.get("/api/v1/people", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    # A search also says whether its count stopped at the limit (1.000).
    keys = {"items", "page", "per_page", "total"} | ({"total_capped"} if params.get("q") else set())
    assert set(body) == keys, body.keys()
    return body


# ---- search -----------------------------------------------------------------------

@pytest.mark.parametrize("q", ["nguyen van sang", "Nguyen Van Sang", "NGUYỄN VĂN SÁNG",
                               "nguyễn văn sáng", "Nguyễn Văn Sáng", "  nguyen   van sang ",
                               "van sang", "SANG"])
def test_accent_insensitive_search(clients, sang, q):
    body = list_people(clients["bacninh.tuyengiao"], q=q, per_page=200)
    assert sang["id"] in ids(body["items"]), (q, [p["full_name"] for p in body["items"]])
    for p in body["items"]:
        assert fold(q) in fold(p["full_name"]) or p["code"] == q, p
    # Hưng Yên's scope does not reach Bắc Ninh.
    body = list_people(clients["hungyen.tuyengiao"], q=q, per_page=200)
    assert sang["id"] not in ids(body["items"])
    assert all(fold(q) in fold(p["full_name"]) for p in body["items"])


def test_search_in_predecessor_province(clients, org_ids):
    body = list_people(clients["hungyen.tuyengiao"], q="do van hien")
    hien = [p for p in body["items"] if p["full_name"] == HIEN]
    assert len(hien) == 1, body
    assert hien[0]["org_id"] == org_ids["TB.TT"]
    assert hien[0]["org"]["code"] == "TB.TT"
    assert hien[0]["position"] == "Phó Bí thư thường trực Huyện ủy Thái Thụy"
    # ... and in the same scope for the province's leadership, not for Bắc Ninh.
    assert HIEN in [p["full_name"] for p in
                    list_people(clients["lanhdao.hungyen"], q="Đỗ Văn Hiện")["items"]]
    assert HIEN not in [p["full_name"] for p in
                        list_people(clients["bacninh.tuyengiao"], q="do van hien")["items"]]


def test_hoa_with_either_tone_placement(clients, org_ids):
    c = clients["bacninh.tuyengiao"]
    a = list_people(c, q="hoà", per_page=200)
    b = list_people(c, q="hòa", per_page=200)
    plain = list_people(c, q="hoa", per_page=200)
    assert a["total"] == b["total"] == plain["total"] > 0
    assert ids(a["items"]) == ids(b["items"]) == ids(plain["items"])
    assert any(p["full_name"].split()[-1] == "Hòa" for p in a["items"])
    assert all("hoa" in fold(p["full_name"]) for p in a["items"])


def test_search_by_code(clients, sang):
    body = list_people(clients["bacninh.tuyengiao"], q=sang["code"])
    assert ids(body["items"]) == [sang["id"]] and body["total"] == 1
    assert list_people(clients["hungyen.tuyengiao"], q=sang["code"])["total"] == 0


# ---- Vietnamese order -------------------------------------------------------------

def assert_vi_order(items, desc=False):
    for a, b in zip(items, items[1:]):
        ka, kb = vi_name_key(a["full_name"]), vi_name_key(b["full_name"])
        if desc:
            ka, kb = kb, ka
        assert ka <= kb, "out of Vietnamese order: %r before %r" % (
            a["full_name"], b["full_name"])


def test_names_sorted_in_vietnamese_order(clients):
    c = clients["bacninh.tuyengiao"]
    p1 = list_people(c, sort="name", per_page=200)
    assert len(p1["items"]) == 200
    last = -(-p1["total"] // 200)
    assert last >= 4
    pages = [p1["items"]] + [list_people(c, sort="name", per_page=200, page=n)["items"]
                             for n in (2, last // 2, last)]
    for items in pages:
        assert_vi_order(items)
    # pages 1 and 2 join up, and later pages come later
    assert_vi_order(pages[0] + pages[1])
    assert_vi_order([pages[1][-1], pages[2][0]])
    assert_vi_order([pages[2][-1], pages[3][0]])
    # The first letters of the given names run through the alphabet.
    firsts = [word_levels(p["full_name"].split()[-1])[0][0] for items in pages for p in items]
    assert firsts == sorted(firsts)
    assert firsts[0] < firsts[-1]
    # Default sort is by name too.
    assert ids(list_people(c, per_page=200)["items"]) == ids(p1["items"])


SORT_NAMES = ["Nguyễn Án", "Trần An", "Lê Anh", "Phạm Ánh", "Bùi Thị Ân", "Đỗ Đức",
              "Vũ Dung", "Hà Văn Dũng", "Nguyễn Văn Hòa", "Trần Thị Hoa", "Lê Thị Hoa",
              "Lê Thị Hóa", "Ngô Ưng", "Võ Ý", "Lý Văn Vinh", "Trần Thị Thúy",
              "Nguyễn Thị Thủy", "Lê Văn Đạt", "Lê Văn Dạt"]


def test_vietnamese_order_exactly(clients, org_ids):
    admin = clients["admin"]
    unit = make_org(admin, org_ids["BN"], name="Cơ quan thử thứ tự", valid_from="2020-01-01")
    for n in SORT_NAMES:
        make_person(admin, unit["id"], n)
    got = list_people(admin, org=unit["id"], sort="name")
    assert [p["full_name"] for p in got["items"]] == sorted(SORT_NAMES, key=vi_name_key)
    got = list_people(admin, org=unit["id"], sort="name", dir="desc")
    assert [p["full_name"] for p in got["items"]] == sorted(SORT_NAMES, key=vi_name_key,
                                                             reverse=True)


# ---- pagination, filters, sorts -----------------------------------------------------

def test_pagination(clients, org_ids):
    c = clients["bacninh.tuyengiao"]
    org = org_ids["BN.CHI_LANG"]
    total = list_people(c, org=org, per_page=1)["total"]
    assert total > 100
    per_page = next(n for n in range(17, 60) if total % n)
    seen, pages = [], -(-total // per_page)
    for page in range(1, pages + 1):
        body = list_people(c, org=org, per_page=per_page, page=page)
        assert (body["page"], body["per_page"], body["total"]) == (page, per_page, total)
        if page < pages:
            assert len(body["items"]) == per_page
        else:
            assert len(body["items"]) == total % per_page
        seen += ids(body["items"])
    assert len(seen) == len(set(seen)) == total
    assert list_people(c, org=org, per_page=per_page, page=pages + 1)["items"] == []
    # One big page holds the same people in the same order.
    assert ids(list_people(c, org=org, per_page=200)["items"]) == seen[:200]


def test_filter_by_org(clients, org_ids):
    c = clients["bacninh.tuyengiao"]
    cell = org_ids["BN.QV.CHI_LANG.QUE_O"]
    body = list_people(c, org=cell, per_page=200)
    assert body["total"] >= 30
    assert {p["org_id"] for p in body["items"]} == {cell}
    assert {p["org"]["code"] for p in body["items"]} == {"BN.QV.CHI_LANG.QUE_O"}
    commune = org_ids["BN.CHI_LANG"]
    kids = {o["id"] for o in c.get("/api/v1/orgs", params={
        "parent": commune, "include_closed": 1}).json()["items"]}
    assert cell in kids
    body = list_people(c, org=commune, per_page=200)
    assert {p["org_id"] for p in body["items"]} <= kids | {commune}
    assert body["total"] > list_people(c, org=cell)["total"]
    # The subtree of a predecessor province (Bắc Giang) is in Bắc Ninh's scope
    # (its cells have moved on to the new communes: none of the demo people
    # is left in it).
    for p in list_people(c, org=org_ids["BG.LG"], per_page=200)["items"]:
        o = c.get("/api/v1/orgs/%d" % p["org_id"]).json()
        assert "BG.LG" in [a["code"] for a in o["ancestors"]] + [o["code"]], p
    error_of(clients["hungyen.tuyengiao"].get("/api/v1/people", params={
        "org": org_ids["BG.LG"]}), 404, "not_found")


def test_filter_by_status(clients, org_ids):
    c = clients["bacninh.tuyengiao"]
    org = org_ids["BN.CHI_LANG"]
    total = list_people(c, org=org)["total"]
    counts = {}
    for status in ("active", "transferred_out", "left", "deceased"):
        body = list_people(c, org=org, status=status, per_page=200)
        assert all(p["status"] == status for p in body["items"]), status
        counts[status] = body["total"]
    assert sum(counts.values()) == total
    assert counts["active"] > 0


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_sort_by_birth_year(clients, org_ids, direction):
    c = clients["bacninh.tuyengiao"]
    items = list_people(c, org=org_ids["BN.CHI_LANG"], sort="birth_year", dir=direction,
                        per_page=200)["items"]
    years = [p["birth_year"] for p in items if p["birth_year"] is not None]
    assert len(years) > 50
    assert years == sorted(years, reverse=(direction == "desc"))
    assert years[0] != years[-1]
    # people without a year are all at one end, not mixed in
    flags = [p["birth_year"] is None for p in items]
    assert flags == sorted(flags) or flags == sorted(flags, reverse=True)


def test_sort_by_code(clients, org_ids):
    items = list_people(clients["bacninh.tuyengiao"], org=org_ids["BN.CHI_LANG"],
                        sort="code", dir="desc", per_page=100)["items"]
    codes = [p["code"] for p in items]
    assert codes == sorted(codes, reverse=True)


# ---- what a member sees ------------------------------------------------------------

def test_member_sees_only_themselves(clients, org_ids, sang):
    m = clients["dangvien.queo"]
    me = m.account["person_id"]
    body = list_people(m)
    assert body["total"] == 1 and ids(body["items"]) == [me]
    assert list_people(m, org=org_ids["BN.QV.CHI_LANG.QUE_O"])["total"] == 1
    assert list_people(m, q=sang["full_name"])["total"] == 0
    r = m.get("/api/v1/people/%d" % me)
    assert r.status_code == 200 and r.json()["id"] == me
    assert r.json()["org_id"] == org_ids["BN.QV.CHI_LANG.QUE_O"]
    # another person of the same cell does not exist for the member
    assert sang["org_id"] == r.json()["org_id"]
    error_of(m.get("/api/v1/people/%d" % sang["id"]), 404, "not_found")
    # the cell's secretary sees both
    s = clients["bithu.queo"]
    assert s.get("/api/v1/people/%d" % sang["id"]).status_code == 200
    assert s.get("/api/v1/people/%d" % me).status_code == 200


# ---- create, correct, transfer -------------------------------------------------------

def test_create_generates_code(clients, org_ids):
    s = clients["bithu.queo"]
    cell = org_ids["BN.QV.CHI_LANG.QUE_O"]
    before = int(time.time())
    r = s.post("/api/v1/people", json={"full_name": "Phùng Thị Mới", "org_id": cell,
                                       "gender": "female", "birth_year": 1990})
    assert r.status_code == 201, r.text
    p = r.json()
    assert p["code"] == "DV%06d" % p["id"]
    assert (p["full_name"], p["gender"], p["birth_year"], p["org_id"]) == \
        ("Phùng Thị Mới", "female", 1990, cell)
    assert p["org"] == {"id": cell, "code": "BN.QV.CHI_LANG.QUE_O",
                        "name": "Chi bộ thôn Quế Ổ", "kind": "cell"}
    assert p["status"] == "active"
    assert (p["party_member"], p["key_cadre"], p["head"]) == (False, False, False)
    assert p["party_joined"] is None and p["note"] is None
    assert before - 5 <= p["created_at"] <= time.time() + 5
    assert p["transfers"] == []
    got = s.get("/api/v1/people/%d" % p["id"]).json()
    assert got == p
    assert p["id"] in ids(list_people(s, q="phung thi moi")["items"])
    # A code given by the client is kept.
    r = s.post("/api/v1/people", json={"full_name": "Phùng Văn Mã", "org_id": cell,
                                       "code": "QO-%d" % p["id"]})
    assert r.status_code == 201 and r.json()["code"] == "QO-%d" % p["id"], r.text


def test_patch_fields(clients, org_ids):
    s = clients["bithu.queo"]
    p = make_person(clients["admin"], org_ids["BN.QV.CHI_LANG.QUE_O"], "Lại Văn Sửa")
    change = {"full_name": "Lại Văn Sửa Đổi", "gender": "male", "birth_year": 1975,
              "party_member": True, "party_joined": "2001-05-19", "key_cadre": True,
              "position": "Phó Bí thư chi bộ", "note": "Sinh hoạt\ntừ 2001",
              "status": "transferred_out", "union_member": True}
    r = s.patch("/api/v1/people/%d" % p["id"], json=change)
    assert r.status_code == 200, r.text
    got = s.get("/api/v1/people/%d" % p["id"]).json()
    for k, v in change.items():
        assert got[k] == v, k
        assert r.json()[k] == v, k
    assert got["code"] == p["code"] and got["org_id"] == p["org_id"]
    assert got["created_at"] == p["created_at"] and got["updated_at"] >= p["created_at"]
    # the new name is what search finds
    assert p["id"] in ids(list_people(s, q="lai van sua doi")["items"])
    # a partial change keeps the rest
    r = s.patch("/api/v1/people/%d" % p["id"], json={"note": None})
    assert r.status_code == 200
    assert r.json()["note"] is None and r.json()["position"] == "Phó Bí thư chi bộ"


def test_transfer_moves_and_records(clients, org_ids):
    staff = clients["bacninh.tuyengiao"]
    cell, other = org_ids["BN.QV.CHI_LANG.QUE_O"], org_ids["BN.QV.CHI_LANG.C01"]
    p = make_person(staff, cell, "Kiều Văn Chuyển")
    r = staff.post("/api/v1/people/%d/transfer" % p["id"],
                   json={"org_id": other, "date": "2025-09-01", "note": "Chuyển về thôn"})
    assert r.status_code == 200, r.text
    moved = r.json()
    assert moved["org_id"] == other and moved["org"]["id"] == other
    assert len(moved["transfers"]) == 1
    t = moved["transfers"][0]
    assert t["date"] == "2025-09-01" and t["note"] == "Chuyển về thôn"
    assert t["from"]["id"] == cell and t["from"]["code"] == "BN.QV.CHI_LANG.QUE_O"
    assert t["to"]["id"] == other and t["to"]["code"] == "BN.QV.CHI_LANG.C01"
    assert staff.get("/api/v1/people/%d" % p["id"]).json() == moved
    assert p["id"] not in ids(list_people(staff, org=cell, per_page=200)["items"])
    assert p["id"] in ids(list_people(staff, org=other, per_page=200)["items"])
    assert moved["code"] == p["code"] and moved["status"] == "active"
    # The Quế Ổ secretary no longer sees the person.
    error_of(clients["bithu.queo"].get("/api/v1/people/%d" % p["id"]), 404, "not_found")
    # A second transfer adds a row; rows come in date order.
    r = staff.post("/api/v1/people/%d/transfer" % p["id"],
                   json={"org_id": cell, "date": "2025-10-01"})
    assert r.status_code == 200, r.text
    rows = r.json()["transfers"]
    assert [(x["date"], x["from"]["id"], x["to"]["id"], x["note"]) for x in rows] == [
        ("2025-09-01", cell, other, "Chuyển về thôn"), ("2025-10-01", other, cell, None)]
    assert clients["bithu.queo"].get("/api/v1/people/%d" % p["id"]).status_code == 200


@pytest.mark.parametrize("second", ["2025-09-01", "2025-10-01"])
def test_transfer_history_stays_a_chain(clients, org_ids, digest, second):
    """Each transfer leaves from where the previous one arrived, in date
    order, and the last one arrives where the person is.  A transfer dated
    before the latest one is refused (nothing changed) or still gives such
    a chain."""
    staff = clients["hungyen.tuyengiao"]
    start, x, y = org_ids["HY.THAI_THUY"], org_ids["HY.TIEN_HAI"], org_ids["HY.PHO_HIEN"]
    p = make_person(staff, start, "Tạ Văn Chuỗi")
    r = staff.post("/api/v1/people/%d/transfer" % p["id"],
                   json={"org_id": x, "date": "2025-10-01"})
    assert r.status_code == 200, r.text
    before = digest()
    r = staff.post("/api/v1/people/%d/transfer" % p["id"], json={"org_id": y, "date": second})
    if r.status_code != 200:
        err = error_of(r, 400, r.json()["error"]["code"])
        assert err["code"] in ("date_order", "rule"), err
        assert digest() == before
    got = staff.get("/api/v1/people/%d" % p["id"]).json()
    rows = got["transfers"]
    assert [t["date"] for t in rows] == sorted(t["date"] for t in rows)
    assert rows[0]["from"]["id"] == start, rows
    for a, b in zip(rows, rows[1:]):
        assert a["to"]["id"] == b["from"]["id"], ("broken chain", rows)
    assert rows[-1]["to"]["id"] == got["org_id"], rows
