#include "config.h"

#include "school_writer.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "date.h"

/* Words YAML 1.1 reads as booleans or null when plain. */
static const char *const special_words[] = { "y",    "n",   "yes",  "no",
					     "on",   "off", "true", "false",
					     "null", "~" };

static bool plain_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' ||
	       c == '@' || c == '/';
}

static bool plain_safe(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 ||
	    !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) ||
	    s[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!plain_char((unsigned char)s[i]) &&
		    !(s[i] == ' ' && s[i + 1] != ' '))
			return false;
	for (size_t i = 0; i < sizeof(special_words) / sizeof(*special_words);
	     i++)
		if (!strcasecmp(s, special_words[i]))
			return false;
	return true;
}

void rk_yaml_put_scalar(FILE *out, const char *s)
{
	if (!s)
		s = "";
	if (plain_safe(s)) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n;
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else if (*p < 0x80)
			putc(*p, out);
		else if ((n = rk_charset_sequence((const char *)p, 4)) > 0) {
			fwrite(p, 1, n, out);
			p += n;
			continue;
		} else
			fputs("\\uFFFD", out);
		p++;
	}
	putc('"', out);
}

static void put_list(FILE *out, const struct rk_strlist *l)
{
	putc('[', out);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			fputs(", ", out);
		rk_yaml_put_scalar(out, l->items[i]);
	}
	putc(']', out);
}

static void put_refs(FILE *out, const struct rk_ref *refs, size_t n)
{
	putc('[', out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", out);
		rk_yaml_put_scalar(out, refs[i].id);
	}
	putc(']', out);
}

static void put_time(FILE *out, int minutes)
{
	char buf[RK_TIME_BUFSIZE];
	rk_time_format(minutes, buf);
	fprintf(out, "\"%s\"", buf);
}

#define GUESSED "# geraden uit het rooster: "

static void write_school(FILE *out, const struct rk_draft *d)
{
	const struct rk_school_info *info = rk_school_get_info(d->school);
	fputs("school:\n  id: ", out);
	rk_yaml_put_scalar(out, info->id);
	fputs("\n  name: ", out);
	rk_yaml_put_scalar(out, info->name);
	if (d->name_guessed)
		fputs("   # geraden: vul de naam van de school in", out);
	fprintf(out, "\n  type: %s", rk_school_type_name(info->type));
	if (d->kind_guessed)
		fputs("   # geraden: po, vo of mbo", out);
	fprintf(out, "\n  region: %s\n  school_year: \"%d-%d\"\n",
		rk_region_name(info->region), info->year, info->year + 1);
}

static void write_grid(FILE *out, const struct rk_draft *d)
{
	const struct rk_grid *g = rk_school_get_grid(d->school, 0);
	fputs("time_grid:\n", out);
	if (d->grid == RK_GRID_USUAL)
		fprintf(out,
			"  " GUESSED "het rooster geeft alleen lesuurnummers;\n"
			"  # dit zijn lesuren van %d minuten vanaf 08:30 met "
			"pauzes na het 2e en 4e uur.\n"
			"  # Zet hier de echte lestijden van de school.\n",
			d->lesson_minutes);
	else
		fputs("  " GUESSED "de begin- en eindtijden van de lessen;\n"
		      "  # controleer of dit de lesuren van de school zijn.\n",
		      out);
	fputs("  default:\n", out);
	for (size_t i = 0; g && i < g->n; i++) {
		fprintf(out, "    - {lesuur: %d, start: ", g->hours[i].number);
		put_time(out, g->hours[i].start);
		fputs(", end: ", out);
		put_time(out, g->hours[i].end);
		fputs("}\n", out);
	}
}

static void put_workdays(FILE *out, unsigned days)
{
	bool first = true;
	putc('[', out);
	for (int d = 0; d < 7; d++)
		if (days & (1u << d)) {
			fprintf(out, "%s%s", first ? "" : ", ",
				rk_weekday_abbr(d));
			first = false;
		}
	putc(']', out);
}

