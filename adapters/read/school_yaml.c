/* school_yaml.c - the YAML school file (doc/school-file.md) into the model.
 *
 * Two steps. Reading turns the text into libyaml's node tree; a syntax error
 * stops there, since nothing after it can be trusted. Mapping walks the tree
 * into a struct rk_school and reports every problem it meets with its place,
 * going on after each one. Rules that need the whole school (unknown or
 * duplicate people, team sizes, lessons outside the grid ...) are the
 * validator's (engine/validate.c): here references are only recorded. */
#include "config.h"

#include "school_yaml.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "date.h"
#include "plan.h"
#include "suggest.h"
#include "textfile.h"
#include "words.h"
#include "i18n.h"
#include "board_file.h"
#include "importer.h"

struct ctx {
	const char *path; /* as the caller gave it, for diagnostics */
	const char *file; /* the school's copy, for struct rk_loc */
	struct rk_school *school;
	yaml_document_t *doc;
	/* Problems are collected here and handed to the caller sorted, so
	 * that they come in file order whatever order the sections are
	 * mapped in. */
	struct rk_diags *diags;
	bool nomem;
	/* Reading a file that @parent includes (doc/school-file.md,
	 * `include`), @depth files deep; NULL and 0 for the school file. */
	const struct ctx *parent;
	int depth;
	/* The timetable formats, NULL-terminated: rk_importers() but in
	 * tests. */
	const struct rk_importer *const *importers;
	/* Reading a board file (doc/board.md), not a school file: only
	 * messages differ until the mapping. No school then. */
	bool board;
};

/* A known key of a mapping. @map is used at the top level only, where
 * every key is a section with its own mapper. */
struct key {
	const char *name;
	bool required;
	void (*map)(struct ctx *c, yaml_node_t *value);
};

/* The most keys a mapping has: a section's, or a timetable entry's three
 * and its format's options (test_importer.c checks that each format's
 * fit). */
#define MAX_KEYS 20

/* A word out of a fixed set, for messages like
 * "unknown region 'oost': expected noord, midden or zuid". */
struct choice {
	const char *what;
	int (*parse)(const char *text);
	const char *expected;
};

/* --- Diagnostics --------------------------------------------------------- */

static void vreport(struct ctx *c, int line, int column, const char *fmt,
		    va_list ap) __attribute__((format(printf, 4, 0)));

static void vreport(struct ctx *c, int line, int column, const char *fmt,
		    va_list ap)
{
	/* Out of memory shows in rk_diags_oom, which the load checks. */
	rk_diags_vadd(c->diags, RK_SEV_ERROR, c->path, line, column, fmt, ap);
}

static void report_at(struct ctx *c, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report_at(struct ctx *c, int line, int column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(c, line, column, fmt, ap);
	va_end(ap);
}

static int line_of(const yaml_node_t *node)
{
	return (int)node->start_mark.line + 1;
}

static int column_of(const yaml_node_t *node)
{
	return (int)node->start_mark.column + 1;
}

/* A problem where @node starts. */
static void report(struct ctx *c, const yaml_node_t *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct ctx *c, const yaml_node_t *node, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(c, line_of(node), column_of(node), fmt, ap);
	va_end(ap);
}

/* --- Nodes ---------------------------------------------------------------- */

static yaml_node_t *node_of(const struct ctx *c, yaml_node_item_t id)
{
	return yaml_document_get_node(c->doc, id);
}

static const char *text_of(const yaml_node_t *node)
{
	return (const char *)node->data.scalar.value;
}

static size_t list_len(const yaml_node_t *node)
{
	return (size_t)(node->data.sequence.items.top -
			node->data.sequence.items.start);
}

/* YAML's ways of writing nothing: `key:` alone, `~` or `null`. */
static bool is_null(const yaml_node_t *node)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	if (node->type != YAML_SCALAR_NODE ||
	    node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (!strcmp(text_of(node), nulls[i]))
			return true;
	return false;
}

static struct rk_loc loc_of(const struct ctx *c, const yaml_node_t *node)
{
	return (struct rk_loc){ .file = c->file,
				.line = line_of(node),
				.column = column_of(node) };
}

static const char *type_noun(yaml_node_type_t type)
{
	if (type == YAML_MAPPING_NODE)
		return _("a mapping");
	if (type == YAML_SEQUENCE_NODE)
		return _("a list");
	return _("a text");
}

static bool has_type(const yaml_node_t *node, yaml_node_type_t type)
{
	/* An empty value where text belongs is a forgotten value, not an
	 * empty text; quote it ("") to mean the empty text. */
	return node->type == type && !is_null(node);
}

/* Whether @node, the value of key @name, is of @type; reported when not. */
static bool want(struct ctx *c, const yaml_node_t *node, yaml_node_type_t type,
		 const char *name)
{
	if (has_type(node, type))
		return true;
	report(c, node, _("'%s' must be %s"), name, type_noun(type));
	return false;
}

/* The same for an entry of the list @name. */
static bool want_entry(struct ctx *c, const yaml_node_t *node,
		       yaml_node_type_t type, const char *name)
{
	if (has_type(node, type))
		return true;
	report(c, node, _("each entry of '%s' must be %s"), name,
	       type_noun(type));
	return false;
}

/* Whether @node is given and is a list (reported when it is not). */
static bool get_list(struct ctx *c, const yaml_node_t *node, const char *name)
{
	return node && want(c, node, YAML_SEQUENCE_NODE, name);
}

/* Calls @fn on every entry of the list @list (the value of key @name);
 * each entry must be a mapping. */
static void each_entry(struct ctx *c, yaml_node_t *list, const char *name,
		       void (*fn)(struct ctx *c, yaml_node_t *entry, void *arg),
		       void *arg)
{
	yaml_node_item_t *it;
	for (it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		yaml_node_t *entry = node_of(c, *it);
		if (want_entry(c, entry, YAML_MAPPING_NODE, name))
			fn(c, entry, arg);
	}
}

/* each_entry on @node, the value of key @name, when it is a list. */
static void each_entry_of(struct ctx *c, yaml_node_t *node, const char *name,
			  void (*fn)(struct ctx *c, yaml_node_t *entry,
				     void *arg))
{
	if (get_list(c, node, name))
		each_entry(c, node, name, fn, NULL);
}

/* The same for a list of texts. */
static void each_item(struct ctx *c, yaml_node_t *list, const char *name,
		      void (*fn)(struct ctx *c, yaml_node_t *item, void *arg),
		      void *arg)
{
	yaml_node_item_t *it;
	for (it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		yaml_node_t *item = node_of(c, *it);
		if (want_entry(c, item, YAML_SCALAR_NODE, name))
			fn(c, item, arg);
	}
}

/* --- Keys ----------------------------------------------------------------- */

/* The earlier key of @map spelt like the key of @pair, or NULL: libyaml
 * keeps both values of a repeated key, where YAML forbids repeating. */
static const yaml_node_t *earlier_key(const struct ctx *c,
				      const yaml_node_t *map,
				      const yaml_node_pair_t *pair)
{
	const char *name = text_of(node_of(c, pair->key));
	const yaml_node_pair_t *p;
	for (p = map->data.mapping.pairs.start; p < pair; p++) {
		const yaml_node_t *key = node_of(c, p->key);
		if (key->type == YAML_SCALAR_NODE &&
		    !strcmp(text_of(key), name))
			return key;
	}
	return NULL;
}

/* The text of the key of @pair, or NULL (reported) when it cannot be used:
 * not a text, or a repeat. */
static const char *pair_key(struct ctx *c, const yaml_node_t *map,
			    const yaml_node_pair_t *pair, const char *section)
{
	const yaml_node_t *key = node_of(c, pair->key);
	if (key->type != YAML_SCALAR_NODE) {
		report(c, key, _("a key in %s must be a text"), section);
		return NULL;
	}
	const yaml_node_t *first = earlier_key(c, map, pair);
	if (first) {
		report(c, key, _("duplicate key '%s' (first at line %d)"),
		       text_of(key), line_of(first));
		return NULL;
	}
	return text_of(key);
}

/* The key of @keys nearest to @key's text when it is a likely typo, else
 * NULL. */
static const char *near_key(const yaml_node_t *key, const struct key *keys,
			    size_t n)
{
	const char *names[MAX_KEYS] = { NULL };
	size_t n_names = n < MAX_KEYS ? n : MAX_KEYS;
	for (size_t i = 0; i < n_names; i++)
		names[i] = keys[i].name;
	return rk_suggest(text_of(key), names, n_names);
}

static void unknown_key(struct ctx *c, const yaml_node_t *key,
			const char *section, const struct key *keys, size_t n)
{
	const char *near = near_key(key, keys, n);
	if (near)
		report(c, key, _("unknown key '%s' in %s; did you mean '%s'?"),
		       text_of(key), section, near);
	else
		report(c, key, _("unknown key '%s' in %s"), text_of(key),
		       section);
}

static void missing_key(struct ctx *c, const yaml_node_t *map, const char *name,
			const char *section)
{
	report(c, map, _("missing required key '%s' in %s"), name, section);
}

/* The index of @name in @keys, or @n. */
static size_t find_key(const struct key *keys, size_t n, const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(keys[i].name, name))
			break;
	return i;
}

/* Puts the value of each of @keys found in the mapping @map into @values
 * (NULL when absent) and reports unknown, repeated and missing keys.
 * @section names the mapping in messages. False when @map is no mapping.
 *
 * A misspelt key whose suggestion is absent is reported once and its value
 * read as the suggested key's: the user clearly meant that key, and every
 * error that would follow from its absence ("missing required key", each
 * lesson "outside the time grid" ...) is a consequence, not news. */
/* What reports a key that @keys do not have; @arg is the caller's. */
struct unknown {
	void (*report)(struct ctx *c, const yaml_node_t *key,
		       const yaml_node_t *value, const struct key *keys,
		       size_t n, void *arg);
	void *arg;
};

static bool get_keys_or(struct ctx *c, yaml_node_t *map, const char *section,
			const struct key *keys, size_t n, yaml_node_t **values,
			const struct unknown *unknown)
{
	yaml_node_pair_t *p;
	size_t i;

	for (i = 0; i < n; i++)
		values[i] = NULL;
	if (!want(c, map, YAML_MAPPING_NODE, section))
		return false;
	/* Known keys first, so that a typo never takes a key given as
	 * well. */
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const char *name = pair_key(c, map, p, section);
		if (!name)
			continue;
		i = find_key(keys, n, name);
		if (i < n)
			values[i] = node_of(c, p->value);
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const yaml_node_t *key = node_of(c, p->key);
		if (key->type != YAML_SCALAR_NODE || earlier_key(c, map, p) ||
		    find_key(keys, n, text_of(key)) < n)
			continue;
		if (unknown)
			unknown->report(c, key, node_of(c, p->value), keys, n,
					unknown->arg);
		else
			unknown_key(c, key, section, keys, n);
		const char *near = near_key(key, keys, n);
		i = near ? find_key(keys, n, near) : n;
		if (i < n && !values[i])
			values[i] = node_of(c, p->value);
	}
	for (i = 0; i < n; i++)
		if (keys[i].required && !values[i])
			missing_key(c, map, keys[i].name, section);
	return true;
}

static bool get_keys(struct ctx *c, yaml_node_t *map, const char *section,
		     const struct key *keys, size_t n, yaml_node_t **values)
{
	return get_keys_or(c, map, section, keys, n, values, NULL);
}

/* --- Values --------------------------------------------------------------- */

/* A copy of @text owned by the school. */
static const char *keep(struct ctx *c, const char *text)
{
	const char *copy = rk_school_strdup(c->school, text);
	if (!copy)
		c->nomem = true;
	return copy;
}

