/*
 * core_year.c — the year report (issue 4): a unit submits its year's data,
 * the level above approves it or returns it with a reason, and an approved
 * year locks the unit's records of that year until the level above reopens
 * it.  A unit is approved only when every unit under it is, and reopened
 * only while the year above is not approved, so "approved" always holds
 * for a whole subtree.  Every step is recorded in the audit trail.
 */
#include <string.h>

#include "core/core_tables.h"

const char *const year_statuses[YST__MAX + 1] = {
	[YST_OPEN] = "open", [YST_SUBMITTED] = "submitted", [YST_RETURNED] = "returned",
	[YST_APPROVED] = "approved", [YST__MAX] = NULL,
};

const char *const year_step_names[YSTEP__MAX + 1] = {
	[YSTEP_SUBMIT] = "submit", [YSTEP_APPROVE] = "approve", [YSTEP_RETURN] = "return",
	[YSTEP_REOPEN] = "reopen", [YSTEP__MAX] = NULL,
};

const struct field year_report_fields[YR__MAX] = {
	[YR_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY, 1, INT64_MAX, NULL,
	    "Đơn vị", "Unit", 0 },
	[YR_YEAR] = { "year", FT_INT, F_REQUIRED | F_CREATEONLY, YEAR_MIN, YEAR_MAX, NULL,
	    "Năm", "Year", 0 },
	[YR_STATUS] = { "status", FT_ENUM, F_READONLY, 0, 0, year_statuses,
	    "Trạng thái", "Status", 0 },
	[YR_SUBMITTED_ON] = { "submitted_on", FT_DATE, F_READONLY | F_NULLABLE, 0, 0, NULL,
	    "Ngày nộp", "Submitted on", 0 },
	[YR_APPROVED_ON] = { "approved_on", FT_DATE, F_READONLY | F_NULLABLE, 0, 0, NULL,
	    "Ngày duyệt", "Approved on", 0 },
	[YR_REASON] = { "reason", FT_LONGTEXT, F_READONLY | F_NULLABLE, 1, LIMIT_TEXT_CHARS,
	    NULL, "Lý do trả lại, mở lại", "Why returned or reopened", 0 },
	TRAILER(YR),
};

const struct field year_step_fields[YS__MAX] = {
	[YS_ORG] = { "org_id", FT_REF, F_REQUIRED, 1, INT64_MAX, NULL, "Đơn vị", "Unit", 0 },
	[YS_YEAR] = { "year", FT_INT, F_REQUIRED, YEAR_MIN, YEAR_MAX, NULL, "Năm", "Year", 0 },
	[YS_REASON] = { "reason", FT_LONGTEXT, F_NULLABLE, 1, LIMIT_TEXT_CHARS, NULL,
	    "Lý do", "Reason", 0 },
};

int
year_step_check(enum year_step step, const struct year_facts *f, struct verr *e)
{
	/* The root has nobody above it: its administrators act as the level above. */
	bool above = f->above || (f->root && f->admin);

	if (!f->reports)
		return rule_fail(e, RULE_NOT_REPORTING, "org_id");
	switch (step) {
	case YSTEP_SUBMIT:
		if (f->status != YST_OPEN && f->status != YST_RETURNED)
			return rule_fail(e, RULE_STATE, "status");
		return YST_SUBMITTED;
	case YSTEP_APPROVE:
		if (f->status != YST_SUBMITTED)
			return rule_fail(e, RULE_STATE, "status");
		if (!above)
			return rule_fail(e, RULE_STEP_LEVEL, "org_id");
		if (f->children_not_approved > 0)
			return rule_fail(e, RULE_CHILDREN_PENDING, "org_id");
		return YST_APPROVED;
	case YSTEP_RETURN:
	case YSTEP_REOPEN:
		if (f->status != (step == YSTEP_RETURN ? YST_SUBMITTED : YST_APPROVED))
			return rule_fail(e, RULE_STATE, "status");
		if (!above)
			return rule_fail(e, RULE_STEP_LEVEL, "org_id");
		if (f->reason == NULL || f->reason[0] == '\0')
			return rule_fail(e, RULE_REASON_NEEDED, "reason");
		if (step == YSTEP_REOPEN && f->parent == YST_APPROVED)
			return rule_fail(e, RULE_PARENT_APPROVED, "org_id");
		return step == YSTEP_RETURN ? YST_RETURNED : YST_OPEN;
	default:
		return rule_fail(e, RULE_STATE, "status");
	}
}

bool
year_reports_kind(const char *kind)
{
	static const char *const kinds[] = { "national", "province_committee",
	    "district_committee", "base_committee", "cell", NULL };

	return kind != NULL && enum_index(kinds, kind) >= 0;
}

bool
year_open(enum year_status status)
{
	return status != YST_APPROVED;
}

int
record_year(const struct record *r)
{
	int f = rtype_field(r->type, "year");

	return f >= 0 && record_has(r, f) ? (int)record_int(r, f) : 0;
}
