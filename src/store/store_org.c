/*
 * store_org.c — the organisation tree with its history.  `org` holds each
 * unit's current state with the materialised path of its placement;
 * `org_period` holds every (placement, name) period so that "the tree as it
 * stood on D" is one indexed query.  Create, rename, move, close and merge
 * keep both in step, inside the caller's transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_figures.h"
#include "store/store_record.h"
#include "text/text.h"

#define PATH_CAP 128

/* SELECT list of every org column, prefixed "o." */
static const char *
org_cols(void)
{
	static _Thread_local char cols[1024];

	if (cols[0] == '\0' &&
	    sql_select_cols(&rtypes[RT_ORG], "o", cols, sizeof(cols)) != 0)
		cols[0] = '\0';
	return cols;
}

static int
rule(struct verr *e, enum rule_id id, const char *field)
{
	verr_set(e, VE_RULE, field, 0);
	e->rule = id;
	return ST_INVALID;
}

/* Loads a unit named by a request field; a missing one is a VE_REF error. */
static int
load_ref(struct store *st, int64_t id, const char *field, struct record **out,
    struct verr *e)
{
	int rc = store_get(st, RT_ORG, id, out);

	if (rc == ST_NOTFOUND) {
		verr_set(e, VE_REF, field, 0);
		return ST_INVALID;
	}
	return rc;
}

int
store_org_by_code(struct store *st, const char *code, struct record **out)
{
	return store_get_by(st, RT_ORG, "code", code, out);
}

static int
period_open(struct store *st, int64_t org_id, int64_t parent_id, const char *path,
    const char *name, const char *from)
{
	struct q *q = q_prep(st, "INSERT INTO org_period (org_id, parent_id, path, "
	    "name, valid_from) VALUES ($1, $2, $3, $4, $5)");

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, org_id);
	if (parent_id > 0)
		q_int(q, 2, parent_id);
	else
		q_null(q, 2);
	q_text(q, 3, path);
	q_text(q, 4, name);
	q_text(q, 5, from);
	return q_run(q);
}

int
store_org_create(struct store *st, struct record *org, const char *today,
    struct verr *e)
{
	struct record *parent = NULL;
	char path[PATH_CAP];
	struct q *q;
	int rc;

	if (!record_has(org, ORG_VALID_FROM))
		record_set_text(org, ORG_VALID_FROM, today);
	if (record_has(org, ORG_PARENT)) {
		rc = load_ref(st, record_int(org, ORG_PARENT), "parent_id", &parent, e);
		if (rc != ST_OK)
			return rc;
	}
	if (org_check_create(org, parent, e) != 0) {
		rc = ST_INVALID;
		goto out;
	}
	if (org_derive(org) != 0) {
		rc = store_fail(st, ST_ERROR, "org: cannot fold name");
		goto out;
	}
	record_set_text(org, ORG_PATH, "");
	record_set_int(org, ORG_DEPTH, parent ? record_int(parent, ORG_DEPTH) + 1 : 0);
	if ((rc = store_insert(st, org)) != ST_OK)
		goto out;
	if (org_child_path(parent ? record_text(parent, ORG_PATH) : NULL, org->id,
	    path, sizeof(path)) != 0) {
		rc = store_fail(st, ST_ERROR, "org: tree too deep");
		goto out;
	}
	record_set_text(org, ORG_PATH, path);
	if ((q = q_prep(st, "UPDATE org SET path = $1 WHERE id = $2")) == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	q_text(q, 1, path);
	q_int(q, 2, org->id);
	if ((rc = q_run(q)) != ST_OK)
		goto out;
	rc = period_open(st, org->id, parent ? parent->id : 0, path,
	    record_text(org, ORG_NAME), record_text(org, ORG_VALID_FROM));
out:
	record_free(parent);
	return rc;
}

/* The open period of a unit: its id and start. */
static int
open_period(struct store *st, int64_t org_id, int64_t *pid, char from[11])
{
	struct q *q = q_prep(st, "SELECT id, valid_from FROM org_period "
	    "WHERE org_id = $1 AND valid_to IS NULL");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, org_id);
	rc = q_step(q);
	if (rc == 1) {
		*pid = q_col_int(q, 0);
		snprintf(from, 11, "%s", q_col_text(q, 1));
	}
	q_done(q);
	if (rc < 0)
		return -rc;
	return rc == 1 ? ST_OK : ST_NOTFOUND;
}

