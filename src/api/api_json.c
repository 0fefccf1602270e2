/*
 * api_json.c — JSON in and out, driven by the record descriptions: request
 * bodies are parsed with jansson under the named limits, each key is matched
 * to a field and type-checked, then validated by core; records are written
 * back with the same field table.  Query-string parameters are checked here
 * too, each with its bounds.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "text/text.h"

void
api_reply(struct api_ctx *c, int status, json_t *body)
{
	char *s = body ? json_dumps(body, JSON_COMPACT) : NULL;

	http_add_header(c->req, "Cache-Control", "no-store");
	if (s == NULL) {
		static const char oom[] = "{\"error\":{\"code\":\"unavailable\","
		    "\"message\":\"out of memory\"}}";

		http_reply(c->req, 503, "application/json; charset=utf-8", oom,
		    sizeof(oom) - 1);
	} else {
		http_reply(c->req, status, "application/json; charset=utf-8", s, strlen(s));
		if (status == 200 && c->memo_key != NULL)
			/* Its lifetime counts from now, when it is ready: a view
			 * that took seconds is still worth remembering. */
			api_memo_keep_answer(api_memo_of(c->api), c->memo_key, c->memo_gen,
			    (int64_t)time(NULL), s, strlen(s));
	}
	free(s);
	json_decref(body);
}

void
api_reply_empty(struct api_ctx *c, int status)
{
	http_add_header(c->req, "Cache-Control", "no-store");
	http_reply(c->req, status, NULL, "", 0);
}

/* Depth and size of a JSON value within the limits? */
static int
json_within(json_t *v, int depth)
{
	const char *key;
	json_t *x;
	size_t i;

	if (depth > LIMIT_JSON_DEPTH)
		return 0;
	if (json_is_object(v)) {
		if (json_object_size(v) > LIMIT_JSON_KEYS)
			return 0;
		json_object_foreach(v, key, x)
			if (!json_within(x, depth + 1))
				return 0;
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			if (!json_within(x, depth + 1))
				return 0;
	}
	return 1;
}

/*
 * The top-level key whose value holds byte offset pos of a JSON object, into
 * out ("" when pos falls in a key itself or outside any value).  jansson
 * refuses a whole document for one bad string or number; this names the
 * field for the error.  A small scanner: strings (with escapes), nesting
 * depth, and whether the last string at depth 1 was a key or a value.
 */
static void
key_at(const char *body, size_t len, size_t pos, char *out, size_t cap)
{
	size_t i, kstart = 0, klen = 0;
	int depth = 0, in_str = 0, str_is_key = 0, expect_key = 0, at_key = 0;

	out[0] = '\0';
	if (pos > len)
		pos = len;
	for (i = 0; i < pos; i++) {
		char ch = body[i];

		if (in_str) {
			if (ch == '\\' && i + 1 < pos) {
				i++;
			} else if (ch == '"') {
				in_str = 0;
				if (str_is_key)
					klen = i - kstart;
			}
			continue;
		}
		switch (ch) {
		case '"':
			in_str = 1;
			str_is_key = depth == 1 && expect_key;
			if (str_is_key)
				kstart = i + 1;
			at_key = str_is_key;
			break;
		case '{':
		case '[':
			depth++;
			expect_key = ch == '{' && depth == 1;
			break;
		case '}':
		case ']':
			depth--;
			break;
		case ':':
			if (depth == 1)
				expect_key = 0, at_key = 0;
			break;
		case ',':
			if (depth == 1)
				expect_key = 1;
			break;
		default:
			break;
		}
	}
	if ((in_str && str_is_key) || at_key || klen == 0)
		return;
	if (klen >= cap)
		klen = cap - 1;
	memcpy(out, body + kstart, klen);
	out[klen] = '\0';
	/* Only a plain field name is worth echoing back. */
	for (size_t k = 0; k < klen; k++)
		if (!((out[k] >= 'a' && out[k] <= 'z') || out[k] == '_' ||
		    (out[k] >= '0' && out[k] <= '9')))
			out[0] = '\0';
}

