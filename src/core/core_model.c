/*
 * core_model.c — the one description of every record type: its fields, their
 * types and bounds, SQL columns, JSON names and labels.  Validation
 * (core_valid.c), storage (store_record.c), JSON (api_json.c) and the web
 * forms (GET /api/v1/meta) are all driven from these tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

#include "core/core_tables.h"

const char *const org_kind_names[ORG_KIND__MAX + 1] = {
	[ORG_NATIONAL] = "national",
	[ORG_PROVINCE] = "province_committee",
	[ORG_DISTRICT] = "district_committee",
	[ORG_BASE] = "base_committee",
	[ORG_CELL] = "cell",
	[ORG_AGENCY] = "agency",
	[ORG_MASS] = "mass_org",
	[ORG_KIND__MAX] = NULL,
};

const char *const person_statuses[] = {
	"active", "transferred_out", "left", "deceased", NULL
};

const char *const genders[] = { "male", "female", NULL };

const char *const role_names[ROLE__MAX + 1] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_STAFF] = "staff",
	[ROLE_SECRETARY] = "secretary",
	[ROLE_MEMBER] = "member",
	[ROLE_VIEWER] = "viewer",
	[ROLE__MAX] = NULL,
};

#define TS_FIELDS(created, updated) \
	[created] = { "created_at", FT_INT, F_READONLY, 0, INT64_MAX, NULL, \
	    "Thời điểm tạo", "Created at" }, \
	[updated] = { "updated_at", FT_INT, F_READONLY, 0, INT64_MAX, NULL, \
	    "Thời điểm sửa", "Updated at" }

static const struct field org_fields[ORG__MAX] = {
	[ORG_CODE] = { "code", FT_CODE, F_REQUIRED, 1, LIMIT_CODE_CHARS, NULL,
	    "Mã đơn vị", "Unit code" },
	[ORG_KIND] = { "kind", FT_ENUM, F_REQUIRED | F_CREATEONLY, 0, 0,
	    org_kind_names, "Loại đơn vị", "Kind" },
	[ORG_NAME] = { "name", FT_TEXT, F_REQUIRED, 1, LIMIT_NAME_CHARS, NULL,
	    "Tên đơn vị", "Name" },
	[ORG_PARENT] = { "parent_id", FT_REF, F_CREATEONLY | F_NULLABLE, 1,
	    INT64_MAX, NULL, "Đơn vị cấp trên", "Parent unit" },
	[ORG_VALID_FROM] = { "valid_from", FT_DATE, F_CREATEONLY, 0, 0, NULL,
	    "Ngày thành lập", "Established on" },
	[ORG_VALID_TO] = { "valid_to", FT_DATE, F_READONLY | F_NULLABLE, 0, 0,
	    NULL, "Ngày giải thể", "Closed on" },
	[ORG_SUCCESSOR] = { "successor_id", FT_REF, F_READONLY | F_NULLABLE, 1,
	    INT64_MAX, NULL, "Hợp nhất vào", "Merged into" },
	[ORG_PATH] = { "path", FT_TEXT, F_READONLY | F_HIDDEN, 0, 255, NULL,
	    "Đường dẫn", "Path" },
	[ORG_DEPTH] = { "depth", FT_INT, F_READONLY, 0, 64, NULL,
	    "Cấp", "Depth" },
	[ORG_NAME_FOLD] = { "name_fold", FT_TEXT, F_READONLY | F_HIDDEN, 0,
	    LIMIT_NAME_CHARS * 2, NULL, "Khóa tìm kiếm", "Search key" },
	[ORG_NOTE] = { "note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS, NULL,
	    "Ghi chú", "Note" },
	TS_FIELDS(ORG_CREATED, ORG_UPDATED),
};

static const struct field person_fields[PERSON__MAX] = {
	[PERSON_CODE] = { "code", FT_CODE, 0, 1, LIMIT_CODE_CHARS, NULL,
	    "Mã", "Code" },
	[PERSON_FULL_NAME] = { "full_name", FT_TEXT, F_REQUIRED, 1,
	    LIMIT_NAME_CHARS, NULL, "Họ và tên", "Full name" },
	[PERSON_NAME_FOLD] = { "name_fold", FT_TEXT, F_READONLY | F_HIDDEN, 0,
	    LIMIT_NAME_CHARS * 2, NULL, "Khóa tìm kiếm", "Search key" },
	[PERSON_SORT_KEY] = { "sort_key", FT_BLOB, F_READONLY | F_HIDDEN, 0, 0,
	    NULL, "Khóa sắp xếp", "Sort key" },
	[PERSON_GENDER] = { "gender", FT_ENUM, F_NULLABLE, 0, 0, genders,
	    "Giới tính", "Gender" },
	[PERSON_BIRTH_YEAR] = { "birth_year", FT_INT, F_NULLABLE, DATE_MIN_YEAR,
	    DATE_MAX_YEAR, NULL, "Năm sinh", "Year of birth" },
	[PERSON_PARTY_JOINED] = { "party_joined", FT_DATE, F_NULLABLE, 0, 0, NULL,
	    "Ngày vào Đảng", "Joined the Party on" },
	[PERSON_PARTY_MEMBER] = { "party_member", FT_BOOL, 0, 0, 1, NULL,
	    "Đảng viên", "Party member" },
	[PERSON_KEY_CADRE] = { "key_cadre", FT_BOOL, 0, 0, 1, NULL,
	    "Cán bộ chủ chốt", "Key cadre" },
	[PERSON_HEAD] = { "head", FT_BOOL, 0, 0, 1, NULL,
	    "Người đứng đầu", "Head of unit" },
	[PERSON_CIVIL_SERVANT] = { "civil_servant", FT_BOOL, 0, 0, 1, NULL,
	    "Công chức, viên chức", "Civil servant" },
	[PERSON_UNION_MEMBER] = { "union_member", FT_BOOL, 0, 0, 1, NULL,
	    "Đoàn viên, hội viên", "Mass-organisation member" },
	[PERSON_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY, 1,
	    INT64_MAX, NULL, "Đơn vị sinh hoạt", "Unit" },
	[PERSON_STATUS] = { "status", FT_ENUM, 0, 0, 0, person_statuses,
	    "Trạng thái", "Status" },
	[PERSON_POSITION] = { "position", FT_TEXT, F_NULLABLE, 0, LIMIT_NAME_CHARS,
	    NULL, "Chức vụ", "Position" },
	[PERSON_NOTE] = { "note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS,
	    NULL, "Ghi chú", "Note" },
	TS_FIELDS(PERSON_CREATED, PERSON_UPDATED),
};

static const struct field account_fields[ACCOUNT__MAX] = {
	[ACCOUNT_USERNAME] = { "username", FT_CODE, F_REQUIRED | F_CREATEONLY, 3,
	    LIMIT_USERNAME_CHARS, NULL, "Tên đăng nhập", "User name" },
	[ACCOUNT_DISPLAY_NAME] = { "display_name", FT_TEXT, F_NULLABLE, 0,
	    LIMIT_NAME_CHARS, NULL, "Tên hiển thị", "Display name" },
	[ACCOUNT_ROLE] = { "role", FT_ENUM, F_REQUIRED, 0, 0, role_names,
	    "Vai trò", "Role" },
	[ACCOUNT_ORG] = { "org_id", FT_REF, F_REQUIRED, 1, INT64_MAX, NULL,
	    "Đơn vị", "Unit" },
	[ACCOUNT_PERSON] = { "person_id", FT_REF, F_NULLABLE, 1, INT64_MAX, NULL,
	    "Người dùng là", "Person", RT_PERSON + 1, NULL },
	[ACCOUNT_DISABLED] = { "disabled", FT_BOOL, 0, 0, 1, NULL,
	    "Khóa tài khoản", "Disabled" },
	[ACCOUNT_PASSWORD] = { "password", FT_PASSWORD, F_REQUIRED | F_NOCOLUMN,
	    LIMIT_PASSWORD_MIN, LIMIT_PASSWORD_MAX, NULL, "Mật khẩu", "Password" },
	[ACCOUNT_PW_HASH] = { "password_hash", FT_TEXT, F_READONLY | F_HIDDEN, 0,
	    200, NULL, "Băm mật khẩu", "Password hash" },
	TS_FIELDS(ACCOUNT_CREATED, ACCOUNT_UPDATED),
};

static const struct field login_fields[LOGIN__MAX] = {
	[LOGIN_USERNAME] = { "username", FT_TEXT, F_REQUIRED, 1,
	    LIMIT_USERNAME_CHARS, NULL, "Tên đăng nhập", "User name" },
	[LOGIN_PASSWORD] = { "password", FT_PASSWORD, F_REQUIRED, 1,
	    LIMIT_PASSWORD_MAX, NULL, "Mật khẩu", "Password" },
};

/* The second log-in step: the ticket of the first, and a code of the
 * authenticator app or a recovery code (exactly one of the two). */
