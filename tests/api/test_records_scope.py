"""The scope matrix of the generic record API: every demo account x every
endpoint of each type (list, get, history, create, patch, delete, restore,
its transition, and for each of its children: list, create, patch, delete) x
records made by the admin in Viet Nam's unit, Hưng Yên, Thái Bình (merged
into Hưng Yên), Bắc Ninh and the Quế Ổ cell — for the types about a person,
also the member account's own record and one about the cell itself — each
its own test.  The catalog has no unit: one target, the whole country.

As in test_scope.py, the expectation comes from a small rule table (the
role table of src/core/core_scope.c, copied below as data) and the scopes
computed here from the tree (support.scope_roots):

  - a list the role may not read                -> 403 forbidden
  - a record the account cannot see             -> 404 not_found
      it sees the records of its scope; topics (inherited) also when
      issued by a unit above its own; the catalog everywhere; members
      only the pledges and evaluations about themselves (awards and
      exemplars name people publicly: members see them all)
  - seen, but the role may not read the type    -> 403 forbidden
  - seen, but the role may not write the type   -> 403 forbidden
  - seen only as an inherited topic (issued above the account's unit)
                                                -> INHERITED_WRITE
  - the catalog has no soft delete: DELETE and restore by the admin
                                                -> 405 method_not_allowed
  - creating: the role first (403), then the unit named in the body
    outside the scope                           -> 400 ref org_id
  - otherwise                                   -> 2xx, the change in the history
    under the account's name (a child's change: in the parent's history too)
  - lists answer 200 and hold the record exactly when it can be seen; a
    child list shows a member only the children about the member
    (attendance), as /people shows a member only themself.

A refused request changes nothing (a read snapshot of the database held
across the request: support.unchanged_by).  A write that should succeed
acts on a throwaway made for the case by the admin in the same unit, so
the base records stay as they were.
"""
import pytest

from support import (DEMO_ACCOUNTS, audit_rows, create, drive_pledge, error_of, find_person,
                     fresh_year, history, load_orgs, marker, pledge_body, scope_roots,
                     unchanged_by, unique, vn_today)

TODAY = vn_today()
YEAR = TODAY.year
CELL = "BN.QV.CHI_LANG.QUE_O"

# ---- the rules -------------------------------------------------------------------------

# role -> type -> what it may do inside what it sees: perms[][] of
# src/core/core_scope.c, resource by resource ("" = not even read).  The
# catalog is RES_CONFIG.
MAY = {
    "admin": {"topic": "rw", "activity": "rw", "pledge": "rw", "plan": "rw", "concern": "rw",
              "petition": "rw", "exemplar": "rw", "inspection": "rw", "evaluation": "rw",
              "award": "rw", "survey": "rw", "metric_value": "rw", "catalog": "rw"},
    "staff": {"topic": "rw", "activity": "rw", "pledge": "rw", "plan": "rw", "concern": "rw",
              "petition": "rw", "exemplar": "rw", "inspection": "rw", "evaluation": "rw",
              "award": "rw", "survey": "rw", "metric_value": "rw", "catalog": "r"},
    # A cell's secretary keeps the cell's own records.
    "secretary": {"topic": "r", "activity": "rw", "pledge": "rw", "plan": "rw", "concern": "rw",
                  "petition": "r", "exemplar": "rw", "inspection": "r", "evaluation": "rw",
                  "award": "r", "survey": "r", "metric_value": "rw", "catalog": "r"},
    "member": {"topic": "r", "activity": "r", "pledge": "rw", "plan": "r", "concern": "r",
               "petition": "", "exemplar": "r", "inspection": "", "evaluation": "r",
               "award": "r", "survey": "r", "metric_value": "r", "catalog": "r"},
    "viewer": {"topic": "r", "activity": "r", "pledge": "r", "plan": "r", "concern": "r",
               "petition": "r", "exemplar": "r", "inspection": "r", "evaluation": "r",
               "award": "r", "survey": "r", "metric_value": "r", "catalog": "r"},
}
INHERITED = {"topic"}                   # also seen below the issuing unit
OWNED = {"pledge", "evaluation"}        # a member sees (and writes) only those about them
PUBLIC_PERSON = {"award", "exemplar"}   # about a person, but seen by every member of the scope
GLOBAL = {"catalog"}                    # no unit: seen by all
# A topic issued above the account's unit is read there, not changed: the
# record is seen, so 403 rather than 404.
INHERITED_WRITE = (403, "forbidden")

