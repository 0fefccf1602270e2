/*
 * store_search.h — the SQL text of the people search index (migration 10,
 * store_search.c) that the migration and a bulk load (store_io.c) share:
 * the load drops the insert trigger only when its text is exactly this one,
 * and indexes the people it wrote in one statement at the end.
 */
#ifndef LAMTHEO_STORE_SEARCH_H
#define LAMTHEO_STORE_SEARCH_H

/* Migration 10: the people search index.  A unit path "/1/5/23/" becomes
 * the terms 1 5 23 of column at; a status the single term of column st
 * ("transferred_out" -> "transferredout"; store_search.c does the same). */
#define SEARCH_AT(path) "replace(" path ", '/', ' ')"
#define SEARCH_ST(status) "replace(" status ", '_', '')"
#define SEARCH_ADD(r) \
	"INSERT INTO person_search (rowid, name, at, st) SELECT " r ".id, " r ".name_fold, " \
	SEARCH_AT("path") ", " SEARCH_ST(r ".status") " FROM org WHERE id = " r ".org_id;"
#define SEARCH_DEL(r) \
	"INSERT INTO person_search (person_search, rowid, name, at, st) SELECT 'delete', " \
	r ".id, " r ".name_fold, " SEARCH_AT("path") ", " SEARCH_ST(r ".status") \
	" FROM org WHERE id = " r ".org_id;"
/* The words of a folded name (single spaces between them: text_fold) as
 * a JSON array split by json_each; a name that would not make valid JSON
 * adds no word. */
#define SEARCH_JSON(r) "'[\"' || replace(" r ".name_fold, ' ', '\",\"') || '\"]'"
/* Only words of ASCII letters and digits (all of folded Vietnamese):
 * the search sends nothing else to the index (store_search.c). */
#define SEARCH_WORD_OK(w) w " <> '' AND " w " NOT GLOB '*[^a-z0-9]*'"
#define SEARCH_WORDS(r) \
	"INSERT OR IGNORE INTO person_word (word) SELECT value FROM json_each(" \
	"CASE WHEN json_valid(" SEARCH_JSON(r) ") THEN " SEARCH_JSON(r) " ELSE '[]' END)" \
	" WHERE " SEARCH_WORD_OK("value") ";"

/* The trigger that indexes each new person (as sqlite_schema holds it). */
#define SEARCH_INSERT_TRIGGER "person_search_i"
#define SEARCH_INSERT_TRIGGER_SQL "CREATE TRIGGER " SEARCH_INSERT_TRIGGER " AFTER INSERT ON " \
	"person BEGIN " SEARCH_ADD("NEW") SEARCH_WORDS("NEW") " END"

#endif