static const struct field login_step_fields[STEP__MAX] = {
	[STEP_TICKET] = { "ticket", FT_TEXT, F_REQUIRED, 1, 64, NULL,
	    "Phiếu đăng nhập", "Log-in ticket" },
	[STEP_CODE] = { "code", FT_TEXT, F_NULLABLE, 1, 16, NULL,
	    "Mã xác thực", "Authentication code" },
	[STEP_RECOVERY] = { "recovery_code", FT_TEXT, F_NULLABLE, 1, 32, NULL,
	    "Mã khôi phục", "Recovery code" },
};

static const struct field password_fields[PASSWORD__MAX] = {
	[PASSWORD_OLD] = { "old_password", FT_PASSWORD, F_REQUIRED, 1,
	    LIMIT_PASSWORD_MAX, NULL, "Mật khẩu hiện tại", "Current password" },
	[PASSWORD_NEW] = { "new_password", FT_PASSWORD, F_REQUIRED, LIMIT_PASSWORD_MIN,
	    LIMIT_PASSWORD_MAX, NULL, "Mật khẩu mới", "New password" },
};

static const struct field reauth_fields[REAUTH__MAX] = {
	[REAUTH_PASSWORD] = { "password", FT_PASSWORD, F_REQUIRED, 1,
	    LIMIT_PASSWORD_MAX, NULL, "Mật khẩu hiện tại", "Current password" },
};