# path -> (type, child paths, transition)
TYPES = {
    "topics": ("topic", (), None),
    "activities": ("activity", ("attendance",), None),
    "pledges": ("pledge", ("checkins",), "submit"),
    "plans": ("plan", ("tasks",), None),
    "concerns": ("concern", ("updates",), None),
    "petitions": ("petition", ("updates",), None),
    "exemplars": ("exemplar", ("scores", "replications"), None),
    "inspections": ("inspection", ("followups",), None),
    "evaluations": ("evaluation", (), None),
    "awards": ("award", (), None),
    "surveys": ("survey", ("answers",), None),
    "metrics": ("metric_value", (), None),
    "catalog": ("catalog", (), None),
}
# (path, child path) -> the child's type
CHILD_TYPE = {
    ("activities", "attendance"): "attendance", ("pledges", "checkins"): "checkin",
    ("plans", "tasks"): "task", ("concerns", "updates"): "concern_update",
    ("petitions", "updates"): "petition_update", ("exemplars", "scores"): "exemplar_score",
    ("exemplars", "replications"): "replication", ("inspections", "followups"): "inspection_action",
    ("surveys", "answers"): "survey_answer",
}
# The field each PATCH corrects (a record's, a child's).
PATCH_FIELD = {"pledges": "target_text", "concerns": "description", "petitions": "outcome",
               "exemplars": "description", "inspections": "conclusion", "awards": "decision_no",
               "surveys": "question", "catalog": "label_en"}
CHILD_PATCH_FIELD = {"answers": "label"}
READS = ("list", "get", "history", "child_list")
OK = {"list": 200, "get": 200, "history": 200, "child_list": 200, "create": 201, "patch": 200, "delete": 200,
      "restore": 200, "transition": 200, "child_create": 201, "child_patch": 200,
      "child_delete": 204}

# ---- the targets ---------------------------------------------------------------------------

# target -> (unit of the record, person it is about)
TARGETS = {
    "VN": ("VN", None),                 # about a person: collective, the national unit's
    "HY": ("HY", "HY.member"),
    "TB": ("TB", "TB.official"),
    "BN": ("BN", "BN.member"),
    "QUE_O": (CELL, "QUE_O.member"),
    "QUE_O.self": (CELL, "QUE_O.self"),  # about a person: the member account's own
    "QUE_O.unit": (CELL, None),          # about a person: the cell's own, nobody's
    "global": (None, None),              # the catalog
}
# person -> (unit code, exact name or None for an ordinary member)
PERSONS = {
    "HY.member": ("TB.TT.DIEM_DIEN.C01", None),      # a Thái Bình cell now in Hưng Yên
    "TB.official": ("TB.TT", "Đỗ Văn Hiện"),         # a closed Thái Bình district
    "BN.member": ("BN.QV.PHO_MOI.C01", None),
    "QUE_O.member": (CELL, None),
    "QUE_O.self": (CELL, "@dangvien.queo"),
}


def about_people(path):
    return TYPES[path][0] in OWNED | PUBLIC_PERSON


def kind_of(action):
    """"child_create:scores" -> ("child_create", "scores")"""
    kind, _, cpath = action.partition(":")
    return kind, cpath or None


def actions_of(path):
    _, children, tr = TYPES[path]
    out = ["list", "get", "history", "create", "patch", "delete", "restore"]
    if tr:
        out.append("transition")
    for c in children:
        out += ["%s:%s" % (k, c) for k in ("child_list", "child_create", "child_patch",
                                             "child_delete")]
    return out


def targets_of(path):
    if TYPES[path][0] in GLOBAL:
        return ["global"]
    out = ["VN", "HY", "TB", "BN", "QUE_O"]
    return out + ["QUE_O.self", "QUE_O.unit"] if about_people(path) else out


def cases():
    out = [(a, p, x, t) for a in DEMO_ACCOUNTS for p in TYPES for x in actions_of(p)
           for t in targets_of(p)]
    # Reads first, then writes.
    out.sort(key=lambda c: (kind_of(c[2])[0] not in READS, DEMO_ACCOUNTS.index(c[0])))
    return out


