/*
 * core_scope.c — who may see and change what.  A scope is a short list of
 * subtree prefixes (the account's unit and the units merged into it); the
 * permission table says which role may read or write which resource inside
 * its scope.  Anything outside the scope is answered as if it did not exist.
 */
#include <stdio.h>
#include <string.h>

#include "core/core.h"

static bool
has_prefix(const char *path, const char *prefix)
{
	return strncmp(path, prefix, strlen(prefix)) == 0;
}

bool
scope_contains(const struct scope *s, const char *path)
{
	if (path == NULL)
		return false;
	for (int i = 0; i < s->n; i++)
		if (has_prefix(path, s->prefix[i]))
			return true;
	return false;
}

int
scope_add(struct scope *s, const char *prefix)
{
	if (strlen(prefix) >= sizeof(s->prefix[0]))
		return -1;
	if (scope_contains(s, prefix))
		return 0;
	/* Drop prefixes the new one covers, keeping the account's own unit
	 * (index 0) first. */
	for (int i = 1; i < s->n;) {
		if (has_prefix(s->prefix[i], prefix)) {
			memmove(s->prefix[i], s->prefix[s->n - 1], sizeof(s->prefix[i]));
			s->n--;
		} else
			i++;
	}
	if (s->n == LIMIT_SCOPE_PREFIXES)
		return -1;
	snprintf(s->prefix[s->n++], sizeof(s->prefix[0]), "%s", prefix);
	return 0;
}

bool
scope_at_root(const struct scope *s)
{
	const char *p;

	/* A root's path is "/ID/": no other slash after the first. */
	if (s->n == 0 || s->prefix[0][0] != '/')
		return false;
	p = strchr(s->prefix[0] + 1, '/');
	return p != NULL && p[1] == '\0';
}

const char *const resource_names[RES__MAX] = {
	[RES_ORG] = "org", [RES_PERSON] = "person",
	[RES_TRANSFER] = "transfer", [RES_ACCOUNT] = "account",
	[RES_TOPIC] = "topic", [RES_ACTIVITY] = "activity",
	[RES_PLEDGE] = "pledge", [RES_CONFIG] = "config", [RES_PLAN] = "plan",
	[RES_CONCERN] = "concern", [RES_PETITION] = "petition",
	[RES_EXEMPLAR] = "exemplar", [RES_INSPECTION] = "inspection",
	[RES_EVALUATION] = "evaluation", [RES_AWARD] = "award",
	[RES_SURVEY] = "survey", [RES_METRIC] = "metric", [RES_YEAR_REPORT] = "year_report",
};

#define R (1u << ACT_READ)
#define W (1u << ACT_WRITE)

/*
 * Who may do what inside their scope (SPEC §2).  Members write only records
 * about themselves (their pledges and check-ins): the API adds that rule to
 * every type with a person field.
 */
static const unsigned perms[ROLE__MAX][RES__MAX] = {
	[ROLE_ADMIN] = {
		[RES_ORG] = R | W, [RES_PERSON] = R | W, [RES_TRANSFER] = W,
		[RES_ACCOUNT] = R | W, [RES_CONFIG] = R | W,
		[RES_TOPIC] = R | W, [RES_ACTIVITY] = R | W, [RES_PLEDGE] = R | W,
		[RES_PLAN] = R | W, [RES_CONCERN] = R | W, [RES_PETITION] = R | W,
		[RES_EXEMPLAR] = R | W, [RES_INSPECTION] = R | W,
		[RES_EVALUATION] = R | W, [RES_AWARD] = R | W, [RES_SURVEY] = R | W,
		[RES_METRIC] = R | W, [RES_YEAR_REPORT] = R | W,
	},
	[ROLE_STAFF] = {
		[RES_ORG] = R | W, [RES_PERSON] = R | W, [RES_TRANSFER] = W,
		[RES_CONFIG] = R,
		[RES_TOPIC] = R | W, [RES_ACTIVITY] = R | W, [RES_PLEDGE] = R | W,
		[RES_PLAN] = R | W, [RES_CONCERN] = R | W, [RES_PETITION] = R | W,
		[RES_EXEMPLAR] = R | W, [RES_INSPECTION] = R | W,
		[RES_EVALUATION] = R | W, [RES_AWARD] = R | W, [RES_SURVEY] = R | W,
		[RES_METRIC] = R | W, [RES_YEAR_REPORT] = R | W,
	},
	/* A cell's secretary keeps the cell's own records. */
	[ROLE_SECRETARY] = {
		[RES_ORG] = R, [RES_PERSON] = R | W, [RES_CONFIG] = R,
		[RES_TOPIC] = R, [RES_ACTIVITY] = R | W, [RES_PLEDGE] = R | W,
		[RES_PLAN] = R | W, [RES_CONCERN] = R | W, [RES_PETITION] = R,
		[RES_EXEMPLAR] = R | W, [RES_INSPECTION] = R,
		[RES_EVALUATION] = R | W, [RES_AWARD] = R, [RES_SURVEY] = R,
		[RES_METRIC] = R | W, [RES_YEAR_REPORT] = R | W,
	},
	[ROLE_MEMBER] = {
		[RES_ORG] = R, [RES_PERSON] = R, [RES_CONFIG] = R,
		[RES_TOPIC] = R, [RES_ACTIVITY] = R, [RES_PLEDGE] = R | W,
		[RES_PLAN] = R, [RES_CONCERN] = R, [RES_PETITION] = 0,
		[RES_EXEMPLAR] = R, [RES_INSPECTION] = 0,
		[RES_EVALUATION] = R, [RES_AWARD] = R, [RES_SURVEY] = R,
		[RES_METRIC] = R, [RES_YEAR_REPORT] = R,
	},
	[ROLE_VIEWER] = {
		[RES_ORG] = R, [RES_PERSON] = R, [RES_CONFIG] = R,
		[RES_TOPIC] = R, [RES_ACTIVITY] = R, [RES_PLEDGE] = R,
		[RES_PLAN] = R, [RES_CONCERN] = R, [RES_PETITION] = R,
		[RES_EXEMPLAR] = R, [RES_INSPECTION] = R,
		[RES_EVALUATION] = R, [RES_AWARD] = R, [RES_SURVEY] = R,
		[RES_METRIC] = R, [RES_YEAR_REPORT] = R,
	},
};

bool
role_may(enum role role, enum resource res, enum action act)
{
	if ((unsigned)role >= ROLE__MAX || (unsigned)res >= RES__MAX ||
	    (unsigned)act >= ACT__MAX)
		return false;
	return (perms[role][res] & (1u << act)) != 0;
}

int
account_check(const struct record *acc, const char *org_kind, struct verr *e)
{
	const char *role = record_text(acc, ACCOUNT_ROLE);

	if (role == NULL)
		return 0;
	if (strcmp(role, "secretary") == 0 && strcmp(org_kind, "cell") != 0) {
		verr_set(e, VE_RULE, "org_id", 0);
		e->rule = RULE_SECRETARY_CELL;
		return -1;
	}
	if (strcmp(role, "member") == 0 && !record_has(acc, ACCOUNT_PERSON)) {
		verr_set(e, VE_RULE, "person_id", 0);
		e->rule = RULE_MEMBER_NEEDS_PERSON;
		return -1;
	}
	return 0;
}

void
scope_span(struct scope *s, enum period p, int year)
{
	struct date a, b;

	s->from[0] = s->to[0] = '\0';
	s->span = p;
	if (p == PERIOD_YEAR)
		return;
	period_span(p, year, &a, &b);
	date_format(&a, s->from);
	date_format(&b, s->to);
}
