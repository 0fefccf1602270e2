/*
 * core_org.c — the rules of the organisation tree: which kind of unit may sit
 * under which, when a unit is open, and what makes a create, move or close
 * (merge) legal.  The tree is stored with materialised paths ("/1/5/23/"),
 * so "is X under Y" is a prefix test and a subtree is one index range.
 */
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "core/core.h"
#include "text/text.h"

#define K(x) (1u << (x))

/* allowed_children[parent] = bit set of kinds allowed directly under it */
static const unsigned allowed_children[ORG_KIND__MAX] = {
	[ORG_NATIONAL] = K(ORG_PROVINCE) | K(ORG_DISTRICT) | K(ORG_AGENCY) | K(ORG_MASS),
	[ORG_PROVINCE] = K(ORG_DISTRICT) | K(ORG_BASE) | K(ORG_AGENCY) | K(ORG_MASS),
	[ORG_DISTRICT] = K(ORG_BASE) | K(ORG_AGENCY) | K(ORG_MASS),
	[ORG_BASE] = K(ORG_CELL) | K(ORG_AGENCY) | K(ORG_MASS),
	[ORG_CELL] = 0,
	[ORG_AGENCY] = 0,
	[ORG_MASS] = 0,
};

bool
org_kind_parent_ok(enum org_kind parent, enum org_kind child)
{
	if ((unsigned)parent >= ORG_KIND__MAX || (unsigned)child >= ORG_KIND__MAX)
		return false;
	return (allowed_children[parent] & K(child)) != 0;
}

static enum org_kind
kind_of(const struct record *org)
{
	int k = enum_index(org_kind_names, record_text(org, ORG_KIND));

	return k < 0 ? ORG_KIND__MAX : (enum org_kind)k;
}

bool
org_open_on(const struct record *org, const char *date)
{
	const char *from = record_text(org, ORG_VALID_FROM);
	const char *to = record_text(org, ORG_VALID_TO);

	if (from != NULL && strcmp(date, from) < 0)
		return false;
	return to == NULL || strcmp(date, to) < 0;
}

static int
rule(struct verr *e, enum rule_id id, const char *field)
{
	verr_set(e, VE_RULE, field, 0);
	e->rule = id;
	return -1;
}

/* Is b inside a's subtree (or a itself)? */
static bool
path_under(const char *b, const char *a)
{
	return a != NULL && b != NULL && strncmp(b, a, strlen(a)) == 0;
}

int
org_check_create(const struct record *org, const struct record *parent, struct verr *e)
{
	enum org_kind k = kind_of(org);
	const char *from = record_text(org, ORG_VALID_FROM);

	if (parent == NULL)
		return k == ORG_NATIONAL ? 0 : rule(e, RULE_ROOT_KIND, "parent_id");
	if (k == ORG_NATIONAL)
		return rule(e, RULE_ROOT_KIND, "kind");
	if (!org_kind_parent_ok(kind_of(parent), k))
		return rule(e, RULE_PARENT_KIND, "kind");
	if (from != NULL && !org_open_on(parent, from))
		return rule(e, RULE_PARENT_CLOSED, "parent_id");
	return 0;
}

int
org_check_move(const struct record *org, const struct record *new_parent,
    const char *date, struct verr *e)
{
	const char *from = record_text(org, ORG_VALID_FROM);

	if (from != NULL && strcmp(date, from) <= 0)
		return verr_set(e, VE_DATE_ORDER, "date", 0);
	if (!org_open_on(org, date))
		return rule(e, RULE_ORG_CLOSED, "date");
	if (path_under(record_text(new_parent, ORG_PATH), record_text(org, ORG_PATH)))
		return rule(e, RULE_MOVE_CYCLE, "parent_id");
	if (!org_kind_parent_ok(kind_of(new_parent), kind_of(org)))
		return rule(e, RULE_PARENT_KIND, "parent_id");
	if (!org_open_on(new_parent, date))
		return rule(e, RULE_PARENT_CLOSED, "parent_id");
	return 0;
}

int
org_check_close(const struct record *org, const struct record *successor,
    const char *date, struct verr *e)
{
	const char *from = record_text(org, ORG_VALID_FROM);

	if (record_has(org, ORG_VALID_TO))
		return rule(e, RULE_ORG_CLOSED, "date");
	if (from != NULL && strcmp(date, from) <= 0)
		return verr_set(e, VE_DATE_ORDER, "date", 0);
	if (successor == NULL)
		return 0;
	if (successor->id == org->id)
		return rule(e, RULE_SUCCESSOR_SELF, "successor_id");
	if (path_under(record_text(successor, ORG_PATH), record_text(org, ORG_PATH)))
		return rule(e, RULE_MOVE_CYCLE, "successor_id");
	if (!org_open_on(successor, date))
		return rule(e, RULE_SUCCESSOR_CLOSED, "successor_id");
	return 0;
}

int
org_child_path(const char *parent_path, int64_t id, char *buf, size_t cap)
{
	int n;

	if (parent_path == NULL)
		n = snprintf(buf, cap, "/%lld/", (long long)id);
	else
		n = snprintf(buf, cap, "%s%lld/", parent_path, (long long)id);
	return n < 0 || (size_t)n >= cap ? -1 : 0;
}

void
path_upper(const char *prefix, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s~", prefix);
}

int
org_derive(struct record *org)
{
	const char *name = record_text(org, ORG_NAME);
	char *fold;

	if (name == NULL)
		return 0;
	if ((fold = text_fold(name)) == NULL)
		return -1;
	record_set_text(org, ORG_NAME_FOLD, fold);
	free(fold);
	return 0;
}
