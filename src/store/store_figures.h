/*
 * store_figures.h — what store_figures.c (the figures kept up to date) and
 * store_figures_build.c (a year built beside the writes) share: values,
 * lists of (unit, value), the reach of every unit of a year, and the
 * recomputation of tallies.  Private to the store.
 */
#ifndef LAMTHEO_STORE_FIGURES_H
#define LAMTHEO_STORE_FIGURES_H

#include "store/store_db.h"

/* More touched units than this: recompute the year's tallies in one pass
 * and rebuild its rollups rather than apply differences unit by unit; and
 * the units a build settles in one transaction. */
#define FIG_BULK_UNITS	512
#define REACH_MAX	256	/* units in one reach (paths are ≤ 16 deep) */

/* figure_dirty.mask: the tables a unit's noted writes were to (the triggers
 * of migration 11 use the same numbers); a figure is recomputed for a unit
 * only when it reads one of them (store_indicator_tables). */
#define FIG_PERSON	1
#define FIG_PLEDGE	2
#define FIG_PLAN	4
#define FIG_ACTIVITY	8
#define FIG_ATTENDANCE	16
#define FIG_CONCERN	32
#define FIG_PETITION	64
#define FIG_EXEMPLAR	128
#define FIG_REPLICATION	256
#define FIG_INSPECTION	512
#define FIG_EVALUATION	1024
#define FIG_ORG		2048
#define FIG_ORG_PERIOD	4096
#define FIG_YEAR_REPORT	8192	/* migration 12 */
#define FIG_CHECKIN	16384
/* figure_dirty.years: the years the records written are for (a superset:
 * year % 62), or every year (the same numbers as migration 11). */
#define FIG_YEAR_BIT(y)	((int64_t)1 << ((y) % 62))
#define FIG_ALL_YEARS	((int64_t)1 << 62)

/* The bits of the tables figure id reads (always the units'). */
int64_t store_indicator_tables(enum indicator_id id);

/* (unit, value) rows in unit order. */
struct unit_values {
	int64_t *org;
	struct ind_value *v;
	size_t n, cap;
};

/* The tree as the rebuild reads it: each unit's successor, and the reach of
 * every unit of one year in one array (ids[off[o]] … ids[off[o + 1] - 1]). */
struct reach_all {
	int64_t max_id;
	int64_t *succ;
	size_t *off;
	int64_t *ids;
	size_t n, cap;
};

bool fig_value_zero(const struct ind_value *v);
void fig_value_add(struct ind_value *to, const struct ind_value *v, int sign);
void fig_read_value(struct q *q, int col, struct ind_value *v);
void fig_bind_value(struct q *q, int n, const struct ind_value *v);
void fig_year_bounds(int year, char y0[11], char y1[11]);
int fig_years(struct store *st, const char *sql, int *years, int cap, int *n);
/* The units noted in figure_dirty, and the first year the tree changed from
 * (-1: it did not; 0: every year). */
int fig_pending(struct store *st, int64_t *touched, int64_t *tree_from);

int fig_uv_push(void *arg, int64_t org, const struct ind_value *v);
void fig_uv_free(struct unit_values *u);
int fig_uv_kept(struct store *st, const char *table, int year, const char *ind,
    const char *units, struct unit_values *out);

/* A kept figure is an indicator over the year (span PERIOD_YEAR) or a dated
 * one (indicator_dated) over a quarter or a month (span PERIOD_Q1 …
 * PERIOD_M12), its rows named "conferences" and "conferences@q2". */
#define FIG_NAME_CHARS	48
int fig_spans(enum indicator_id i);	/* 1, or PERIOD__MAX for a dated one */
void fig_name(enum indicator_id i, int span, char out[FIG_NAME_CHARS]);
/* Figure i's tallies of the year from the records (of the units listed in
 * table units, or all), one list per span: out[0 … fig_spans(i) - 1]. */
int fig_uv_records(struct store *st, int year, enum indicator_id i, const char *units,
    struct unit_values out[PERIOD__MAX]);
void fig_uv_free_spans(struct unit_values out[PERIOD__MAX]);

int fig_reach_one(struct store *st, int64_t org, int year, int64_t *ids, int *n);
int fig_reach_load(struct store *st, int year, struct reach_all *r);
void fig_reach_free(struct reach_all *r);

int fig_put_row(struct store *st, const char *table, int year, int64_t org, const char *ind,
    const struct ind_value *v);
int fig_update_tallies(struct store *st, int year, const char *units, int64_t mask,
    bool deltas);

/* store_figures_tree.c: a change of the tree, unit by unit. */
int store_figures_tree_before(struct store *st, int64_t root);
int store_figures_tree_apply(struct store *st, int year);
bool store_figures_tree_noted(struct store *st);

/* Computes the indicators from `from` on over their spans from first_span
 * on (added by a migration) for every kept year: their tallies from the
 * records, their rollups from those. */
int store_figures_add_kept(struct store *st, int from, int first_span);

/* Kept figure i of a unit over span (store_figure_kept): ST_NOTFOUND when it
 * is not kept, or not over that span. */
int store_figure_kept_span(struct store *st, int64_t org_id, int year, enum indicator_id i,
    int span, struct ind_value *out);

#endif
