"""The generic record API, type by type (topics, activities, pledges, plans,
concerns, petitions, exemplars, inspections, evaluations, awards, surveys,
metrics and the catalog; a new type gets a Spec below and every test here
runs for it too): create, read, list with each filter, sort and
accent-insensitive search, correct, soft delete, list with and without
deleted=1, restore; the field errors, driven by GET /api/v1/meta (every
required, bounded, read-only, create-only field of the type is tried);
references that are deleted, missing or outside the scope; children and
the parent fields they recompute; the audit history of every change; then
the rules of each type (tasks done, state updates, weighted scores, the
evaluation levels and their quota, awards issued from above, survey
samples, one metric value per period, the catalog).

A refused request must change nothing and write no audit row (the
`refuses` fixture: database digest and audit row count before and after).
The records live in private units under Hưng Yên made by this file.
"""
import datetime
import json
import unicodedata
from collections import Counter
from fractions import Fraction
from types import SimpleNamespace

import pytest

from support import (PLEDGES, Client, audit_rows, create, drive_pledge, error_of, find_person,
                     fresh_year, history, load_orgs, make_org, make_person, marker, own_fields,
                     refused_all, scope_roots, unique, vn_today)

TODAY = vn_today()
YEAR = TODAY.year
DAY = datetime.timedelta(days=1)
TOPICS, ACTIVITIES = "/api/v1/topics", "/api/v1/activities"
PLANS, CONCERNS, PETITIONS = "/api/v1/plans", "/api/v1/concerns", "/api/v1/petitions"
EXEMPLARS, INSPECTIONS = "/api/v1/exemplars", "/api/v1/inspections"
EVALUATIONS, AWARDS = "/api/v1/evaluations", "/api/v1/awards"
SURVEYS, METRICS, CATALOG = "/api/v1/surveys", "/api/v1/metrics", "/api/v1/catalog"


def iso(d):
    return d.isoformat()


def later(days):
    return iso(TODAY + days * DAY)


LAST_YEAR = "%d-03-05" % (YEAR - 1)       # the date of every "a" record


# ---- the types -------------------------------------------------------------------------

class Spec:
    """What the tests need to know of one type beyond its meta: two valid
    bodies ("a" and "b") that differ in every filter and sort field, how
    to finish "b" (a workflow, a child that sets a derived field), a valid
    correction, its children with a valid body and correction of each."""
    path = name = None
    patch = {}              # a valid correction ("{mk}": the record's marker)
    children = ()           # ((child path, meta name of the child type), ...)
    child_patches = {}      # child path -> a valid correction of the child_body
    searchable = True       # has fields marked "search": pairs found by q=marker
    soft_delete = True
    org_field = "org_id"
    staff_writes = True     # the staff of a province may write it (not the catalog)
    derived = ()            # read-only fields a correction may change too
    main_text = "title"     # a text field that is trimmed and NFC
    facet = None            # the field the lists count ("facets")

    def body(self, ctx, variant, mk):
        raise NotImplementedError

    def finish(self, admin, rec, variant, ctx):
        return rec

    def patch_for(self, ctx, mk):
        return {k: v.format(mk=mk) if isinstance(v, str) else v for k, v in self.patch.items()}

    def child_body(self, ctx, cpath):
        raise NotImplementedError

    def child_patch(self, ctx, cpath):
        return dict(self.child_patches[cpath])

    def parent_for_child(self, admin, ctx, mk):
        """A record that takes children now."""
        return create(admin, self.path, self.body(ctx, "a", mk))


def dd(mk):
    """The text of every "a": the words of the accent-insensitive search."""
    return "Học tập và làm theo đạo đức %s Hồ Chí Minh" % mk


class TopicSpec(Spec):
    path, name = TOPICS, "topic"
    patch = {"title": "Chuyên đề đã sửa {mk}: Tư tưởng Hồ Chí Minh về đại đoàn kết",
             "year_to": 2030, "documents": "Kết luận 01-KL/TW", "note": "Đã sửa"}

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"title": dd(mk),
                    "kind": "year", "year_from": YEAR - 1, "org_id": ctx.unit_a["id"],
                    "documents": "Chỉ thị 05-CT/TW", "note": "Ghi chú"}
        return {"title": "Chuyên đề toàn khóa %s" % mk, "kind": "term",
                "year_from": YEAR, "year_to": YEAR + 4, "org_id": ctx.unit_b["id"]}


class ActivitySpec(Spec):
    path, name = ACTIVITIES, "activity"
    patch = {"title": "Hội nghị đã sửa {mk}", "kind": "dialogue", "location": "Hội trường xã",
             "outside_count": 12, "content": "Đối thoại với nhân dân", "topic_on_agenda": True}
    children = (("attendance", "attendance"),)
    child_patches = {"attendance": {"note": "Vắng có lý do"}}
    derived = ("year",)
    facet = "kind"

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"title": dd(mk),
                    "kind": "conference", "date": "%d-03-05" % (YEAR - 1),
                    "org_id": ctx.unit_a["id"], "topic_id": ctx.topic_a["id"],
                    "topic_on_agenda": True, "outside_count": 3,
                    "location": "Hội trường tỉnh ủy", "content": "Quán triệt chuyên đề"}
        return {"title": "Sinh hoạt chi bộ %s" % mk, "kind": "cell_meeting",
                "date": "%d-04-10" % YEAR, "org_id": ctx.unit_b["id"],
                "topic_id": ctx.topic_b["id"], "topic_on_agenda": False}

    def child_body(self, ctx, cpath):
        return {"person_id": ctx.person_a["id"], "note": "Có mặt"}


class PledgeSpec(Spec):
    path, name = PLEDGES, "pledge"
    patch = {"follow": "Nội dung đã sửa {mk}", "solutions": "Giải pháp đã sửa",
             "target_text": "10 buổi", "target_value": 10, "target_unit": "buổi",
             "due_date": "%d-11-30" % YEAR, "year": YEAR}
    children = (("checkins", "checkin"),)
    child_patches = {"checkins": {"progress": 45, "note": "Đã đọc 6 cuốn"}}
    main_text = "follow"
    facet = "status"

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"year": YEAR - 1, "org_id": ctx.unit_a["id"],
                    "person_id": ctx.person_a["id"], "topic_id": ctx.topic_a["id"],
                    "follow": dd(mk),
                    "solutions": "Đọc sách mỗi tối, ghi sổ tay",
                    "target_text": "Đọc 12 cuốn sách", "target_value": 12,
                    "target_unit": "cuốn", "due_date": "%d-12-31" % (YEAR - 1)}
        # A collective pledge of the unit.
        return {"year": YEAR, "org_id": ctx.unit_b["id"], "topic_id": ctx.topic_b["id"],
                "follow": "Đăng ký tập thể %s" % mk, "solutions": "Phân công từng đảng viên",
                "due_date": "%d-06-30" % (YEAR + 1)}

    def finish(self, admin, rec, variant, ctx):
        if variant == "b":
            return drive_pledge(admin, rec["id"], "closed")
        return rec

    def child_body(self, ctx, cpath):
        return {"date": TODAY.isoformat(), "progress": 30, "note": "Đã đọc 4 cuốn"}

    def parent_for_child(self, admin, ctx, mk):
        rec = create(admin, self.path, self.body(ctx, "a", mk))
        return drive_pledge(admin, rec["id"], "accepted")


class PlanSpec(Spec):
    path, name = PLANS, "plan"
    patch = {"title": "Kế hoạch đã sửa {mk}", "number": "15-KH/TU", "issued_on": "%d-02-01" % (YEAR - 1),
             "content": "Bảy nhóm nhiệm vụ, giải pháp (đã sửa)", "note": "Đã sửa", "year": YEAR}
    children = (("tasks", "task"),)
    child_patches = {"tasks": {"status": "in_progress", "title": "Nhiệm vụ đã sửa",
                               "due_date": "%d-11-30" % YEAR, "note": "Đang triển khai"}}

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"org_id": ctx.unit_a["id"], "year": YEAR - 1, "topic_id": ctx.topic_a["id"],
                    "number": "05-KH/HU", "title": dd(mk), "issued_on": "%d-01-15" % (YEAR - 1),
                    "content": "Bảy nhóm nhiệm vụ, giải pháp", "note": "Ghi chú"}
        return {"org_id": ctx.unit_b["id"], "year": YEAR, "topic_id": ctx.topic_b["id"],
                "title": "Kế hoạch thực hiện chuyên đề %s" % mk, "issued_on": "%d-01-10" % YEAR}

    def finish(self, admin, rec, variant, ctx):
        if variant == "b":
            create(admin, "%s/%d/tasks" % (self.path, rec["id"]),
                   {"group_no": 1, "title": "Quán triệt chuyên đề", "status": "done",
                    "done_on": iso(TODAY)})
            rec = admin.get("%s/%d" % (self.path, rec["id"])).json()
            assert rec["tasks_done"] == 1, rec
        return rec

    def child_body(self, ctx, cpath):
        return {"group_no": 3, "title": "Tổ chức học tập chuyên đề", "owner_org_id": ctx.unit_a["id"],
                "due_date": "%d-12-31" % YEAR, "status": "pending", "note": "Ghi chú"}


class FollowupSpec(Spec):
    """Concerns and petitions: "b" ends with an update to another state."""
    children = ()
    derived = ("year",)
    facet = "state_kind"
    end_state = None
    child_patches = {"updates": {"note": "Nội dung cập nhật đã sửa"}}

    def finish(self, admin, rec, variant, ctx):
        if variant == "b":
            create(admin, "%s/%d/updates" % (self.path, rec["id"]),
                   {"date": iso(TODAY), "state": self.end_state, "note": "Kết thúc theo dõi"})
            rec = admin.get("%s/%d" % (self.path, rec["id"])).json()
            assert rec["state"] == self.end_state, rec
        return rec

    def child_body(self, ctx, cpath):
        return {"date": iso(TODAY), "state": "in_progress", "note": "Đã giao cho UBND xã"}


class ConcernSpec(FollowupSpec):
    path, name = CONCERNS, "concern"
    patch = {"title": "Vấn đề đã sửa {mk}", "field": "environment", "source": "press",
             "due": "%d-12-31" % (YEAR + 1), "description": "Mô tả, giải pháp đã sửa"}
    children = (("updates", "concern_update"),)
    end_state = "resolved"

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"org_id": ctx.unit_a["id"], "title": dd(mk), "field": "ethics",
                    "source": "citizens", "opened": LAST_YEAR, "due": "%d-06-30" % YEAR,
                    "description": "Một bộ phận cán bộ chưa gương mẫu"}
        return {"org_id": ctx.unit_b["id"], "title": "Ô nhiễm môi trường làng nghề %s" % mk,
                "field": "environment", "source": "press", "opened": iso(TODAY),
                "due": "%d-12-31" % (YEAR + 1)}


class PetitionSpec(FollowupSpec):
    path, name = PETITIONS, "petition"
    patch = {"subject": "Đơn đã sửa {mk}", "kind": "report", "content": "Nội dung chi tiết đã sửa",
             "outcome": "Đã trả lời công dân", "deadline": "%d-12-31" % YEAR,
             "within_competence": False, "from_name": "Trần Thị Bình"}
    children = (("updates", "petition_update"),)
    main_text = "subject"
    end_state = "transferred"

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"org_id": ctx.unit_a["id"], "kind": "complaint", "received": LAST_YEAR,
                    "from_name": "Nguyễn Văn Dân", "subject": dd(mk),
                    "content": "Nội dung chi tiết", "deadline": "%d-04-05" % (YEAR - 1),
                    "within_competence": True}
        return {"org_id": ctx.unit_b["id"], "kind": "recommendation", "received": iso(TODAY),
                "subject": "Kiến nghị sửa đường liên thôn %s" % mk, "within_competence": False,
                "transferred_to_id": ctx.hy, "deadline": later(30)}


class ExemplarSpec(Spec):
    path, name = EXEMPLARS, "exemplar"
    patch = {"title": "Mô hình đã sửa {mk}", "level": "base", "status": "commended",
             "description": "Cách làm đã sửa", "year": YEAR}
    children = (("scores", "exemplar_score"), ("replications", "replication"))
    child_patches = {"scores": {"score": 70, "note": "Chấm lại"},
                     "replications": {"date": "%d-01-02" % YEAR, "note": "Đã sửa"}}
    facet = "status"

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"org_id": ctx.unit_a["id"], "person_id": ctx.person_a["id"], "year": YEAR - 1,
                    "level": "cell", "title": dd(mk), "description": "Cách làm hay"}
        return {"org_id": ctx.unit_b["id"], "year": YEAR, "level": "district",
                "title": "Mô hình dân vận khéo %s" % mk, "status": "recognised"}

    def finish(self, admin, rec, variant, ctx):
        if variant == "b":
            create(admin, "%s/%d/scores" % (self.path, rec["id"]), {"criterion": "effect", "score": 90})
            rec = admin.get("%s/%d" % (self.path, rec["id"])).json()
            assert rec["score"] == 90, rec
        return rec

    def child_body(self, ctx, cpath):
        if cpath == "scores":
            return {"criterion": "effect", "score": 80, "note": "Hiệu quả rõ"}
        return {"org_id": ctx.unit_b["id"], "date": "%d-01-01" % YEAR, "note": "Nhân rộng"}


class InspectionSpec(Spec):
    path, name = INSPECTIONS, "inspection"
    children = (("followups", "inspection_action"),)
    child_patches = {"followups": {"done_on": iso(TODAY), "note": "Đã khắc phục"}}
    derived = ("year",)
    main_text = "subject"
    facet = "kind"

    def patch_for(self, ctx, mk):
        return {"subject": "Nội dung đã sửa %s" % mk, "kind": "inspection",
                "target_org_id": ctx.unit_b["id"], "end_date": "%d-04-30" % (YEAR - 1),
                "findings": "Phát hiện đã sửa", "conclusion": "Kết luận đã sửa"}

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"org_id": ctx.unit_a["id"], "kind": "self_inspection",
                    "target_org_id": ctx.unit_a["id"], "start_date": LAST_YEAR,
                    "end_date": "%d-03-20" % (YEAR - 1), "subject": dd(mk),
                    "findings": "Một số đảng viên chưa đăng ký", "conclusion": "Kết luận"}
        return {"org_id": ctx.unit_b["id"], "kind": "thematic_supervision",
                "target_org_id": ctx.unit_b["id"], "start_date": iso(TODAY),
                "subject": "Giám sát chuyên đề %s" % mk}

    def child_body(self, ctx, cpath):
        return {"title": "Bổ sung kế hoạch khắc phục", "due_date": "%d-12-31" % YEAR,
                "note": "Giao đồng chí Bí thư"}


class EvaluationSpec(Spec):
    path, name = EVALUATIONS, "evaluation"
    patch = {"score_general": 28, "score_tasks": 65, "note": "Nhận xét đã sửa {mk}",
             "approver_org_id": None}
    searchable = False
    derived = ("score", "derived_level", "level")
    main_text = "note"
    facet = "level"

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"year": fresh_year(("evaluation", "p", ctx.person_a["id"]), 2000, 2049),
                    "org_id": ctx.unit_a["id"], "person_id": ctx.person_a["id"], "scale": "party",
                    "score_general": 25, "score_tasks": 60, "approver_org_id": ctx.hy,
                    "note": "Nhận xét của chi bộ"}
        return {"year": fresh_year(("evaluation", "o", ctx.unit_b["id"]), 2050, 2100),
                "org_id": ctx.unit_b["id"], "scale": "mass", "level_given": "strong",
                "note": "Vững mạnh"}