static void *alloc_array(struct ctx *c, size_t count, size_t size)
{
	void *array = rk_school_alloc(c->school, count, size);
	if (!array)
		c->nomem = true;
	return array;
}

/* The text of @node (the value of key @name), or NULL when @node is absent
 * or no text (reported). The get_* functions below all work like this: an
 * absent node is quietly skipped (get_keys has reported it if it was
 * required) and *out is set only on success. */
static const char *get_scalar(struct ctx *c, const yaml_node_t *node,
			      const char *name)
{
	if (!node || !want(c, node, YAML_SCALAR_NODE, name))
		return NULL;
	return text_of(node);
}

static bool get_text(struct ctx *c, const yaml_node_t *node, const char *name,
		     const char **out)
{
	const char *text = get_scalar(c, node, name);
	const char *copy = text ? keep(c, text) : NULL;
	if (copy)
		*out = copy;
	return copy != NULL;
}

/* strtol with the checks atoi leaves out: digits only, all of them, in
 * range. */
static bool parse_int(const char *text, int *out)
{
	char *end;
	if (!isdigit((unsigned char)text[0]) &&
	    !(text[0] == '-' && isdigit((unsigned char)text[1])))
		return false;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (*end || errno == ERANGE || v < INT_MIN || v > INT_MAX)
		return false;
	*out = (int)v;
	return true;
}

static bool get_int(struct ctx *c, const yaml_node_t *node, const char *name,
		    int *out)
{
	const char *text = get_scalar(c, node, name);
	if (!text)
		return false;
	if (parse_int(text, out))
		return true;
	report(c, node, _("bad number '%s' for '%s'"), text, name);
	return false;
}

static bool get_int_min(struct ctx *c, const yaml_node_t *node,
			const char *name, int min, int *out)
{
	int v;
	if (!get_int(c, node, name, &v))
		return false;
	if (v < min) {
		report(c, node, _("%s %d is below %d"), name, v, min);
		return false;
	}
	*out = v;
	return true;
}

/* @label names the value in the message: usually its key. */
static bool get_int_range(struct ctx *c, const yaml_node_t *node,
			  const char *name, const char *label, int lo, int hi,
			  int *out)
{
	int v;
	if (!get_int(c, node, name, &v))
		return false;
	if (v < lo || v > hi) {
		report(c, node, _("%s %d is outside %d-%d"), label, v, lo, hi);
		return false;
	}
	*out = v;
	return true;
}

/* YAML 1.1's spellings, which people copy from other tools' files. */
static bool get_bool(struct ctx *c, const yaml_node_t *node, const char *name,
		     bool *out)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	const char *text = get_scalar(c, node, name);
	if (!text)
		return false;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(text, yes[i]) || !strcasecmp(text, no[i])) {
			*out = !strcasecmp(text, yes[i]);
			return true;
		}
	}
	report(c, node, _("bad boolean '%s' for '%s': expected true or false"),
	       text, name);
	return false;
}

static bool get_date(struct ctx *c, const yaml_node_t *node, const char *name,
		     int *out)
{
	const char *text = get_scalar(c, node, name);
	if (!text)
		return false;
	if (rk_date_parse(text, out))
		return true;
	char why[64];
	report(c, node, _("bad date '%s': %s"), text,
	       rk_date_why(text, why, sizeof(why)));
	return false;
}

static bool get_time(struct ctx *c, const yaml_node_t *node, const char *name,
		     int *out)
{
	const char *text = get_scalar(c, node, name);
	if (!text)
		return false;
	if (rk_time_parse(text, out))
		return true;
	report(c, node, _("bad time '%s': expected HH:MM"), text);
	return false;
}

static bool get_choice(struct ctx *c, const yaml_node_t *node, const char *name,
		       const struct choice *choice, int *out)
{
	const char *text = get_scalar(c, node, name);
	if (!text)
		return false;
	int v = choice->parse(text);
	if (v >= 0) {
		*out = v;
		return true;
	}
	report(c, node, _("unknown %s '%s': expected %s"), _(choice->what),
	       text, _(choice->expected));
	return false;
}

/* A path in the school file is relative to the school file's folder. */
static const char *get_path(struct ctx *c, const yaml_node_t *node,
			    const char *name)
{
	const char *text = get_scalar(c, node, name);
	if (!text)
		return NULL;
	char *full = rk_path_relative_to(c->path, text);
	const char *copy = full ? keep(c, full) : NULL;
	if (!full)
		c->nomem = true;
	free(full);
	return copy;
}

/* Whether @end is after @start; reported at @end_node when not. */
static bool check_times(struct ctx *c, const yaml_node_t *end_node, int start,
			int end)
{
	char from[RK_TIME_BUFSIZE], to[RK_TIME_BUFSIZE];
	if (end > start)
		return true;
	rk_time_format(start, from);
	rk_time_format(end, to);
	if (end == start)
		report(c, end_node, _("end %s is not after start %s"), to,
		       from);
	else
		report(c, end_node, _("end %s is before start %s"), to, from);
	return false;
}

/* Whether the date @to (key @to_name) is not before @from. */
static bool check_dates(struct ctx *c, const yaml_node_t *to_node,
			const char *to_name, const char *from_name, int from,
			int to)
{
	char a[RK_DATE_BUFSIZE], b[RK_DATE_BUFSIZE];
	if (to >= from)
		return true;
	rk_date_format(to, a);
	rk_date_format(from, b);
	report(c, to_node, _("'%s' %s is before '%s' %s"), to_name, a,
	       from_name, b);
	return false;
}

/* --- Lists of words and references ---------------------------------------- */

static void add_string(struct ctx *c, yaml_node_t *item, void *arg)
{
	struct rk_strlist *list = arg;
	const char *copy = keep(c, text_of(item));
	if (copy)
		list->items[list->n++] = copy;
}

static bool get_strlist(struct ctx *c, yaml_node_t *node, const char *name,
			struct rk_strlist *out)
{
	struct rk_strlist list = { 0 };
	if (!get_list(c, node, name))
		return false;
	list.items = alloc_array(c, list_len(node), sizeof(*list.items));
	if (!list.items)
		return false;
	each_item(c, node, name, add_string, &list);
	*out = list;
	return true;
}

static bool get_ref(struct ctx *c, const yaml_node_t *node, const char *name,
		    struct rk_ref *out)
{
	const char *id = NULL;
	if (!get_text(c, node, name, &id))
		return false;
	*out = (struct rk_ref){ .id = id, .loc = loc_of(c, node), .index = -1 };
	return true;
}

struct refs {
	struct rk_ref *items;
	size_t n;
};

static void add_ref(struct ctx *c, yaml_node_t *item, void *arg)
{
	struct refs *refs = arg;
	const char *id = keep(c, text_of(item));
	if (id)
		refs->items[refs->n++] = (struct rk_ref){
			.id = id, .loc = loc_of(c, item), .index = -1
		};
}

static bool get_refs(struct ctx *c, yaml_node_t *node, const char *name,
		     struct rk_ref **out, size_t *n)
{
	struct refs refs = { 0 };
	if (!get_list(c, node, name))
		return false;
	refs.items = alloc_array(c, list_len(node), sizeof(*refs.items));
	if (!refs.items)
		return false;
	each_item(c, node, name, add_ref, &refs);
	*out = refs.items;
	*n = refs.n;
	return true;
}

/* "unknown weekday 'dii'; did you mean 'di'?" for @node, whose text is no
 * weekday. Suggestions come from the Dutch abbreviations and names, as in
 * the documentation. */
static void unknown_weekday(struct ctx *c, const yaml_node_t *node)
{
	const char *names[2 * 7];
	for (int d = 0; d < 7; d++) {
		names[2 * d] = rk_weekday_abbr(d);
		names[2 * d + 1] = rk_weekday_name(d);
	}
	const char *near = rk_suggest(text_of(node), names, 2 * 7);
	if (near)
		report(c, node, _("unknown weekday '%s'; did you mean '%s'?"),
		       text_of(node), near);
	else
		report(c, node, _("unknown weekday '%s'"), text_of(node));
}

/* Accumulates a set of weekdays or roles; @ok drops on an unknown word. */
struct bits {
	unsigned set;
	bool ok;
};

static void add_day(struct ctx *c, yaml_node_t *item, void *arg)
{
	struct bits *days = arg;
	int d = rk_weekday_parse(text_of(item));
	if (d >= 0) {
		days->set |= 1u << d;
		return;
	}
	unknown_weekday(c, item);
	days->ok = false;
}

static bool get_days(struct ctx *c, yaml_node_t *node, const char *name,
		     unsigned *out)
{
	struct bits days = { 0, true };
	if (!get_list(c, node, name))
		return false;
	each_item(c, node, name, add_day, &days);
	*out = days.set;
	return days.ok;
}

static void add_role(struct ctx *c, yaml_node_t *item, void *arg)
{
	struct bits *roles = arg;
	unsigned role = rk_role_parse(text_of(item));
	if (role) {
		roles->set |= role;
		return;
	}
	report(c, item, _("unknown role '%s'"), text_of(item));
	roles->ok = false;
}

static bool get_roles(struct ctx *c, yaml_node_t *node, const char *name,
		      unsigned *out)
{
	struct bits roles = { 0, true };
	if (!get_list(c, node, name))
		return false;
	each_item(c, node, name, add_role, &roles);
	*out = roles.set;
	return roles.ok;
}

/* --- school --------------------------------------------------------------- */

static int parse_type(const char *text)
{
	return rk_school_type_parse(text);
}

static int parse_region(const char *text)
{
	return rk_region_parse(text);
}

static const struct choice type_choice = { N_("school type"), parse_type,
					   N_("po, vo or mbo") };
static const struct choice region_choice = { N_("region"), parse_region,
					     N_("noord, midden or zuid") };