static const struct field totp_code_fields[TOTPCODE__MAX] = {
	[TOTPCODE_CODE] = { "code", FT_TEXT, F_REQUIRED, 1, 16, NULL,
	    "Mã xác thực", "Authentication code" },
};

static const struct field move_fields[MOVE__MAX] = {
	[MOVE_PARENT] = { "parent_id", FT_REF, F_REQUIRED, 1, INT64_MAX, NULL,
	    "Đơn vị cấp trên mới", "New parent unit" },
	[MOVE_DATE] = { "date", FT_DATE, F_REQUIRED, 0, 0, NULL,
	    "Ngày chuyển", "Date of the move" },
};

static const struct field close_fields[CLOSE__MAX] = {
	[CLOSE_DATE] = { "date", FT_DATE, F_REQUIRED, 0, 0, NULL,
	    "Ngày giải thể", "Closing date" },
	[CLOSE_NOTE] = { "note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS, NULL,
	    "Ghi chú", "Note" },
};

static const struct field merge_fields[MERGE__MAX] = {
	[MERGE_SUCCESSOR] = { "successor_id", FT_REF, F_REQUIRED, 1, INT64_MAX,
	    NULL, "Đơn vị hợp nhất vào", "Merged into" },
	[MERGE_DATE] = { "date", FT_DATE, F_REQUIRED, 0, 0, NULL,
	    "Ngày hợp nhất", "Date of the merger" },
	[MERGE_NOTE] = { "note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS, NULL,
	    "Ghi chú", "Note" },
};