class AwardSpec(Spec):
    path, name = AWARDS, "award"

    def patch_for(self, ctx, mk):
        return {"title": "Khen thưởng đã sửa %s" % mk, "kind": "certificate_of_honour",
                "decision_no": "45-QĐ/TW", "decision_date": "%d-06-01" % (YEAR - 1),
                "issuer_org_id": ctx.vn, "year": YEAR}

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"year": YEAR - 1, "org_id": ctx.unit_a["id"], "person_id": ctx.person_a["id"],
                    "kind": "certificate_of_merit", "title": dd(mk), "issuer_org_id": ctx.hy,
                    "decision_no": "123-QĐ/TU", "decision_date": "%d-05-19" % (YEAR - 1)}
        return {"year": YEAR, "org_id": ctx.unit_b["id"], "kind": "emulation_flag",
                "title": "Cờ thi đua %s" % mk, "issuer_org_id": ctx.vn,
                "decision_date": iso(TODAY)}


class SurveySpec(Spec):
    path, name = SURVEYS, "survey"
    patch = {"title": "Điều tra đã sửa {mk}", "question": "Câu hỏi đã sửa", "sample_size": 600,
             "date": "%d-04-01" % (YEAR - 1)}
    children = (("answers", "survey_answer"),)
    child_patches = {"answers": {"count": 150, "label": "Rất đồng tình", "sort_order": 2}}
    derived = ("year",)

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"org_id": ctx.unit_a["id"], "date": LAST_YEAR, "title": dd(mk),
                    "question": "Đồng chí đánh giá thế nào về việc nêu gương?", "sample_size": 500}
        return {"org_id": ctx.unit_b["id"], "date": iso(TODAY),
                "title": "Khảo sát dư luận %s" % mk, "question": "Ý kiến về cải cách hành chính",
                "sample_size": 200}

    def child_body(self, ctx, cpath):
        return {"label": "Đồng tình", "count": 120, "sort_order": 1}


class MetricSpec(Spec):
    path, name = METRICS, "metric_value"
    patch = {"value": 15, "note": "Đã sửa {mk}"}
    searchable = False
    main_text = "note"

    def body(self, ctx, variant, mk):
        if variant == "a":
            unit = ctx.unit_a["id"]
            return {"org_id": unit, "metric": "initiatives", "period": "year", "value": 12,
                    "year": fresh_year(("metric", unit, "initiatives", "year"), 2000, 2049),
                    "note": "Sáng kiến cấp cơ sở"}
        unit = ctx.unit_b["id"]
        return {"org_id": unit, "metric": "savings", "period": "q2", "value": 150000000,
                "year": fresh_year(("metric", unit, "savings", "q2"), 2050, 2100)}


class CatalogSpec(Spec):
    path, name = CATALOG, "catalog"
    patch = {"label_vi": "Lĩnh vực đã sửa {mk}", "label_en": "Field corrected",
             "sort_order": 905, "unit": "vụ"}
    soft_delete = False
    org_field = None
    staff_writes = False
    main_text = "label_vi"

    def body(self, ctx, variant, mk):
        if variant == "a":
            return {"list": "concern_field", "code": unique("t_cat"), "label_vi": dd(mk),
                    "label_en": "Following the moral example %s" % mk, "sort_order": 900}
        return {"list": "metric", "code": unique("t_cat"), "label_vi": "Chỉ tiêu thử %s" % mk,
                "label_en": "Test metric %s" % mk, "kind": "count", "unit": "lượt",
                "sort_order": 901, "active": False}


SPECS = {s.path.rsplit("/", 1)[1]: s for s in (
    TopicSpec(), ActivitySpec(), PledgeSpec(), PlanSpec(), ConcernSpec(), PetitionSpec(),
    ExemplarSpec(), InspectionSpec(), EvaluationSpec(), AwardSpec(), SurveySpec(), MetricSpec(),
    CatalogSpec())}
TYPES = sorted(SPECS)
SEARCH_TYPES = [t for t in TYPES if SPECS[t].searchable]
SOFT_TYPES = [t for t in TYPES if SPECS[t].soft_delete]
UNIT_TYPES = [t for t in TYPES if SPECS[t].org_field]
STAFF_TYPES = [t for t in TYPES if SPECS[t].staff_writes]
FACET_TYPES = [t for t in TYPES if SPECS[t].facet]
CHILD_CASES = [(t, c) for t in TYPES for c, _ in SPECS[t].children]
# No child path may shadow the detail's "actions" (what the account may do):
# test_inline_children_beside_the_actions checks every child type.
SHADOWED = {(t, c) for t, c in CHILD_CASES if c == "actions"}
CHILD_IDS = ["%s-%s" % c for c in CHILD_CASES]


# ---- fixtures and helpers ------------------------------------------------------------------

@pytest.fixture(scope="module")
def admin(clients):
    return clients["admin"]


def make_ctx(admin, org_ids, parent=None, tag="bản ghi"):
    """Two private units (under parent, default Hưng Yên), a person in each,
    a topic of each."""
    c = SimpleNamespace(admin=admin, hy=org_ids["HY"], vn=org_ids["VN"])
    parent = parent or org_ids["HY"]
    c.unit_a = make_org(admin, parent, name="Cơ quan thử %s A" % tag, valid_from="2020-01-01")
    c.unit_b = make_org(admin, parent, name="Cơ quan thử %s B" % tag, valid_from="2020-01-01")
    c.person_a = make_person(admin, c.unit_a["id"], "Người Thử Bản Ghi")
    c.person_b = make_person(admin, c.unit_b["id"], "Người Thử Bản Ghi Hai")
    c.topic_a = create(admin, TOPICS, {"title": "Chuyên đề của đơn vị A", "kind": "year",
                                       "year_from": YEAR - 1, "org_id": c.unit_a["id"]})
    c.topic_b = create(admin, TOPICS, {"title": "Chuyên đề của đơn vị B", "kind": "term",
                                       "year_from": YEAR, "org_id": c.unit_b["id"]})
    return c


@pytest.fixture(scope="module")
def ctx(admin, org_ids):
    return make_ctx(admin, org_ids)


@pytest.fixture(scope="module")
def pairs(admin, ctx, org_ids):
    """type -> (params that list exactly a and b, record a, record b), made
    on first use.  Searchable types: q=<marker>; the others (no text to
    search) live in a unit of their own under Hưng Yên: org=<it>."""
    made = {}

    def get(tname):
        if tname not in made:
            spec, mk, c = SPECS[tname], marker(), ctx
            isolate = {"q": mk}
            if not spec.searchable:
                base = make_org(admin, org_ids["HY"], kind="base_committee",
                                name="Đảng bộ thử %s" % tname, valid_from="2020-01-01")
                c = make_ctx(admin, org_ids, parent=base["id"], tag=tname)
                isolate = {"org": base["id"]}
            recs = [spec.finish(admin, create(admin, spec.path, spec.body(c, v, mk)), v, c)
                    for v in ("a", "b")]
            made[tname] = (isolate, recs[0], recs[1])
        return made[tname]
    return get


def tmeta(meta, tname):
    return meta["types"][SPECS[tname].name]


def listing(client, path, **params):
    params.setdefault("per_page", 200)
    r = client.get(path, params=params)
    assert r.status_code == 200, (params, r.text)
    body = r.json()
    assert body["total"] == len(body["items"]) or body["per_page"] < body["total"], body
    return body


def ids(body):
    return [x["id"] for x in body["items"]]


def qval(v):
    """A value as a query string carries it."""
    if isinstance(v, bool):
        return "1" if v else "0"
    return str(v)


def writable(tm):
    return [f for f in tm["fields"] if not f["read_only"]]


def nulls_first(f):
    """Sort key of field f as SQLite orders it ascending: NULL first."""
    return lambda x: (x[f] is not None, x[f] if x[f] is not None else 0, x["id"])


def newest_first(tm):
    """Dated lists (a date or a year) are newest first; the others (codes,
    order) ascending."""
    f = next(x for x in tm["fields"] if x["name"] == tm["default_sort"])
    return f["type"] == "date" or f["name"].startswith("year")


# ---- meta ----------------------------------------------------------------------------

@pytest.mark.parametrize("tname", TYPES)
def test_meta_describes_the_type(meta, tname):
    tm, spec = tmeta(meta, tname), SPECS[tname]
    assert tm["path"] == tname
    assert tm["soft_delete"] is spec.soft_delete
    assert tm["org_field"] == spec.org_field
    names = [f["name"] for f in tm["fields"]]
    assert "search_fold" not in names                     # hidden
    for f in ("created_at", "updated_at", "created_by", "updated_by", "deleted_at"):
        assert f in names and next(x for x in tm["fields"] if x["name"] == f)["read_only"], f
    assert tm["children"] == [name for _, name in spec.children]
    for cpath, cname in spec.children:
        assert meta["types"][cname]["path"] == cpath
        assert meta["types"][cname]["parent"] == spec.name
    assert any(f.get("search") for f in tm["fields"]) is spec.searchable
    assert tm["default_sort"] in [f["name"] for f in tm["fields"] if f.get("sort")]


def test_meta_flags_of_the_campaign_types(meta):
    """The field flags the tests below rely on, as the brief states them."""
    def flags(t, name):
        f = next(x for x in meta["types"][t]["fields"] if x["name"] == name)
        return f
    assert flags("activity", "year")["read_only"] and flags("activity", "year").get("filter")
    assert flags("pledge", "status")["read_only"] and flags("pledge", "status").get("filter")
    assert flags("pledge", "status")["values"] == ["draft", "submitted", "accepted",
                                                   "returned", "reviewed", "closed"]
    assert flags("pledge", "person_id")["nullable"] and flags("pledge", "person_id")["create_only"]
    assert meta["types"]["pledge"]["person_field"] == "person_id"
    assert meta["types"]["pledge"]["status_field"] == "status"
    assert meta["types"]["topic"]["transitions"] == []
    assert meta["types"]["activity"]["transitions"] == []


def test_meta_flags_of_the_new_types(meta):
    t = meta["types"]

    def flags(tn, name):
        return next(x for x in t[tn]["fields"] if x["name"] == name)
    for tn in ("evaluation", "award", "exemplar"):
        assert t[tn]["person_field"] == "person_id", tn
    for tn, f in (("plan", "tasks_done"), ("concern", "state"), ("concern", "state_kind"),
                  ("concern", "resolved_on"), ("petition", "state"), ("petition", "resolved_on"),
                  ("exemplar", "score"), ("exemplar_score", "criterion_weight"),
                  ("evaluation", "score"), ("evaluation", "derived_level"), ("evaluation", "level"),
                  ("survey", "answered"), ("concern_update", "state_kind")):
        assert flags(tn, f)["read_only"], (tn, f)
    assert flags("concern", "field")["catalog"] == "concern_field"
    assert flags("concern_update", "state")["catalog"] == "concern_state"
    assert flags("petition_update", "state")["catalog"] == "petition_state"
    assert flags("exemplar_score", "criterion")["catalog"] == "exemplar_criterion"
    assert flags("metric_value", "metric")["catalog"] == "metric"
    # The levels of the scales are configuration (SPEC §3): a catalog list.
    for f in ("level_given", "derived_level", "level"):
        assert flags("evaluation", f)["catalog"] == "eval_level", f
    assert (flags("evaluation", "score_general")["max"], flags("evaluation", "score_tasks")["max"]) \
        == (30, 70)
    for tn, f in (("evaluation", "year"), ("evaluation", "scale"), ("evaluation", "person_id"),
                  ("metric_value", "metric"), ("metric_value", "period"), ("metric_value", "year"),
                  ("exemplar_score", "criterion"), ("catalog", "list"), ("catalog", "code")):
        assert flags(tn, f)["create_only"], (tn, f)


# ---- create, read, list ---------------------------------------------------------------

@pytest.mark.parametrize("tname", TYPES)
def test_create_then_read(admin, meta, ctx, tname):
    spec, mk = SPECS[tname], marker()
    body = spec.body(ctx, "a", mk)
    rec = create(admin, spec.path, body)
    for k, v in body.items():
        assert rec[k] == v, (k, rec[k], v)
    assert rec["deleted_at"] is None and rec["created_at"] > 0
    assert rec["created_by"] == rec["updated_by"] == admin.account["id"]
    if spec.org_field:
        assert rec["org"]["id"] == body["org_id"]              # the unit, for display
    if "topic_id" in body:
        assert rec["topic"] == {"id": body["topic_id"], "title": ctx.topic_a["title"]}
    if body.get("person_id"):
        assert rec["person"]["id"] == body["person_id"]
        assert rec["person"]["full_name"] == ctx.person_a["full_name"]
    for cpath, _ in spec.children:
        assert rec["%s_count" % cpath] == 0, cpath
        if (tname, cpath) not in SHADOWED:
            assert rec[cpath] == [], cpath
    assert "edit" in rec["actions"]
    assert ("delete" in rec["actions"]) is spec.soft_delete
    r = admin.get("%s/%d" % (spec.path, rec["id"]))
    assert r.status_code == 200 and r.json() == rec
    assert set(own_fields(tmeta(meta, tname), rec)) == \
        {f["name"] for f in tmeta(meta, tname)["fields"]} | {"id"}


@pytest.mark.parametrize("tname", TYPES)
def test_list_finds_both_newest_first(admin, meta, pairs, tname):
    isolate, a, b = pairs(tname)
    body = listing(admin, SPECS[tname].path, **isolate)
    tm = tmeta(meta, tname)
    key = tm["default_sort"]
    want = [x["id"] for x in sorted([a, b], key=lambda x: (x[key], x["id"]),
                                    reverse=newest_first(tm))]
    assert ids(body) == want and body["total"] == 2
    item = body["items"][0]
    assert "actions" not in item                        # detail only
    page = listing(admin, SPECS[tname].path, per_page=1, page=2, **isolate)
    assert ids(page) == want[1:] and page["total"] == 2 and page["page"] == 2


@pytest.mark.parametrize("tname", TYPES)
def test_list_each_filter(admin, meta, pairs, tname):
    """Every field the meta marks "filter": a's value finds a, b's finds b."""
    isolate, a, b = pairs(tname)
    path, problems = SPECS[tname].path, []
    filters = [f["name"] for f in tmeta(meta, tname)["fields"] if f.get("filter")]
    assert filters
    for f in filters:
        assert a[f] != b[f], "Spec of %s: a and b must differ in %s" % (tname, f)
        for rec in (a, b):
            if rec[f] is None:
                continue
            got = ids(listing(admin, path, **dict(isolate, **{f: qval(rec[f])})))
            if got != [rec["id"]]:
                problems.append("%s=%s: expected [%d], got %s" % (f, rec[f], rec["id"], got))
    # org= is the same subtree filter as org_id=.
    for rec in (a, b) if SPECS[tname].org_field else ():
        got = ids(listing(admin, path, **dict(isolate, org=rec["org_id"])))
        if got != [rec["id"]]:
            problems.append("org=%d: expected [%d], got %s" % (rec["org_id"], rec["id"], got))
    assert not problems, problems