static void put_roles(FILE *out, unsigned roles)
{
	bool first = true;
	putc('[', out);
	for (int r = 0; r < RK_N_ROLES; r++)
		if (roles & (1u << r)) {
			fprintf(out, "%s%s", first ? "" : ", ",
				rk_role_name((enum rk_role)(1u << r)));
			first = false;
		}
	putc(']', out);
}

/* "naam (de code), werkdagen, vakken" for the bits of @guessed. */
static void put_guesses(FILE *out, unsigned guessed)
{
	static const struct {
		unsigned bit;
		const char *words;
	} words[] = {
		{ RK_GUESS_NAME, "naam (de code)" },
		{ RK_GUESS_ROLE, "rol leraar" },
		{ RK_GUESS_WORKDAYS, "werkdagen" },
		{ RK_GUESS_SUBJECTS, "vakken" },
		{ RK_GUESS_GRADES, "leerjaren" },
	};
	bool first = true;
	if (!guessed)
		return;
	fputs("   " GUESSED, out);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (guessed & words[i].bit) {
			fprintf(out, "%s%s", first ? "" : ", ", words[i].words);
			first = false;
		}
}

static void write_person(FILE *out, const struct rk_person *p, unsigned guessed)
{
	fputs("  - {id: ", out);
	rk_yaml_put_scalar(out, p->id);
	fputs(", name: ", out);
	rk_yaml_put_scalar(out, p->name);
	if (p->email) {
		fputs(", email: ", out);
		rk_yaml_put_scalar(out, p->email);
	}
	if (p->roles != RK_ROLE_LERAAR) {
		fputs(", roles: ", out);
		put_roles(out, p->roles);
	}
	if (p->workdays != RK_WORKDAYS_DEFAULT) {
		fputs(", workdays: ", out);
		put_workdays(out, p->workdays);
	}
	if (p->subjects.n) {
		fputs(", subjects: ", out);
		put_list(out, &p->subjects);
	}
	if (p->grades.n) {
		fputs(", grades: ", out);
		put_list(out, &p->grades);
	}
	fputs("}", out);
	put_guesses(out, guessed);
	putc('\n', out);
}

static void write_people(FILE *out, const struct rk_draft *d)
{
	size_t n = rk_school_n_person(d->school);
	fputs("people:\n", out);
	if (n == 0)
		fputs("  []\n", out);
	for (size_t i = 0; i < n; i++)
		write_person(out, rk_school_get_person(d->school, i),
			     i < d->n_guessed ? d->guessed[i] : 0);
}

static void write_teams(FILE *out, const struct rk_draft *d)
{
	size_t n = rk_school_n_team(d->school);
	fputs("teams:\n", out);
	if (d->teams_solver)
		fprintf(out,
			"  # voorgesteld door ritmiek (GLPK, %s): teams van 5 "
			"tot 10 leraren uit\n"
			"  # dezelfde sectie en leerjaren, met elke week "
			"gemeenschappelijke vrije\n"
			"  # momenten. Controleer de indeling en kies per team "
			"een schoolcoach\n"
			"  # (schoolcoach: ID, een lid van het team).\n",
			d->teams_solver);
	if (d->teams_todo) {
		fputs("  # TODO: verdeel in lerarenteams (ritmiek teams).\n"
		      "  # De leraren uit het rooster:\n",
		      out);
		for (size_t i = 0; i < rk_school_n_person(d->school); i++) {
			const struct rk_person *p =
				rk_school_get_person(d->school, i);
			if (!(p->roles & RK_ROLE_LERAAR))
				continue;
			fputs("  #   ", out);
			rk_yaml_put_scalar(out, p->id);
			putc('\n', out);
		}
	}
	if (n == 0)
		fputs("  []\n", out);
	for (size_t i = 0; i < n; i++) {
		const struct rk_team *t = rk_school_get_team(d->school, i);
		if (i < d->n_team_notes && d->team_notes[i])
			fprintf(out, "  # %s\n", d->team_notes[i]);
		fputs("  - id: ", out);
		rk_yaml_put_scalar(out, t->id);
		fputs("\n    name: ", out);
		rk_yaml_put_scalar(out, t->name);
		fputs("\n    members: ", out);
		put_refs(out, t->members, t->n_members);
		if (t->coach.id) {
			fputs("\n    schoolcoach: ", out);
			rk_yaml_put_scalar(out, t->coach.id);
		}
		putc('\n', out);
	}
}

