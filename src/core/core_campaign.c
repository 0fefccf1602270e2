/*
 * core_campaign.c — the campaign's record types (SPEC §1, §3): topics,
 * activities with their attendance, pledges with their check-ins, each
 * described once — fields, bounds, labels, filters — with the rules that are
 * not a single field's bounds and the pledge's workflow (draft → submitted →
 * accepted or returned → self-review → the cell's verdict), which is what
 * keeps a pledge from being "đăng ký rồi quên".
 */
#include <stdlib.h>
#include <string.h>

#include "core/core_tables.h"
#include "text/text.h"



static const char *const topic_kinds[] = { "term", "year", NULL };

const struct field topic_fields[TOPIC__MAX] = {
	[TOPIC_TITLE] = { "title", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 500, NULL,
	    "Tên chuyên đề", "Title", 0 },
	[TOPIC_KIND] = { "kind", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0, topic_kinds,
	    "Loại chuyên đề", "Kind", 0 },
	[TOPIC_YEAR_FROM] = { "year_from", FT_INT, F_REQUIRED | F_FILTER | F_SORT,
	    YEAR_MIN, YEAR_MAX, NULL, "Từ năm", "From year", 0 },
	[TOPIC_YEAR_TO] = { "year_to", FT_INT, F_NULLABLE, YEAR_MIN, YEAR_MAX, NULL,
	    "Đến năm", "To year", 0 },
	[TOPIC_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Cấp ủy ban hành", "Issued by", 0 },
	[TOPIC_DOCUMENTS] = { "documents", FT_LONGTEXT, F_NULLABLE | F_SEARCH, 0,
	    LIMIT_TEXT_CHARS, NULL, "Văn bản, tài liệu", "Documents", 0 },
	[TOPIC_NOTE] = { "note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS, NULL,
	    "Ghi chú", "Note", 0 },
	TRAILER(TOPIC),
};

static const char *const activity_kinds[] = {
	"conference", "cell_meeting", "political_round", "citizen_reception",
	"dialogue", "voter_contact", "working_session", NULL
};

const struct field activity_fields[ACTIVITY__MAX] = {
	[ACTIVITY_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Đơn vị tổ chức", "Organised by", 0 },
	[ACTIVITY_KIND] = { "kind", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0, activity_kinds,
	    "Loại hoạt động", "Kind", 0 },
	[ACTIVITY_DATE] = { "date", FT_DATE, F_REQUIRED | F_SORT, 0, 0, NULL,
	    "Ngày", "Date", 0 },
	[ACTIVITY_YEAR] = { "year", FT_INT, F_READONLY | F_FILTER, YEAR_MIN - 100,
	    YEAR_MAX, NULL, "Năm", "Year", 0 },
	[ACTIVITY_TITLE] = { "title", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 500, NULL,
	    "Tên hoạt động", "Title", 0 },
	[ACTIVITY_TOPIC] = { "topic_id", FT_REF, F_NULLABLE | F_FILTER, 1, INT64_MAX,
	    NULL, "Chuyên đề", "Topic", REF_TOPIC },
	[ACTIVITY_ON_AGENDA] = { "topic_on_agenda", FT_BOOL, F_FILTER, 0, 1, NULL,
	    "Có nội dung học tập và làm theo Bác", "Topic on the agenda", 0 },
	[ACTIVITY_OUTSIDE] = { "outside_count", FT_INT, 0, 0, 1000000, NULL,
	    "Số lượt người ngoài danh sách", "Other participants", 0 },
	[ACTIVITY_LOCATION] = { "location", FT_TEXT, F_NULLABLE, 0, LIMIT_NAME_CHARS,
	    NULL, "Địa điểm", "Place", 0 },
	[ACTIVITY_CONTENT] = { "content", FT_LONGTEXT, F_NULLABLE | F_SEARCH, 0,
	    LIMIT_LONGTEXT_CHARS, NULL, "Nội dung", "Content", 0 },
	[ACTIVITY_NOTE] = { "note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS, NULL,
	    "Ghi chú", "Note", 0 },
	TRAILER(ACTIVITY),
};

const struct field attendance_fields[ATTENDANCE__MAX] = {
	[ATTENDANCE_ACTIVITY] = { "activity_id", FT_REF, F_REQUIRED | F_CREATEONLY, 1,
	    INT64_MAX, NULL, "Hoạt động", "Activity", RT_ACTIVITY + 1 },
	[ATTENDANCE_PERSON] = { "person_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER,
	    1, INT64_MAX, NULL, "Người tham dự", "Attendee", REF_PERSON },
	[ATTENDANCE_NOTE] = { "note", FT_TEXT, F_NULLABLE, 0, LIMIT_NAME_CHARS, NULL,
	    "Ghi chú", "Note", 0 },
	TRAILER(ATTENDANCE),
};

const char *const pledge_statuses[] = {
	"draft", "submitted", "accepted", "returned", "reviewed", "closed", NULL
};
static const char *const verdicts[] = { "done", "partly", "not_done", NULL };

const struct field pledge_fields[PLEDGE__MAX] = {
	[PLEDGE_YEAR] = { "year", FT_INT, F_REQUIRED | F_FILTER | F_SORT, YEAR_MIN,
	    YEAR_MAX, NULL, "Năm", "Year", 0 },
	[PLEDGE_ORG] = { "org_id", FT_REF, F_CREATEONLY | F_FILTER, 1, INT64_MAX, NULL,
	    "Đơn vị", "Unit", 0 },
	[PLEDGE_PERSON] = { "person_id", FT_REF, F_CREATEONLY | F_NULLABLE | F_FILTER,
	    1, INT64_MAX, NULL, "Cán bộ, đảng viên", "Person", REF_PERSON },
	[PLEDGE_TOPIC] = { "topic_id", FT_REF, F_NULLABLE | F_FILTER, 1, INT64_MAX,
	    NULL, "Chuyên đề", "Topic", REF_TOPIC },
	[PLEDGE_FOLLOW] = { "follow", FT_LONGTEXT, F_REQUIRED | F_SEARCH, 1, 4000, NULL,
	    "Nội dung đăng ký làm theo", "What will be followed", 0 },
	[PLEDGE_SOLUTIONS] = { "solutions", FT_LONGTEXT, F_REQUIRED | F_SEARCH, 1, 4000,
	    NULL, "Giải pháp thực hiện", "Concrete solutions", 0 },
	[PLEDGE_TARGET_TEXT] = { "target_text", FT_TEXT, F_NULLABLE, 0, 500, NULL,
	    "Chỉ tiêu, kết quả cần đạt", "Target", 0 },
	[PLEDGE_TARGET_VALUE] = { "target_value", FT_INT, F_NULLABLE, 0,
	    1000000000000000LL, NULL, "Chỉ tiêu (số)", "Target (number)", 0 },
	[PLEDGE_TARGET_UNIT] = { "target_unit", FT_TEXT, F_NULLABLE, 0, 50, NULL,
	    "Đơn vị tính", "Unit of the target", 0 },
	[PLEDGE_DUE] = { "due_date", FT_DATE, F_REQUIRED | F_SORT, 0, 0, NULL,
	    "Thời gian hoàn thành", "Due date", 0 },
	[PLEDGE_STATUS] = { "status", FT_ENUM, F_READONLY | F_FILTER, 0, 0,
	    pledge_statuses, "Trạng thái", "Status", 0 },
	[PLEDGE_SUBMITTED_ON] = { "submitted_on", FT_DATE, F_READONLY | F_NULLABLE, 0, 0,
	    NULL, "Ngày nộp", "Submitted on", 0 },
	[PLEDGE_ACCEPTED_ON] = { "accepted_on", FT_DATE, F_READONLY | F_NULLABLE, 0, 0,
	    NULL, "Ngày chấp nhận", "Accepted on", 0 },
	[PLEDGE_RETURN_REASON] = { "return_reason", FT_LONGTEXT, F_READONLY | F_NULLABLE,
	    1, LIMIT_TEXT_CHARS, NULL, "Lý do trả lại", "Reason for return", 0 },
	[PLEDGE_SELF_REVIEW] = { "self_review", FT_LONGTEXT, F_READONLY | F_NULLABLE, 1,
	    4000, NULL, "Tự đánh giá cuối năm", "Self-review", 0 },
	[PLEDGE_REVIEWED_ON] = { "reviewed_on", FT_DATE, F_READONLY | F_NULLABLE, 0, 0,
	    NULL, "Ngày tự đánh giá", "Reviewed on", 0 },
	[PLEDGE_VERDICT] = { "verdict", FT_ENUM, F_READONLY | F_NULLABLE | F_FILTER, 0, 0,
	    verdicts, "Kết quả thực hiện", "Verdict", 0 },
	[PLEDGE_VERDICT_NOTE] = { "verdict_note", FT_LONGTEXT, F_READONLY | F_NULLABLE,
	    0, LIMIT_TEXT_CHARS, NULL, "Nhận xét của chi bộ", "The cell's comment", 0 },
	[PLEDGE_VERDICT_ON] = { "verdict_on", FT_DATE, F_READONLY | F_NULLABLE, 0, 0,
	    NULL, "Ngày đánh giá", "Verdict on", 0 },
	[PLEDGE_PROGRESS] = { "progress", FT_INT, F_READONLY | F_NULLABLE, 0, 100, NULL,
	    "Tiến độ (%)", "Progress (%)", 0 },
	[PLEDGE_LAST_CHECKIN] = { "last_checkin", FT_DATE, F_READONLY | F_NULLABLE, 0, 0,
	    NULL, "Lần cập nhật gần nhất", "Last check-in", 0 },
	TRAILER(PLEDGE),
};

const struct field checkin_fields[CHECKIN__MAX] = {
	[CHECKIN_PLEDGE] = { "pledge_id", FT_REF, F_REQUIRED | F_CREATEONLY, 1, INT64_MAX,
	    NULL, "Bản đăng ký", "Pledge", RT_PLEDGE + 1 },
	[CHECKIN_DATE] = { "date", FT_DATE, F_REQUIRED | F_SORT, 0, 0, NULL,
	    "Ngày cập nhật", "Date", 0 },
	[CHECKIN_PROGRESS] = { "progress", FT_INT, F_REQUIRED, 0, 100, NULL,
	    "Tiến độ (%)", "Progress (%)", 0 },
	[CHECKIN_NOTE] = { "note", FT_LONGTEXT, F_REQUIRED, 1, LIMIT_TEXT_CHARS, NULL,
	    "Kết quả đã làm", "What was done", 0 },
	TRAILER(CHECKIN),
};

const struct field return_fields[RETURN__MAX] = {
	[RETURN_REASON] = { "return_reason", FT_LONGTEXT, F_REQUIRED, 1, LIMIT_TEXT_CHARS,
	    NULL, "Lý do trả lại", "Reason for return", 0 },
};

const struct field review_fields[REVIEW__MAX] = {
	[REVIEW_TEXT] = { "self_review", FT_LONGTEXT, F_REQUIRED, 1, 4000, NULL,
	    "Tự đánh giá cuối năm", "Self-review", 0 },
};

const struct field verdict_fields[VERDICT__MAX] = {
	[VERDICT_VERDICT] = { "verdict", FT_ENUM, F_REQUIRED, 0, 0, verdicts,
	    "Kết quả thực hiện", "Verdict", 0 },
	[VERDICT_NOTE] = { "verdict_note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS,
	    NULL, "Nhận xét của chi bộ", "The cell's comment", 0 },
};

static int
topic_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	(void)today;
	if (record_has(r, TOPIC_YEAR_TO) &&
	    record_int(r, TOPIC_YEAR_TO) < record_int(r, TOPIC_YEAR_FROM))
		return rule_fail(e, RULE_YEAR_RANGE, "year_to");
	return 0;
}

const struct rtype_rules topic_rules = { topic_check, NULL, NULL, NULL };

static int
activity_derive(struct record *r, const struct rule_ctx *ctx)
{
	(void)ctx;
	derive_year(r, ACTIVITY_DATE, ACTIVITY_YEAR);
	return 0;
}

const struct rtype_rules activity_rules = { NULL, activity_derive, NULL, NULL };

static int
pledge_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	const char *due = record_text(r, PLEDGE_DUE);

	(void)today;
	if (due != NULL && atoi(due) < record_int(r, PLEDGE_YEAR))
		return rule_fail(e, RULE_DUE_BEFORE_YEAR, "due_date");
	return 0;
}