/* The id goes into UIDs and file names: letters, digits, '-' and '_'. */
static bool get_school_id(struct ctx *c, const yaml_node_t *node,
			  const char **out)
{
	const char *text = get_scalar(c, node, "id");
	if (!text)
		return false;
	size_t len = strspn(text, "abcdefghijklmnopqrstuvwxyz"
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
	if (!text[0] || text[len]) {
		report(c, node,
		       _("bad school id '%s': use letters, digits, '-' and '_'"),
		       text);
		return false;
	}
	*out = keep(c, text);
	return *out != NULL;
}

/* "2026-2027" gives 2026. */
static bool get_school_year(struct ctx *c, const yaml_node_t *node, int *out)
{
	const char *text = get_scalar(c, node, "school_year");
	int first = 0, second = 0;
	if (!text)
		return false;
	bool ok = strlen(text) == 9 && text[4] == '-';
	for (int i = 0; ok && i < 4; i++) {
		ok = isdigit((unsigned char)text[i]) &&
		     isdigit((unsigned char)text[5 + i]);
		first = first * 10 + (text[i] - '0');
		second = second * 10 + (text[5 + i] - '0');
	}
	if (!ok || second != first + 1) {
		report(c, node,
		       _("bad school year '%s': expected e.g. 2026-2027"),
		       text);
		return false;
	}
	*out = first;
	return true;
}

enum {
	SC_ID,
	SC_NAME,
	SC_TYPE,
	SC_REGION,
	SC_TZ,
	SC_YEAR,
	SC_PROG,
	SC_ROOM,
	N_SC
};

static const struct key school_keys[N_SC] = {
	[SC_ID] = { "id", true, NULL },
	[SC_NAME] = { "name", true, NULL },
	[SC_TYPE] = { "type", true, NULL },
	[SC_REGION] = { "region", true, NULL },
	[SC_TZ] = { "timezone", false, NULL },
	[SC_YEAR] = { "school_year", true, NULL },
	[SC_PROG] = { "programme_year", false, NULL },
	[SC_ROOM] = { "room", false, NULL },
};

static void map_school(struct ctx *c, yaml_node_t *node)
{
	struct rk_school_info *info = rk_school_info(c->school);
	yaml_node_t *v[N_SC];
	int n;

	info->loc = loc_of(c, node);
	if (!get_keys(c, node, "school", school_keys, N_SC, v))
		return;
	get_school_id(c, v[SC_ID], &info->id);
	get_text(c, v[SC_NAME], "name", &info->name);
	if (get_choice(c, v[SC_TYPE], "type", &type_choice, &n))
		info->type = (enum rk_school_type)n;
	if (get_choice(c, v[SC_REGION], "region", &region_choice, &n))
		info->region = (enum rk_region)n;
	/* Whether the zone exists is the loader's question (libical). */
	get_text(c, v[SC_TZ], "timezone", &info->timezone);
	get_text(c, v[SC_ROOM], "room", &info->room);
	get_school_year(c, v[SC_YEAR], &info->year);
	info->year_loc = v[SC_YEAR] ? loc_of(c, v[SC_YEAR]) : info->loc;
	info->timezone_loc = v[SC_TZ] ? loc_of(c, v[SC_TZ]) : info->loc;
	get_int_min(c, v[SC_PROG], "programme_year", 1, &info->programme_year);
}

/* --- time_grid ------------------------------------------------------------ */

enum { LU_NUMBER, LU_START, LU_END, N_LU };

static const struct key lesuur_keys[N_LU] = {
	[LU_NUMBER] = { "lesuur", true, NULL },
	[LU_START] = { "start", true, NULL },
	[LU_END] = { "end", true, NULL },
};

/* @cur follows @prev, the last good lesuur of its grid. */
static bool check_lesuur_order(struct ctx *c, const yaml_node_t *entry,
			       const struct rk_lesuur *prev,
			       const struct rk_lesuur *cur)
{
	char start[RK_TIME_BUFSIZE], end[RK_TIME_BUFSIZE];
	rk_time_format(prev->start, start);
	rk_time_format(prev->end, end);
	if (cur->start < prev->start) {
		report(c, entry,
		       _("lesuur %d starts before lesuur %d (%s-%s); list the lesuren in order"),
		       cur->number, prev->number, start, end);
		return false;
	}
	if (cur->start < prev->end) {
		report(c, entry, _("lesuur %d overlaps lesuur %d (%s-%s)"),
		       cur->number, prev->number, start, end);
		return false;
	}
	/* Untis and the timetable refer to lesuren by number. */
	if (cur->number <= prev->number) {
		report(c, entry,
		       _("lesuur %d must have a higher number than lesuur %d before it"),
		       cur->number, prev->number);
		return false;
	}
	return true;
}

static void add_lesuur(struct ctx *c, yaml_node_t *entry, void *arg)
{
	struct rk_grid *grid = arg;
	struct rk_lesuur h = { .loc = loc_of(c, entry) };
	yaml_node_t *v[N_LU];

	get_keys(c, entry, "time_grid", lesuur_keys, N_LU, v);
	bool ok = get_int_min(c, v[LU_NUMBER], "lesuur", 0, &h.number);
	ok = get_time(c, v[LU_START], "start", &h.start) && ok;
	ok = get_time(c, v[LU_END], "end", &h.end) && ok;
	if (!ok || !check_times(c, v[LU_END], h.start, h.end))
		return;
	if (grid->n > 0 &&
	    !check_lesuur_order(c, entry, &grid->hours[grid->n - 1], &h))
		return;
	grid->hours[grid->n++] = h;
}

/* The lesuren in the list @node; those with problems are left out. */
static bool get_grid(struct ctx *c, yaml_node_t *node, const char *name,
		     struct rk_grid *out)
{
	struct rk_grid grid = { 0 };
	if (!get_list(c, node, name))
		return false;
	grid.hours = alloc_array(c, list_len(node), sizeof(*grid.hours));
	if (!grid.hours)
		return false;
	each_entry(c, node, name, add_lesuur, &grid);
	*out = grid;
	return true;
}

enum { SH_DATES, SH_GRID, N_SH };

static const struct key short_keys[N_SH] = {
	[SH_DATES] = { "dates", true, NULL },
	[SH_GRID] = { "grid", true, NULL },
};

/* The grid of one `shortened` entry, shared by its dates. */
struct short_grid {
	struct rk_grid grid;
	bool ok;
};

static void add_short_day(struct ctx *c, yaml_node_t *item, void *arg)
{
	const struct short_grid *sg = arg;
	int date;
	if (!get_date(c, item, "dates", &date) || !sg->ok)
		return;
	struct rk_short_day *day = rk_school_add_short_day(c->school);
	if (!day) {
		c->nomem = true;
		return;
	}
	*day = (struct rk_short_day){ .date = date,
				      .grid = sg->grid,
				      .loc = loc_of(c, item) };
}

static void add_shortened(struct ctx *c, yaml_node_t *entry, void *arg)
{
	struct short_grid sg = { { 0 }, false };
	yaml_node_t *v[N_SH];

	get_keys(c, entry, "shortened", short_keys, N_SH, v);
	sg.ok = get_grid(c, v[SH_GRID], "grid", &sg.grid);
	if (get_list(c, v[SH_DATES], "dates"))
		each_item(c, v[SH_DATES], "dates", add_short_day, &sg);
}

/* The names a time_grid key may have, for suggestions; Dutch only, as in
 * the documentation. */
static size_t time_grid_names(struct key *names)
{
	size_t n = 0;
	names[n++] = (struct key){ "default", false, NULL };
	names[n++] = (struct key){ "shortened", false, NULL };
	for (int d = 0; d < 7; d++) {
		names[n++] = (struct key){ rk_weekday_abbr(d), false, NULL };
		names[n++] = (struct key){ rk_weekday_name(d), false, NULL };
	}
	return n;
}

/* A weekday key: its grid replaces the default one that day. @seen holds
 * the key of each weekday given so far ("wo" and "woensdag" are one day). */
static void map_grid_day(struct ctx *c, yaml_node_t *key, yaml_node_t *value,
			 yaml_node_t **seen)
{
	int d = rk_weekday_parse(text_of(key));
	if (d < 0) {
		struct key names[2 + 2 * 7];
		unknown_key(c, key, "time_grid", names, time_grid_names(names));
		return;
	}
	if (seen[d]) {
		report(c, key,
		       _("weekday '%s' is given twice (first at line %d)"),
		       text_of(key), line_of(seen[d]));
		return;
	}
	seen[d] = key;
	get_grid(c, value, text_of(key), rk_school_grid(c->school, d));
}

static void map_time_grid(struct ctx *c, yaml_node_t *node)
{
	yaml_node_t *seen[7] = { NULL };
	struct rk_grid def = { 0 };
	bool has_default = false;
	yaml_node_pair_t *p;

	if (!want(c, node, YAML_MAPPING_NODE, "time_grid"))
		return;
	for (p = node->data.mapping.pairs.start;
	     p < node->data.mapping.pairs.top; p++) {
		const char *key = pair_key(c, node, p, "time_grid");
		yaml_node_t *value = node_of(c, p->value);
		if (!key)
			continue;
		if (!strcmp(key, "default"))
			has_default = get_grid(c, value, key, &def);
		else if (!strcmp(key, "shortened"))
			each_entry_of(c, value, "shortened", add_shortened);
		else
			map_grid_day(c, node_of(c, p->key), value, seen);
	}
	/* "Every working day": Monday to Friday. */
	for (int d = 0; has_default && d < 5; d++)
		if (!seen[d])
			*rk_school_grid(c->school, d) = def;
}

/* --- people and teams ----------------------------------------------------- */

enum { P_ID, P_NAME, P_EMAIL, P_SUBJECTS, P_GRADES, P_ROLES, P_DAYS, N_P };

static const struct key person_keys[N_P] = {
	[P_ID] = { "id", true, NULL },
	[P_NAME] = { "name", true, NULL },
	[P_EMAIL] = { "email", false, NULL },
	[P_SUBJECTS] = { "subjects", false, NULL },
	[P_GRADES] = { "grades", false, NULL },
	[P_ROLES] = { "roles", false, NULL },
	[P_DAYS] = { "workdays", false, NULL },
};

static void add_person(struct ctx *c, yaml_node_t *entry, void *arg)
{
	struct rk_person p = { .roles = RK_ROLE_LERAAR,
			       .workdays = RK_WORKDAYS_DEFAULT,
			       .loc = loc_of(c, entry) };
	yaml_node_t *v[N_P];

	get_keys(c, entry, "people", person_keys, N_P, v);
	get_text(c, v[P_ID], "id", &p.id);
	get_text(c, v[P_NAME], "name", &p.name);
	get_text(c, v[P_EMAIL], "email", &p.email);
	get_strlist(c, v[P_SUBJECTS], "subjects", &p.subjects);
	get_strlist(c, v[P_GRADES], "grades", &p.grades);
	get_roles(c, v[P_ROLES], "roles", &p.roles);
	get_days(c, v[P_DAYS], "workdays", &p.workdays);
	/* Later stages look people up by id and print their names: a person
	 * without an id stays out, one without a name goes by the id. */
	if (!p.id)
		return;
	if (!p.name)
		p.name = p.id;
	struct rk_person *slot = rk_school_add_person(c->school);
	if (!slot) {
		c->nomem = true;
		return;
	}
	*slot = p;
}

static void map_people(struct ctx *c, yaml_node_t *node)
{
	each_entry_of(c, node, "people", add_person);
}

static void map_people_file(struct ctx *c, yaml_node_t *node)
{
	struct rk_school_info *info = rk_school_info(c->school);
	const char *path = get_path(c, node, "people_file");
	if (!path)
		return;
	info->people_file = path;
	info->people_file_loc = loc_of(c, node);
}

enum { T_ID, T_NAME, T_MEMBERS, T_COACH, T_COHORT, T_ROOM, T_FIXED, N_T };

static const struct key team_keys[N_T] = {
	[T_ID] = { "id", true, NULL },
	[T_NAME] = { "name", false, NULL },
	[T_MEMBERS] = { "members", true, NULL },
	[T_COACH] = { "schoolcoach", false, NULL },
	[T_COHORT] = { "cohort", false, NULL },
	[T_ROOM] = { "room", false, NULL },
	[T_FIXED] = { "fixed", false, NULL },
};

static void add_team(struct ctx *c, yaml_node_t *entry, void *arg)
{
	struct rk_team t = { .coach.index = -1,
			     .cohort = 1,
			     .loc = loc_of(c, entry) };
	yaml_node_t *v[N_T];

	get_keys(c, entry, "teams", team_keys, N_T, v);
	get_text(c, v[T_ID], "id", &t.id);
	get_text(c, v[T_NAME], "name", &t.name);
	get_refs(c, v[T_MEMBERS], "members", &t.members, &t.n_members);
	get_ref(c, v[T_COACH], "schoolcoach", &t.coach);
	get_int_min(c, v[T_COHORT], "cohort", 1, &t.cohort);
	get_text(c, v[T_ROOM], "room", &t.room);
	if (v[T_FIXED])
		get_bool(c, v[T_FIXED], "fixed", &t.fixed);
	if (!t.id)
		return;
	if (!t.name)
		t.name = t.id;
	struct rk_team *slot = rk_school_add_team(c->school);
	if (!slot) {
		c->nomem = true;
		return;
	}
	*slot = t;
}

static void map_teams(struct ctx *c, yaml_node_t *node)
{
	each_entry_of(c, node, "teams", add_team);
}

static const struct key lkteam_keys[] = {
	{ "members", true, NULL },
};

static void map_lkteam(struct ctx *c, yaml_node_t *node)
{
	struct rk_team *lk = rk_school_lkteam(c->school);
	yaml_node_t *v[1];

	lk->loc = loc_of(c, node);
	if (get_keys(c, node, "leerkracht_team", lkteam_keys, 1, v))
		get_refs(c, v[0], "members", &lk->members, &lk->n_members);
}

/* --- timetable and ab_weeks ----------------------------------------------- */

/* Which keys a timetable entry takes is its format's business: the
 * importer's option table says (adapters/importer.h). This file knows only
 * `format`, `file` and `files`, which every format has. */

/* The importer called @text, in any case, or NULL. */
static const struct rk_importer *find_importer(const struct ctx *c,
					       const char *text)
{
	for (size_t i = 0; c->importers[i]; i++)
		if (!strcasecmp(c->importers[i]->id, text))
			return c->importers[i];
	return NULL;
}

/* The option @key that @imp takes @where, or NULL. */
static const struct rk_importer_option *importer_option(
	const struct rk_importer *imp, const char *key, unsigned where)
{
	for (const struct rk_importer_option *o = imp->options; o && o->key;
	     o++)
		if ((o->where & where) && !strcmp(o->key, key))
			return o;
	return NULL;
}

static bool get_format(struct ctx *c, const yaml_node_t *node,
		       const struct rk_importer **out)
{
	char list[256];
	const char *text = get_scalar(c, node, "format");
	if (!text)
		return false;
	*out = find_importer(c, text);
	if (*out)
		return true;
	rk_importer_ids(c->importers, false, list, sizeof(list));
	report(c, node, _("unknown timetable format '%s': expected %s"), text,
	       list);
	return false;
}

/* The keys of an entry of a timetable (@where RK_OPTION_SOURCE) or of its
 * `files` (RK_OPTION_FILE) in @imp's format, at most MAX_KEYS; the keys
 * every format has come first. Their number. */
static size_t entry_keys(const struct rk_importer *imp, unsigned where,
			 struct key *keys)
{
	size_t n = 0;
	if (where == RK_OPTION_SOURCE) {
		keys[n++] = (struct key){ "format", false, NULL };
		keys[n++] = (struct key){ "file", false, NULL };
		keys[n++] = (struct key){ "files", false, NULL };
	} else {
		keys[n++] = (struct key){ "file", true, NULL };
	}
	for (const struct rk_importer_option *o = imp->options;
	     o && o->key && n < MAX_KEYS; o++)
		if (o->where & where)
			keys[n++] = (struct key){ o->key, false, NULL };
	return n;
}

/* The format of a timetable entry and where in the entry a key stands;
 * @bad when a key was refused. */
struct tt_place {
	const struct rk_importer *imp;
	unsigned where;
	bool bad;
};

/* A key the entry's format does not take: another format's, a typo or
 * unknown; the message names the format and the keys it takes. */
static void unknown_tt_key(struct ctx *c, const yaml_node_t *key,
			   const yaml_node_t *value, const struct key *keys,
			   size_t n, void *arg)
{
	struct tt_place *at = arg;
	const char *names[MAX_KEYS];
	char list[256];
	const char *near = near_key(key, keys, n);
	for (size_t i = 0; i < n; i++)
		names[i] = keys[i].name;
	rk_words_join(list, sizeof(list), names, n, ", ");
	/* A source with a key its format ignores would not be what the
	 * user meant; it is left out, as with any other error. */
	at->bad = true;
	for (size_t i = 0; c->importers[i]; i++) {
		if (c->importers[i] == at->imp ||
		    !importer_option(c->importers[i], text_of(key), at->where))
			continue;
		report(c, value,
		       _("'%s' is only for format %s; format %s takes %s"),
		       text_of(key), c->importers[i]->id, at->imp->id, list);
		return;
	}
	if (near)
		report(c, key,
		       _("unknown key '%s' for timetable format %s; did you mean '%s'?"),
		       text_of(key), at->imp->id, near);
	else
		report(c, key,
		       _("unknown key '%s' for timetable format %s, which takes %s"),
		       text_of(key), at->imp->id, list);
}

/* The value of a map entry as @o wants it: a number or a weekday. */
static bool get_map_value(struct ctx *c, const struct rk_importer_option *o,
			  const yaml_node_t *value, struct rk_option *out)
{
	if (o->shape == RK_OPTION_MAP_INT)
		return get_int_min(c, value, o->noun, 0, &out->number);
	out->text = get_scalar(c, value, o->key);
	if (!out->text)
		return false;
	out->number = rk_weekday_parse(out->text);
	if (out->number >= 0)
		return true;
	unknown_weekday(c, value);
	return false;
}

/* A map option, `days: {Dienstag: di}`: each entry is an item keyed by
 * its name. */
static bool get_map_option(struct ctx *c, const struct rk_importer_option *o,
			   yaml_node_t *node, struct rk_option *out)
{
	yaml_node_pair_t *p;
	bool ok = true;
	if (!want(c, node, YAML_MAPPING_NODE, o->key))
		return false;
	size_t len = (size_t)(node->data.mapping.pairs.top -
			      node->data.mapping.pairs.start);
	struct rk_option *items = alloc_array(c, len ? len : 1, sizeof(*items));
	if (!items)
		return false;
	for (p = node->data.mapping.pairs.start;
	     p < node->data.mapping.pairs.top; p++) {
		const char *name = pair_key(c, node, p, o->key);
		yaml_node_t *value = node_of(c, p->value);
		struct rk_option *item = &items[out->n_items];
		*item = (struct rk_option){ .loc = loc_of(c, value) };
		if (!name || !get_map_value(c, o, value, item)) {
			ok = false;
			continue;
		}
		item->key = keep(c, name);
		item->text = item->text ? keep(c, item->text) : NULL;
		out->n_items++;
	}
	out->items = items;
	return ok;
}

static bool get_option(struct ctx *c, const struct rk_importer_option *o,
		       yaml_node_t *node, struct rk_option *out)
{
	*out = (struct rk_option){ .key = o->key, .loc = loc_of(c, node) };
	if (o->shape == RK_OPTION_TEXT)
		return get_text(c, node, o->key, &out->text);
	return get_map_option(c, o, node, out);
}

/* The options among the values @v of @keys (from @first on) into *@out;
 * false when one is wrong (reported). */
static bool get_options(struct ctx *c, const struct tt_place *at,
			const struct key *keys, size_t n, size_t first,
			yaml_node_t **v, const struct rk_option **out,
			size_t *n_out)
{
	struct rk_option *opts = alloc_array(c, n, sizeof(*opts));
	bool ok = opts != NULL;
	size_t k = 0;
	/* Every option is read, so that each problem is reported. */
	for (size_t i = first; opts && i < n; i++)
		if (v[i] && !get_option(c,
					importer_option(at->imp, keys[i].name,
							at->where),
					v[i], &opts[k++]))
			ok = false;
	*out = opts;
	*n_out = k;
	return ok;
}

/* The files of one source as they are mapped. */
struct tt_files {
	struct rk_timetable_file *items;
	size_t n;
	const struct rk_importer *imp;
};

static void add_tt_file(struct ctx *c, struct tt_files *files,
			const yaml_node_t *file,
			const struct rk_option *options, size_t n_options)
{
	const char *path = get_path(c, file, "file");
	if (!path)
		return;
	files->items[files->n++] = (struct rk_timetable_file){
		.path = path,
		.options = options,
		.n_options = n_options,
		.loc = loc_of(c, file),
	};
}

/* An entry of `files`: a file name, or {file: ..., KEY: ...} with keys of
 * the format's own for that file (an iCalendar feed's person). */
static void add_tt_files_item(struct ctx *c, yaml_node_t *item, void *arg)
{
	struct tt_files *files = arg;
	struct tt_place at = { files->imp, RK_OPTION_FILE, false };
	const struct unknown unknown = { unknown_tt_key, &at };
	struct key keys[MAX_KEYS];
	yaml_node_t *v[MAX_KEYS];
	const struct rk_option *opts = NULL;
	size_t n_opts = 0;

	if (has_type(item, YAML_SCALAR_NODE)) {
		add_tt_file(c, files, item, NULL, 0);
		return;
	}
	size_t n = entry_keys(files->imp, RK_OPTION_FILE, keys);
	if (!get_keys_or(c, item, "files", keys, n, v, &unknown))
		return;
	bool ok = get_options(c, &at, keys, n, 1, v, &opts, &n_opts);
	if (v[0] && ok && !at.bad)
		add_tt_file(c, files, v[0], opts, n_opts);
}

/* `file` or `files` (@file, @list) of @entry into @files. */
static bool get_tt_files(struct ctx *c, yaml_node_t *entry, yaml_node_t *file,
			 yaml_node_t *list, struct tt_files *files)
{
	size_t n = file ? 1 : 0;
	if (file && list) {
		report(c, list, _("give either 'file' or 'files', not both"));
		return false;
	}
	if (!file && !list) {
		missing_key(c, entry, "file", "timetable");
		return false;
	}
	if (list && !get_list(c, list, "files"))
		return false;
	if (list)
		n = list_len(list);
	if (n == 0) {
		report(c, list, _("'files' must name at least one file"));
		return false;
	}
	files->items = alloc_array(c, n, sizeof(*files->items));
	if (!files->items)
		return false;
	if (file) {
		add_tt_file(c, files, file, NULL, 0);
		return files->n == 1;
	}
	yaml_node_item_t *it;
	for (it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++)
		add_tt_files_item(c, node_of(c, *it), files);
	return files->n == n;
}

/* The format of @entry: its `format`, else the first the registry knows
 * (csv). NULL when it names none (reported). */
static const struct rk_importer *entry_format(struct ctx *c, yaml_node_t *entry)
{
	const struct rk_importer *imp = rk_importer_default(c->importers);
	yaml_node_pair_t *p;
	for (p = entry->data.mapping.pairs.start;
	     p < entry->data.mapping.pairs.top; p++) {
		const yaml_node_t *key = node_of(c, p->key);
		if (key->type == YAML_SCALAR_NODE &&
		    !strcmp(text_of(key), "format") &&
		    !earlier_key(c, entry, p))
			return get_format(c, node_of(c, p->value), &imp) ? imp
									 : NULL;
	}
	if (!imp)
		report(c, entry, _("this timetable entry needs format:"));
	return imp;
}

static void add_timetable(struct ctx *c, yaml_node_t *entry, void *arg)
{
	struct rk_timetable_source src = { .loc = loc_of(c, entry) };
	struct key keys[MAX_KEYS];
	yaml_node_t *v[MAX_KEYS];

	(void)arg;
	if (!want(c, entry, YAML_MAPPING_NODE, "timetable"))
		return;
	const struct rk_importer *imp = entry_format(c, entry);
	if (!imp)
		return;
	struct tt_place at = { imp, RK_OPTION_SOURCE, false };
	const struct unknown unknown = { unknown_tt_key, &at };
	struct tt_files files = { NULL, 0, imp };
	size_t n = entry_keys(imp, RK_OPTION_SOURCE, keys);
	get_keys_or(c, entry, "timetable", keys, n, v, &unknown);
	/* keys[0..2] are format, file and files (entry_keys). */
	bool ok = get_options(c, &at, keys, n, 3, v, &src.options,
			      &src.n_options);
	ok = get_tt_files(c, entry, v[1], v[2], &files) && ok;
	if (!ok || at.bad)
		return;
	struct rk_timetable_source *slot =
		rk_school_add_timetable_source(c->school);
	if (!slot) {
		c->nomem = true;
		return;
	}
	src.format = keep(c, imp->id);
	src.files = files.items;
	src.n_files = files.n;
	src.path = files.items[0].path;
	*slot = src;
}

static void map_timetable(struct ctx *c, yaml_node_t *node)
{
	if (has_type(node, YAML_MAPPING_NODE))
		add_timetable(c, node, NULL);
	else if (has_type(node, YAML_SEQUENCE_NODE))
		each_entry(c, node, "timetable", add_timetable, NULL);
	else
		report(c, node, _("'timetable' must be a mapping or a list"));
}

static int parse_count(const char *text)
{
	if (!strcasecmp(text, "teaching"))
		return 1;
	if (!strcasecmp(text, "calendar"))
		return 0;
	return -1;
}

static const struct choice count_choice = { "count", parse_count,
					    N_("teaching or calendar") };

enum { AB_FIRST, AB_COUNT, N_AB };

static const struct key ab_keys[N_AB] = {
	[AB_FIRST] = { "first_a_week", true, NULL },
	[AB_COUNT] = { "count", false, NULL },
};

static void map_ab_weeks(struct ctx *c, yaml_node_t *node)
{
	struct rk_ab_scheme *ab = rk_school_ab(c->school);
	yaml_node_t *v[N_AB];
	int date, teaching;

	if (!get_keys(c, node, "ab_weeks", ab_keys, N_AB, v))
		return;
	ab->enabled = true;
	ab->loc = loc_of(c, node);
	/* Any day of the A week will do; the scheme counts in weeks. */
	if (get_date(c, v[AB_FIRST], "first_a_week", &date))
		ab->first_a = rk_date_monday(date);
	if (get_choice(c, v[AB_COUNT], "count", &count_choice, &teaching))
		ab->count_teaching = teaching;
}

/* --- Dates of the year ---------------------------------------------------- */

enum { R_DATE, R_FROM, R_TO, R_NAME, N_R };

static const struct key range_keys[N_R] = {
	[R_DATE] = { "date", false, NULL },
	[R_FROM] = { "from", false, NULL },
	[R_TO] = { "to", false, NULL },
	[R_NAME] = { "name", false, NULL },
};

/* The dates of a range entry: `date` alone, or `from` and `to`. */
static bool get_range(struct ctx *c, const yaml_node_t *entry, yaml_node_t **v,
		      const char *section, int *from, int *to)
{
	if (v[R_DATE] && (v[R_FROM] || v[R_TO])) {
		report(c, entry,
		       _("give either 'date' or 'from' and 'to', not both"));
		return false;
	}
	if (v[R_DATE]) {
		if (!get_date(c, v[R_DATE], "date", from))
			return false;
		*to = *from;
		return true;
	}
	if (!v[R_FROM] && !v[R_TO]) {
		report(c, entry,
		       _("either 'date' or 'from' and 'to' is required"));
		return false;
	}
	if (!v[R_FROM] || !v[R_TO])
		missing_key(c, entry, v[R_FROM] ? "to" : "from", section);
	bool ok = get_date(c, v[R_FROM], "from", from);
	ok = get_date(c, v[R_TO], "to", to) && ok;
	return ok && check_dates(c, v[R_TO], "to", "from", *from, *to);
}

/* The name of a range entry, or @fallback. */
static bool get_range_name(struct ctx *c, const yaml_node_t *node,
			   const char *fallback, const char **out)
{
	if (node)
		return get_text(c, node, "name", out);
	*out = keep(c, fallback);
	return *out != NULL;
}

static void add_dayoff(struct ctx *c, yaml_node_t *entry, const char *section,
		       enum rk_dayoff_kind kind, const char *fallback)
{
	struct rk_dayoff off = { .kind = kind,
				 .regions = RK_REGIONS_ALL,
				 .loc = loc_of(c, entry) };
	yaml_node_t *v[N_R];

	get_keys(c, entry, section, range_keys, N_R, v);
	bool ok = get_range(c, entry, v, section, &off.from, &off.to);
	ok = get_range_name(c, v[R_NAME], fallback, &off.name) && ok;
	if (!ok)
		return;
	struct rk_dayoff *slot = rk_school_add_dayoff(c->school);
	if (!slot) {
		c->nomem = true;
		return;
	}
	*slot = off;
}

static void add_studiedag(struct ctx *c, yaml_node_t *entry, void *arg)
{
	add_dayoff(c, entry, "studiedagen", RK_OFF_STUDIEDAG, "Studiedag");
}

static void add_free_day(struct ctx *c, yaml_node_t *entry, void *arg)
{
	add_dayoff(c, entry, "free_days", RK_OFF_VRIJ, "Vrije dag");
}

static void add_toetsweek(struct ctx *c, yaml_node_t *entry, void *arg)
{
	struct rk_toetsweek week = { .loc = loc_of(c, entry) };
	yaml_node_t *v[N_R];

	get_keys(c, entry, "toetsweken", range_keys, N_R, v);
	bool ok = get_range(c, entry, v, "toetsweken", &week.from, &week.to);
	ok = get_range_name(c, v[R_NAME], "Toetsweek", &week.name) && ok;
	if (!ok)
		return;
	struct rk_toetsweek *slot = rk_school_add_toetsweek(c->school);
	if (!slot) {
		c->nomem = true;
		return;
	}
	*slot = week;
}

static void map_studiedagen(struct ctx *c, yaml_node_t *node)
{
	each_entry_of(c, node, "studiedagen", add_studiedag);
}

static void map_free_days(struct ctx *c, yaml_node_t *node)
{
	each_entry_of(c, node, "free_days", add_free_day);
}

static void map_toetsweken(struct ctx *c, yaml_node_t *node)
{
	each_entry_of(c, node, "toetsweken", add_toetsweek);
}

static const struct key holiday_keys[] = {
	{ "from", true, NULL },
	{ "to", true, NULL },
};

/* Whether @key names a holiday of the calendar is the validator's
 * question: it has the calendar. */
static void add_holiday(struct ctx *c, const yaml_node_t *key,
			yaml_node_t *value)
{
	struct rk_holiday_override h = { .loc = loc_of(c, key) };
	yaml_node_t *v[2];

	if (!want(c, value, YAML_MAPPING_NODE, text_of(key)))
		return;
	get_keys(c, value, "holidays", holiday_keys, 2, v);
	bool ok = get_date(c, v[0], "from", &h.from);
	ok = get_date(c, v[1], "to", &h.to) && ok;
	if (!ok || !check_dates(c, v[1], "to", "from", h.from, h.to))
		return;
	/* One date per holiday: a board's file and a school that both set
	 * it would leave the reader guessing which one holds. */
	for (size_t i = 0; i < rk_school_n_holiday_override(c->school); i++) {
		const struct rk_holiday_override *o =
			rk_school_get_holiday_override(c->school, i);
		if (strcmp(o->key, text_of(key)) != 0)
			continue;
		report(c, key, "holiday '%s' is set twice (also at %s:%d)",
		       o->key, o->loc.file, o->loc.line);
		return;
	}
	h.key = keep(c, text_of(key));
	struct rk_holiday_override *slot =
		h.key ? rk_school_add_holiday_override(c->school) : NULL;
	if (!slot) {
		c->nomem = true;
		return;
	}
	*slot = h;
}

static void map_holidays(struct ctx *c, yaml_node_t *node)
{
	yaml_node_pair_t *p;

	if (!want(c, node, YAML_MAPPING_NODE, "holidays"))
		return;
	for (p = node->data.mapping.pairs.start;
	     p < node->data.mapping.pairs.top; p++)
		if (pair_key(c, node, p, "holidays"))
			add_holiday(c, node_of(c, p->key),
				    node_of(c, p->value));
}

/* --- external and metingen ------------------------------------------------ */

static const struct choice external_choice = {
	N_("external kind"), rk_external_kind_parse,
	N_("forum, bootcamp, bedrijfsbezoek, webinar, pizzasessie or other")
};

enum { X_KIND, X_NAME, X_DATE, X_START, X_END, X_FOR, X_PEOPLE, N_X };

static const struct key external_keys[N_X] = {
	[X_KIND] = { "kind", true, NULL },
	[X_NAME] = { "name", true, NULL },
	[X_DATE] = { "date", true, NULL },
	[X_START] = { "start", false, NULL },
	[X_END] = { "end", false, NULL },
	[X_FOR] = { "for", false, NULL },
	[X_PEOPLE] = { "people", false, NULL },
};

/* `start` and `end` together, or neither for an all-day event. */
static bool get_event_times(struct ctx *c, const yaml_node_t *entry,
			    yaml_node_t **v, struct rk_external *e)
{
	if (!v[X_START] && !v[X_END])
		return true;
	if (!v[X_START] || !v[X_END]) {
		missing_key(c, entry, v[X_START] ? "end" : "start", "external");
		return false;
	}
	bool ok = get_time(c, v[X_START], "start", &e->start);
	ok = get_time(c, v[X_END], "end", &e->end) && ok;
	return ok && check_times(c, v[X_END], e->start, e->end);
}

static void add_audience(struct ctx *c, yaml_node_t *item, void *arg)
{
	struct rk_external *e = arg;
	const char *word = text_of(item);
	unsigned role = rk_role_parse(word);

	if (!strcasecmp(word, "all"))
		e->everyone = true;
	else if (!strcasecmp(word, "leerkracht_team"))
		e->leerkracht_team = true;
	else if (role)
		e->roles |= role;
	else
		report(c, item,
		       _("unknown role '%s': expected a role, leerkracht_team or all"),
		       word);
}

/* `for: all` reads better than `for: [all]`, so one word will do too. */
static void get_audience(struct ctx *c, yaml_node_t *node,
			 struct rk_external *e)
{
	if (!node)
		return;
	if (has_type(node, YAML_SCALAR_NODE))
		add_audience(c, node, e);
	else if (has_type(node, YAML_SEQUENCE_NODE))
		each_item(c, node, "for", add_audience, e);
	else
		report(c, node, _("'for' must be a text or a list"));
}

static void add_external(struct ctx *c, yaml_node_t *entry, void *arg)
{
	struct rk_external e = { .start = -1,
				 .end = -1,
				 .loc = loc_of(c, entry) };
	yaml_node_t *v[N_X];
	int kind = 0;

	get_keys(c, entry, "external", external_keys, N_X, v);
	bool ok = get_choice(c, v[X_KIND], "kind", &external_choice, &kind);
	ok = get_text(c, v[X_NAME], "name", &e.name) && ok;
	ok = get_date(c, v[X_DATE], "date", &e.date) && ok;
	if (v[X_DATE])
		e.date_loc = loc_of(c, v[X_DATE]);
	ok = get_event_times(c, entry, v, &e) && ok;
	get_audience(c, v[X_FOR], &e);
	get_refs(c, v[X_PEOPLE], "people", &e.people, &e.n_people);
	if (!v[X_FOR] && !v[X_PEOPLE]) {
		report(c, entry, _("either 'for' or 'people' is required"));
		ok = false;
	}
	if (!ok)
		return;
	e.kind = (enum rk_external_kind)kind;
	struct rk_external *slot = rk_school_add_external(c->school);
	if (!slot) {
		c->nomem = true;
		return;
	}
	*slot = e;
}

static void map_external(struct ctx *c, yaml_node_t *node)
{
	each_entry_of(c, node, "external", add_external);
}

static const struct choice meting_choice = {
	N_("meting kind"), rk_meting_parse,
	N_("cultuursurvey_start, cultuursurvey_eind, thermometer, 360_feedback or barometer")
};

enum { M_KIND, M_OPENS, M_DEADLINE, N_M };

static const struct key meting_keys[N_M] = {
	[M_KIND] = { "kind", true, NULL },
	[M_OPENS] = { "opens", true, NULL },
	[M_DEADLINE] = { "deadline", true, NULL },
};

static void add_meting(struct ctx *c, yaml_node_t *entry, void *arg)
{
	struct rk_meting_override m = { .loc = loc_of(c, entry) };
	yaml_node_t *v[N_M];
	int kind = 0;

	get_keys(c, entry, "metingen", meting_keys, N_M, v);
	bool ok = get_choice(c, v[M_KIND], "kind", &meting_choice, &kind);
	ok = get_date(c, v[M_OPENS], "opens", &m.opens) && ok;
	ok = get_date(c, v[M_DEADLINE], "deadline", &m.deadline) && ok;
	if (!ok || !check_dates(c, v[M_DEADLINE], "deadline", "opens", m.opens,
				m.deadline))
		return;
	m.kind = (enum rk_meting_kind)kind;
	struct rk_meting_override *slot =
		rk_school_add_meting_override(c->school);
	if (!slot) {
		c->nomem = true;
		return;
	}
	*slot = m;
}

static void map_metingen(struct ctx *c, yaml_node_t *node)
{
	each_entry_of(c, node, "metingen", add_meting);
}

/* --- ritmiek -------------------------------------------------------------- */

enum { PW_MIN, PW_MAX, N_PW };

static const struct key period_keys[N_PW] = {
	[PW_MIN] = { "min", false, NULL },
	[PW_MAX] = { "max", false, NULL },
};

static void map_period_weeks(struct ctx *c, yaml_node_t *node,
			     struct rk_settings *s)
{
	yaml_node_t *v[N_PW];
	int min = s->period_weeks_min, max = s->period_weeks_max;

	if (!node || !get_keys(c, node, "period_weeks", period_keys, N_PW, v))
		return;
	bool ok =
		!v[PW_MIN] || get_int_range(c, v[PW_MIN], "min",
					    _("period_weeks min"), 4, 8, &min);
	ok = (!v[PW_MAX] || get_int_range(c, v[PW_MAX], "max",
					  _("period_weeks max"), 4, 8, &max)) &&
	     ok;
	if (!ok)
		return;
	if (max < min) {
		report(c, v[PW_MAX], _("period_weeks max %d is below min %d"),
		       max, min);
		return;
	}
	s->period_weeks_min = min;
	s->period_weeks_max = max;
}

enum { W_DAYS, W_START, W_END, W_KINDS, N_W };

static const struct key window_keys[N_W] = {
	[W_DAYS] = { "days", true, NULL },
	[W_START] = { "start", true, NULL },
	[W_END] = { "end", true, NULL },
	[W_KINDS] = { "kinds", false, NULL },
};

static void add_kind(struct ctx *c, yaml_node_t *item, void *arg)
{
	struct bits *kinds = arg;
	int k = rk_event_kind_parse(text_of(item));
	if (k >= 0 && (RK_WINDOW_KINDS & (1u << k))) {
		kinds->set |= 1u << k;
		return;
	}
	report(c, item,
	       _("'%s' is not a session kind that windows govern; expected draagvlaksessie, startfase, bordsessie, leerkracht-team, gezamenlijk-lesontwerp, feedbackgesprek, verdieping, retrospectief, leerlingarena or verbindingssessie"),
	       text_of(item));
	kinds->ok = false;
}

static bool get_kinds(struct ctx *c, yaml_node_t *node, const char *name,
		      unsigned *out)
{
	struct bits kinds = { 0, true };
	if (!get_list(c, node, name))
		return false;
	each_item(c, node, name, add_kind, &kinds);
	*out = kinds.set;
	return kinds.ok;
}

static void add_window(struct ctx *c, yaml_node_t *entry, void *arg)
{
	struct rk_settings *s = arg;
	struct rk_window w = { .loc = loc_of(c, entry) };
	yaml_node_t *v[N_W];

	get_keys(c, entry, "windows", window_keys, N_W, v);
	bool ok = get_days(c, v[W_DAYS], "days", &w.days);
	ok = get_time(c, v[W_START], "start", &w.start) && ok;
	ok = get_time(c, v[W_END], "end", &w.end) && ok;
	ok = (!v[W_KINDS] || get_kinds(c, v[W_KINDS], "kinds", &w.kinds)) && ok;
	if (ok && check_times(c, v[W_END], w.start, w.end))
		s->windows[s->n_windows++] = w;
}

static void map_windows(struct ctx *c, yaml_node_t *node, struct rk_settings *s)
{
	if (!get_list(c, node, "windows"))
		return;
	s->windows = alloc_array(c, list_len(node), sizeof(*s->windows));
	s->n_windows = 0;
	if (s->windows)
		each_entry(c, node, "windows", add_window, s);
}

enum {
	RT_BORD,
	RT_GL,
	RT_FB,
	RT_PERIOD,
	RT_AVOID,
	RT_MULTI,
	RT_REMIND,
	RT_TTL,
	RT_WINDOWS,
	RT_EARLIEST,
	RT_LATEST,
	RT_TEAM_SESSIONS,
	N_RT
};

static const struct key ritmiek_keys[N_RT] = {
	[RT_BORD] = { "bordsessie_minutes", false, NULL },
	[RT_GL] = { "gl_minutes", false, NULL },
	[RT_FB] = { "fb_minutes", false, NULL },
	[RT_PERIOD] = { "period_weeks", false, NULL },
	[RT_AVOID] = { "avoid_toetsweken", false, NULL },
	[RT_MULTI] = { "allow_multi_team", false, NULL },
	[RT_REMIND] = { "reminder_minutes", false, NULL },
	[RT_TTL] = { "feed_ttl_hours", false, NULL },
	[RT_WINDOWS] = { "windows", false, NULL },
	[RT_EARLIEST] = { "earliest", false, NULL },
	[RT_LATEST] = { "latest", false, NULL },
	[RT_TEAM_SESSIONS] = { "team_sessions", false, NULL },
};

enum { TS_VERDIEPING, TS_RETRO, TS_ARENA, N_TS };

static const struct key team_session_keys[N_TS] = {
	[TS_VERDIEPING] = { "verdieping", false, NULL },
	[TS_RETRO] = { "retrospectief", false, NULL },
	[TS_ARENA] = { "leerlingarena", false, NULL },
};

static int parse_team_session(const char *text)
{
	return !strcmp(text, "own")		? 0
	       : !strcmp(text, "in_bordsessie") ? 1
						: -1;
}

/* team_sessions: {retrospectief: in_bordsessie}: which team sessions the
 * bordsessie of their week holds instead of an event of their own. */
static void map_team_sessions(struct ctx *c, yaml_node_t *node,
			      struct rk_settings *s)
{
	static const struct choice how = { N_("team session"),
					   parse_team_session,
					   N_("own or in_bordsessie") };
	static const int kinds[N_TS] = { RK_EV_VERDIEPING, RK_EV_RETROSPECTIVE,
					 RK_EV_LEERLINGARENA };
	yaml_node_t *v[N_TS];
	if (!node ||
	    !get_keys(c, node, "team_sessions", team_session_keys, N_TS, v))
		return;
	for (size_t i = 0; i < N_TS; i++) {
		int in = 0;
		if (v[i] &&
		    get_choice(c, v[i], team_session_keys[i].name, &how, &in) &&
		    in)
			s->in_bordsessie |= 1u << kinds[i];
	}
}

/* Bounds beyond bordsessie_minutes (15-45, from the programme) are
 * guards against typos, wide enough for any school. */
static void map_ritmiek(struct ctx *c, yaml_node_t *node)
{
	struct rk_settings *s = rk_school_settings(c->school);
	yaml_node_t *v[N_RT];

	if (!get_keys(c, node, "ritmiek", ritmiek_keys, N_RT, v))
		return;
	get_int_range(c, v[RT_BORD], "bordsessie_minutes", "bordsessie_minutes",
		      15, 45, &s->bordsessie_minutes);
	get_int_range(c, v[RT_GL], "gl_minutes", "gl_minutes", 15, 240,
		      &s->gl_minutes);
	get_int_range(c, v[RT_FB], "fb_minutes", "fb_minutes", 10, 120,
		      &s->fb_minutes);
	map_period_weeks(c, v[RT_PERIOD], s);
	get_bool(c, v[RT_AVOID], "avoid_toetsweken", &s->avoid_toetsweken);
	get_bool(c, v[RT_MULTI], "allow_multi_team", &s->allow_multi_team);
	get_int_range(c, v[RT_REMIND], "reminder_minutes", "reminder_minutes",
		      0, 1440, &s->reminder_minutes);
	get_int_range(c, v[RT_TTL], "feed_ttl_hours", "feed_ttl_hours", 1, 168,
		      &s->feed_ttl_hours);
	map_windows(c, v[RT_WINDOWS], s);
	if (v[RT_EARLIEST])
		get_time(c, v[RT_EARLIEST], "earliest", &s->earliest);
	if (v[RT_LATEST] && get_time(c, v[RT_LATEST], "latest", &s->latest))
		check_times(c, v[RT_LATEST], s->earliest, s->latest);
	map_team_sessions(c, v[RT_TEAM_SESSIONS], s);
}

/* --- cover ---------------------------------------------------------------- */

enum { CV_PERSON, CV_DAYS, CV_MAX, N_CV };

static const struct key cover_keys[N_CV] = {
	[CV_PERSON] = { "person", true, NULL },
	[CV_DAYS] = { "days", false, NULL },
	[CV_MAX] = { "max_per_week", false, NULL },
};

static void add_cover(struct ctx *c, yaml_node_t *entry, void *arg)
{
	(void)arg;
	struct rk_cover cv = { .loc = loc_of(c, entry) };
	yaml_node_t *v[N_CV];
	if (!get_keys(c, entry, "cover", cover_keys, N_CV, v))
		return;
	bool ok = get_ref(c, v[CV_PERSON], "person", &cv.person);
	ok = (!v[CV_DAYS] || get_days(c, v[CV_DAYS], "days", &cv.days)) && ok;
	ok = (!v[CV_MAX] ||
	      get_int_range(c, v[CV_MAX], "max_per_week", "max_per_week", 1, 50,
			    &cv.max_per_week)) &&
	     ok;
	if (!ok)
		return;
	struct rk_cover *slot = rk_school_add_cover(c->school);
	if (!slot) {
		c->nomem = true;
		return;
	}
	*slot = cv;
}

static void map_cover(struct ctx *c, yaml_node_t *node)
{
	each_entry_of(c, node, "cover", add_cover);
}

/* --- feeds ---------------------------------------------------------------- */

/* Whether @c may stand in the URL as it is: RFC 3986's unreserved,
 * sub-delims, ':', '@', '/' and '%'. The file names are appended after
 * it, so a query or fragment ('?', '#') has no place. */
static bool url_char(char ch)
{
	return isalnum((unsigned char)ch) || strchr("-._~!$&'()*+,;=:@/%", ch);
}

/* An https URL without spaces, query or fragment, with a host. */
static const char *url_problem(const char *text)
{
	static const char scheme[] = "https://";
	if (strncasecmp(text, "http://", 7) == 0)
		return _("calendar apps and browsers want https, not http");
	if (strncasecmp(text, scheme, sizeof(scheme) - 1) != 0)
		return _("expected an https:// address");
	const char *host = text + sizeof(scheme) - 1;
	if (!*host || *host == '/' || *host == ':')
		return _("the address has no host");
	for (const char *p = host; *p; p++)
		if (!url_char(*p))
			return *p == '?' || *p == '#'
				       ? _("the address of a folder has no "
					   "query or fragment ('?', '#')")
				       : _("the address has a character that "
					   "does not belong in a URL");
	return NULL;
}

enum { FD_BASE_URL, N_FD };

static const struct key feeds_keys[N_FD] = {
	[FD_BASE_URL] = { "base_url", true, NULL },
};

/* feeds: {base_url: https://...}: where feeds/ is served, kept with one
 * '/' at its end so that a file name can follow. */
static void map_feeds(struct ctx *c, yaml_node_t *node)
{
	struct rk_settings *s = rk_school_settings(c->school);
	yaml_node_t *v[N_FD];
	if (!get_keys(c, node, "feeds", feeds_keys, N_FD, v))
		return;
	const char *text = get_scalar(c, v[FD_BASE_URL], "base_url");
	if (!text)
		return;
	const char *problem = url_problem(text);
	if (problem) {
		report(c, v[FD_BASE_URL], _("bad base_url '%s': %s"), text,
		       problem);
		return;
	}
	size_t len = strlen(text);
	while (len && text[len - 1] == '/')
		len--;
	char *copy = malloc(len + 2);
	if (!copy) {
		c->nomem = true;
		return;
	}
	memcpy(copy, text, len);
	memcpy(copy, "https", 5); /* the scheme in lower case */
	memcpy(copy + len, "/", 2);
	s->feeds_base_url = keep(c, copy);
	s->feeds_base_url_loc = loc_of(c, v[FD_BASE_URL]);
	free(copy);
}

/* --- sections -------------------------------------------------------------- */

/* sections: {subject: section, ...}: the school's own sections for its
 * subject codes, before the table of ritmiek teams (data/sections.tsv). */
static void map_sections(struct ctx *c, yaml_node_t *node)
{
	yaml_node_pair_t *p;

	if (!want(c, node, YAML_MAPPING_NODE, "sections"))
		return;
	for (p = node->data.mapping.pairs.start;
	     p < node->data.mapping.pairs.top; p++) {
		const char *subject = pair_key(c, node, p, "sections");
		yaml_node_t *value = node_of(c, p->value);
		struct rk_section_override o = { .loc = loc_of(c, value) };
		if (!subject || !get_text(c, value, subject, &o.section))
			continue;
		o.subject = keep(c, subject);
		struct rk_section_override *slot =
			o.subject ? rk_school_add_section_override(c->school)
				  : NULL;
		if (!slot) {
			c->nomem = true;
			return;
		}
		*slot = o;
	}
}

/* --- team_forming ---------------------------------------------------------- */

enum { FORM_TOGETHER, FORM_APART, N_FORM };

static const struct key team_forming_keys[N_FORM] = {
	[FORM_TOGETHER] = { "together", false, NULL },
	[FORM_APART] = { "apart", false, NULL },
};

/* Each entry of @list (the value of @name) is a list of people ids. */
static void add_team_rules(struct ctx *c, yaml_node_t *list, const char *name,
			   bool together)
{
	if (!get_list(c, list, name))
		return;
	yaml_node_item_t *it;
	for (it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		yaml_node_t *entry = node_of(c, *it);
		struct rk_team_rule r = { .together = together,
					  .loc = loc_of(c, entry) };
		if (!get_refs(c, entry, name, &r.people, &r.n_people))
			continue;
		struct rk_team_rule *slot = rk_school_add_team_rule(c->school);
		if (!slot) {
			c->nomem = true;
			return;
		}
		*slot = r;
	}
}

/* team_forming: {together: [[A, B]], apart: [[C, D]]}: what ritmiek
 * teams keeps when it proposes lerarenteams. */
static void map_team_forming(struct ctx *c, yaml_node_t *node)
{
	yaml_node_t *v[N_FORM];
	if (!get_keys(c, node, "team_forming", team_forming_keys, N_FORM, v))
		return;
	add_team_rules(c, v[FORM_TOGETHER], "together", true);
	add_team_rules(c, v[FORM_APART], "apart", false);
}

/* --- The whole file ------------------------------------------------------- */

static void map_include(struct ctx *c, yaml_node_t *node);

/* In the order of doc/school-file.md. */
enum {
	TOP_SCHOOL,
	TOP_TIME_GRID,
	TOP_PEOPLE,
	TOP_PEOPLE_FILE,
	TOP_TEAMS,
	TOP_LKTEAM,
	TOP_TIMETABLE,
	TOP_AB_WEEKS,
	TOP_STUDIEDAGEN,
	TOP_TOETSWEKEN,
	TOP_FREE_DAYS,
	TOP_HOLIDAYS,
	TOP_EXTERNAL,
	TOP_METINGEN,
	TOP_RITMIEK,
	TOP_COVER,
	TOP_FEEDS,
	TOP_SECTIONS,
	TOP_TEAM_FORMING,
	/* Last: what the school file itself defines comes first, so that a
	 * repeat is reported in the included file. */
	TOP_INCLUDE,
	N_TOP
};

static const struct key top_keys[N_TOP] = {
	[TOP_SCHOOL] = { "school", true, map_school },
	[TOP_TIME_GRID] = { "time_grid", true, map_time_grid },
	[TOP_PEOPLE] = { "people", false, map_people },
	[TOP_PEOPLE_FILE] = { "people_file", false, map_people_file },
	[TOP_TEAMS] = { "teams", true, map_teams },
	[TOP_LKTEAM] = { "leerkracht_team", true, map_lkteam },
	[TOP_TIMETABLE] = { "timetable", false, map_timetable },
	[TOP_AB_WEEKS] = { "ab_weeks", false, map_ab_weeks },
	[TOP_STUDIEDAGEN] = { "studiedagen", false, map_studiedagen },
	[TOP_TOETSWEKEN] = { "toetsweken", false, map_toetsweken },
	[TOP_FREE_DAYS] = { "free_days", false, map_free_days },
	[TOP_HOLIDAYS] = { "holidays", false, map_holidays },
	[TOP_EXTERNAL] = { "external", false, map_external },
	[TOP_METINGEN] = { "metingen", false, map_metingen },
	[TOP_RITMIEK] = { "ritmiek", false, map_ritmiek },
	[TOP_COVER] = { "cover", false, map_cover },
	[TOP_FEEDS] = { "feeds", false, map_feeds },
	[TOP_SECTIONS] = { "sections", false, map_sections },
	[TOP_TEAM_FORMING] = { "team_forming", false, map_team_forming },
	[TOP_INCLUDE] = { "include", false, map_include },
};

static void map_root(struct ctx *c, yaml_node_t *root)
{
	struct rk_team *lk = rk_school_lkteam(c->school);
	yaml_node_t *v[N_TOP];

	/* Later stages print these even when the file lacks the sections. */
	rk_school_info(c->school)->loc = loc_of(c, root);
	lk->id = keep(c, "leerkracht-team");
	lk->name = keep(c, "leerKRACHT-team");
	lk->loc = loc_of(c, root);
	if (!has_type(root, YAML_MAPPING_NODE)) {
		report(c, root, _("the school file must be a mapping"));
		return;
	}
	get_keys(c, root, "school file", top_keys, N_TOP, v);
	if (!v[TOP_PEOPLE] && !v[TOP_PEOPLE_FILE])
		report(c, root,
		       _("either 'people' or 'people_file' is required"));
	for (size_t i = 0; i < N_TOP; i++)
		if (v[i])
			top_keys[i].map(c, v[i]);
}

/* --- Reading -------------------------------------------------------------- */

/* libyaml places reader errors (bad UTF-8, control characters) by byte
 * offset only. Columns count characters, as libyaml's marks do. */
static void place_of_offset(const char *text, size_t len, size_t offset,
			    int *line, int *column)
{
	*line = 1;
	*column = 1;
	for (size_t i = 0; i < offset && i < len; i++) {
		if (text[i] == '\n') {
			++*line;
			*column = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			++*column;
		}
	}
}

static void syntax_error(struct ctx *c, const yaml_parser_t *parser,
			 const char *text, size_t len)
{
	int line = (int)parser->problem_mark.line + 1;
	int column = (int)parser->problem_mark.column + 1;
	if (parser->error == YAML_MEMORY_ERROR) {
		c->nomem = true;
		return;
	}
	if (parser->error == YAML_READER_ERROR)
		place_of_offset(text, len, parser->problem_offset, &line,
				&column);
	report_at(c, line, column, _("YAML syntax: %s"),
		  parser->problem ? parser->problem : _("unknown problem"));
}

/* A second document would be silently ignored; say so instead. */
static void check_single_document(struct ctx *c, yaml_parser_t *parser,
				  const char *text, size_t len)
{
	yaml_document_t next;
	if (!yaml_parser_load(parser, &next)) {
		syntax_error(c, parser, text, len);
		return;
	}
	if (yaml_document_get_root_node(&next))
		report_at(
			c, (int)next.start_mark.line + 1,
			(int)next.start_mark.column + 1,
			_("the school file holds more than one YAML document"));
	yaml_document_delete(&next);
}

/* How deep a school file may nest: it needs five levels. libyaml's loader
 * has no limit, and its scanner is quadratic in the depth (100,000 levels
 * took 38 s in flow style, 88 s in block style). */
#define MAX_DEPTH 32

/* One collection still open in the scan: its anchor, NULL when none. */
struct open_node {
	char *anchor;
};

/* Whether the alias @name refers to a collection that is still open,
 * that is, to one that contains the alias: the document would be a cycle. */
static bool refers_to_open(const struct open_node *open, size_t depth,
			   const char *name)
{
	for (size_t i = 0; i < depth; i++)
		if (open[i].anchor && !strcmp(open[i].anchor, name))
			return true;
	return false;
}

/* Handles one event of the scan; false when it ends the scan (reported). */
static bool scan_event(struct ctx *c, const yaml_event_t *ev,
		       struct open_node *open, size_t *depth)
{
	const yaml_char_t *anchor = NULL;
	int line = (int)ev->start_mark.line + 1;
	int column = (int)ev->start_mark.column + 1;

	switch (ev->type) {
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (*depth > 0)
			free(open[--*depth].anchor);
		return true;
	case YAML_ALIAS_EVENT:
		if (!refers_to_open(open, *depth,
				    (const char *)ev->data.alias.anchor))
			return true;
		if (c->board)
			report_at(
				c, line, column,
				_("the alias *%s is inside the node it names: "
				  "the board file would never end"),
				(const char *)ev->data.alias.anchor);
		else
			report_at(
				c, line, column,
				_("the alias *%s is inside the node it names: "
				  "the school file would never end"),
				(const char *)ev->data.alias.anchor);
		return false;
	default:
		return true;
	}
	if (*depth == MAX_DEPTH) {
		if (c->board)
			report_at(c, line, column,
				  _("the YAML nests more than %d levels deep "
				    "here (a board file needs two)"),
				  MAX_DEPTH);
		else
			report_at(c, line, column,
				  _("the YAML nests more than %d levels deep "
				    "here (a school file needs five)"),
				  MAX_DEPTH);
		return false;
	}
	open[*depth].anchor = anchor ? strdup((const char *)anchor) : NULL;
	if (anchor && !open[*depth].anchor) {
		c->nomem = true;
		return false;
	}
	++*depth;
	return true;
}

/* Scans the events of @text before the loader builds the document: false
 * (reported) when it nests too deep or an alias would make a cycle. A
 * syntax error ends the scan with true: the loader reports it. The scan
 * stops at the first problem, so libyaml never sees more than MAX_DEPTH
 * levels. */
static bool scan_events(struct ctx *c, const char *text, size_t len)
{
	struct open_node open[MAX_DEPTH];
	size_t depth = 0;
	bool ok = true, done = false;
	yaml_parser_t parser;

	if (!yaml_parser_initialize(&parser)) {
		c->nomem = true;
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (ok && !done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev))
			break;
		ok = scan_event(c, &ev, open, &depth);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	while (depth > 0)
		free(open[--depth].anchor);
	yaml_parser_delete(&parser);
	return ok;
}

/* Parses @text into @doc (to be deleted by the caller) and returns true;
 * false when there is nothing to map: a syntax error, an empty file (both
 * reported) or no memory. */
static bool read_document(struct ctx *c, const char *text, size_t len,
			  yaml_document_t *doc)
{
	yaml_parser_t parser;
	bool loaded = false;

	if (!scan_events(c, text, len))
		return false;
	if (!yaml_parser_initialize(&parser)) {
		c->nomem = true;
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, doc)) {
		syntax_error(c, &parser, text, len);
		goto out;
	}
	if (!yaml_document_get_root_node(doc)) {
		report_at(c, 0, 0,
			  c->board ? _("the board file is empty")
				   : _("the school file is empty"));
		yaml_document_delete(doc);
		goto out;
	}
	loaded = true;
	if (!c->board)
		check_single_document(c, &parser, text, len);
out:
	yaml_parser_delete(&parser);
	return loaded;
}

