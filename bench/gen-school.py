#!/usr/bin/env python3
"""gen-school.py - generate synthetic schools for benchmarking ritmiek.

Writes DIR/school.yaml, DIR/personeel.csv and DIR/rooster.csv in the formats
of doc/school-file.md: an invented school of the requested kind and size,
with people, lerarenteams, a leerKRACHT-team, a time grid, a lesson
timetable and the dates of the school year 2026-2027.

  gen-school.py --kind vo --teachers 300 --out /tmp/vo300
  gen-school.py --kind po --out /tmp/po15 --seed 7

Kinds:
  po  a primary school (default 15 teachers), region noord: groepen 1-8 in
      blocks, free Wednesday afternoon, many part-timers (2-4 days) in
      duobanen, vakleerkrachten gym (and, from 20 teachers, music) whose
      lessons free the group teacher; onderwijsassistenten and the
      directeur as cover capacity (cover:) for lesbezoek, as a group
      teacher teaches all day; no A/B weeks, no toetsweken.
  vo  a secondary school (default 60 teachers, any count), region midden:
      50-minute lesuren 1-9 with breaks, A/B weeks, classes 1A..6VA, rooms,
      teams of 6-9 by section, teamleiders, toetsweken and studiedagen.

What the planner may rely on (bench/check-school.py verifies it):
  * nobody is double-booked (per A/B week), nor is a class or a room;
  * every lesson lies inside one lesuur of its weekday and on a working day
    of its teacher;
  * every team has at least two common free 30-minute moments a week, in
    both A and B weeks, on days all its members work (VO: two "teamuren",
    lesuren on two days in which no member teaches; PO: the team's duodag
    after school);
  * within a team most pairs can visit each other's lessons (PO: with
    someone under cover: taking the visitor's group).

The output depends only on the arguments: the same --kind, --teachers and
--seed give the same files, byte for byte (same Python version; Python
3.7 or later, stdlib only).
"""

import argparse
import datetime
import os
import random
import sys
import unicodedata

# The names and the pick of a teacher are shared with the VO example's
# generator.
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "examples", "tools"))
from schoolgen import FIRST_NAMES, SURNAMES, cheapest, pick  # noqa: E402

DAYS = ["ma", "di", "wo", "do", "vr"]
DAY_INDEX = {d: i for i, d in enumerate(DAYS)}

SCHOOL_YEAR = "2026-2027"

# ------------------------------------------------------------------ names

VO_NAMES = ["De Linde", "Het Baken", "De Vecht", "Het Rietland",
            "De Kaap", "Stadsmuur", "De Esch", "Het Lichtschip",
            "De Ruimte", "Oosterlicht"]
VO_KINDS = ["Stedelijk Lyceum", "Christelijk College",
            "Scholengemeenschap", "Openbaar College", "Het College"]
PO_NAMES = ["De Regenboog", "De Wilgenhoek", "Het Kompas", "De Klimop",
            "De Zonnewijzer", "Het Palet", "De Vlinder", "De Terp",
            "Het Wad", "De Kievit"]
PO_KINDS = ["CBS", "OBS", "Basisschool", "Daltonschool", "Jenaplanschool"]


def ascii_fold(text):
    text = text.replace("ı", "i").replace("İ", "I")
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c))


def slug(text):
    out = []
    for c in ascii_fold(text).lower():
        out.append(c if c.isalnum() else "-")
    s = "".join(out)
    while "--" in s:
        s = s.replace("--", "-")
    return s.strip("-")


class Names:
    """Unique invented names and e-mail addresses."""

    def __init__(self, rng, domain):
        self.rng = rng
        self.domain = domain
        self.taken = set()
        self.emails = set()

    def next(self):
        while True:
            first = self.rng.choice(FIRST_NAMES)
            last = self.rng.choice(SURNAMES)
            name = "%s %s" % (first, last)
            if name not in self.taken:
                self.taken.add(name)
                break
        local = (ascii_fold(first).lower().replace("-", "") + "." +
                 ascii_fold(last).lower().replace(" ", ""))
        email, k = local, 1
        while email in self.emails:
            k += 1
            email = "%s%d" % (local, k)
        self.emails.add(email)
        return name, "%s@%s" % (email, self.domain)


# --------------------------------------------------------------- calendar
#
# The holidays of 2026-2027 (inclusive dates), as in calendars/2026-2027.ics
# (Rijksoverheid, advisory dates for herfst, voorjaar and mei).

def D(text):
    return datetime.date(*map(int, text.split("-")))


HOLIDAYS = {
    "noord": [("2026-07-04", "2026-08-16"), ("2026-10-10", "2026-10-18"),
              ("2026-12-19", "2027-01-03"), ("2027-02-20", "2027-02-28"),
              ("2027-05-01", "2027-05-09"), ("2027-07-10", "2027-08-22")],
    "midden": [("2026-07-18", "2026-08-30"), ("2026-10-17", "2026-10-25"),
               ("2026-12-19", "2027-01-03"), ("2027-02-20", "2027-02-28"),
               ("2027-05-01", "2027-05-09"), ("2027-07-17", "2027-08-29")],
    "zuid": [("2026-07-11", "2026-08-23"), ("2026-10-17", "2026-10-25"),
             ("2026-12-19", "2027-01-03"), ("2027-02-06", "2027-02-14"),
             ("2027-05-01", "2027-05-09"), ("2027-07-17", "2027-08-29")],
}
PUBLIC_HOLIDAYS = ["2027-03-26", "2027-03-29", "2027-04-27", "2027-05-06",
                   "2027-05-17"]
BRUGDAG = "2027-04-26"   # Monday before Koningsdag (a Tuesday in 2027)


class Calendar:
    def __init__(self, region):
        self.ranges = [(D(a), D(b)) for a, b in HOLIDAYS[region]]
        self.public = {D(x) for x in PUBLIC_HOLIDAYS}
        self.blocked = set()   # studiedagen, free days, toetsweken

    def school_day(self, day):
        if day.weekday() >= 5 or day in self.public or day in self.blocked:
            return False
        return not any(a <= day <= b for a, b in self.ranges)

    def full_week(self, monday):
        return all(self.school_day(monday + datetime.timedelta(days=i))
                   for i in range(5))

    def pick_week(self, rng, first, last):
        """A Monday between first and last whose whole week is school."""
        day, options = D(first), []
        while day <= D(last):
            if day.weekday() == 0 and self.full_week(day):
                options.append(day)
            day += datetime.timedelta(days=1)
        return rng.choice(options)

    def pick_day(self, rng, first, last, weekdays=(0, 1, 2, 3, 4)):
        day, options = D(first), []
        while day <= D(last):
            if day.weekday() in weekdays and self.school_day(day):
                options.append(day)
            day += datetime.timedelta(days=1)
        return rng.choice(options)

    def school_day_near(self, text, weekday=None):
        """The given date, or the next school day (on the same weekday)."""
        day = D(text)
        while not self.school_day(day) or (
                weekday is not None and day.weekday() != weekday):
            day += datetime.timedelta(days=1)
        return day