@pytest.mark.parametrize("tname", UNIT_TYPES)
def test_list_org_filter_is_the_subtree(admin, org_ids, pairs, tname):
    isolate, a, b = pairs(tname)
    path = SPECS[tname].path
    if "q" in isolate:
        assert sorted(ids(listing(admin, path, q=isolate["q"], org_id=org_ids["HY"]))) == \
            sorted([a["id"], b["id"]])
        assert ids(listing(admin, path, q=isolate["q"], org=org_ids["HY"])) != []
        assert ids(listing(admin, path, q=isolate["q"], org=org_ids["BN"])) == []
        return
    # Not searchable: each record among those of its year.
    for rec in (a, b):
        assert rec["id"] in ids(listing(admin, path, org_id=org_ids["HY"], year=rec["year"]))
        assert rec["id"] in ids(listing(admin, path, org=org_ids["HY"], year=rec["year"]))
        assert rec["id"] not in ids(listing(admin, path, org=org_ids["BN"], year=rec["year"]))


@pytest.mark.parametrize("tname", TYPES)
def test_list_each_sort(admin, meta, pairs, tname):
    isolate, a, b = pairs(tname)
    path, problems = SPECS[tname].path, []
    for f in [f["name"] for f in tmeta(meta, tname)["fields"] if f.get("sort")]:
        assert a[f] != b[f], "Spec of %s: a and b must differ in %s" % (tname, f)
        asc = [x["id"] for x in sorted([a, b], key=nulls_first(f))]
        for d, want in (("asc", asc), ("desc", asc[::-1])):
            got = ids(listing(admin, path, sort=f, dir=d, **isolate))
            if got != want:
                problems.append("sort=%s dir=%s: expected %s, got %s" % (f, d, want, got))
    assert not problems, problems


@pytest.mark.parametrize("tname", FACET_TYPES)
def test_list_facets(admin, pairs, tname):
    """A list counts its matches per value of the type's main field."""
    isolate, a, b = pairs(tname)
    f = SPECS[tname].facet
    body = listing(admin, SPECS[tname].path, **isolate)
    assert body["facets"] == dict(Counter([a[f], b[f]])), body["facets"]
    # Over the whole list, not the page.
    body = listing(admin, SPECS[tname].path, per_page=1, **isolate)
    assert sum(body["facets"].values()) == 2


@pytest.mark.parametrize("tname", TYPES)
def test_list_bad_parameters(admin, meta, refuses, tname):
    path, tm = SPECS[tname].path, tmeta(meta, tname)
    unsortable = next(f["name"] for f in tm["fields"] if not f.get("sort") and not f["read_only"])
    refuses(lambda: admin.get(path, params={"sort": unsortable}), 400, "bad_param", "sort")
    refuses(lambda: admin.get(path, params={"sort": "search_fold"}), 400, "bad_param", "sort")
    refuses(lambda: admin.get(path, params={"dir": "up"}), 400, "bad_param", "dir")
    refuses(lambda: admin.get(path, params={"per_page": 201}), 400, "bad_param", "per_page")
    refuses(lambda: admin.get(path, params={"page": 0}), 400, "bad_param", "page")
    refuses(lambda: admin.get(path, params={"deleted": 2}), 400, "bad_param", "deleted")
    refuses(lambda: admin.get(path, params={"q": "x" * 101}), 400, "bad_param", "q")
    refuses(lambda: admin.get(path, params={"org": "abc"}), 400, "bad_param", "org")
    for f in tm["fields"]:
        if not f.get("filter"):
            continue
        bad = {"int": "abc", "ref": "0", "bool": "yes", "enum": "bogus"}.get(f["type"])
        if bad is not None:
            refuses(lambda: admin.get(path, params={f["name"]: bad}), 400, "bad_param", f["name"])
    if tm["org_field"] is None and tm["parent"] is None:
        # Configuration has no unit: an org filter is a bad parameter.
        refuses(lambda: admin.get(path, params={"org": 999999}), 400, "bad_param", "org")
    else:
        refuses(lambda: admin.get(path, params={"org": 999999}), 404, "not_found")


@pytest.mark.parametrize("tname", SEARCH_TYPES)
@pytest.mark.parametrize("q", ["dao duc {mk}", "ĐẠO ĐỨC {MK}", "Đạo Đức {mk}", "đạo đức {mk}",
                               "dạo dức {mk}", "NFD:đạo đức {mk}", "  dao   duc, {mk}  "])
def test_search_is_accent_insensitive(admin, pairs, tname, q):
    isolate, a, b = pairs(tname)
    mk = isolate["q"]
    text = q.format(mk=mk, MK=mk.upper())
    if text.startswith("NFD:"):
        text = unicodedata.normalize("NFD", text[4:])
    assert ids(listing(admin, SPECS[tname].path, q=text)) == [a["id"]]


@pytest.mark.parametrize("tname", SEARCH_TYPES)
def test_search_covers_every_search_field(admin, meta, ctx, tname):
    """A word only in one field marked "search" finds the record."""
    spec, problems = SPECS[tname], []
    search = [f for f in tmeta(meta, tname)["fields"] if f.get("search")]
    for f in search:
        mk, word = marker(), marker()
        body = spec.body(ctx, "a", mk)
        body[f["name"]] = "Nội dung riêng %s của trường" % word
        rec = create(admin, spec.path, body)
        got = ids(listing(admin, spec.path, q=word))
        if got != [rec["id"]]:
            problems.append("%s: expected [%d], got %s" % (f["name"], rec["id"], got))
    assert not problems, problems


@pytest.mark.parametrize("tname", TYPES)
def test_fields_not_searched_do_not_match(admin, meta, ctx, tname):
    """A word only in a text field not marked "search" finds nothing."""
    spec = SPECS[tname]
    others = [f for f in writable(tmeta(meta, tname))
              if f["type"] in ("text", "longtext") and not f.get("search")]
    if not others:
        pytest.skip("every text field of %s is searched" % tname)
    mk, word = marker(), marker()
    body = spec.body(ctx, "a", mk)
    for f in others:
        body[f["name"]] = ("Chỉ ở đây %s" % word)[:f["max"]]
    create(admin, spec.path, body)
    assert ids(listing(admin, spec.path, q=word)) == [], [f["name"] for f in others]


# ---- the life of a record ----------------------------------------------------------------

@pytest.mark.parametrize("tname", SOFT_TYPES)
def test_patch_delete_restore_and_history(admin, meta, ctx, refuses, server, tname):
    spec, tm, mk = SPECS[tname], tmeta(meta, tname), marker()
    url = lambda rid: "%s/%d" % (spec.path, rid)
    rec = create(admin, spec.path, spec.body(ctx, "a", mk))
    rid = rec["id"]
    # Found again by its marker (search), or by its unit and year.
    find = {"q": mk} if spec.searchable else {"org": rec["org_id"], "year": rec["year"]}

    change = spec.patch_for(ctx, mk)
    r = admin.patch(url(rid), json=change)
    assert r.status_code == 200, r.text
    patched = r.json()
    for k, v in change.items():
        assert patched[k] == v, k
    assert admin.get(url(rid)).json() == patched

    r = admin.delete(url(rid))
    assert r.status_code == 200, r.text
    deleted = r.json()
    assert deleted["deleted_at"] is not None and deleted["actions"] == ["restore"]
    assert admin.get(url(rid)).json()["deleted_at"] is not None
    assert rid not in ids(listing(admin, spec.path, **find))
    assert rid not in ids(listing(admin, spec.path))
    assert ids(listing(admin, spec.path, deleted=1, **find)) == [rid]
    assert all(x["deleted_at"] is not None for x in listing(admin, spec.path, deleted=1)["items"])
    first = dict([next(iter(change.items()))])
    refuses(lambda: admin.patch(url(rid), json=first), 400, "rule", "deleted_at")
    refuses(lambda: admin.delete(url(rid)), 400, "rule", "deleted_at")

    r = admin.post(url(rid) + "/restore")
    assert r.status_code == 200, r.text
    restored = r.json()
    assert restored["deleted_at"] is None and "edit" in restored["actions"]
    assert ids(listing(admin, spec.path, **find)) == [rid]
    assert ids(listing(admin, spec.path, deleted=1, **find)) == []
    refuses(lambda: admin.post(url(rid) + "/restore"), 400, "rule", "deleted_at")

    # The history: each change, who, before and after, oldest first.
    h = history(admin, spec.path, rid)
    assert [x["action"] for x in h] == ["create", "update", "delete", "restore"]
    assert all(x["account"]["username"] == "admin" for x in h)
    assert all((x["type"], x["record_id"]) == (spec.name, rid) for x in h)
    assert [x["id"] for x in h] == sorted(x["id"] for x in h)
    assert [x["at"] for x in h] == sorted(x["at"] for x in h)
    assert h[0]["before"] is None
    assert h[0]["after"] == own_fields(tm, rec)
    for prev, cur in zip(h, h[1:]):
        assert cur["before"] == prev["after"], cur["action"]
    assert h[1]["after"] == own_fields(tm, patched)
    changed = {k for k in h[1]["after"] if h[1]["after"][k] != h[1]["before"][k]}
    assert changed <= set(change) | {"updated_at", "updated_by"} | set(spec.derived), changed
    assert h[2]["after"] == own_fields(tm, deleted)
    assert h[3]["after"] == own_fields(tm, restored) == own_fields(tm, admin.get(url(rid)).json())
    # The same rows in the table itself.
    rows = audit_rows(server.db, spec.name, rid)
    assert [(x[3], x[4]) for x in rows] == [(a, admin.account["id"]) for a in
                                            ("create", "update", "delete", "restore")]
    assert json.loads(rows[0][6]) == h[0]["after"]


def test_catalog_is_corrected_not_deleted(admin, meta, ctx, refuses):
    """The catalog has no soft delete (an entry is deactivated instead):
    DELETE and restore are not its methods; a correction is audited."""
    spec, tm, mk = SPECS["catalog"], tmeta(meta, "catalog"), marker()
    rec = create(admin, CATALOG, spec.body(ctx, "a", mk))
    url = "%s/%d" % (CATALOG, rec["id"])
    refuses(lambda: admin.delete(url), 405, "method_not_allowed")
    refuses(lambda: admin.post(url + "/restore"), 405, "method_not_allowed")
    r = admin.patch(url, json={"active": False, "label_en": "Retired"})
    assert r.status_code == 200 and r.json()["active"] is False, r.text
    assert rec["id"] not in ids(listing(admin, CATALOG, q=mk, active=1))
    assert ids(listing(admin, CATALOG, q=mk)) == [rec["id"]]          # still listed
    h = history(admin, CATALOG, rec["id"])
    assert [x["action"] for x in h] == ["create", "update"]
    assert h[1]["before"] == own_fields(tm, rec) and h[1]["after"]["active"] is False


@pytest.mark.parametrize("tname", STAFF_TYPES)
def test_history_names_each_writer(clients, meta, org_ids, tname):
    """Changes by two accounts: each row names its own (staff of Hưng Yên,
    then the admin)."""
    staff, admin = clients["hungyen.tuyengiao"], clients["admin"]
    ctx = make_ctx(admin, org_ids, tag="người sửa")
    spec = SPECS[tname]
    rec = create(staff, spec.path, spec.body(ctx, "a", marker()))
    assert rec["created_by"] == staff.account["id"]
    r = admin.patch("%s/%d" % (spec.path, rec["id"]), json=spec.patch_for(ctx, "x"))
    assert r.status_code == 200, r.text
    assert r.json()["updated_by"] == admin.account["id"]
    assert r.json()["created_by"] == staff.account["id"]
    h = history(staff, spec.path, rec["id"])
    assert [(x["action"], x["account"]["username"]) for x in h] == \
        [("create", "hungyen.tuyengiao"), ("update", "admin")]
    assert h[0]["account"]["id"] == staff.account["id"]


def test_history_of_another_record_is_its_own(admin, ctx):
    a = create(admin, TOPICS, TopicSpec().body(ctx, "a", marker()))
    b = create(admin, ACTIVITIES, ActivitySpec().body(ctx, "a", marker()))
    assert [x["action"] for x in history(admin, TOPICS, a["id"])] == ["create"]
    # Same id in another type's table: not mixed up.
    for path, rid in ((TOPICS, a["id"]), (ACTIVITIES, b["id"])):
        for x in history(admin, path, rid):
            assert x["after"]["id"] == rid


@pytest.mark.parametrize("tname", TYPES)
def test_missing_records_are_404(admin, refuses, tname):
    path = SPECS[tname].path
    for send in (lambda: admin.get(path + "/999999"),
                 lambda: admin.patch(path + "/999999", json={}),
                 lambda: admin.delete(path + "/999999"),
                 lambda: admin.post(path + "/999999/restore"),
                 lambda: admin.get(path + "/999999/history"),
                 lambda: admin.get(path + "/1/nosuchthing"),
                 lambda: admin.post(path + "/1/nosuchthing", json={})):
        refuses(send, 404, "not_found")


@pytest.mark.parametrize("tname", TYPES)
def test_methods_sessions_and_csrf(server, admin, anon, ctx, refuses, tname):
    """No session: 401.  A cookie session writes only with its CSRF token.
    A method the path does not have: 405."""
    spec = SPECS[tname]
    rec = create(admin, spec.path, spec.body(ctx, "a", marker()))
    one = "%s/%d" % (spec.path, rec["id"])
    refuses(lambda: anon.get(spec.path), 401, "unauthenticated")
    refuses(lambda: anon.get(one), 401, "unauthenticated")
    refuses(lambda: anon.post(spec.path, json=spec.body(ctx, "a", marker())), 401, "unauthenticated")
    cookie = Client(server, "admin", cookie=True)
    del cookie.s.headers["X-CSRF-Token"]
    assert cookie.get(one).status_code == 200
    for send in (lambda: cookie.post(spec.path, json=spec.body(ctx, "a", marker())),
                 lambda: cookie.patch(one, json={}),
                 lambda: cookie.delete(one),
                 lambda: cookie.post(one + "/restore")):
        refuses(send, 403, "csrf")
    cookie.s.headers["X-CSRF-Token"] = cookie.csrf
    r = cookie.patch(one, json=spec.patch_for(ctx, "x"))
    assert r.status_code == 200, r.text
    for method, path in (("PUT", one), ("PUT", spec.path), ("DELETE", spec.path),
                         ("PATCH", spec.path), ("POST", one)):
        refuses(lambda: admin.request(method, path, json={}), 405, "method_not_allowed")


# ---- field errors, driven by the meta ---------------------------------------------------------