static enum rk_status read_text(struct ctx *c, char **text, size_t *len)
{
	enum rk_status status = rk_textfile_read_max(
		c->path, RK_TEXTFILE_MAX_SCHOOL, text, len);
	int err = errno;
	if (status == RK_ERR_IO)
		report_at(c, 0, 0, _("cannot read file: %s"),
			  rk_textfile_strerror(err));
	return status;
}

/* --- include ------------------------------------------------------------- */

/* What an included file may hold: what a board or region shares. Its
 * own includes last, as in the school file. */
static const struct key include_keys[] = {
	{ "people", false, map_people },
	{ "external", false, map_external },
	{ "holidays", false, map_holidays },
	{ "metingen", false, map_metingen },
	{ "include", false, map_include },
};

#define N_INCLUDE_KEYS (sizeof(include_keys) / sizeof(include_keys[0]))

/* A school file includes a board file that includes a region file; a
 * chain longer than this is a mistake. */
#define MAX_INCLUDE_DEPTH 8

/* The file @c reads or one that includes it, when it is @real: a cycle. */
static const struct ctx *includer(const struct ctx *c, const char *real)
{
	for (; c; c = c->parent) {
		char *mine = realpath(c->path, NULL);
		bool same = mine && !strcmp(mine, real);
		free(mine);
		if (same)
			return c;
	}
	return NULL;
}