CASES = cases()


class Matrix:
    def __init__(self, server, clients, db_watch):
        self.server = server
        self.clients = clients
        self.watch = db_watch
        self.admin = clients["admin"]
        self.orgs = load_orgs(server.db)
        self.by_code = {o.code: o for o in self.orgs.values()}
        self.scopes = {u: scope_roots(self.orgs, c.account["org"]["id"])
                       for u, c in clients.items()}
        me = clients["dangvien.queo"].account["person_id"]
        self.persons = {}
        for k, (unit, name) in PERSONS.items():
            if name and name.startswith("@"):
                self.persons[k] = self.admin.get(
                    "/api/v1/people/%d" % clients[name[1:]].account["person_id"]).json()
            else:
                self.persons[k] = find_person(self.admin, self.by_code[unit].id, name, skip={me})
        self.bases = {}

    # -- where a target's records are ----------------------------------------------------
    def where(self, path, tkey):
        """(unit id, person dict or None) of the target's record of this type."""
        unit, pkey = TARGETS[tkey]
        if unit is None:
            return None, None
        if about_people(path):
            if pkey is None:
                return self.by_code[unit].id, None
            p = self.persons[pkey]
            return p["org_id"], p
        return self.by_code[unit].id, None

    def attendee(self, tkey):
        """Who attends an activity of the target: someone of its unit."""
        return self.persons[TARGETS[tkey][1] or "HY.member"]

    # -- scope ---------------------------------------------------------------------------------
    def in_scope(self, account, org_id):
        return any(self.orgs[org_id].path.startswith(r) for r in self.scopes[account])

    def may(self, account, path):
        return MAY[self.clients[account].account["role"]][TYPES[path][0]]

    def visible(self, account, path, tkey):
        me = self.clients[account].account
        tname = TYPES[path][0]
        if tname in GLOBAL:
            return True
        unit, person = self.where(path, tkey)
        if me["role"] == "member" and tname in OWNED and \
                (person is None or person["id"] != me["person_id"]):
            return False
        if self.in_scope(account, unit):
            return True
        own = self.orgs[me["org"]["id"]].path
        return tname in INHERITED and own.startswith(self.orgs[unit].path)

    # -- the expectation -------------------------------------------------------------------------
    def expect(self, account, path, action, tkey):
        """(status, error code or None, error field or None, why)"""
        role = self.clients[account].account["role"]
        tname = TYPES[path][0]
        may = self.may(account, path)
        kind, _ = kind_of(action)
        unit, _ = self.where(path, tkey)
        if kind == "list":
            if "r" not in may:
                return 403, "forbidden", None, "role %s may not read %s" % (role, tname)
            return 200, None, None, "a list answers; the record in it iff seen"
        if kind == "create":
            if "w" not in may:
                return 403, "forbidden", None, "role %s may not write %s" % (role, tname)
            if unit is not None and not self.in_scope(account, unit):
                return 400, "ref", "org_id", "the unit named in the body is outside the scope"
            return 201, None, None, "allowed"
        if not self.visible(account, path, tkey):
            return 404, "not_found", None, "the record is not seen"
        if "r" not in may:
            return 403, "forbidden", None, "role %s may not read %s" % (role, tname)
        if kind in READS:
            return 200, None, None, "seen"
        if "w" not in may:
            return 403, "forbidden", None, "role %s may not write %s" % (role, tname)
        if tname in GLOBAL and kind in ("delete", "restore"):
            return 405, "method_not_allowed", None, "the catalog is deactivated, not deleted"
        if unit is not None and not self.in_scope(account, unit):
            return INHERITED_WRITE + (None, "an inherited topic is read, not changed, below")
        return OK[kind], None, None, "allowed"

    # -- records -----------------------------------------------------------------------------------
    def body(self, path, tkey, account="admin", mk=None):
        """A new record of the target's unit, as account would send it."""
        unit, person = self.where(path, tkey)
        mk = mk or marker()
        about = {"person_id": person["id"]} if person else {}
        if path == "topics":
            return {"title": "Chuyên đề phạm vi %s" % mk, "kind": "year", "year_from": YEAR,
                    "org_id": unit}
        if path == "activities":
            return {"title": "Hoạt động phạm vi %s" % mk, "kind": "conference",
                    "date": TODAY.isoformat(), "org_id": unit}
        if path == "pledges":
            if self.clients[account].account["role"] == "member":
                return pledge_body(org_id=unit, follow="Làm theo phạm vi %s" % mk)
            return pledge_body(org_id=unit, person_id=person and person["id"],
                               follow="Làm theo phạm vi %s" % mk)
        if path == "plans":
            return {"org_id": unit, "year": YEAR, "title": "Kế hoạch phạm vi %s" % mk}
        if path == "concerns":
            return {"org_id": unit, "title": "Vấn đề phạm vi %s" % mk, "field": "land",
                    "source": "citizens", "opened": TODAY.isoformat()}
        if path == "petitions":
            return {"org_id": unit, "kind": "recommendation", "received": TODAY.isoformat(),
                    "subject": "Kiến nghị phạm vi %s" % mk}
        if path == "exemplars":
            return dict({"org_id": unit, "year": YEAR, "level": "cell",
                         "title": "Mô hình phạm vi %s" % mk}, **about)
        if path == "inspections":
            return {"org_id": unit, "kind": "self_inspection", "target_org_id": unit,
                    "start_date": TODAY.isoformat(), "subject": "Tự kiểm tra phạm vi %s" % mk}
        if path == "evaluations":
            subject = ("p", person["id"]) if person else ("o", unit)
            return dict({"year": fresh_year(("evaluation",) + subject), "org_id": unit,
                         "scale": "party", "score_general": 25, "score_tasks": 55,
                         "note": "Đánh giá phạm vi %s" % mk}, **about)
        if path == "awards":
            return dict({"year": YEAR, "org_id": unit, "kind": "certificate_of_merit",
                         "title": "Khen thưởng phạm vi %s" % mk, "issuer_org_id": unit}, **about)
        if path == "surveys":
            return {"org_id": unit, "date": TODAY.isoformat(), "title": "Điều tra phạm vi %s" % mk,
                    "question": "Câu hỏi phạm vi", "sample_size": 100}
        if path == "metrics":
            return {"org_id": unit, "metric": "working_sessions", "period": "m07", "value": 3,
                    "year": fresh_year(("metric", unit, "working_sessions", "m07")),
                    "note": "Số liệu phạm vi %s" % mk}
        if path == "catalog":
            return {"list": "concern_field", "code": unique("t_scope"),
                    "label_vi": "Lĩnh vực phạm vi %s" % mk, "label_en": "Scope field %s" % mk}
        raise AssertionError(path)

    def child_body(self, path, tkey, account, cpath):
        note = "Của %s" % account
        if cpath == "attendance":
            return {"person_id": self.attendee(tkey)["id"], "note": "Có mặt"}
        if cpath == "checkins":
            return {"date": TODAY.isoformat(), "progress": 20, "note": "Cập nhật của %s" % account}
        if cpath == "tasks":
            return {"group_no": 2, "title": "Nhiệm vụ của %s" % account, "note": note}
        if cpath == "updates":
            return {"date": TODAY.isoformat(), "state": "in_progress", "note": note}
        if cpath == "scores":
            return {"criterion": "effect", "score": 80, "note": note}
        if cpath == "replications":
            return {"org_id": self.where(path, tkey)[0], "date": TODAY.isoformat(), "note": note}
        if cpath == "followups":
            return {"title": "Khắc phục của %s" % account, "due_date": "%d-12-31" % YEAR,
                    "note": note}
        if cpath == "answers":
            return {"label": "Ý kiến của %s" % account, "count": 5}
        raise AssertionError(cpath)

    def list_params(self, path, rec, mk):
        """Query parameters of a list that holds rec if the account sees it:
        its marker, or (no text to search) its own filters."""
        if path == "evaluations":
            params = {"year": rec["year"], "scale": "party"}
            if rec["person_id"]:
                params["person_id"] = rec["person_id"]
            return params
        if path == "metrics":
            return {"metric": rec["metric"], "period": rec["period"], "year": rec["year"]}
        return {"q": mk}

    def make(self, path, tkey, with_children=False, mk=None):
        """A record of the target as the admin; with a child of each of its
        child types when asked (accepted first: a pledge takes check-ins
        then).  Returns (record, {child path: child})."""
        rec = create(self.admin, "/api/v1/" + path, self.body(path, tkey, mk=mk))
        children = {}
        if with_children and path == "pledges":
            rec = drive_pledge(self.admin, rec["id"], "accepted")
        if with_children:
            for cpath in TYPES[path][1]:
                children[cpath] = create(
                    self.admin, "/api/v1/%s/%d/%s" % (path, rec["id"], cpath),
                    self.child_body(path, tkey, "admin", cpath))
        return rec, children

    def base(self, path, tkey, with_child=False):
        """The target's record for reads and refusals, made once: (record,
        children, marker).  Its children, one of each type; a pledge is a
        draft, or (with_child) another, accepted, with a check-in."""
        key = (path, tkey, with_child and path == "pledges")
        if key not in self.bases:
            mk = marker()
            rec, children = self.make(path, tkey, with_children=path != "pledges" or key[2],
                                      mk=mk)
            self.bases[key] = (rec, children, mk)
        return self.bases[key]

    def throwaway(self, path, action, tkey):
        """The subject of a write that should succeed: (record, child)."""
        kind, cpath = kind_of(action)
        if kind == "create":
            return None, None
        if kind.startswith("child_"):
            rec, children = self.make(path, tkey, with_children=kind != "child_create")
            if kind == "child_create" and path == "pledges":
                rec = drive_pledge(self.admin, rec["id"], "accepted")
            return rec, children.get(cpath)
        rec, _ = self.make(path, tkey)
        if kind == "restore":
            r = self.admin.delete("/api/v1/%s/%d" % (path, rec["id"]))
            assert r.status_code == 200, r.text
        return rec, None

    # -- requests -----------------------------------------------------------------------------------
    def send(self, account, path, action, tkey, rec, child, mk):
        c = self.clients[account]
        kind, cpath = kind_of(action)
        base = "/api/v1/" + path
        one = "%s/%d" % (base, rec["id"]) if rec else None
        if kind == "list":
            return c.get(base, params=dict(self.list_params(path, rec, mk), per_page=200))
        if kind == "get":
            return c.get(one)
        if kind == "history":
            return c.get(one + "/history")
        if kind == "create":
            return c.post(base, json=self.body(path, tkey, account))
        if kind == "patch":
            return c.patch(one, json={PATCH_FIELD.get(path, "note"): "Sửa bởi %s" % account})
        if kind == "delete":
            return c.delete(one)
        if kind == "restore":
            return c.post(one + "/restore")
        if kind == "transition":
            return c.post("%s/%s" % (one, TYPES[path][2]))
        if kind == "child_list":
            return c.get("%s/%s" % (one, cpath))
        if kind == "child_create":
            return c.post("%s/%s" % (one, cpath), json=self.child_body(path, tkey, account, cpath))
        if kind == "child_patch":
            return c.patch("%s/%s/%d" % (one, cpath, child["id"]),
                           json={CHILD_PATCH_FIELD.get(cpath, "note"): "Sửa bởi %s" % account})
        if kind == "child_delete":
            return c.delete("%s/%s/%d" % (one, cpath, child["id"]))
        raise AssertionError(action)

    # -- one case ------------------------------------------------------------------------------------
    def run(self, account, path, action, tkey):
        status, code, field, why = self.expect(account, path, action, tkey)
        kind, cpath = kind_of(action)
        write = kind not in READS
        if status < 300 and write:
            rec, child = self.throwaway(path, action, tkey)
            mk = None
        else:
            rec, children, mk = self.base(path, tkey, with_child=kind.startswith("child_"))
            child = children.get(cpath)
        where = "%s %s %s of %s (#%s): expected %d %s %s [%s]" % (
            account, action, path, tkey, rec and rec["id"], status, code or "", field or "", why)
        if status >= 300:
            r, same = unchanged_by(self.watch, lambda: self.send(account, path, action, tkey,
                                                                 rec, child, mk))
            assert r.status_code == status, "%s; got %d %s" % (where, r.status_code, r.text[:300])
            error_of(r, status, code, field)
            assert same, "%s; the database changed" % where
            return
        r = self.send(account, path, action, tkey, rec, child, mk)
        assert r.status_code == status, "%s; got %d %s" % (where, r.status_code, r.text[:300])
        me = self.clients[account].account
        if kind == "list":
            listed = [x["id"] for x in r.json()["items"]]
            seen = self.visible(account, path, tkey)
            assert (rec["id"] in listed) == seen, "%s; listed %s, seen %s" % (where, listed, seen)
            return
        if kind == "get":
            body = r.json()
            assert body["id"] == rec["id"], where
            may_edit = self.expect(account, path, "patch", tkey)[0] < 300
            assert ("edit" in body["actions"]) == may_edit, \
                "%s; actions %s, may edit: %s" % (where, body["actions"], may_edit)
            return
        if kind == "history":
            items = r.json()["items"]
            assert (items[0]["action"], items[0]["record_id"]) == ("create", rec["id"]), where
            return
        if kind == "child_list":
            # A member lists only the children about them (a child naming
            # someone else would name whom /people hides from a member).
            about = child.get("person_id")
            want = not (me["role"] == "member" and about is not None and about != me["person_id"])
            listed = child["id"] in [x["id"] for x in r.json()["items"]]
            assert listed == want, "%s; listed: %s" % (where, listed)
            return
        self.check_written(account, me, path, action, tkey, rec, child, r, where)

    def check_written(self, account, me, path, action, tkey, rec, child, r, where):
        """A change made: its effect, and the audit row under the account's
        name — a child's also in its parent's history."""
        kind, cpath = kind_of(action)
        tname = TYPES[path][0]
        if kind == "create":
            body = r.json()
            if tname not in GLOBAL:
                assert body["org_id"] == self.where(path, tkey)[0], where
            if me["role"] == "member":
                assert body["person_id"] == me["person_id"], where
            rows = audit_rows(self.server.db, tname, body["id"])
            assert [(x[3], x[4]) for x in rows] == [("create", me["id"])], where
            return
        if kind.startswith("child_"):
            ctype = CHILD_TYPE[(path, cpath)]
            cid = r.json()["id"] if kind == "child_create" else child["id"]
            want = {"child_create": "create", "child_patch": "update",
                    "child_delete": "delete"}[kind]
            rows = audit_rows(self.server.db, ctype, cid)
            assert (rows[-1][3], rows[-1][4]) == (want, me["id"]), "%s; audit %s" % (where, rows)
            mine = [x for x in history(self.admin, "/api/v1/" + path, rec["id"])
                    if (x["type"], x["record_id"], x["action"]) == (ctype, cid, want)]
            assert [x["account"]["id"] for x in mine] == [me["id"]], \
                "%s; the parent's history: %s" % (where, mine)
            if kind == "child_delete":
                assert r.content == b"", where
                left = self.admin.get("/api/v1/%s/%d/%s" % (path, rec["id"], cpath))
                assert cid not in [x["id"] for x in left.json()["items"]], where
            return
        body = r.json()
        if kind == "patch":
            field = PATCH_FIELD.get(path, "note")
            assert body[field] == "Sửa bởi %s" % account, where
        elif kind == "delete":
            assert body["deleted_at"] is not None, where
        elif kind == "restore":
            assert body["deleted_at"] is None, where
        elif kind == "transition":
            assert body["status"] == "submitted", where
        want = {"patch": "update", "transition": TYPES[path][2]}.get(kind, kind)
        last = history(self.admin, "/api/v1/" + path, rec["id"])[-1]
        assert (last["action"], last["account"]["id"]) == (want, me["id"]), \
            "%s; last history row %s by %s" % (where, last["action"], last["account"])


