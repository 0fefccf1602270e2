/*
 * api_error.c — every error the API can give: its HTTP status, its code and
 * its message in Vietnamese and English, with the label of the field at
 * fault filled in.  Also the mapping from core validation errors and store
 * return codes to these.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"

struct errdesc {
	const char *code;
	int status;
	const char *vi, *en;	/* %1$s: field label, %2$lld: limit */
};

static const struct errdesc errs[E__MAX] = {
	[E_BAD_JSON] = { "bad_json", 400,
	    "Dữ liệu gửi lên không phải là JSON hợp lệ",
	    "The request body is not valid JSON" },
	[E_UNKNOWN_FIELD] = { "unknown_field", 400,
	    "Trường “%1$s” không có trong biểu mẫu này",
	    "Unknown field “%1$s”" },
	[E_READ_ONLY] = { "read_only", 400,
	    "Không được sửa “%1$s”: hệ thống tự ghi",
	    "“%1$s” is set by the system and cannot be changed" },
	[E_CREATE_ONLY] = { "create_only", 400,
	    "Không sửa trực tiếp “%1$s” sau khi đã tạo",
	    "“%1$s” cannot be changed after creation" },
	[E_INVALID_TYPE] = { "invalid_type", 400,
	    "“%1$s” có kiểu dữ liệu không đúng",
	    "“%1$s” has the wrong type" },
	[E_REQUIRED] = { "required", 400,
	    "Chưa nhập “%1$s”", "“%1$s” is required" },
	[E_NOT_NULL] = { "not_null", 400,
	    "“%1$s” không được để trống", "“%1$s” cannot be empty" },
	[E_INVALID_UTF8] = { "invalid_utf8", 400,
	    "“%1$s” chứa ký tự không hợp lệ",
	    "“%1$s” contains invalid characters" },
	[E_TOO_LONG] = { "too_long", 400,
	    "“%1$s” dài quá %2$lld ký tự",
	    "“%1$s” is longer than %2$lld characters" },
	[E_TOO_SHORT] = { "too_short", 400,
	    "“%1$s” phải có ít nhất %2$lld ký tự",
	    "“%1$s” must have at least %2$lld characters" },
	[E_INVALID_FORMAT] = { "invalid_format", 400,
	    "“%1$s” chỉ được gồm chữ cái không dấu, chữ số và các dấu . _ -",
	    "“%1$s” may only contain letters, digits and . _ -" },
	[E_OUT_OF_RANGE] = { "out_of_range", 400,
	    "“%1$s” nằm ngoài giới hạn cho phép (%2$lld)",
	    "“%1$s” is out of range (%2$lld)" },
	[E_INVALID_DATE] = { "invalid_date", 400,
	    "“%1$s” không phải là ngày hợp lệ",
	    "“%1$s” is not a valid date" },
	[E_INVALID_VALUE] = { "invalid_value", 400,
	    "“%1$s” có giá trị không hợp lệ",
	    "“%1$s” has a value that is not allowed" },
	[E_DATE_ORDER] = { "date_order", 400,
	    "“%1$s” phải sau ngày bắt đầu",
	    "“%1$s” must be after the start date" },
	[E_RULE] = { "rule", 400, "%1$s", "%1$s" },
	[E_REF] = { "ref", 400,
	    "“%1$s” không tồn tại hoặc ngoài phạm vi của bạn",
	    "“%1$s” does not exist or is outside your scope" },
	[E_BAD_PARAM] = { "bad_param", 400,
	    "Tham số “%1$s” không hợp lệ",
	    "Query parameter “%1$s” is not valid" },
	[E_UNAUTHENTICATED] = { "unauthenticated", 401,
	    "Bạn cần đăng nhập (phiên làm việc đã hết hạn hoặc chưa đăng nhập)",
	    "Please log in (no session, or it has expired)" },
	[E_INVALID_CREDENTIALS] = { "invalid_credentials", 401,
	    "Tên đăng nhập hoặc mật khẩu không đúng",
	    "Wrong user name or password" },
	[E_ACCOUNT_DISABLED] = { "account_disabled", 403,
	    "Tài khoản đã bị khóa. Liên hệ quản trị hệ thống",
	    "This account is disabled. Contact the administrator" },
	[E_FORBIDDEN] = { "forbidden", 403,
	    "Vai trò của bạn không được phép thực hiện thao tác này",
	    "Your role does not allow this" },
	[E_CSRF] = { "csrf", 403,
	    "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token). Hãy tải lại trang",
	    "Missing or wrong X-CSRF-Token. Reload the page" },
	[E_NOT_FOUND] = { "not_found", 404,
	    "Không tìm thấy", "Not found" },
	[E_METHOD] = { "method_not_allowed", 405,
	    "Phương thức không được hỗ trợ", "Method not allowed" },
	[E_EXISTS] = { "exists", 409,
	    "“%1$s” trùng với một bản ghi đã có",
	    "“%1$s” duplicates an existing record" },
	[E_TOO_LARGE] = { "too_large", 413,
	    "Dữ liệu gửi lên quá lớn", "The request body is too large" },
	[E_RATE_LIMITED] = { "rate_limited", 429,
	    "Đăng nhập sai quá nhiều lần. Hãy thử lại sau %2$lld phút",
	    "Too many failed log-ins. Try again in %2$lld minutes" },
	[E_UNAVAILABLE] = { "unavailable", 503,
	    "Hệ thống đang bận, hãy thử lại", "The system is busy, try again" },
	[E_INTERNAL] = { "internal", 500,
	    "Lỗi hệ thống", "Internal error" },
	[E_UNEXPECTED_BODY] = { "unexpected_body", 400,
	    "Thao tác này không nhận dữ liệu gửi kèm", "This request takes no body" },
	[E_INVALID_CODE] = { "invalid_code", 401,
	    "Mã xác thực không đúng, đã hết hạn hoặc đã dùng. Hãy nhập mã mới nhất trên ứng dụng xác thực (hoặc một mã khôi phục chưa dùng)",
	    "Wrong, expired or already used code. Enter the newest code of your authenticator app (or an unused recovery code)" },
	[E_INVALID_TICKET] = { "invalid_ticket", 401,
	    "Lượt đăng nhập này đã hết hạn hoặc không hợp lệ. Hãy đăng nhập lại từ đầu",
	    "This log-in has expired or is not valid. Log in again from the start" },
	[E_WRONG_PASSWORD] = { "wrong_password", 400,
	    "“%1$s” không đúng", "“%1$s” is wrong" },
	[E_WRONG_CODE] = { "wrong_code", 400,
	    "Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trên ứng dụng xác thực",
	    "Wrong or expired code. Enter the code your authenticator app shows now" },
};

