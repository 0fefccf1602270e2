/*
 * test_tree.c — the organisation tree and people through the store, on a
 * real SQLite file: paths, periods and "as of" queries, rename, move, close
 * and merge with their rules, scopes that follow mergers, and the people
 * search in Vietnamese order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/store.h"
#include "text/text.h"

struct fixture {
	char dir[64];
	char path[96];
	struct store *st;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[256];

	snprintf(f->dir, sizeof(f->dir), "/tmp/lamtheo-tree-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	f->st = store_open(f->path, err, sizeof(err));
	if (f->st == NULL || store_migrate(f->st, NULL) != ST_OK)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char p[128];

	store_close(f->st);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	rmdir(f->dir);
	free(f);
	text_collate_cleanup();
	return 0;
}

/* Creates a unit; returns its id (fails the test on error). */
static int64_t
mk(struct store *st, const char *code, const char *kind, const char *name,
    int64_t parent, const char *from)
{
	struct record *o = record_new(&rtypes[RT_ORG]);
	struct verr e = { 0 };
	int64_t id;

	record_set_text(o, ORG_CODE, code);
	record_set_text(o, ORG_KIND, kind);
	record_set_text(o, ORG_NAME, name);
	if (parent > 0)
		record_set_int(o, ORG_PARENT, parent);
	record_set_text(o, ORG_VALID_FROM, from);
	assert_int_equal(record_validate(o, VM_CREATE, &e), 0);
	assert_int_equal(store_org_create(st, o, "2026-11-23", &e), ST_OK);
	id = o->id;
	record_free(o);
	return id;
}

static struct record *
get(struct store *st, int64_t id)
{
	struct record *r = NULL;

	assert_int_equal(store_get(st, RT_ORG, id, &r), ST_OK);
	return r;
}

/* Names of the children of parent on date, joined with "|". */
static void
children(struct store *st, int64_t parent, const char *on, char *buf, size_t cap)
{
	struct record_list l = { 0 };

	assert_int_equal(store_org_children(st, parent, on, "2026-11-23", false, &l), ST_OK);
	buf[0] = '\0';
	for (size_t i = 0; i < l.n; i++) {
		if (i > 0)
			strncat(buf, "|", cap - strlen(buf) - 1);
		strncat(buf, record_text(l.items[i], ORG_NAME), cap - strlen(buf) - 1);
	}
	record_list_free(&l);
}

static void
test_migrate_idempotent(void **state)
{
	struct fixture *f = *state;
	int v1, v2;

	assert_int_equal(store_migrate(f->st, &v1), ST_OK);
	assert_int_equal(store_migrate(f->st, &v2), ST_OK);
	assert_int_equal(v1, v2);
	assert_true(v1 >= 1);
}

static void
test_create_paths(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct record *o, *dup;
	struct verr e = { 0 };
	int64_t vn, tb, tt, xa, cb;
	char buf[128];

	assert_int_equal(store_begin(st, true), ST_OK);
	vn = mk(st, "VN", "national", "Trung ương", 0, "1930-02-03");
	tb = mk(st, "TB", "province_committee", "Đảng bộ tỉnh Thái Bình", vn, "1975-01-01");
	tt = mk(st, "TB.TT", "district_committee", "Đảng bộ huyện Thái Thụy", tb, "1975-01-01");
	xa = mk(st, "TB.TT.TH", "base_committee", "Đảng bộ xã Thụy Hải", tt, "1975-01-01");
	cb = mk(st, "TB.TT.TH.C1", "cell", "Chi bộ thôn Đông", xa, "1980-01-01");
	assert_int_equal(store_commit(st), ST_OK);

	o = get(st, cb);
	snprintf(buf, sizeof(buf), "/%lld/%lld/%lld/%lld/%lld/", (long long)vn,
	    (long long)tb, (long long)tt, (long long)xa, (long long)cb);
	assert_string_equal(record_text(o, ORG_PATH), buf);
	assert_int_equal(record_int(o, ORG_DEPTH), 4);
	assert_string_equal(record_text(o, ORG_NAME_FOLD), "chi bo thon dong");
	record_free(o);

	/* A taken code is ST_EXISTS naming the column; nothing is written. */
	dup = record_new(&rtypes[RT_ORG]);
	record_set_text(dup, ORG_CODE, "TB.TT");
	record_set_text(dup, ORG_KIND, "district_committee");
	record_set_text(dup, ORG_NAME, "Trùng mã");
	record_set_int(dup, ORG_PARENT, tb);
	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_create(st, dup, "2026-11-23", &e), ST_EXISTS);
	assert_string_equal(store_errfield(st), "code");
	store_rollback(st);
	record_free(dup);

	/* A cell directly under a province breaks the kind rule. */
	dup = record_new(&rtypes[RT_ORG]);
	record_set_text(dup, ORG_CODE, "TB.BAD");
	record_set_text(dup, ORG_KIND, "cell");
	record_set_text(dup, ORG_NAME, "Sai cấp");
	record_set_int(dup, ORG_PARENT, tb);
	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_create(st, dup, "2026-11-23", &e), ST_INVALID);
	assert_int_equal(e.rule, RULE_PARENT_KIND);
	store_rollback(st);
	record_free(dup);
	assert_int_equal(store_org_by_code(st, "TB.BAD", &dup), ST_NOTFOUND);
}