json_t *
api_body(struct api_ctx *c, const struct rtype *t)
{
	size_t len;
	const char *body = http_body(c->req, &len);
	json_error_t err;
	json_t *v;

	c->rt = t;
	if (body == NULL || len == 0) {
		api_fail(c, E_BAD_JSON, NULL, 0);
		return NULL;
	}
	v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err);
	if (v == NULL) {
		enum json_error_code code = json_error_code(&err);

		char key[48];

		key_at(body, len, (size_t)err.position, key, sizeof(key));
		if (code == json_error_invalid_utf8 || code == json_error_null_character ||
		    code == json_error_null_byte_in_key ||
		    (code == json_error_invalid_syntax && strstr(err.text, "\\u") != NULL))
			api_fail(c, E_INVALID_UTF8, key[0] ? key : "body", 0);
		else if (code == json_error_numeric_overflow && key[0])
			api_fail(c, E_OUT_OF_RANGE, key, INT64_MAX);
		else
			api_fail(c, E_BAD_JSON, NULL, 0);
		return NULL;
	}
	if (!json_is_object(v) || !json_within(v, 1)) {
		json_decref(v);
		api_fail(c, E_BAD_JSON, NULL, 0);
		return NULL;
	}
	return v;
}

/* Blank, or "{}" with blanks around and inside. */
static bool
body_empty(const char *b, size_t len)
{
	int braces = 0;

	for (size_t i = 0; i < len; i++) {
		char ch = b[i];

		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
			continue;
		if ((ch == '{' && braces == 0) || (ch == '}' && braces == 1))
			braces++;
		else
			return false;
	}
	return braces == 0 || braces == 2;
}

int
api_body_none(struct api_ctx *c)
{
	size_t len;
	const char *body = http_body(c->req, &len);

	if (body == NULL || body_empty(body, len))
		return 0;
	api_fail(c, E_UNEXPECTED_BODY, "body", 0);
	return -1;
}

static bool
is_extra(const char *const *extras, const char *key)
{
	for (int i = 0; extras != NULL && extras[i] != NULL; i++)
		if (strcmp(extras[i], key) == 0)
			return true;
	return false;
}

struct record *
api_json_to_record(const struct rtype *t, json_t *obj, enum vmode mode,
    const char *const *extras, struct verr *e)
{
	struct record *r = record_new(t);
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		int f;
		const struct field *fd;

		if (is_extra(extras, key))
			continue;
		f = rtype_field(t, key);
		if (f < 0 || (t->fields[f].flags & F_HIDDEN)) {
			verr_set(e, strcmp(key, "id") == 0 ? VE_READONLY : VE_UNKNOWN, key, 0);
			goto fail;
		}
		fd = &t->fields[f];
		if (json_is_null(v)) {
			record_set_null(r, f);
			continue;
		}
		switch (fd->type) {
		case FT_INT:
		case FT_REF:
			if (!json_is_integer(v))
				goto badtype;
			record_set_int(r, f, json_integer_value(v));
			break;
		case FT_BOOL:
			if (!json_is_boolean(v))
				goto badtype;
			record_set_int(r, f, json_is_true(v));
			break;
		case FT_BLOB:
			goto badtype;
		default:
			if (!json_is_string(v))
				goto badtype;
			record_set_blob(r, f, json_string_value(v), json_string_length(v));
			break;
		}
	}
	if (record_validate(r, mode, e) != 0)
		goto fail;
	return r;
badtype:
	verr_set(e, VE_TYPE, key, 0);
fail:
	record_free(r);
	return NULL;
}

struct record *
api_record_from_json(struct api_ctx *c, const struct rtype *t, json_t *obj,
    enum vmode mode, const char *const *extras)
{
	struct verr ve = { 0 };
	struct record *r;

	c->rt = t;
	if ((r = api_json_to_record(t, obj, mode, extras, &ve)) == NULL)
		api_fail_verr(c, &ve);
	return r;
}