@pytest.fixture(scope="module")
def matrix(server, clients, db_watch):
    return Matrix(server, clients, db_watch)


@pytest.mark.parametrize("account,path,action,target", CASES,
                         ids=["%s-%s-%s-%s" % c for c in CASES])
def test_records_scope_matrix(matrix, account, path, action, target):
    matrix.run(account, path, action, target)


# ---- what the matrix does not say -------------------------------------------------------------

def test_the_role_table_is_the_servers(clients):
    """The MAY table above is the server's: GET /me "permissions" of each
    demo account, resource by resource (the catalog is "config", metric
    values "metric")."""
    res = {"metric_value": "metric", "catalog": "config"}
    for account, c in clients.items():
        perms = c.account["permissions"]
        for tname, may in MAY[c.account["role"]].items():
            got = perms[res.get(tname, tname)]
            assert ("read" in got, "write" in got) == ("r" in may, "w" in may), \
                (account, tname, got, may)


def test_inherited_topics_are_listed_below(matrix, clients):
    """The Quế Ổ accounts list the topics of the national unit, Bắc Ninh and
    their cell, not those of Hưng Yên or Thái Bình."""
    for account in ("bithu.queo", "dangvien.queo"):
        got = {t: matrix.base("topics", t)[0]["id"] in
               [x["id"] for x in clients[account].get(
                   "/api/v1/topics", params={"q": matrix.base("topics", t)[2]}).json()["items"]]
               for t in ("VN", "HY", "TB", "BN", "QUE_O")}
        assert got == {"VN": True, "HY": False, "TB": False, "BN": True, "QUE_O": True}, account