static const char *const rule_msgs[RULE__MAX][2] = {
	[RULE_NONE] = { "Vi phạm quy tắc", "Rule violated" },
	[RULE_PARENT_KIND] = { "Loại đơn vị này không thể trực thuộc đơn vị cấp trên đã chọn",
	    "This kind of unit cannot sit under the chosen parent" },
	[RULE_ROOT_KIND] = { "Chỉ cấp Trung ương mới không có đơn vị cấp trên",
	    "Only the national unit has no parent" },
	[RULE_PARENT_CLOSED] = { "Đơn vị cấp trên không còn hoạt động vào ngày đó",
	    "The parent unit is not open on that date" },
	[RULE_ORG_CLOSED] = { "Đơn vị đã giải thể hoặc chưa thành lập vào ngày đó",
	    "The unit is closed (or not yet open) on that date" },
	[RULE_MOVE_CYCLE] = { "Không thể chuyển đơn vị vào chính nó hoặc đơn vị trực thuộc nó",
	    "A unit cannot move under itself or one of its own units" },
	[RULE_SUCCESSOR_SELF] = { "Không thể hợp nhất đơn vị vào chính nó",
	    "A unit cannot be merged into itself" },
	[RULE_SUCCESSOR_CLOSED] = { "Đơn vị nhận hợp nhất không hoạt động vào ngày đó",
	    "The successor is not open on that date" },
	[RULE_JOINED_NOT_MEMBER] = { "Chỉ đảng viên mới có ngày vào Đảng",
	    "Only party members have a date of joining the Party" },
	[RULE_JOINED_TOO_YOUNG] = { "Ngày vào Đảng phải từ khi đủ 18 tuổi",
	    "The date of joining must be at 18 or older" },
	[RULE_BIRTH_FUTURE] = { "Năm sinh không thể ở tương lai",
	    "The year of birth cannot be in the future" },
	[RULE_DATE_FUTURE] = { "Ngày này không thể ở tương lai",
	    "This date cannot be in the future" },
	[RULE_MEMBER_NEEDS_PERSON] = { "Tài khoản đảng viên phải gắn với một người",
	    "A member account must be linked to a person" },
	[RULE_SECRETARY_CELL] = { "Tài khoản bí thư chi bộ phải thuộc một chi bộ",
	    "A secretary account must belong to a cell" },
	[RULE_TRANSFER_SAME] = { "Người này đã sinh hoạt ở đơn vị đó",
	    "The person is already in that unit" },
	[RULE_PERSON_ORG_KIND] = { "Không thể xếp người vào cấp Trung ương",
	    "People cannot belong to the national unit" },
	[RULE_STATE] = { "Trạng thái hiện tại của bản ghi không cho phép thao tác này",
	    "The record's current status does not allow this" },
	[RULE_NOT_OWNER] = { "Đảng viên chỉ thao tác trên bản ghi của chính mình",
	    "Members act only on their own records" },
	[RULE_PERSON_UNIT] = { "Người này không sinh hoạt ở đơn vị đã chọn",
	    "This person does not belong to the chosen unit" },
	[RULE_YEAR_RANGE] = { "Năm kết thúc phải từ năm bắt đầu trở đi",
	    "The end year cannot be before the start year" },
	[RULE_DUE_BEFORE_YEAR] = { "Thời hạn hoàn thành không thể trước năm đăng ký",
	    "The due date cannot be before the year of the pledge" },
	[RULE_DONE_NEEDS_DATE] = { "Đã hoàn thành thì phải có ngày hoàn thành (và ngược lại)",
	    "Done needs the date it was done (and a date needs done)" },
	[RULE_OVERRIDE_REASON] = { "Xếp loại khác mức theo điểm phải ghi rõ lý do",
	    "A level other than the score's needs a written reason" },
	[RULE_LEVEL_SCALE] = { "Mức xếp loại không thuộc thang đánh giá đã chọn",
	    "This level is not of the chosen scale" },
	[RULE_SCORE_PARTS] = { "Nhập đủ điểm tiêu chí chung (tối đa 30) và điểm kết quả nhiệm vụ (tối đa 70); thang của đoàn thể không chấm điểm",
	    "Give both the general (max 30) and the task (max 70) points; mass-organisation scales have no points" },
	[RULE_UPDATE_ORDER] = { "Ngày cập nhật không thể trước lần cập nhật trước",
	    "An update cannot be dated before the previous one" },
	[RULE_ANSWERS_SAMPLE] = { "Tổng số ý kiến vượt quá số phiếu điều tra",
	    "The answers add up to more than the sample size" },
	[RULE_SELF_INSPECTION] = { "Tự kiểm tra thì đơn vị được kiểm tra phải là chính đơn vị đó",
	    "A self-inspection inspects the unit itself" },
	[RULE_LEVEL_MISSING] = { "Cần nhập điểm hoặc mức xếp loại",
	    "Give the points or the level" },
	[RULE_YEAR_LOCKED] = { "Số liệu năm này của đơn vị đã được cấp trên duyệt; cần cấp trên mở lại trước khi sửa",
	    "This unit's year has been approved; the level above must reopen it before any change" },
	[RULE_CHILDREN_PENDING] = { "Còn đơn vị trực thuộc chưa được duyệt số liệu năm",
	    "Some units under it are not approved for the year yet" },
	[RULE_PARENT_APPROVED] = { "Số liệu năm của cấp trên đã được duyệt; cần mở lại cấp trên trước",
	    "The year of the level above is approved; reopen that first" },
	[RULE_STEP_LEVEL] = { "Chỉ cấp trên trực tiếp hoặc cao hơn mới được duyệt, trả lại hay mở lại",
	    "Only the levels above the unit approve, return or reopen its year" },
	[RULE_REASON_NEEDED] = { "Cần ghi rõ lý do",
	    "Give the reason" },
	[RULE_NOT_REPORTING] = { "Loại đơn vị này không nộp báo cáo số liệu năm (báo cáo qua tổ chức đảng của đơn vị)",
	    "This kind of unit has no year report (its party organisation reports)" },
	[RULE_HAS_CHILDREN] = { "Đơn vị còn đơn vị trực thuộc đang hoạt động: hãy hợp nhất hoặc chuyển chúng trước",
	    "The unit still has open units under it: merge or move them first" },
	[RULE_OUT_OF_SCOPE] = { "Dòng này trùng khóa với một bản ghi của đơn vị ngoài phạm vi của bạn: không được sửa bản ghi đó bằng tệp nhập",
	    "This row matches a record of a unit outside your scope: an import cannot change it" },
	[RULE_PASSWORD_COMMON] = { "Mật khẩu này quá phổ biến (nằm trong danh sách 10.000 mật khẩu hay bị dò nhất). Quy tắc đặt mật khẩu: từ 10 ký tự trở lên và không phải mật khẩu phổ biến; nên dùng một câu ngắn dễ nhớ gồm nhiều từ",
	    "This password is too common (one of the 10,000 most often guessed). The rule: at least 10 characters, and not a common password; a short sentence of several words is easy to remember" },
	[RULE_PASSWORD_SAME] = { "Mật khẩu mới phải khác mật khẩu hiện tại",
	    "The new password must differ from the current one" },
	[RULE_TOTP_REQUIRED] = { "Tài khoản quản trị hệ thống bắt buộc dùng xác thực hai bước: không thể tắt",
	    "Administrators must use two-factor log-in: it cannot be turned off" },
	[RULE_TOTP_NOT_STARTED] = { "Chưa tạo mã QR đăng ký xác thực hai bước (hoặc mã đã hết hạn): hãy tạo lại",
	    "No two-factor enrolment is under way (or it expired): start again" },
	[RULE_TOTP_OFF] = { "Tài khoản chưa bật xác thực hai bước",
	    "This account has no two-factor log-in" },
	[RULE_TOTP_SELF] = { "Không tự đặt lại xác thực hai bước của chính mình ở đây: dùng trang Bảo mật tài khoản",
	    "Reset your own second factor on your account's security page, not here" },
};