static const struct field transfer_fields[TRANSFER__MAX] = {
	[TRANSFER_ORG] = { "org_id", FT_REF, F_REQUIRED, 1, INT64_MAX, NULL,
	    "Đơn vị chuyển đến", "New unit" },
	[TRANSFER_DATE] = { "date", FT_DATE, F_REQUIRED, 0, 0, NULL,
	    "Ngày chuyển sinh hoạt", "Date of the transfer" },
	[TRANSFER_NOTE] = { "note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS,
	    NULL, "Ghi chú", "Note" },
};

const struct rtype rtypes[RT__MAX] = {
	[RT_ORG] = { RT_ORG, "org", "org", org_fields, ORG__MAX,
	    "Đơn vị", "Unit" },
	[RT_PERSON] = { RT_PERSON, "person", "person", person_fields, PERSON__MAX,
	    "Cán bộ, đảng viên", "Person" },
	[RT_ACCOUNT] = { RT_ACCOUNT, "account", "account", account_fields,
	    ACCOUNT__MAX, "Tài khoản", "Account" },
	[RT_OP_LOGIN] = { RT_OP_LOGIN, "login", NULL, login_fields, LOGIN__MAX,
	    "Đăng nhập", "Log-in" },
	[RT_OP_MOVE] = { RT_OP_MOVE, "move", NULL, move_fields, MOVE__MAX,
	    "Chuyển đơn vị", "Move" },
	[RT_OP_CLOSE] = { RT_OP_CLOSE, "close", NULL, close_fields, CLOSE__MAX,
	    "Giải thể", "Close" },
	[RT_OP_MERGE] = { RT_OP_MERGE, "merge", NULL, merge_fields, MERGE__MAX,
	    "Hợp nhất", "Merge" },
	[RT_OP_TRANSFER] = { RT_OP_TRANSFER, "transfer", NULL, transfer_fields,
	    TRANSFER__MAX, "Chuyển sinh hoạt", "Transfer" },

	[RT_TOPIC] = { RT_TOPIC, "topic", "topic", topic_fields, TOPIC__MAX,
	    "Chuyên đề", "Topic",
	    .flags = RF_GENERIC | RF_SOFT_DELETE | RF_INHERITED, .path = "topics", .res = RES_TOPIC,
	    .org_field = "org_id", .default_sort = "year_from", .rules = &topic_rules },
	[RT_ACTIVITY] = { RT_ACTIVITY, "activity", "activity", activity_fields,
	    ACTIVITY__MAX, "Hoạt động", "Activity",
	    .flags = RF_GENERIC | RF_SOFT_DELETE, .path = "activities",
	    .res = RES_ACTIVITY, .org_field = "org_id", .default_sort = "date",
	    .facet_field = "kind",
	    .rules = &activity_rules },
	[RT_ATTENDANCE] = { RT_ATTENDANCE, "attendance", "attendance", attendance_fields,
	    ATTENDANCE__MAX, "Người tham dự", "Attendance",
	    .flags = RF_GENERIC, .path = "attendance", .res = RES_ACTIVITY,
	    .parent = RT_ACTIVITY + 1, .parent_field = "activity_id",
	    .person_field = "person_id" },
	[RT_PLEDGE] = { RT_PLEDGE, "pledge", "pledge", pledge_fields, PLEDGE__MAX,
	    "Đăng ký làm theo", "Pledge",
	    .flags = RF_GENERIC | RF_SOFT_DELETE, .path = "pledges", .res = RES_PLEDGE,
	    .org_field = "org_id", .person_field = "person_id",
	    .status_field = "status", .default_sort = "year", .facet_field = "status",
	    .rules = &pledge_rules,
	    .transitions = pledge_transitions, .editable_in = pledge_editable },
	[RT_CHECKIN] = { RT_CHECKIN, "checkin", "pledge_checkin", checkin_fields,
	    CHECKIN__MAX, "Cập nhật tiến độ", "Check-in",
	    .flags = RF_GENERIC, .path = "checkins", .res = RES_PLEDGE,
	    .parent = RT_PLEDGE + 1, .parent_field = "pledge_id",
	    .default_sort = "date", .rules = &checkin_rules },
	[RT_CATALOG] = { RT_CATALOG, "catalog", "catalog_item", catalog_fields,
	    CATALOG__MAX, "Danh mục cấu hình", "Configuration list",
	    .flags = RF_GENERIC | RF_GLOBAL, .path = "catalog", .res = RES_CONFIG,
	    .default_sort = "sort_order", .rules = &catalog_rules },
	[RT_PLAN] = { RT_PLAN, "plan", "plan", plan_fields, PLAN__MAX,
	    "Kế hoạch", "Plan",
	    .flags = RF_GENERIC | RF_SOFT_DELETE, .path = "plans", .res = RES_PLAN,
	    .org_field = "org_id", .default_sort = "year", .rules = &plan_rules },
	[RT_TASK] = { RT_TASK, "task", "plan_task", task_fields, TASK__MAX,
	    "Nhiệm vụ", "Task",
	    .flags = RF_GENERIC, .path = "tasks", .res = RES_PLAN,
	    .parent = RT_PLAN + 1, .parent_field = "plan_id", .default_sort = "group_no",
	    .rules = &task_rules },
	[RT_CONCERN] = { RT_CONCERN, "concern", "concern", concern_fields, CONCERN__MAX,
	    "Vấn đề bức xúc, nổi cộm", "Pressing issue",
	    .flags = RF_GENERIC | RF_SOFT_DELETE, .path = "concerns", .res = RES_CONCERN,
	    .org_field = "org_id", .default_sort = "opened", .facet_field = "state_kind",
	    .rules = &concern_rules },
	[RT_CONCERN_UPDATE] = { RT_CONCERN_UPDATE, "concern_update", "concern_update",
	    concern_update_fields, UPDATE__MAX, "Cập nhật tình trạng", "State update",
	    .flags = RF_GENERIC, .path = "updates", .res = RES_CONCERN,
	    .parent = RT_CONCERN + 1, .parent_field = "concern_id", .default_sort = "date",
	    .rules = &update_rules },
	[RT_PETITION] = { RT_PETITION, "petition", "petition", petition_fields,
	    PETITION__MAX, "Đơn thư, phản ánh", "Petition",
	    .flags = RF_GENERIC | RF_SOFT_DELETE, .path = "petitions", .res = RES_PETITION,
	    .org_field = "org_id", .default_sort = "received", .facet_field = "state_kind",
	    .rules = &petition_rules },
	[RT_PETITION_UPDATE] = { RT_PETITION_UPDATE, "petition_update", "petition_update",
	    petition_update_fields, UPDATE__MAX, "Cập nhật tình trạng", "State update",
	    .flags = RF_GENERIC, .path = "updates", .res = RES_PETITION,
	    .parent = RT_PETITION + 1, .parent_field = "petition_id", .default_sort = "date",
	    .rules = &update_rules },
	[RT_EXEMPLAR] = { RT_EXEMPLAR, "exemplar", "exemplar", exemplar_fields,
	    EXEMPLAR__MAX, "Mô hình, điển hình", "Exemplar",
	    .flags = RF_GENERIC | RF_SOFT_DELETE | RF_PUBLIC_PERSON, .path = "exemplars",
	    .res = RES_EXEMPLAR, .org_field = "org_id", .person_field = "person_id",
	    .default_sort = "year", .facet_field = "status", .rules = &exemplar_rules },
	[RT_EXEMPLAR_SCORE] = { RT_EXEMPLAR_SCORE, "exemplar_score", "exemplar_score",
	    score_fields, SCORE__MAX, "Điểm tiêu chí", "Criterion score",
	    .flags = RF_GENERIC, .path = "scores", .res = RES_EXEMPLAR,
	    .parent = RT_EXEMPLAR + 1, .parent_field = "exemplar_id", .rules = &score_rules },
	[RT_REPLICATION] = { RT_REPLICATION, "replication", "exemplar_replication",
	    replication_fields, REPLICATION__MAX, "Đơn vị nhân rộng", "Replication",
	    .flags = RF_GENERIC, .path = "replications", .res = RES_EXEMPLAR,
	    .parent = RT_EXEMPLAR + 1, .parent_field = "exemplar_id", .default_sort = "date" },
	[RT_INSPECTION] = { RT_INSPECTION, "inspection", "inspection", inspection_fields,
	    INSPECTION__MAX, "Kiểm tra, giám sát", "Inspection",
	    .flags = RF_GENERIC | RF_SOFT_DELETE, .path = "inspections",
	    .res = RES_INSPECTION, .org_field = "org_id", .default_sort = "start_date",
	    .facet_field = "kind",
	    .rules = &inspection_rules },
	[RT_INSPECTION_ACTION] = { RT_INSPECTION_ACTION, "inspection_action",
	    "inspection_action", action_fields, ACTION__MAX, "Yêu cầu khắc phục",
	    "Follow-up action",
	    .flags = RF_GENERIC, .path = "followups", .res = RES_INSPECTION,
	    .parent = RT_INSPECTION + 1, .parent_field = "inspection_id",
	    .default_sort = "due_date", .rules = &action_rules },
	[RT_EVALUATION] = { RT_EVALUATION, "evaluation", "evaluation", evaluation_fields,
	    EVALUATION__MAX, "Đánh giá, xếp loại", "Evaluation",
	    .flags = RF_GENERIC | RF_SOFT_DELETE, .path = "evaluations",
	    .res = RES_EVALUATION, .org_field = "org_id", .person_field = "person_id",
	    .default_sort = "year", .facet_field = "level", .bands = "eval_level",
	    .rules = &evaluation_rules },
	[RT_AWARD] = { RT_AWARD, "award", "award", award_fields, AWARD__MAX,
	    "Khen thưởng", "Award",
	    .flags = RF_GENERIC | RF_SOFT_DELETE | RF_PUBLIC_PERSON, .path = "awards",
	    .res = RES_AWARD, .org_field = "org_id", .person_field = "person_id",
	    .default_sort = "year", .rules = &award_rules },
	[RT_SURVEY] = { RT_SURVEY, "survey", "survey", survey_fields, SURVEY__MAX,
	    "Điều tra dư luận xã hội", "Opinion survey",
	    .flags = RF_GENERIC | RF_SOFT_DELETE, .path = "surveys", .res = RES_SURVEY,
	    .org_field = "org_id", .default_sort = "date", .rules = &survey_rules },
	[RT_SURVEY_ANSWER] = { RT_SURVEY_ANSWER, "survey_answer", "survey_answer",
	    answer_fields, ANSWER__MAX, "Kết quả trả lời", "Answer",
	    .flags = RF_GENERIC, .path = "answers", .res = RES_SURVEY,
	    .parent = RT_SURVEY + 1, .parent_field = "survey_id",
	    .default_sort = "sort_order", .rules = &answer_rules },
	[RT_METRIC_VALUE] = { RT_METRIC_VALUE, "metric_value", "metric_value",
	    metric_fields, METRIC__MAX, "Số liệu thi đua", "Emulation figure",
	    .flags = RF_GENERIC | RF_SOFT_DELETE, .path = "metrics", .res = RES_METRIC,
	    .org_field = "org_id", .default_sort = "year", .rules = &metric_rules },
	[RT_OP_RETURN] = { RT_OP_RETURN, "return", NULL, return_fields, RETURN__MAX,
	    "Trả lại", "Return" },
	[RT_OP_REVIEW] = { RT_OP_REVIEW, "review", NULL, review_fields, REVIEW__MAX,
	    "Tự đánh giá", "Self-review" },
	[RT_OP_VERDICT] = { RT_OP_VERDICT, "verdict", NULL, verdict_fields, VERDICT__MAX,
	    "Đánh giá kết quả", "Verdict" },
	[RT_YEAR_REPORT] = { RT_YEAR_REPORT, "year_report", "year_report", year_report_fields,
	    YR__MAX, "Báo cáo số liệu năm", "Year report", .res = RES_YEAR_REPORT,
	    .org_field = "org_id", .status_field = "status" },
	[RT_OP_YEAR_STEP] = { RT_OP_YEAR_STEP, "year_step", NULL, year_step_fields, YS__MAX,
	    "Nộp, duyệt số liệu năm", "Year report step" },
	[RT_OP_LOGIN_STEP] = { RT_OP_LOGIN_STEP, "login_step", NULL, login_step_fields,
	    STEP__MAX, "Xác thực hai bước", "Two-factor log-in" },
	[RT_OP_PASSWORD] = { RT_OP_PASSWORD, "password_change", NULL, password_fields,
	    PASSWORD__MAX, "Đổi mật khẩu", "Password change" },
	[RT_OP_REAUTH] = { RT_OP_REAUTH, "reauth", NULL, reauth_fields, REAUTH__MAX,
	    "Xác nhận mật khẩu", "Password confirmation" },
	[RT_OP_TOTP_CODE] = { RT_OP_TOTP_CODE, "totp_code", NULL, totp_code_fields,
	    TOTPCODE__MAX, "Mã xác thực", "Authentication code" },
};