def bad_values(f):
    """(value, error code) pairs field f refuses whatever the record."""
    t, out = f["type"], []
    if t in ("text", "longtext"):
        out.append(("x" * (f["max"] + 1), "too_long"))
        out.append(("đ" * (f["max"] + 1), "too_long"))           # characters, not bytes
        if f["min"] > 0:
            out += [("", "required"), ("   ", "required")]
        out += [(5, "invalid_type"), (["x"], "invalid_type"), ({"a": "b"}, "invalid_type"),
                (True, "invalid_type")]
    elif t in ("code", "catalog"):
        out.append(("x" * (f["max"] + 1), "too_long"))
        if f["min"] > 0:
            out.append(("", "required"))
        out += [("ma so", "invalid_format"), ("mã", "invalid_format"), ("a/b", "invalid_format"),
                (5, "invalid_type"), (["x"], "invalid_type"), (True, "invalid_type")]
        if t == "catalog":
            # Not an entry of its list (nor of any list).
            out += [("no_such_entry", "invalid_value"), ("NEW", "invalid_value")]
    elif t == "int":
        out += [(f["min"] - 1, "out_of_range"), ("5", "invalid_type"), (5.5, "invalid_type"),
                (True, "invalid_type")]
        if f["max"] < 2 ** 63 - 1:
            out.append((f["max"] + 1, "out_of_range"))
    elif t == "ref":
        out += [(0, "out_of_range"), (-3, "out_of_range"), ("5", "invalid_type"),
                (1.5, "invalid_type"), ([5], "invalid_type")]
    elif t == "bool":
        out += [(1, "invalid_type"), (0, "invalid_type"), ("true", "invalid_type")]
    elif t == "date":
        out += [("%d-02-30" % (YEAR - 1), "invalid_date"), ("05/03/%d" % YEAR, "invalid_date"),
                ("%d-3-5" % YEAR, "invalid_date"), ("%d-13-01" % YEAR, "invalid_date"),
                ("hôm qua", "invalid_date"), (20250305, "invalid_type")]
    elif t == "enum":
        out += [("bogus", "invalid_value"), (f["values"][0].upper(), "invalid_value"),
                (f["values"][0] + " ", "invalid_value"), (1, "invalid_type"),
                ([f["values"][0]], "invalid_type")]
    return out


def good_value(f):
    """A value of the right JSON type for field f (for read-only and
    create-only fields, refused whatever the value)."""
    return {"int": 1, "ref": 1, "bool": True, "date": TODAY.isoformat(),
            "enum": (f.get("values") or ["x"])[0]}.get(f["type"], "x")


UNKNOWN_KEYS = ["bogus", "search_fold", "Title", "org", "actions", "person", "topic"]


def field_cases(tm, mode, skip=()):
    """(description, mutation of a valid body, code, field) for create or patch."""
    out = []
    for f in tm["fields"]:
        n = f["name"]
        if n in skip:
            continue
        if f["read_only"]:
            out.append(("%s read-only" % n, {n: good_value(f)}, "read_only", n))
            continue
        if mode == "patch" and f["create_only"]:
            out.append(("%s create-only" % n, {n: good_value(f)}, "create_only", n))
            continue
        if mode == "create" and f["required"]:
            out.append(("%s missing" % n, {n: KeyError}, "required", n))
        if not f["nullable"]:
            out.append(("%s null" % n, {n: None}, "not_null", n))
        for v, code in bad_values(f):
            out.append(("%s = %r" % (n, v if len(repr(v)) < 30 else repr(v)[:20] + "…"),
                        {n: v}, code, n))
    out.append(("id", {"id": 5}, "read_only", "id"))
    for k in UNKNOWN_KEYS:
        out.append(("unknown %s" % k, {k: 1}, "unknown_field", k))
    return out


def apply(body, mutation):
    body = dict(body)
    for k, v in mutation.items():
        if v is KeyError:
            body.pop(k, None)
        else:
            body[k] = v
    return body


def run_cases(cases, send, refuses):
    refused_all(refuses, [(desc, lambda m=mutation: send(m), 400, code, field)
                          for desc, mutation, code, field in cases])


@pytest.mark.parametrize("tname", TYPES)
def test_field_errors_on_create(admin, meta, ctx, refuses, tname):
    spec = SPECS[tname]
    base = spec.body(ctx, "a", marker())
    run_cases(field_cases(tmeta(meta, tname), "create"),
              lambda m: admin.post(spec.path, json=apply(base, m)), refuses)


@pytest.mark.parametrize("tname", TYPES)
def test_field_errors_on_patch(admin, meta, ctx, refuses, tname):
    spec = SPECS[tname]
    rec = create(admin, spec.path, spec.body(ctx, "a", marker()))
    cases = [c for c in field_cases(tmeta(meta, tname), "patch")
             if c[2] != "required"]                  # nothing is required in a PATCH
    run_cases(cases, lambda m: admin.patch("%s/%d" % (spec.path, rec["id"]), json=m), refuses)


@pytest.mark.parametrize("tname,cpath", CHILD_CASES, ids=CHILD_IDS)
def test_field_errors_of_children(admin, meta, ctx, refuses, tname, cpath):
    spec = SPECS[tname]
    cname = dict(spec.children)[cpath]
    parent = spec.parent_for_child(admin, ctx, marker())
    url = "%s/%d/%s" % (spec.path, parent["id"], cpath)
    parent_field = meta["types"][cname]["parent"] + "_id"
    cases = field_cases(meta["types"][cname], "create", skip=(parent_field,))
    run_cases(cases, lambda m: admin.post(url, json=apply(spec.child_body(ctx, cpath), m)),
              refuses)
    # The parent comes from the URL; a body naming another is refused.
    other = spec.parent_for_child(admin, ctx, marker())
    for v in (other["id"], str(parent["id"]), None):
        refuses(lambda: admin.post(url, json=dict(spec.child_body(ctx, cpath), **{parent_field: v})),
                400, "invalid_value", parent_field)
    # ... and one naming the same parent is fine.
    r = admin.post(url, json=dict(spec.child_body(ctx, cpath), **{parent_field: parent["id"]}))
    assert r.status_code == 201, r.text
    # A correction of the child: the same field errors (nothing required).
    child = r.json()
    cases = [c for c in field_cases(meta["types"][cname], "patch") if c[2] != "required"]
    run_cases(cases, lambda m: admin.patch("%s/%d" % (url, child["id"]), json=m), refuses)


@pytest.mark.parametrize("tname", TYPES)
def test_longest_texts_are_accepted(admin, meta, ctx, tname):
    """The accepted twins of too_long: exactly max characters."""
    spec = SPECS[tname]
    rec = create(admin, spec.path, spec.body(ctx, "a", marker()))
    for f in writable(tmeta(meta, tname)):
        if f["type"] in ("text", "longtext") and not f["create_only"]:
            v = "ư" * f["max"]
            r = admin.patch("%s/%d" % (spec.path, rec["id"]), json={f["name"]: v})
            assert r.status_code == 200, (f["name"], r.text)
            assert r.json()[f["name"]] == v


@pytest.mark.parametrize("tname", TYPES)
def test_text_is_trimmed_and_nfc(admin, ctx, tname):
    spec = SPECS[tname]
    body = spec.body(ctx, "a", marker())
    main = spec.main_text
    body[main] = "  " + unicodedata.normalize("NFD", "Học tập và làm theo") + "  "
    rec = create(admin, spec.path, body)
    assert rec[main] == "Học tập và làm theo"


# ---- children, for every type that has them ------------------------------------------------------

@pytest.mark.parametrize("tname,cpath", CHILD_CASES, ids=CHILD_IDS)
def test_child_add_correct_remove(admin, meta, ctx, server, refuses, tname, cpath):
    """A child is added (201, counted and shown in the parent), corrected
    (200), removed (204); each change is in the child's audit and in the
    parent's history (type and record_id of the child)."""
    spec = SPECS[tname]
    cname = dict(spec.children)[cpath]
    parent = spec.parent_for_child(admin, ctx, marker())
    purl = "%s/%d" % (spec.path, parent["id"])
    url = "%s/%s" % (purl, cpath)
    body = spec.child_body(ctx, cpath)
    child = create(admin, url, body)
    parent_field = meta["types"][cname]["parent"] + "_id"
    assert child[parent_field] == parent["id"]
    for k, v in body.items():
        assert child[k] == v, (k, child[k], v)
    assert child["created_by"] == admin.account["id"]
    detail = admin.get(purl).json()
    assert detail["%s_count" % cpath] == 1
    if (tname, cpath) not in SHADOWED:
        assert [x["id"] for x in detail[cpath]] == [child["id"]]
    assert ids(listing(admin, url)) == [child["id"]]

    change = spec.child_patch(ctx, cpath)
    r = admin.patch("%s/%d" % (url, child["id"]), json=change)
    assert r.status_code == 200, r.text
    for k, v in change.items():
        assert r.json()[k] == v, k
    assert listing(admin, url)["items"][0] == {k: v for k, v in r.json().items() if k != "actions"}

    # Not found under another parent, nor when missing.
    other = spec.parent_for_child(admin, ctx, marker())
    refuses(lambda: admin.delete("%s/%d/%s/%d" % (spec.path, other["id"], cpath, child["id"])),
            404, "not_found")
    refuses(lambda: admin.patch("%s/%d/%s/%d" % (spec.path, other["id"], cpath, child["id"]),
                                json=change), 404, "not_found")
    refuses(lambda: admin.delete("%s/999999" % url), 404, "not_found")

    r = admin.delete("%s/%d" % (url, child["id"]))
    assert r.status_code == 204 and r.content == b"", r.text
    assert admin.get(purl).json()["%s_count" % cpath] == 0
    assert ids(listing(admin, url)) == []

    rows = audit_rows(server.db, cname, child["id"])
    assert [(x[3], x[4]) for x in rows] == [("create", admin.account["id"]),
                                            ("update", admin.account["id"]),
                                            ("delete", admin.account["id"])]
    h = history(admin, spec.path, parent["id"])
    mine = [(x["action"], x["before"] is None, x["after"] is None) for x in h
            if x["type"] == cname and x["record_id"] == child["id"]]
    assert mine == [("create", True, False), ("update", False, False), ("delete", False, True)], h
    # Every row is the parent's own or one of its children's.
    assert {x["type"] for x in h} <= {spec.name, cname} | {n for _, n in spec.children}
    assert all(x["record_id"] == parent["id"] for x in h if x["type"] == spec.name)


@pytest.mark.parametrize("tname,cpath", CHILD_CASES, ids=CHILD_IDS)
def test_no_children_on_a_deleted_parent(admin, ctx, refuses, tname, cpath):
    spec = SPECS[tname]
    parent = spec.parent_for_child(admin, ctx, marker())
    url = "%s/%d/%s" % (spec.path, parent["id"], cpath)
    child = create(admin, url, spec.child_body(ctx, cpath))
    assert admin.delete("%s/%d" % (spec.path, parent["id"])).status_code == 200
    refuses(lambda: admin.post(url, json=spec.child_body(ctx, cpath)), 400, "rule", "deleted_at")
    refuses(lambda: admin.patch("%s/%d" % (url, child["id"]), json=spec.child_patch(ctx, cpath)),
            400, "rule", "deleted_at")
    refuses(lambda: admin.delete("%s/%d" % (url, child["id"])), 400, "rule", "deleted_at")
    assert ids(listing(admin, url)) == [child["id"]]               # still listed under it


@pytest.mark.parametrize("tname,cpath", CHILD_CASES, ids=CHILD_IDS)
def test_inline_children_beside_the_actions(admin, ctx, tname, cpath):
    """A detail shows its children inline and, under "actions", what the
    account may do now (docs/api.md) — both, for every child type."""
    spec = SPECS[tname]
    parent = spec.parent_for_child(admin, ctx, marker())
    child = create(admin, "%s/%d/%s" % (spec.path, parent["id"], cpath), spec.child_body(ctx, cpath))
    detail = admin.get("%s/%d" % (spec.path, parent["id"])).json()
    assert detail["%s_count" % cpath] == 1
    assert all(isinstance(a, str) for a in detail["actions"]), detail["actions"]
    inline = [k for k, v in detail.items() if isinstance(v, list) and
              [x.get("id") for x in v if isinstance(x, dict)] == [child["id"]]]
    assert inline, "the %s of %s #%d are not shown inline: %s" % (
        cpath, tname, parent["id"], sorted(detail))


def test_children_have_no_soft_delete_nor_lists_of_their_own(admin, refuses, meta):
    for tname, cpath in CHILD_CASES:
        spec = SPECS[tname]
        tm = meta["types"][dict(spec.children)[cpath]]
        assert tm["soft_delete"] is False and tm["parent"] == spec.name, cpath
        refuses(lambda: admin.get("/api/v1/" + cpath), 404, "not_found")
    refuses(lambda: admin.get("/api/v1/checkins"), 404, "not_found")


# ---- rules of single types ----------------------------------------------------------------------

def test_topic_years_in_order(admin, ctx, refuses):
    body = TopicSpec().body(ctx, "a", marker())
    refuses(lambda: admin.post(TOPICS, json=dict(body, year_from=2026, year_to=2025)),
            400, "rule", "year_to")
    rec = create(admin, TOPICS, dict(body, year_from=2026, year_to=2026))
    url = "%s/%d" % (TOPICS, rec["id"])
    refuses(lambda: admin.patch(url, json={"year_from": 2027}), 400, "rule", "year_to")
    refuses(lambda: admin.patch(url, json={"year_to": 2025}), 400, "rule", "year_to")
    r = admin.patch(url, json={"year_to": None, "year_from": 2027})
    assert r.status_code == 200 and r.json()["year_to"] is None, r.text


def test_activity_year_follows_the_date(admin, ctx, refuses):
    rec = create(admin, ACTIVITIES, dict(ActivitySpec().body(ctx, "a", marker()), date="2024-12-31"))
    assert rec["year"] == 2024
    url = "%s/%d" % (ACTIVITIES, rec["id"])
    r = admin.patch(url, json={"date": "2025-01-01"})
    assert r.status_code == 200 and r.json()["year"] == 2025, r.text
    assert rec["id"] in ids(listing(admin, ACTIVITIES, year=2025))
    assert rec["id"] not in ids(listing(admin, ACTIVITIES, year=2024))
    assert history(admin, ACTIVITIES, rec["id"])[-1]["after"]["year"] == 2025
    refuses(lambda: admin.patch(url, json={"year": 2025}), 400, "read_only", "year")
    refuses(lambda: admin.patch(url, json={"date": "2025-01-01", "year": 2030}),
            400, "read_only", "year")


def test_pledge_due_date_not_before_its_year(admin, ctx, refuses):
    body = PledgeSpec().body(ctx, "a", marker())
    refuses(lambda: admin.post(PLEDGES, json=dict(body, year=2026, due_date="2025-12-31")),
            400, "rule", "due_date")
    rec = create(admin, PLEDGES, dict(body, year=2025, due_date="2025-01-01"))
    url = "%s/%d" % (PLEDGES, rec["id"])
    refuses(lambda: admin.patch(url, json={"year": 2026}), 400, "rule", "due_date")
    r = admin.patch(url, json={"year": 2026, "due_date": "2027-03-31"})
    assert r.status_code == 200, r.text


def test_pledge_status_is_read_only(admin, ctx, refuses):
    body = PledgeSpec().body(ctx, "a", marker())
    for st in ("draft", "accepted", "closed"):
        refuses(lambda: admin.post(PLEDGES, json=dict(body, status=st)), 400, "read_only", "status")
    rec = create(admin, PLEDGES, body)
    assert rec["status"] == "draft" and rec["progress"] is None
    for f, v in (("status", "accepted"), ("accepted_on", TODAY.isoformat()),
                 ("verdict", "done"), ("progress", 100), ("last_checkin", TODAY.isoformat()),
                 ("return_reason", "x"), ("self_review", "x")):
        refuses(lambda: admin.patch("%s/%d" % (PLEDGES, rec["id"]), json={f: v}),
                400, "read_only", f)