json_t *
api_record_json(const struct record *r)
{
	const struct rtype *t = r->type;
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	for (int f = 0; f < t->nfields; f++) {
		const struct field *fd = &t->fields[f];
		const struct fval *v = &r->v[f];

		if ((fd->flags & (F_HIDDEN | F_NOCOLUMN)) || v->state == FV_ABSENT)
			continue;
		if (v->state == FV_NULL) {
			json_object_set_new(o, fd->name, json_null());
			continue;
		}
		switch (fd->type) {
		case FT_INT:
		case FT_REF:
			json_object_set_new(o, fd->name, json_integer(v->i));
			break;
		case FT_BOOL:
			json_object_set_new(o, fd->name, json_boolean(v->i));
			break;
		case FT_BLOB:
		case FT_PASSWORD:
			break;
		default:
			json_object_set_new(o, fd->name, json_stringn(v->s, v->len));
			break;
		}
	}
	return o;
}

json_t *
api_org_ref(const struct record *org)
{
	if (org == NULL)
		return json_null();
	return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)org->id,
	    "code", record_text(org, ORG_CODE), "name", record_text(org, ORG_NAME),
	    "kind", record_text(org, ORG_KIND));
}

int
api_param_int(struct api_ctx *c, const char *name, int64_t min, int64_t max,
    int64_t *out)
{
	const char *s = http_query(c->req, name);
	char *end;
	long long v;

	if (s == NULL)
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < min || v > max ||
	    (*s < '0' || *s > '9')) {
		api_fail(c, E_BAD_PARAM, name, 0);
		return -1;
	}
	*out = v;
	return 0;
}

int
api_param_date(struct api_ctx *c, const char *name, const char **out)
{
	const char *s = http_query(c->req, name);
	struct date d;

	if (s == NULL)
		return 0;
	if (date_parse(s, &d) != 0) {
		api_fail(c, E_BAD_PARAM, name, 0);
		return -1;
	}
	*out = s;
	return 0;
}

int
api_param_text(struct api_ctx *c, const char *name, size_t max_chars, const char **out)
{
	const char *s = http_query(c->req, name);

	if (s == NULL)
		return 0;
	if (strlen(s) > (size_t)LIMIT_QUERY_VALUE || !text_utf8_valid(s, strlen(s), 0) ||
	    text_utf8_chars(s) > max_chars) {
		api_fail(c, E_BAD_PARAM, name, 0);
		return -1;
	}
	*out = s;
	return 0;
}

int
api_param_enum(struct api_ctx *c, const char *name, const char *const *values, int *out)
{
	const char *s = http_query(c->req, name);
	int i;

	if (s == NULL)
		return 0;
	if ((i = enum_index(values, s)) < 0) {
		api_fail(c, E_BAD_PARAM, name, 0);
		return -1;
	}
	*out = i;
	return 0;
}

int
api_param_page(struct api_ctx *c, int *page, int *per_page)
{
	int64_t p = 1, pp = LIMIT_PAGE_SIZE_DEFAULT;

	if (api_param_int(c, "page", 1, LIMIT_PAGE_MAX, &p) != 0 ||
	    api_param_int(c, "per_page", 1, LIMIT_PAGE_SIZE_MAX, &pp) != 0)
		return -1;
	*page = (int)p;
	*per_page = (int)pp;
	return 0;
}

json_t *
api_page_json(json_t *items, int page, int per_page, int64_t total)
{
	return json_pack("{s:o, s:i, s:i, s:I}", "items", items, "page", page,
	    "per_page", per_page, "total", (json_int_t)total);
}

struct record *
api_op_body(struct api_ctx *c, const struct rtype *t)
{
	json_t *body = api_body(c, t);
	struct record *in;

	if (body == NULL)
		return NULL;
	c->rt = t;
	in = api_record_from_json(c, t, body, VM_CREATE, NULL);
	json_decref(body);
	return in;
}