/*
 * A change dated `date` must not reach back into an earlier period of the
 * unit: date >= the start of its open period (date > it when strict, for a
 * closing that would leave an empty period).  ST_INVALID with VE_DATE_ORDER.
 */
static int
check_after_open_period(struct store *st, int64_t org_id, const char *date,
    bool strict, struct verr *e)
{
	int64_t pid;
	char from[11];
	int rc = open_period(st, org_id, &pid, from);
	int c;

	if (rc != ST_OK)
		return rc;
	c = strcmp(date, from);
	if (c < 0 || (strict && c == 0)) {
		verr_set(e, VE_DATE_ORDER, "date", 0);
		return ST_INVALID;
	}
	return ST_OK;
}

/* The latest period of a unit (open or not). */
static int
last_period(struct store *st, int64_t org_id, int64_t *pid, char from[11])
{
	struct q *q = q_prep(st, "SELECT id, valid_from FROM org_period "
	    "WHERE org_id = $1 ORDER BY valid_from DESC, id DESC LIMIT 1");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, org_id);
	rc = q_step(q);
	if (rc == 1) {
		*pid = q_col_int(q, 0);
		snprintf(from, 11, "%s", q_col_text(q, 1));
	}
	q_done(q);
	if (rc < 0)
		return -rc;
	return rc == 1 ? ST_OK : ST_NOTFOUND;
}

static int
period_end(struct store *st, int64_t pid, const char *date)
{
	struct q *q = q_prep(st, "UPDATE org_period SET valid_to = $1 WHERE id = $2");

	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, date);
	q_int(q, 2, pid);
	return q_run(q);
}

/*
 * Starts a new period of unit org on date with the given parent, path and
 * name, ending the open one; a period that starts on date itself is
 * rewritten in place instead.
 */
static int
period_split(struct store *st, int64_t org_id, int64_t parent_id, const char *path,
    const char *name, const char *date)
{
	int64_t pid;
	char from[11];
	struct q *q;
	int rc;

	if ((rc = open_period(st, org_id, &pid, from)) != ST_OK)
		return rc;
	if (strcmp(from, date) == 0) {
		q = q_prep(st, "UPDATE org_period SET parent_id = $1, path = $2, "
		    "name = $3 WHERE id = $4");
		if (q == NULL)
			return ST_ERROR;
		if (parent_id > 0)
			q_int(q, 1, parent_id);
		else
			q_null(q, 1);
		q_text(q, 2, path);
		q_text(q, 3, name);
		q_int(q, 4, pid);
		return q_run(q);
	}
	if ((rc = period_end(st, pid, date)) != ST_OK)
		return rc;
	return period_open(st, org_id, parent_id, path, name, date);
}

int
store_org_update(struct store *st, struct record *change, const char *date,
    struct verr *e)
{
	struct record *cur = NULL;
	const char *name = record_text(change, ORG_NAME);
	int64_t pid;
	char from[11];
	struct q *q;
	int rc;