def test_pledge_unit_and_person(admin, ctx, org_ids, refuses):
    """Individual: the unit defaults to the person's; the person must be in
    the unit's subtree.  Collective: no person, a unit is needed."""
    base = PledgeSpec().body(ctx, "a", marker())
    del base["org_id"]
    rec = create(admin, PLEDGES, base)
    assert rec["org_id"] == ctx.person_a["org_id"] == ctx.unit_a["id"]
    assert rec["person"]["id"] == ctx.person_a["id"]
    # A unit above the person's: inside its subtree.
    rec = create(admin, PLEDGES, dict(base, org_id=org_ids["HY"]))
    assert rec["org_id"] == org_ids["HY"]
    # A sibling unit: not the person's.
    refuses(lambda: admin.post(PLEDGES, json=dict(base, org_id=ctx.unit_b["id"])),
            400, "rule", "person_id")
    # Collective.
    coll = dict(base, org_id=ctx.unit_b["id"])
    del coll["person_id"]
    rec = create(admin, PLEDGES, coll)
    assert rec["person_id"] is None and rec.get("person") is None
    rec = create(admin, PLEDGES, dict(coll, person_id=None))
    assert rec["person_id"] is None
    del coll["org_id"]
    refuses(lambda: admin.post(PLEDGES, json=coll), 400, "required", "org_id")
    refuses(lambda: admin.post(PLEDGES, json=dict(coll, person_id=None)), 400, "required", "org_id")


# ---- references ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def deleted_topic(admin, ctx):
    t = create(admin, TOPICS, {"title": "Chuyên đề đã xóa", "kind": "year", "year_from": YEAR,
                               "org_id": ctx.unit_a["id"]})
    assert admin.delete("%s/%d" % (TOPICS, t["id"])).status_code == 200
    return t


@pytest.mark.parametrize("tname", ["activities", "pledges", "plans"])
def test_topic_reference_must_be_live_and_visible(admin, clients, ctx, org_ids, deleted_topic,
                                                  refuses, tname):
    spec = SPECS[tname]
    body = spec.body(ctx, "a", marker())
    for bad in (deleted_topic["id"], 999999):
        refuses(lambda: admin.post(spec.path, json=dict(body, topic_id=bad)), 400, "ref", "topic_id")
    rec = create(admin, spec.path, body)
    url = "%s/%d" % (spec.path, rec["id"])
    refuses(lambda: admin.patch(url, json={"topic_id": deleted_topic["id"]}), 400, "ref", "topic_id")
    r = admin.patch(url, json={"topic_id": None})
    assert r.status_code == 200 and r.json()["topic_id"] is None, r.text
    # A deleted topic that comes back can be named again.
    admin.post("%s/%d/restore" % (TOPICS, deleted_topic["id"]))
    try:
        r = admin.patch(url, json={"topic_id": deleted_topic["id"]})
        assert r.status_code == 200, r.text
    finally:
        admin.delete("%s/%d" % (TOPICS, deleted_topic["id"]))


@pytest.fixture(scope="module")
def scope_topics(admin, org_ids):
    """A topic of each of VN, HY, BN and the Quế Ổ cell."""
    out = {}
    for code in ("VN", "HY", "BN", "BN.QV.CHI_LANG.QUE_O"):
        out[code] = create(admin, TOPICS, {"title": "Chuyên đề của %s" % code, "kind": "year",
                                           "year_from": YEAR, "org_id": org_ids[code]})
    return out


@pytest.fixture(scope="module")
def bn_people(admin, org_ids, clients):
    cell = org_ids["BN.QV.CHI_LANG.QUE_O"]
    return {"cell": find_person(admin, cell, skip={clients["dangvien.queo"].account["person_id"]}),
            "hy": make_person(admin, org_ids["HY.THAI_THUY"], "Người Thử Ngoài Phạm Vi")}


def test_inherited_topics_may_be_named_below(clients, org_ids, scope_topics, bn_people):
    """A topic issued above the account's unit (BN, VN for the Quế Ổ cell)
    is visible to it, so its activities and pledges may name it."""
    sec, staff = clients["bithu.queo"], clients["bacninh.tuyengiao"]
    cell = org_ids["BN.QV.CHI_LANG.QUE_O"]
    for code in ("VN", "BN", "BN.QV.CHI_LANG.QUE_O"):
        t = scope_topics[code]["id"]
        a = create(sec, ACTIVITIES, {"title": "Sinh hoạt chuyên đề", "kind": "cell_meeting",
                                     "date": TODAY.isoformat(), "org_id": cell, "topic_id": t})
        assert a["topic"]["id"] == t
        p = create(sec, PLEDGES, {"year": YEAR, "person_id": bn_people["cell"]["id"],
                                  "topic_id": t, "follow": "Làm theo", "solutions": "Giải pháp",
                                  "due_date": "%d-12-31" % YEAR})
        assert p["topic"]["id"] == t and p["org_id"] == cell
    a = create(staff, ACTIVITIES, {"title": "Hội nghị tỉnh", "kind": "conference",
                                   "date": TODAY.isoformat(), "org_id": org_ids["BN"],
                                   "topic_id": scope_topics["VN"]["id"]})
    assert a["topic"]["id"] == scope_topics["VN"]["id"]


def test_references_outside_the_scope(clients, org_ids, scope_topics, bn_people, refuses):
    """Units, people and topics out of the account's scope are answered as
    if they did not exist: 400 ref naming the field."""
    staff = clients["bacninh.tuyengiao"]
    bn, hy = org_ids["BN"], org_ids["HY"]
    hy_person = bn_people["hy"]["id"]
    topic = {"title": "Chuyên đề", "kind": "year", "year_from": YEAR}
    act = {"title": "Hội nghị", "kind": "conference", "date": TODAY.isoformat()}
    pl = {"year": YEAR, "follow": "Làm theo", "solutions": "Giải pháp",
          "due_date": "%d-12-31" % YEAR}
    cases = [
        (TOPICS, dict(topic, org_id=hy), "org_id"),
        (TOPICS, dict(topic, org_id=org_ids["VN"]), "org_id"),       # above: read, not issued
        (TOPICS, dict(topic, org_id=999999), "org_id"),
        (ACTIVITIES, dict(act, org_id=hy), "org_id"),
        (ACTIVITIES, dict(act, org_id=999999), "org_id"),
        (ACTIVITIES, dict(act, org_id=bn, topic_id=scope_topics["HY"]["id"]), "topic_id"),
        (PLEDGES, dict(pl, org_id=hy), "org_id"),
        (PLEDGES, dict(pl, person_id=hy_person), "person_id"),
        (PLEDGES, dict(pl, org_id=bn, person_id=hy_person), "person_id"),
        (PLEDGES, dict(pl, org_id=bn, person_id=999999), "person_id"),
        (PLEDGES, dict(pl, org_id=bn, topic_id=scope_topics["HY"]["id"]), "topic_id"),
    ]
    checks = [("bacninh.tuyengiao POST %s %s" % (path, body),
               lambda path=path, body=body: staff.post(path, json=body), 400, "ref", field)
              for path, body, field in cases]
    # The Quế Ổ secretary: the province is above the cell, not in its scope.
    sec = clients["bithu.queo"]
    checks += [
        ("bithu.queo POST activity of BN", lambda: sec.post(ACTIVITIES, json=dict(act, org_id=bn)),
         400, "ref", "org_id"),
        ("bithu.queo POST pledge of BN", lambda: sec.post(PLEDGES, json=dict(pl, org_id=bn)),
         400, "ref", "org_id")]
    # A PATCH may not point outside either.
    rec = create(staff, ACTIVITIES, dict(act, org_id=bn))
    checks.append(("PATCH topic_id of HY",
                   lambda: staff.patch("%s/%d" % (ACTIVITIES, rec["id"]),
                                       json={"topic_id": scope_topics["HY"]["id"]}),
                   400, "ref", "topic_id"))
    refused_all(refuses, checks)


def test_checks_in_the_documented_order(clients, org_ids, refuses, scope_topics):
    """404 (URL) before 403 (role) before the body's fields before its
    references before the rules."""
    staff, viewer = clients["bacninh.tuyengiao"], clients["lanhdao.hungyen"]
    admin = clients["admin"]
    hy_act = create(admin, ACTIVITIES, {"title": "Hoạt động Hưng Yên", "kind": "conference",
                                        "date": TODAY.isoformat(), "org_id": org_ids["HY"]})
    url = "%s/%d" % (ACTIVITIES, hy_act["id"])
    refuses(lambda: staff.patch(url, json={"bogus": 1}), 404, "not_found")
    refuses(lambda: viewer.patch(url, json={"bogus": 1}), 403, "forbidden")
    refuses(lambda: viewer.post(ACTIVITIES, json={"org_id": org_ids["BN"]}), 403, "forbidden")
    # Fields before references.
    refuses(lambda: staff.post(ACTIVITIES, json={"title": "x" * 501, "kind": "conference",
                                                 "date": TODAY.isoformat(), "org_id": org_ids["HY"]}),
            400, "too_long", "title")
    # References before rules (due date before the year).
    refuses(lambda: staff.post(PLEDGES, json={"year": YEAR, "org_id": org_ids["HY"],
                                              "follow": "x", "solutions": "y",
                                              "due_date": "%d-01-01" % (YEAR - 1)}),
            400, "ref", "org_id")
    refuses(lambda: staff.post(TOPICS, json={"title": "x", "kind": "year", "year_from": 2026,
                                             "year_to": 2025, "org_id": org_ids["HY"]}),
            400, "ref", "org_id")


# ---- attendance ------------------------------------------------------------------------------

def test_attendance(admin, ctx, server, refuses, org_ids, clients):
    act = create(admin, ACTIVITIES, ActivitySpec().body(ctx, "a", marker()))
    url = "%s/%d/attendance" % (ACTIVITIES, act["id"])
    r = admin.post(url, json={"person_id": ctx.person_a["id"], "note": "Chủ trì"})
    assert r.status_code == 201, r.text
    att = r.json()
    assert att["activity_id"] == act["id"] and att["person"]["id"] == ctx.person_a["id"]
    assert att["person"]["full_name"] == ctx.person_a["full_name"]
    # Once per person.
    err = refuses(lambda: admin.post(url, json={"person_id": ctx.person_a["id"]}),
                  409, "exists", "person_id")
    assert err
    # A person outside the scope of the account, or none.
    staff = clients["hungyen.tuyengiao"]
    bn_person = find_person(admin, org_ids["BN.QV.CHI_LANG.QUE_O"])
    refuses(lambda: staff.post(url, json={"person_id": bn_person["id"]}), 400, "ref", "person_id")
    refuses(lambda: staff.post(url, json={"person_id": 999999}), 400, "ref", "person_id")
    r = staff.post(url, json={"person_id": ctx.person_b["id"]})     # another unit of the scope
    assert r.status_code == 201, r.text
    second = r.json()
    detail = admin.get("%s/%d" % (ACTIVITIES, act["id"])).json()
    assert detail["attendance_count"] == 2
    assert [x["id"] for x in detail["attendance"]] == [att["id"], second["id"]]
    lst = listing(admin, url)
    assert sorted(ids(lst)) == sorted([att["id"], second["id"]])
    assert ids(listing(admin, url, person_id=ctx.person_b["id"])) == [second["id"]]
    # A child of another activity is not found under this one.
    other = create(admin, ACTIVITIES, ActivitySpec().body(ctx, "a", marker()))
    refuses(lambda: admin.delete("%s/%d/attendance/%d" % (ACTIVITIES, other["id"], att["id"])),
            404, "not_found")
    refuses(lambda: admin.delete("%s/%d" % (url, 999999)), 404, "not_found")
    # Remove: 204, gone, counted again, audited.
    r = admin.delete("%s/%d" % (url, att["id"]))
    assert r.status_code == 204 and r.content == b"", r.text
    refuses(lambda: admin.delete("%s/%d" % (url, att["id"])), 404, "not_found")
    assert ids(listing(admin, url)) == [second["id"]]
    assert admin.get("%s/%d" % (ACTIVITIES, act["id"])).json()["attendance_count"] == 1
    # The person may be added again once removed.
    r = admin.post(url, json={"person_id": ctx.person_a["id"]})
    assert r.status_code == 201, r.text
    rows = audit_rows(server.db, "attendance", att["id"])
    assert [(x[3], x[4]) for x in rows] == [("create", admin.account["id"]),
                                            ("delete", admin.account["id"])]
    assert json.loads(rows[1][5])["person_id"] == ctx.person_a["id"] and rows[1][6] is None
    assert [x[4] for x in audit_rows(server.db, "attendance", second["id"])] == [staff.account["id"]]
    # Not on a deleted activity.
    assert admin.delete("%s/%d" % (ACTIVITIES, act["id"])).status_code == 200
    refuses(lambda: admin.post(url, json={"person_id": ctx.person_b["id"]}), 400, "rule", "deleted_at")
    refuses(lambda: admin.delete("%s/%d" % (url, second["id"])), 400, "rule", "deleted_at")
    assert ids(listing(admin, url)) != []                         # still listed under it





# ---- references and people of the new types ----------------------------------------------------

def unit_beside(orgs, org_id):
    """An open unit under the same parent as org_id, outside the scope of
    an account of org_id."""
    roots = scope_roots(orgs, org_id)
    parent = orgs[org_id].parent_id
    return next(o.id for o in sorted(orgs.values(), key=lambda o: o.id)
                if o.parent_id == parent and o.id != org_id and o.valid_to is None
                and not any(o.path.startswith(r) for r in roots))


