/*
 * core_followup.c — what is followed until it is settled: pressing issues
 * (vấn đề bức xúc, nổi cộm) selected by a committee, and petitions
 * (khiếu nại, tố cáo, kiến nghị, phản ánh) handled by the competent unit.
 * Both move through a configurable list of states (catalog: concern_state,
 * petition_state) whose kind is open, resolved or closed; every change of
 * state is an update row with its date, author and note, and the record
 * shows the latest one.  Reopening is an update like any other.
 */
#include <string.h>

#include "core/core_tables.h"

static const char *const state_kinds[] = { "open", "resolved", "closed", NULL };

static const char *const concern_sources[] = {
	"committee", "citizens", "press", "inspection", NULL
};

const struct field concern_fields[CONCERN__MAX] = {
	[CONCERN_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Đơn vị chủ trì giải quyết", "Owner unit", 0, NULL },
	[CONCERN_TITLE] = { "title", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 500, NULL,
	    "Vấn đề", "Issue", 0, NULL },
	[CONCERN_FIELD] = { "field", FT_CATALOG, F_REQUIRED | F_FILTER, 1,
	    LIMIT_CODE_CHARS, NULL, "Lĩnh vực", "Field", 0, "concern_field" },
	[CONCERN_SOURCE] = { "source", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0,
	    concern_sources, "Nguồn phát hiện", "Source", 0, NULL },
	[CONCERN_OPENED] = { "opened", FT_DATE, F_REQUIRED | F_SORT, 0, 0, NULL,
	    "Ngày lựa chọn", "Selected on", 0, NULL },
	[CONCERN_YEAR] = { "year", FT_INT, F_READONLY | F_FILTER, DATE_MIN_YEAR,
	    DATE_MAX_YEAR, NULL, "Năm", "Year", 0, NULL },
	[CONCERN_DUE] = { "due", FT_DATE, F_NULLABLE | F_SORT, 0, 0, NULL,
	    "Thời hạn giải quyết", "Due", 0, NULL },
	[CONCERN_DESCRIPTION] = { "description", FT_LONGTEXT, F_NULLABLE | F_SEARCH, 0,
	    LIMIT_LONGTEXT_CHARS, NULL, "Mô tả, giải pháp", "Description", 0, NULL },
	[CONCERN_STATE] = { "state", FT_CATALOG, F_READONLY | F_FILTER, 1,
	    LIMIT_CODE_CHARS, NULL, "Tình trạng", "State", 0, "concern_state" },
	[CONCERN_STATE_KIND] = { "state_kind", FT_ENUM, F_READONLY | F_FILTER, 0, 0,
	    state_kinds, "Nhóm tình trạng", "Kind of state", 0, NULL },
	[CONCERN_RESOLVED_ON] = { "resolved_on", FT_DATE, F_READONLY | F_NULLABLE, 0, 0,
	    NULL, "Ngày giải quyết xong", "Resolved on", 0, NULL },
	TRAILER(CONCERN),
};

static const char *const petition_kinds[] = {
	"complaint", "denunciation", "recommendation", "report", NULL
};

const struct field petition_fields[PETITION__MAX] = {
	[PETITION_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Cơ quan có thẩm quyền", "Competent unit", 0, NULL },
	[PETITION_KIND] = { "kind", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0, petition_kinds,
	    "Loại đơn", "Kind", 0, NULL },
	[PETITION_RECEIVED] = { "received", FT_DATE, F_REQUIRED | F_SORT, 0, 0, NULL,
	    "Ngày tiếp nhận", "Received on", 0, NULL },
	[PETITION_YEAR] = { "year", FT_INT, F_READONLY | F_FILTER, DATE_MIN_YEAR,
	    DATE_MAX_YEAR, NULL, "Năm", "Year", 0, NULL },
	[PETITION_FROM] = { "from_name", FT_TEXT, F_NULLABLE | F_SEARCH, 0,
	    LIMIT_NAME_CHARS, NULL, "Người gửi (để trống: nặc danh)",
	    "From (empty: anonymous)", 0, NULL },
	[PETITION_SUBJECT] = { "subject", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 500, NULL,
	    "Nội dung tóm tắt", "Subject", 0, NULL },
	[PETITION_CONTENT] = { "content", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_LONGTEXT_CHARS,
	    NULL, "Nội dung chi tiết", "Content", 0, NULL },
	[PETITION_TRANSFERRED] = { "transferred_to_id", FT_REF, F_NULLABLE | F_REF_UP, 1,
	    INT64_MAX, NULL, "Chuyển đến", "Transferred to", 0, NULL },
	[PETITION_DEADLINE] = { "deadline", FT_DATE, F_NULLABLE | F_SORT, 0, 0, NULL,
	    "Thời hạn theo luật", "Statutory deadline", 0, NULL },
	[PETITION_WITHIN] = { "within_competence", FT_BOOL, F_FILTER, 0, 1, NULL,
	    "Thuộc thẩm quyền", "Within competence", 0, NULL },
	[PETITION_OUTCOME] = { "outcome", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS,
	    NULL, "Kết quả giải quyết", "Outcome", 0, NULL },
	[PETITION_STATE] = { "state", FT_CATALOG, F_READONLY | F_FILTER, 1,
	    LIMIT_CODE_CHARS, NULL, "Tình trạng", "State", 0, "petition_state" },
	[PETITION_STATE_KIND] = { "state_kind", FT_ENUM, F_READONLY | F_FILTER, 0, 0,
	    state_kinds, "Nhóm tình trạng", "Kind of state", 0, NULL },
	[PETITION_RESOLVED_ON] = { "resolved_on", FT_DATE, F_READONLY | F_NULLABLE, 0, 0,
	    NULL, "Ngày giải quyết xong", "Resolved on", 0, NULL },
	TRAILER(PETITION),
};

#define UPDATE_FIELDS(parent, ptype, plabel_vi, plabel_en, list) \
	[UPDATE_PARENT] = { parent, FT_REF, F_REQUIRED | F_CREATEONLY, 1, INT64_MAX, \
	    NULL, plabel_vi, plabel_en, ptype + 1, NULL }, \
	[UPDATE_DATE] = { "date", FT_DATE, F_REQUIRED | F_SORT, 0, 0, NULL, \
	    "Ngày", "Date", 0, NULL }, \
	[UPDATE_STATE] = { "state", FT_CATALOG, F_REQUIRED, 1, LIMIT_CODE_CHARS, NULL, \
	    "Tình trạng mới", "New state", 0, list }, \
	[UPDATE_STATE_KIND] = { "state_kind", FT_ENUM, F_READONLY, 0, 0, \
	    state_kinds, "Nhóm tình trạng", "Kind of state", 0, NULL }, \
	[UPDATE_NOTE] = { "note", FT_LONGTEXT, F_REQUIRED, 1, LIMIT_TEXT_CHARS, NULL, \
	    "Nội dung cập nhật", "Note", 0, NULL }, \
	TRAILER(UPDATE)

const struct field concern_update_fields[UPDATE__MAX] = {
	UPDATE_FIELDS("concern_id", RT_CONCERN, "Vấn đề", "Issue", "concern_state"),
};

const struct field petition_update_fields[UPDATE__MAX] = {
	UPDATE_FIELDS("petition_id", RT_PETITION, "Đơn", "Petition", "petition_state"),
};

/* A date not in the future, and an optional later date after it. */
static int
dates(const struct record *r, int first, int later, const char *today, struct verr *e)
{
	const char *a = record_text(r, first), *b = later >= 0 ? record_text(r, later) : NULL;

	if (a != NULL && strcmp(a, today) > 0)
		return rule_fail(e, RULE_DATE_FUTURE, r->type->fields[first].name);
	if (a != NULL && b != NULL && strcmp(b, a) < 0)
		return verr_set(e, VE_DATE_ORDER, r->type->fields[later].name, 0);
	return 0;
}

static int
concern_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	return dates(r, CONCERN_OPENED, CONCERN_DUE, today, e);
}

static int
concern_derive(struct record *r, const struct rule_ctx *ctx)
{
	(void)ctx;
	derive_year(r, CONCERN_OPENED, CONCERN_YEAR);
	return 0;
}

const struct rtype_rules concern_rules = { concern_check, concern_derive, NULL, NULL };

static int
petition_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	return dates(r, PETITION_RECEIVED, PETITION_DEADLINE, today, e);
}

