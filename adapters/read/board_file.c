/* board_file.c - the board file (doc/board.md) and the quick reading of a
 * board's schools before they are planned. */
#include "config.h"

#include "board_file.h"

#include <stdlib.h>
#include <string.h>

#include <errno.h>
#include <yaml.h>

#include "i18n.h"
#include "people_csv.h"
#include "school_yaml.h"
#include "textfile.h"

/* A board file lists school files: it is small. */
#define BOARD_MAX ((size_t)1 << 20)

static int line_of(const yaml_node_t *node)
{
	return (int)node->start_mark.line + 1;
}

static int column_of(const yaml_node_t *node)
{
	return (int)node->start_mark.column + 1;
}

/* A board file needs two levels; libyaml's loader has no limit and is
 * slow on deep nesting (see school_yaml.c), so the events are counted
 * first. */
#define MAX_DEPTH 32

/* Whether @text nests at most MAX_DEPTH levels (reported when not). A
 * syntax error ends the scan with true: the loader reports it. */
static bool shallow(const char *path, const char *text, size_t len,
		    struct rk_diags *diags)
{
	yaml_parser_t parser;
	int depth = 0;
	bool ok = true, done = false;
	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (ok && !done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev))
			break;
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT)
			ok = ++depth <= MAX_DEPTH;
		else if (ev.type == YAML_SEQUENCE_END_EVENT ||
			 ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		done = ev.type == YAML_STREAM_END_EVENT;
		if (!ok && diags)
			rk_diags_add(
				diags, RK_SEV_ERROR, path,
				(int)ev.start_mark.line + 1,
				(int)ev.start_mark.column + 1,
				_("the YAML nests more than %d levels deep "
				  "here (a board file needs two)"),
				MAX_DEPTH);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return ok;
}

/* Parses @path into @doc; false (reported) when it cannot be. */
static bool load_doc(const char *path, yaml_document_t *doc,
		     struct rk_diags *diags, enum rk_status *status)
{
	char *text = NULL;
	size_t len = 0;
	yaml_parser_t parser;
	bool ok = false;

