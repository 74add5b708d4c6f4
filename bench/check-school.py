#!/usr/bin/env python3
"""check-school.py - check a generated benchmark school.

Independent of ritmiek: reads a school file (doc/school-file.md), its
people (people: and/or people_file) and its CSV timetable, and checks what
bench/gen-school.py promises:

  * every id (lessons, teams, schoolcoaches, leerKRACHT-team, external
    people, cover) is a known person; ids are unique;
  * every lesson lies inside one lesuur of its weekday's grid and on a
    working day of its teacher;
  * nobody is double-booked, per A/B week (a lesson without a week is in
    both); the same for groups and rooms when the timetable names them;
  * team sizes 5 to 10, the schoolcoach is a member, every leraar is in
    exactly one team (unless ritmiek.allow_multi_team);
  * per team: at least two common free 30-minute moments a week, in A and
    in B weeks, on days all members work. Free time is counted inside
    ritmiek.windows (else inside the day's grid), outside everyone's lessons
    and outside the breaks between lesuren: a moment in the lunch break does
    not count. A free stretch of 75 minutes is two moments;
  * per team: most pairs (more than half) can visit: one of the two teaches
    a lesson while the other works that day and is free, or teaches then
    while someone under cover: (cover capacity) works that day, on one of
    their cover days, and is free;
  * cover: names known people, each once; days are weekdays; max_per_week
    is 1-50;
  * when calendars/<school_year>.ics is found: studiedagen and toetsweken lie
    on school days of the region.

Prints a summary per school (people, lessons, lessons per full-timer, common
free moments per team, visitable pairs). Exit status 0 when every check
passes, 1 when one fails, 2 on bad usage.

Usage: check-school.py [-v] DIR-or-school.yaml...
Stdlib only (uses PyYAML when it is installed, else a small parser for the
YAML that gen-school.py writes).
"""

import csv
import datetime
import io
import itertools
import os
import re
import sys

DAYS = ["ma", "di", "wo", "do", "vr", "za", "zo"]
DAY_ALIASES = {
    "maandag": "ma", "dinsdag": "di", "woensdag": "wo", "donderdag": "do",
    "vrijdag": "vr", "zaterdag": "za", "zondag": "zo", "mon": "ma",
    "tue": "di", "wed": "wo", "thu": "do", "fri": "vr", "sat": "za",
    "sun": "zo", "monday": "ma", "tuesday": "di", "wednesday": "wo",
    "thursday": "do", "friday": "vr", "saturday": "za", "sunday": "zo",
}
MOMENT = 30


# ------------------------------------------------------------- tiny YAML

def _outside_quotes(text):
    """(index, character, depth) of each character of @text that is not
    inside quotes (nor a quote): depth counts the [ and { open at it."""
    depth, quote = 0, None
    for i, c in enumerate(text):
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        else:
            depth += (c in "[{") - (c in "]}")
            yield i, c, depth