	if ((rc = store_get(st, RT_ORG, change->id, &cur)) != ST_OK)
		return rc;
	if (name != NULL && strcmp(name, record_text(cur, ORG_NAME)) != 0) {
		if (org_derive(change) != 0) {
			rc = store_fail(st, ST_ERROR, "org: cannot fold name");
			goto out;
		}
		if (date != NULL) {
			/* A rename from a date: a new period. */
			if (strcmp(date, record_text(cur, ORG_VALID_FROM)) < 0) {
				rc = ST_INVALID;
				verr_set(e, VE_DATE_ORDER, "date", 0);
				goto out;
			}
			if (!org_open_on(cur, date)) {
				rc = rule(e, RULE_ORG_CLOSED, "date");
				goto out;
			}
			rc = check_after_open_period(st, cur->id, date, false, e);
			if (rc != ST_OK)
				goto out;
			rc = period_split(st, cur->id, record_int(cur, ORG_PARENT),
			    record_text(cur, ORG_PATH), name, date);
		} else {
			/* A correction: the latest period carries the new name. */
			if ((rc = last_period(st, cur->id, &pid, from)) != ST_OK)
				goto out;
			if ((q = q_prep(st, "UPDATE org_period SET name = $1 WHERE id = $2")) == NULL) {
				rc = ST_ERROR;
				goto out;
			}
			q_text(q, 1, name);
			q_int(q, 2, pid);
			rc = q_run(q);
		}
		if (rc != ST_OK)
			goto out;
	}
	rc = store_update(st, change);
out:
	record_free(cur);
	return rc;
}

/* Rewrites the current path of every unit under old_path (closed ones too). */
static int
rewrite_paths(struct store *st, const char *old_path, const char *new_path, int64_t delta)
{
	char upper[PATH_CAP + 2];
	struct q *q = q_prep(st, "UPDATE org SET path = $1 || substr(path, $2), "
	    "depth = depth + $3 WHERE path >= $4 AND path < $5");

	if (q == NULL)
		return ST_ERROR;
	path_upper(old_path, upper, sizeof(upper));
	q_text(q, 1, new_path);
	q_int(q, 2, (int64_t)strlen(old_path) + 1);
	q_int(q, 3, delta);
	q_text(q, 4, old_path);
	q_text(q, 5, upper);
	return q_run(q);
}

struct open_row {
	int64_t org_id, parent_id;
	char path[PATH_CAP];
	char *name;
};

int
store_org_move(struct store *st, int64_t id, int64_t parent_id, const char *date,
    struct verr *e)
{
	struct record *org = NULL, *np = NULL;
	char old_path[PATH_CAP], new_path[PATH_CAP], upper[PATH_CAP + 2];
	struct open_row *rows = NULL;
	size_t nrows = 0, cap = 0;
	struct q *q;
	int rc;

	if ((rc = store_get(st, RT_ORG, id, &org)) != ST_OK)
		return rc;
	if ((rc = load_ref(st, parent_id, "parent_id", &np, e)) != ST_OK)
		goto out;
	if (org_check_move(org, np, date, e) != 0) {
		rc = ST_INVALID;
		goto out;
	}
	snprintf(old_path, sizeof(old_path), "%s", record_text(org, ORG_PATH));
	if (org_child_path(record_text(np, ORG_PATH), id, new_path, sizeof(new_path))) {
		rc = store_fail(st, ST_ERROR, "org: tree too deep");
		goto out;
	}
	/* The reaches the move changes, before it does (store_figures_tree.c). */
	if ((rc = store_figures_tree_before(st, id)) != ST_OK)
		goto out;

