/*
 * core_results.c — what the year yields: exemplary models (mô hình, điển
 * hình) scored against configurable criteria and replicated by other units,
 * the year-end evaluations (xếp loại) of members and organisations with the
 * level derived from the score (Quy định 366-QĐ/TW: 30 general + 70 task
 * points) or given with a written reason, and awards (khen thưởng).
 */
#include <stdio.h>
#include <string.h>

#include "core/core_tables.h"

static const char *const exemplar_levels[] = {
	"cell", "base", "district", "province", NULL
};
static const char *const exemplar_statuses[] = {
	"registered", "recognised", "commended", "replicated", NULL
};

const struct field exemplar_fields[EXEMPLAR__MAX] = {
	[EXEMPLAR_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Tập thể / đơn vị", "Unit", 0, NULL },
	[EXEMPLAR_PERSON] = { "person_id", FT_REF, F_NULLABLE | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Cá nhân (để trống: tập thể)", "Person (empty: collective)",
	    REF_PERSON, NULL },
	[EXEMPLAR_YEAR] = { "year", FT_INT, F_REQUIRED | F_FILTER | F_SORT, YEAR_MIN,
	    YEAR_MAX, NULL, "Năm đăng ký", "Year", 0, NULL },
	[EXEMPLAR_LEVEL] = { "level", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0, exemplar_levels,
	    "Cấp đăng ký", "Level", 0, NULL },
	[EXEMPLAR_TITLE] = { "title", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 500, NULL,
	    "Tên mô hình, điển hình", "Title", 0, NULL },
	[EXEMPLAR_DESCRIPTION] = { "description", FT_LONGTEXT, F_NULLABLE | F_SEARCH, 0,
	    LIMIT_LONGTEXT_CHARS, NULL, "Mô tả, cách làm", "Description", 0, NULL },
	[EXEMPLAR_STATUS] = { "status", FT_ENUM, F_FILTER, 0, 0, exemplar_statuses,
	    "Tình trạng", "Status", 0, NULL },
	[EXEMPLAR_SCORE] = { "score", FT_INT, F_READONLY | F_NULLABLE | F_SORT, 0, 100, NULL,
	    "Điểm theo tiêu chí", "Criteria score", 0, NULL },
	TRAILER(EXEMPLAR),
};

const struct field score_fields[SCORE__MAX] = {
	[SCORE_EXEMPLAR] = { "exemplar_id", FT_REF, F_REQUIRED | F_CREATEONLY, 1, INT64_MAX,
	    NULL, "Mô hình", "Exemplar", RT_EXEMPLAR + 1, NULL },
	[SCORE_CRITERION] = { "criterion", FT_CATALOG, F_REQUIRED | F_CREATEONLY, 1,
	    LIMIT_CODE_CHARS, NULL, "Tiêu chí", "Criterion", 0, "exemplar_criterion" },
	[SCORE_CRITERION_WEIGHT] = { "criterion_weight", FT_INT, F_READONLY, 0, 1000, NULL,
	    "Trọng số", "Weight", 0, NULL },
	[SCORE_SCORE] = { "score", FT_INT, F_REQUIRED, 0, 100, NULL,
	    "Điểm (0–100)", "Score (0–100)", 0, NULL },
	[SCORE_NOTE] = { "note", FT_TEXT, F_NULLABLE, 0, 500, NULL, "Nhận xét", "Note", 0,
	    NULL },
	TRAILER(SCORE),
};

const struct field replication_fields[REPLICATION__MAX] = {
	[REPLICATION_EXEMPLAR] = { "exemplar_id", FT_REF, F_REQUIRED | F_CREATEONLY, 1,
	    INT64_MAX, NULL, "Mô hình", "Exemplar", RT_EXEMPLAR + 1, NULL },
	[REPLICATION_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY, 1, INT64_MAX,
	    NULL, "Đơn vị nhân rộng", "Replicating unit", 0, NULL },
	[REPLICATION_DATE] = { "date", FT_DATE, F_REQUIRED | F_SORT, 0, 0, NULL,
	    "Ngày", "Date", 0, NULL },
	[REPLICATION_NOTE] = { "note", FT_TEXT, F_NULLABLE, 0, 500, NULL, "Ghi chú", "Note",
	    0, NULL },
	TRAILER(REPLICATION),
};

const char *const eval_scales[] = { "party", "mass", NULL };

const struct field evaluation_fields[EVALUATION__MAX] = {
	[EVALUATION_YEAR] = { "year", FT_INT, F_REQUIRED | F_CREATEONLY | F_FILTER | F_SORT,
	    YEAR_MIN, YEAR_MAX, NULL, "Năm", "Year", 0, NULL },
	[EVALUATION_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Tổ chức được đánh giá / đơn vị", "Unit", 0, NULL },
	[EVALUATION_PERSON] = { "person_id", FT_REF, F_NULLABLE | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Đảng viên được đánh giá (để trống: tổ chức)",
	    "Member (empty: the organisation)", REF_PERSON, NULL },
	[EVALUATION_SCALE] = { "scale", FT_ENUM, F_REQUIRED | F_CREATEONLY | F_FILTER, 0, 0,
	    eval_scales, "Thang đánh giá", "Scale", 0, NULL },
	[EVALUATION_SCORE_GENERAL] = { "score_general", FT_INT, F_NULLABLE, 0, 30, NULL,
	    "Điểm tiêu chí chung (tối đa 30)", "General criteria (max 30)", 0, NULL },
	[EVALUATION_SCORE_TASKS] = { "score_tasks", FT_INT, F_NULLABLE, 0, 70, NULL,
	    "Điểm kết quả nhiệm vụ (tối đa 70)", "Task results (max 70)", 0, NULL },
	[EVALUATION_SCORE] = { "score", FT_INT, F_READONLY | F_NULLABLE | F_SORT, 0, 100,
	    NULL, "Tổng điểm", "Score", 0, NULL },
	[EVALUATION_DERIVED] = { "derived_level", FT_CATALOG, F_READONLY | F_NULLABLE, 1,
	    LIMIT_CODE_CHARS, NULL, "Mức theo điểm", "Level by score", 0, "eval_level" },
	[EVALUATION_GIVEN] = { "level_given", FT_CATALOG, F_NULLABLE, 1, LIMIT_CODE_CHARS, NULL,
	    "Mức do cấp có thẩm quyền quyết định", "Level decided", 0, "eval_level" },
	[EVALUATION_REASON] = { "reason", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS, NULL,
	    "Lý do khác mức theo điểm", "Reason for another level", 0, NULL },
	[EVALUATION_LEVEL] = { "level", FT_CATALOG, F_READONLY | F_FILTER, 1, LIMIT_CODE_CHARS, NULL,
	    "Xếp loại", "Level", 0, "eval_level" },
	[EVALUATION_APPROVER] = { "approver_org_id", FT_REF, F_NULLABLE | F_REF_UP, 1,
	    INT64_MAX, NULL, "Cấp quyết định xếp loại", "Approved by", 0, NULL },
	[EVALUATION_SUBJECT] = { "subject", FT_TEXT, F_READONLY | F_HIDDEN, 1, 40, NULL,
	    "Đối tượng", "Subject", 0, NULL },
	[EVALUATION_NOTE] = { "note", FT_LONGTEXT, F_NULLABLE, 0, LIMIT_TEXT_CHARS, NULL,
	    "Nhận xét", "Comment", 0, NULL },
	TRAILER(EVALUATION),
};

static const char *const award_kinds[] = {
	"certificate_of_merit", "certificate_of_honour", "emulation_flag", "other", NULL
};

const struct field award_fields[AWARD__MAX] = {
	[AWARD_YEAR] = { "year", FT_INT, F_REQUIRED | F_FILTER | F_SORT, YEAR_MIN, YEAR_MAX,
	    NULL, "Năm", "Year", 0, NULL },
	[AWARD_ORG] = { "org_id", FT_REF, F_REQUIRED | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Tập thể / đơn vị", "Unit", 0, NULL },
	[AWARD_PERSON] = { "person_id", FT_REF, F_NULLABLE | F_CREATEONLY | F_FILTER, 1,
	    INT64_MAX, NULL, "Cá nhân (để trống: tập thể)", "Person (empty: collective)",
	    REF_PERSON, NULL },
	[AWARD_KIND] = { "kind", FT_ENUM, F_REQUIRED | F_FILTER, 0, 0, award_kinds,
	    "Hình thức khen thưởng", "Kind", 0, NULL },
	[AWARD_TITLE] = { "title", FT_TEXT, F_REQUIRED | F_SEARCH, 1, 500, NULL,
	    "Nội dung khen thưởng", "For", 0, NULL },
	[AWARD_ISSUER] = { "issuer_org_id", FT_REF, F_REQUIRED | F_REF_UP | F_FILTER, 1,
	    INT64_MAX, NULL, "Cấp khen thưởng", "Issued by", 0, NULL },
	[AWARD_DECISION_NO] = { "decision_no", FT_TEXT, F_NULLABLE | F_SEARCH, 0, 50, NULL,
	    "Số quyết định", "Decision number", 0, NULL },
	[AWARD_DECISION_DATE] = { "decision_date", FT_DATE, F_NULLABLE | F_SORT, 0, 0, NULL,
	    "Ngày quyết định", "Decision date", 0, NULL },
	TRAILER(AWARD),
};

int64_t
weighted_total(const int64_t *scores, const int64_t *weights, size_t n)
{
	int64_t num = 0, den = 0;

	for (size_t i = 0; i < n; i++) {
		num += scores[i] * weights[i];
		den += weights[i];
	}
	return den > 0 ? (2 * num + den) / (2 * den) : 0;
}

/* The exemplar's score is the weighted average of its criteria scores. */
static int
score_recompute(struct record *const *kids, size_t n,
    const struct record *parent, struct record *change, struct verr *e)
{
	int64_t s[64], w[64];
	size_t k = 0;

	(void)parent;
	(void)e;
	for (size_t i = 0; i < n && k < 64; i++, k++) {
		s[k] = record_int(kids[i], SCORE_SCORE);
		w[k] = record_int(kids[i], SCORE_CRITERION_WEIGHT);
	}
	if (k == 0)
		record_set_null(change, EXEMPLAR_SCORE);
	else
		record_set_int(change, EXEMPLAR_SCORE, weighted_total(s, w, k));
	return 0;
}

const struct rtype_rules exemplar_rules = { NULL, NULL, NULL, NULL };
const struct rtype_rules score_rules = { NULL, NULL, NULL, score_recompute };

bool
eval_excellent_over_quota(int64_t excellent, int64_t good, int64_t share_pct)
{
	/* excellent / good > share / 100, in integers */
	return excellent * 100 > good * share_pct;
}

void
rule_ctx_bands(struct rule_ctx *ctx, struct record *const *items, size_t n)
{
	ctx->nbands = 0;
	for (size_t i = 0; i < n && ctx->nbands < BANDS_MAX; i++) {
		struct band *b = &ctx->bands[ctx->nbands];
		const char *code = record_text(items[i], CATALOG_CODE);
		const char *scale = record_text(items[i], CATALOG_KIND);

		if (code == NULL || scale == NULL)
			continue;
		snprintf(b->code, sizeof(b->code), "%s", code);
		snprintf(b->scale, sizeof(b->scale), "%s", scale);
		b->scored = record_has(items[i], CATALOG_WEIGHT);
		b->min = record_int(items[i], CATALOG_WEIGHT);
		ctx->nbands++;
	}
}

const char *
band_of_score(const struct rule_ctx *ctx, const char *scale, int64_t score)
{
	const struct band *best = NULL;

	for (int i = 0; i < ctx->nbands; i++) {
		const struct band *b = &ctx->bands[i];

		if (b->scored && strcmp(b->scale, scale) == 0 && b->min <= score &&
		    (best == NULL || b->min > best->min))
			best = b;
	}
	return best ? best->code : NULL;
}

const struct band *
band_find(const struct rule_ctx *ctx, const char *code)
{
	for (int i = 0; i < ctx->nbands; i++)
		if (strcmp(ctx->bands[i].code, code) == 0)
			return &ctx->bands[i];
	return NULL;
}

/* Does the scale earn levels by score? */
static bool
scale_scored(const struct rule_ctx *ctx, const char *scale)
{
	for (int i = 0; i < ctx->nbands; i++)
		if (ctx->bands[i].scored && strcmp(ctx->bands[i].scale, scale) == 0)
			return true;
	return false;
}

static int
evaluation_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *scale = record_text(r, EVALUATION_SCALE);
	bool g = record_has(r, EVALUATION_SCORE_GENERAL), t = record_has(r, EVALUATION_SCORE_TASKS);
	const char *given = record_text(r, EVALUATION_GIVEN), *earned;
	const struct band *b;

	if (scale == NULL)
		return 0;
	if (g != t)
		return rule_fail(e, RULE_SCORE_PARTS, g ? "score_tasks" : "score_general");
	if (g && !scale_scored(ctx, scale))
		return rule_fail(e, RULE_SCORE_PARTS, "score_general");
	if (given != NULL && ((b = band_find(ctx, given)) == NULL || strcmp(b->scale, scale) != 0))
		return rule_fail(e, RULE_LEVEL_SCALE, "level_given");
	if (given == NULL && !g)
		return rule_fail(e, RULE_LEVEL_MISSING, "level_given");
	/* A level other than the score's needs its reason in writing. */
	earned = g ? band_of_score(ctx, scale, record_int(r, EVALUATION_SCORE_GENERAL) +
	    record_int(r, EVALUATION_SCORE_TASKS)) : NULL;
	if (given != NULL && earned != NULL && strcmp(given, earned) != 0 &&
	    record_text(r, EVALUATION_REASON) == NULL)
		return rule_fail(e, RULE_OVERRIDE_REASON, "reason");
	return 0;
}

/* Score, the level it earns, the final level, and the subject key that
 * makes one evaluation per subject and year. */
static int
evaluation_derive(struct record *r, const struct rule_ctx *ctx)
{
	const char *scale = record_text(r, EVALUATION_SCALE), *earned = NULL;
	char subject[40];

	if (record_has(r, EVALUATION_SCORE_GENERAL) && record_has(r, EVALUATION_SCORE_TASKS)) {
		int64_t score = record_int(r, EVALUATION_SCORE_GENERAL) +
		    record_int(r, EVALUATION_SCORE_TASKS);

		record_set_int(r, EVALUATION_SCORE, score);
		earned = scale ? band_of_score(ctx, scale, score) : NULL;
	} else {
		record_set_null(r, EVALUATION_SCORE);
	}
	if (earned != NULL)
		record_set_text(r, EVALUATION_DERIVED, earned);
	else
		record_set_null(r, EVALUATION_DERIVED);
	if (record_has(r, EVALUATION_GIVEN))
		record_set_text(r, EVALUATION_LEVEL, record_text(r, EVALUATION_GIVEN));
	else if (earned != NULL)
		record_set_text(r, EVALUATION_LEVEL, earned);
	if (record_has(r, EVALUATION_PERSON))
		snprintf(subject, sizeof(subject), "p%lld",
		    (long long)record_int(r, EVALUATION_PERSON));
	else
		snprintf(subject, sizeof(subject), "o%lld", (long long)record_int(r, EVALUATION_ORG));
	record_set_text(r, EVALUATION_SUBJECT, subject);
	return 0;
}

const struct rtype_rules evaluation_rules = {
	evaluation_check, evaluation_derive, NULL, NULL
};

static int
award_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	const char *d = record_text(r, AWARD_DECISION_DATE);

	if (d != NULL && strcmp(d, today) > 0)
		return rule_fail(e, RULE_DATE_FUTURE, "decision_date");
	return 0;
}

const struct rtype_rules award_rules = { award_check, NULL, NULL, NULL };