static void
test_rename_and_as_of(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct record *xa = NULL, *ch;
	struct org_period *p;
	struct verr e = { 0 };
	char buf[256];
	int n;

	assert_int_equal(store_org_by_code(st, "TB.TT.TH", &xa), ST_OK);
	ch = record_new(&rtypes[RT_ORG]);
	ch->id = xa->id;
	record_set_text(ch, ORG_NAME, "Đảng bộ xã Thụy Hải mới");
	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_update(st, ch, "2020-01-01", &e), ST_OK);
	assert_int_equal(store_commit(st), ST_OK);
	record_free(ch);

	children(st, record_int(xa, ORG_PARENT), "2019-06-01", buf, sizeof(buf));
	assert_string_equal(buf, "Đảng bộ xã Thụy Hải");
	children(st, record_int(xa, ORG_PARENT), "2021-06-01", buf, sizeof(buf));
	assert_string_equal(buf, "Đảng bộ xã Thụy Hải mới");
	/* Before the unit existed: nothing. */
	children(st, record_int(xa, ORG_PARENT), "1970-06-01", buf, sizeof(buf));
	assert_string_equal(buf, "");

	assert_int_equal(store_org_periods(st, xa->id, &p, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].valid_to, "2020-01-01");
	assert_string_equal(p[1].valid_from, "2020-01-01");
	assert_string_equal(p[1].valid_to, "");
	store_org_periods_free(p, n);

	/* A correction (no date) renames the latest period only. */
	ch = record_new(&rtypes[RT_ORG]);
	ch->id = xa->id;
	record_set_text(ch, ORG_NAME, "Đảng bộ xã Thụy Hải");
	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_update(st, ch, NULL, &e), ST_OK);
	assert_int_equal(store_commit(st), ST_OK);
	record_free(ch);
	assert_int_equal(store_org_periods(st, xa->id, &p, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(p[1].name, "Đảng bộ xã Thụy Hải");
	store_org_periods_free(p, n);
	record_free(xa);
}

static void
test_move_subtree(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct record *tb = NULL, *xa = NULL, *cell = NULL, *hy;
	struct verr e = { 0 };
	int64_t hyid;
	char buf[256], want[64];

	assert_int_equal(store_org_by_code(st, "TB", &tb), ST_OK);
	assert_int_equal(store_org_by_code(st, "TB.TT.TH", &xa), ST_OK);
	assert_int_equal(store_begin(st, true), ST_OK);
	hyid = mk(st, "HY", "province_committee", "Đảng bộ tỉnh Hưng Yên",
	    record_int(tb, ORG_PARENT), "1975-01-01");
	assert_int_equal(store_commit(st), ST_OK);

	/* Not under its own cell; not before it opened. */
	assert_int_equal(store_org_by_code(st, "TB.TT.TH.C1", &cell), ST_OK);
	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_move(st, xa->id, cell->id, "2025-07-01", &e), ST_INVALID);
	store_rollback(st);
	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_move(st, xa->id, hyid, "1960-01-01", &e), ST_INVALID);
	assert_int_equal(e.code, VE_DATE_ORDER);
	store_rollback(st);

	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_move(st, xa->id, hyid, "2025-07-01", &e), ST_OK);
	assert_int_equal(store_commit(st), ST_OK);

	/* The whole subtree has new paths and depths. */
	hy = get(st, hyid);
	{
		int64_t cid = cell->id;

		record_free(cell);
		cell = get(st, cid);
	}
	snprintf(want, sizeof(want), "%s%lld/%lld/", record_text(hy, ORG_PATH),
	    (long long)xa->id, (long long)cell->id);
	assert_string_equal(record_text(cell, ORG_PATH), want);
	assert_int_equal(record_int(cell, ORG_DEPTH), 3);

	/* History: under Thái Thụy before, under Hưng Yên after. */
	children(st, record_int(xa, ORG_PARENT), "2025-06-30", buf, sizeof(buf));
	assert_string_equal(buf, "Đảng bộ xã Thụy Hải");
	children(st, record_int(xa, ORG_PARENT), "2025-07-01", buf, sizeof(buf));
	assert_string_equal(buf, "");
	children(st, hyid, "2025-07-01", buf, sizeof(buf));
	assert_string_equal(buf, "Đảng bộ xã Thụy Hải");
	/* The cell's periods split too (path changed), parent unchanged. */
	children(st, xa->id, "2025-06-30", buf, sizeof(buf));
	assert_string_equal(buf, "Chi bộ thôn Đông");
	children(st, xa->id, "2025-07-02", buf, sizeof(buf));
	assert_string_equal(buf, "Chi bộ thôn Đông");
	record_free(hy);
	record_free(cell);
	record_free(xa);
	record_free(tb);
}