/* Labels of names that are not fields of a record type. */
static const char *const extra_labels[][3] = {
	{ "date", "Ngày", "Date" },
	{ "q", "Từ khóa tìm kiếm", "Search text" },
	{ "page", "Trang", "Page" },
	{ "per_page", "Số dòng mỗi trang", "Rows per page" },
	{ "sort", "Sắp xếp", "Sort" },
	{ "dir", "Chiều sắp xếp", "Sort direction" },
	{ "as_of", "Tại ngày", "As of" },
	{ "parent", "Đơn vị cấp trên", "Parent unit" },
	{ "org", "Đơn vị", "Unit" },
	{ "status", "Trạng thái", "Status" },
	{ "include_closed", "Gồm đơn vị đã giải thể", "Include closed units" },
	{ "id", "Mã số", "Id" },
	{ "body", "Dữ liệu gửi lên", "Request body" },
};

const char *
api_label(const struct api_ctx *c, const char *field)
{
	if (field == NULL || *field == '\0')
		return "";
	if (c->rt != NULL) {
		int f = rtype_field(c->rt, field);

		if (f >= 0)
			return c->en ? c->rt->fields[f].label_en : c->rt->fields[f].label_vi;
	}
	for (size_t i = 0; i < sizeof(extra_labels) / sizeof(extra_labels[0]); i++)
		if (strcmp(extra_labels[i][0], field) == 0)
			return extra_labels[i][c->en ? 2 : 1];
	return field;
}