const struct rtype *
rtype_by_path(const char *p)
{
	for (int t = 0; t < RT__MAX; t++)
		if ((rtypes[t].flags & RF_GENERIC) && rtypes[t].parent == 0 &&
		    strcmp(rtypes[t].path, p) == 0)
			return &rtypes[t];
	return NULL;
}

const struct rtype *
rtype_child(const struct rtype *parent, const char *p)
{
	for (int t = 0; t < RT__MAX; t++)
		if ((rtypes[t].flags & RF_GENERIC) && rtypes[t].parent == (int)parent->id + 1 &&
		    strcmp(rtypes[t].path, p) == 0)
			return &rtypes[t];
	return NULL;
}

const struct rtype *
rtype_parent(const struct rtype *t)
{
	return t->parent > 0 ? &rtypes[t->parent - 1] : NULL;
}

int
record_derive_search(struct record *r)
{
	int fs = rtype_field(r->type, "search_fold");
	size_t cap = 1, off = 0;
	char *buf;

	if (fs < 0)
		return 0;
	for (int f = 0; f < r->type->nfields; f++)
		if ((r->type->fields[f].flags & F_SEARCH) && record_has(r, f))
			cap += strlen(record_text(r, f)) * 2 + 1;
	if ((buf = malloc(cap)) == NULL)
		return -1;
	buf[0] = '\0';
	for (int f = 0; f < r->type->nfields; f++) {
		char *fold;

		if (!(r->type->fields[f].flags & F_SEARCH) || !record_has(r, f))
			continue;
		if ((fold = text_fold(record_text(r, f))) == NULL) {
			free(buf);
			return -1;
		}
		off += (size_t)snprintf(buf + off, cap - off, "%s%s", off ? " " : "", fold);
		free(fold);
	}
	record_set_text(r, fs, buf);
	free(buf);
	return 0;
}

const struct transition *
rtype_transition(const struct rtype *t, const char *name)
{
	for (const struct transition *tr = t->transitions; tr != NULL && tr->name; tr++)
		if (strcmp(tr->name, name) == 0)
			return tr;
	return NULL;
}

int
rtype_field(const struct rtype *t, const char *name)
{
	for (int i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i].name, name) == 0)
			return i;
	return -1;
}

int
enum_index(const char *const *values, const char *s)
{
	if (values == NULL || s == NULL)
		return -1;
	for (int i = 0; values[i] != NULL; i++)
		if (strcmp(values[i], s) == 0)
			return i;
	return -1;
}
