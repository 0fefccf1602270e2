"""Bad input.  Every malformed body, wrong field and broken rule is answered
4xx with the JSON error (naming the field where one is at fault) and leaves
the database exactly as it was; next to each refusal is the accepted twin
that shows the line sits where docs/api.md and src/limits.h put it.
"""
import datetime

import pytest

from support import error_of, make_org, make_person, unique, vn_today

TODAY = vn_today()
THIS_YEAR = TODAY.year


@pytest.fixture(scope="module")
def admin(clients):
    return clients["admin"]


@pytest.fixture(scope="module")
def unit(admin, org_ids):
    """A private unit under Hưng Yên for the people this file creates."""
    return make_org(admin, org_ids["HY"], kind="agency", name="Cơ quan thử dữ liệu vào",
                    valid_from="2020-01-01")


@pytest.fixture(scope="module")
def other_unit(admin, org_ids):
    return make_org(admin, org_ids["HY"], kind="agency", name="Cơ quan thử thứ hai",
                    valid_from="2020-01-01")


@pytest.fixture(scope="module")
def person(admin, unit):
    return make_person(admin, unit["id"], "Người Thử Sửa", birth_year=1980)


@pytest.fixture
def rejects(digest):
    """rejects(send, status, code[, field]): send() is refused with that error
    and the database is unchanged.  Returns the error object."""
    def check(send, status, code, field=None):
        before = digest()
        r = send()
        err = error_of(r, status, code, field)
        assert digest() == before, "a refused request changed the database: %r" % (err,)
        return err
    return check


def post_raw(client, path, data):
    return client.post(path, data=data, headers={"Content-Type": "application/json"})


def nested(levels):
    """The note of a body nested `levels` containers deep: the body object
    is one, so levels-1 nested empty arrays."""
    return "[" * (levels - 1) + "]" * (levels - 1)


# ---- bodies that are not a JSON object ---------------------------------------

NOT_AN_OBJECT = {
    "truncated": b'{"full_name": "A", "org_id": %d',
    "trailing_garbage": b'{"full_name": "A", "org_id": %d} x',
    "single_quotes": b"{'full_name': 'A', 'org_id': %d}",
    "trailing_comma": b'{"full_name": "A", "org_id": %d,}',
    "empty": b"",
    "array": b'[{"full_name": "A", "org_id": %d}]',
    "number": b"42",
    "string": b'"full_name"',
    "null": b"null",
    "true": b"true",
    "duplicate_keys": b'{"full_name": "A", "full_name": "B", "org_id": %d}',
}


@pytest.mark.parametrize("name", sorted(NOT_AN_OBJECT))
def test_body_not_a_json_object(admin, unit, rejects, name):
    data = NOT_AN_OBJECT[name]
    if b"%d" in data:
        data = data % unit["id"]
    rejects(lambda: post_raw(admin, "/api/v1/people", data), 400, "bad_json")


def test_body_valid_object_twin(admin, unit):
    r = post_raw(admin, "/api/v1/people",
                 b'{"full_name": "A B", "org_id": %d}' % unit["id"])
    assert r.status_code == 201, r.text


def test_nesting_deeper_than_8_is_bad_json(admin, unit, rejects):
    data = '{"full_name": "A", "org_id": %d, "note": %s}' % (unit["id"], nested(9))
    rejects(lambda: post_raw(admin, "/api/v1/people", data.encode()), 400, "bad_json")
    # 8 levels get past the parser: then the note is merely of the wrong type.
    data = '{"full_name": "A", "org_id": %d, "note": %s}' % (unit["id"], nested(8))
    rejects(lambda: post_raw(admin, "/api/v1/people", data.encode()), 400,
            "invalid_type", "note")


def test_more_than_64_keys_is_bad_json(admin, unit, rejects):
    body = {"k%02d" % i: 1 for i in range(65)}
    rejects(lambda: admin.post("/api/v1/people", json=body), 400, "bad_json")
    # 64 keys get past the limit: the first unknown one is named.
    body = {"k%02d" % i: 1 for i in range(64)}
    err = rejects(lambda: admin.post("/api/v1/people", json=body), 400, "unknown_field")
    assert err["field"].startswith("k"), err


# ---- fields of a new person ---------------------------------------------------