/* Whether the file at @path, named at @node of @c, may be read: it
 * exists, is no cycle and not too deep (reported when not). */
static bool may_include(struct ctx *c, const yaml_node_t *node,
			const char *path)
{
	char *real = realpath(path, NULL);
	if (!real) {
		report(c, node, _("cannot read included file '%s': %s"),
		       text_of(node), rk_textfile_strerror(errno));
		return false;
	}
	const struct ctx *loop = includer(c, real);
	free(real);
	if (loop)
		report(c, node,
		       _("include '%s' makes a cycle: %s is already being read"),
		       text_of(node), loop->path);
	else if (c->depth >= MAX_INCLUDE_DEPTH)
		report(c, node, _("includes nest more than %d files deep"),
		       MAX_INCLUDE_DEPTH);
	return !loop && c->depth < MAX_INCLUDE_DEPTH;
}

/* Reads the file @item names into the school, with its own places. */
static void include_file(struct ctx *c, yaml_node_t *item, void *arg)
{
	const char *path = get_path(c, item, "include");
	struct ctx sub = { .path = path,
			   .file = path,
			   .school = c->school,
			   .diags = c->diags,
			   .parent = c,
			   .depth = c->depth + 1,
			   .importers = c->importers };
	yaml_document_t doc;
	char *text = NULL;
	size_t len = 0;
	if (!path || !may_include(c, item, path))
		return;
	if (rk_textfile_read_max(path, RK_TEXTFILE_MAX_SCHOOL, &text, &len) !=
	    RK_OK) {
		report(c, item, _("cannot read included file '%s': %s"),
		       text_of(item), rk_textfile_strerror(errno));
		free(text);
		return;
	}
	if (read_document(&sub, text, len, &doc)) {
		yaml_node_t *root = yaml_document_get_root_node(&doc);
		yaml_node_t *v[N_INCLUDE_KEYS];
		sub.doc = &doc;
		if (get_keys(&sub, root, _("included file"), include_keys,
			     N_INCLUDE_KEYS, v))
			for (size_t i = 0; i < N_INCLUDE_KEYS; i++)
				if (v[i])
					include_keys[i].map(&sub, v[i]);
		yaml_document_delete(&doc);
	}
	c->nomem = c->nomem || sub.nomem;
	free(text);
}