const struct rtype_rules pledge_rules = { pledge_check, NULL, NULL, NULL };

/* Check-ins follow an accepted pledge until its verdict. */
static int
checkin_check_parent(const struct record *r, const struct record *pledge, struct verr *e)
{
	const char *st = record_text(pledge, PLEDGE_STATUS);
	const char *date = record_text(r, CHECKIN_DATE);
	const char *accepted = record_text(pledge, PLEDGE_ACCEPTED_ON);

	if (st == NULL || (strcmp(st, "accepted") != 0 && strcmp(st, "reviewed") != 0))
		return rule_fail(e, RULE_STATE, "pledge_id");
	if (date != NULL && accepted != NULL && strcmp(date, accepted) < 0)
		return verr_set(e, VE_DATE_ORDER, "date", 0);
	return 0;
}

static int
checkin_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	const char *date = record_text(r, CHECKIN_DATE);

	if (date != NULL && strcmp(date, today) > 0)
		return rule_fail(e, RULE_DATE_FUTURE, "date");
	return 0;
}

/* The pledge shows the latest check-in's progress and date (none: null). */
static int
checkin_recompute(struct record *const *kids, size_t n,
    const struct record *parent, struct record *change, struct verr *e)
{
	(void)parent;
	(void)e;
	if (n == 0) {
		record_set_null(change, PLEDGE_PROGRESS);
		record_set_null(change, PLEDGE_LAST_CHECKIN);
		return 0;
	}
	record_set_int(change, PLEDGE_PROGRESS, record_int(kids[n - 1], CHECKIN_PROGRESS));
	record_set_text(change, PLEDGE_LAST_CHECKIN, record_text(kids[n - 1], CHECKIN_DATE));
	return 0;
}