	/* The open periods of the subtree, read before anything changes. */
	path_upper(old_path, upper, sizeof(upper));
	q = q_prep(st, "SELECT p.org_id, p.parent_id, p.path, p.name, p.valid_from "
	    "FROM org_period p WHERE p.valid_to IS NULL AND p.path >= $1 AND p.path < $2");
	if (q == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	q_text(q, 1, old_path);
	q_text(q, 2, upper);
	while ((rc = q_step(q)) == 1) {
		/* No unit of the subtree may have a period starting after
		 * the move: the move would reach back into its history. */
		if (strcmp(q_col_text(q, 4), date) > 0) {
			q_done(q);
			verr_set(e, VE_DATE_ORDER, "date", 0);
			rc = ST_INVALID;
			goto out;
		}
		if (nrows == cap) {
			cap = cap ? cap * 2 : 64;
			struct open_row *n2 = realloc(rows, cap * sizeof(*rows));
			if (n2 == NULL) {
				q_done(q);
				rc = store_fail(st, ST_ERROR, "out of memory");
				goto out;
			}
			rows = n2;
		}
		rows[nrows].org_id = q_col_int(q, 0);
		rows[nrows].parent_id = q_col_int(q, 1);
		snprintf(rows[nrows].path, PATH_CAP, "%s%s", new_path,
		    q_col_text(q, 2) + strlen(old_path));
		rows[nrows].name = strdup(q_col_text(q, 3));
		nrows++;
	}
	q_done(q);
	if (rc < 0) {
		rc = -rc;
		goto out;
	}
	for (size_t i = 0; i < nrows; i++) {
		int64_t par = rows[i].org_id == id ? parent_id : rows[i].parent_id;

		rc = period_split(st, rows[i].org_id, par, rows[i].path,
		    rows[i].name, date);
		if (rc != ST_OK)
			goto out;
	}
	rc = rewrite_paths(st, old_path, new_path,
	    record_int(np, ORG_DEPTH) + 1 - record_int(org, ORG_DEPTH));
	if (rc != ST_OK)
		goto out;
	if ((q = q_prep(st, "UPDATE org SET parent_id = $1, updated_at = $2 WHERE id = $3")) == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	q_int(q, 1, parent_id);
	q_int(q, 2, store_now());
	q_int(q, 3, id);
	/* The years before the move's are counted on the tree as it was. */
	if ((rc = q_run(q)) == ST_OK)
		rc = store_figures_tree_changed(st, atoi(date));
out:
	for (size_t i = 0; i < nrows; i++)
		free(rows[i].name);
	free(rows);
	record_free(org);
	record_free(np);
	return rc;
}

/* Ids of the units directly under id that are still open. */
static int
open_children(struct store *st, int64_t id, int64_t **out, size_t *n)
{
	struct q *q = q_prep(st, "SELECT id FROM org WHERE parent_id = $1 "
	    "AND valid_to IS NULL ORDER BY id");
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, id);
	while ((rc = q_step(q)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			int64_t *p = realloc(*out, cap * sizeof(**out));
			if (p == NULL) {
				q_done(q);
				return store_fail(st, ST_ERROR, "out of memory");
			}
			*out = p;
		}
		(*out)[(*n)++] = q_col_int(q, 0);
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_org_close(struct store *st, int64_t id, int64_t successor_id,
    const char *date, const char *note, struct verr *e)
{
	struct record *org = NULL, *succ = NULL, *child = NULL;
	int64_t *kids = NULL, pid;
	size_t nkids = 0;
	char from[11];
	struct q *q;
	int rc;

	if ((rc = store_get(st, RT_ORG, id, &org)) != ST_OK)
		return rc;
	if (successor_id > 0 &&
	    (rc = load_ref(st, successor_id, "successor_id", &succ, e)) != ST_OK)
		goto out;
	if (org_check_close(org, succ, date, e) != 0) {
		rc = ST_INVALID;
		goto out;
	}
	if ((rc = check_after_open_period(st, id, date, true, e)) != ST_OK)
		goto out;
	if ((rc = open_children(st, id, &kids, &nkids)) != ST_OK)
		goto out;
	if (nkids > 0 && succ == NULL) {
		rc = rule(e, RULE_HAS_CHILDREN, "date");
		goto out;
	}
	/* The reaches the closure changes, before its children move. */
	if ((rc = store_figures_tree_before(st, id)) != ST_OK)
		goto out;
	for (size_t i = 0; i < nkids; i++) {
		if ((rc = store_org_move(st, kids[i], successor_id, date, e)) != ST_OK) {
			/* Name the merge's own field, not the child's move. */
			if (rc == ST_INVALID)
				snprintf(e->field, sizeof(e->field), "successor_id");
			goto out;
		}
	}
	if ((rc = open_period(st, id, &pid, from)) != ST_OK)
		goto out;
	if ((rc = period_end(st, pid, date)) != ST_OK)
		goto out;
	if ((q = q_prep(st, "UPDATE org SET valid_to = $1, successor_id = $2, "
	    "note = COALESCE($3, note), updated_at = $4 WHERE id = $5")) == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	q_text(q, 1, date);
	if (succ != NULL)
		q_int(q, 2, successor_id);
	else
		q_null(q, 2);
	q_text(q, 3, note);
	q_int(q, 4, store_now());
	q_int(q, 5, id);
	/* A closure changes the years from its own; a merge every year: the
	 * successor's past years now count the merged unit's tree. */
	if ((rc = q_run(q)) == ST_OK)
		rc = store_figures_tree_changed(st, succ != NULL ? 0 : atoi(date));
out:
	free(kids);
	record_free(child);
	record_free(org);
	record_free(succ);
	return rc;
}

static int
cmp_org_name(const void *a, const void *b)
{
	const struct record *x = *(const struct record *const *)a;
	const struct record *y = *(const struct record *const *)b;
	int c = text_collate(record_text(x, ORG_NAME), record_text(y, ORG_NAME));

	return c != 0 ? c : (x->id < y->id ? -1 : x->id > y->id);
}

static void
sort_by_name(struct record_list *l)
{
	if (l->n > 1)
		qsort(l->items, l->n, sizeof(l->items[0]), cmp_org_name);
}

int
store_org_children(struct store *st, int64_t parent_id, const char *as_of,
    const char *today, bool include_closed, struct record_list *out)
{
	const char *on = as_of ? as_of : today;
	char sql[1600];
	struct q *q;
	int rc;

	if (include_closed && as_of == NULL) {
		snprintf(sql, sizeof(sql), "SELECT %s, o.name FROM org o "
		    "WHERE o.parent_id = $1", org_cols());
	} else {
		/* The name and place of that date come from the period. */
		snprintf(sql, sizeof(sql), "SELECT %s, p.name FROM org_period p "
		    "JOIN org o ON o.id = p.org_id WHERE p.parent_id = $1 "
		    "AND p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to > $2)",
		    org_cols());
	}
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, parent_id);
	if (!(include_closed && as_of == NULL))
		q_text(q, 2, on);
	while ((rc = q_step(q)) == 1) {
		struct record *r = record_from_row(&rtypes[RT_ORG], q, 0);
		int ncol = 1;

		for (int f = 0; f < rtypes[RT_ORG].nfields; f++)
			ncol += !(rtypes[RT_ORG].fields[f].flags & F_NOCOLUMN);
		record_set_text(r, ORG_NAME, q_col_text(q, ncol));
		record_list_push(out, r);
	}
	q_done(q);
	if (rc < 0)
		return -rc;
	sort_by_name(out);
	out->total = (int64_t)out->n;
	return ST_OK;
}

int
store_org_search(struct store *st, const struct scope *sc, const char *qfold,
    int page, int per_page, struct record_list *out)
{
	char where[2048], sql[4096];
	char *pat = like_contains(qfold);
	struct q *q;
	int n, rc;

	if (pat == NULL)
		return store_fail(st, ST_ERROR, "out of memory");
	n = sql_scope(sc, "o.path", 2, where, sizeof(where));
	if (n < 0) {
		free(pat);
		return store_fail(st, ST_ERROR, "scope too large");
	}
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM org o WHERE "
	    "o.name_fold LIKE $1 ESCAPE '\\' AND %s", where);
	if ((q = q_prep(st, sql)) == NULL) {
		free(pat);
		return ST_ERROR;
	}
	q_text(q, 1, pat);
	bind_scope(q, sc, 2);
	rc = q_step(q);
	out->total = rc == 1 ? q_col_int(q, 0) : 0;
	q_done(q);
	if (rc < 0) {
		free(pat);
		return -rc;
	}
	snprintf(sql, sizeof(sql), "SELECT %s FROM org o WHERE "
	    "o.name_fold LIKE $1 ESCAPE '\\' AND %s "
	    "ORDER BY (o.valid_to IS NOT NULL), o.depth, o.name_fold, o.id "
	    "LIMIT $%d OFFSET $%d", org_cols(), where, n, n + 1);
	if ((q = q_prep(st, sql)) == NULL) {
		free(pat);
		return ST_ERROR;
	}
	q_text(q, 1, pat);
	bind_scope(q, sc, 2);
	q_int(q, n, per_page);
	q_int(q, n + 1, (int64_t)(page - 1) * per_page);
	while ((rc = q_step(q)) == 1)
		record_list_push(out, record_from_row(&rtypes[RT_ORG], q, 0));
	q_done(q);
	free(pat);
	return rc < 0 ? -rc : ST_OK;
}

int
store_org_ancestors(struct store *st, const struct record *org, struct record_list *out)
{
	const char *p = record_text(org, ORG_PATH);
	struct record *r;
	int rc;

	if (p == NULL)
		return ST_OK;
	while (*p == '/') {
		char *end;
		long long id = strtoll(p + 1, &end, 10);

		if (end == p + 1 || *end != '/')
			break;
		p = end;
		if (id == org->id)
			break;
		if ((rc = store_get(st, RT_ORG, id, &r)) != ST_OK)
			return rc;
		record_list_push(out, r);
	}
	return ST_OK;
}

int
store_org_predecessors(struct store *st, int64_t id, struct record_list *out)
{
	char sql[1200];
	struct q *q;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT %s FROM org o WHERE o.successor_id = $1 "
	    "ORDER BY o.valid_to, o.name_fold", org_cols());
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, id);
	while ((rc = q_step(q)) == 1)
		record_list_push(out, record_from_row(&rtypes[RT_ORG], q, 0));
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_org_periods(struct store *st, int64_t id, struct org_period **out, int *n)
{
	struct q *q = q_prep(st, "SELECT parent_id, name, valid_from, valid_to "
	    "FROM org_period WHERE org_id = $1 ORDER BY valid_from, id");
	struct org_period *p = NULL;
	int cap = 0, rc;

	*out = NULL;
	*n = 0;
	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, id);
	while ((rc = q_step(q)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			struct org_period *p2 = realloc(p, (size_t)cap * sizeof(*p));
			if (p2 == NULL) {
				q_done(q);
				store_org_periods_free(p, *n);
				return store_fail(st, ST_ERROR, "out of memory");
			}
			p = p2;
		}
		struct org_period *e = &p[(*n)++];
		e->parent_id = q_col_null(q, 0) ? 0 : q_col_int(q, 0);
		e->name = strdup(q_col_text(q, 1));
		snprintf(e->valid_from, sizeof(e->valid_from), "%s", q_col_text(q, 2));
		snprintf(e->valid_to, sizeof(e->valid_to), "%s",
		    q_col_null(q, 3) ? "" : q_col_text(q, 3));
	}
	q_done(q);
	*out = p;
	return rc < 0 ? -rc : ST_OK;
}