/* `include: FILE` or a list of files, relative to the including file. */
static void map_include(struct ctx *c, yaml_node_t *node)
{
	if (has_type(node, YAML_SCALAR_NODE))
		include_file(c, node, NULL);
	else if (want(c, node, YAML_SEQUENCE_NODE, "include"))
		each_item(c, node, "include", include_file, NULL);
}

/* Hands the problems over in file order; the status says what happened. */
static enum rk_status hand_over(struct ctx *c, enum rk_status status,
				struct rk_diags *diags)
{
	int was_oom = rk_diags_oom(diags);

	rk_diags_sort(c->diags);
	for (size_t i = 0; i < rk_diags_count(c->diags); i++) {
		const struct rk_diag *d = rk_diags_get(c->diags, i);
		rk_diags_add(diags, d->severity, d->file, d->line, d->column,
			     "%s", d->message);
	}
	if (c->nomem || rk_diags_oom(c->diags) ||
	    (rk_diags_oom(diags) && !was_oom))
		return RK_ERR_NOMEM;
	if (status != RK_OK)
		return status;
	return rk_diags_errors(c->diags) ? RK_ERR_INPUT : RK_OK;
}

enum rk_status rk_school_yaml_load(const char *path, struct rk_school **out,
				   struct rk_diags *diags)
{
	return rk_school_yaml_load_formats(path, rk_importers(), out, diags);
}

