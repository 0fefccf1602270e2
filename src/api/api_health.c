/*
 * api_health.c — GET /healthz for load balancers and GET /api/v1/meta, the
 * field descriptions of every record type (the same tables that validate on
 * the server), so that forms and labels in the browser never drift from them.
 */
#include "api/api.h"

void
api_healthz(struct api_ctx *c)
{
	api_reply(c, 200, json_pack("{s:s}", "status", "ok"));
}

static const char *const type_names[FT__MAX] = {
	[FT_TEXT] = "text", [FT_LONGTEXT] = "longtext", [FT_CODE] = "code",
	[FT_INT] = "int", [FT_BOOL] = "bool", [FT_DATE] = "date",
	[FT_ENUM] = "enum", [FT_REF] = "ref", [FT_BLOB] = "blob",
	[FT_PASSWORD] = "password", [FT_CATALOG] = "catalog",
};

static json_t *
values_json(const char *const *values)
{
	json_t *a = json_array();

	for (int i = 0; values != NULL && values[i] != NULL; i++)
		json_array_append_new(a, json_string(values[i]));
	return a;
}

/* What the browser needs to serve a generic type: its path, unit and
 * person fields, workflow, children. */
static json_t *
generic_json(const struct rtype *rt)
{
	const struct rtype *pt = rtype_parent(rt);
	json_t *trs = json_array(), *kids = json_array();

	for (const struct transition *tr = rt->transitions; tr && tr->name; tr++)
		json_array_append_new(trs, json_pack("{s:s, s:o, s:s, s:o, s:b}",
		    "name", tr->name, "from", values_json(tr->from), "to", tr->to,
		    "body", tr->body > 0 ? json_string(rtypes[tr->body - 1].name) : json_null(),
		    "owner", tr->owner));
	for (int k = 0; k < RT__MAX; k++)
		if (rtypes[k].parent == (int)rt->id + 1 && (rtypes[k].flags & RF_GENERIC))
			json_array_append_new(kids, json_string(rtypes[k].name));
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:o, s:o}",
	    "path", rt->path, "resource", resource_names[rt->res],
	    "facet_field", rt->facet_field ? json_string(rt->facet_field) : json_null(),
	    "parent", pt ? json_string(pt->name) : json_null(),
	    "org_field", rt->org_field ? json_string(rt->org_field) : json_null(),
	    /* person_field: whose record it is (members see only theirs) */
	    "person_field", rt->person_field ? json_string(rt->person_field) : json_null(),
	    "status_field", rt->status_field ? json_string(rt->status_field) : json_null(),
	    "default_sort", rt->default_sort ? json_string(rt->default_sort) : json_null(),
	    "soft_delete", (rt->flags & RF_SOFT_DELETE) != 0,
	    "transitions", trs, "children", kids,
	    "editable_in", rt->editable_in ? values_json(rt->editable_in) : json_null());
}

void
api_meta(struct api_ctx *c)
{
	json_t *types = json_object();

	for (int t = 0; t < RT__MAX; t++) {
		const struct rtype *rt = &rtypes[t];
		json_t *fields = json_array();

		for (int f = 0; f < rt->nfields; f++) {
			const struct field *fd = &rt->fields[f];
			json_t *o;

			if (fd->flags & F_HIDDEN)
				continue;
			o = json_pack("{s:s, s:s, s:b, s:b, s:b, s:b, s:s, s:s}",
			    "name", fd->name, "type", type_names[fd->type],
			    "required", (fd->flags & F_REQUIRED) != 0,
			    "nullable", (fd->flags & F_NULLABLE) != 0,
			    "read_only", (fd->flags & F_READONLY) != 0,
			    "create_only", (fd->flags & F_CREATEONLY) != 0,
			    "label_vi", fd->label_vi, "label_en", fd->label_en);
			if (fd->type == FT_ENUM)
				json_object_set_new(o, "values", values_json(fd->values));
			if (fd->type == FT_CATALOG)
				json_object_set_new(o, "catalog", json_string(fd->catalog));
			if (fd->type == FT_REF)
				json_object_set_new(o, "ref", json_string(fd->ref > 0 ?
				    rtypes[fd->ref - 1].name : "org"));
			if (fd->flags & F_FILTER)
				json_object_set_new(o, "filter", json_true());
			if (fd->flags & F_SORT)
				json_object_set_new(o, "sort", json_true());
			if (fd->flags & F_SEARCH)
				json_object_set_new(o, "search", json_true());
			if (fd->type == FT_TEXT || fd->type == FT_LONGTEXT ||
			    fd->type == FT_CODE || fd->type == FT_PASSWORD ||
			    fd->type == FT_INT || fd->type == FT_CATALOG) {
				json_object_set_new(o, "min", json_integer(fd->min));
				json_object_set_new(o, "max", json_integer(fd->max));
			}
			json_array_append_new(fields, o);
		}
		json_t *o = json_pack("{s:s, s:s, s:o}", "label_vi", rt->label_vi,
		    "label_en", rt->label_en, "fields", fields);

		if (rt->flags & RF_GENERIC)
			json_object_update_new(o, generic_json(rt));
		json_object_set_new(types, rt->name, o);
	}
	api_reply(c, 200, json_pack("{s:o, s:o, s:o, s:o, s:o}",
	    "types", types,
	    "org_kinds", values_json(org_kind_names),
	    "roles", values_json(role_names),
	    "person_statuses", values_json(person_statuses),
	    "genders", values_json(genders)));
}
