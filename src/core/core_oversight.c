/*
 * core_oversight.c — how committees direct and check the campaign:
 * implementation plans (kế hoạch) with their task groups and tasks ("7 nhóm
 * nhiệm vụ, giải pháp", each task with an owner, a deadline and a status),
 * and inspections and supervisions (kiểm tra, giám sát; self-inspection and
 * upper level over lower level) with the follow-up actions they order.
 */
#include <string.h>

#include "core/core_tables.h"

const struct field plan_fields[PLAN__MAX] = {
	[PLAN_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER, 1, INT64_MAX,
	    NULL, "Cấp ủy ban hành", "Committee", 0, NULL },
	[PLAN_YEAR] = { "year", FT_INT, F_REQUIRED | F_FILTER | F_SORT, YEAR_MIN, YEAR_MAX,
	    NULL, "Năm", "Year", 0, NULL },
	[PLAN_TOPIC] = { "topic_id", FT_REF, F_NULLABLE | F_FILTER, 1, INT64_MAX, NULL,
	    "Chuyên đề", "Topic", REF_TOPIC, NULL },
	[PLAN_NUMBER] = { "number", FT_TEXT, F_NULLABLE | F_SEARCH, 0, 50, NULL,
	    "Số hiệu văn bản", "Document number", 0, NULL },
	[PLAN_TITLE] = { "title", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 500, NULL,
	    "Tên kế hoạch", "Title", 0, NULL },
	[PLAN_ISSUED_ON] = { "issued_on", FT_DATE, F_NULLABLE | F_SORT, 0, 0, NULL,
	    "Ngày ban hành", "Issued on", 0, NULL },
	[PLAN_CONTENT] = { "content", FT_LONGTEXT, F_NULLABLE | F_SEARCH, 0,
	    LIMIT_LONGTEXT_CHARS, NULL, "Nội dung", "Content", 0, NULL },
	[PLAN_NOTE] = { "note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS, NULL,
	    "Ghi chú", "Note", 0, NULL },
	[PLAN_TASKS_DONE] = { "tasks_done", FT_INT, F_READONLY, 0, INT64_MAX, NULL,
	    "Nhiệm vụ đã hoàn thành", "Tasks done", 0, NULL },
	TRAILER(PLAN),
};

static const char *const task_statuses[] = {
	"pending", "in_progress", "done", "cancelled", NULL
};

const struct field task_fields[TASK__MAX] = {
	[TASK_PLAN] = { "plan_id", FT_REF, F_REQUIRED | F_CREATEONLY, 1, INT64_MAX, NULL,
	    "Kế hoạch", "Plan", RT_PLAN + 1, NULL },
	[TASK_GROUP] = { "group_no", FT_INT, F_REQUIRED | F_FILTER | F_SORT, 1, 20, NULL,
	    "Nhóm nhiệm vụ", "Task group", 0, NULL },
	[TASK_TITLE] = { "title", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 1000, NULL,
	    "Nhiệm vụ, giải pháp", "Task", 0, NULL },
	[TASK_OWNER] = { "owner_org_id", FT_REF, F_NULLABLE | F_FILTER, 1, INT64_MAX, NULL,
	    "Đơn vị thực hiện", "Owner unit", 0, NULL },
	[TASK_DUE] = { "due_date", FT_DATE, F_NULLABLE | F_SORT, 0, 0, NULL,
	    "Thời hạn", "Due", 0, NULL },
	[TASK_STATUS] = { "status", FT_ENUM, F_FILTER, 0, 0, task_statuses,
	    "Tình trạng", "Status", 0, NULL },
	[TASK_DONE_ON] = { "done_on", FT_DATE, F_NULLABLE, 0, 0, NULL,
	    "Ngày hoàn thành", "Done on", 0, NULL },
	[TASK_NOTE] = { "note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS, NULL,
	    "Ghi chú", "Note", 0, NULL },
	TRAILER(TASK),
};

static const char *const inspection_kinds[] = {
	"inspection", "thematic_supervision", "self_inspection", NULL
};