static void
fail_msg(struct api_ctx *c, enum api_err e, const char *field, const char *msg)
{
	json_t *err = json_object();

	json_object_set_new(err, "code", json_string(errs[e].code));
	json_object_set_new(err, "message", json_string(msg));
	if (field != NULL && *field != '\0')
		json_object_set_new(err, "field", json_string(field));
	if (e == E_UNAUTHENTICATED)
		http_add_header(c->req, "WWW-Authenticate", "Bearer realm=\"lamtheo\"");
	api_reply(c, errs[e].status, json_pack("{s:o}", "error", err));
}

void
api_fail_building(struct api_ctx *c, int year, int percent)
{
	json_t *err = json_object();
	char msg[256];

	snprintf(msg, sizeof(msg), c->en ? "The figures of %d are being computed (%d%%); "
	    "they will appear when done." : "Đang tính số liệu năm %d (%d%%). Số liệu sẽ "
	    "hiện khi tính xong.", year, percent);
	json_object_set_new(err, "code", json_string("building"));
	json_object_set_new(err, "message", json_string(msg));
	json_object_set_new(err, "building", json_pack("{s:i, s:i}", "year", year,
	    "percent", percent));
	http_add_header(c->req, "Retry-After", "2");
	api_reply(c, 503, json_pack("{s:o}", "error", err));
}