/* Left empty for the school: who prepares the startfase with the expert
 * coach is the school's choice, and every member must be free for its
 * two-hour sessions. The roles suggest candidates; check and plan refuse
 * the file until the school has chosen (rk_precheck_dates). */
static void write_lkteam(FILE *out, const struct rk_draft *d)
{
	const unsigned roles = RK_ROLE_SCHOOLLEIDER | RK_ROLE_SCHOOLCOACH;
	bool any = false;
	fputs("leerkracht_team:\n"
	      "  # TODO: de schoolleiding en 1 tot 3 schoolcoaches; vul aan.\n"
	      "  # Zolang members leeg is, weigeren ritmiek check en plan dit "
	      "bestand.\n",
	      out);
	for (size_t i = 0; i < rk_school_n_person(d->school); i++) {
		const struct rk_person *p = rk_school_get_person(d->school, i);
		if (!(p->roles & roles))
			continue;
		fputs(any ? ", " : "  # Volgens hun rollen: ", out);
		rk_yaml_put_scalar(out, p->id);
		fprintf(out, " (%s)",
			rk_role_name(p->roles & RK_ROLE_SCHOOLLEIDER
					     ? RK_ROLE_SCHOOLLEIDER
					     : RK_ROLE_SCHOOLCOACH));
		any = true;
	}
	fputs(any ? "\n  members: []\n" : "  members: []\n", out);
}

static void write_ab(FILE *out, const struct rk_draft *d)
{
	const struct rk_ab_scheme *ab = rk_school_get_ab(d->school);
	char date[RK_DATE_BUFSIZE];
	if (!ab->enabled)
		return;
	rk_date_format(ab->first_a, date);
	fprintf(out,
		"ab_weeks:\n"
		"  # geraden uit het rooster: er zijn lessen in A- of B-weken; "
		"de week van\n"
		"  # 1 september is hier een A-week. Controleer dat.\n"
		"  first_a_week: \"%s\"\n  count: teaching\n",
		date);
}

static void write_timetable(FILE *out, const struct rk_draft *d)
{
	const struct rk_timetable_source *src =
		rk_school_get_timetable_source(d->school, 0);
	if (!src)
		return;
	fprintf(out, "timetable:\n  format: %s\n", src->format);
	if (src->n_files <= 1) {
		fputs("  file: ", out);
		rk_yaml_put_scalar(out, src->path);
		putc('\n', out);
		return;
	}
	fputs("  files:\n", out);
	for (size_t i = 0; i < src->n_files; i++) {
		fputs("    - ", out);
		rk_yaml_put_scalar(out, src->files[i].path);
		putc('\n', out);
	}
}

/* After lessons that end late: the sessions of the whole school and the
 * teams' long sessions (an hour) may run into the evening, the only time
 * when all of them are free on such days. */
static void write_settings(FILE *out, const struct rk_draft *d)
{
	char end[RK_TIME_BUFSIZE];
	if (!d->late_lessons_end)
		return;
	rk_time_format(d->late_lessons_end, end);
	fprintf(out,
		"ritmiek:\n"
		"  # geraden uit het rooster: er zijn lessen tot %s, dus is "
		"iedereen pas\n"
		"  # daarna samen vrij: de sessies met de hele school en de "
		"lange sessies van\n"
		"  # de teams mogen tot 21:00 (een teamavond). Pas dit aan aan "
		"wat de school wil.\n"
		"  windows:\n"
		"    - {days: [ma, di, wo, do, vr], start: \"08:00\", end: "
		"\"21:00\", kinds: [draagvlaksessie, verbindingssessie, "
		"verdieping, retrospectief, leerlingarena]}\n",
		end);
}