# name -> (fields merged into a valid body, status, code, field)
PERSON_BAD = {
    "unknown_field": ({"nickname": "Tí"}, 400, "unknown_field", "nickname"),
    "id_in_body": ({"id": 5}, 400, "read_only", "id"),
    "created_at": ({"created_at": 1700000000}, 400, "read_only", "created_at"),
    "updated_at": ({"updated_at": 1700000000}, 400, "read_only", "updated_at"),
    "string_for_int": ({"birth_year": "1980"}, 400, "invalid_type", "birth_year"),
    "float_for_int": ({"birth_year": 1980.0}, 400, "invalid_type", "birth_year"),
    "fraction_for_int": ({"birth_year": 1980.5}, 400, "invalid_type", "birth_year"),
    "bool_for_int": ({"birth_year": True}, 400, "invalid_type", "birth_year"),
    "number_for_string": ({"full_name": 123}, 400, "invalid_type", "full_name"),
    "object_for_string": ({"full_name": {"ho": "Nguyễn"}}, 400, "invalid_type", "full_name"),
    "array_for_string": ({"position": ["Bí thư"]}, 400, "invalid_type", "position"),
    "string_true_for_bool": ({"party_member": "true"}, 400, "invalid_type", "party_member"),
    "number_for_bool": ({"party_member": 1}, 400, "invalid_type", "party_member"),
    "string_for_ref": ({"org_id": "12"}, 400, "invalid_type", "org_id"),
    "null_required": ({"full_name": None}, 400, "not_null", "full_name"),
    "null_not_nullable_bool": ({"party_member": None}, 400, "not_null", "party_member"),
    "null_not_nullable_enum": ({"status": None}, 400, "not_null", "status"),
    "empty_name": ({"full_name": ""}, 400, "required", "full_name"),
    "blank_name": ({"full_name": " \u00a0 "}, 400, "required", "full_name"),
    "name_201": ({"full_name": "A" * 201}, 400, "too_long", "full_name"),
    "name_201_code_points": ({"full_name": "ệ" * 201}, 400, "too_long", "full_name"),
    "position_201": ({"position": "x" * 201}, 400, "too_long", "position"),
    "note_2001": ({"note": "x" * 2001}, 400, "too_long", "note"),
    "code_33": ({"code": "X" * 33}, 400, "too_long", "code"),
    "code_with_accents": ({"code": "MÃ01"}, 400, "invalid_format", "code"),
    "code_with_space": ({"code": "DV 01"}, 400, "invalid_format", "code"),
    "nul_escape": ({"full_name": "A\u0000B"}, 400, "invalid_utf8", "full_name"),
    "bell": ({"full_name": "A\u0007B"}, 400, "invalid_utf8", "full_name"),
    "escape_char": ({"full_name": "A\u001b[31mB"}, 400, "invalid_utf8", "full_name"),
    "delete_char": ({"full_name": "A\u007fB"}, 400, "invalid_utf8", "full_name"),
    "c1_control": ({"full_name": "A\u0085B"}, 400, "invalid_utf8", "full_name"),
    "newline_in_name": ({"full_name": "Nguyễn\nVăn"}, 400, "invalid_utf8", "full_name"),
    "line_separator_in_name": ({"full_name": "A\u2028B"}, 400, "invalid_utf8", "full_name"),
    "bidi_override": ({"full_name": "\u202eNguyễn Văn A"}, 400, "invalid_utf8", "full_name"),
    "bidi_isolate": ({"position": "Bí thư \u2066x\u2069"}, 400, "invalid_utf8", "position"),
    "date_feb_30": ({"party_member": True, "party_joined": "2023-02-30"}, 400,
                    "invalid_date", "party_joined"),
    "date_2_digit_year": ({"party_member": True, "party_joined": "23-02-01"}, 400,
                          "invalid_date", "party_joined"),
    "date_slashes": ({"party_member": True, "party_joined": "2023/02/01"}, 400,
                     "invalid_date", "party_joined"),
    "date_vietnamese_order": ({"party_member": True, "party_joined": "01/02/2023"}, 400,
                              "invalid_date", "party_joined"),
    "date_no_padding": ({"party_member": True, "party_joined": "2023-2-1"}, 400,
                        "invalid_date", "party_joined"),
    "date_with_time": ({"party_member": True, "party_joined": "2023-02-01T00:00:00"},
                       400, "invalid_date", "party_joined"),
    "date_month_13": ({"party_member": True, "party_joined": "2023-13-01"}, 400,
                      "invalid_date", "party_joined"),
    "date_feb_29_not_leap": ({"party_member": True, "party_joined": "2023-02-29"}, 400,
                             "invalid_date", "party_joined"),
    "date_empty": ({"party_member": True, "party_joined": ""}, 400,
                   "invalid_date", "party_joined"),
    "gender_other": ({"gender": "other"}, 400, "invalid_value", "gender"),
    "gender_capital": ({"gender": "Male"}, 400, "invalid_value", "gender"),
    "gender_empty": ({"gender": ""}, 400, "invalid_value", "gender"),
    "status_unknown": ({"status": "dead"}, 400, "invalid_value", "status"),
    "birth_year_1899": ({"birth_year": 1899}, 400, "out_of_range", "birth_year"),
    "org_id_zero": ({"org_id": 0}, 400, "out_of_range", "org_id"),
    "joined_not_member": ({"party_member": False, "party_joined": "2010-01-01"}, 400,
                          "rule", "party_joined"),
    "joined_absent_member_flag": ({"party_joined": "2010-01-01"}, 400,
                                  "rule", "party_joined"),
    "joined_before_18": ({"party_member": True, "birth_year": 2000,
                          "party_joined": "2017-06-01"}, 400, "rule", "party_joined"),
    "born_in_future": ({"birth_year": THIS_YEAR + 1}, 400, "rule", "birth_year"),
    "joined_in_future": ({"party_member": True,
                          "party_joined": (TODAY + datetime.timedelta(days=1)).isoformat()},
                         400, "rule", "party_joined"),
}