def _strip_comment(line):
    for i, c, _ in _outside_quotes(line):
        if c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def _scalar(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text


def _split_top(text, sep=","):
    parts, start = [], 0
    for i, c, depth in _outside_quotes(text):
        if c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    if text[start:].strip():
        parts.append(text[start:])
    return parts


def _key_value(text):
    """Split 'key: value' at the first ': ' outside quotes/brackets."""
    for i, c, depth in _outside_quotes(text):
        if c == ":" and depth == 0 and (i + 1 == len(text) or
                                        text[i + 1] in " \t"):
            return text[:i].strip(), text[i + 1:].strip()
    return None


def _value(text):
    text = text.strip()
    if text.startswith("["):
        return [_value(x) for x in _split_top(text[1:-1])]
    if text.startswith("{"):
        out = {}
        for part in _split_top(text[1:-1]):
            k, v = _key_value(part)
            out[k] = _value(v)
        return out
    return _scalar(text)


def mini_yaml(text):
    lines = []
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if line.strip():
            lines.append((len(line) - len(line.lstrip(" ")), line.strip()))
    pos = [0]

    def block(indent):
        if pos[0] >= len(lines):
            return None
        if lines[pos[0]][1].startswith("- ") or lines[pos[0]][1] == "-":
            return seq(lines[pos[0]][0])
        return mapping(lines[pos[0]][0])

    def mapping(indent, first=None):
        out = {}
        if first is not None:
            k, v = first
            out[k] = v
        while pos[0] < len(lines):
            ind, text = lines[pos[0]]
            if ind != indent or text.startswith("- "):
                break
            k, v = _key_value(text)
            pos[0] += 1
            if v == "":
                if pos[0] < len(lines) and (
                        lines[pos[0]][0] > indent or
                        (lines[pos[0]][0] == indent and
                         lines[pos[0]][1].startswith("- "))):
                    out[k] = block(lines[pos[0]][0])
                else:
                    out[k] = None
            else:
                out[k] = _value(v)
        return out

    def seq(indent):
        out = []
        while pos[0] < len(lines):
            ind, text = lines[pos[0]]
            if ind != indent or not text.startswith("-"):
                break
            rest = text[1:].strip()
            pos[0] += 1
            if not rest:
                out.append(block(lines[pos[0]][0]))
                continue
            kv = _key_value(rest) if not rest.startswith(("[", "{")) \
                else None
            if kv is None:
                out.append(_value(rest))
                continue
            k, v = kv
            inner = indent + 2 + (len(text) - 1 - len(text[1:].lstrip())) \
                - 1
            if v == "":
                val = block(lines[pos[0]][0]) if pos[0] < len(lines) and \
                    lines[pos[0]][0] > inner else None
            else:
                val = _value(v)
            out.append(mapping(inner, (k, val)))
        return out

    return block(0) or {}


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        import yaml  # noqa: F401
    except ImportError:
        return mini_yaml(text)
    return yaml.safe_load(text)


# ---------------------------------------------------------------- helpers

def minutes(text):
    h, m = str(text).strip().split(":")
    return int(h) * 60 + int(m)


def day_of(text):
    t = str(text).strip().lower()
    t = DAY_ALIASES.get(t, t)
    if t not in DAYS:
        raise ValueError("unknown weekday '%s'" % text)
    return t


def as_date(value):
    if isinstance(value, datetime.date):
        return value
    return datetime.date(*map(int, str(value).split("-")))


def read_rows(path):
    """(line number, cells) of a CSV file; separator from the first line."""
    with open(path, encoding="utf-8-sig") as f:
        raw = f.read().splitlines()
    rows, sep = [], None
    for no, line in enumerate(raw, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if sep is None:
            sep = max([",", ";", "\t"], key=line.count)
        cells = next(csv.reader(io.StringIO(line), delimiter=sep))
        rows.append((no, [c.strip() for c in cells]))
    return rows


def cell_list(cell):
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def listify(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def subtract(intervals, busy):
    """Free parts of intervals after removing busy ones (both sorted)."""
    out = []
    for a, b in intervals:
        cur = a
        for s, e in sorted(busy):
            if e <= cur or s >= b:
                continue
            if s > cur:
                out.append((cur, s))
            cur = max(cur, e)
        if cur < b:
            out.append((cur, b))
    return out


# ------------------------------------------------------------------ check

class School:
    def __init__(self, path):
        if os.path.isdir(path):
            path = os.path.join(path, "school.yaml")
        if not os.path.isfile(path):
            sys.stderr.write("check-school.py: no such file: %s\n" % path)
            sys.exit(2)
        self.path = path
        self.folder = os.path.dirname(os.path.abspath(path))
        self.doc = load_yaml(path)
        self.errors = []
        self.notes = []

    def error(self, text):
        self.errors.append(text)

    # -- loading ---------------------------------------------------------
    def load(self):
        doc = self.doc
        self.people = {}
        for p in listify(doc.get("people")):
            self.add_person(p.get("id"), p.get("name"),
                            listify(p.get("roles")) or ["leraar"],
                            listify(p.get("workdays")), "people:")
        if doc.get("people_file"):
            rows = read_rows(os.path.join(self.folder, doc["people_file"]))
            head = [h.lower() for h in rows[0][1]]
            for no, cells in rows[1:]:
                rec = dict(zip(head, cells))
                self.add_person(rec.get("id"), rec.get("name"),
                                cell_list(rec.get("roles")) or ["leraar"],
                                cell_list(rec.get("workdays")),
                                "%s:%d" % (doc["people_file"], no))
        grid = doc.get("time_grid") or {}
        default = [(minutes(h["start"]), minutes(h["end"]))
                   for h in listify(grid.get("default"))]
        self.grid = {d: list(default) for d in DAYS[:5]}
        for key, hours in grid.items():
            if key in ("default", "shortened"):
                continue
            self.grid[day_of(key)] = [(minutes(h["start"]),
                                       minutes(h["end"]))
                                      for h in listify(hours)]
        for d, hours in self.grid.items():
            hours.sort()
        self.ab = bool(doc.get("ab_weeks"))
        self.weeks = ["A", "B"] if self.ab else [""]
        self.lessons = []   # (person, day, start, end, week, group, room)
        tts = doc.get("timetable")
        for tt in listify(tts):
            if str(tt.get("format", "csv")) != "csv":
                self.error("timetable format %s not checked" % tt["format"])
                continue
            fname = tt["file"]
            for no, cells in read_rows(os.path.join(self.folder, fname)):
                if cells and cells[0].lower() == "person":
                    continue
                cells += [""] * (8 - len(cells))
                where = "%s:%d" % (fname, no)
                try:
                    les = (cells[0], day_of(cells[1]), minutes(cells[2]),
                           minutes(cells[3]), cells[4].upper(), cells[5],
                           cells[6], where)
                except ValueError as e:
                    self.error("%s: %s" % (where, e))
                    continue
                if les[4] not in ("", "A", "B"):
                    self.error("%s: week '%s' is not empty, A or B" %
                               (where, cells[4]))
                self.lessons.append(les)

    def add_person(self, pid, name, roles, workdays, where):
        if not pid:
            self.error("%s: person without id" % where)
            return
        pid = str(pid)
        if pid in self.people:
            self.error("%s: id %s is used twice" % (where, pid))
        try:
            days = [day_of(d) for d in workdays] or DAYS[:5]
        except ValueError as e:
            self.error("%s: %s" % (where, e))
            days = DAYS[:5]
        self.people[pid] = {"name": name, "roles": roles, "workdays": days}

    # -- checks ------------------------------------------------------------
    def in_weeks(self, week):
        return self.weeks if week == "" else [week]

    def check_lessons(self):
        for pid, d, s, e, week, group, room, where in self.lessons:
            p = self.people.get(pid)
            if p is None:
                self.error("%s: unknown person %s" % (where, pid))
                continue
            if d not in p["workdays"]:
                self.error("%s: %s teaches on %s, not a working day" %
                           (where, pid, d))
            if e <= s:
                self.error("%s: lesson ends before it starts" % where)
            if not any(a <= s and e <= b for a, b in self.grid.get(d, [])):
                self.error("%s: %s-%s on %s is not inside one lesuur" %
                           (where, fmt(s), fmt(e), d))
            if week and not self.ab:
                self.error("%s: week %s but no ab_weeks" % (where, week))
        for kind, col in (("person", 0), ("group", 5), ("room", 6)):
            slots = {}
            for les in self.lessons:
                if not les[col]:
                    continue
                for w in self.in_weeks(les[4]):
                    slots.setdefault((les[col], w, les[1]), []).append(les)
            for (name, w, d), items in sorted(slots.items()):
                items.sort(key=lambda x: (x[2], x[3]))
                last = items[0]   # the lesson that ends last so far
                for y in items[1:]:
                    if y[2] < last[3]:
                        self.error("%s %s double-booked on %s%s: %s and %s"
                                   % (kind, name, d,
                                      " (week %s)" % w if w else "",
                                      last[7], y[7]))
                    if y[3] > last[3]:
                        last = y

    def check_ids(self):
        doc = self.doc
        known = self.people
        self.teams = []
        team_of = {}
        multi = bool((doc.get("ritmiek") or {}).get("allow_multi_team"))
        for t in listify(doc.get("teams")):
            tid = t.get("id")
            members = [str(m) for m in listify(t.get("members"))]
            for m in members:
                if m not in known:
                    self.error("team %s: unknown member %s" % (tid, m))
                elif m in team_of and not multi:
                    self.error("%s is in teams %s and %s" %
                               (m, team_of[m], tid))
                team_of.setdefault(m, tid)
            if not 5 <= len(members) <= 10:
                self.error("team %s has %d members (5-10)" %
                           (tid, len(members)))
            coach = t.get("schoolcoach")
            if coach is None or str(coach) not in members:
                self.error("team %s: schoolcoach %s is not a member" %
                           (tid, coach))
            self.teams.append((tid, [m for m in members if m in known]))
        for pid, p in known.items():
            if "leraar" in p["roles"] and pid not in team_of:
                self.error("teacher %s is in no team" % pid)
        lk = (doc.get("leerkracht_team") or {}).get("members")
        if not lk:
            self.error("the leerKRACHT-team has no members")
        for m in listify(lk):
            if str(m) not in known:
                self.error("leerkracht_team: unknown member %s" % m)
        for ext in listify(doc.get("external")):
            for m in listify(ext.get("people")):
                if str(m) not in known:
                    self.error("external %s: unknown person %s" %
                               (ext.get("name"), m))
        self.check_cover()

    def check_cover(self):
        """cover: -> self.cover, a list of (person, days)."""
        self.cover = []
        for item in listify(self.doc.get("cover")):
            pid = str(item.get("person"))
            if pid not in self.people:
                self.error("cover: unknown person %s" % pid)
                continue
            if pid in [c[0] for c in self.cover]:
                self.error("cover: %s is listed twice" % pid)
            try:
                days = [day_of(x) for x in listify(item.get("days"))]
            except ValueError as e:
                self.error("cover %s: %s" % (pid, e))
                days = []
            days = days or list(self.people[pid]["workdays"])
            most = item.get("max_per_week", 0)
            if not isinstance(most, int) or not 0 <= most <= 50:
                self.error("cover %s: max_per_week %s is not 1-50" %
                           (pid, most))
            self.cover.append((pid, days))

    def windows(self, d):
        # The windows of the weekly team moment: those naming no kinds or
        # naming bordsessie (others only add room for their own kinds).
        wins = [w for w in listify((self.doc.get("ritmiek") or {}).get(
            "windows")) if not w.get("kinds") or "bordsessie" in
            listify(w.get("kinds"))]
        grid = self.grid.get(d, [])
        if wins:
            out = [(minutes(w["start"]), minutes(w["end"])) for w in wins
                   if d in [day_of(x) for x in listify(w.get("days"))]]
        elif grid:
            out = [(grid[0][0], grid[-1][1])]
        else:
            out = []
        breaks = [(a[1], b[0]) for a, b in zip(grid, grid[1:]) if b[0] > a[1]]
        return subtract(sorted(out), breaks)

    def check_teams(self):
        busy = {}   # (person, day) -> [(s, e)] in any week
        lessons_of = {}
        for les in self.lessons:
            busy.setdefault((les[0], les[1]), []).append((les[2], les[3]))
            lessons_of.setdefault(les[0], []).append(les)
        self.team_stats = []
        for tid, members in self.teams:
            days = [d for d in DAYS[:5]
                    if all(d in self.people[m]["workdays"] for m in members)]
            moments, mdays = 0, []
            for d in days:
                taken = [iv for m in members for iv in busy.get((m, d), [])]
                free = subtract(self.windows(d), taken)
                n = sum((b - a) // MOMENT for a, b in free)
                if n:
                    moments += n
                    mdays.append("%s %s" % (d, " ".join(
                        "%s-%s" % (fmt(a), fmt(b)) for a, b in free
                        if b - a >= MOMENT)))
            if moments < 2:
                self.error("team %s has %d common free 30-minute moments a "
                           "week (needs 2)" % (tid, moments))
            pairs = list(itertools.combinations(members, 2))
            one = both = 0
            for a, b in pairs:
                ab = self.can_visit(a, b, lessons_of)
                ba = self.can_visit(b, a, lessons_of)
                one += ab or ba
                both += ab and ba
            if pairs and one * 2 <= len(pairs):
                self.error("team %s: only %d of %d pairs can visit a lesson"
                           % (tid, one, len(pairs)))
            self.team_stats.append((tid, len(members), len(days), moments,
                                    mdays, one, both, len(pairs)))

    def can_visit(self, visitor, teacher, lessons_of):
        """Does teacher give a lesson while visitor works and is free, or
        teaches with someone under cover: free to take over?"""
        vdays = self.people[visitor]["workdays"]
        for les in lessons_of.get(teacher, []):
            if les[1] not in vdays:
                continue
            for w in self.in_weeks(les[4]):
                if self.free(visitor, les, w, lessons_of):
                    return True
                if any(c not in (visitor, teacher) and les[1] in days and
                       les[1] in self.people[c]["workdays"] and
                       self.free(c, les, w, lessons_of)
                       for c, days in self.cover):
                    return True
        return False

    def free(self, person, les, week, lessons_of):
        """Whether person has no lesson overlapping les in week."""
        return not any(o[1] == les[1] and week in self.in_weeks(o[4]) and
                       o[2] < les[3] and les[2] < o[3]
                       for o in lessons_of.get(person, []))

    def check_dates(self):
        year = str(self.doc.get("school", {}).get("school_year", ""))
        region = str(self.doc.get("school", {}).get("region", ""))
        here = os.path.dirname(os.path.abspath(__file__))
        ics = os.path.join(here, "..", "calendars", "%s.ics" % year)
        if not os.path.exists(ics):
            self.notes.append("no %s: dates not checked" % ics)
            return
        off = set()
        ev = {}
        with open(ics, encoding="utf-8") as f:
            text = f.read().replace("\r\n ", "").replace("\n ", "")
        for line in text.splitlines():
            if line.startswith("BEGIN:VEVENT"):
                ev = {}
            elif ":" in line and not line.startswith("END:VEVENT"):
                k, v = line.split(":", 1)
                ev[k.split(";")[0]] = v
            elif line.startswith("END:VEVENT"):
                regions = ev.get("X-RITMIEK-REGION", "all").split(",")
                if "all" not in regions and region not in regions:
                    continue
                a = datetime.datetime.strptime(ev["DTSTART"][:8],
                                               "%Y%m%d").date()
                b = datetime.datetime.strptime(ev.get("DTEND", ev[
                    "DTSTART"])[:8], "%Y%m%d").date()
                while a < b:
                    off.add(a)
                    a += datetime.timedelta(days=1)

        def school_day(day):
            return day.weekday() < 5 and day not in off

        for sd in listify(self.doc.get("studiedagen")):
            for day in date_range(sd):
                if not school_day(day):
                    self.error("studiedag %s is not a school day" % day)
        for tw in listify(self.doc.get("toetsweken")):
            for day in date_range(tw):
                if day.weekday() < 5 and not school_day(day):
                    self.error("toetsweek %s: %s is in a holiday" %
                               (tw.get("name"), day))

    def run(self):
        self.load()
        self.check_lessons()
        self.check_ids()
        self.check_teams()
        self.check_dates()

    # -- report ------------------------------------------------------------
    def report(self, verbose, out):
        doc = self.doc
        school = doc.get("school", {})
        leraren = [p for p in self.people if
                   "leraar" in self.people[p]["roles"]]
        part = [p for p in leraren if len(self.people[p]["workdays"]) < 5]
        per = {}
        hours = {}
        for les in self.lessons:
            for w in self.in_weeks(les[4]):
                per[(les[0], w)] = per.get((les[0], w), 0) + 1
                hours[(les[0], w)] = hours.get((les[0], w), 0) + \
                    les[3] - les[2]
        nweeks = len(self.weeks)
        full = [p for p in leraren if len(self.people[p]["workdays"]) == 5
                and "teamleider" not in self.people[p]["roles"]]
        ft = [sum(per.get((p, w), 0) for w in self.weeks) / nweeks
              for p in full]
        fth = [sum(hours.get((p, w), 0) for w in self.weeks) / nweeks / 60
               for p in full]
        week_counts = ", ".join("%s %d" % (w or "week", sum(
            v for (p, ww), v in per.items() if ww == w)) for w in self.weeks)
        out.write("%s: %s (%s, %s, %s)\n" % (
            self.path, school.get("name"), school.get("type"),
            school.get("region"), "A/B weeks" if self.ab else "no A/B"))
        out.write("  people %d: %d leraar (%d part-time), teams %d%s\n" % (
            len(self.people), len(leraren), len(part), len(self.teams),
            ", cover %d" % len(self.cover) if self.cover else ""))
        out.write("  lessons: %d rows; lessons a week: %s\n" % (
            len(self.lessons), week_counts))
        if ft:
            out.write("  per full-timer (%d): %.1f lessons a week (min %.1f, "
                      "max %.1f), %.1f teaching hours\n" % (
                          len(ft), sum(ft) / len(ft), min(ft), max(ft),
                          sum(fth) / len(fth)))
        if self.team_stats:
            sizes = [s[1] for s in self.team_stats]
            moms = [s[3] for s in self.team_stats]
            ones = sum(s[5] for s in self.team_stats)
            boths = sum(s[6] for s in self.team_stats)
            pairs = sum(s[7] for s in self.team_stats)
            out.write("  team sizes %d-%d; common free 30-min moments a week "
                      "per team: min %d, median %d, max %d\n" % (
                          min(sizes), max(sizes), min(moms),
                          sorted(moms)[len(moms) // 2], max(moms)))
            out.write("  pairs that can visit: %d of %d (%.0f%%), both ways "
                      "%d (%.0f%%)\n" % (ones, pairs, 100.0 * ones / max(
                          1, pairs), boths, 100.0 * boths / max(1, pairs)))
            if verbose:
                for tid, n, nd, m, mdays, one, both, np in self.team_stats:
                    out.write("    %-30s %2d members, %d common days, %2d "
                              "moments, pairs %d/%d (both ways %d)\n" % (
                                  tid, n, nd, m, one, np, both))
                    for line in mdays:
                        out.write("        %s\n" % line)
        for n in self.notes:
            out.write("  note: %s\n" % n)
        for e in self.errors[:50]:
            out.write("  ERROR: %s\n" % e)
        if len(self.errors) > 50:
            out.write("  ... and %d more errors\n" % (len(self.errors) - 50))
        out.write("  %s\n" % ("OK" if not self.errors else
                              "%d error(s)" % len(self.errors)))


def date_range(item):
    if "date" in item:
        return [as_date(item["date"])]
    a, b = as_date(item["from"]), as_date(item["to"])
    out = []
    while a <= b:
        out.append(a)
        a += datetime.timedelta(days=1)
    return out


def fmt(m):
    return "%02d:%02d" % (m // 60, m % 60)


def main(argv):
    verbose = False
    paths = []
    for a in argv:
        if a in ("-v", "--verbose"):
            verbose = True
        elif a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            return 0
        else:
            paths.append(a)
    if not paths:
        sys.stderr.write("usage: check-school.py [-v] DIR-or-school.yaml...\n")
        return 2
    status = 0
    for p in paths:
        s = School(p)
        s.run()
        s.report(verbose, sys.stdout)
        status |= 1 if s.errors else 0
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