enum rk_status rk_school_yaml_load_formats(
	const char *path, const struct rk_importer *const *importers,
	struct rk_school **out, struct rk_diags *diags)
{
	struct ctx c = { .path = path, .importers = importers };
	yaml_document_t doc;
	char *text = NULL;
	size_t len = 0;
	bool loaded = false;
	enum rk_status status = RK_ERR_NOMEM;

	if (!out)
		return RK_ERR_ARG;
	*out = NULL;
	if (!path || !importers || !importers[0])
		return RK_ERR_ARG;
	c.diags = rk_diags_new();
	c.school = rk_school_new();
	if (!c.diags || !c.school)
		goto out;
	c.file = keep(&c, path);
	rk_school_info(c.school)->source_file = c.file;
	status = read_text(&c, &text, &len);
	if (status == RK_OK)
		loaded = read_document(&c, text, len, &doc);
	if (loaded) {
		c.doc = &doc;
		map_root(&c, yaml_document_get_root_node(&doc));
	}
	status = hand_over(&c, status, diags);
out:
	if (loaded)
		yaml_document_delete(&doc);
	free(text);
	if (status == RK_OK || status == RK_ERR_INPUT)
		*out = c.school;
	else
		rk_school_free(c.school);
	rk_diags_free(c.diags);
	return status;
}