def test_references_of_the_new_types(clients, org_ids, scope_topics, bn_people, refuses):
    """Units, people and topics out of the account's scope, or missing: 400
    ref naming the field — the record's unit, an inspected unit, a task's
    owner, a replicating unit, a person; the units that may be above the
    account (transferred to, approved by, issued by) not in another province."""
    staff = clients["bacninh.tuyengiao"]
    bn, hy = org_ids["BN"], org_ids["HY"]
    hyp = bn_people["hy"]["id"]
    bodies = {
        PLANS: {"year": YEAR, "title": "Kế hoạch"},
        CONCERNS: {"title": "Vấn đề", "field": "land", "source": "press", "opened": iso(TODAY)},
        PETITIONS: {"kind": "report", "received": iso(TODAY), "subject": "Phản ánh"},
        EXEMPLARS: {"year": YEAR, "level": "cell", "title": "Mô hình"},
        INSPECTIONS: {"kind": "inspection", "start_date": iso(TODAY), "subject": "Kiểm tra",
                      "target_org_id": bn},
        EVALUATIONS: {"year": YEAR, "scale": "mass", "level_given": "fair"},
        AWARDS: {"year": YEAR, "kind": "other", "title": "Khen", "issuer_org_id": bn},
        SURVEYS: {"date": iso(TODAY), "title": "Điều tra", "question": "Câu hỏi",
                  "sample_size": 10},
        METRICS: {"metric": "initiatives", "year": YEAR, "period": "m01", "value": 1},
    }
    cases = []
    for path, body in bodies.items():
        cases += [(path, dict(body, org_id=hy), "org_id"),
                  (path, dict(body, org_id=999999), "org_id"),
                  (path, dict(body, org_id=org_ids["VN"]), "org_id")]      # above: not its own
    cases += [
        (INSPECTIONS, dict(bodies[INSPECTIONS], org_id=bn, target_org_id=hy), "target_org_id"),
        (INSPECTIONS, dict(bodies[INSPECTIONS], org_id=bn, target_org_id=org_ids["VN"]),
         "target_org_id"),
        (PLANS, dict(bodies[PLANS], org_id=bn, topic_id=scope_topics["HY"]["id"]), "topic_id"),
        (PETITIONS, dict(bodies[PETITIONS], org_id=bn, transferred_to_id=hy), "transferred_to_id"),
        (PETITIONS, dict(bodies[PETITIONS], org_id=bn, transferred_to_id=999999),
         "transferred_to_id"),
        (EXEMPLARS, dict(bodies[EXEMPLARS], org_id=bn, person_id=hyp), "person_id"),
        (EXEMPLARS, dict(bodies[EXEMPLARS], org_id=bn, person_id=999999), "person_id"),
        (EVALUATIONS, dict(bodies[EVALUATIONS], org_id=bn, person_id=hyp), "person_id"),
        (EVALUATIONS, dict(bodies[EVALUATIONS], org_id=bn, approver_org_id=hy), "approver_org_id"),
        (AWARDS, dict(bodies[AWARDS], org_id=bn, issuer_org_id=hy), "issuer_org_id"),
        (AWARDS, dict(bodies[AWARDS], org_id=bn, issuer_org_id=999999), "issuer_org_id"),
        (AWARDS, dict(bodies[AWARDS], org_id=bn, person_id=hyp), "person_id"),
    ]
    checks = [("bacninh.tuyengiao POST %s %s" % (path, body),
               lambda path=path, body=body: staff.post(path, json=body), 400, "ref", field)
              for path, body, field in cases]
    # Children: a task's owner, a replicating unit.
    plan = create(staff, PLANS, dict(bodies[PLANS], org_id=bn))
    ex = create(staff, EXEMPLARS, dict(bodies[EXEMPLARS], org_id=bn))
    for owner in (hy, 999999):
        checks.append(("task owner %d" % owner, lambda owner=owner: staff.post(
            "%s/%d/tasks" % (PLANS, plan["id"]),
            json={"group_no": 1, "title": "Nhiệm vụ", "owner_org_id": owner}), 400, "ref",
            "owner_org_id"))
        checks.append(("replication by %d" % owner, lambda owner=owner: staff.post(
            "%s/%d/replications" % (EXEMPLARS, ex["id"]),
            json={"org_id": owner, "date": iso(TODAY)}), 400, "ref", "org_id"))
    refused_all(refuses, checks)


@pytest.mark.parametrize("tname", ["awards", "evaluations", "exemplars"])
def test_the_person_belongs_to_the_unit(admin, ctx, refuses, tname):
    """A record about a person names a unit the person belongs to (its
    subtree); the person cannot be changed afterwards."""
    spec = SPECS[tname]
    body = spec.body(ctx, "a", marker())
    refuses(lambda: admin.post(spec.path, json=dict(body, org_id=ctx.unit_b["id"])),
            400, "rule", "person_id")
    rec = create(admin, spec.path, dict(body, org_id=ctx.hy))           # the unit above: fine
    refuses(lambda: admin.patch("%s/%d" % (spec.path, rec["id"]), json={"person_id": ctx.person_b["id"]}),
            400, "create_only", "person_id")


# ---- plans and tasks --------------------------------------------------------------------------

def test_task_done_exactly_with_its_date(admin, ctx, refuses):
    """A task is done exactly when it has the date it was done, never a
    future one; the plan counts its tasks done."""
    plan = create(admin, PLANS, PlanSpec().body(ctx, "a", marker()))
    purl = "%s/%d" % (PLANS, plan["id"])
    url = purl + "/tasks"
    assert plan["tasks_done"] == 0 and plan["tasks_count"] == 0
    base = {"group_no": 1, "title": "Quán triệt chuyên đề"}
    refused_all(refuses, [
        ("done without done_on", lambda: admin.post(url, json=dict(base, status="done")),
         400, "rule", "done_on"),
        ("done, done_on null", lambda: admin.post(url, json=dict(base, status="done", done_on=None)),
         400, "rule", "done_on"),
        ("in progress with done_on", lambda: admin.post(
            url, json=dict(base, status="in_progress", done_on=iso(TODAY))), 400, "rule", "done_on"),
        ("pending (default) with done_on", lambda: admin.post(
            url, json=dict(base, done_on=iso(TODAY))), 400, "rule", "done_on"),
        ("done tomorrow", lambda: admin.post(
            url, json=dict(base, status="done", done_on=later(1))), 400, "rule", "done_on"),
    ])
    t1 = create(admin, url, dict(base, status="done", done_on=iso(TODAY)))
    t2 = create(admin, url, dict(base, group_no=2, title="Sơ kết giữa năm"))
    assert t2["status"] == "pending" and t2["done_on"] is None
    p = admin.get(purl).json()
    assert (p["tasks_done"], p["tasks_count"]) == (1, 2)
    one = lambda t: "%s/%d" % (url, t["id"])
    refused_all(refuses, [
        ("patch done only", lambda: admin.patch(one(t2), json={"status": "done"}),
         400, "rule", "done_on"),
        ("patch done tomorrow", lambda: admin.patch(
            one(t2), json={"status": "done", "done_on": later(1)}), 400, "rule", "done_on"),
        ("undone, keeping done_on", lambda: admin.patch(one(t1), json={"status": "in_progress"}),
         400, "rule", "done_on"),
        ("done_on removed", lambda: admin.patch(one(t1), json={"done_on": None}),
         400, "rule", "done_on"),
        ("done_on moved to the future", lambda: admin.patch(one(t1), json={"done_on": later(3)}),
         400, "rule", "done_on"),
    ])
    steps = [(t2, {"status": "done", "done_on": iso(TODAY - 3 * DAY)}, 2),
             (t1, {"status": "cancelled", "done_on": None}, 1)]
    for t, change, done in steps:
        r = admin.patch(one(t), json=change)
        assert r.status_code == 200, r.text
        assert admin.get(purl).json()["tasks_done"] == done, change
    assert admin.delete(one(t2)).status_code == 204
    assert admin.get(purl).json()["tasks_done"] == 0
    # The plan's history: each recount, after each change of a task.
    counts = [x["after"]["tasks_done"] for x in history(admin, PLANS, plan["id"])
              if x["type"] == "plan" and x["action"] == "task"]
    assert counts == [1, 1, 2, 1, 0], counts
    # The list of tasks: group by group, filtered by status.
    assert ids(listing(admin, url)) == [t1["id"]]
    assert ids(listing(admin, url, status="cancelled")) == [t1["id"]]
    assert ids(listing(admin, url, status="done")) == []


# ---- concerns and petitions: state updates ----------------------------------------------------------

FOLLOWUP = {
    # first state, an open one, resolved, closed, a state of the other list,
    # the field an update may not precede, the update type
    "concerns": ("new", "in_progress", "resolved", "closed_unresolved", "received", "opened",
                 "concern_update"),
    "petitions": ("received", "in_progress", "resolved", "dismissed", "new", "received",
                  "petition_update"),
}


@pytest.mark.parametrize("tname", sorted(FOLLOWUP))
def test_state_follows_the_latest_update(admin, ctx, refuses, tname):
    """The record shows the state of its latest update by date (its kind,
    and resolved_on when resolved); reopening is an update to an open state;
    without updates it is back to its first state."""
    first, open_, resolved, closed, foreign, start_field, utype = FOLLOWUP[tname]
    spec = SPECS[tname]
    rec = create(admin, spec.path, spec.body(ctx, "a", marker()))
    purl = "%s/%d" % (spec.path, rec["id"])
    url = purl + "/updates"
    start = datetime.date.fromisoformat(rec[start_field])
    assert (rec["state"], rec["state_kind"], rec["resolved_on"]) == (first, "open", None)

    def post(d, state, note="Cập nhật tình hình"):
        return admin.post(url, json={"date": iso(d), "state": state, "note": note})

    def shown():
        r = admin.get(purl).json()
        return r["state"], r["state_kind"], r["resolved_on"]

    refused_all(refuses, [
        ("unknown state", lambda: post(start, "bogus"), 400, "invalid_value", "state"),
        ("a state of the other list", lambda: post(start, foreign), 400, "invalid_value", "state"),
        ("a state in capitals", lambda: post(start, open_.upper()), 400, "invalid_value", "state"),
        ("before %s" % start_field, lambda: post(start - DAY, open_), 400, "date_order", "date"),
        ("tomorrow", lambda: post(TODAY + DAY, open_), 400, "rule", "date"),
        ("no note", lambda: admin.post(url, json={"date": iso(start), "state": open_}),
         400, "required", "note"),
    ])
    u1 = post(start, open_)                              # the day it was opened: fine
    assert u1.status_code == 201, u1.text
    u1 = u1.json()
    assert (u1["state"], u1["state_kind"]) == (open_, "open")
    assert shown() == (open_, "open", None)
    u2 = create(admin, url, {"date": iso(start + 10 * DAY), "state": resolved, "note": "Xong"})
    assert u2["state_kind"] == "resolved"
    assert shown() == (resolved, "resolved", iso(start + 10 * DAY))
    # Reopened.
    u3 = create(admin, url, {"date": iso(start + 20 * DAY), "state": open_, "note": "Tái phát"})
    assert shown() == (open_, "open", None)
    # An update dated before the latest does not change what is shown ...
    u4 = create(admin, url, {"date": iso(start + 5 * DAY), "state": closed, "note": "Dừng"})
    assert u4["state_kind"] == "closed"
    assert shown() == (open_, "open", None)
    # ... until it is moved after it.
    one = lambda u: "%s/%d" % (url, u["id"])
    r = admin.patch(one(u4), json={"date": iso(start + 30 * DAY)})
    assert r.status_code == 200, r.text
    assert shown() == (closed, "closed", None)
    refused_all(refuses, [
        ("moved before %s" % start_field, lambda: admin.patch(one(u4), json={"date": iso(start - DAY)}),
         400, "date_order", "date"),
        ("moved to tomorrow", lambda: admin.patch(one(u4), json={"date": iso(TODAY + DAY)}),
         400, "rule", "date"),
        ("corrected to an unknown state", lambda: admin.patch(one(u4), json={"state": "bogus"}),
         400, "invalid_value", "state"),
        ("state_kind is derived", lambda: admin.patch(one(u4), json={"state_kind": "open"}),
         400, "read_only", "state_kind"),
    ])
    # The state of an update corrected: its kind follows.
    r = admin.patch(one(u4), json={"state": resolved})
    assert r.status_code == 200 and r.json()["state_kind"] == "resolved", r.text
    assert shown() == (resolved, "resolved", iso(start + 30 * DAY))
    r = admin.patch(one(u4), json={"state": closed})
    assert r.status_code == 200, r.text
    # Removing updates, latest first: each time the latest left is shown.
    assert admin.delete(one(u4)).status_code == 204
    assert shown() == (open_, "open", None)
    assert admin.delete(one(u3)).status_code == 204
    assert shown() == (resolved, "resolved", iso(start + 10 * DAY))
    assert admin.delete(one(u2)).status_code == 204
    assert shown() == (open_, "open", None)
    assert admin.delete(one(u1)).status_code == 204
    assert shown() == (first, "open", None)
    # The record's own fields were never written by the client.
    for f, v in (("state", resolved), ("state_kind", "resolved"), ("resolved_on", iso(TODAY))):
        refuses(lambda: admin.patch(purl, json={f: v}), 400, "read_only", f)
    # The history: every update, and the state shown after each.
    h = history(admin, spec.path, rec["id"])
    assert [x["record_id"] for x in h if x["type"] == utype and x["action"] == "create"] == \
        [u1["id"], u2["id"], u3["id"], u4["id"]]
    states = [x["after"]["state"] for x in h if x["type"] == spec.name and x["action"] == utype]
    assert states == [open_, resolved, open_, open_, closed, resolved, closed,
                      open_, resolved, open_, first], states


def test_petition_transferred_up_not_across(clients, org_ids, server, refuses):
    """A petition may be transferred to a unit above the account's own (the
    province, the nation) but not to one in another province or beside it."""
    orgs = load_orgs(server.db)
    hh = clients["haiha.tuyengiao"]
    qn, district = org_ids["QN"], org_ids["QN.HH"]
    beside = unit_beside(orgs, district)
    body = {"org_id": district, "kind": "complaint", "received": iso(TODAY),
            "subject": "Đơn khiếu nại về đất đai"}
    for up in (qn, org_ids["VN"]):
        rec = create(hh, PETITIONS, dict(body, transferred_to_id=up))
        assert rec["transferred_to_id"] == up
        assert rec["transferred_to"]["id"] == up and rec["transferred_to"]["code"] == orgs[up].code
    refused_all(refuses, [
        ("to %s" % code, lambda v=v: hh.post(PETITIONS, json=dict(body, transferred_to_id=v)),
         400, "ref", "transferred_to_id")
        for code, v in (("HY", org_ids["HY"]), ("a unit beside", beside),
                        ("the Quế Ổ cell", org_ids["BN.QV.CHI_LANG.QUE_O"]), ("none", 999999))])
    url = "%s/%d" % (PETITIONS, rec["id"])
    refuses(lambda: hh.patch(url, json={"transferred_to_id": org_ids["HY"]}),
            400, "ref", "transferred_to_id")
    for v in (district, None, qn):
        r = hh.patch(url, json={"transferred_to_id": v})
        assert r.status_code == 200 and r.json()["transferred_to_id"] == v, r.text


def test_followup_dates(admin, ctx, refuses):
    """Opened / received not in the future; the due date or deadline not
    before them (date_order)."""
    c = ConcernSpec().body(ctx, "a", marker())
    p = PetitionSpec().body(ctx, "a", marker())
    refused_all(refuses, [
        ("concern opened tomorrow", lambda: admin.post(CONCERNS, json=dict(c, opened=later(1), due=None)),
         400, "rule", "opened"),
        ("concern due before opened", lambda: admin.post(
            CONCERNS, json=dict(c, due="%d-03-04" % (YEAR - 1))), 400, "date_order", "due"),
        ("petition received tomorrow", lambda: admin.post(
            PETITIONS, json=dict(p, received=later(1), deadline=None)), 400, "rule", "received"),
        ("deadline before received", lambda: admin.post(
            PETITIONS, json=dict(p, deadline="%d-03-04" % (YEAR - 1))), 400, "date_order", "deadline"),
    ])
    rec = create(admin, CONCERNS, dict(c, due=None))
    assert rec["year"] == YEAR - 1
    refuses(lambda: admin.patch("%s/%d" % (CONCERNS, rec["id"]), json={"due": "%d-01-01" % (YEAR - 1)}),
            400, "date_order", "due")


@pytest.mark.parametrize("tname", sorted(FOLLOWUP))
def test_the_start_stays_before_the_updates(admin, ctx, refuses, tname):
    """An update is not dated before the record was opened (received); nor
    may the record's date be moved after an update it already has."""
    spec, start_field = SPECS[tname], FOLLOWUP[tname][5]
    due = {"concerns": "due", "petitions": "deadline"}[tname]
    rec = create(admin, spec.path, dict(spec.body(ctx, "a", marker()), **{due: None}))
    start = datetime.date.fromisoformat(rec[start_field])
    create(admin, "%s/%d/updates" % (spec.path, rec["id"]),
           {"date": iso(start + 10 * DAY), "state": "in_progress", "note": "Đang xử lý"})
    refuses(lambda: admin.patch("%s/%d" % (spec.path, rec["id"]),
                                json={start_field: iso(start + 11 * DAY)}),
            400, "date_order", start_field)
    r = admin.patch("%s/%d" % (spec.path, rec["id"]), json={start_field: iso(start + 10 * DAY)})
    assert r.status_code == 200, r.text                   # the same day: fine