# name -> (fields merged into a valid body, {field: stored value} or None)
PERSON_GOOD = {
    "plain": ({}, None),
    "birth_year": ({"birth_year": 1980}, {"birth_year": 1980}),
    "birth_year_1900": ({"birth_year": 1900}, {"birth_year": 1900}),
    "born_this_year": ({"birth_year": THIS_YEAR}, {"birth_year": THIS_YEAR}),
    "bool": ({"party_member": True}, {"party_member": True}),
    "null_nullable": ({"gender": None, "birth_year": None}, {"gender": None}),
    "name_200": ({"full_name": "A" * 200}, {"full_name": "A" * 200}),
    "name_200_code_points": ({"full_name": "ệ" * 200}, {"full_name": "ệ" * 200}),
    "position_200": ({"position": "x" * 200}, {"position": "x" * 200}),
    "note_2000": ({"note": "x" * 2000}, {"note": "x" * 2000}),
    "note_multiline": ({"note": "dòng 1\ndòng 2\tcột"}, {"note": "dòng 1\ndòng 2\tcột"}),
    "code_32": ({"code": "X" * 32}, {"code": "X" * 32}),
    "escaped_letter": ({"full_name": "Nguy\u1ec5n Văn Escape"},
                       {"full_name": "Nguyễn Văn Escape"}),
    "decomposed_is_stored_nfc": ({"full_name": "Nguye\u0302\u0303n Văn Nfd"},
                                 {"full_name": "Nguyễn Văn Nfd"}),
    "spaces_trimmed": ({"full_name": "  Lê   Văn\u00a0 Trim "}, {"full_name": "Lê Văn Trim"}),
    "surrogate_pair": ({"note": "hoa sen \U0001F338"}, {"note": "hoa sen \U0001F338"}),
    "leap_day": ({"party_member": True, "birth_year": 1980, "party_joined": "2024-02-29"},
                 {"party_joined": "2024-02-29"}),
    "joined_at_18": ({"party_member": True, "birth_year": 2000, "party_joined": "2018-06-01"},
                     {"party_joined": "2018-06-01"}),
    "joined_today": ({"party_member": True, "party_joined": TODAY.isoformat()},
                     {"party_joined": TODAY.isoformat()}),
    "gender": ({"gender": "female"}, {"gender": "female"}),
    "status": ({"status": "left"}, {"status": "left"}),
}


@pytest.mark.parametrize("name", sorted(PERSON_BAD))
def test_person_create_refused(admin, unit, rejects, name):
    fields, status, code, field = PERSON_BAD[name]
    body = {"full_name": "Người Thử Sai", "org_id": unit["id"]}
    body.update(fields)
    err = rejects(lambda: admin.post("/api/v1/people", json=body), status, code, field)
    if code == "too_long":
        limit = {"full_name": "200", "position": "200", "note": "2000", "code": "32"}[field]
        assert limit in err["message"], err


@pytest.mark.parametrize("name", sorted(PERSON_GOOD))
def test_person_create_accepted(admin, unit, name):
    fields, stored = PERSON_GOOD[name]
    body = {"full_name": "Người Thử Đúng", "org_id": unit["id"]}
    body.update(fields)
    r = admin.post("/api/v1/people", json=body)
    assert r.status_code == 201, r.text
    got = r.json()
    again = admin.get("/api/v1/people/%d" % got["id"]).json()
    for k, v in (stored or {}).items():
        assert got[k] == v, (k, got[k])
        assert again[k] == v, (k, again[k])


