#include "config.h"

#include "date.h"
#include "i18n.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Days from civil, after Howard Hinnant's well-known algorithm: exact for
 * the whole proleptic Gregorian calendar, no tables, no time zones. */
int rk_date_from_ymd(int year, int month, int day)
{
	int y = month <= 2 ? year - 1 : year;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int mp = (month + 9) % 12;
	int doy = (153 * mp + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void rk_date_to_ymd(int date, int *year, int *month, int *day)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp < 10 ? mp + 3 : mp - 9;
	*year = yoe + era * 400 + (m <= 2);
	*month = m;
	*day = d;
}

bool rk_date_valid_ymd(int year, int month, int day)
{
	if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1)
		return false;
	int y, m, d;
	rk_date_to_ymd(rk_date_from_ymd(year, month, day), &y, &m, &d);
	return y == year && m == month && d == day;
}

int rk_date_weekday(int date)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	int w = (date + 3) % 7;
	return w < 0 ? w + 7 : w;
}

int rk_date_monday(int date)
{
	return date - rk_date_weekday(date);
}

int rk_date_iso_week(int date, int *iso_year)
{
	/* The ISO week belongs to the year of its Thursday. */
	int thursday = rk_date_monday(date) + 3;
	int y, m, d;
	rk_date_to_ymd(thursday, &y, &m, &d);
	int week = (thursday - rk_date_from_ymd(y, 1, 1)) / 7 + 1;
	if (iso_year)
		*iso_year = y;
	return week;
}

static bool digits(const char *s, size_t n, int *value)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*value = v;
	return true;
}

bool rk_date_parse(const char *text, int *date)
{
	int y, m, d;
	if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return false;
	if (!digits(text, 4, &y) || !digits(text + 5, 2, &m) ||
	    !digits(text + 8, 2, &d) || !rk_date_valid_ymd(y, m, d))
		return false;
	*date = rk_date_from_ymd(y, m, d);
	return true;
}

const char *rk_date_why(const char *text, char *buf, size_t size)
{
	static const char *const months[] = {
		N_("January"),	 N_("February"), N_("March"),	 N_("April"),
		N_("May"),	 N_("June"),	 N_("July"),	 N_("August"),
		N_("September"), N_("October"),	 N_("November"), N_("December")
	};
	int y, m, d;
	if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-' ||
	    !digits(text, 4, &y) || !digits(text + 5, 2, &m) ||
	    !digits(text + 8, 2, &d))
		snprintf(buf, size, _("expected YYYY-MM-DD"));
	else if (m < 1 || m > 12)
		snprintf(buf, size, _("there is no month %d"), m);
	else
		snprintf(buf, size, _("%d %s %d does not exist"), d,
			 _(months[m - 1]), y);
	return buf;
}

/* @v's last @width decimal digits at @at, zero-padded: "%0*u" for a
 * value that fits, without a format to parse (dates and times are
 * written for every event of every feed). */
static void put_digits(char *at, unsigned v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		at[i] = (char)('0' + v % 10u);
		v /= 10u;
	}
}

void rk_date_format(int date, char buf[RK_DATE_BUFSIZE])
{
	int y, m, d;
	rk_date_to_ymd(date, &y, &m, &d);
	put_digits(buf, (unsigned)y % 10000u, 4);
	buf[4] = '-';
	put_digits(buf + 5, (unsigned)m % 100u, 2);
	buf[7] = '-';
	put_digits(buf + 8, (unsigned)d % 100u, 2);
	buf[10] = '\0';
}

bool rk_time_parse(const char *text, int *minutes)
{
	int h, m;
	if (!text)
		return false;
	size_t len = strlen(text);
	size_t hlen = len == 5 ? 2 : len == 4 ? 1 : 0;
	if (!hlen || text[hlen] != ':' || !digits(text, hlen, &h) ||
	    !digits(text + hlen + 1, 2, &m))
		return false;
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return false;
	*minutes = h * 60 + m;
	return true;
}

void rk_time_format(int minutes, char buf[RK_TIME_BUFSIZE])
{
	if (minutes < 0 || minutes > 24 * 60)
		minutes = 0;
	put_digits(buf, (unsigned)minutes / 60u % 100u, 2);
	buf[2] = ':';
	put_digits(buf + 3, (unsigned)minutes % 60u, 2);
	buf[5] = '\0';
}

static const char *const nl_full[7] = { "maandag",   "dinsdag", "woensdag",
					"donderdag", "vrijdag", "zaterdag",
					"zondag" };
static const char *const nl_abbr[7] = {
	"ma", "di", "wo", "do", "vr", "za", "zo"
};
static const char *const en_full[7] = { "monday",   "tuesday", "wednesday",
					"thursday", "friday",  "saturday",
					"sunday" };
static const char *const en_abbr[7] = { "mon", "tue", "wed", "thu",
					"fri", "sat", "sun" };

int rk_weekday_parse(const char *text)
{
	if (!text)
		return -1;
	for (int i = 0; i < 7; i++) {
		if (!strcasecmp(text, nl_full[i]) ||
		    !strcasecmp(text, nl_abbr[i]) ||
		    !strcasecmp(text, en_full[i]) ||
		    !strcasecmp(text, en_abbr[i]))
			return i;
	}
	return -1;
}

const char *rk_weekday_name(int weekday)
{
	return weekday >= 0 && weekday < 7 ? nl_full[weekday] : "?";
}

const char *rk_weekday_abbr(int weekday)
{
	return weekday >= 0 && weekday < 7 ? nl_abbr[weekday] : "?";
}

static const char *const nl_months[12] = {
	"januari", "februari", "maart",	    "april",   "mei",	   "juni",
	"juli",	   "augustus", "september", "oktober", "november", "december",
};
static const char *const nl_month_abbr[12] = { "jan", "feb", "mrt", "apr",
					       "mei", "jun", "jul", "aug",
					       "sep", "okt", "nov", "dec" };

const char *rk_month_name(int month)
{
	return month >= 1 && month <= 12 ? nl_months[month - 1] : "?";
}

const char *rk_month_abbr(int month)
{
	return month >= 1 && month <= 12 ? nl_month_abbr[month - 1] : "?";
}