@pytest.mark.parametrize("path", [p for p in TYPES if about_people(p)])
def test_member_sees_what_the_person_field_allows(matrix, clients, path):
    """dangvien.queo, member of the Quế Ổ cell: of the records of the cell
    about another member, about themselves and about the cell, sees only
    their own pledge and evaluation, but every award and exemplar — in the
    list and one by one alike."""
    member = clients["dangvien.queo"]
    public = TYPES[path][0] in PUBLIC_PERSON
    want = {"QUE_O": public, "QUE_O.self": True, "QUE_O.unit": public}
    got_list, got_one = {}, {}
    for t in want:
        rec, _, mk = matrix.base(path, t)
        params = dict(matrix.list_params(path, rec, mk), per_page=200)
        r = member.get("/api/v1/" + path, params=params)
        assert r.status_code == 200, r.text
        got_list[t] = rec["id"] in [x["id"] for x in r.json()["items"]]
        got_one[t] = member.get("/api/v1/%s/%d" % (path, rec["id"])).status_code == 200
    assert (got_list, got_one) == (want, want)


def test_lists_never_leak_out_of_scope(matrix, clients):
    """Every record any list gives an account is one it may see."""
    for account in DEMO_ACCOUNTS:
        me = clients[account].account
        own = matrix.orgs[me["org"]["id"]].path
        for path in TYPES:
            tname = TYPES[path][0]
            r = clients[account].get("/api/v1/" + path, params={"per_page": 200})
            if "r" not in matrix.may(account, path):
                error_of(r, 403, "forbidden")
                continue
            assert r.status_code == 200, (account, path, r.text)
            if tname in GLOBAL:
                continue
            for x in r.json()["items"]:
                inside = matrix.in_scope(account, x["org_id"])
                if tname in INHERITED:
                    inside = inside or own.startswith(matrix.orgs[x["org_id"]].path)
                assert inside, (account, path, x["id"], x["org_id"])
                if me["role"] == "member" and tname in OWNED:
                    assert x["person_id"] == me["person_id"], (account, path, x["id"])


@pytest.mark.parametrize("account", DEMO_ACCOUNTS)
def test_deleted_lists_are_for_writers(matrix, clients, account):
    """deleted=1 lists soft-deleted records to those who may write the type
    (a member: their own pledges); the others get 403."""
    for path in TYPES:
        r = clients[account].get("/api/v1/" + path, params={"deleted": 1})
        if "w" in matrix.may(account, path):
            assert r.status_code == 200, (path, r.text)
            assert all(x["deleted_at"] is not None for x in r.json()["items"])
        else:
            error_of(r, 403, "forbidden")


def test_filter_by_a_unit_out_of_scope_is_404(clients, matrix):
    staff = clients["bacninh.tuyengiao"]
    for path in TYPES:
        if TYPES[path][0] in GLOBAL:
            continue
        for params in ({"org": matrix.by_code["HY"].id}, {"org_id": matrix.by_code["HY"].id}):
            error_of(staff.get("/api/v1/" + path, params=params), 404, "not_found")