/* --- Board files ---------------------------------------------------------- */

/* The board's own message: it has two keys, there is nothing to guess. */
static void unknown_board_key(struct ctx *c, const yaml_node_t *key,
			      const yaml_node_t *value, const struct key *keys,
			      size_t n, void *arg)
{
	report(c, key,
	       _("unknown key '%s' in the board file: expected name or "
		 "schools"),
	       text_of(key));
}

static void add_board_school(struct ctx *c, yaml_node_t *item, void *arg)
{
	struct rk_board *b = arg;
	if (!has_type(item, YAML_SCALAR_NODE) || !*text_of(item)) {
		report(c, item,
		       _("a school must be the name of a school file"));
		return;
	}
	b->schools[b->n_schools] = rk_path_relative_to(c->path, text_of(item));
	if (!b->schools[b->n_schools++])
		c->nomem = true;
}

static void add_board_schools(struct ctx *c, struct rk_board *b,
			      yaml_node_t *list)
{
	if (!has_type(list, YAML_SEQUENCE_NODE)) {
		report(c, list, _("'schools' must be a list of school files"));
		return;
	}
	size_t n = list_len(list);
	if (!n)
		report(c, list, _("'schools' lists no school file"));
	b->schools = calloc(n ? n : 1, sizeof(*b->schools));
	if (!b->schools) {
		c->nomem = true;
		return;
	}
	yaml_node_item_t *it;
	for (it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top && !c->nomem; it++)
		add_board_school(c, node_of(c, *it), b);
}

/* The keys of a board file: `name` (optional) and `schools`. */
static void map_board(struct ctx *c, yaml_node_t *root, struct rk_board *b)
{
	static const struct key keys[] = { { "name", false, NULL },
					   { "schools", false, NULL } };
	struct unknown unknown = { unknown_board_key, NULL };
	yaml_node_t *v[2];
	if (!has_type(root, YAML_MAPPING_NODE)) {
		report(c, root, _("the board file must be a mapping"));
		return;
	}
	get_keys_or(c, root, "board file", keys, 2, v, &unknown);
	const char *name = v[0] ? get_scalar(c, v[0], "name") : "";
	b->name = strdup(name ? name : "");
	if (!b->name)
		c->nomem = true;
	if (v[1])
		add_board_schools(c, b, v[1]);
	else
		report(c, root, _("'schools' is required"));
}

/* Reads the board file at @path with @c (@c->diags set) into @doc: false
 * when there is nothing to map. */
static bool read_board(struct ctx *c, char **text, yaml_document_t *doc,
		       enum rk_status *status)
{
	size_t len = 0;
	c->board = true;
	c->file = c->path;
	*status = read_text(c, text, &len);
	return *status == RK_OK && read_document(c, *text, len, doc);
}

enum rk_status rk_school_yaml_board(const char *path, struct rk_board *board,
				    struct rk_diags *diags)
{
	struct ctx c = { .path = path };
	yaml_document_t doc;
	char *text = NULL;
	enum rk_status status = RK_ERR_NOMEM;
	if (!path || !board)
		return RK_ERR_ARG;
	c.diags = rk_diags_new();
	if (!c.diags)
		return RK_ERR_NOMEM;
	bool loaded = read_board(&c, &text, &doc, &status);
	if (loaded) {
		c.doc = &doc;
		map_board(&c, yaml_document_get_root_node(&doc), board);
		yaml_document_delete(&doc);
	}
	status = hand_over(&c, status, diags);
	free(text);
	rk_diags_free(c.diags);
	return status;
}

bool rk_school_yaml_is_board(const char *path)
{
	struct ctx c = { .path = path, .diags = rk_diags_new() };
	yaml_document_t doc;
	char *text = NULL;
	enum rk_status status;
	bool board = false;
	if (c.diags && path && read_board(&c, &text, &doc, &status)) {
		yaml_node_t *root = yaml_document_get_root_node(&doc);
		c.doc = &doc;
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
		     has_type(root, YAML_MAPPING_NODE) &&
		     p < root->data.mapping.pairs.top;
		     p++) {
			const yaml_node_t *key = node_of(&c, p->key);
			board = board || (key->type == YAML_SCALAR_NODE &&
					  !strcmp(text_of(key), "schools"));
		}
		yaml_document_delete(&doc);
	}
	free(text);
	rk_diags_free(c.diags);
	return board;
}