void
api_fail(struct api_ctx *c, enum api_err e, const char *field, int64_t limit)
{
	char msg[512];

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(msg, sizeof(msg), c->en ? errs[e].en : errs[e].vi,
	    api_label(c, field), (long long)limit);
#pragma GCC diagnostic pop
	fail_msg(c, e, field, msg);
}

static const enum api_err verr_map[VE__MAX] = {
	[VE_OK] = E_INTERNAL, [VE_REQUIRED] = E_REQUIRED,
	[VE_NOT_NULL] = E_NOT_NULL, [VE_UNKNOWN] = E_UNKNOWN_FIELD,
	[VE_READONLY] = E_READ_ONLY, [VE_CREATEONLY] = E_CREATE_ONLY,
	[VE_TYPE] = E_INVALID_TYPE, [VE_UTF8] = E_INVALID_UTF8,
	[VE_TOO_LONG] = E_TOO_LONG, [VE_TOO_SHORT] = E_TOO_SHORT,
	[VE_FORMAT] = E_INVALID_FORMAT, [VE_RANGE] = E_OUT_OF_RANGE,
	[VE_DATE] = E_INVALID_DATE, [VE_ENUM] = E_INVALID_VALUE,
	[VE_DATE_ORDER] = E_DATE_ORDER, [VE_RULE] = E_RULE,
	[VE_EXISTS] = E_EXISTS, [VE_REF] = E_REF,
};

static enum api_err
verr_api(const struct verr *v)
{
	return (unsigned)v->code < VE__MAX ? verr_map[v->code] : E_INTERNAL;
}

char *
api_verr_message(const struct verr *v, const struct rtype *t, bool en,
    char *buf, size_t cap)
{
	struct api_ctx c = { .en = en, .rt = t };
	enum api_err e = verr_api(v);

	if (e == E_RULE) {
		int r = (unsigned)v->rule < RULE__MAX ? v->rule : RULE_NONE;

		snprintf(buf, cap, "%s", rule_msgs[r][en]);
		return buf;
	}
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(buf, cap, en ? errs[e].en : errs[e].vi, api_label(&c, v->field),
	    (long long)v->limit);
#pragma GCC diagnostic pop
	return buf;
}

void
api_fail_verr(struct api_ctx *c, const struct verr *v)
{
	char msg[512];

	fail_msg(c, verr_api(v), v->field, api_verr_message(v, c->rt, c->en, msg,
	    sizeof(msg)));
}

int
api_fail_rule(struct api_ctx *c, enum rule_id id, const char *field)
{
	struct verr ve;

	verr_set(&ve, VE_RULE, field, 0);
	ve.rule = id;
	api_fail_verr(c, &ve);
	return -1;
}

void
api_fail_store(struct api_ctx *c, int rc)
{
	switch (rc) {
	case ST_NOTFOUND:
		api_fail(c, E_NOT_FOUND, NULL, 0);
		return;
	case ST_EXISTS:
		api_fail(c, E_EXISTS, store_errfield(c->st), 0);
		return;
	case ST_BUSY:
		http_add_header(c->req, "Retry-After", "1");
		api_fail(c, E_UNAVAILABLE, NULL, 0);
		return;
	default:
		fprintf(stderr, "api: %s %s: store: %s\n", http_method_name(c->req),
		    http_path(c->req), store_errmsg(c->st));
		api_fail(c, E_INTERNAL, NULL, 0);
		return;
	}
}