	*status = rk_textfile_read_max(path, BOARD_MAX, &text, &len);
	if (*status != RK_OK) {
		if (*status == RK_ERR_IO && diags)
			rk_diags_add(diags, RK_SEV_ERROR, path, 0, 0,
				     _("cannot read file: %s"),
				     rk_textfile_strerror(errno));
		return false;
	}
	if (!shallow(path, text, len, diags)) {
		free(text);
		*status = RK_ERR_INPUT;
		return false;
	}
	if (!yaml_parser_initialize(&parser)) {
		free(text);
		*status = RK_ERR_NOMEM;
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	ok = yaml_parser_load(&parser, doc);
	if (!ok && diags)
		rk_diags_add(diags, RK_SEV_ERROR, path,
			     (int)parser.problem_mark.line + 1,
			     (int)parser.problem_mark.column + 1,
			     _("YAML syntax: %s"),
			     parser.problem ? parser.problem
					    : _("unknown problem"));
	if (ok && !yaml_document_get_root_node(doc)) {
		yaml_document_delete(doc);
		if (diags)
			rk_diags_add(diags, RK_SEV_ERROR, path, 0, 0,
				     _("the board file is empty"));
		ok = false;
	}
	*status = ok ? RK_OK : RK_ERR_INPUT;
	yaml_parser_delete(&parser);
	free(text);
	return ok;
}

static const char *scalar(const yaml_node_t *node)
{
	return node && node->type == YAML_SCALAR_NODE
		       ? (const char *)node->data.scalar.value
		       : NULL;
}

/* The value of @key in the mapping @map, or NULL. */
static yaml_node_t *value_of(yaml_document_t *doc, const yaml_node_t *map,
			     const char *key)
{
	if (map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		const char *k = scalar(yaml_document_get_node(doc, p->key));
		if (k && !strcmp(k, key))
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

bool rk_board_file_is(const char *path)
{
	yaml_document_t doc;
	enum rk_status status;
	if (!load_doc(path, &doc, NULL, &status))
		return false;
	bool board = value_of(&doc, yaml_document_get_root_node(&doc),
			      "schools") != NULL;
	yaml_document_delete(&doc);
	return board;
}

void rk_board_free(struct rk_board *board)
{
	if (!board)
		return;
	for (size_t i = 0; i < board->n_schools; i++)
		free(board->schools[i]);
	free(board->schools);
	free((char *)board->name);
	free(board);
}

static void problem(struct rk_diags *diags, const char *path,
		    const yaml_node_t *node, const char *text)
{
	rk_diags_add(diags, RK_SEV_ERROR, path, line_of(node), column_of(node),
		     "%s", text);
}

static enum rk_status add_schools(struct rk_board *b, const char *path,
				  yaml_document_t *doc, const yaml_node_t *list,
				  struct rk_diags *diags)
{
	if (list->type != YAML_SEQUENCE_NODE) {
		problem(diags, path, list,
			_("'schools' must be a list of school files"));
		return RK_ERR_INPUT;
	}
	size_t n = (size_t)(list->data.sequence.items.top -
			    list->data.sequence.items.start);
	b->schools = calloc(n ? n : 1, sizeof(*b->schools));
	if (!b->schools)
		return RK_ERR_NOMEM;
	enum rk_status status = n ? RK_OK : RK_ERR_INPUT;
	if (!n)
		problem(diags, path, list, _("'schools' lists no school file"));
	for (size_t i = 0; i < n; i++) {
		const yaml_node_t *item = yaml_document_get_node(
			doc, list->data.sequence.items.start[i]);
		const char *name = scalar(item);
		if (!name || !*name) {
			problem(diags, path, item,
				_("a school must be the name of a school file"));
			status = RK_ERR_INPUT;
			continue;
		}
		b->schools[b->n_schools] = rk_path_relative_to(path, name);
		if (!b->schools[b->n_schools++])
			return RK_ERR_NOMEM;
	}
	return status;
}

/* The keys of a board file: `name` (optional) and `schools`. */
static enum rk_status map_board(struct rk_board *b, const char *path,
				yaml_document_t *doc, struct rk_diags *diags)
{
	const yaml_node_t *root = yaml_document_get_root_node(doc);
	if (root->type != YAML_MAPPING_NODE) {
		problem(diags, path, root,
			_("the board file must be a mapping"));
		return RK_ERR_INPUT;
	}
	enum rk_status status = RK_OK;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		const yaml_node_t *key = yaml_document_get_node(doc, p->key);
		const char *k = scalar(key);
		if (k && (!strcmp(k, "name") || !strcmp(k, "schools")))
			continue;
		rk_diags_add(diags, RK_SEV_ERROR, path, line_of(key),
			     column_of(key),
			     _("unknown key '%s' in the board file: expected "
			       "name or schools"),
			     k ? k : "?");
		status = RK_ERR_INPUT;
	}
	const yaml_node_t *name = value_of(doc, root, "name");
	const yaml_node_t *list = value_of(doc, root, "schools");
	b->name = strdup(scalar(name) ? scalar(name) : "");
	if (!b->name)
		return RK_ERR_NOMEM;
	if (name && !scalar(name)) {
		problem(diags, path, name, _("'name' must be a text"));
		status = RK_ERR_INPUT;
	}
	if (!list) {
		problem(diags, path, root, _("'schools' is required"));
		return RK_ERR_INPUT;
	}
	enum rk_status s = add_schools(b, path, doc, list, diags);
	return s != RK_OK ? s : status;
}

enum rk_status rk_board_read(const char *path, struct rk_board **out,
			     struct rk_diags *diags)
{
	yaml_document_t doc;
	enum rk_status status;
	*out = NULL;
	if (!load_doc(path, &doc, diags, &status))
		return status;
	struct rk_board *b = calloc(1, sizeof(*b));
	status = b ? map_board(b, path, &doc, diags) : RK_ERR_NOMEM;
	yaml_document_delete(&doc);
	if (status == RK_OK)
		*out = b;
	else
		rk_board_free(b);
	return status;
}

enum rk_status rk_board_school_read(const char *path, struct rk_school **out,
				    struct rk_diags *diags)
{
	enum rk_status status = rk_school_yaml_load(path, out, diags);
	if (status != RK_OK) {
		rk_school_free(*out);
		*out = NULL;
		return status;
	}
	const struct rk_school_info *info = rk_school_get_info(*out);
	if (info->people_file)
		status = rk_people_csv_load(*out, info->people_file, diags);
	if (status != RK_OK) {
		rk_school_free(*out);
		*out = NULL;
	}
	return status;
}