def test_person_missing_required_fields(admin, unit, rejects):
    rejects(lambda: admin.post("/api/v1/people", json={"org_id": unit["id"]}),
            400, "required", "full_name")
    rejects(lambda: admin.post("/api/v1/people", json={"full_name": "Không Đơn Vị"}),
            400, "required", "org_id")


INVALID_BYTES = {
    "ff_fe": b"Nguy\xff\xfen",
    "overlong_slash": b"A\xc0\xafB",
    "truncated_sequence": b"Nguy\xe1\xbb",
    "encoded_surrogate": b"A\xed\xa0\x80B",
    "lone_continuation": b"A\x80B",
    "latin1_e_acute": b"Nguy\xe9n",
}


@pytest.mark.parametrize("name", sorted(INVALID_BYTES))
def test_invalid_utf8_bytes_name_the_field(admin, unit, rejects, name):
    data = b'{"org_id": %d, "full_name": "' % unit["id"] + INVALID_BYTES[name] + b'"}'
    rejects(lambda: post_raw(admin, "/api/v1/people", data), 400, "invalid_utf8", "full_name")
    data = (b'{"full_name": "A B", "org_id": %d, "position": "' % unit["id"]
            + INVALID_BYTES[name] + b'"}')
    rejects(lambda: post_raw(admin, "/api/v1/people", data), 400, "invalid_utf8", "position")


def test_invalid_utf8_in_a_key_blames_no_other_field(admin, unit, rejects):
    # The bad bytes are in a key: the value of org_id before it is fine.
    data = b'{"full_name": "A B", "org_id": %d, "\xff\xfe": 1}' % unit["id"]
    err = rejects(lambda: post_raw(admin, "/api/v1/people", data), 400, "invalid_utf8")
    assert err.get("field") in (None, "body"), err


@pytest.mark.parametrize("data,label", [
    (b'{"org_id": %d, "full_name": "Nguy\xff\xfen"}', "Họ và tên"),
    (b'{"org_id": %d, "full_name": "A \\u0000 B"}', "Họ và tên"),
    (b'{"org_id": %d, "full_name": "A B", "note": "\\ud800"}', "Ghi chú"),
    (b'{"org_id": %d, "full_name": "A \\u202e B"}', "Họ và tên"),
], ids=["raw_bytes", "nul_escape", "lone_surrogate", "bidi_override"])
def test_invalid_text_messages_name_the_field_by_its_label(admin, unit, rejects, data, label):
    """As for every other error ("Họ và tên dài quá 200 ký tự"), the message
    names the field the way the form does, not by its JSON key."""
    err = rejects(lambda: post_raw(admin, "/api/v1/people", data % unit["id"]), 400,
                  "invalid_utf8")
    assert label in err["message"], err


def test_valid_utf8_bytes_twin(admin, unit):
    data = b'{"org_id": %d, "full_name": "' % unit["id"] + "Nguyễn Thị Ánh".encode() + b'"}'
    r = post_raw(admin, "/api/v1/people", data)
    assert r.status_code == 201, r.text
    assert r.json()["full_name"] == "Nguyễn Thị Ánh"


@pytest.mark.parametrize("escape", ["\\u0000", "\\ud800", "\\udc00", "A\\ud800B",
                                    "\\ud800\\u0041"])
def test_bad_escapes_name_the_field(admin, unit, rejects, escape):
    data = '{"org_id": %d, "full_name": "Nguyen %s"}' % (unit["id"], escape)
    rejects(lambda: post_raw(admin, "/api/v1/people", data.encode()), 400,
            "invalid_utf8", "full_name")


def test_good_escapes_twin(admin, unit):
    data = '{"org_id": %d, "full_name": "Nguy\\u1ec5n \\u0110\\u1ee9c", "note": "\\ud83c\\udf38"}'
    r = post_raw(admin, "/api/v1/people", (data % unit["id"]).encode())
    assert r.status_code == 201, r.text
    assert r.json()["full_name"] == "Nguyễn Đức"
    assert r.json()["note"] == "\U0001F338"


# ---- changing a person ----------------------------------------------------------