static void
test_close_and_merge(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct record *tb = NULL, *tt = NULL, *hy = NULL, *a, *b, *c;
	struct record_list l = { 0 };
	struct scope sc;
	struct verr e = { 0 };
	int64_t old1, old2, nw, cell1;
	char buf[256];

	assert_int_equal(store_org_by_code(st, "TB", &tb), ST_OK);
	assert_int_equal(store_org_by_code(st, "TB.TT", &tt), ST_OK);
	assert_int_equal(store_org_by_code(st, "HY", &hy), ST_OK);
	assert_int_equal(store_begin(st, true), ST_OK);
	old1 = mk(st, "TB.TT.A", "base_committee", "Đảng bộ xã A", tt->id, "1975-01-01");
	old2 = mk(st, "TB.TT.B", "base_committee", "Đảng bộ xã B", tt->id, "1975-01-01");
	cell1 = mk(st, "TB.TT.A.C1", "cell", "Chi bộ thôn A1", old1, "1975-01-01");
	mk(st, "TB.TT.B.C1", "cell", "Chi bộ thôn B1", old2, "1975-01-01");
	nw = mk(st, "HY.AB", "base_committee", "Đảng bộ xã A B", hy->id, "2025-07-01");
	assert_int_equal(store_commit(st), ST_OK);

	/* Closing a unit with open children needs a successor. */
	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_close(st, old1, 0, "2025-07-01", NULL, &e), ST_INVALID);
	assert_int_equal(e.rule, RULE_HAS_CHILDREN);
	store_rollback(st);
	/* A successor that does not exist yet on the date. */
	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_close(st, old1, nw, "2025-06-01", NULL, &e), ST_INVALID);
	assert_int_equal(e.rule, RULE_SUCCESSOR_CLOSED);
	store_rollback(st);

	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_close(st, old1, nw, "2025-07-01", NULL, &e), ST_OK);
	assert_int_equal(store_org_close(st, old2, nw, "2025-07-01", NULL, &e), ST_OK);
	/* The province still has its district open under it. */
	assert_int_equal(store_org_close(st, tb->id, 0, "2025-07-01", NULL, &e), ST_INVALID);
	assert_int_equal(e.rule, RULE_HAS_CHILDREN);
	store_rollback(st);

	/* Again, and this time close the emptied district first. */
	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_close(st, old1, nw, "2025-07-01", NULL, &e), ST_OK);
	assert_int_equal(store_org_close(st, old2, nw, "2025-07-01", NULL, &e), ST_OK);
	assert_int_equal(store_org_close(st, tt->id, 0, "2025-07-01", "Giải thể", &e), ST_OK);
	assert_int_equal(store_org_close(st, tb->id, hy->id, "2025-07-01", NULL, &e), ST_OK);
	assert_int_equal(store_commit(st), ST_OK);

	/* The cells follow the merge; the old communes are closed. */
	children(st, nw, "2025-07-01", buf, sizeof(buf));
	assert_string_equal(buf, "Chi bộ thôn A1|Chi bộ thôn B1");
	children(st, old1, "2025-06-30", buf, sizeof(buf));
	assert_string_equal(buf, "Chi bộ thôn A1");
	children(st, old1, "2025-07-01", buf, sizeof(buf));
	assert_string_equal(buf, "");
	a = get(st, old1);
	assert_string_equal(record_text(a, ORG_VALID_TO), "2025-07-01");
	assert_int_equal(record_int(a, ORG_SUCCESSOR), nw);
	record_free(a);
	b = get(st, cell1);
	c = get(st, nw);
	assert_int_equal(strncmp(record_text(b, ORG_PATH), record_text(c, ORG_PATH),
	    strlen(record_text(c, ORG_PATH))), 0);
	record_free(b);
	record_free(c);

	assert_int_equal(store_org_predecessors(st, nw, &l), ST_OK);
	assert_int_equal(l.n, 2);
	record_list_free(&l);

	/* A closed unit cannot close again. */
	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_org_close(st, old1, 0, "2025-08-01", NULL, &e), ST_INVALID);
	assert_int_equal(e.rule, RULE_ORG_CLOSED);
	store_rollback(st);

	/* Hưng Yên's scope takes in Thái Bình (merged into it) and the old
	 * communes merged into its new commune (inside Thái Bình already). */
	assert_int_equal(store_scope_load(st, hy->id, &sc), ST_OK);
	assert_int_equal(sc.n, 2);
	assert_string_equal(sc.prefix[0], record_text(hy, ORG_PATH));
	assert_string_equal(sc.prefix[1], record_text(tb, ORG_PATH));
	/* The new commune's scope: itself and its two predecessors. */
	assert_int_equal(store_scope_load(st, nw, &sc), ST_OK);
	assert_int_equal(sc.n, 3);

	/* Thái Bình as of 2022 still shows Thái Thụy; as of today nothing. */
	children(st, tb->id, "2022-01-01", buf, sizeof(buf));
	assert_string_equal(buf, "Đảng bộ huyện Thái Thụy");
	children(st, tb->id, "2026-01-01", buf, sizeof(buf));
	assert_string_equal(buf, "");
	record_free(tb);
	record_free(tt);
	record_free(hy);
}

