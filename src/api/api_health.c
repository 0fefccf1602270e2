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
	[FT_PASSWORD] = "password",
};

static json_t *
values_json(const char *const *values)
{
	json_t *a = json_array();

	for (int i = 0; values != NULL && values[i] != NULL; i++)
		json_array_append_new(a, json_string(values[i]));
	return a;
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
			if (fd->type == FT_TEXT || fd->type == FT_LONGTEXT ||
			    fd->type == FT_CODE || fd->type == FT_PASSWORD ||
			    fd->type == FT_INT) {
				json_object_set_new(o, "min", json_integer(fd->min));
				json_object_set_new(o, "max", json_integer(fd->max));
			}
			json_array_append_new(fields, o);
		}
		json_object_set_new(types, rt->name, json_pack("{s:s, s:s, s:o}",
		    "label_vi", rt->label_vi, "label_en", rt->label_en, "fields", fields));
	}
	api_reply(c, 200, json_pack("{s:o, s:o, s:o, s:o, s:o}",
	    "types", types,
	    "org_kinds", values_json(org_kind_names),
	    "roles", values_json(role_names),
	    "person_statuses", values_json(person_statuses),
	    "genders", values_json(genders)));
}
