"""The organisation tree and its history: scope roots, children on a date,
merged and new units of the 1/7/2025 reorganisation, the Quế Ổ cell that
moved with its commune, accent-insensitive search, and the life of a private
subtree (create, rename from a date, correct, move, close, merge)."""
import pytest

from support import error_of, unique, vn_today

TODAY = vn_today().isoformat()
REORG = "2025-07-01"


def get_org(c, oid):
    r = c.get("/api/v1/orgs/%d" % oid)
    assert r.status_code == 200, r.text
    return r.json()


def children(c, oid, as_of=None, include_closed=False):
    params = {"parent": oid}
    if as_of:
        params["as_of"] = as_of
    if include_closed:
        params["include_closed"] = 1
    r = c.get("/api/v1/orgs", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["parent"]["id"] == oid
    assert body["as_of"] == (as_of or TODAY)
    return body["items"]


def names(items):
    return [o["name"] for o in items]


def codes(items):
    return [o["code"] for o in items]


# ---- scope roots ------------------------------------------------------------

@pytest.mark.parametrize("user,roots", [
    ("hungyen.tuyengiao", ["HY", "TB"]),
    ("lanhdao.hungyen", ["HY", "TB"]),
    ("bacninh.tuyengiao", ["BN", "BG"]),
    ("haiha.tuyengiao", ["QN.HH"]),
    ("bithu.queo", ["BN.QV.CHI_LANG.QUE_O"]),
    ("dangvien.queo", ["BN.QV.CHI_LANG.QUE_O"]),
    ("admin", ["VN"]),
    ("tw.tuyengiao", ["VN"]),
])
def test_scope_roots(clients, user, roots):
    r = clients[user].get("/api/v1/orgs")
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert codes(items) == roots
    assert [o["predecessor_root"] for o in items] == [False] + [True] * (len(roots) - 1)
    assert codes(clients[user].account["scope"]) == roots


def test_hungyen_roots_hy_then_tb(clients, org_ids):
    items = clients["hungyen.tuyengiao"].get("/api/v1/orgs").json()["items"]
    hy, tb = items
    assert (hy["code"], hy["closed"], hy["valid_to"]) == ("HY", False, None)
    assert (tb["code"], tb["closed"], tb["valid_to"]) == ("TB", True, REORG)
    assert tb["successor_id"] == org_ids["HY"]
    assert tb["name"] == "Đảng bộ tỉnh Thái Bình"
    # child_count of the open root is today's; of the closed one, its last day's.
    hy_kids = children(clients["hungyen.tuyengiao"], org_ids["HY"])
    assert hy["child_count"] == len(hy_kids)
    tb_kids = children(clients["hungyen.tuyengiao"], org_ids["TB"], as_of="2025-06-30")
    assert tb["child_count"] == len(tb_kids) > 0


# ---- children on a date -------------------------------------------------------

def test_children_of_thai_binh_in_2022(clients, org_ids):
    c = clients["hungyen.tuyengiao"]
    kids = children(c, org_ids["TB"], as_of="2022-06-01")
    for n in ("Đảng bộ huyện Thái Thụy", "Đảng bộ huyện Tiền Hải", "Đảng bộ huyện Kiến Xương"):
        assert n in names(kids), names(kids)
    assert "Ban Tuyên giáo Tỉnh ủy Thái Bình" in names(kids)
    tt = next(o for o in kids if o["code"] == "TB.TT")
    # Thái Thụy had its 8 sampled communes, a people's committee and a front.
    assert tt["child_count"] == 10
    assert tt["child_count"] == len(children(c, org_ids["TB.TT"], as_of="2022-06-01"))
    # Vietnamese order of names: the three districts in collation order.
    districts = [n for n in names(kids) if n.startswith("Đảng bộ huyện")]
    assert districts == ["Đảng bộ huyện Kiến Xương", "Đảng bộ huyện Thái Thụy",
                         "Đảng bộ huyện Tiền Hải"]


@pytest.mark.parametrize("user,code,as_of", [
    ("hungyen.tuyengiao", "TB", "2022-06-01"),
    ("hungyen.tuyengiao", "HY", None),
    ("bacninh.tuyengiao", "BN.QV", "2022-06-01"),
    ("haiha.tuyengiao", "QN.HH", "2024-01-01"),
    ("admin", "QN.HH", "2024-01-01"),
])
def test_child_count_matches_the_listing(clients, org_ids, user, code, as_of):
    """docs/api.md: child_count is counted on the same date as the list; a
    unit says it has as many children as listing them gives."""
    c = clients[user]
    for o in children(c, org_ids[code], as_of=as_of):
        listed = children(c, o["id"], as_of=as_of)
        assert o["child_count"] == len(listed), (user, o["code"], o["child_count"],
                                                 codes(listed))


def test_children_of_thai_binh_today_none_open(clients, org_ids):
    c = clients["hungyen.tuyengiao"]
    assert children(c, org_ids["TB"]) == []
    assert children(c, org_ids["TB.TT"]) == []
    everything = children(c, org_ids["TB"], include_closed=True)
    assert {"TB.TT", "TB.TH", "TB.KX", "TB.BTG", "TB.UBND"} <= set(codes(everything))
    assert all(o["closed"] for o in everything if o["code"].startswith("TB."))


def test_children_of_hung_yen_today(clients, org_ids):
    c = clients["hungyen.tuyengiao"]
    kids = children(c, org_ids["HY"])
    by_code = {o["code"]: o for o in kids}
    for code, name in (("HY.THAI_THUY", "Đảng bộ xã Thái Thụy"),
                       ("HY.DONG_THUY_ANH", "Đảng bộ xã Đông Thụy Anh"),
                       ("HY.TIEN_HAI", "Đảng bộ xã Tiền Hải"),
                       ("HY.KIEN_XUONG", "Đảng bộ xã Kiến Xương"),
                       ("HY.PHO_HIEN", "Đảng bộ phường Phố Hiến"),
                       ("HY.BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên")):
        assert by_code[code]["name"] == name
        assert by_code[code]["valid_from"] == REORG
        assert by_code[code]["closed"] is False
    # The districts are gone from today's tree ...
    assert not {"HY.TPHY", "HY.KD", "HY.TL", "HY.BTG"} & set(by_code)
    assert all(not o["closed"] for o in kids)
    # ... and were there the day before.
    before = codes(children(c, org_ids["HY"], as_of="2025-06-30"))
    assert {"HY.TPHY", "HY.KD", "HY.TL", "HY.BTG"} <= set(before)
    assert "HY.THAI_THUY" not in before


def test_new_commune_counts_its_cells(clients, org_ids):
    c = clients["hungyen.tuyengiao"]
    tt = get_org(c, org_ids["HY.THAI_THUY"])
    kids = children(c, org_ids["HY.THAI_THUY"])
    # the cells of Diêm Điền (10) and Thụy Hải (9) followed their communes
    assert tt["child_count"] == len(kids) == 19
    assert all(o["kind"] == "cell" for o in kids)
    assert tt["person_count"] > 0
    assert children(c, org_ids["HY.THAI_THUY"], as_of="2025-06-30") == []


# ---- merged and new units ---------------------------------------------------------

def test_merged_commune_shows_successor(clients, org_ids):
    for user, ancestors in (("admin", ["VN", "TB", "TB.TT"]),
                            ("hungyen.tuyengiao", ["TB", "TB.TT"])):
        o = get_org(clients[user], org_ids["TB.TT.DIEM_DIEN"])
        assert o["closed"] is True and o["valid_to"] == REORG
        assert o["successor_id"] == org_ids["HY.THAI_THUY"]
        assert o["successor"] == {"id": org_ids["HY.THAI_THUY"], "code": "HY.THAI_THUY",
                                  "name": "Đảng bộ xã Thái Thụy", "kind": "base_committee"}
        assert codes(o["ancestors"]) == ancestors
        assert o["child_count"] == 0
        assert len(o["history"]) == 1
        h = o["history"][0]
        assert (h["valid_to"], h["name"]) == (REORG, "Đảng bộ thị trấn Diêm Điền")
        assert h["parent"]["code"] == "TB.TT"
        # its cells are in the new commune now
        kids = children(clients[user], org_ids["TB.TT.DIEM_DIEN"], as_of="2024-01-01")
        assert len(kids) == 10
        assert {k["parent_id"] for k in kids} == {org_ids["HY.THAI_THUY"]}


def test_new_commune_lists_predecessors(clients, org_ids):
    o = get_org(clients["hungyen.tuyengiao"], org_ids["HY.THAI_THUY"])
    assert o["valid_from"] == REORG and o["closed"] is False
    assert o["successor"] is None
    preds = {p["code"]: p for p in o["predecessors"]}
    assert set(preds) == {"TB.TT.DIEM_DIEN", "TB.TT.THUY_HAI"}
    assert {p["valid_to"] for p in preds.values()} == {REORG}
    assert preds["TB.TT.THUY_HAI"]["name"] == "Đảng bộ xã Thụy Hải"
    assert len(o["history"]) == 1
    assert o["history"][0]["valid_from"] == REORG and o["history"][0]["valid_to"] is None
    assert o["history"][0]["parent"]["code"] == "HY"
    # The province too: Thái Bình was merged into Hưng Yên.
    hy = get_org(clients["hungyen.tuyengiao"], org_ids["HY"])
    assert "TB" in codes(hy["predecessors"])
    assert next(p for p in hy["predecessors"] if p["code"] == "TB")["valid_to"] == REORG


def test_predecessors_outside_scope_are_not_shown(clients, org_ids):
    # Hải Hà's staff sees its closed district but not the new commune that
    # took its communes (outside its subtree): the successor is hidden.
    o = get_org(clients["haiha.tuyengiao"], org_ids["QN.HH.QUANG_HA"])
    assert o["successor_id"] == org_ids["QN.QUANG_HA"]
    assert o["successor"] is None
    error_of(clients["haiha.tuyengiao"].get("/api/v1/orgs/%d" % org_ids["QN.QUANG_HA"]),
             404, "not_found")


@pytest.mark.parametrize("code", ["HY", "TB", "TB.TT", "TB.TT.DIEM_DIEN", "HY.THAI_THUY",
                                  "BN.QV.CHI_LANG.QUE_O", "NB.TPNB", "ND.KHOI.HLHPN", "QN.HH"])
def test_demo_histories_are_consistent(clients, org_ids, code):
    assert_history_consistent(get_org(clients["admin"], org_ids[code]))


def test_que_o_cell_moved_with_its_commune(clients, org_ids):
    for user in ("admin", "bacninh.tuyengiao", "bithu.queo", "dangvien.queo"):
        o = get_org(clients[user], org_ids["BN.QV.CHI_LANG.QUE_O"])
        assert o["name"] == "Chi bộ thôn Quế Ổ" and o["kind"] == "cell"
        assert o["closed"] is False
        assert o["parent_id"] == org_ids["BN.CHI_LANG"]
        h = o["history"]
        assert len(h) == 2, h
        assert (h[0]["valid_to"], h[1]["valid_from"], h[1]["valid_to"]) == (REORG, REORG, None)
        assert h[0]["name"] == h[1]["name"] == "Chi bộ thôn Quế Ổ"
        if user in ("admin", "bacninh.tuyengiao"):
            assert h[0]["parent"]["code"] == "BN.QV.CHI_LANG"
            assert h[1]["parent"]["code"] == "BN.CHI_LANG"
            assert h[0]["parent"]["id"] != h[1]["parent"]["id"]
        else:
            # the cell's own accounts do not see the communes above it
            assert h[0]["parent"] is None and h[1]["parent"] is None
            assert o["ancestors"] == []
    admin = clients["admin"]
    old = codes(children(admin, org_ids["BN.QV.CHI_LANG"], as_of="2022-06-01"))
    assert "BN.QV.CHI_LANG.QUE_O" in old
    new = codes(children(admin, org_ids["BN.CHI_LANG"]))
    assert "BN.QV.CHI_LANG.QUE_O" in new
    assert "BN.QV.CHI_LANG.QUE_O" not in codes(children(admin, org_ids["BN.QV.CHI_LANG"]))


# ---- search --------------------------------------------------------------------

@pytest.mark.parametrize("q", ["que o", "QUE O", "Quế Ổ", "thon que o", "chi bo thon que"])
def test_search_finds_que_o(clients, org_ids, q):
    for user in ("admin", "bacninh.tuyengiao", "bithu.queo"):
        r = clients[user].get("/api/v1/orgs", params={"q": q})
        assert r.status_code == 200, r.text
        body = r.json()
        assert "Chi bộ thôn Quế Ổ" in names(body["items"]), (user, q, body)
        assert body["total"] >= 1 and body["page"] == 1
    r = clients["hungyen.tuyengiao"].get("/api/v1/orgs", params={"q": q})
    assert org_ids["BN.QV.CHI_LANG.QUE_O"] not in [o["id"] for o in r.json()["items"]]


def test_search_stays_in_scope(clients, org_ids):
    r = clients["hungyen.tuyengiao"].get("/api/v1/orgs", params={"q": "thai thuy",
                                                                 "per_page": 200})
    found = codes(r.json()["items"])
    assert "HY.THAI_THUY" in found and "TB.TT" in found
    r = clients["bacninh.tuyengiao"].get("/api/v1/orgs", params={"q": "thai thuy"})
    assert r.json()["total"] == 0 and r.json()["items"] == []
    # đ folds to d
    r = clients["bacninh.tuyengiao"].get("/api/v1/orgs", params={"q": "duc long"})
    assert "BN.QV.DUC_LONG" in codes(r.json()["items"])


# ---- a private subtree through its life ---------------------------------------------

def history(o):
    return [(h["valid_from"], h["valid_to"], h["name"],
             h["parent"]["id"] if h["parent"] else None) for h in o["history"]]


def assert_history_consistent(o):
    """The periods of a unit tile its life: in order, each non-empty, each
    ending where the next begins, from valid_from to valid_to; and the name
    and parent the unit shows are those of its period today (its last one
    once closed)."""
    h = o["history"]
    assert h, o
    assert h[0]["valid_from"] == o["valid_from"], h
    for x in h:
        assert x["valid_to"] is None or x["valid_from"] < x["valid_to"], ("empty period", h)
    for x, y in zip(h, h[1:]):
        assert x["valid_to"] == y["valid_from"], ("gap or overlap", h)
    assert h[-1]["valid_to"] == o["valid_to"], h
    if o["valid_to"] is not None and o["valid_to"] <= TODAY:
        now = h[-1]
    else:
        now = [x for x in h if x["valid_from"] <= TODAY and
               (x["valid_to"] is None or TODAY < x["valid_to"])]
        assert len(now) == 1, h
        now = now[0]
    assert now["name"] == o["name"], ("name is not today's", o["name"], h)
    if now["parent"] is not None:
        assert now["parent"]["id"] == o["parent_id"], ("parent is not today's", h)


def test_private_subtree_life(clients, org_ids):
    staff = clients["hungyen.tuyengiao"]

    def get_org(c, oid):
        o = globals()["get_org"](c, oid)
        assert_history_consistent(o)
        return o
    hy = org_ids["HY"]
    hy_kids = get_org(staff, hy)["child_count"]

    def create(parent, kind, name, valid_from):
        r = staff.post("/api/v1/orgs", json={"code": unique("T.LIFE"), "kind": kind,
                                             "name": name, "parent_id": parent,
                                             "valid_from": valid_from})
        assert r.status_code == 201, r.text
        return r.json()

    # create
    p = create(hy, "district_committee", "Huyện thử vòng đời", "2024-01-01")
    assert (p["parent_id"], p["closed"], p["child_count"], p["valid_to"]) == (hy, False, 0, None)
    assert p["depth"] == get_org(staff, hy)["depth"] + 1
    assert history(p) == [("2024-01-01", None, "Huyện thử vòng đời", hy)]
    assert codes(p["ancestors"]) == ["HY"]
    assert get_org(staff, hy)["child_count"] == hy_kids + 1
    a = create(p["id"], "base_committee", "Xã Thử Một", "2024-01-01")
    b = create(p["id"], "base_committee", "Xã Thử Hai", "2024-01-01")
    assert get_org(staff, p["id"])["child_count"] == 2
    assert names(children(staff, p["id"])) == ["Xã Thử Hai", "Xã Thử Một"]

    # rename from a date: a new history period
    r = staff.patch("/api/v1/orgs/%d" % a["id"], json={"name": "Xã Thử Một Mới",
                                                        "date": "2025-01-01"})
    assert r.status_code == 200, r.text
    a2 = get_org(staff, a["id"])
    assert a2["name"] == "Xã Thử Một Mới"
    assert history(a2) == [("2024-01-01", "2025-01-01", "Xã Thử Một", p["id"]),
                           ("2025-01-01", None, "Xã Thử Một Mới", p["id"])]
    assert "Xã Thử Một" in names(children(staff, p["id"], as_of="2024-06-01"))
    assert "Xã Thử Một Mới" in names(children(staff, p["id"]))
    assert get_org(staff, p["id"])["child_count"] == 2

    # correct without a date: the period keeps its dates, the name changes
    r = staff.patch("/api/v1/orgs/%d" % b["id"], json={"name": "Xã Thử Hai (sửa)"})
    assert r.status_code == 200, r.text
    b2 = get_org(staff, b["id"])
    assert history(b2) == [("2024-01-01", None, "Xã Thử Hai (sửa)", p["id"])]
    assert "Xã Thử Hai (sửa)" in names(children(staff, p["id"], as_of="2024-06-01"))
    assert "Xã Thử Hai" not in names(children(staff, p["id"], as_of="2024-06-01"))

    # move a cell from A to B
    c = create(a["id"], "cell", "Chi bộ thử di chuyển", "2024-01-01")
    assert get_org(staff, a["id"])["child_count"] == 1
    r = staff.post("/api/v1/orgs/%d/move" % c["id"], json={"parent_id": b["id"],
                                                            "date": "2025-03-01"})
    assert r.status_code == 200, r.text
    c2 = r.json()
    assert c2["parent_id"] == b["id"]
    assert codes(c2["ancestors"]) == ["HY", p["code"], b["code"]]
    assert history(c2) == [("2024-01-01", "2025-03-01", "Chi bộ thử di chuyển", a["id"]),
                           ("2025-03-01", None, "Chi bộ thử di chuyển", b["id"])]
    assert get_org(staff, a["id"])["child_count"] == 0
    assert get_org(staff, b["id"])["child_count"] == 1
    assert c["id"] in [o["id"] for o in children(staff, a["id"], as_of="2025-02-01")]
    assert c["id"] not in [o["id"] for o in children(staff, a["id"])]
    olds = children(staff, a["id"], as_of="2025-02-01")
    assert next(o for o in olds if o["id"] == c["id"])["closed"] is False

    # close the cell
    r = staff.post("/api/v1/orgs/%d/close" % c["id"], json={"date": "2025-06-01",
                                                             "note": "Sáp nhập thôn"})
    assert r.status_code == 200, r.text
    c3 = r.json()
    assert (c3["closed"], c3["valid_to"], c3["successor_id"]) == (True, "2025-06-01", None)
    assert c3["note"] == "Sáp nhập thôn"
    assert history(c3)[-1][:2] == ("2025-03-01", "2025-06-01")
    assert get_org(staff, b["id"])["child_count"] == 0
    assert children(staff, b["id"]) == []
    assert [o["id"] for o in children(staff, b["id"], as_of="2025-05-01")] == [c["id"]]
    assert [o["id"] for o in children(staff, b["id"], include_closed=True)] == [c["id"]]

    # merge A into B: A closes, its open cell moves to B
    d = create(a["id"], "cell", "Chi bộ thử hợp nhất", "2025-05-01")
    r = staff.post("/api/v1/orgs/%d/merge" % a["id"], json={"successor_id": b["id"],
                                                             "date": "2025-08-01"})
    assert r.status_code == 200, r.text
    a3 = r.json()
    assert (a3["closed"], a3["valid_to"], a3["successor_id"]) == (True, "2025-08-01", b["id"])
    assert a3["successor"]["id"] == b["id"]
    assert a3["child_count"] == 0
    assert history(a3)[-1][:2] == ("2025-01-01", "2025-08-01")
    d2 = get_org(staff, d["id"])
    assert d2["parent_id"] == b["id"] and d2["closed"] is False
    assert history(d2) == [("2025-05-01", "2025-08-01", "Chi bộ thử hợp nhất", a["id"]),
                           ("2025-08-01", None, "Chi bộ thử hợp nhất", b["id"])]
    b3 = get_org(staff, b["id"])
    assert b3["child_count"] == 1
    assert [(x["id"], x["valid_to"]) for x in b3["predecessors"]] == [(a["id"], "2025-08-01")]
    assert get_org(staff, p["id"])["child_count"] == 1
    assert len(children(staff, p["id"], as_of="2025-07-31")) == 2

    # close what is left, bottom-up; the province's count is back
    error_of(staff.post("/api/v1/orgs/%d/close" % p["id"], json={"date": "2025-09-01"}),
             400, "rule")
    for unit in (d, b, p):
        r = staff.post("/api/v1/orgs/%d/close" % unit["id"], json={"date": "2025-09-01"})
        assert r.status_code == 200, r.text
    assert get_org(staff, p["id"])["closed"] is True
    assert get_org(staff, hy)["child_count"] == hy_kids
    assert p["id"] in [o["id"] for o in children(staff, hy, as_of="2025-08-15")]
    # and every step is visible to the province's leadership too
    assert history(get_org(clients["lanhdao.hungyen"], c["id"])) == history(c3)


# ---- changes dated before the current period, or in the future ----------------------

FUTURE = "%d-01-01" % (int(TODAY[:4]) + 2)

# name -> (first change, second change); each (operation, body without ids)
DATED = {
    "move_before_last_move": (("move", "B", "2025-03-01"), ("move", "A", "2025-02-01")),
    "rename_before_last_rename": (("rename", "Tên 2", "2025-03-01"),
                                  ("rename", "Tên 3", "2025-02-01")),
    "rename_before_last_move": (("move", "B", "2025-03-01"), ("rename", "Tên 3", "2025-02-01")),
    "close_before_last_rename": (("rename", "Tên 2", "2025-03-01"), ("close", None, "2025-02-01")),
    "merge_before_last_move": (("move", "B", "2025-03-01"), ("merge", "B", "2025-02-01")),
    "rename_in_future": (("rename", "Tên 2", "2025-03-01"), ("rename", "Tên tương lai", FUTURE)),
    "move_in_future": (("move", "B", "2025-03-01"), ("move", "A", FUTURE)),
}


@pytest.mark.parametrize("name", sorted(DATED))
def test_dated_changes_keep_history_consistent(clients, org_ids, digest, name):
    """A change dated inside an earlier period (or ahead of today) is either
    refused (400, nothing changed) or leaves a history that still tiles the
    unit's life, with today's name and parent on the unit."""
    admin = clients["admin"]
    p = make_unit(admin, org_ids["HY"], "district_committee")
    units = {"A": make_unit(admin, p, "base_committee"), "B": make_unit(admin, p, "base_committee")}
    cell = make_unit(admin, units["A"], "cell")

    def apply(op, arg, date):
        path = "/api/v1/orgs/%d" % cell
        if op == "move":
            return admin.post(path + "/move", json={"parent_id": units[arg], "date": date})
        if op == "merge":
            return admin.post(path + "/merge", json={"successor_id": units[arg], "date": date})
        if op == "close":
            return admin.post(path + "/close", json={"date": date})
        return admin.patch(path, json={"name": arg, "date": date})

    first, second = DATED[name]
    r = apply(*first)
    assert r.status_code == 200, r.text
    assert_history_consistent(r.json())
    before = digest()
    r = apply(*second)
    if r.status_code != 200:
        error_of(r, 400, r.json()["error"]["code"])
        assert r.json()["error"]["code"] in ("date_order", "rule"), r.text
        assert digest() == before
    got = get_org(admin, cell)
    assert_history_consistent(got)
    # and the lists of children on each date agree with the history
    for h in got["history"]:
        parent = h["parent"]["id"]
        listed = [o["id"] for o in children(admin, parent, as_of=h["valid_from"])]
        assert cell in listed, (h, listed)


def make_unit(admin, parent, kind):
    r = admin.post("/api/v1/orgs", json={"code": unique("T.DATE"), "kind": kind,
                                         "name": "Đơn vị thử ngày", "parent_id": parent,
                                         "valid_from": "2024-01-01"})
    assert r.status_code == 201, r.text
    return r.json()["id"]