static int64_t
person(struct store *st, const char *name, int64_t org, int by)
{
	struct record *p = record_new(&rtypes[RT_PERSON]);
	struct verr e = { 0 };
	int64_t id;

	record_set_text(p, PERSON_FULL_NAME, name);
	record_set_int(p, PERSON_ORG, org);
	record_set_int(p, PERSON_BIRTH_YEAR, by);
	assert_int_equal(record_validate(p, VM_CREATE, &e), 0);
	assert_int_equal(person_derive(p), 0);
	assert_int_equal(store_person_create(st, p), ST_OK);
	id = p->id;
	record_free(p);
	return id;
}

static void
test_people(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct record *hy = NULL, *nw = NULL, *tb = NULL, *p = NULL;
	struct record_list l = { 0 };
	struct person_query q = { 0 };
	struct transfer *t;
	struct scope sc = { 0 };
	int64_t sang, hien;
	char path[128];
	int n;

	assert_int_equal(store_org_by_code(st, "HY", &hy), ST_OK);
	assert_int_equal(store_org_by_code(st, "HY.AB", &nw), ST_OK);
	assert_int_equal(store_org_by_code(st, "TB", &tb), ST_OK);
	assert_int_equal(store_begin(st, true), ST_OK);
	sang = person(st, "Nguyễn Văn Sáng", nw->id, 1970);
	person(st, "Trần Thị Bình", nw->id, 1980);
	person(st, "Lê Văn An", nw->id, 1990);
	person(st, "Phạm Văn Ánh", nw->id, 1985);
	hien = person(st, "Đỗ Văn Hiện", tb->id, 0 + 1965);
	assert_int_equal(store_commit(st), ST_OK);

	/* Generated code. */
	assert_int_equal(store_get(st, RT_PERSON, sang, &p), ST_OK);
	assert_string_equal(record_text(p, PERSON_CODE), "DV000001");
	record_free(p);

	/* Accent-insensitive search inside the scope. */
	scope_add(&sc, record_text(hy, ORG_PATH));
	q.scope = &sc;
	q.qfold = "nguyen van sang";
	q.page = 1;
	q.per_page = 10;
	assert_int_equal(store_person_list(st, &q, &l), ST_OK);
	assert_int_equal(l.total, 1);
	assert_string_equal(record_text(l.items[0], PERSON_FULL_NAME), "Nguyễn Văn Sáng");
	record_list_free(&l);
	/* Đỗ Văn Hiện is in Thái Bình: outside a scope of Hưng Yên alone. */
	q.qfold = "do van hien";
	assert_int_equal(store_person_list(st, &q, &l), ST_OK);
	assert_int_equal(l.total, 0);
	record_list_free(&l);
	scope_add(&sc, record_text(tb, ORG_PATH));
	assert_int_equal(store_person_list(st, &q, &l), ST_OK);
	assert_int_equal(l.total, 1);
	record_list_free(&l);
	/* LIKE wildcards in the query are literal. */
	q.qfold = "%";
	assert_int_equal(store_person_list(st, &q, &l), ST_OK);
	assert_int_equal(l.total, 0);
	record_list_free(&l);

	/* Vietnamese order by given name: An, Ánh, Bình, Hiện, Sáng. */
	q.qfold = NULL;
	q.sort = PSORT_NAME;
	assert_int_equal(store_person_list(st, &q, &l), ST_OK);
	assert_int_equal(l.total, 5);
	assert_string_equal(record_text(l.items[0], PERSON_FULL_NAME), "Lê Văn An");
	assert_string_equal(record_text(l.items[1], PERSON_FULL_NAME), "Phạm Văn Ánh");
	assert_string_equal(record_text(l.items[2], PERSON_FULL_NAME), "Trần Thị Bình");
	assert_string_equal(record_text(l.items[3], PERSON_FULL_NAME), "Đỗ Văn Hiện");
	assert_string_equal(record_text(l.items[4], PERSON_FULL_NAME), "Nguyễn Văn Sáng");
	record_list_free(&l);
	/* Pages do not overlap. */
	q.per_page = 2;
	q.page = 3;
	assert_int_equal(store_person_list(st, &q, &l), ST_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(record_text(l.items[0], PERSON_FULL_NAME), "Nguyễn Văn Sáng");
	record_list_free(&l);
	q.sort = PSORT_BIRTH_YEAR;
	q.desc = true;
	q.page = 1;
	assert_int_equal(store_person_list(st, &q, &l), ST_OK);
	assert_int_equal(record_int(l.items[0], PERSON_BIRTH_YEAR), 1990);
	record_list_free(&l);

	/* Transfer: history row, new unit. */
	assert_int_equal(store_begin(st, true), ST_OK);
	assert_int_equal(store_person_transfer(st, hien, nw->id, "2025-08-01", "Chuyển", 0), ST_OK);
	assert_int_equal(store_commit(st), ST_OK);
	assert_int_equal(store_person_transfers(st, hien, &t, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].from_org, tb->id);
	assert_int_equal(t[0].to_org, nw->id);
	assert_string_equal(t[0].note, "Chuyển");
	store_transfers_free(t, n);
	assert_int_equal(store_person_path(st, hien, path, sizeof(path)), ST_OK);
	assert_string_equal(path, record_text(nw, ORG_PATH));

	record_free(hy);
	record_free(nw);
	record_free(tb);
}

static void
test_rollback_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct record *hy = NULL, *x = NULL;

	assert_int_equal(store_org_by_code(st, "HY", &hy), ST_OK);
	assert_int_equal(store_begin(st, true), ST_OK);
	mk(st, "HY.TMP", "base_committee", "Tạm", hy->id, "2025-01-01");
	store_rollback(st);
	assert_int_equal(store_org_by_code(st, "HY.TMP", &x), ST_NOTFOUND);
	assert_null(x);
	record_free(hy);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_idempotent),
		cmocka_unit_test(test_create_paths),
		cmocka_unit_test(test_rename_and_as_of),
		cmocka_unit_test(test_move_subtree),
		cmocka_unit_test(test_close_and_merge),
		cmocka_unit_test(test_people),
		cmocka_unit_test(test_rollback_leaves_nothing),
	};

	/* The tests build on each other, in order, on one database. */
	return cmocka_run_group_tests(tests, setup, teardown);
}