def test_person_patch_refused(admin, person, other_unit, rejects, clients):
    path = "/api/v1/people/%d" % person["id"]
    rejects(lambda: admin.patch(path, json={"org_id": other_unit["id"]}),
            400, "create_only", "org_id")
    rejects(lambda: admin.patch(path, json={"created_at": 1}), 400, "read_only", "created_at")
    rejects(lambda: admin.patch(path, json={"id": person["id"] + 1}), 400, "read_only", "id")
    rejects(lambda: admin.patch(path, json={"full_name": "A" * 201}),
            400, "too_long", "full_name")
    rejects(lambda: admin.patch(path, json={"birth_year": "1981"}),
            400, "invalid_type", "birth_year")
    # Cross-field rules are checked against the stored record: born 1980.
    rejects(lambda: admin.patch(path, json={"party_member": True,
                                            "party_joined": "1995-01-01"}),
            400, "rule", "party_joined")
    rejects(lambda: admin.patch(path, json={"party_joined": "2010-01-01"}),
            400, "rule", "party_joined")
    rejects(lambda: admin.patch(path, json={"birth_year": THIS_YEAR + 1}),
            400, "rule", "birth_year")
    rejects(lambda: admin.patch(path, json={"status": "gone"}), 400, "invalid_value", "status")


def test_null_for_required_field_on_patch(admin, person, tree, rejects):
    # docs/api.md: `required` is "missing on create", `not_null` is "null
    # where a value is needed".
    rejects(lambda: admin.patch("/api/v1/people/%d" % person["id"], json={"full_name": None}),
            400, "not_null", "full_name")
    rejects(lambda: admin.patch("/api/v1/orgs/%d" % tree["C"]["id"], json={"name": None}),
            400, "not_null", "name")


def test_person_patch_twin(admin, person):
    path = "/api/v1/people/%d" % person["id"]
    r = admin.patch(path, json={"party_member": True, "party_joined": "1998-01-01",
                                "position": "Phó Bí thư", "gender": "male"})
    assert r.status_code == 200, r.text
    got = admin.get(path).json()
    assert (got["party_joined"], got["position"], got["gender"]) == \
        ("1998-01-01", "Phó Bí thư", "male")
    assert got["org_id"] == person["org_id"]


def test_person_code_clash_is_409(admin, unit, person, rejects):
    err = rejects(lambda: admin.post("/api/v1/people", json={
        "full_name": "Trùng Mã", "org_id": unit["id"], "code": person["code"]}),
        409, "exists", "code")
    assert err["message"]
    other = make_person(admin, unit["id"], "Người Khác Mã")
    rejects(lambda: admin.patch("/api/v1/people/%d" % other["id"],
                                json={"code": person["code"]}), 409, "exists", "code")
    # Twin: a fresh code is taken.
    code = unique("MA.")
    r = admin.patch("/api/v1/people/%d" % other["id"], json={"code": code})
    assert r.status_code == 200 and r.json()["code"] == code, r.text


# ---- transfers -------------------------------------------------------------------

def test_transfer_refused(admin, unit, other_unit, rejects, org_ids):
    p = make_person(admin, unit["id"], "Người Thử Chuyển")
    path = "/api/v1/people/%d/transfer" % p["id"]
    rejects(lambda: admin.post(path, json={"org_id": unit["id"], "date": "2025-08-01"}),
            400, "rule", "org_id")
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    rejects(lambda: admin.post(path, json={"org_id": other_unit["id"], "date": tomorrow}),
            400, "rule", "date")
    rejects(lambda: admin.post(path, json={"org_id": other_unit["id"], "date": "2025-02-30"}),
            400, "invalid_date", "date")
    rejects(lambda: admin.post(path, json={"org_id": other_unit["id"]}),
            400, "required", "date")
    rejects(lambda: admin.post(path, json={"org_id": org_ids["VN"], "date": "2025-08-01"}),
            400, "rule", "org_id")
    # a unit closed on that date
    rejects(lambda: admin.post(path, json={"org_id": org_ids["TB.TT"], "date": "2025-08-01"}),
            400, "rule", "org_id")
    rejects(lambda: admin.post(path, json={"org_id": other_unit["id"], "date": "2025-08-01",
                                           "reason": "x"}), 400, "unknown_field", "reason")
    # Twin.
    r = admin.post(path, json={"org_id": other_unit["id"], "date": "2025-08-01"})
    assert r.status_code == 200, r.text
    assert r.json()["org_id"] == other_unit["id"]


# ---- units ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def tree(admin, org_ids):
    """A private district P under Hưng Yên with a commune C and a cell K
    under C, all from 2020."""
    p = make_org(admin, org_ids["HY"], kind="district_committee", name="Huyện thử dữ liệu",
                 valid_from="2020-01-01")
    c = make_org(admin, p["id"], kind="base_committee", name="Xã thử dữ liệu",
                 valid_from="2020-01-01")
    k = make_org(admin, c["id"], kind="cell", name="Chi bộ thử dữ liệu",
                 valid_from="2020-01-01")
    return {"P": p, "C": c, "K": k}