void
store_org_periods_free(struct org_period *p, int n)
{
	for (int i = 0; i < n; i++)
		free(p[i].name);
	free(p);
}

int
store_org_counts(struct store *st, const struct record *org, const char *as_of,
    const struct scope *sc, int64_t *children, int64_t *people)
{
	char upper[PATH_CAP + 2], where[2048], sql[2400];
	struct q *q;
	int rc;

	*children = 0;
	if (people != NULL)
		*people = 0;
	if (sql_scope(sc, "o.path", 3, where, sizeof(where)) < 0)
		return store_fail(st, ST_ERROR, "scope too large");
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM org_period p JOIN org o "
	    "ON o.id = p.org_id WHERE p.parent_id = $1 AND p.valid_from <= $2 "
	    "AND (p.valid_to IS NULL OR p.valid_to > $2) AND %s", where);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, org->id);
	q_text(q, 2, as_of);
	bind_scope(q, sc, 3);
	rc = q_step(q);
	if (rc == 1)
		*children = q_col_int(q, 0);
	q_done(q);
	if (rc < 0 || people == NULL)
		return rc < 0 ? -rc : ST_OK;
	path_upper(record_text(org, ORG_PATH), upper, sizeof(upper));
	q = q_prep(st, "SELECT COUNT(*) FROM person p JOIN org o ON o.id = p.org_id "
	    "WHERE o.path >= $1 AND o.path < $2 AND p.status = 'active'");
	if (q == NULL)
		return ST_ERROR;
	q_text(q, 1, record_text(org, ORG_PATH));
	q_text(q, 2, upper);
	rc = q_step(q);
	if (rc == 1)
		*people = q_col_int(q, 0);
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_scope_load(struct store *st, int64_t org_id, struct scope *out)
{
	struct record *org = NULL;
	struct merged {
		char *from, *into;	/* the merged unit's path, its successor's */
		bool taken;
	} *m = NULL;
	size_t n = 0, cap = 0;
	struct q *q;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_get(st, RT_ORG, org_id, &org)) != ST_OK)
		return rc;
	scope_add(out, record_text(org, ORG_PATH));
	record_free(org);
	/* The units merged into another are few (the index on successor_id
	 * finds them), whatever the size of the tree: read them once, then add
	 * those merged into anything in scope until nothing changes (chains of
	 * merges take several passes).  "> 0", not "IS NOT NULL": SQLite
	 * uses the index for the range, and scans the table for the other
	 * (200 ms over 319.000 units). */
	if ((q = q_prep(st, "SELECT p.path, s.path FROM org p JOIN org s ON "
	    "s.id = p.successor_id WHERE p.successor_id > 0")) == NULL)
		return ST_ERROR;
	while ((rc = q_step(q)) == 1) {
		if (n == cap) {
			struct merged *g = realloc(m, (cap = cap ? cap * 2 : 64) * sizeof(*m));

			if (g == NULL) {
				rc = -store_fail(st, ST_ERROR, "out of memory");
				break;
			}
			m = g;
		}
		m[n].from = strdup(q_col_text(q, 0));
		m[n].into = strdup(q_col_text(q, 1));
		m[n].taken = false;
		if (m[n++].from == NULL || m[n - 1].into == NULL) {
			rc = -store_fail(st, ST_ERROR, "out of memory");
			break;
		}
	}
	q_done(q);
	for (bool changed = rc == 0; changed;) {
		changed = false;
		for (size_t i = 0; i < n; i++) {
			if (m[i].taken || !scope_contains(out, m[i].into))
				continue;
			m[i].taken = true;
			if (!scope_contains(out, m[i].from) && scope_add(out, m[i].from) == 0)
				changed = true;
		}
	}
	for (size_t i = 0; i < n; i++) {
		free(m[i].from);
		free(m[i].into);
	}
	free(m);
	return rc < 0 ? -rc : ST_OK;
}

int
store_scope_units(struct store *st, const struct scope *sc, int64_t limit, int64_t *n)
{
	*n = 0;
	for (int i = 0; i < sc->n && *n <= limit; i++) {
		char upper[sizeof(sc->prefix[0]) + 2];
		struct q *q = q_prep(st, "SELECT COUNT(*) FROM (SELECT 1 FROM org WHERE "
		    "path >= $1 AND path < $2 LIMIT $3)");
		int rc;

		if (q == NULL)
			return ST_ERROR;
		path_upper(sc->prefix[i], upper, sizeof(upper));
		q_text(q, 1, sc->prefix[i]);
		q_text(q, 2, upper);
		q_int(q, 3, limit + 1 - *n);
		rc = q_step(q);
		*n += rc == 1 ? q_col_int(q, 0) : 0;
		q_done(q);
		if (rc < 0)
			return -rc;
	}
	return ST_OK;
}