const struct rtype_rules checkin_rules = {
	checkin_check, NULL, checkin_check_parent, checkin_recompute
};

#define ROLE(r) (1u << (r))
#define DECIDERS (ROLE(ROLE_ADMIN) | ROLE(ROLE_STAFF) | ROLE(ROLE_SECRETARY))

static const char *const from_draft[] = { "draft", "returned", NULL };
static const char *const from_submitted[] = { "submitted", NULL };
static const char *const from_accepted[] = { "accepted", NULL };
static const char *const from_judgeable[] = { "accepted", "reviewed", NULL };

const struct transition pledge_transitions[] = {
	{ "submit", from_draft, "submitted", DECIDERS, true, 0, "submitted_on" },
	{ "accept", from_submitted, "accepted", DECIDERS, false, 0, "accepted_on" },
	{ "return", from_submitted, "returned", DECIDERS, false, RT_OP_RETURN + 1, NULL },
	{ "review", from_accepted, "reviewed", DECIDERS, true, RT_OP_REVIEW + 1,
	    "reviewed_on" },
	{ "verdict", from_judgeable, "closed", DECIDERS, false, RT_OP_VERDICT + 1,
	    "verdict_on" },
	{ NULL, NULL, NULL, 0, false, 0, NULL },
};

const char *const pledge_editable[] = { "draft", "returned", NULL };
