/*
 * core_measure.c — what is counted: opinion surveys (điều tra dư luận xã
 * hội) with their answer counts, and the emulation metrics (initiatives,
 * savings in đồng, working sessions at the base, new members …), whose
 * catalogue is configuration (catalog "metric") and whose values are kept
 * per unit, year and period.
 */
#include <string.h>

#include "core/core_tables.h"

const struct field survey_fields[SURVEY__MAX] = {
	[SURVEY_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Đơn vị thực hiện", "Unit", 0, NULL },
	[SURVEY_DATE] = { "date", FT_DATE, F_REQUIRED | F_SORT, 0, 0, NULL,
	    "Ngày", "Date", 0, NULL },
	[SURVEY_YEAR] = { "year", FT_INT, F_READONLY | F_FILTER, DATE_MIN_YEAR, DATE_MAX_YEAR,
	    NULL, "Năm", "Year", 0, NULL },
	[SURVEY_TITLE] = { "title", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 500, NULL,
	    "Tên cuộc điều tra", "Survey", 0, NULL },
	[SURVEY_QUESTION] = { "question", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 1000, NULL,
	    "Câu hỏi", "Question", 0, NULL },
	[SURVEY_SAMPLE] = { "sample_size", FT_INT, F_REQUIRED, 1, 100000000, NULL,
	    "Số phiếu", "Sample size", 0, NULL },
	[SURVEY_ANSWERED] = { "answered", FT_INT, F_READONLY, 0, INT64_MAX, NULL,
	    "Số ý kiến đã tổng hợp", "Answers counted", 0, NULL },
	TRAILER(SURVEY),
};

const struct field answer_fields[ANSWER__MAX] = {
	[ANSWER_SURVEY] = { "survey_id", FT_REF, F_REQUIRED | F_CREATEONLY, 1, INT64_MAX, NULL,
	    "Cuộc điều tra", "Survey", RT_SURVEY + 1, NULL },
	[ANSWER_LABEL] = { "label", FT_TEXT, F_REQUIRED, 1, 500, NULL,
	    "Phương án trả lời", "Answer", 0, NULL },
	[ANSWER_COUNT] = { "count", FT_INT, F_REQUIRED, 0, 100000000, NULL,
	    "Số ý kiến", "Count", 0, NULL },
	[ANSWER_SORT] = { "sort_order", FT_INT, F_SORT, 0, 1000, NULL,
	    "Thứ tự", "Order", 0, NULL },
	TRAILER(ANSWER),
};

const char *const period_names[PERIOD__MAX + 1] = {
	"year", "q1", "q2", "q3", "q4", "m01", "m02", "m03", "m04", "m05", "m06",
	"m07", "m08", "m09", "m10", "m11", "m12", NULL
};

void
period_span(enum period p, int year, struct date *from, struct date *to)
{
	int m0 = 1, m1 = 12;
	struct date next;

	if (p >= PERIOD_Q1 && p <= PERIOD_Q4) {
		m0 = 1 + 3 * (p - PERIOD_Q1);
		m1 = m0 + 2;
	} else if (p >= PERIOD_M01 && p <= PERIOD_M12) {
		m0 = m1 = 1 + (p - PERIOD_M01);
	}
	*from = (struct date){ year, m0, 1 };
	next = (struct date){ m1 == 12 ? year + 1 : year, m1 == 12 ? 1 : m1 + 1, 1 };
	date_from_days(date_days(&next) - 1, to);	/* the day before the next month */
}
const struct field metric_fields[METRIC__MAX] = {
	[METRIC_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Đơn vị", "Unit", 0, NULL },
	[METRIC_METRIC] = { "metric", FT_CATALOG, F_REQUIRED | F_CREATEONLY | F_FILTER, 1,
	    LIMIT_CODE_CHARS, NULL, "Chỉ tiêu thi đua", "Metric", 0, "metric" },
	[METRIC_YEAR] = { "year", FT_INT, F_REQUIRED | F_CREATEONLY | F_FILTER | F_SORT,
	    YEAR_MIN, YEAR_MAX, NULL, "Năm", "Year", 0, NULL },
	[METRIC_PERIOD] = { "period", FT_ENUM, F_REQUIRED | F_CREATEONLY | F_FILTER, 0, 0,
	    period_names, "Kỳ", "Period", 0, NULL },
	[METRIC_VALUE] = { "value", FT_INT, F_REQUIRED, 0, 1000000000000000LL, NULL,
	    "Giá trị", "Value", 0, NULL },
	[METRIC_NOTE] = { "note", FT_TEXT, F_NULLABLE, 0, 500, NULL, "Ghi chú", "Note", 0,
	    NULL },
	TRAILER(METRIC),
};

static int
survey_derive(struct record *r, const struct rule_ctx *ctx)
{
	(void)ctx;
	derive_year(r, SURVEY_DATE, SURVEY_YEAR);
	return 0;
}

/* The answers counted, which never exceed the sample. */
static int
answer_recompute(struct record *const *kids, size_t n, const struct record *survey,
    struct record *change, struct verr *e)
{
	int64_t sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += record_int(kids[i], ANSWER_COUNT);
	if (sum > record_int(survey, SURVEY_SAMPLE))
		return rule_fail(e, RULE_ANSWERS_SAMPLE, "count");
	record_set_int(change, SURVEY_ANSWERED, sum);
	return 0;
}

/* A smaller sample than the answers already counted is refused too. */
static int
survey_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	(void)today;
	if (record_int(r, SURVEY_ANSWERED) > record_int(r, SURVEY_SAMPLE))
		return rule_fail(e, RULE_ANSWERS_SAMPLE, "sample_size");
	return 0;
}

const struct rtype_rules survey_rules = { survey_check, survey_derive, NULL, NULL };
const struct rtype_rules answer_rules = { NULL, NULL, NULL, answer_recompute };
const struct rtype_rules metric_rules = { NULL, NULL, NULL, NULL };