static size_t count_guessed(const struct rk_draft *d, unsigned bit)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n_guessed; i++)
		n += (d->guessed[i] & bit) != 0;
	return n;
}

static bool has_role(const struct rk_draft *d, unsigned role)
{
	for (size_t i = 0; i < rk_school_n_person(d->school); i++)
		if (rk_school_get_person(d->school, i)->roles & role)
			return true;
	return false;
}

bool rk_school_writer_check(const struct rk_draft *d, size_t i, char *buf,
			    size_t size)
{
	size_t names = count_guessed(d, RK_GUESS_NAME);
	size_t facts = count_guessed(d, RK_GUESS_WORKDAYS | RK_GUESS_SUBJECTS |
						RK_GUESS_GRADES);
	const char *items[12];
	char a[160], b[160];
	size_t n = 0;
	items[n++] = d->grid == RK_GRID_USUAL
			     ? "time_grid: de lestijden zijn geraden (het "
			       "rooster geeft alleen lesuurnummers)"
			     : "time_grid: de lesuren komen uit de lestijden "
			       "van het rooster";
	if (d->name_guessed || d->kind_guessed)
		items[n++] = "school: naam en soort school";
	snprintf(a, sizeof(a),
		 "people: %zu %s de code uit het rooster; vul naam en e-mail "
		 "in",
		 names, names == 1 ? "naam is" : "namen zijn");
	if (names)
		items[n++] = a;
	snprintf(b, sizeof(b),
		 "people: werkdagen, vakken en leerjaren van %zu %s uit het "
		 "rooster",
		 facts, facts == 1 ? "persoon komen" : "mensen komen");
	if (facts)
		items[n++] = b;
	if (rk_school_get_ab(d->school)->enabled)
		items[n++] = "ab_weeks: welke week een A-week is";
	if (d->late_lessons_end)
		items[n++] = "ritmiek: sessies met de hele school en lange "
			     "teamsessies mogen tot 21:00 (teamavond)";
	if (!has_role(d, RK_ROLE_SCHOOLLEIDER))
		items[n++] = "people: voeg de schoolleider toe "
			     "(roles: [schoolleider])";
	items[n++] = d->teams_todo
			     ? "teams: nog niet verdeeld; verdeel de "
			       "leraren in lerarenteams"
			     : "teams: voorgesteld; controleer de "
			       "indeling en kies per team een schoolcoach";
	items[n++] = "leerkracht_team: vul de schoolleiding en de "
		     "schoolcoaches in; zonder weigeren check en plan het "
		     "bestand";
	if (i >= n)
		return false;
	snprintf(buf, size, "%s", items[i]);
	return true;
}

enum rk_status rk_school_writer_write(FILE *out, const struct rk_draft *d)
{
	char line[256];
	fputs("# Schoolbestand voor ritmiek, gemaakt door 'ritmiek init' uit "
	      "het lesrooster",
	      out);
	if (d->timetable_label)
		fprintf(out, "\n# %s", d->timetable_label);
	fputs(".\n# Wat init heeft geraden staat erbij (\"geraden uit het "
	      "rooster: ...\"); onderaan\n# staat wat u moet nakijken. Het "
	      "formaat: doc/school-file.md, ritmiek-school(5).\n",
	      out);
	write_school(out, d);
	write_grid(out, d);
	write_people(out, d);
	write_teams(out, d);
	write_lkteam(out, d);
	write_timetable(out, d);
	write_ab(out, d);
	write_settings(out, d);
	fputs("# Nakijken:\n", out);
	for (size_t i = 0; rk_school_writer_check(d, i, line, sizeof(line));
	     i++)
		fprintf(out, "#   - %s\n", line);
	return ferror(out) ? RK_ERR_IO : RK_OK;
}