const struct field inspection_fields[INSPECTION__MAX] = {
	[INSPECTION_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Cấp ủy kiểm tra, giám sát", "Inspecting unit", 0, NULL },
	[INSPECTION_KIND] = { "kind", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0,
	    inspection_kinds, "Hình thức", "Kind", 0, NULL },
	[INSPECTION_TARGET] = { "target_org_id", FT_REF, F_REQUIRED | F_FILTER, 1,
	    INT64_MAX, NULL, "Đơn vị được kiểm tra, giám sát", "Inspected unit", 0, NULL },
	[INSPECTION_START] = { "start_date", FT_DATE, F_REQUIRED | F_SORT, 0, 0, NULL,
	    "Từ ngày", "From", 0, NULL },
	[INSPECTION_END] = { "end_date", FT_DATE, F_NULLABLE, 0, 0, NULL,
	    "Đến ngày", "To", 0, NULL },
	[INSPECTION_YEAR] = { "year", FT_INT, F_READONLY | F_FILTER, DATE_MIN_YEAR,
	    DATE_MAX_YEAR, NULL, "Năm", "Year", 0, NULL },
	[INSPECTION_SUBJECT] = { "subject", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 1000, NULL,
	    "Nội dung kiểm tra, giám sát", "Subject", 0, NULL },
	[INSPECTION_FINDINGS] = { "findings", FT_LONGTEXT, F_NULLABLE | F_SEARCH, 0,
	    LIMIT_LONGTEXT_CHARS, NULL, "Kết quả, phát hiện", "Findings", 0, NULL },
	[INSPECTION_CONCLUSION] = { "conclusion", FT_LONGTEXT, F_NULLABLE, 0,
	    LIMIT_LONGTEXT_CHARS, NULL, "Kết luận", "Conclusion", 0, NULL },
	TRAILER(INSPECTION),
};

const struct field action_fields[ACTION__MAX] = {
	[ACTION_INSPECTION] = { "inspection_id", FT_REF, F_REQUIRED | F_CREATEONLY, 1,
	    INT64_MAX, NULL, "Cuộc kiểm tra, giám sát", "Inspection", RT_INSPECTION + 1,
	    NULL },
	[ACTION_TITLE] = { "title", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 1000, NULL,
	    "Yêu cầu khắc phục", "Follow-up action", 0, NULL },
	[ACTION_DUE] = { "due_date", FT_DATE, F_NULLABLE | F_SORT, 0, 0, NULL,
	    "Thời hạn", "Due", 0, NULL },
	[ACTION_DONE_ON] = { "done_on", FT_DATE, F_NULLABLE, 0, 0, NULL,
	    "Ngày hoàn thành", "Done on", 0, NULL },
	[ACTION_NOTE] = { "note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS, NULL,
	    "Ghi chú", "Note", 0, NULL },
	TRAILER(ACTION),
};

/* The number of a plan's tasks that are done. */
static int
task_recompute(struct record *const *kids, size_t n,
    const struct record *parent, struct record *change, struct verr *e)
{
	int64_t done = 0;

	(void)parent;
	(void)e;
	for (size_t i = 0; i < n; i++)
		done += record_text(kids[i], TASK_STATUS) != NULL &&
		    strcmp(record_text(kids[i], TASK_STATUS), "done") == 0;
	record_set_int(change, PLAN_TASKS_DONE, done);
	return 0;
}

/* A task is done exactly when it has the date it was done. */
static int
task_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	const char *st = record_text(r, TASK_STATUS), *on = record_text(r, TASK_DONE_ON);
	bool done = st != NULL && strcmp(st, "done") == 0;

	if (done != (on != NULL))
		return rule_fail(e, RULE_DONE_NEEDS_DATE, "done_on");
	if (on != NULL && strcmp(on, today) > 0)
		return rule_fail(e, RULE_DATE_FUTURE, "done_on");
	return 0;
}

const struct rtype_rules plan_rules = { NULL, NULL, NULL, NULL };
const struct rtype_rules task_rules = { task_check, NULL, NULL, task_recompute };

static int
inspection_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	const char *a = record_text(r, INSPECTION_START), *b = record_text(r, INSPECTION_END);
	const char *kind = record_text(r, INSPECTION_KIND);

	(void)today;
	if (a != NULL && b != NULL && strcmp(b, a) < 0)
		return verr_set(e, VE_DATE_ORDER, "end_date", 0);
	/* A self-inspection is the unit checking itself. */
	if (kind != NULL && strcmp(kind, "self_inspection") == 0 &&
	    record_int(r, INSPECTION_TARGET) != record_int(r, INSPECTION_ORG))
		return rule_fail(e, RULE_SELF_INSPECTION, "target_org_id");
	return 0;
}

static int
inspection_derive(struct record *r, const struct rule_ctx *ctx)
{
	(void)ctx;
	derive_year(r, INSPECTION_START, INSPECTION_YEAR);
	return 0;
}

const struct rtype_rules inspection_rules = {
	inspection_check, inspection_derive, NULL, NULL
};

static int
action_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	const char *on = record_text(r, ACTION_DONE_ON);

	if (on != NULL && strcmp(on, today) > 0)
		return rule_fail(e, RULE_DATE_FUTURE, "done_on");
	return 0;
}

const struct rtype_rules action_rules = { action_check, NULL, NULL, NULL };