# ---- exemplars ------------------------------------------------------------------------------

def weighted(pairs):
    """(sum w·s) / (sum w) rounded half up, for (weight, score) pairs."""
    num, den = sum(w * s for w, s in pairs), sum(w for w, _ in pairs)
    return int(Fraction(num, den) + Fraction(1, 2))


def test_exemplar_score_is_the_weighted_mean(admin, ctx, refuses):
    weights = {x["code"]: x["weight"] for x in
               listing(admin, CATALOG, list="exemplar_criterion")["items"]}
    assert (weights["effect"], weights["spread"]) == (30, 30), weights
    ex = create(admin, EXEMPLARS, ExemplarSpec().body(ctx, "a", marker()))
    eurl = "%s/%d" % (EXEMPLARS, ex["id"])
    url = eurl + "/scores"
    assert ex["score"] is None
    score = lambda: admin.get(eurl).json()["score"]
    given = {}

    def add(criterion, s):
        rec = create(admin, url, {"criterion": criterion, "score": s})
        assert rec["criterion_weight"] == weights[criterion], rec
        given[criterion] = (rec, s)
        return rec

    shown = []

    def check():
        want_now = weighted([(weights[c], s) for c, (_, s) in given.items()]) if given else None
        assert score() == want_now, given
        shown.append(want_now)
        return want_now

    add("effect", 80)
    assert check() == 80
    add("spread", 100)
    assert check() == 90                                  # 30 × 80 + 30 × 100 over 60
    refused_all(refuses, [
        ("the same criterion twice", lambda: admin.post(url, json={"criterion": "effect", "score": 50}),
         409, "exists", "criterion"),
        ("an unknown criterion", lambda: admin.post(url, json={"criterion": "bogus", "score": 50}),
         400, "invalid_value", "criterion"),
        ("a criterion of another list", lambda: admin.post(
            url, json={"criterion": "initiatives", "score": 50}), 400, "invalid_value", "criterion"),
        ("the criterion of a score changed", lambda: admin.patch(
            "%s/%d" % (url, given["effect"][0]["id"]), json={"criterion": "example"}),
         400, "create_only", "criterion"),
        ("over 100", lambda: admin.post(url, json={"criterion": "example", "score": 101}),
         400, "out_of_range", "score"),
        ("the weight is the catalog's", lambda: admin.post(
            url, json={"criterion": "example", "score": 50, "criterion_weight": 100}),
         400, "read_only", "criterion_weight"),
        ("the exemplar's score is derived", lambda: admin.patch(eurl, json={"score": 100}),
         400, "read_only", "score"),
    ])
    # 30 × 80 + 30 × 81: 80.5, rounded half up.
    r = admin.patch("%s/%d" % (url, given["spread"][0]["id"]), json={"score": 81})
    assert r.status_code == 200, r.text
    given["spread"] = (given["spread"][0], 81)
    assert check() == 81
    add("creativity", 0)                                   # 4830 / 80 = 60.375
    assert check() == 60
    add("example", 1)                                      # 4850 / 100 = 48.5
    assert check() == 49
    # Removing scores: the rest counts; none left, no score.
    for c in ("creativity", "example", "spread", "effect"):
        assert admin.delete("%s/%d" % (url, given.pop(c)[0]["id"])).status_code == 204
        check()
    assert shown[-1] is None
    # Each recount is in the exemplar's history.
    scores = [x["after"]["score"] for x in history(admin, EXEMPLARS, ex["id"])
              if x["type"] == "exemplar" and x["action"] == "exemplar_score"]
    assert scores == shown, scores


def test_replications_once_per_unit(admin, ctx, refuses):
    ex = create(admin, EXEMPLARS, ExemplarSpec().body(ctx, "a", marker()))
    url = "%s/%d/replications" % (EXEMPLARS, ex["id"])
    first = create(admin, url, {"org_id": ctx.unit_b["id"], "date": iso(TODAY), "note": "Nhân rộng"})
    assert first["org"]["id"] == ctx.unit_b["id"]
    refuses(lambda: admin.post(url, json={"org_id": ctx.unit_b["id"], "date": iso(TODAY)}),
            409, "exists", "org_id")
    refuses(lambda: admin.patch("%s/%d" % (url, first["id"]), json={"org_id": ctx.unit_a["id"]}),
            400, "create_only", "org_id")
    create(admin, url, {"org_id": ctx.unit_a["id"], "date": iso(TODAY)})
    assert admin.get("%s/%d" % (EXEMPLARS, ex["id"])).json()["replications_count"] == 2


# ---- inspections ------------------------------------------------------------------------------

def test_inspection_rules(admin, ctx, refuses):
    body = InspectionSpec().body(ctx, "a", marker())
    refused_all(refuses, [
        ("a self-inspection of another unit", lambda: admin.post(
            INSPECTIONS, json=dict(body, target_org_id=ctx.unit_b["id"])),
         400, "rule", "target_org_id"),
        ("ending before it starts", lambda: admin.post(
            INSPECTIONS, json=dict(body, end_date="%d-03-04" % (YEAR - 1))),
         400, "date_order", "end_date"),
    ])
    rec = create(admin, INSPECTIONS, dict(body, kind="inspection", target_org_id=ctx.unit_b["id"]))
    assert rec["year"] == YEAR - 1 and rec["target_org"]["id"] == ctx.unit_b["id"]
    url = "%s/%d" % (INSPECTIONS, rec["id"])
    refuses(lambda: admin.patch(url, json={"kind": "self_inspection"}), 400, "rule", "target_org_id")
    r = admin.patch(url, json={"start_date": "%d-01-02" % YEAR, "end_date": None})
    assert r.status_code == 200 and r.json()["year"] == YEAR, r.text
    # Follow-up actions: done not in the future.
    aurl = url + "/followups"
    refuses(lambda: admin.post(aurl, json={"title": "Khắc phục", "done_on": later(1)}),
            400, "rule", "done_on")
    act = create(admin, aurl, {"title": "Khắc phục", "due_date": later(30)})
    refuses(lambda: admin.patch("%s/%d" % (aurl, act["id"]), json={"done_on": later(1)}),
            400, "rule", "done_on")
    r = admin.patch("%s/%d" % (aurl, act["id"]), json={"done_on": iso(TODAY)})
    assert r.status_code == 200 and r.json()["done_on"] == iso(TODAY), r.text


# ---- evaluations ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ev(admin, org_ids):
    """A cell of its own with a member; body(**kw) an evaluation of that
    member in a year not used yet."""
    unit = make_org(admin, org_ids["HY"], name="Cơ quan thử đánh giá", valid_from="2020-01-01")
    person = make_person(admin, unit["id"], "Đảng Viên Thử Đánh Giá")

    def body(general=None, tasks=None, **kw):
        b = {"year": fresh_year(("evaluation", "p", person["id"])), "org_id": unit["id"],
             "person_id": person["id"], "scale": "party"}
        if general is not None:
            b["score_general"] = general
        if tasks is not None:
            b["score_tasks"] = tasks
        b.update(kw)
        return b
    return SimpleNamespace(unit=unit, person=person, body=body)


@pytest.mark.parametrize("general,tasks,level", [
    (30, 70, "excellent"), (30, 60, "excellent"), (29, 60, "good"), (20, 50, "good"),
    (20, 49, "done"), (20, 30, "done"), (19, 30, "not_done"), (0, 0, "not_done")])
def test_evaluation_level_from_the_score(admin, ev, general, tasks, level):
    """Party scale: 30 + 70 points; ≥ 90 excellent, ≥ 70 good, ≥ 50 done."""
    rec = create(admin, EVALUATIONS, ev.body(general, tasks))
    assert (rec["score"], rec["derived_level"], rec["level"], rec["level_given"]) == \
        (general + tasks, level, level, None)


def test_evaluation_rules(admin, ev, refuses):
    cases = [
        ("general points only", ev.body(25), "rule", "score_tasks"),
        ("task points only", ev.body(None, 60), "rule", "score_general"),
        ("neither points nor a level", ev.body(), "rule", "level_given"),
        ("another level without a reason", ev.body(25, 60, level_given="excellent"),
         "rule", "reason"),
        ("another level, reason null", ev.body(25, 60, level_given="done", reason=None),
         "rule", "reason"),
        ("a mass level on the party scale", ev.body(25, 60, level_given="strong", reason="Lý do"),
         "rule", "level_given"),
        ("mass scale with points", ev.body(25, 60, scale="mass", level_given="strong"),
         "rule", "score_general"),
        ("mass scale without a level", ev.body(scale="mass"), "rule", "level_given"),
        ("mass scale, a party level", ev.body(scale="mass", level_given="good"),
         "rule", "level_given"),
    ]
    refused_all(refuses, [(desc, lambda b=b: admin.post(EVALUATIONS, json=b), 400, code, field)
                          for desc, b, code, field in cases])
    rec = create(admin, EVALUATIONS, ev.body(25, 60, level_given="excellent",
                                             reason="Có thành tích đột xuất"))
    assert (rec["score"], rec["derived_level"], rec["level_given"], rec["level"]) == \
        (85, "good", "excellent", "excellent")
    rec = create(admin, EVALUATIONS, ev.body(25, 60, level_given="good"))      # same: no reason
    assert rec["level"] == "good"
    mass = create(admin, EVALUATIONS, ev.body(scale="mass", level_given="strong"))
    assert (mass["score"], mass["derived_level"], mass["level"]) == (None, None, "strong")
    # Corrections obey the same rules.
    url = "%s/%d" % (EVALUATIONS, rec["id"])
    refused_all(refuses, [
        ("points below the given level", lambda: admin.patch(url, json={"score_tasks": 40}),
         400, "rule", "reason"),
        ("another level without a reason", lambda: admin.patch(url, json={"level_given": "excellent"}),
         400, "rule", "reason"),
        ("one part removed", lambda: admin.patch(url, json={"score_general": None}),
         400, "rule", "score_general"),
        ("the scale", lambda: admin.patch(url, json={"scale": "mass"}), 400, "create_only", "scale"),
        ("the level is derived", lambda: admin.patch(url, json={"level": "good"}),
         400, "read_only", "level"),
        ("mass points", lambda: admin.patch("%s/%d" % (EVALUATIONS, mass["id"]),
                                            json={"score_general": 20, "score_tasks": 50}),
         400, "rule", "score_general"),
        ("mass level removed", lambda: admin.patch("%s/%d" % (EVALUATIONS, mass["id"]),
                                                   json={"level_given": None}),
         400, "rule", "level_given"),
    ])
    r = admin.patch(url, json={"score_tasks": 40, "level_given": None})
    assert r.status_code == 200, r.text
    assert (r.json()["score"], r.json()["derived_level"], r.json()["level"]) == (65, "done", "done")
    r = admin.patch(url, json={"level_given": "good", "reason": "Đã khắc phục khuyết điểm"})
    assert r.status_code == 200 and r.json()["level"] == "good", r.text


def test_evaluation_blank_reason_is_no_reason(admin, ev, refuses):
    """A reason of blanks only (trimmed to nothing) is not a written reason."""
    for blank in ("   ", "", "\u00a0\t"):
        refuses(lambda: admin.post(EVALUATIONS, json=ev.body(25, 60, level_given="excellent",
                                                             reason=blank)),
                400, "rule", "reason")
    rec = create(admin, EVALUATIONS, ev.body(25, 60, level_given="good"))
    refuses(lambda: admin.patch("%s/%d" % (EVALUATIONS, rec["id"]),
                                json={"level_given": "excellent", "reason": " "}),
            400, "rule", "reason")


def test_evaluation_points_removed_leave_no_score(admin, ev):
    """Points removed (a level given instead): no score, no level by score."""
    rec = create(admin, EVALUATIONS, ev.body(25, 60))
    r = admin.patch("%s/%d" % (EVALUATIONS, rec["id"]),
                    json={"score_general": None, "score_tasks": None, "level_given": "good"})
    assert r.status_code == 200, r.text
    got = r.json()
    assert (got["score_general"], got["score_tasks"], got["score"], got["derived_level"],
            got["level"]) == (None, None, None, None, "good"), got


def test_one_evaluation_per_subject_and_year(admin, ev, org_ids, refuses):
    body = ev.body(25, 60)
    create(admin, EVALUATIONS, body)
    refuses(lambda: admin.post(EVALUATIONS, json=dict(body, score_tasks=50)), 409, "exists")
    refuses(lambda: admin.post(EVALUATIONS, json=dict(body, scale="mass", score_general=None,
                                                      score_tasks=None, level_given="fair")),
            409, "exists")
    # Another year of the same member, or another member, or the unit itself.
    create(admin, EVALUATIONS, dict(body, year=fresh_year(("evaluation", "p", ev.person["id"]))))
    other = make_person(admin, ev.unit["id"], "Đảng Viên Thử Khác")
    create(admin, EVALUATIONS, dict(body, person_id=other["id"]))
    unit = {k: v for k, v in body.items() if k != "person_id"}
    create(admin, EVALUATIONS, unit)
    refuses(lambda: admin.post(EVALUATIONS, json=dict(unit, score_general=20)), 409, "exists")


def test_excellent_quota_warning(admin, clients, org_ids):
    """The list warns when "excellent" passes its share of "good" (catalog
    setting excellent_share, 20%) among the evaluations it matches."""
    unit = make_org(admin, org_ids["HY"], name="Cơ quan thử tỷ lệ xuất sắc", valid_from="2020-01-01")
    people = [make_person(admin, unit["id"], "Đảng Viên Thử Tỷ Lệ") for _ in range(7)]
    year = YEAR - 1

    def rate(p, g, t):
        return create(admin, EVALUATIONS, {"year": year, "org_id": unit["id"], "person_id": p["id"],
                                           "scale": "party", "score_general": g, "score_tasks": t})

    def lst(client=admin, **kw):
        return listing(client, EVALUATIONS, org=unit["id"], year=year, **kw)

    for p in people[:5]:
        rate(p, 25, 50)                                   # 75: good
    rate(people[5], 30, 65)                               # 95: excellent, 1 of 5 good = 20%
    body = lst()
    assert body["facets"] == {"good": 5, "excellent": 1}
    assert body["warnings"] == []
    second = rate(people[6], 30, 62)                      # 2 of 5 = 40%
    body = lst()
    assert body["facets"] == {"good": 5, "excellent": 2}
    assert len(body["warnings"]) == 1, body["warnings"]
    w = body["warnings"][0]
    assert {k: w[k] for k in ("code", "excellent", "good", "share_pct")} == \
        {"code": "excellent_over_quota", "excellent": 2, "good": 5, "share_pct": 20}
    assert isinstance(w["message"], str) and w["message"]
    assert lst(clients["lanhdao.hungyen"])["warnings"] == body["warnings"]   # whoever reads
    # For a filter: what the list matches.
    assert lst(level="good")["warnings"] == []
    assert len(lst(level="excellent")["warnings"]) == 1
    assert listing(admin, EVALUATIONS, org=unit["id"], year=year + 1)["warnings"] == []
    # A deleted evaluation does not count.
    assert admin.delete("%s/%d" % (EVALUATIONS, second["id"])).status_code == 200
    assert lst()["warnings"] == [] and lst()["facets"] == {"good": 5, "excellent": 1}
    assert admin.post("%s/%d/restore" % (EVALUATIONS, second["id"])).status_code == 200
    assert len(lst()["warnings"]) == 1
    # The share is configuration.
    setting = next(x for x in listing(admin, CATALOG, list="setting")["items"]
                   if x["code"] == "excellent_share")
    surl = "%s/%d" % (CATALOG, setting["id"])
    try:
        r = admin.patch(surl, json={"weight": 40})           # 2 of 5 = 40%: not over
        assert r.status_code == 200, r.text
        assert lst()["warnings"] == []
        r = admin.patch(surl, json={"weight": 39})
        assert r.status_code == 200, r.text
        assert lst()["warnings"][0]["share_pct"] == 39
    finally:
        assert admin.patch(surl, json={"weight": setting["weight"]}).status_code == 200


