/*
 * core_catalog.c — the configurable lists (SPEC §3: "scales are
 * configuration, not code"): fields of concerns, the states of concerns and
 * petitions with their kind (open, resolved, closed), exemplar criteria with
 * weights, the catalogue of emulation metrics.  One table, catalog_item,
 * keyed by list and code; administrators change it, every account reads it.
 * Also the small helpers every record description shares.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core_tables.h"

static const char *const catalog_lists[] = {
	"concern_field", "concern_state", "petition_state", "exemplar_criterion",
	"metric", "setting", "eval_level", NULL
};

const struct field catalog_fields[CATALOG__MAX] = {
	[CATALOG_LIST] = { "list", FT_ENUM, F_REQUIRED | F_CREATEONLY | F_FILTER, 0, 0,
	    catalog_lists, "Danh mục", "List", 0, NULL },
	[CATALOG_CODE] = { "code", FT_CODE, F_REQUIRED | F_CREATEONLY | F_SORT, 1,
	    LIMIT_CODE_CHARS, NULL, "Mã", "Code", 0, NULL },
	[CATALOG_LABEL_VI] = { "label_vi", FT_TEXT, F_REQUIRED | F_SEARCH, 1,
	    LIMIT_NAME_CHARS, NULL, "Tên (tiếng Việt)", "Label (Vietnamese)", 0, NULL },
	[CATALOG_LABEL_EN] = { "label_en", FT_TEXT, F_REQUIRED | F_SEARCH, 1,
	    LIMIT_NAME_CHARS, NULL, "Tên (tiếng Anh)", "Label (English)", 0, NULL },
	[CATALOG_KIND] = { "kind", FT_CODE, F_NULLABLE | F_FILTER, 1, LIMIT_CODE_CHARS,
	    NULL, "Loại", "Kind", 0, NULL },
	[CATALOG_WEIGHT] = { "weight", FT_INT, F_NULLABLE, 0, 1000, NULL,
	    "Trọng số", "Weight", 0, NULL },
	[CATALOG_UNIT] = { "unit", FT_TEXT, F_NULLABLE, 0, 50, NULL,
	    "Đơn vị tính", "Unit", 0, NULL },
	[CATALOG_SORT] = { "sort_order", FT_INT, F_SORT, 0, 10000, NULL,
	    "Thứ tự", "Order", 0, NULL },
	[CATALOG_ACTIVE] = { "active", FT_BOOL, F_FILTER, 0, 1, NULL,
	    "Đang dùng", "In use", 0, NULL },
	TRAILER(CATALOG),
};

/* The kinds an entry may have, per list (NULL: any or none). */
static const char *const state_kinds[] = { "open", "resolved", "closed", NULL };
static const char *const metric_kinds[] = { "count", "money", NULL };

static int
catalog_check(const struct record *r, const struct rule_ctx *ctx, struct verr *e)
{
	const char *today = ctx->today;
	const char *list = record_text(r, CATALOG_LIST), *kind = record_text(r, CATALOG_KIND);
	const char *const *kinds = NULL;

	(void)today;
	if (list != NULL && (strcmp(list, "concern_state") == 0 ||
	    strcmp(list, "petition_state") == 0))
		kinds = state_kinds;
	else if (list != NULL && strcmp(list, "metric") == 0)
		kinds = metric_kinds;
	else if (list != NULL && strcmp(list, "eval_level") == 0)
		kinds = eval_scales;	/* a level's kind is its scale */
	if (kinds == NULL)
		return 0;
	if (kind == NULL)
		return verr_set(e, VE_REQUIRED, "kind", 0);
	if (enum_index(kinds, kind) < 0)
		return verr_set(e, VE_ENUM, "kind", 0);
	return 0;
}

const struct rtype_rules catalog_rules = { catalog_check, NULL, NULL, NULL };

int
rule_fail(struct verr *e, enum rule_id id, const char *field)
{
	verr_set(e, VE_RULE, field, 0);
	e->rule = id;
	return -1;
}

void
derive_year(struct record *r, int date_field, int year_field)
{
	const char *date = record_text(r, date_field);

	if (date != NULL)
		record_set_int(r, year_field, atoi(date));
}
