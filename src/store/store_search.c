/*
 * store_search.c — people search through the index of migration 10, ranked:
 * whole words before prefixes, prefixes before parts of words.
 *
 * Why this design.  A scan of name_fold LIKE '%q%' joined to the scope
 * costs 5–9 s over 5,6 million people.  The index is an FTS5 table
 * (person_search) with the unicode61 tokenizer over the folded name, so a
 * term is a whole name word; its other two columns hold the ids of the
 * units from the root to the person's unit and the status, so that the
 * scope (path ranges), the unit filter and the status filter are terms
 * AND-ed in the same query: FTS5 intersects the document lists in C and
 * never visits a person outside the scope, which a join to org after the
 * index could not avoid (a cell's secretary searching "an" would walk the
 * country's million matches to find her 30).  The trigram tokenizer was
 * the other candidate: it finds parts of words directly, but it cannot
 * tell a whole word from a part without reading every candidate's name,
 * and a query word of one or two letters gets nothing from it.
 *
 * Prefixes and parts of words go through the vocabulary of name words
 * (person_word: a few thousand rows): each query word w is looked up there
 * and expanded into the words that start with it (an index range) and,
 * from two letters on, the words that contain it (a scan of the
 * vocabulary), at most SEARCH_EXPAND words of each kind.  FTS5 reads an OR
 * of explicit terms lazily; its own prefix query "w*" would first build
 * the whole merged list (200 ms for "nguy*").
 *
 * A person's rank is the weakest way any query word matched: 0 when every
 * query word is a whole word of the name, 1 when every one is at least a
 * prefix, 2 otherwise (every query word must match, in any order).  Ranks
 * are read one after the other, each excluding the one before it (FTS5
 * NOT), in rowid order, until LIMIT_SEARCH_RANKED + 1 people are found: so
 * a search costs about the same however many people it matches.  A
 * one-word query is also a code: the code itself ranks 0, a code starting
 * with it (DV0109 for DV01090001…) ranks 1.  The found people are then
 * ordered by rank and the requested sort (id last, so pages never overlap)
 * and the page cut from them.
 *
 * The price: when more than LIMIT_SEARCH_RANKED people match, total is
 * LIMIT_SEARCH_RANKED with capped set ("hơn 1.000 kết quả"), the pages
 * stop there, and the last rank reached holds the first of its people by
 * id, not by name.  A search that matches that many is refined, not paged.
 *
 * Queries the index cannot serve the same way take the old scan
 * (store_person.c): a folded word with a character outside a–z and 0–9
 * (not Vietnamese: all of it folds to those), or more than SEARCH_WORDS
 * words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_record.h"

#define SEARCH_WORDS	16	/* query words served by the index */
#define SEARCH_EXPAND	100	/* vocabulary words a query word becomes, per kind */
#define SEARCH_CODE_SCAN 10000	/* codes read for a code prefix before the scope test */

/* A growing string; oom is set (and the text left short) when it cannot grow. */
struct sbuf {
	char *s;
	size_t len, cap;
	bool oom;
};