def test_evaluation_approved_above(clients, org_ids, server, refuses):
    """The approving unit may be above the account's own (the commune above
    the cell of its secretary), not elsewhere."""
    orgs = load_orgs(server.db)
    sec, admin = clients["bithu.queo"], clients["admin"]
    cell = org_ids["BN.QV.CHI_LANG.QUE_O"]
    above = orgs[cell].parent_id
    beside = unit_beside(orgs, cell)
    person = find_person(admin, cell, skip={clients["dangvien.queo"].account["person_id"]})
    body = lambda **kw: dict({"year": fresh_year(("evaluation", "p", person["id"])), "org_id": cell,
                              "person_id": person["id"], "scale": "party", "score_general": 25,
                              "score_tasks": 55}, **kw)
    for up in (above, org_ids["BN"], cell):
        rec = create(sec, EVALUATIONS, body(approver_org_id=up))
        assert rec["approver_org"]["id"] == up
    refused_all(refuses, [
        ("approved by %s" % what, lambda v=v: sec.post(EVALUATIONS, json=body(approver_org_id=v)),
         400, "ref", "approver_org_id")
        for what, v in (("HY", org_ids["HY"]), ("a cell beside", beside), ("none", 999999))])


# ---- awards ---------------------------------------------------------------------------------

def test_award_issued_from_above(clients, org_ids, server, refuses):
    """The issuing unit may be the account's own or above it, not in another
    province nor beside it."""
    orgs = load_orgs(server.db)
    hy_staff, hh = clients["hungyen.tuyengiao"], clients["haiha.tuyengiao"]
    hy_cell = next(o.id for o in sorted(orgs.values(), key=lambda o: o.id)
                   if o.kind == "cell" and o.path.startswith(orgs[org_ids["HY"]].path)
                   and o.valid_to is None)
    qn, district = org_ids["QN"], org_ids["QN.HH"]
    beside = unit_beside(orgs, district)

    def body(unit, issuer, **kw):
        return dict({"year": YEAR, "org_id": unit, "kind": "certificate_of_merit",
                     "title": "Chi bộ trong sạch, vững mạnh tiêu biểu", "issuer_org_id": issuer,
                     "decision_no": "12-QĐ/TU", "decision_date": iso(TODAY)}, **kw)
    rec = create(hy_staff, AWARDS, body(hy_cell, org_ids["HY"]))
    assert rec["issuer_org"]["id"] == org_ids["HY"]
    for up in (qn, org_ids["VN"], district):
        rec = create(hh, AWARDS, body(district, up))
        assert rec["issuer_org"]["id"] == up
    refused_all(refuses, [
        ("Hưng Yên staff, issued by BN", lambda: hy_staff.post(AWARDS, json=body(hy_cell, org_ids["BN"])),
         400, "ref", "issuer_org_id"),
        ("Hải Hà staff, issued by HY", lambda: hh.post(AWARDS, json=body(district, org_ids["HY"])),
         400, "ref", "issuer_org_id"),
        ("Hải Hà staff, issued beside", lambda: hh.post(AWARDS, json=body(district, beside)),
         400, "ref", "issuer_org_id"),
        ("Hải Hà staff, for the province", lambda: hh.post(AWARDS, json=body(qn, qn)),
         400, "ref", "org_id"),
        ("decided tomorrow", lambda: hh.post(AWARDS, json=body(district, qn, decision_date=later(1))),
         400, "rule", "decision_date"),
        ("no issuer", lambda: hh.post(AWARDS, json={k: v for k, v in body(district, qn).items()
                                                    if k != "issuer_org_id"}),
         400, "required", "issuer_org_id"),
    ])
    url = "%s/%d" % (AWARDS, rec["id"])
    refuses(lambda: hh.patch(url, json={"issuer_org_id": org_ids["HY"]}), 400, "ref", "issuer_org_id")
    r = hh.patch(url, json={"issuer_org_id": qn})
    assert r.status_code == 200 and r.json()["issuer_org_id"] == qn, r.text


# ---- surveys ---------------------------------------------------------------------------------

def test_survey_answers_within_the_sample(admin, ctx, refuses):
    s = create(admin, SURVEYS, dict(SurveySpec().body(ctx, "a", marker()), sample_size=100))
    surl = "%s/%d" % (SURVEYS, s["id"])
    url = surl + "/answers"
    answered = lambda: admin.get(surl).json()["answered"]
    assert s["answered"] == 0
    a1 = create(admin, url, {"label": "Đồng tình", "count": 60, "sort_order": 1})
    assert answered() == 60
    refuses(lambda: admin.post(url, json={"label": "Không đồng tình", "count": 41}),
            400, "rule", "count")
    a2 = create(admin, url, {"label": "Không đồng tình", "count": 40, "sort_order": 2})
    assert answered() == 100
    refused_all(refuses, [
        ("one more answer", lambda: admin.post(url, json={"label": "Khác", "count": 1}),
         400, "rule", "count"),
        ("an answer raised", lambda: admin.patch("%s/%d" % (url, a1["id"]), json={"count": 61}),
         400, "rule", "count"),
        ("the sample lowered", lambda: admin.patch(surl, json={"sample_size": 99}),
         400, "rule", "sample_size"),
        ("answered is derived", lambda: admin.patch(surl, json={"answered": 5}),
         400, "read_only", "answered"),
    ])
    assert ids(listing(admin, url)) == [a1["id"], a2["id"]]          # in their order
    assert admin.delete("%s/%d" % (url, a2["id"])).status_code == 204
    assert answered() == 60
    r = admin.patch(surl, json={"sample_size": 60})                  # exactly the answers
    assert r.status_code == 200 and r.json()["answered"] == 60, r.text
    refuses(lambda: admin.patch(surl, json={"sample_size": 59}), 400, "rule", "sample_size")
    r = admin.patch("%s/%d" % (url, a1["id"]), json={"count": 10})
    assert r.status_code == 200 and answered() == 10, r.text


# ---- metrics ----------------------------------------------------------------------------------

def test_one_metric_value_per_unit_metric_year_and_period(admin, ctx, refuses):
    unit = ctx.unit_b["id"]
    year = fresh_year(("metric", unit, "working_sessions", "q3"))
    body = {"org_id": unit, "metric": "working_sessions", "year": year, "period": "q3", "value": 4}
    rec = create(admin, METRICS, body)
    refuses(lambda: admin.post(METRICS, json=dict(body, value=5)), 409, "exists")
    # Another period, metric, year or unit: another value.
    for change in ({"period": "q4"}, {"metric": "new_members"}, {"org_id": ctx.unit_a["id"]},
                   {"year": fresh_year(("metric", unit, "working_sessions", "q3"))}):
        create(admin, METRICS, dict(body, **change))
    refused_all(refuses, [
        ("an unknown metric", lambda: admin.post(METRICS, json=dict(body, metric="bogus")),
         400, "invalid_value", "metric"),
        ("a metric of another list", lambda: admin.post(METRICS, json=dict(body, metric="effect")),
         400, "invalid_value", "metric"),
        ("the period of a value", lambda: admin.patch("%s/%d" % (METRICS, rec["id"]),
                                                      json={"period": "q4"}),
         400, "create_only", "period"),
    ])
    r = admin.patch("%s/%d" % (METRICS, rec["id"]), json={"value": 6, "note": "Đã sửa"})
    assert r.status_code == 200 and r.json()["value"] == 6, r.text


# ---- the catalog ------------------------------------------------------------------------------

def catalog_entry(admin, lst, **kw):
    body = dict({"list": lst, "code": unique("t_%s" % lst[:4]), "label_vi": "Mục thử",
                 "label_en": "Test entry"}, **kw)
    return create(admin, CATALOG, body)


def test_catalog_admin_writes_everyone_reads(clients, refuses):
    admin = clients["admin"]
    entry = catalog_entry(admin, "concern_field", label_vi="Lĩnh vực thử nghiệm")
    url = "%s/%d" % (CATALOG, entry["id"])
    body = {"list": "concern_field", "code": unique("t_conc"), "label_vi": "x", "label_en": "y"}
    for account, c in sorted(clients.items()):
        if account == "admin":
            continue
        r = c.get(CATALOG, params={"list": "concern_field", "per_page": 200})
        assert r.status_code == 200 and entry["id"] in ids(r.json()), (account, r.text)
        r = c.get(url)
        assert r.status_code == 200 and r.json()["actions"] == [], (account, r.text)
        refuses(lambda: c.post(CATALOG, json=body), 403, "forbidden")
        refuses(lambda: c.patch(url, json={"label_vi": "Sửa"}), 403, "forbidden")
        refuses(lambda: c.get(CATALOG, params={"deleted": 1}), 403, "forbidden")
    assert create(admin, CATALOG, body)["code"] == body["code"]


def test_catalog_codes_are_unique_per_list(admin, refuses):
    code = unique("t_dup")
    catalog_entry(admin, "concern_field", code=code)
    refuses(lambda: admin.post(CATALOG, json={"list": "concern_field", "code": code,
                                              "label_vi": "x", "label_en": "y"}),
            409, "exists", "code")
    catalog_entry(admin, "metric", code=code, kind="count", unit="lượt")     # another list


def test_catalog_new_state_and_deactivation(admin, ctx, refuses):
    """A concern state added by the administrator, of kind resolved, is
    usable at once; deactivated, it is refused in new updates (the ones
    that have it keep it); active again, usable again."""
    code = unique("t_settled")
    state = catalog_entry(admin, "concern_state", code=code, kind="resolved", sort_order=35,
                          label_vi="Đã giải quyết theo hướng dẫn mới")
    concern = create(admin, CONCERNS, ConcernSpec().body(ctx, "a", marker()))
    curl = "%s/%d" % (CONCERNS, concern["id"])
    url = curl + "/updates"
    day = datetime.date.fromisoformat(concern["opened"]) + DAY
    up = create(admin, url, {"date": iso(day), "state": code, "note": "Giải quyết xong"})
    assert up["state_kind"] == "resolved"
    got = admin.get(curl).json()
    assert (got["state"], got["state_kind"], got["resolved_on"]) == (code, "resolved", iso(day))
    assert concern["id"] in ids(listing(admin, CONCERNS, state=code))
    # Not a petition state.
    pet = create(admin, PETITIONS, PetitionSpec().body(ctx, "a", marker()))
    refuses(lambda: admin.post("%s/%d/updates" % (PETITIONS, pet["id"]),
                               json={"date": iso(day), "state": code, "note": "x"}),
            400, "invalid_value", "state")
    r = admin.patch("%s/%d" % (CATALOG, state["id"]), json={"active": False})
    assert r.status_code == 200, r.text
    refuses(lambda: admin.post(url, json={"date": iso(day + DAY), "state": code, "note": "x"}),
            400, "invalid_value", "state")
    assert admin.get(curl).json()["state"] == code                  # what has it keeps it
    r = admin.patch("%s/%d" % (CATALOG, state["id"]), json={"active": True})
    assert r.status_code == 200, r.text
    create(admin, url, {"date": iso(day + DAY), "state": code, "note": "Xác nhận lại"})


@pytest.mark.parametrize("lst", ["concern_state", "petition_state"])
def test_catalog_states_have_a_known_kind(admin, lst):
    """A state of concerns or petitions is open, resolved or closed: a state
    of another kind, or of none, would give records a state_kind no list,
    facet or filter knows."""
    for kind in ("bogus", None):
        body = {"list": lst, "code": unique("t_kind"), "label_vi": "Tình trạng thử",
                "label_en": "Test state", "kind": kind}
        r = admin.post(CATALOG, json=body)
        if r.status_code == 201:                           # do not leave it usable
            admin.patch("%s/%d" % (CATALOG, r.json()["id"]), json={"active": False})
        assert r.status_code == 400, (body, r.status_code, r.text)
        err = error_of(r, 400, r.json()["error"]["code"], "kind")
        assert err["code"] in ("invalid_value", "required", "rule"), err
    for kind in ("open", "resolved", "closed"):
        e = catalog_entry(admin, lst, kind=kind)
        assert admin.patch("%s/%d" % (CATALOG, e["id"]), json={"active": False}).status_code == 200


def test_catalog_deactivated_entries_are_refused(admin, ctx, refuses):
    """A deactivated criterion, metric or field is refused where it is named."""
    crit = catalog_entry(admin, "exemplar_criterion", weight=10)
    metric = catalog_entry(admin, "metric", kind="count", unit="lượt")
    field = catalog_entry(admin, "concern_field")
    ex = create(admin, EXEMPLARS, ExemplarSpec().body(ctx, "a", marker()))
    s = create(admin, "%s/%d/scores" % (EXEMPLARS, ex["id"]), {"criterion": crit["code"], "score": 70})
    assert s["criterion_weight"] == 10
    for e in (crit, metric, field):
        assert admin.patch("%s/%d" % (CATALOG, e["id"]), json={"active": False}).status_code == 200
    ex2 = create(admin, EXEMPLARS, ExemplarSpec().body(ctx, "a", marker()))
    concern = ConcernSpec().body(ctx, "a", marker())
    refused_all(refuses, [
        ("criterion", lambda: admin.post("%s/%d/scores" % (EXEMPLARS, ex2["id"]),
                                         json={"criterion": crit["code"], "score": 70}),
         400, "invalid_value", "criterion"),
        ("metric", lambda: admin.post(METRICS, json={
            "org_id": ctx.unit_a["id"], "metric": metric["code"], "year": YEAR, "period": "year",
            "value": 1}), 400, "invalid_value", "metric"),
        ("concern field", lambda: admin.post(CONCERNS, json=dict(concern, field=field["code"])),
         400, "invalid_value", "field"),
    ])


def test_catalog_list_ignores_or_refuses_a_unit(admin):
    """The catalog has no unit: a list asked for one answers 200 (the
    parameter ignored) or 400 bad_param "org" — never a server error."""
    for params in ({"org": 3}, {"org": 1, "list": "metric"}):
        r = admin.get(CATALOG, params=params)
        if r.status_code == 400:
            error_of(r, 400, "bad_param", "org")
        else:
            assert r.status_code == 200, (params, r.status_code, r.text)