ORG_BAD = {
    "unknown_field": ({"chairman": "x"}, 400, "unknown_field", "chairman"),
    "kind_not_in_list": ({"kind": "village"}, 400, "invalid_value", "kind"),
    "valid_to": ({"valid_to": "2030-01-01"}, 400, "read_only", "valid_to"),
    "successor_id": ({"successor_id": 1}, 400, "read_only", "successor_id"),
    "depth": ({"depth": 3}, 400, "read_only", "depth"),
    "name_201": ({"name": "Đ" * 201}, 400, "too_long", "name"),
    "name_bidi": ({"name": "Chi bộ \u202eabc"}, 400, "invalid_utf8", "name"),
    "code_33": ({"code": "C" * 33}, 400, "too_long", "code"),
    "code_slash": ({"code": "HY/1"}, 400, "invalid_format", "code"),
    "valid_from_bad": ({"valid_from": "2020-02-30"}, 400, "invalid_date", "valid_from"),
    "cell_under_province": ({"kind": "cell", "parent": "HY"}, 400, "rule", "kind"),
    "province_under_province": ({"kind": "province_committee", "parent": "HY"}, 400,
                                "rule", "kind"),
    "national_under_province": ({"kind": "national", "parent": "HY"}, 400, "rule", "kind"),
    "before_parent_opened": ({"parent": "HY.THAI_THUY", "valid_from": "2024-01-01"}, 400,
                             "rule", "parent_id"),
    "under_closed_parent": ({"parent": "TB.TT", "valid_from": "2025-08-01"}, 400,
                            "rule", "parent_id"),
    "code_clash": ({"code": "HY"}, 409, "exists", "code"),
}

ORG_GOOD = {
    "agency": {},
    "base_under_province": {"kind": "base_committee"},
    "name_200": {"name": "Đ" * 200},
    "code_32": {"code": "C" * 24 + "%08d"},
    "under_closed_parent_while_open": {"parent": "TB.TT", "valid_from": "2025-06-01"},
}


def org_body(org_ids, fields):
    fields = dict(fields)
    parent = fields.pop("parent", "HY")
    body = {"code": unique("T.IN"), "kind": "agency", "name": "Đơn vị thử dữ liệu",
            "parent_id": org_ids[parent]}
    body.update(fields)
    if "%08d" in body["code"]:
        body["code"] = body["code"] % next_code()
    return body


_codes = iter(range(10 ** 7, 10 ** 8))


def next_code():
    return next(_codes)


@pytest.mark.parametrize("name", sorted(ORG_BAD))
def test_org_create_refused(admin, org_ids, rejects, name):
    fields, status, code, field = ORG_BAD[name]
    body = org_body(org_ids, fields)
    err = rejects(lambda: admin.post("/api/v1/orgs", json=body), status, code, field)
    if code == "too_long":
        assert {"name": "200", "code": "32"}[field] in err["message"], err


@pytest.mark.parametrize("name", sorted(ORG_GOOD))
def test_org_create_accepted(admin, org_ids, name):
    body = org_body(org_ids, ORG_GOOD[name])
    r = admin.post("/api/v1/orgs", json=body)
    assert r.status_code == 201, r.text
    got = r.json()
    assert (got["code"], got["name"], got["kind"], got["parent_id"]) == \
        (body["code"], body["name"], body["kind"], body["parent_id"])
    if got["parent_id"] == org_ids["TB.TT"]:
        # Keep the demo tree as it was today: close what we opened.
        r = admin.post("/api/v1/orgs/%d/close" % got["id"], json={"date": "2025-07-01"})
        assert r.status_code == 200, r.text


def test_org_patch_refused(admin, tree, org_ids, rejects):
    path = "/api/v1/orgs/%d" % tree["C"]["id"]
    rejects(lambda: admin.patch(path, json={"kind": "cell"}), 400, "create_only", "kind")
    rejects(lambda: admin.patch(path, json={"parent_id": org_ids["HY"]}),
            400, "create_only", "parent_id")
    rejects(lambda: admin.patch(path, json={"valid_from": "2019-01-01"}),
            400, "create_only", "valid_from")
    rejects(lambda: admin.patch(path, json={"valid_to": "2030-01-01"}),
            400, "read_only", "valid_to")
    rejects(lambda: admin.patch(path, json={"code": "HY"}), 409, "exists", "code")
    rejects(lambda: admin.patch(path, json={"name": "Xã mới", "date": "2023-02-30"}),
            400, "invalid_date", "date")
    rejects(lambda: admin.patch(path, json={"name": "Xã mới", "date": 20230201}),
            400, "invalid_type", "date")
    rejects(lambda: admin.patch(path, json={"name": "Xã mới", "date": "2019-06-01"}),
            400, "date_order", "date")