static int
petition_derive(struct record *r, const struct rule_ctx *ctx)
{
	(void)ctx;
	derive_year(r, PETITION_RECEIVED, PETITION_YEAR);
	return 0;
}

const struct rtype_rules petition_rules = { petition_check, petition_derive, NULL, NULL };

static int
update_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	return dates(r, UPDATE_DATE, -1, today, e);
}

/* An update is not dated before the record was opened (or received). */
static int
update_check_parent(const struct record *r, const struct record *parent, struct verr *e)
{
	int f = rtype_field(parent->type, parent->type->id == RT_CONCERN ? "opened" : "received");
	const char *start = record_text(parent, f), *date = record_text(r, UPDATE_DATE);

	if (start != NULL && date != NULL && strcmp(date, start) < 0)
		return verr_set(e, VE_DATE_ORDER, "date", 0);
	return 0;
}

/* The record shows its latest update (by date): state, kind, and the date
 * it was resolved when that kind is "resolved".  With no update left, it is
 * back to its first state. */
static int
update_recompute(struct record *const *kids, size_t n,
    const struct record *parent, struct record *change, struct verr *e)
{
	const struct rtype *t = change->type;
	int fs = rtype_field(t, "state"), fk = rtype_field(t, "state_kind");
	int fr = rtype_field(t, "resolved_on");

	(void)parent;
	(void)e;
	if (n == 0) {
		record_set_text(change, fs, t->id == RT_CONCERN ? "new" : "received");
		record_set_text(change, fk, "open");
		record_set_null(change, fr);
		return 0;
	}
	record_set_text(change, fs, record_text(kids[n - 1], UPDATE_STATE));
	record_set_text(change, fk, record_text(kids[n - 1], UPDATE_STATE_KIND));
	if (strcmp(record_text(kids[n - 1], UPDATE_STATE_KIND), "resolved") == 0)
		record_set_text(change, fr, record_text(kids[n - 1], UPDATE_DATE));
	else
		record_set_null(change, fr);
	return 0;
}

const struct rtype_rules update_rules = {
	update_check, NULL, update_check_parent, update_recompute
};