def year_dates(rng, region, toetsweken):
    """Studiedagen, free days, toetsweken and external dates."""
    cal = Calendar(region)
    cal.blocked.add(D(BRUGDAG))
    tws = []
    if toetsweken:
        for first, last, name in (("2026-11-16", "2026-12-11", "Toetsweek 1"),
                                  ("2027-03-01", "2027-03-19", "Toetsweek 2"),
                                  ("2027-06-07", "2027-06-25",
                                   "Toetsweek 3")):
            monday = cal.pick_week(rng, first, last)
            tws.append((monday, monday + datetime.timedelta(days=4), name))
            for i in range(5):
                cal.blocked.add(monday + datetime.timedelta(days=i))
    themes = ["Studiedag toetsbeleid", "Studiedag leerKRACHT",
              "Studiedag digitale geletterdheid", "Studiedag jaarplan",
              "Studiedag passend onderwijs", "Studiedag burgerschap"]
    rng.shuffle(themes)
    windows = [("2026-09-21", "2026-11-27"), ("2027-01-11", "2027-03-19"),
               ("2027-04-06", "2027-06-30")]
    n_sd = rng.choice([2, 3])
    if n_sd == 2:
        windows = [windows[0], windows[2]]
    studiedagen = []
    for (first, last), name in zip(windows, themes):
        day = cal.pick_day(rng, first, last)
        cal.blocked.add(day)
        studiedagen.append((day, name))
    forums = [cal.school_day_near(x, 3) for x in
              ("2026-10-08", "2027-02-04", "2027-06-03")]
    for day in forums:
        cal.blocked.add(day)   # keep the bootcamp off a forum day
    bootcamp = cal.pick_day(rng, "2026-11-02", "2026-11-27", (2,))
    return {"toetsweken": tws, "studiedagen": studiedagen,
            "free_days": [(D(BRUGDAG), "Brugdag voor Koningsdag")],
            "forums": forums, "bootcamp": bootcamp}


# ---------------------------------------------------------------- helpers

def largest_remainder(weights, total, minimum=0):
    """Split total over keys in proportion to weights (ints, deterministic).
    Keys with weight > 0 get at least minimum when total allows."""
    keys = [k for k in weights if weights[k] > 0]
    out = {k: 0 for k in weights}
    if not keys or total <= 0:
        return out
    base = minimum if minimum * len(keys) <= total else 0
    for k in keys:
        out[k] = base
    rest = total - base * len(keys)
    wsum = float(sum(weights[k] for k in keys))
    quotas = {k: rest * weights[k] / wsum for k in keys}
    for k in keys:
        out[k] += int(quotas[k])
    left = total - sum(out.values())
    order = sorted(keys, key=lambda k: (-(quotas[k] - int(quotas[k])),
                                        keys.index(k)))
    for k in order[:left]:
        out[k] += 1
    return out


def partition(sizes, lo, hi, ideal, penalty=None):
    """Cut a sequence of units into consecutive parts whose sizes lie in
    [lo, hi], close to ideal; penalty(i, j) adds a cost for part i..j.
    Returns a list of (i, j) half-open ranges, or None."""
    n = len(sizes)
    pre = [0]
    for s in sizes:
        pre.append(pre[-1] + s)
    inf = float("inf")
    best = [(inf, -1)] * (n + 1)
    best[0] = (0.0, -1)
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            s = pre[j] - pre[i]
            if s > hi:
                break
            if s < lo or best[i][0] == inf:
                continue
            cost = best[i][0] + (s - ideal) ** 2
            if penalty:
                cost += penalty(i, j)
            if cost < best[j][0]:
                best[j] = (cost, i)
    if best[n][0] == inf:
        return None
    parts, j = [], n
    while j > 0:
        i = best[j][1]
        parts.append((i, j))
        j = i
    return parts[::-1]