def test_org_patch_twin(admin, tree):
    path = "/api/v1/orgs/%d" % tree["K"]["id"]
    code = unique("T.INK")
    r = admin.patch(path, json={"code": code, "note": "ghi chú"})
    assert r.status_code == 200, r.text
    assert (r.json()["code"], r.json()["note"]) == (code, "ghi chú")


def test_tree_operations_refused(admin, tree, org_ids, rejects):
    p, c, k = tree["P"]["id"], tree["C"]["id"], tree["K"]["id"]
    # merging a unit into its own child (or grandchild), or into itself
    rejects(lambda: admin.post("/api/v1/orgs/%d/merge" % p,
                               json={"successor_id": c, "date": "2025-08-01"}),
            400, "rule", "successor_id")
    rejects(lambda: admin.post("/api/v1/orgs/%d/merge" % p,
                               json={"successor_id": k, "date": "2025-08-01"}),
            400, "rule", "successor_id")
    rejects(lambda: admin.post("/api/v1/orgs/%d/merge" % c,
                               json={"successor_id": c, "date": "2025-08-01"}),
            400, "rule", "successor_id")
    # moving a unit under its own child
    rejects(lambda: admin.post("/api/v1/orgs/%d/move" % p,
                               json={"parent_id": c, "date": "2025-08-01"}),
            400, "rule", "parent_id")
    # a kind that cannot sit there: a commune under a commune
    rejects(lambda: admin.post("/api/v1/orgs/%d/move" % c,
                               json={"parent_id": org_ids["HY.THAI_THUY"],
                                     "date": "2025-08-01"}),
            400, "rule", "parent_id")
    # closing a unit with open units under it
    rejects(lambda: admin.post("/api/v1/orgs/%d/close" % p, json={"date": "2025-08-01"}),
            400, "rule")
    rejects(lambda: admin.post("/api/v1/orgs/%d/close" % c, json={"date": "2025-08-01"}),
            400, "rule")
    # dates
    rejects(lambda: admin.post("/api/v1/orgs/%d/close" % k, json={"date": "2019-12-31"}),
            400, "date_order", "date")
    rejects(lambda: admin.post("/api/v1/orgs/%d/close" % k, json={}),
            400, "required", "date")
    rejects(lambda: admin.post("/api/v1/orgs/%d/close" % k, json={"date": "2025/08/01"}),
            400, "invalid_date", "date")
    rejects(lambda: admin.post("/api/v1/orgs/%d/move" % k, json={"date": "2025-08-01"}),
            400, "required", "parent_id")
    rejects(lambda: admin.post("/api/v1/orgs/%d/merge" % k,
                               json={"successor_id": "x", "date": "2025-08-01"}),
            400, "invalid_type", "successor_id")
    # a successor closed on that date
    rejects(lambda: admin.post("/api/v1/orgs/%d/merge" % k,
                               json={"successor_id": org_ids["TB.TT.DIEM_DIEN"],
                                     "date": "2025-08-01"}),
            400, "rule", "successor_id")


def test_tree_operations_twins(admin, tree, org_ids):
    p, c, k = tree["P"]["id"], tree["C"]["id"], tree["K"]["id"]
    c2 = make_org(admin, p, kind="base_committee", name="Xã thử thứ hai",
                  valid_from="2020-01-01")["id"]
    # the cell moves to the sibling commune; the commune merges into its sibling
    r = admin.post("/api/v1/orgs/%d/move" % k, json={"parent_id": c2, "date": "2025-03-01"})
    assert r.status_code == 200 and r.json()["parent_id"] == c2, r.text
    r = admin.post("/api/v1/orgs/%d/merge" % c, json={"successor_id": c2,
                                                     "date": "2025-08-01"})
    assert r.status_code == 200, r.text
    assert r.json()["successor_id"] == c2 and r.json()["closed"] is True
    # closing bottom-up succeeds where closing the top first did not
    for unit in (k, c2, p):
        r = admin.post("/api/v1/orgs/%d/close" % unit, json={"date": "2025-09-01"})
        assert r.status_code == 200, r.text
        assert r.json()["valid_to"] == "2025-09-01"


