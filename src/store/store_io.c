/*
 * store_io.c — what bulk import and export (src/io/) need beyond the other
 * store files: the records whose key fields have given values (rows of a
 * file are matched by them), and every record of a type in a subtree,
 * streamed to a callback so an export of the whole tree holds one record at
 * a time.  The SQL is built from the record descriptions; every value is a
 * bound parameter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_db.h"
#include "store/store_search.h"
#include "store/store_record.h"

int
store_find(struct store *st, const struct record *key, const int *fields, int n,
    struct record_list *out)
{
	const struct rtype *t = key->type;
	char cols[2048], where[1024], sql[3200];
	size_t off = 0;
	struct q *q;
	int rc, p = 0;

	if (sql_select_cols(t, NULL, cols, sizeof(cols)) != 0)
		return store_fail(st, ST_ERROR, "%s: column list too long", t->name);
	where[0] = '\0';
	for (int i = 0; i < n; i++) {
		const struct field *fd = &t->fields[fields[i]];

		if (key->v[fields[i]].state == FV_SET)
			off += (size_t)snprintf(where + off, sizeof(where) - off, "%s%s = $%d",
			    i ? " AND " : "", fd->name, ++p);
		else
			off += (size_t)snprintf(where + off, sizeof(where) - off, "%s%s IS NULL",
			    i ? " AND " : "", fd->name);
		if (off >= sizeof(where))
			return store_fail(st, ST_ERROR, "%s: key too long", t->name);
	}
	snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE %s ORDER BY id", cols, t->table,
	    n > 0 ? where : "1 = 1");
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	p = 0;
	for (int i = 0; i < n; i++) {
		const struct fval *v = &key->v[fields[i]];

		if (v->state != FV_SET)
			continue;
		if (v->s != NULL)
			q_text(q, ++p, v->s);
		else
			q_int(q, ++p, v->i);
	}
	while ((rc = q_step(q)) == 1)
		record_list_push(out, record_from_row(t, q, 0));
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_each(struct store *st, const struct rtype *t, const char *org_path, int year,
    int (*fn)(void *arg, const struct record *r), void *arg)
{
	char cols[2048], sql[3200], upper[160];
	const char *unit, *order;
	struct q *q;
	int rc = 0, p = 0, stopped = 0;

	if (sql_select_cols(t, "r", cols, sizeof(cols)) != 0)
		return store_fail(st, ST_ERROR, "%s: column list too long", t->name);
	/* Units sort by path: a parent comes before the units under it. */
	if (t->id == RT_ORG) {
		unit = "";
		order = "r.path";
	} else if (t->id == RT_PERSON) {
		unit = " JOIN org o ON o.id = r.org_id";
		order = "r.id";
	} else if (t->org_field != NULL) {
		static _Thread_local char join[96];

		snprintf(join, sizeof(join), " JOIN org o ON o.id = r.%s", t->org_field);
		unit = join;
		order = "r.id";
	} else {
		return store_fail(st, ST_ERROR, "%s: no unit", t->name);
	}
	snprintf(sql, sizeof(sql), "SELECT %s FROM %s r%s WHERE 1 = 1%s%s%s ORDER BY %s",
	    cols, t->table, unit,
	    org_path ? (t->id == RT_ORG ? " AND r.path >= $1 AND r.path < $2" :
	    " AND o.path >= $1 AND o.path < $2") : "",
	    rtype_field(t, "deleted_at") >= 0 ? " AND r.deleted_at IS NULL" : "",
	    year > 0 && rtype_field(t, "year") >= 0 ?
	    (org_path ? " AND r.year = $3" : " AND r.year = $1") : "", order);
	if ((q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	if (org_path != NULL) {
		path_upper(org_path, upper, sizeof(upper));
		q_text(q, ++p, org_path);
		q_text(q, ++p, upper);
	}
	if (year > 0 && rtype_field(t, "year") >= 0)
		q_int(q, ++p, year);
	while (!stopped && (rc = q_step(q)) == 1) {
		struct record *r = record_from_row(t, q, 0);

		stopped = fn(arg, r) != 0;
		record_free(r);
	}
	q_done(q);
	if (stopped)
		return store_fail(st, ST_ERROR, "stopped");
	return rc < 0 ? -rc : ST_OK;
}

int
store_foreign_keys(struct store *st, bool on)
{
	return q_exec(st, on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
}

/* Runs a journal_mode pragma; the mode it leaves in mode (cap bytes). */
static int
journal_mode(struct store *st, const char *sql, char *mode, size_t cap)
{
	struct q *q = q_prep(st, sql);
	int rc;

	mode[0] = '\0';
	if (q == NULL)
		return ST_ERROR;
	if ((rc = q_step(q)) == 1 && q_col_text(q, 0) != NULL)
		snprintf(mode, cap, "%s", q_col_text(q, 0));
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_bulk_journal(struct store *st, bool on)
{
	char mode[16];
	int rc;

	if (!on) {
		if ((rc = journal_mode(st, "PRAGMA journal_mode=WAL", mode, sizeof(mode))) !=
		    ST_OK)
			return rc;
		return strcmp(mode, "wal") == 0 ? ST_OK : store_fail(st, ST_ERROR,
		    "the database stays in journal mode %s", mode);
	}
	if ((rc = journal_mode(st, "PRAGMA journal_mode", mode, sizeof(mode))) != ST_OK)
		return -1;
	if (strcmp(mode, "wal") != 0)
		return 0;
	/* Leaving the WAL needs the database to itself: SQLite says busy at
	 * once (without waiting) when another connection has it open. */
	if ((rc = journal_mode(st, "PRAGMA journal_mode=TRUNCATE", mode, sizeof(mode))) ==
	    ST_BUSY)
		return 0;
	if (rc != ST_OK)
		return -1;
	return strcmp(mode, "truncate") == 0;
}

int
store_person_code_id(struct store *st, struct store_bulk *b, const char *code, int64_t *id)
{
	static const char sql[] = "SELECT id FROM person WHERE code = $1";
	struct q *q = b->code_q;
	int rc;

	*id = 0;
	if (q == NULL && (q = b->code_q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_text(q, 1, code);
	if ((rc = q_step(q)) == 1)
		*id = q_col_int(q, 0);
	q_reset(q);
	return rc < 0 ? -rc : rc == 1 ? ST_OK : ST_NOTFOUND;
}

/* The trigger of migration 11 that notes the unit of each new person in
 * figure_dirty.  Only this exact text is replaced by store_bulk_note_org:
 * a trigger that does more stays in place. */
#define PERSON_INSERT_TRIGGER "figure_person_i"
#define PERSON_INSERT_TRIGGER_SQL "CREATE TRIGGER figure_person_i AFTER INSERT ON person " \
	"BEGIN INSERT INTO figure_dirty (org_id, mask, years) SELECT NEW.org_id, 1, " \
	"4611686018427387904 WHERE NEW.org_id IS NOT NULL ON CONFLICT (org_id) DO UPDATE SET " \
	"mask = mask | excluded.mask, years = years | excluded.years; END"

/* Notes unit org in the set of units whose people changed (store_bulk_end
 * writes them into figure_dirty, as the trigger would have). */
static void
note_org(struct store_bulk *b, int64_t org)
{
	size_t i;

	if (org == b->last_org)
		return;
	b->last_org = org;
	if (2 * (b->norgs + 1) > b->orgs_cap) {
		int64_t *old = b->orgs;
		size_t ocap = b->orgs_cap;

		b->orgs_cap = ocap ? 2 * ocap : 1024;
		if ((b->orgs = calloc(b->orgs_cap, sizeof(*b->orgs))) == NULL)
			abort();
		for (size_t j = 0; j < ocap; j++)
			if (old[j] != 0) {
				for (i = (size_t)old[j] * 0x9E3779B97F4A7C15ULL >> 20 &
				    (b->orgs_cap - 1); b->orgs[i] != 0; i = (i + 1) & (b->orgs_cap - 1))
					;
				b->orgs[i] = old[j];
			}
		free(old);
	}
	for (i = (size_t)org * 0x9E3779B97F4A7C15ULL >> 20 & (b->orgs_cap - 1);
	    b->orgs[i] != 0; i = (i + 1) & (b->orgs_cap - 1))
		if (b->orgs[i] == org)
			return;
	b->orgs[i] = org;
	b->norgs++;
}

/* Notes the words of a new person's folded name (what SEARCH_WORDS would
 * add to person_word): none when the name would not make valid JSON, and
 * only words of letters and digits (SEARCH_WORD_OK). */
static void
note_words(struct store_bulk *b, const char *fold, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (fold[i] == '"' || fold[i] == '\\' || (unsigned char)fold[i] < 0x20)
			return;
	for (size_t i = 0; i < len;) {
		size_t j = i, h = 14695981039346656037ULL, k;
		bool ok = true;

		while (j < len && fold[j] != ' ') {
			ok = ok && ((fold[j] >= 'a' && fold[j] <= 'z') ||
			    (fold[j] >= '0' && fold[j] <= '9'));
			h = (h ^ (unsigned char)fold[j++]) * 1099511628211ULL;
		}
		if (ok && j > i) {
			if (2 * (b->nwords + 1) > b->words_cap) {
				char **old = b->words;
				size_t ocap = b->words_cap;

				b->words_cap = ocap ? 2 * ocap : 1024;
				if ((b->words = calloc(b->words_cap, sizeof(*b->words))) == NULL)
					abort();
				for (size_t o = 0; o < ocap; o++)
					if (old[o] != NULL) {
						size_t g = 14695981039346656037ULL;

						for (const char *c = old[o]; *c; c++)
							g = (g ^ (unsigned char)*c) * 1099511628211ULL;
						for (k = g & (b->words_cap - 1); b->words[k] != NULL;
						    k = (k + 1) & (b->words_cap - 1))
							;
						b->words[k] = old[o];
					}
				free(old);
			}
			for (k = h & (b->words_cap - 1); b->words[k] != NULL;
			    k = (k + 1) & (b->words_cap - 1))
				if (strlen(b->words[k]) == j - i &&
				    memcmp(b->words[k], fold + i, j - i) == 0)
					break;
			if (b->words[k] == NULL) {
				if ((b->words[k] = strndup(fold + i, j - i)) == NULL)
					abort();
				b->nwords++;
			}
		}
		i = j + 1;
	}
}

/* Every column of person in field order, for the one INSERT below. */
#define PERSON_COLS "id, code, full_name, name_fold, sort_key, gender, birth_year, " \
	"party_joined, party_member, key_cadre, head, civil_servant, union_member, " \
	"org_id, status, position, note, created_at, updated_at"

/* The value of a pragma that reads one integer. */
static int
pragma_int(struct store *st, const char *sql, int64_t *v)
{
	struct q *q = q_prep(st, sql);
	int rc;

	if (q == NULL)
		return ST_ERROR;
	if ((rc = q_step(q)) == 1)
		*v = q_col_int(q, 0);
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_bulk_begin(struct store *st, struct store_bulk *b)
{
	struct q *q;
	int rc;

	memset(b, 0, sizeof(*b));
	b->now = store_now();
	if ((rc = pragma_int(st, "PRAGMA cache_size", &b->cache_size)) != ST_OK ||
	    (rc = pragma_int(st, "PRAGMA temp_store", &b->temp_store)) != ST_OK)
		return rc;
	b->begun = true;
	/* A bigger page cache while a large file is written: the indexes of
	 * a national table stay in memory (bounded: 256 MiB); and a second
	 * thread for the sorts of the indexes built again at the end. */
	if ((rc = q_exec(st, "PRAGMA cache_size=-262144")) != ST_OK ||
	    (rc = q_exec(st, "PRAGMA threads=2")) != ST_OK)
		return rc;
	if ((q = q_prep(st, "SELECT COALESCE(MAX(id), 0), COUNT(*) FROM person")) == NULL)
		return ST_ERROR;
	if ((rc = q_step(q)) == 1) {
		b->next_person = q_col_int(q, 0) + 1;
		b->people = q_col_int(q, 1);
	}
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_person_insert_bulk(struct store *st, struct store_bulk *b, struct record *p)
{
	static const char sql[] = "INSERT INTO person (" PERSON_COLS ") VALUES ($1, $2, $3, "
	    "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)";
	struct q *q = b->insert_q;
	int rc;

	/* Kept from the first row to store_bulk_end. */
	if (q == NULL && (q = b->insert_q = q_prep(st, sql)) == NULL)
		return ST_ERROR;
	q_int(q, 1, b->next_person);
	for (int f = 0; f < PERSON_CREATED; f++) {
		const struct fval *v = &p->v[f];

		if (v->state != FV_SET) {
			/* The columns' defaults: no flag, active. */
			if (rtypes[RT_PERSON].fields[f].type == FT_BOOL)
				q_int(q, f + 2, 0);
			else if (f == PERSON_STATUS)
				q_text(q, f + 2, "active");
			else
				q_null(q, f + 2);
		} else if (rtypes[RT_PERSON].fields[f].type == FT_BLOB) {
			q_blob_ref(q, f + 2, v->s, v->len);
		} else if (v->s != NULL) {
			/* p outlives the step: no copy (reset below).  Validated
			 * text holds no NUL byte: its length is strlen's. */
			q_text_ref(q, f + 2, v->s, v->len);
		} else {
			q_int(q, f + 2, v->i);
		}
	}
	q_int(q, PERSON_CREATED + 2, b->now);
	q_int(q, PERSON_UPDATED + 2, b->now);
	while ((rc = q_step(q)) == 1)
		;
	q_reset(q);
	rc = rc < 0 ? -rc : ST_OK;
	if (rc == ST_OK) {
		p->id = b->next_person++;
		if (b->notes_orgs && p->v[PERSON_ORG].state == FV_SET)
			note_org(b, p->v[PERSON_ORG].i);
		if (b->search_from > 0 && p->v[PERSON_NAME_FOLD].state == FV_SET &&
		    p->v[PERSON_NAME_FOLD].s != NULL)
			note_words(b, p->v[PERSON_NAME_FOLD].s, p->v[PERSON_NAME_FOLD].len);
	}
	return rc;
}

int
store_bulk_defer_person(struct store *st, struct store_bulk *b)
{
	struct q *q = q_prep(st, "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = "
	    "'person' AND ((type = 'index' AND sql LIKE 'CREATE INDEX %') OR (type = "
	    "'trigger' AND name IN ('" PERSON_INSERT_TRIGGER "', '" SEARCH_INSERT_TRIGGER "'))) "
	    "ORDER BY name");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	while ((rc = q_step(q)) == 1 && b->ndeferred < STORE_BULK_DEFERRED) {
		const char *type = q_col_text(q, 0), *name = q_col_text(q, 1);
		const char *sql = q_col_text(q, 2);

		if (type == NULL || name == NULL || sql == NULL || strlen(name) > 64)
			continue;
		if (strcmp(type, "trigger") == 0 && strcmp(name, SEARCH_INSERT_TRIGGER) == 0) {
			if (strcmp(sql, SEARCH_INSERT_TRIGGER_SQL) != 0)
				continue;
			b->search_from = b->next_person;
		} else if (strcmp(type, "trigger") == 0) {
			if (strcmp(sql, PERSON_INSERT_TRIGGER_SQL) != 0)
				continue;
			b->notes_orgs = true;
		}
		if ((b->deferred[b->ndeferred] = strdup(sql)) == NULL)
			abort();
		snprintf(b->deferred_drop[b->ndeferred], sizeof(b->deferred_drop[0]),
		    "DROP %s \"%s\"", strcmp(type, "trigger") == 0 ? "TRIGGER" : "INDEX", name);
		b->ndeferred++;
	}
	q_done(q);
	if (rc < 0)
		return -rc;
	for (int i = 0; i < b->ndeferred; i++)
		if ((rc = q_exec(st, b->deferred_drop[i])) != ST_OK)
			return rc;
	return ST_OK;
}

/* What the dropped trigger would have written: each unit once. */
static int
write_noted_orgs(struct store *st, struct store_bulk *b)
{
	int rc = ST_OK;

	for (size_t i = 0; i < b->orgs_cap && rc == ST_OK; i++) {
		struct q *q;

		if (b->orgs[i] == 0)
			continue;
		if ((q = q_prep(st, "INSERT INTO figure_dirty (org_id, mask) VALUES ($1, 1) "
		    "ON CONFLICT (org_id) DO UPDATE SET mask = mask | 1")) == NULL)
			return ST_ERROR;
		q_int(q, 1, b->orgs[i]);
		rc = q_run(q);
	}
	return rc;
}

/* What the dropped search trigger would have written for the people
 * inserted since, in one statement each: FTS5 writes its pending terms out
 * at every statement a trigger runs in (a savepoint), which made the
 * trigger cost 30 µs a person; here it writes them once, in rowid order,
 * and the words of the names noted as they were inserted (note_words). */
static int
index_people(struct store *st, struct store_bulk *b)
{
	struct q *q = q_prep(st, "INSERT INTO person_search (rowid, name, at, st) SELECT p.id, "
	    "p.name_fold, " SEARCH_AT("o.path") ", " SEARCH_ST("p.status") " FROM person p "
	    "JOIN org o ON o.id = p.org_id WHERE p.id >= $1 ORDER BY p.id");
	int rc;

	if (q == NULL)
		return ST_ERROR;
	q_int(q, 1, b->search_from);
	if ((rc = q_run(q)) != ST_OK)
		return rc;
	for (size_t k = 0; k < b->words_cap && rc == ST_OK; k++) {
		if (b->words[k] == NULL)
			continue;
		if ((q = q_prep(st, "INSERT OR IGNORE INTO person_word (word) VALUES ($1)")) == NULL)
			return ST_ERROR;
		q_text(q, 1, b->words[k]);
		rc = q_run(q);
	}
	return rc;
}

int
store_bulk_end(struct store *st, struct store_bulk *b, bool rebuild)
{
	int rc = ST_OK;

	q_done(b->insert_q);
	q_done(b->code_q);
	b->insert_q = b->code_q = NULL;
	if (rebuild && b->notes_orgs)
		rc = write_noted_orgs(st, b);
	if (rebuild && rc == ST_OK && b->search_from > 0)
		rc = index_people(st, b);
	/* SQLite's sorter uses its worker threads only with temporary files
	 * (never with temp_store=MEMORY), and sorts runs of the page cache's
	 * size: runs of 4 MiB (they fit the CPU's caches), sorted by a second
	 * thread while the table is read and merged from files, cost about
	 * half the CPU of one sort of every key in memory, and less memory.
	 * The files are SQLite's usual temporary files (SQLITE_TMPDIR,
	 * TMPDIR, /var/tmp, /tmp), deleted as they are made. */
	if (rebuild && rc == ST_OK && b->ndeferred > 0 &&
	    ((rc = q_exec(st, "PRAGMA temp_store=FILE")) != ST_OK ||
	    (rc = q_exec(st, "PRAGMA cache_size=-4096")) != ST_OK))
		rc = rc != ST_OK ? rc : ST_ERROR;
	for (int i = 0; i < b->ndeferred; i++) {
		if (rebuild && rc == ST_OK)
			rc = q_exec(st, b->deferred[i]);
		free(b->deferred[i]);
	}
	b->ndeferred = 0;
	b->notes_orgs = false;
	b->search_from = 0;
	for (size_t k = 0; k < b->words_cap; k++)
		free(b->words[k]);
	free(b->words);
	b->words = NULL;
	b->words_cap = b->nwords = 0;
	free(b->orgs);
	b->orgs = NULL;
	b->orgs_cap = b->norgs = 0;
	/* The connection's own values (numbers SQLite gave, not text). */
	if (b->begun) {
		char sql[64];
		int bad;

		snprintf(sql, sizeof(sql), "PRAGMA cache_size=%lld", (long long)b->cache_size);
		bad = q_exec(st, sql) != ST_OK;
		snprintf(sql, sizeof(sql), "PRAGMA temp_store=%lld", (long long)b->temp_store);
		bad |= q_exec(st, sql) != ST_OK;
		bad |= q_exec(st, "PRAGMA threads=0") != ST_OK;
		if (bad && rc == ST_OK)
			rc = ST_ERROR;
	}
	return rc;
}