def hhmm(minutes):
    return "%02d:%02d" % (minutes // 60, minutes % 60)


def mins(text):
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def flow(items):
    return "[" + ", ".join(items) + "]"


def csv_cell(value):
    value = str(value)
    if any(c in value for c in ',"\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


class Person:
    def __init__(self, pid, name, email, roles, workdays):
        self.id = pid
        self.name = name
        self.email = email
        self.roles = roles
        self.workdays = workdays
        self.subjects = []
        self.grades = []
        self.team = None


def write_people(path, people):
    lines = ["id,name,email,subjects,grades,roles,workdays"]
    for p in people:
        lines.append(",".join(csv_cell(x) for x in (
            p.id, p.name, p.email, "|".join(p.subjects), "|".join(p.grades),
            "|".join(p.roles), "|".join(p.workdays))))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def write_timetable(path, header, rows):
    """rows: (person, day, start, end, week, group, room, subject)."""
    rows = sorted(rows, key=lambda r: (r[0], DAY_INDEX[r[1]], mins(r[2]),
                                       r[4]))
    lines = ["# " + h if h else "#" for h in header]
    lines.append("person,weekday,start,end,week,group,room,subject")
    for r in rows:
        lines.append(",".join(csv_cell(x) for x in r))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def yaml_dates(d):
    lines = []
    if d["studiedagen"]:
        lines.append("studiedagen:")
        for day, name in d["studiedagen"]:
            lines.append("  - {date: %s, name: %s}" % (day, name))
    if d["toetsweken"]:
        lines.append("")
        lines.append("# Toetsweken: hierin plant ritmiek geen sessies.")
        lines.append("toetsweken:")
        for a, b, name in d["toetsweken"]:
            lines.append("  - {from: %s, to: %s, name: %s}" % (a, b, name))
    lines.append("")
    lines.append("# Koningsdag 2027 is op dinsdag; de maandag ervoor is vrij.")
    lines.append("free_days:")
    for day, name in d["free_days"]:
        lines.append("  - {date: %s, name: %s}" % (day, name))
    return "\n".join(lines) + "\n"


def yaml_external(d, forum_start, bootcamp_start):
    lines = ["external:"]
    for i, day in enumerate(d["forums"]):
        lines += ["  - kind: forum",
                  "    name: leerKRACHT-teamforum %s" % ("I" * (i + 1)
                                                          if i < 3 else i),
                  "    date: %s" % day,
                  '    start: "%s"' % forum_start,
                  '    end: "17:00"',
                  "    for: [schoolcoach, schoolleider, leerkracht_team]"]
    lines += ["  - kind: bootcamp",
              "    name: Bootcamp leerKRACHT",
              "    date: %s" % d["bootcamp"],
              '    start: "%s"' % bootcamp_start,
              '    end: "17:00"',
              "    for: [all]"]
    return "\n".join(lines) + "\n"


# ===================================================================== VO

VO_GRID = [(1, "08:30", "09:20"), (2, "09:20", "10:10"),
           (3, "10:30", "11:20"), (4, "11:20", "12:10"),
           (5, "12:40", "13:30"), (6, "13:30", "14:20"),
           (7, "14:35", "15:25"), (8, "15:25", "16:15"),
           (9, "16:15", "17:05")]
VO_SHORT = [(1, "08:30", "09:05"), (2, "09:05", "09:40"),
            (3, "09:40", "10:15"), (4, "10:30", "11:05"),
            (5, "11:05", "11:40"), (6, "11:40", "12:15")]
LESUREN = [g[0] for g in VO_GRID]
TIMES = {g[0]: (g[1], g[2]) for g in VO_GRID}

# A lesson late in the day only when it has to be.
LESUUR_COST = {1: 0.3, 2: 0.0, 3: 0.0, 4: 0.0, 5: 0.0, 6: 0.05, 7: 0.15,
               8: 0.45, 9: 1.0}

# Teacher families: main subject, the subjects they teach, section.
FAMILIES = [
    ("nederlands", ["nederlands"], "Talen"),
    ("engels", ["engels"], "Talen"),
    ("frans", ["frans"], "Talen"),
    ("duits", ["duits"], "Talen"),
    ("spaans", ["spaans"], "Talen"),
    ("klassieken", ["latijn", "grieks"], "Talen"),
    ("wiskunde", ["wiskunde", "informatica"], "Exact"),
    ("natuurkunde", ["natuurkunde"], "Exact"),
    ("scheikunde", ["scheikunde"], "Exact"),
    ("biologie", ["biologie"], "Exact"),
    ("geschiedenis", ["geschiedenis", "maatschappijleer"],
     "Mens & Maatschappij"),
    ("aardrijkskunde", ["aardrijkskunde"], "Mens & Maatschappij"),
    ("economie", ["economie", "m&o"], "Mens & Maatschappij"),
    ("beeldende vorming", ["beeldende vorming", "ckv"], "Kunst"),
    ("muziek", ["muziek", "drama"], "Kunst"),
    ("lo", ["lo"], "Bewegen"),
]
FAMILY_OF = {}
for _fam, _subs, _sec in FAMILIES:
    for _s in _subs:
        FAMILY_OF[_s] = _fam
SECTION_OF = {f: sec for f, _s, sec in FAMILIES}
SECTIONS = ["Onderbouw", "Exact", "Talen", "Mens & Maatschappij", "Kunst",
            "Bewegen"]
# Families whose teachers may join an onderbouw team.
ONDERBOUW_FAMILIES = ["nederlands", "engels", "wiskunde", "frans", "duits",
                      "geschiedenis", "aardrijkskunde", "biologie",
                      "natuurkunde"]

CODE = {"nederlands": "ne", "engels": "en", "wiskunde": "wi", "frans": "fa",
        "duits": "du", "spaans": "sp", "latijn": "la", "grieks": "gr",
        "geschiedenis": "gs", "aardrijkskunde": "ak", "economie": "ec",
        "m&o": "mo", "maatschappijleer": "maw", "biologie": "bi",
        "natuurkunde": "na", "scheikunde": "sk", "informatica": "inf",
        "lo": "lo", "beeldende vorming": "bv", "muziek": "mu",
        "drama": "dr", "ckv": "ckv", "mentoruur": "mentor"}

# Lessentabel: lessons a week per subject. x.5 = one lesson every other
# week (in the A week or in the B week only).
Y1 = {"nederlands": 4, "engels": 3, "wiskunde": 4, "frans": 2.5,
      "geschiedenis": 2, "aardrijkskunde": 2, "biologie": 2, "lo": 3,
      "beeldende vorming": 1.5, "muziek": 1.5, "drama": 1}
Y2 = {"nederlands": 3, "engels": 3, "wiskunde": 4, "frans": 2, "duits": 2,
      "geschiedenis": 2, "aardrijkskunde": 1.5, "biologie": 1.5,
      "natuurkunde": 2, "lo": 2.5, "beeldende vorming": 1, "muziek": 1}
Y3 = {"nederlands": 3, "engels": 3, "wiskunde": 3.5, "frans": 2,
      "duits": 2, "geschiedenis": 2, "aardrijkskunde": 2, "biologie": 2,
      "natuurkunde": 2, "scheikunde": 1.5, "economie": 2, "lo": 2,
      "beeldende vorming": 1}
Y4M = {"nederlands": 4, "engels": 3.5, "wiskunde": 4, "lo": 2,
       "maatschappijleer": 2, "ckv": 1, "economie": 4, "biologie": 3,
       "geschiedenis": 3, "duits": 3, "natuurkunde": 3}
PROFILES = {
    "NT": {"wiskunde": 4, "natuurkunde": 3, "scheikunde": 3,
           "informatica": 2},
    "NG": {"wiskunde": 3, "biologie": 3, "scheikunde": 3, "natuurkunde": 2},
    "EM": {"wiskunde": 3, "economie": 3, "geschiedenis": 3, "m&o": 2},
    "CM": {"geschiedenis": 3, "aardrijkskunde": 3, "economie": 2,
           "beeldende vorming": 2, "muziek": 1},
}
YEAR_SHARE = {1: 0.19, 2: 0.18, 3: 0.18, 4: 0.17, 5: 0.15, 6: 0.13}
AVG_CLASS_HOURS = 29.0
CLASS_FILL = 0.95     # share of the teachers' lessons that go to classes
BAND_NAME = {"M": "mavo", "H": "havo", "V": "vwo"}


def letters(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def vo_classes(rng, n_classes):
    """[(name, year, level, table)] with level None (1-2), M, H or V."""
    per_year = largest_remainder(YEAR_SHARE, n_classes, minimum=1)
    out = []
    for year in range(1, 7):
        n = per_year[year]
        if year <= 2:
            for i in range(n):
                table = dict(Y1 if year == 1 else Y2)
                table["mentoruur"] = 1
                if i % 4 == 3:     # gymnasium class
                    table["latijn"] = 2
                    if year == 2:
                        table["grieks"] = 2
                out.append(("%d%s" % (year, letters(i)), year, None, table))
            continue
        if year in (3, 4):
            split = largest_remainder({"M": 0.3, "H": 0.35, "V": 0.35}, n)
        elif year == 5:
            split = largest_remainder({"H": 0.55, "V": 0.45}, n)
        else:
            split = {"V": n}
        for level in ("M", "H", "V"):
            for i in range(split.get(level, 0)):
                name = "%d%s%s" % (year, level, letters(i))
                if year == 3:
                    table = dict(Y3)
                    if level == "M":
                        del table["scheikunde"]
                        del table["frans"]
                        table["natuurkunde"] = 2.5
                    table["mentoruur"] = 1
                elif level == "M":
                    table = dict(Y4M)
                    table["mentoruur"] = 1
                else:
                    table = {"nederlands": 3, "engels": 3,
                             "lo": 1 if year == 6 else 2, "mentoruur": 1}
                    if year == 4:
                        table["maatschappijleer"] = 2
                        table["ckv"] = 1
                    profile = ["NT", "NG", "EM", "CM"][(i + year) % 4]
                    table.update(PROFILES[profile])
                    lang = ["frans", "duits", "spaans"][(i + year) % 3]
                    table[lang] = 3
                    if level == "V" and i % 3 == 2:
                        table["latijn"] = 3
                    if level == "V":
                        table["wiskunde"] = table.get("wiskunde", 0) + 0.5
                out.append((name, year, level, table))
    return out


def class_band(year, level):
    return "onderbouw" if year <= 3 else BAND_NAME[level]


class Teacher(Person):
    def __init__(self, pid, name, email):
        Person.__init__(self, pid, name, email, ["leraar"], list(DAYS))
        self.family = None
        self.focus = None
        self.days = 5
        self.target = 0
        self.load = 0.0
        self.assignments = []   # (group, subject, hours, is_class)
        self.room = None
        self.section = None


def gen_vo(args, rng):
    n = args.teachers
    if n < 10:
        raise SystemExit("gen-school: a vo school needs at least 10 teachers")
    school_name = "%s %s" % (rng.choice(VO_KINDS), rng.choice(VO_NAMES))
    domain = slug(" ".join(school_name.split()[-2:])) + ".example"
    names = Names(rng, domain)
    region = args.region or "midden"

    # -- staff and the teacher slots -------------------------------------
    n_tl = max(2, min(6, int(round(n / 50.0))))
    n_tl_in = (n_tl + 1) // 2           # teamleiders who also teach
    staff = []
    name, email = names.next()
    leader = Person("S01", name, email, ["schoolleider", "mt"], list(DAYS))
    staff.append(leader)
    for i in range(n_tl - n_tl_in):
        name, email = names.next()
        days = list(DAYS) if i % 2 == 0 else ["ma", "di", "wo", "do"]
        staff.append(Person("S%02d" % (i + 2), name, email,
                            ["teamleider", "mt"], days))

    teachers = []
    for i in range(n):
        name, email = names.next()
        teachers.append(Teacher("T%03d" % (i + 1), name, email))
    parttime = set(rng.sample(range(n), int(round(0.25 * n))))
    for i, t in enumerate(teachers):
        ft = rng.choice([20, 21, 22, 22, 23, 23, 24, 24, 25, 26])
        if i in parttime:
            t.days = rng.choice([4, 4, 3])
            t.target = int(round(ft * t.days / 5.0))
        else:
            t.target = ft

    # -- classes and the lessentabel -------------------------------------
    est_teams = max(1, int(round(n / 8.0)))
    capacity = sum(t.target for t in teachers) - 2 * est_teams - 14 * n_tl_in
    n_classes = max(6, int(round(CLASS_FILL * capacity / AVG_CLASS_HOURS)))
    classes = vo_classes(rng, n_classes)

    fam_hours = {f: 0.0 for f, _s, _sec in FAMILIES}
    fam_ob = {f: 0.0 for f, _s, _sec in FAMILIES}
    for cname, year, level, table in classes:
        for subject, hours in table.items():
            if subject == "mentoruur":
                continue
            fam_hours[FAMILY_OF[subject]] += hours
            if year <= 3:
                fam_ob[FAMILY_OF[subject]] += hours
    counts = largest_remainder(fam_hours, n, minimum=1)
    fams = []
    for f, _s, _sec in FAMILIES:
        fams += [f] * counts[f]
    rng.shuffle(fams)
    for t, f in zip(teachers, fams):
        t.family = f
    by_family = {}
    for t in teachers:
        by_family.setdefault(t.family, []).append(t)
    for f, members in by_family.items():
        share = fam_ob[f] / fam_hours[f] if fam_hours[f] else 0.5
        n_ob = int(round(share * len(members)))
        for k, t in enumerate(members):
            t.focus = "ob" if k < n_ob else "bb"

    # -- teams -----------------------------------------------------------
    for t in teachers:
        t.section = SECTION_OF[t.family]
    pool_size = 8 * int(round(0.2 * n / 8.0))   # about 20%, whole teams
    if pool_size >= 6:
        cands = {f: [t for t in by_family.get(f, []) if t.focus == "ob"]
                 for f in ONDERBOUW_FAMILIES}
        pool, k = [], 0
        while len(pool) < pool_size and any(cands.values()):
            f = ONDERBOUW_FAMILIES[k % len(ONDERBOUW_FAMILIES)]
            k += 1
            if cands[f]:
                t = cands[f].pop(0)
                t.section = "Onderbouw"
                pool.append(t)
    fam_order = {f: i for i, (f, _s, _sec) in enumerate(FAMILIES)}
    ordered = sorted(teachers, key=lambda t: (
        SECTIONS.index(t.section), fam_order[t.family], t.focus, t.id))
    secs = [t.section for t in ordered]

    def mixed(i, j):
        return 3.0 * (len(set(secs[i:j])) - 1)

    parts = (partition([1] * n, 6, 9, 8, mixed) or
             partition([1] * n, 5, 10, 8, mixed))
    teams = []
    for i, j in parts:
        members = ordered[i:j]
        tally = {}
        for t in members:
            tally[t.section] = tally.get(t.section, 0) + 1
        top = sorted(tally, key=lambda s: (-tally[s], SECTIONS.index(s)))
        main = [s for s in top[:2] if tally[s] >= 2] or top[:1]
        main.sort(key=SECTIONS.index)
        teams.append({"label": " en ".join(main), "members": members})
    name_teams(teams, lambda label, n: "%s %d" % (label, n),
               lambda label: slug(label.replace("&", " ")))

    # Schoolcoach: a full-time member; teamleiders: full-timers elsewhere.
    for tm in teams:
        full = [t for t in tm["members"] if t.days == 5]
        coach = rng.choice(full or tm["members"])
        coach.roles.append("schoolcoach")
        tm["coach"] = coach
        coach.target = max(20, coach.target - 2) if coach.days == 5 \
            else coach.target - 1
    tl_teams = rng.sample(range(len(teams)), min(n_tl_in, len(teams)))
    for ti in tl_teams:
        tm = teams[ti]
        cands = [t for t in tm["members"]
                 if t.days == 5 and t is not tm["coach"]]
        if not cands:
            continue
        t = rng.choice(cands)
        t.roles += ["teamleider", "mt"]
        t.target = rng.choice([8, 9, 10])
    n_cohort = max(1, args.cohorts)
    for k, tm in enumerate(teams):
        tm["cohort"] = 1 + (k * n_cohort) // len(teams)

    # Teamuren: two lesuren on two days in which no member teaches. The
    # part-timers of the team work on both days.
    pairs = [(a, b) for a in range(5) for b in range(a + 1, 5)]
    rng.shuffle(pairs)
    for k, tm in enumerate(teams):
        a, b = pairs[k % len(pairs)]
        slots = []
        for d in (DAYS[a], DAYS[b]):
            les = rng.choice([6, 7, 7, 8, 8, 8, 9])
            slots.append((d, les))
        tm["teamuren"] = slots
        team_days = [d for d, _l in slots]
        for t in tm["members"]:
            if t.days == 5:
                continue
            others = [d for d in DAYS if d not in team_days]
            rng.shuffle(others)
            chosen = set(team_days) | set(others[:t.days - 2])
            t.workdays = [d for d in DAYS if d in chosen]

    # -- assign the lessentabel to teachers --------------------------------
    by_subject = {}
    for t in teachers:
        for s in dict(FAMILIES_SUBJ)[t.family]:
            by_subject.setdefault(s, []).append(t)
    needs = []
    for cname, year, level, table in classes:
        for subject, hours in table.items():
            if subject != "mentoruur":
                needs.append((cname, subject, hours, year))
    rng.shuffle(needs)
    needs.sort(key=lambda nd: (len(by_subject.get(nd[1], [])), -nd[2]))
    for limit in (0.04, 0.12, 0.3):
        left = []
        for need in needs:
            cname, subject, hours, year = need
            want = "ob" if year <= 3 else "bb"
            def key(t):
                ratio = (t.load + hours) / max(t.target, 1)
                over = max(0.0, ratio - 1.0)
                return (over > limit, (t.focus != want) * 0.5 + 4 * over +
                        ratio, rng.random())
            # Nobody above 26 lessons (pro rata).
            t = pick([t for t in by_subject.get(subject, [])
                      if t.load + hours <= 26.0 * len(t.workdays) / 5], key)
            if t is None:
                left.append(need)
                continue
            t.load += hours
            t.assignments.append((cname, subject, hours, True))
        needs = left
    unassigned = needs
    # Mentoruur: by a teacher of the class with room in the task.
    teaching = {}
    for t in teachers:
        for a in t.assignments:
            teaching.setdefault(a[0], []).append(t)
    for cname, year, level, table in classes:
        if "mentoruur" not in table:
            continue
        cands = [t for t in teaching.get(cname, []) if t.family != "lo"]
        cands.sort(key=lambda t: (t.load / max(t.target, 1), t.id))
        if cands and cands[0].load + 1 <= cands[0].target * 1.1:
            t = cands[0]
            t.load += 1
            t.assignments.append((cname, "mentoruur", 1, True))
        else:
            unassigned.append((cname, "mentoruur", 1, year))
    # Keuzewerktijd / steunlessen fill the rest of a teacher's task.
    for t in teachers:
        k = 0
        while t.target - t.load >= 0.5:
            k += 1
            subject = dict(FAMILIES_SUBJ)[t.family][0]
            hours = 1 if t.target - t.load >= 1 else 0.5
            group = "KWT-%s-%s-%d" % (CODE[subject], t.id.lower(), k)
            t.assignments.append((group, subject, hours, False))
            t.load += hours
    band_of = {c[0]: class_band(c[1], c[2]) for c in classes}
    for t in teachers:
        subs, bands = {}, {}
        for group, subject, hours, is_class in t.assignments:
            if subject != "mentoruur":
                subs[subject] = subs.get(subject, 0) + hours
            if is_class:
                b = band_of[group]
                bands[b] = bands.get(b, 0) + hours
        t.subjects = sorted(subs, key=lambda s: (-subs[s], s)) or \
            [dict(FAMILIES_SUBJ)[t.family][0]]
        t.grades = sorted(bands, key=lambda b: (-bands[b], b))

    # -- rooms and placement -----------------------------------------------
    home_rooms(rng, teachers)
    spare = ["W%02d" % i for i in range(1, max(4, n // 12) + 1)]
    best = None
    for attempt in range(6):
        prng = random.Random("%s-place-%d" % (args.seed, attempt))
        rows, failed = vo_place(prng, teachers, teams, spare)
        if best is None or len(failed) < len(best[1]):
            best = (rows, failed)
        if not failed:
            break
    rows, failed = best

    # -- output ------------------------------------------------------------
    dates = year_dates(rng, region, toetsweken=True)
    lk_n = min(len(teams), max(2, min(4, 2 + n // 100)))
    lk_coaches = [tm["coach"] for tm in rng.sample(teams, lk_n)]
    lk_coaches.sort(key=lambda t: t.id)
    people = write_staff(args, names, staff, teachers)
    header = timetable_head(args, "vo", n, school_name) + [
        "week: leeg = elke week, A = alleen A-weken, B = alleen B-weken.",
        "Groepen: klassen (1A, 3HB, 5VA) en keuzewerktijd (KWT-wi-t001-1).",
    ]
    out_rows = []
    for pid, day, les, week, group, room, subject in rows:
        start, end = TIMES[les]
        out_rows.append((pid, day, start, end, week, group, room, subject))
    write_timetable(os.path.join(args.out, "rooster.csv"), header, out_rows)
    write_vo_yaml(os.path.join(args.out, "school.yaml"), args, school_name,
                  region, teams, leader, lk_coaches, dates)
    fulltime = [t for t in teachers
                if t.days == 5 and "teamleider" not in t.roles]
    lessons = {}
    for r in rows:
        lessons[r[0]] = lessons.get(r[0], 0) + (1 if r[3] == "" else 0.5)
    ft = [lessons.get(t.id, 0) for t in fulltime]
    return {
        "school": school_name, "people": len(people),
        "teachers": n, "part-time": sum(1 for t in teachers if t.days < 5),
        "teams": len(teams), "classes": len(classes),
        "lesson rows": len(rows),
        "lessons/week per full-timer": "%.1f avg (%.1f-%.1f)" % (
            sum(ft) / max(1, len(ft)), min(ft or [0]), max(ft or [0])),
        "not assigned (lessentabel)": len(unassigned),
        "not placed": len(failed),
    }


FAMILIES_SUBJ = [(f, s) for f, s, _sec in FAMILIES]


def home_rooms(rng, teachers):
    """Each full-timer has a room; part-timers share one in pairs. Rooms:
    A0.01 ... (wings A-F, floors 0-2, 20 rooms a floor), labs P01...,
    gym halls GZ1a/GZ1b..., art rooms K01..."""
    count = {"general": 0, "lab": 0, "gym": 0, "art": 0}

    def take(kind):
        i = count[kind]
        count[kind] += 1
        if kind == "lab":
            return "P%02d" % (i + 1)
        if kind == "gym":
            return "GZ%d%s" % (i // 2 + 1, "ab"[i % 2])
        if kind == "art":
            return "K%02d" % (i + 1)
        wing, rest = divmod(i, 60)
        floor, k = divmod(rest, 20)
        return "%s%d.%02d" % ("ABCDEFGHJK"[wing % 10] + "'" * (wing // 10),
                              floor, k + 1)

    shared = None
    for t in teachers:
        if t.family == "lo":
            t.room = take("gym")
        elif t.family in ("natuurkunde", "scheikunde", "biologie"):
            t.room = take("lab")
        elif t.family in ("beeldende vorming", "muziek"):
            t.room = take("art")
        elif t.days < 5:
            if shared is None:
                shared = t.room = take("general")
            else:
                t.room, shared = shared, None
        else:
            t.room = take("general")


def vo_place(rng, teachers, teams, spare):
    busy = set()          # (week, kind, name, day, lesuur)
    per_day = {}          # (teacher, week, day) -> lessons
    class_day = {}        # (group, week, day) -> lessons
    same = {}             # (group, subject, day) -> lessons
    reserved = {}
    for tm in teams:
        # A teamuur before lesuur 9 keeps the next lesuur free too: a
        # 60-minute team session needs more than one 50-minute lesuur.
        hours = set(tm["teamuren"])
        hours |= {(d, les + 1) for d, les in tm["teamuren"] if les < 9}
        for t in tm["members"]:
            reserved[t.id] = set(hours)
    pending = []
    for t in teachers:
        ab = rng.choice(["AB", "BA"])
        halves = 0
        for group, subject, hours, is_class in t.assignments:
            full = int(hours)
            for _ in range(full):
                pending.append((t, group, subject, "", is_class))
            if hours - full > 0:
                pending.append((t, group, subject, ab[halves % 2], is_class))
                halves += 1
    rng.shuffle(pending)
    pending.sort(key=lambda p: (len(p[0].workdays), not p[4], p[3] != ""))
    rows, failed = [], []
    for t, group, subject, week, is_class in pending:
        weeks = ("A", "B") if week == "" else (week,)

        def free(kind, who, day, les):
            return not any((w, kind, who, day, les) in busy for w in weeks)

        def places():
            for day in t.workdays:
                for les in LESUREN:
                    if ((day, les) in reserved[t.id] or
                            not free("t", t.id, day, les) or
                            not free("g", group, day, les)):
                        continue
                    room = t.room if free("r", t.room, day, les) else next(
                        (r for r in spare if free("r", r, day, les)), None)
                    if room is not None:
                        yield day, les, room

        def cost(place):
            day, les, room = place
            c = LESUUR_COST[les] + 3.0 * same.get((group, subject, day), 0)
            for w in weeks:
                c += 0.35 * per_day.get((t.id, w, day), 0)
                if is_class:
                    c += 0.15 * class_day.get((group, w, day), 0)
            if room != t.room:
                c += 0.8
            return c + rng.random() * 1.2

        best = cheapest(places(), cost)
        if best is None:
            failed.append((t.id, group, subject, week))
            continue
        day, les, room = best
        for w in weeks:
            busy.add((w, "t", t.id, day, les))
            busy.add((w, "g", group, day, les))
            busy.add((w, "r", room, day, les))
            per_day[(t.id, w, day)] = per_day.get((t.id, w, day), 0) + 1
            class_day[(group, w, day)] = class_day.get((group, w, day), 0) + 1
        same[(group, subject, day)] = same.get((group, subject, day), 0) + 1
        rows.append((t.id, day, les, week, group, room, subject))
    return rows, failed


def name_teams(teams, numbered, id_of):
    """Each team's name ("Team " + its label) and id (id_of(label)), for it
    and its members; a label that two teams share is numbered(label, n),
    n = 1, 2, ... in their order."""
    count = {}
    for tm in teams:
        count[tm["label"]] = count.get(tm["label"], 0) + 1
    number = {}
    for tm in teams:
        label = tm["label"]
        if count[label] > 1:
            number[label] = number.get(label, 0) + 1
            label = numbered(label, number[label])
        tm["name"] = "Team " + label
        tm["id"] = id_of(label)
        for p in tm["members"]:
            p.team = tm["id"]


def write_staff(args, names, staff, teachers):
    """personeel.csv: the staff, the teachers by id and an expertcoach of
    the foundation (the next name of @names). Returns them."""
    expert_name, _mail = names.next()
    expert = Person("E01", expert_name,
                    slug(ascii_fold(expert_name)).replace("-", ".", 1) +
                    "@stichting-leerkracht.example", ["expertcoach"],
                    ["di", "do"])
    people = staff + sorted(teachers, key=lambda p: p.id) + [expert]
    os.makedirs(args.out, exist_ok=True)
    write_people(os.path.join(args.out, "personeel.csv"), people)
    return people


def timetable_head(args, kind, n, school_name):
    """The first comment lines of rooster.csv: what made it."""
    return [
        "Lesrooster %s van %s (verzonnen, voor benchmarks)." % (
            SCHOOL_YEAR, school_name),
        "Gemaakt door bench/gen-school.py --kind %s --teachers %d --seed %s."
        % (kind, n, args.seed),
    ]


def yaml_school(args, kind, what, school_name, region):
    """The first lines of a school.yaml made here: what made it, and the
    school: block. Returns the list of lines to go on with."""
    return [
        "# %s - verzonnen %s voor benchmarks van ritmiek (%s)." %
        (school_name, what, kind.upper()),
        "# Gemaakt door bench/gen-school.py --kind %s --teachers %d "
        "--seed %s;" % (kind, args.teachers, args.seed),
        "# niet met de hand bewerken: school.yaml, personeel.csv en "
        "rooster.csv horen bij elkaar.",
        "",
        "school:",
        "  id: bench-%s%d-s%s" % (kind, args.teachers, args.seed),
        "  name: %s" % school_name,
        "  type: %s" % kind,
        "  region: %s" % region,
        "  school_year: %s" % SCHOOL_YEAR,
        "  programme_year: 1",
        "",
    ]


def yaml_time_grid(L, comment, grid):
    """time_grid: after the comment line @comment, with its default."""
    L.extend(["# " + comment, "time_grid:", "  default:"])
    yaml_grid(L, "    ", grid)


def yaml_grid(L, indent, grid):
    for les, a, b in grid:
        L.append('%s- {lesuur: %d, start: "%s", end: "%s"}' %
                 (indent, les, a, b))


def yaml_teams(L, comment, teams, note, lk_comment, lk_ids):
    """people_file:, teams: (each after the comment lines @note(team) and
    with its cohort when not the first), leerkracht_team: and timetable:."""
    L.extend(["", "people_file: personeel.csv", ""] + comment + ["teams:"])
    for tm in teams:
        L.extend("  # " + line for line in note(tm))
        L.append("  - id: %s" % tm["id"])
        L.append("    name: %s" % tm["name"])
        L.append("    members: %s" % flow(p.id for p in tm["members"]))
        L.append("    schoolcoach: %s" % tm["coach"].id)
        if tm.get("cohort", 1) != 1:
            L.append("    cohort: %d" % tm["cohort"])
    L.extend(["", "# " + lk_comment, "leerkracht_team:",
              "  members: %s" % flow(lk_ids),
              "", "timetable:", "  format: csv", "  file: rooster.csv", ""])


def vo_team_note(tm):
    return ["teamuren: " + ", ".join(
        "%s lesuur %d (%s-%s)" % (d, les, TIMES[les][0], TIMES[les][1])
        for d, les in tm["teamuren"])]


def write_yaml(path, L, dates, external_times, ritmiek):
    """school.yaml: the lines @L, the dates, the external dates (at the
    VO or PO times) and the ritmiek: block."""
    text = "\n".join(L) + "\n" + yaml_dates(dates) + "\n" + \
        yaml_external(dates, *external_times) + ritmiek
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_vo_yaml(path, args, school_name, region, teams, leader,
                  lk_coaches, dates):
    L = yaml_school(args, "vo", "school", school_name, region)
    yaml_time_grid(L, "9 lesuren van 50 minuten; pauzes 10:10-10:30, "
                   "12:10-12:40 en 14:20-14:35.", VO_GRID)
    L.append("  shortened:")
    L.append("    # Laatste dag voor de kerstvakantie: korte lessen, "
             "'s middags vrij.")
    L.append("    - dates: [2026-12-18]")
    L.append("      grid:")
    yaml_grid(L, "        ", VO_SHORT)
    yaml_teams(L, ["# Lerarenteams per sectie. Elk team heeft twee teamuren: "
                   "lesuren waarin",
                   "# geen teamlid lesgeeft, op dagen dat iedereen van het "
                   "team werkt."],
               teams, vo_team_note,
               "De schoolleider en %d schoolcoaches." % len(lk_coaches),
               [leader.id] + [t.id for t in lk_coaches])
    L.extend(["# De eerste schoolweek is een A-week; vakantieweken tellen "
              "niet mee.", "ab_weeks:", "  first_a_week: 2026-08-31",
              "  count: teaching", ""])
    write_yaml(path, L, dates, ("13:00", "12:40"), RITMIEK_VO)


RITMIEK_VO = """
# Sessies op schooldagen tussen 08:30 en 17:30; de hele school (draagvlak-
# en verbindingssessie) komt ook op een teamavond bijeen, want zo'n grote
# school is overdag nooit tegelijk vrij.
ritmiek:
  bordsessie_minutes: 30
  windows:
    - {days: [ma, di, wo, do, vr], start: "08:30", end: "17:30"}
    - {days: [di, do], start: "19:00", end: "21:00", kinds: [verbindingssessie, draagvlaksessie]}
"""


# ===================================================================== PO

PO_GRID = [(1, "08:30", "10:00"), (2, "10:15", "12:00"),
           (3, "13:00", "14:30")]
PO_GRID_WO = [(1, "08:30", "10:00"), (2, "10:15", "12:15")]
GYM_MINUTES = 45
SUBJECTS_KLEUTER = ["kring en spel", "taal en rekenen", "spel en creatief"]
SUBJECTS_GROEP = ["rekenen", "taal en lezen", "wereldoriëntatie"]


def po_grid(day):
    return PO_GRID_WO if day == "wo" else PO_GRID


def po_groups(g):
    """Names of g groups, groepen 1-8 (kleuters together in groep 1/2)."""
    if g >= 7:
        base = ["1/2", "3", "4", "5", "6", "7", "8"]
        extra = g - 7
        count = {b: 1 for b in base}
        k = 0
        while extra > 0:
            count[base[k % len(base)]] += 1
            extra -= 1
            k += 1
        out = []
        for b in base:
            if count[b] == 1:
                out.append("groep " + b)
            else:
                out += ["groep %s%s" % (b, letters(i))
                        for i in range(count[b])]
        return out
    combos = {1: ["1-8"], 2: ["1-4", "5-8"], 3: ["1/2", "3/4/5", "6/7/8"],
              4: ["1/2", "3/4", "5/6", "7/8"],
              5: ["1/2", "3/4", "5", "6", "7/8"],
              6: ["1/2", "3", "4", "5/6", "7", "8"]}
    return ["groep " + x for x in combos[g]]


def place_vak(rng, group_units, teachers, subject, busy, vak_of, rooms,
              lessons):
    """Lessons of the vakleerkrachten @teachers in @subject: gym twice a
    week (groep 1/2 once) on different days, music once; each the first or
    the last 45 minutes of a block the group has no other vak lesson in.
    Returns how many could not be placed."""
    if not teachers:
        return 0
    order = list(group_units)
    rng.shuffle(order)
    missing = 0
    for u in order:
        kleuter = u["group"].startswith("groep 1") and "-" not in u["group"]
        want = 1 if kleuter or subject != "bewegingsonderwijs" else 2
        used_days = set()
        for _ in range(want):
            options = []
            for p in teachers:
                for d in p.workdays:
                    if d in used_days:
                        continue
                    for blk, (_l, s, e) in enumerate(po_grid(d)):
                        for start in (mins(s), mins(e) - GYM_MINUTES):
                            end = start + GYM_MINUTES
                            taken = busy.get((p.id, d), set())
                            if any(start < b2 and a2 < end
                                   for a2, b2 in taken):
                                continue
                            if (u["group"], d, blk) in vak_of:
                                continue
                            cost = rng.random() + 0.3 * len(taken)
                            options.append((cost, p.id, d, blk, start, end,
                                            p))
            if not options:
                missing += 1
                continue
            options.sort(key=lambda o: o[:6])
            _c, _pid, d, blk, start, end, p = options[0]
            busy.setdefault((p.id, d), set()).add((start, end))
            vak_of[(u["group"], d, blk)] = (p, start, end)
            used_days.add(d)
            lessons.append((p.id, d, hhmm(start), hhmm(end), u["group"],
                            rooms[p.id], subject))
    return missing


def gen_po(args, rng):
    n = args.teachers
    if n < 6:
        raise SystemExit("gen-school: a po school needs at least 6 teachers")
    school_name = "%s %s" % (rng.choice(PO_KINDS), rng.choice(PO_NAMES))
    domain = slug(school_name.split(" ", 1)[1]) + ".example"
    names = Names(rng, domain)
    region = args.region or "noord"

    # Enough vakleerkrachten gym for two lessons a week per group (groep
    # 1/2 one): at most about 20 gym lessons each. From 20 teachers on, a
    # vakleerkracht muziek too: one lesson a week per group, about 22 each.
    n_gym = 1
    while True:
        n_group = n - n_gym
        g = max(3, min(n_group, int(round(n_group / 1.65))))
        gym_need = 2 * g
        if gym_need <= 20 * n_gym or n_group - n_gym < 5:
            break
        n_gym += 1
    n_music = 0 if n < 20 else 1 if g <= 22 else 2
    if n_music:
        n_group = n - n_gym - n_music
        g = max(3, min(n_group, int(round(n_group / 1.65))))
    gym_days = 3 if gym_need <= 15 * n_gym else 4 if \
        gym_need <= 18 * n_gym else 5
    n_duo = n_group - g
    groups = po_groups(g)
    duo = set(rng.sample(range(g), n_duo))

    staff = []
    name, email = names.next()
    leader = Person("S01", name, email, ["schoolleider", "mt"],
                    ["ma", "di", "wo", "do"])
    staff.append(leader)
    name, email = names.next()
    staff.append(Person("S02", name, email, ["oop", "mt"],
                        ["ma", "di", "do"]))   # intern begeleider
    # Onderwijsassistenten: they take a group while its teacher visits a
    # colleague's lesson (cover:), one per 20 teachers or so.
    assistants = []
    for k in range(1 + n // 20):
        name, email = names.next()
        days = list(DAYS) if k % 2 == 0 else ["ma", "di", "do", "vr"]
        p = Person("S%02d" % (3 + k), name, email, ["oop"], days)
        assistants.append(p)
        staff.append(p)

    # Units: a group with its one or two teachers, and the gym teachers.
    pid = [0]

    def new_teacher():
        pid[0] += 1
        name, email = names.next()
        return Person("T%03d" % pid[0], name, email, ["leraar"], list(DAYS))

    units = []
    for k, grp in enumerate(groups):
        members = [new_teacher()]
        if k in duo:
            members.append(new_teacher())
        for p in members:
            p.grades = [grp]
        units.append({"group": grp, "room": "L%02d" % (k + 1),
                      "members": members})
    # The vakleerkrachten join the teams spread over the school: one after
    # every n-th part of the groups (one gym teacher: in the last team).
    gyms, musics = [], []
    n_units = len(units)
    for k in range(n_gym):
        p = new_teacher()
        p.subjects = ["bewegingsonderwijs"]
        p.grades = list(groups)
        gyms.append(p)
        pos = int(round((k + 1) * n_units / float(n_gym))) + k
        units.insert(pos, {"group": None, "room": "gymzaal %d" % (k + 1)
                           if n_gym > 1 else "gymzaal", "members": [p]})
    for k in range(n_music):
        p = new_teacher()
        p.subjects = ["muziek"]
        p.grades = list(groups)
        musics.append(p)
        pos = int(round((k + 0.5) * len(units) / float(n_music)))
        units.insert(pos, {"group": None, "room": "muzieklokaal %d" %
                           (k + 1) if n_music > 1 else "muzieklokaal",
                           "members": [p]})
    sizes = [len(u["members"]) for u in units]
    parts = partition(sizes, 5, 10, 8) or partition(sizes, 3, 12, 8) or \
        [(0, len(units))]
    teams = []
    team_days = ["wo", "do", "di", "ma", "vr"]
    for k, (i, j) in enumerate(parts):
        tunits = units[i:j]
        grps = [u["group"] for u in tunits if u["group"]]
        teams.append({"units": tunits, "day": team_days[k % 5], "grps": grps})
    for k, tm in enumerate(teams):
        members = [p for u in tm["units"] for p in u["members"]]
        tm["members"] = members
        first, lastg = tm["grps"][0], tm["grps"][-1]
        lo = first.split()[1].split("/")[0].split("-")[0].rstrip("ABCDEFGH")
        hi = lastg.split()[1].split("/")[-1].split("-")[-1].rstrip(
            "ABCDEFGH")
        label = "groep %s-%s" % (lo, hi) if lo != hi else "groep %s" % lo
        if len(teams) == 2:
            label = ["Onderbouw", "Bovenbouw"][k]
        elif len(teams) == 1:
            label = "Basisschool"
        tm["label"] = label[0].upper() + label[1:]
    name_teams(teams, lambda label, n: "%s %s" % (label, letters(n - 1)),
               slug)

    # Working days: full-timers ma-vr; duo partners share the team's day
    # (the duodag) and split the other four; gym teachers 3-4 days.
    lessons = []   # (person, day, start, end, group, room, subject)
    for tm in teams:
        T = tm["day"]
        for u in tm["units"]:
            if u["group"] is None:
                p = u["members"][0]
                others = [d for d in DAYS if d != T]
                rng.shuffle(others)
                ndays = max(gym_days, rng.choice([3, 4]))
                chosen = {T} | set(others[:ndays - 1])
                p.workdays = [d for d in DAYS if d in chosen]
                continue
            if len(u["members"]) == 1:
                u["teacher_of"] = {d: {b: u["members"][0] for b in
                                       range(len(po_grid(d)))} for d in DAYS}
                continue
            a, b = u["members"]
            others = [d for d in DAYS if d != T]
            rng.shuffle(others)
            na = rng.choice([1, 2, 2, 3])
            sa, sb = set(others[:na]), set(others[na:])
            a.workdays = [d for d in DAYS if d in sa or d == T]
            b.workdays = [d for d in DAYS if d in sb or d == T]
            teacher_of = {}
            for d in DAYS:
                nb = len(po_grid(d))
                if d == T:
                    split = rng.randint(1, nb - 1)
                    teacher_of[d] = {k: (a if k < split else b)
                                     for k in range(nb)}
                else:
                    who = a if d in sa else b
                    teacher_of[d] = {k: who for k in range(nb)}
            u["teacher_of"] = teacher_of

    # Gym: groep 1/2 once a week, the others twice, on different days; a
    # gym lesson takes the first or the last 45 minutes of a block. Music
    # the same way, once a week; never two of them in one block.
    gym_busy = {}      # (vakleerkracht, day) -> set of (start, end)
    gym_of = {}        # (group, day, block) -> (vakleerkracht, start, end)
    group_units = [u for tm in teams for u in tm["units"] if u["group"]]
    gym_rooms = {p.id: u["room"] for tm in teams for u in tm["units"]
                 for p in u["members"] if u["group"] is None}
    missing_gym = place_vak(rng, group_units, gyms, "bewegingsonderwijs",
                            gym_busy, gym_of, gym_rooms, lessons)
    missing_gym += place_vak(rng, group_units, musics, "muziek", gym_busy,
                             gym_of, gym_rooms, lessons)

    for u in group_units:
        kleuter = u["group"].startswith("groep 1")
        subjects = SUBJECTS_KLEUTER if kleuter else SUBJECTS_GROEP
        for d in DAYS:
            for blk, (_l, s, e) in enumerate(po_grid(d)):
                p = u["teacher_of"][d][blk]
                start, end = mins(s), mins(e)
                if (u["group"], d, blk) in gym_of:
                    _g, gs, ge = gym_of[(u["group"], d, blk)]
                    if gs == start:
                        start = ge
                    else:
                        end = gs
                lessons.append((p.id, d, hhmm(start), hhmm(end), u["group"],
                                u["room"], subjects[blk]))

    # Schoolcoach per team: a teacher who works at least four days, if
    # possible on the expert coach's days (di, do): the startfase needs
    # the leerKRACHT-team and the expert coach together.
    for tm in teams:
        cands = [p for p in tm["members"] if len(p.workdays) >= 4 and
                 not p.subjects]
        cands = [p for p in cands if "di" in p.workdays and
                 "do" in p.workdays] or cands
        coach = rng.choice(cands or tm["members"])
        coach.roles.append("schoolcoach")
        tm["coach"] = coach

    dates = year_dates(rng, region, toetsweken=False)
    teachers = [p for tm in teams for p in tm["members"]]
    people = write_staff(args, names, staff, teachers)
    header = timetable_head(args, "po", n, school_name) + [
        "Een groepsleerkracht staat de hele werkdag voor de eigen groep,",
        "behalve als een vakleerkracht (gym, muziek) lesgeeft of de",
        "duopartner op de duodag een blok neemt.",
    ]
    write_timetable(os.path.join(args.out, "rooster.csv"), header,
                    [(l[0], l[1], l[2], l[3], "", l[4], l[5], l[6])
                     for l in lessons])
    write_po_yaml(os.path.join(args.out, "school.yaml"), args, school_name,
                  region, teams, leader, dates, assistants)
    return {
        "school": school_name, "people": len(people), "teachers": n,
        "part-time": sum(1 for p in teachers if len(p.workdays) < 5),
        "groups": len(groups), "teams": len(teams),
        "vakleerkrachten": n_gym + n_music,
        "onderwijsassistenten": len(assistants),
        "lesson rows": len(lessons), "gym lessons not placed": missing_gym,
    }


def write_po_yaml(path, args, school_name, region, teams, leader, dates,
                  assistants):
    L = yaml_school(args, "po", "basisschool", school_name, region)
    yaml_time_grid(L, "Schooltijden in blokken; woensdagmiddag zijn de "
                   "kinderen vrij.", PO_GRID)
    L.append("  wo:")
    yaml_grid(L, "    ", PO_GRID_WO)
    L.append("  shortened:")
    L.append("    # Kerstviering: 's middags geen les.")
    L.append("    - dates: [2026-12-18]")
    L.append("      grid:")
    yaml_grid(L, "        ", PO_GRID[:2])
    yaml_teams(L, ["# Per team werken de duopartners op één dag samen (de "
                   "duodag); dan is",
                   "# iedereen van het team er en is er na schooltijd tijd "
                   "voor de bordsessie."],
               teams, lambda tm: ["duodag: %s" % tm["day"]],
               "De directeur en (ten hoogste drie) schoolcoaches.",
               [leader.id] + [tm["coach"].id for tm in teams[:3]])
    L.append("# Een leerkracht staat de hele dag voor de groep: bij een "
             "lesbezoek neemt")
    L.append("# een onderwijsassistent of de directeur de groep over "
             "(invalcapaciteit).")
    L.append("cover:")
    for p in assistants:
        L.append("  - {person: %s, max_per_week: 10}   # onderwijsassistent"
                 % p.id)
    L.append("  - {person: %s, days: %s, max_per_week: 2}   # directeur" %
             (leader.id, flow(leader.workdays[1:])))
    L.append("")
    L.append("# Geen A/B-weken en geen toetsweken in de basisschool.")
    write_yaml(path, L, dates, ("13:30", "13:00"), RITMIEK_PO)


RITMIEK_PO = """
# De leerkrachten staan tot 14:30 (woensdag 12:15) voor de groep; de
# bordsessie is na schooltijd. De hele school komt op woensdagmiddag na de
# lunch bijeen (studiemiddag), ook voor de verbindingssessie; duo's spreken
# na schooltijd ook om 15:00 af, na een bordsessie of lesontwerp. Zoals in
# veel basisscholen horen verdieping, retrospectief en leerlingarena bij de
# wekelijkse teambijeenkomst: de bordsessie van die week duurt dan langer.
ritmiek:
  bordsessie_minutes: 30
  team_sessions: {verdieping: in_bordsessie, retrospectief: in_bordsessie, leerlingarena: in_bordsessie}
  windows:
    - {days: [ma, di, wo, do, vr], start: "08:30", end: "17:00"}
    - {days: [wo], start: "13:00", end: "17:00", kinds: [verbindingssessie]}
    - {days: [ma, di, do, vr], start: "15:00", end: "17:00", kinds: [feedbackgesprek, gezamenlijk-lesontwerp]}
"""


# ================================================================== main

def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Generate a synthetic school (school.yaml, "
        "personeel.csv, rooster.csv) for benchmarking ritmiek.")
    ap.add_argument("--kind", choices=["po", "vo"], required=True)
    ap.add_argument("--teachers", type=int,
                    help="number of teachers (default po 15, vo 60)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--region", choices=["noord", "midden", "zuid"],
                    help="holiday region (default po noord, vo midden)")
    ap.add_argument("--cohorts", type=int, default=1,
                    help="vo: start the teams in this many waves (default 1)")
    ap.add_argument("--out", required=True, help="folder to write")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.teachers is None:
        args.teachers = 15 if args.kind == "po" else 60
    rng = random.Random("ritmiek-bench-%s-%d-%d" % (args.kind, args.teachers,
                                                    args.seed))
    summary = (gen_po if args.kind == "po" else gen_vo)(args, rng)
    if not args.quiet:
        sys.stderr.write("gen-school: %s -> %s\n" % (summary.pop("school"),
                                                      args.out))
        for k, v in summary.items():
            sys.stderr.write("  %-28s %s\n" % (k, v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