# ---- query parameters ------------------------------------------------------------

BAD_PARAMS = [
    ("/api/v1/people", {"page": "0"}, "page"),
    ("/api/v1/people", {"page": "abc"}, "page"),
    ("/api/v1/people", {"page": "-1"}, "page"),
    ("/api/v1/people", {"page": "1.5"}, "page"),
    ("/api/v1/people", {"page": ""}, "page"),
    ("/api/v1/people", {"per_page": "201"}, "per_page"),
    ("/api/v1/people", {"per_page": "0"}, "per_page"),
    ("/api/v1/people", {"per_page": "99999999999999999999"}, "per_page"),
    ("/api/v1/people", {"sort": "evil"}, "sort"),
    ("/api/v1/people", {"sort": "name; DROP TABLE person"}, "sort"),
    ("/api/v1/people", {"dir": "up"}, "dir"),
    ("/api/v1/people", {"status": "dead"}, "status"),
    ("/api/v1/people", {"org": "abc"}, "org"),
    ("/api/v1/people", {"org": "0"}, "org"),
    ("/api/v1/people", {"q": "a" * 101}, "q"),
    ("/api/v1/people", {"q": "ệ" * 101}, "q"),
    ("/api/v1/orgs", {"parent": "@HY", "as_of": "2023-13-01"}, "as_of"),
    ("/api/v1/orgs", {"parent": "@HY", "as_of": "2023-02-30"}, "as_of"),
    ("/api/v1/orgs", {"parent": "@HY", "as_of": "01/02/2023"}, "as_of"),
    ("/api/v1/orgs", {"parent": "abc"}, "parent"),
    ("/api/v1/orgs", {"parent": "@HY", "include_closed": "2"}, "include_closed"),
    ("/api/v1/orgs", {"q": "x" * 101}, "q"),
    ("/api/v1/orgs", {"q": "que o", "page": "0"}, "page"),
    ("/api/v1/accounts", {"page": "0"}, "page"),
    ("/api/v1/accounts", {"per_page": "201"}, "per_page"),
]

GOOD_PARAMS = [
    ("/api/v1/people", {"page": "1"}),
    ("/api/v1/people", {"page": "100000"}),
    ("/api/v1/people", {"per_page": "200"}),
    ("/api/v1/people", {"per_page": "1"}),
    ("/api/v1/people", {"sort": "name", "dir": "desc"}),
    ("/api/v1/people", {"sort": "birth_year"}),
    ("/api/v1/people", {"sort": "party_joined", "dir": "asc"}),
    ("/api/v1/people", {"sort": "code"}),
    ("/api/v1/people", {"status": "deceased"}),
    ("/api/v1/people", {"org": "@HY"}),
    ("/api/v1/people", {"q": "a" * 100}),
    ("/api/v1/people", {"q": "ệ" * 100}),
    ("/api/v1/orgs", {"parent": "@HY", "as_of": "2023-12-01"}),
    ("/api/v1/orgs", {"parent": "@HY", "as_of": "2024-02-29"}),
    ("/api/v1/orgs", {"parent": "@HY", "include_closed": "1"}),
    ("/api/v1/orgs", {"q": "x" * 100}),
    ("/api/v1/accounts", {"page": "1", "per_page": "200"}),
]


def resolve(params, org_ids):
    return {k: (str(org_ids[v[1:]]) if v.startswith("@") else v) for k, v in params.items()}


@pytest.mark.parametrize("path,params,name", BAD_PARAMS,
                         ids=["%s-%s" % (p.rsplit("/", 1)[1], "&".join(
                             "%s=%s" % (k, v[:12]) for k, v in q.items()))
                              for p, q, _ in BAD_PARAMS])
def test_bad_query_parameter(admin, org_ids, rejects, path, params, name):
    params = resolve(params, org_ids)
    rejects(lambda: admin.get(path, params=params), 400, "bad_param", name)


@pytest.mark.parametrize("path,params", GOOD_PARAMS,
                         ids=["%s-%s" % (p.rsplit("/", 1)[1], "&".join(
                             "%s=%s" % (k, v[:12]) for k, v in q.items()))
                              for p, q in GOOD_PARAMS])
def test_good_query_parameter(admin, org_ids, path, params):
    params = resolve(params, org_ids)
    r = admin.get(path, params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert isinstance(body["items"], list)
    if "per_page" in params:
        assert body["per_page"] == int(params["per_page"])
        assert len(body["items"]) <= int(params["per_page"])
    if "page" in params:
        assert body["page"] == int(params["page"])