static void
sb_add(struct sbuf *b, const char *s)
{
	size_t n = strlen(s);

	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (b->len + n + 1 > cap)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL) {
			b->oom = true;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

/* A query word: its text and the vocabulary words it becomes at each rank
 * (whole[0] is the word itself; prefix and part words follow). */
struct sword {
	char w[LIMIT_SEARCH_CHARS + 1];
	struct sbuf terms[3];	/* the FTS5 OR list of rank 0, ≤1, ≤2 */
	bool grows[3];		/* rank r adds terms to rank r - 1 */
};

struct found {
	int64_t id;
	int rank;
};

struct search {
	struct sword *words;
	int n;
	struct found *f;
	size_t nf, capf;
};

bool
search_indexable(const char *qfold)
{
	int words = 0;
	bool in = false;

	for (const unsigned char *p = (const unsigned char *)qfold; *p; p++) {
		if (*p >= 0x80)
			return false;
		bool c = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
		if (c && !in)
			words++;
		in = c;
	}
	return words > 0 && words <= SEARCH_WORDS;
}

/* Splits qfold (search_indexable) into s->words; -1 when out of memory. */
static int
split_words(const char *qfold, struct search *s)
{
	const char *p = qfold;

	if ((s->words = calloc(SEARCH_WORDS, sizeof(*s->words))) == NULL)
		return -1;
	while (*p != '\0') {
		size_t n = 0;

		while (*p != '\0' && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			p++;
		while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9'))
			n++;
		if (n == 0)
			break;
		if (s->n == SEARCH_WORDS || n > LIMIT_SEARCH_CHARS)
			return -1;
		memcpy(s->words[s->n].w, p, n);
		s->words[s->n++].w[n] = '\0';
		p += n;
	}
	return 0;
}

/* Adds "term" to the OR lists of ranks from..2 of word sw. */
static void
add_term(struct sword *sw, const char *term, int from)
{
	for (int r = from; r < 3; r++) {
		sb_add(&sw->terms[r], sw->terms[r].len ? " OR \"" : "\"");
		sb_add(&sw->terms[r], term);
		sb_add(&sw->terms[r], "\"");
	}
	if (from > 0)
		sw->grows[from] = true;
}

/* Adds every word the vocabulary query q gives (prepared and bound) to the
 * OR lists of ranks from..2 of sw. */
static int
add_found(struct sword *sw, struct q *q, int from)
{
	int rc;

	while ((rc = q_step(q)) == 1)
		add_term(sw, q_col_text(q, 0), from);
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

/* The vocabulary words starting with, then containing, each query word. */
static int
expand_words(struct store *st, struct search *s)
{
	for (int i = 0; i < s->n; i++) {
		struct sword *sw = &s->words[i];
		char upper[LIMIT_SEARCH_CHARS + 2];
		struct q *q;
		int rc;

		add_term(sw, sw->w, 0);
		/* Words are a–z and 0–9, all below '{'. */
		snprintf(upper, sizeof(upper), "%s{", sw->w);
		q = q_prep(st, "SELECT word FROM person_word WHERE word > $1 AND word < $2 "
		    "ORDER BY word LIMIT $3");
		if (q == NULL)
			return ST_ERROR;
		q_text(q, 1, sw->w);
		q_text(q, 2, upper);
		q_int(q, 3, SEARCH_EXPAND);
		if ((rc = add_found(sw, q, 1)) != ST_OK)
			return rc;
		if (strlen(sw->w) < 2)
			continue;	/* one letter is part of nearly every name */
		q = q_prep(st, "SELECT word FROM person_word WHERE instr(word, $1) > 1 "
		    "ORDER BY word LIMIT $2");
		if (q == NULL)
			return ST_ERROR;
		q_text(q, 1, sw->w);
		q_int(q, 2, SEARCH_EXPAND);
		if ((rc = add_found(sw, q, 2)) != ST_OK)
			return rc;
	}
	for (int i = 0; i < s->n; i++)
		for (int r = 0; r < 3; r++)
			if (s->words[i].terms[r].oom)
				return store_fail(st, ST_ERROR, "out of memory");
	return ST_OK;
}

/* "/1/5/23/" -> "23": the unit a scope prefix or unit path stands for. */
static void
path_last(const char *path, char *buf, size_t cap)
{
	size_t n = strlen(path);
	const char *end, *start;

	while (n > 0 && path[n - 1] == '/')
		n--;
	end = path + n;
	start = end;
	while (start > path && start[-1] != '/')
		start--;
	snprintf(buf, cap, "%.*s", (int)(end - start), start);
}

/* Does the path name the one root of the tree (so it covers everybody)? */
static int
is_only_root(struct store *st, const char *path, bool *yes)
{
	const char *p = path;
	int slashes = 0, rc;
	struct q *q;

	*yes = false;
	for (; *p; p++)
		slashes += *p == '/';
	if (slashes != 2)
		return ST_OK;
	q = q_prep(st, "SELECT count(*) FROM (SELECT 1 FROM org WHERE parent_id IS NULL LIMIT 2)");
	if (q == NULL)
		return ST_ERROR;
	rc = q_step(q);
	*yes = rc == 1 && q_col_int(q, 0) == 1;
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

/* " AND at : (...) AND st : ..." for the scope, unit and status of pq. */
static int
filter_expr(struct store *st, const struct person_query *pq, struct sbuf *f)
{
	char id[32];
	bool all;
	int rc;

	if (pq->scope->n == 0) {
		sb_add(f, " AND at : \"0\"");	/* nobody: no unit has id 0 */
		return ST_OK;
	}
	for (int i = 0; i < pq->scope->n; i++) {
		if ((rc = is_only_root(st, pq->scope->prefix[i], &all)) != ST_OK)
			return rc;
		if (all)
			goto unit;
	}
	sb_add(f, " AND at : (");
	for (int i = 0; i < pq->scope->n; i++) {
		path_last(pq->scope->prefix[i], id, sizeof(id));
		sb_add(f, i ? " OR \"" : "\"");
		sb_add(f, id);
		sb_add(f, "\"");
	}
	sb_add(f, ")");
unit:
	if (pq->org_path != NULL) {
		if ((rc = is_only_root(st, pq->org_path, &all)) != ST_OK)
			return rc;
		if (!all) {
			path_last(pq->org_path, id, sizeof(id));
			sb_add(f, " AND at : \"");
			sb_add(f, id);
			sb_add(f, "\"");
		}
	}
	if (pq->status != NULL) {
		/* The status as migration 10 indexes it: without '_'. */
		char s[64];
		size_t n = 0;

		for (const char *p = pq->status; *p && n + 1 < sizeof(s); p++)
			if (*p != '_')
				s[n++] = *p;
		s[n] = '\0';
		sb_add(f, " AND st : \"");
		sb_add(f, s);
		sb_add(f, "\"");
	}
	return ST_OK;
}

/* "(name : (..) AND name : (..))": every word at rank ≤ r. */
static void
rank_expr(const struct search *s, int r, struct sbuf *e)
{
	sb_add(e, "(");
	for (int i = 0; i < s->n; i++) {
		sb_add(e, i ? " AND name : (" : "name : (");
		sb_add(e, s->words[i].terms[r].s);
		sb_add(e, ")");
	}
	sb_add(e, ")");
}

static int
found_add(struct store *st, struct search *s, int64_t id, int rank)
{
	if (s->nf == s->capf) {
		size_t cap = s->capf ? s->capf * 2 : 64;
		struct found *f = realloc(s->f, cap * sizeof(*f));

		if (f == NULL)
			return store_fail(st, ST_ERROR, "out of memory");
		s->f = f;
		s->capf = cap;
	}
	s->f[s->nf].id = id;
	s->f[s->nf++].rank = rank;
	return ST_OK;
}

/* The people of rank r (not of a better one), up to the limit. */
static int
find_rank(struct store *st, const struct person_query *pq, struct search *s, int r,
    const struct sbuf *filter, size_t limit)
{
	struct sbuf e = { 0 };
	struct q *q;
	int rc;

	sb_add(&e, "(");
	rank_expr(s, r, &e);
	if (r > 0) {
		sb_add(&e, " NOT ");
		rank_expr(s, r - 1, &e);
	}
	sb_add(&e, ")");
	sb_add(&e, filter->s ? filter->s : "");
	if (e.oom) {
		free(e.s);
		return store_fail(st, ST_ERROR, "out of memory");
	}
	q = q_prep(st, pq->only_id > 0 ?
	    "SELECT rowid FROM person_search WHERE person_search MATCH $1 AND rowid = $3 LIMIT $2" :
	    "SELECT rowid FROM person_search WHERE person_search MATCH $1 LIMIT $2");
	if (q == NULL) {
		free(e.s);
		return ST_ERROR;
	}
	q_text(q, 1, e.s);
	q_int(q, 2, (int64_t)limit);
	if (pq->only_id > 0)
		q_int(q, 3, pq->only_id);
	rc = ST_OK;
	while (rc == ST_OK && (rc = q_step(q)) == 1)
		rc = found_add(st, s, q_col_int(q, 0), r);
	q_done(q);
	free(e.s);
	return rc < 0 ? -rc : rc == 0 ? ST_OK : rc;
}

/* A one-word query as a code: the code itself (rank 0) or codes starting
 * with it (rank 1), among the first SEARCH_CODE_SCAN codes from it. */
static int
find_code(struct store *st, const struct person_query *pq, struct search *s,
    const char *code, size_t limit)
{
	struct person_query cq = *pq;
	char where[3072], sql[4096], upper[LIMIT_SEARCH_CHARS + 2];
	size_t len = strlen(code);
	struct q *q;
	int n, rc;

	if (len == 0 || len > LIMIT_SEARCH_CHARS)
		return ST_OK;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)code[i] <= ' ' || (unsigned char)code[i] >= 0x7e)
			return ST_OK;
	memcpy(upper, code, len + 1);
	upper[len - 1]++;
	cq.qfold = NULL;
	if ((n = person_where(&cq, where, sizeof(where))) < 0)
		return store_fail(st, ST_ERROR, "person query too large");
	snprintf(sql, sizeof(sql), "SELECT p.id, p.code = $%d FROM person p JOIN org o "
	    "ON o.id = p.org_id WHERE %s AND p.id IN (SELECT id FROM person "
	    "WHERE code >= $%d AND code < $%d ORDER BY code LIMIT $%d) LIMIT $%d",
	    n, where, n, n + 1, n + 2, n + 3);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	person_bind(q, &cq, NULL);
	q_text(q, n, code);
	q_text(q, n + 1, upper);
	q_int(q, n + 2, SEARCH_CODE_SCAN);
	q_int(q, n + 3, (int64_t)limit);
	rc = ST_OK;
	while (rc == ST_OK && (rc = q_step(q)) == 1)
		rc = found_add(st, s, q_col_int(q, 0), q_col_int(q, 1) ? 0 : 1);
	q_done(q);
	return rc < 0 ? -rc : rc == 0 ? ST_OK : rc;
}

static int
cmp_found(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->rank - y->rank;
}

static int
cmp_rank(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Keeps each person once at the best rank, then the first
 * LIMIT_SEARCH_RANKED + 1 by rank and id. */
static void
found_settle(struct search *s)
{
	size_t k = 0;

	if (s->nf == 0)
		return;
	qsort(s->f, s->nf, sizeof(*s->f), cmp_found);
	for (size_t i = 0; i < s->nf; i++)
		if (k == 0 || s->f[k - 1].id != s->f[i].id)
			s->f[k++] = s->f[i];
	s->nf = k;
	qsort(s->f, s->nf, sizeof(*s->f), cmp_rank);
	if (s->nf > LIMIT_SEARCH_RANKED + 1)
		s->nf = LIMIT_SEARCH_RANKED + 1;
}

/* One page of the found people, by rank then the requested order.  The
 * ids go in as one bound JSON array of id * 4 + rank (integers only). */
static int
read_page(struct store *st, const struct person_query *pq, struct search *s,
    struct record_list *out)
{
	char sql[2048], num[32];
	size_t n = s->nf > LIMIT_SEARCH_RANKED ? LIMIT_SEARCH_RANKED : s->nf;
	struct sbuf ids = { 0 };
	struct q *q;
	int rc;

	sb_add(&ids, "[");
	for (size_t i = 0; i < n; i++) {
		snprintf(num, sizeof(num), "%s%lld", i ? "," : "",
		    (long long)(s->f[i].id * 4 + s->f[i].rank));
		sb_add(&ids, num);
	}
	sb_add(&ids, "]");
	if (ids.oom) {
		free(ids.s);
		return store_fail(st, ST_ERROR, "out of memory");
	}
	snprintf(sql, sizeof(sql), "SELECT %s FROM json_each($1) j JOIN person p "
	    "ON p.id = j.value >> 2 ORDER BY j.value & 3, %s LIMIT $2 OFFSET $3",
	    person_cols(), person_order(pq->sort, pq->desc));
	if ((q = q_prep(st, sql)) == NULL) {
		free(ids.s);
		return ST_ERROR;
	}
	q_text(q, 1, ids.s);
	q_int(q, 2, pq->per_page);
	q_int(q, 3, (int64_t)(pq->page - 1) * pq->per_page);
	while ((rc = q_step(q)) == 1)
		record_list_push(out, record_from_row(&rtypes[RT_PERSON], q, 0));
	q_done(q);
	free(ids.s);
	out->total = (int64_t)n;
	out->capped = s->nf > LIMIT_SEARCH_RANKED;
	return rc < 0 ? -rc : ST_OK;
}

int
store_person_search(struct store *st, const struct person_query *pq,
    struct record_list *out)
{
	struct search s = { 0 };
	struct sbuf filter = { 0 };
	const size_t want = LIMIT_SEARCH_RANKED + 1;
	int rc;

	if (split_words(pq->qfold, &s) != 0) {
		rc = store_fail(st, ST_ERROR, "search words");
		goto out;
	}
	if ((rc = expand_words(st, &s)) != ST_OK)
		goto out;
	if ((rc = filter_expr(st, pq, &filter)) != ST_OK)
		goto out;
	if (filter.oom) {
		rc = store_fail(st, ST_ERROR, "out of memory");
		goto out;
	}
	/* A code first: it is what a one-word query most likely means when
	 * it matches one, and it must not be crowded out by names. */
	if (s.n == 1 && pq->qraw != NULL) {
		char code[LIMIT_SEARCH_CHARS + 1];
		size_t a = strspn(pq->qraw, " \t"), n = strlen(pq->qraw + a);

		while (n > 0 && (pq->qraw[a + n - 1] == ' ' || pq->qraw[a + n - 1] == '\t'))
			n--;
		if (n < sizeof(code)) {
			snprintf(code, sizeof(code), "%.*s", (int)n, pq->qraw + a);
			if ((rc = find_code(st, pq, &s, code, want)) != ST_OK)
				goto out;
			/* Codes are written in capitals ("dv0109" finds DV0109…). */
			bool lower = false;
			for (char *c = code; *c; c++)
				if (*c >= 'a' && *c <= 'z') {
					*c = (char)(*c - 'a' + 'A');
					lower = true;
				}
			if (lower && (rc = find_code(st, pq, &s, code, want)) != ST_OK)
				goto out;
		}
	}
	for (int r = 0; r < 3; r++) {
		bool grows = r == 0;

		for (int i = 0; i < s.n; i++)
			grows = grows || s.words[i].grows[r];
		if (!grows)
			continue;
		found_settle(&s);
		if (s.nf >= want)
			break;
		if ((rc = find_rank(st, pq, &s, r, &filter, want - s.nf)) != ST_OK)
			goto out;
	}
	found_settle(&s);
	rc = read_page(st, pq, &s, out);
out:
	for (int i = 0; s.words != NULL && i < s.n; i++)
		for (int r = 0; r < 3; r++)
			free(s.words[i].terms[r].s);
	free(s.words);
	free(s.f);
	free(filter.s);
	return rc;
}
