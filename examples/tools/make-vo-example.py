#!/usr/bin/env python3
"""make-vo-example.py - generate the VO example school of ritmiek.

Writes examples/vo-school/school.yaml, personeel.csv and rooster.csv: an
invented school for mavo, havo and vwo with about 60 teachers in 8
lerarenteams, an A/B-week timetable on a grid of 9 lessons of 50 minutes,
and part-timers. The output is deterministic (fixed seed): running the
script again gives the same files, byte for byte.

The timetable is built the way a roosteraar would: first a lessentabel
(which class gets how many lessons of which subject), then the lessons are
divided over the teachers of the right subject and bouw, then each lesson
is put in a free lesuur. Two rules make the example usable for the planner:

  * Tuesday lesuur 8 and 9 (15:25-17:05) have no lessons: team time.
  * Each team has one more lesuur a week (its "teamuur") in which none of
    its members teaches, on a day all its members work. Part-timers always
    work on Tuesday and on their team's teamuur day.

Usage: make-vo-example.py [--out DIR] [--quiet]
Plain Python 3, standard library only.
"""

import argparse
import os
import random
import sys
import unicodedata

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import schoolgen  # noqa: E402 (beside this script; gen-school.py too)

SEED = 20262027

DAYS = ["ma", "di", "wo", "do", "vr"]

# The regular grid: lesuur, start, end. Breaks 10:10-10:30, 12:10-12:40
# and 14:20-14:35.
GRID = [
    (1, "08:30", "09:20"),
    (2, "09:20", "10:10"),
    (3, "10:30", "11:20"),
    (4, "11:20", "12:10"),
    (5, "12:40", "13:30"),
    (6, "13:30", "14:20"),
    (7, "14:35", "15:25"),
    (8, "15:25", "16:15"),
    (9, "16:15", "17:05"),
]
LESUREN = [g[0] for g in GRID]
TIMES = {g[0]: (g[1], g[2]) for g in GRID}

# Lesuren without lessons for anyone: the school's team time on Tuesday.
SCHOOL_FREE = {("di", 8), ("di", 9)}

# How much a lesson costs in each lesuur: late hours only when needed.
LESUUR_COST = {1: 0.3, 2: 0.0, 3: 0.0, 4: 0.0, 5: 0.0, 6: 0.2, 7: 0.7,
               8: 2.5, 9: 10.0}

SUBJECT_CODE = {
    "nederlands": "ne", "engels": "en", "wiskunde": "wi", "frans": "fa",
    "duits": "du", "spaans": "sp", "latijn": "la", "grieks": "gr",
    "geschiedenis": "gs", "aardrijkskunde": "ak", "economie": "ec",
    "m&o": "mo", "maatschappijleer": "maw", "biologie": "bi",
    "natuurkunde": "na", "scheikunde": "sk", "nlt": "nlt",
    "informatica": "inf", "lo": "lo", "beeldende vorming": "bv",
    "muziek": "mu", "drama": "dr", "ckv": "ckv",
}

# ---------------------------------------------------------------- people

# The first of the shared lists, as many as the example has always had.
FIRST_NAMES = schoolgen.FIRST_NAMES[:73]

SURNAMES = schoolgen.SURNAMES[:68]

# Teams: id, name, teamuur (day, lesuur), cohort, and its members as
# (subjects, grades, kind). grades: the bands the teacher teaches, the
# first one most. kind: words, "" for a full-time teacher; "coach" the
# team's schoolcoach, "lkt" also in the leerKRACHT-team, "4d"/"3d"
# part-time (4 or 3 days), "tl" the teamleider onderbouw, who teaches a
# little.
OB, MA, HA, VW = "onderbouw", "mavo", "havo", "vwo"
TEAMS = [
    ("onderbouw", "Team Onderbouw", ("do", 7), 1, [
        (["nederlands"], [OB], "coach lkt"),
        (["nederlands"], [OB, HA], ""),
        (["nederlands"], [OB, MA], "3d"),
        (["engels"], [OB, VW], ""),
        (["wiskunde"], [OB], ""),
        (["wiskunde"], [OB], "4d"),
        (["biologie"], [OB], ""),
        (["aardrijkskunde", "geschiedenis"], [OB], "3d"),
        (["geschiedenis"], [OB], "tl"),
    ]),
    ("mavo", "Team Mavo", ("ma", 7), 1, [
        (["engels"], [MA, OB], "coach"),
        (["nederlands"], [MA, OB], ""),
        (["wiskunde"], [MA, OB], ""),
        (["economie"], [MA, OB], "4d"),
        (["biologie", "natuurkunde"], [MA, OB], ""),
        (["geschiedenis"], [MA, OB], ""),
        (["aardrijkskunde"], [MA, OB], "4d"),
        (["duits"], [MA, OB, HA], ""),
    ]),
    ("exact", "Team Exact", ("wo", 6), 1, [
        (["wiskunde"], [VW, HA], "coach lkt"),
        (["wiskunde"], [HA, OB], ""),
        (["wiskunde"], [HA, VW], ""),
        (["wiskunde"], [VW, OB], "4d"),
        (["wiskunde", "informatica"], [VW, HA], ""),
        (["wiskunde"], [OB, HA, MA], ""),
    ]),
    ("natuur", "Team Natuur & Gezondheid", ("do", 6), 1, [
        (["biologie"], [VW, HA], "coach"),
        (["biologie"], [HA, OB], "4d"),
        (["natuurkunde"], [VW, HA, MA], ""),
        (["natuurkunde"], [HA, OB], ""),
        (["scheikunde"], [VW, HA, MA], ""),
        (["scheikunde", "nlt"], [HA, VW], "3d"),
        (["biologie", "nlt"], [OB, VW], ""),
    ]),
    ("talen", "Team Talen", ("ma", 6), 1, [
        (["nederlands"], [VW, HA], "coach lkt"),
        (["nederlands"], [HA, OB], ""),
        (["nederlands"], [HA, VW], "4d"),
        (["engels"], [VW, HA], ""),
        (["engels"], [HA, OB], ""),
        (["engels"], [OB, VW], "3d"),
        (["engels"], [HA, VW], ""),
    ]),
    ("mvt", "Team MVT & Klassieken", ("vr", 5), 2, [
        (["frans"], [VW, HA, OB], "coach"),
        (["frans"], [OB, HA, MA], "4d"),
        (["frans"], [OB, VW, HA], ""),
        (["duits"], [HA, VW, OB], ""),
        (["spaans", "duits"], [HA, VW, OB], "4d"),
        (["latijn", "grieks"], [VW, OB], ""),
        (["latijn", "grieks"], [OB, VW], "4d"),
    ]),
    ("mm", "Team Mens & Maatschappij", ("wo", 7), 1, [
        (["geschiedenis"], [HA, VW], "coach"),
        (["geschiedenis"], [VW, OB], "4d"),
        (["aardrijkskunde"], [HA, VW, OB], ""),
        (["aardrijkskunde"], [OB, VW], ""),
        (["economie"], [HA, VW], ""),
        (["economie", "m&o"], [VW, HA], ""),
        (["m&o", "economie"], [HA, MA], "4d"),
        (["maatschappijleer"], [HA, VW, MA], ""),
    ]),
    ("kunst-bewegen", "Team Kunst & Bewegen", ("di", 6), 2, [
        (["lo"], [OB, HA, VW], "coach"),
        (["lo"], [OB, MA], ""),
        (["lo"], [HA, VW, OB], ""),
        (["lo"], [OB, MA, HA], "4d"),
        (["beeldende vorming"], [OB, HA, VW], ""),
        (["beeldende vorming", "ckv"], [OB, MA, HA], "4d"),
        (["muziek"], [OB, HA, VW], ""),
        (["drama", "muziek", "ckv"], [OB, MA, VW], "3d"),
    ]),
]

# -------------------------------------------------------------- lessentabel

# Class groups: name, band, level (for clusters), vwo-ish (latin) or not.
def class_list():
    out = []
    for year in (1, 2):
        for letter in "ABCDEFGH":
            out.append(("%d%s" % (year, letter), OB, None))
    for name in ("3MA", "3MB", "3HA", "3HB", "3HC", "3VA", "3VB", "3VC"):
        band = {"M": MA, "H": HA, "V": VW}[name[1]]
        out.append((name, band, None))
    for name in ("4M1", "4M2", "4M3"):
        out.append((name, MA, "4M"))
    for lvl in ("4H", "5H"):
        for i in (1, 2, 3):
            out.append(("%s%d" % (lvl, i), HA, lvl))
    for lvl in ("4V", "5V", "6V"):
        for i in (1, 2, 3):
            out.append(("%s%d" % (lvl, i), VW, lvl))
    return out


# Lessons a week per subject; x.5 means one lesson every other week (the
# extra lesson is in the A or in the B week only).
TABLE_1 = {"nederlands": 4, "engels": 3, "wiskunde": 4, "frans": 2,
           "geschiedenis": 2, "aardrijkskunde": 2, "biologie": 2, "lo": 3,
           "beeldende vorming": 1.5, "muziek": 1, "drama": 1}
TABLE_2 = {"nederlands": 3, "engels": 3, "wiskunde": 4, "frans": 2,
           "duits": 2, "geschiedenis": 2, "aardrijkskunde": 1.5,
           "biologie": 1.5, "natuurkunde": 2, "lo": 2.5,
           "beeldende vorming": 1, "muziek": 1}
TABLE_3 = {"nederlands": 3, "engels": 2.5, "wiskunde": 3, "frans": 2,
           "duits": 2, "geschiedenis": 2, "aardrijkskunde": 2,
           "biologie": 2, "natuurkunde": 2, "scheikunde": 1.5,
           "economie": 2, "lo": 2, "beeldende vorming": 1}
CORE_BB = {"nederlands": 3, "engels": 3, "lo": 2}
CORE_4 = {"maatschappijleer": 2, "ckv": 1}
CORE_4M = {"nederlands": 4, "engels": 3.5, "lo": 2, "maatschappijleer": 2,
           "ckv": 1}
# Electives per level: subject -> (clusters, lessons a week).
ELECT_4M = {"wiskunde": (3, 4), "biologie": (1, 3), "economie": (2, 4),
            "geschiedenis": (1, 3), "aardrijkskunde": (1, 3),
            "duits": (1, 3), "natuurkunde": (2, 3), "scheikunde": (1, 3),
            "frans": (1, 3), "m&o": (1, 3)}
ELECT_H = {"wiskunde": (4, 3.5), "natuurkunde": (1, 3),
           "scheikunde": (1, 3), "biologie": (2, 3), "economie": (2, 3),
           "m&o": (1, 3), "geschiedenis": (2, 3), "aardrijkskunde": (2, 3),
           "frans": (1, 3), "duits": (1, 3), "spaans": (1, 3),
           "beeldende vorming": (1, 3), "muziek": (1, 2),
           "informatica": (1, 2), "nlt": (1, 2), "nederlands": (1, 1)}
ELECT_V = {"wiskunde": (3, 4), "natuurkunde": (1, 3),
           "scheikunde": (1, 3), "biologie": (2, 3), "economie": (2, 3),
           "m&o": (1, 2), "geschiedenis": (1, 3), "aardrijkskunde": (1, 3),
           "frans": (1, 3), "duits": (1, 3), "spaans": (1, 3),
           "latijn": (1, 3), "grieks": (1, 3), "beeldende vorming": (1, 2),
           "muziek": (1, 2), "informatica": (1, 2), "nlt": (1, 2),
           "engels": (1, 1)}


def needs_list():
    """The lessentabel as a list of needs: (group, subject, hours, band,
    level, is_class)."""
    needs = []
    for name, band, level in class_list():
        year = int(name[0])
        if year == 1:
            table = dict(TABLE_1)
            if name[1] in "GH":
                table["latijn"] = 2
        elif year == 2:
            table = dict(TABLE_2)
            if name[1] in "GH":
                table["latijn"] = 2
                table["grieks"] = 2
        elif year == 3:
            table = dict(TABLE_3)
            if band == MA:
                del table["scheikunde"]
                del table["frans"]
                table["natuurkunde"] = 2.5
            if band == VW:
                table["latijn"] = 2
        elif level == "4M":
            table = dict(CORE_4M)
        else:
            table = dict(CORE_BB)
            if year == 4:
                table.update(CORE_4)
            if name.startswith("6V") or name.startswith("5H"):
                table["lo"] = 1
        for subject, hours in table.items():
            needs.append((name, subject, hours, band, level, True))
    levels = [("4M", MA, ELECT_4M), ("4H", HA, ELECT_H), ("5H", HA, ELECT_H),
              ("4V", VW, ELECT_V), ("5V", VW, ELECT_V), ("6V", VW, ELECT_V)]
    for level, band, table in levels:
        for subject, (clusters, hours) in table.items():
            for i in range(1, clusters + 1):
                group = "%s-%s%d" % (level, SUBJECT_CODE[subject], i)
                needs.append((group, subject, hours, band, level, False))
    return needs


# ---------------------------------------------------------------- helpers

def ascii_fold(text):
    text = text.replace("ı", "i")
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c))


class Teacher:
    def __init__(self, pid, name, email, subjects, grades, roles, workdays,
                 team, target, kind):
        self.id = pid
        self.kind = kind  # see TEAMS
        self.name = name
        self.email = email
        self.subjects = subjects
        self.grades = grades
        self.roles = roles
        self.workdays = workdays
        self.team = team
        self.target = target
        self.load = 0.0
        self.assignments = []  # (group, subject, hours, level, is_class)
        self.room = None


def make_id(first, surname, taken):
    core = ascii_fold(surname.split()[-1]).upper()
    f = ascii_fold(first)[0].upper()
    candidates = [f + core[:2]]
    for i in range(2, len(core)):
        candidates.append(f + core[0] + core[i])
    for c in candidates:
        if c not in taken:
            taken.add(c)
            return c
    raise SystemExit("no free id for %s %s" % (first, surname))


def make_email(first, surname):
    local = ascii_fold(first).lower().replace("-", "") + "." + \
        ascii_fold(surname).lower().replace(" ", "")
    return local + "@devaart.example"


def workdays_for(rng, kind, teamday):
    """Part-timers always work on Tuesday and on the team's teamuur day."""
    fixed = {"di", teamday}
    if "4d" in kind:
        n = 4
    elif "3d" in kind:
        n = 3
    else:
        return list(DAYS)
    others = [d for d in DAYS if d not in fixed]
    rng.shuffle(others)
    days = fixed | set(others[:n - len(fixed)])
    return [d for d in DAYS if d in days]


def make_people(rng):
    firsts = list(FIRST_NAMES)
    lasts = list(SURNAMES)
    rng.shuffle(firsts)
    rng.shuffle(lasts)
    taken = set()
    names = iter(zip(firsts, lasts))

    def next_person():
        first, last = next(names)
        return first, last, "%s %s" % (first, last)

    # People without lessons: (id, name, email, roles, workdays).
    first, last, name = next_person()
    rector = (make_id(first, last, taken), name, make_email(first, last),
              ["schoolleider"], list(DAYS))
    first, last, name = next_person()
    tl_bb = (make_id(first, last, taken), name, make_email(first, last),
             ["teamleider", "mt"], ["ma", "di", "wo", "do"])

    teachers = []
    for tid, _tname, (tday, _tles), _cohort, members in TEAMS:
        for subjects, grades, kind in members:
            first, last, name = next_person()
            pid = make_id(first, last, taken)
            roles = ["leraar"]
            if "coach" in kind:
                roles.append("schoolcoach")
            if kind == "tl":
                roles += ["teamleider", "mt"]
            days = workdays_for(rng, kind, tday)
            if kind == "tl":
                target = 6
            elif len(days) == 5:
                target = rng.choice([21, 22, 22, 23, 23, 24])
            elif len(days) == 4:
                target = rng.choice([17, 18, 19])
            else:
                target = rng.choice([13, 14, 15])
            if "coach" in kind:
                target -= 2  # taakuren as schoolcoach
            teachers.append(Teacher(pid, name, make_email(first, last),
                                    subjects, grades, roles, days, tid,
                                    target, kind))

    # The expertcoach comes from the foundation, not from the school.
    first, last, name = "Marloes", "Verhoeven", "Marloes Verhoeven"
    expert = (make_id(first, last, taken), name,
              "marloes.verhoeven@stichting-leerkracht.example",
              ["expertcoach"], ["di", "do"])
    return rector, tl_bb, teachers, expert


# -------------------------------------------------------------- assignment

def split_hours(hours):
    full = int(hours)
    return full, hours - full > 0


def assign(rng, teachers, needs, log):
    by_subject = {}
    for t in teachers:
        for s in t.subjects:
            by_subject.setdefault(s, []).append(t)

    def candidates(subject, band):
        return [t for t in by_subject.get(subject, []) if band in t.grades]

    order = list(needs)
    rng.shuffle(order)
    order.sort(key=lambda n: (len(candidates(n[1], n[3])), -n[2]))
    # First pass: stay within 8% of each teacher's task; second pass: the
    # needs left over may stretch a task by 20% (a teacher with a few
    # lessons more than planned).
    for limit in (0.08, 0.20):
        unassigned = []
        for need in order:
            group, subject, hours, band, level, is_class = need
            def key(t):
                ratio = (t.load + hours) / max(t.target, 1)
                over = max(0.0, ratio - 1.0)
                return (over > limit, t.grades.index(band) + 4 * over, ratio,
                        rng.random())
            t = schoolgen.pick(candidates(subject, band), key)
            if t is None:
                unassigned.append(need)
                continue
            t.load += hours
            t.assignments.append((group, subject, hours, level, is_class))
        order = unassigned
    unassigned = [n[:3] for n in unassigned]
    for u in unassigned:
        log("niet toegewezen: %s %s %.1f" % u)

    # Mentoruur: one lesson a week for classes 1-3, by a teacher who
    # teaches the class.
    for name, band, level in class_list():
        if level is not None:
            continue
        teaching = [t for t in teachers
                    if any(a[0] == name for a in t.assignments)
                    and "lo" not in t.subjects]
        teaching.sort(key=lambda t: (t.load / max(t.target, 1), t.id))
        if teaching and teaching[0].load + 1 <= teaching[0].target + 1:
            t = teaching[0]
            t.load += 1
            t.assignments.append((name, "mentoruur", 1, None, True))
    # Maatwerkuren fill the rest of a teacher's task (keuzewerktijd).
    for t in teachers:
        k = 0
        while t.target - t.load >= 1:
            k += 1
            code = SUBJECT_CODE[t.subjects[0]]
            group = "MW-%s-%s%d" % (code, t.id.lower(), k)
            t.assignments.append((group, t.subjects[0], 1, None, False))
            t.load += 1
    return len(unassigned)


# --------------------------------------------------------------- placement

ROOMS_GENERAL = (["%d.%02d" % (1, i) for i in range(1, 21)]
                 + ["%d.%02d" % (2, i) for i in range(1, 19)]
                 + ["%d.%02d" % (3, i) for i in range(1, 17)])
ROOMS_LAB = ["2.21", "2.22", "2.23", "2.24", "2.25", "2.26", "2.27",
             "2.28"]
ROOMS_GYM = ["GZ1", "GZ2", "GZ3", "GZ4"]
ROOMS_ART = {"beeldende vorming": "0.05", "muziek": "0.08", "drama": "0.12",
             "informatica": "1.30"}


def give_rooms(rng, teachers):
    general = list(ROOMS_GENERAL)
    rng.shuffle(general)
    labs = list(ROOMS_LAB)
    gyms = list(ROOMS_GYM)
    for t in teachers:
        s = t.subjects[0]
        if s == "lo":
            t.room = gyms.pop(0)
        elif s in ("natuurkunde", "scheikunde") or (
                s == "biologie" and t.team == "natuur"):
            t.room = labs.pop(0)
        elif s in ROOMS_ART:
            t.room = ROOMS_ART[s]
        else:
            t.room = general.pop(0)
    return general  # the free rooms (wissellokalen)


class Board:
    """Occupation per week (A, B): teachers, groups, rooms, levels."""

    def __init__(self):
        self.busy = {}    # (week, kind, name, day, lesuur) -> True
        self.level = {}   # (week, level, day, lesuur) -> "core"/"cluster"

    def weeks(self, week):
        return ("A", "B") if week == "" else (week,)

    def free(self, week, kind, name, day, les):
        return all((w, kind, name, day, les) not in self.busy
                   for w in self.weeks(week))

    def level_ok(self, week, level, day, les, state):
        if level is None:
            return True
        return all(self.level.get((w, level, day, les), state) == state
                   for w in self.weeks(week))

    def take(self, week, day, les, teacher, group, room, level, state):
        for w in self.weeks(week):
            self.busy[(w, "t", teacher, day, les)] = True
            self.busy[(w, "g", group, day, les)] = True
            self.busy[(w, "r", room, day, les)] = True
            if level is not None:
                self.level[(w, level, day, les)] = state


def lessons_of(rng, teacher):
    """The weekly lessons of a teacher. The half lessons alternate between
    A and B weeks, so a teacher has about as many lessons in both."""
    out = []
    ab = rng.choice(["AB", "BA"])
    halves = 0
    for group, subject, hours, level, is_class in teacher.assignments:
        full, half = split_hours(hours)
        for _ in range(full):
            out.append((group, subject, "", level, is_class))
        if half:
            out.append((group, subject, ab[halves % 2], level, is_class))
            halves += 1
    return out


def place_all(rng, teachers, spare_rooms, teamuur, log):
    board = Board()
    rows = []
    per_day = {}  # (teacher, week, day) -> lessons
    same = {}     # (teacher, group, subject, day) -> count
    failed = 0
    order = sorted(teachers, key=lambda t: (len(t.workdays), rng.random()))
    pending = []
    for t in order:
        lessons = lessons_of(rng, t)
        lessons.sort(key=lambda l: (l[2] != "", rng.random()))
        for les in lessons:
            pending.append((t, les))
    # Part-timers and class lessons first: they have the fewest options.
    pending.sort(key=lambda p: (len(p[0].workdays), not p[1][4]))
    for t, (group, subject, week, level, is_class) in pending:
        state = "core" if is_class else "cluster"

        def places():
            for day in t.workdays:
                for les in LESUREN:
                    if ((day, les) in SCHOOL_FREE or
                            (day, les) == teamuur[t.team] or
                            not board.free(week, "t", t.id, day, les) or
                            not board.free(week, "g", group, day, les) or
                            not board.level_ok(week, level, day, les, state)):
                        continue
                    room = t.room
                    if not board.free(week, "r", room, day, les):
                        room = next((r for r in spare_rooms
                                     if board.free(week, "r", r, day, les)),
                                    None)
                    if room is not None:
                        yield day, les, room

        def cost(place):
            day, les, room = place
            c = LESUUR_COST[les]
            c += 3.0 * same.get((t.id, group, subject, day), 0)
            for w in board.weeks(week):
                c += 0.35 * per_day.get((t.id, w, day), 0)
            return c + (0.8 if room != t.room else 0) + rng.random() * 1.5

        best = schoolgen.cheapest(places(), cost)
        if best is None:
            failed += 1
            log("niet ingeroosterd: %s %s %s %s" % (t.id, group, subject,
                                                     week))
            continue
        day, les, room = best
        board.take(week, day, les, t.id, group, room, level, state)
        for w in board.weeks(week):
            per_day[(t.id, w, day)] = per_day.get((t.id, w, day), 0) + 1
        key = (t.id, group, subject, day)
        same[key] = same.get(key, 0) + 1
        rows.append((t.id, day, les, week, group, room, subject))
    return rows, failed


# ------------------------------------------------------------------ output

def csv_cell(value):
    if any(c in value for c in ',"\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_people(path, rector, tl_bb, teachers, expert):
    lines = ["id,name,email,subjects,grades,roles,workdays"]

    def row(pid, name, email, subjects, grades, roles, days):
        lines.append(",".join(csv_cell(x) for x in (
            pid, name, email, "|".join(subjects), "|".join(grades),
            "|".join(roles), "|".join(days))))

    for pid, name, email, roles, days in (rector, tl_bb):
        row(pid, name, email, [], [], roles, days)
    for t in teachers:
        row(t.id, t.name, t.email, t.subjects, t.grades, t.roles,
            t.workdays)
    pid, name, email, roles, days = expert
    row(pid, name, email, [], [], roles, days)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def write_timetable(path, rows):
    day_index = {d: i for i, d in enumerate(DAYS)}
    rows = sorted(rows, key=lambda r: (r[0], day_index[r[1]], r[2], r[3]))
    lines = [
        "# Lesrooster 2026-2027 van Stedelijk College De Vaart (verzonnen).",
        "# Gemaakt door examples/tools/make-vo-example.py; niet met de hand",
        "# bewerken maar het script aanpassen en opnieuw draaien.",
        "# week: leeg = elke week, A = alleen A-weken, B = alleen B-weken.",
        "# Groepen: klassen (1A, 3HB, 5V2), clusters in de bovenbouw",
        "# (5V-na1 = 5 vwo natuurkunde, cluster 1) en maatwerkuren",
        "# (MW-wi-abc1 = keuzewerktijd wiskunde bij docent ABC).",
        "person,weekday,start,end,week,group,room,subject",
    ]
    for pid, day, les, week, group, room, subject in rows:
        start, end = TIMES[les]
        lines.append(",".join(csv_cell(x) for x in (
            pid, day, start, end, week, group, room, subject)))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def flow(ids):
    return "[" + ", ".join(ids) + "]"


def write_yaml(path, rector, tl_bb, teachers, expert):
    by_team = {}
    for t in teachers:
        by_team.setdefault(t.team, []).append(t)
    coach = {}
    lkt = [rector[0]]
    for t in teachers:
        if t.kind == "tl":
            lkt.append(t.id)
    for t in teachers:
        if "coach" in t.kind:
            coach[t.team] = t.id
            if "lkt" in t.kind:
                lkt.append(t.id)
    other_coaches = [coach[tid] for tid, *_ in TEAMS
                     if coach[tid] not in lkt]

    team_text = []
    for tid, tname, (tday, tles), cohort, _members in TEAMS:
        members = [t.id for t in by_team[tid]]
        start, end = TIMES[tles]
        team_text.append("  # teamuur: %s lesuur %d (%s-%s)\n"
                         "  - id: %s\n"
                         "    name: %s\n"
                         "    members: %s\n"
                         "    schoolcoach: %s\n" % (
                             tday, tles, start, end, tid, tname,
                             flow(members), coach[tid]))
        if cohort != 1:
            team_text[-1] += ("    cohort: %d              # tweede startgolf:"
                              " begint later in het jaar\n" % cohort)
    text = YAML_TEMPLATE.format(
        teams="".join(team_text),
        lkt=flow(lkt),
        bedrijfsbezoek_people=flow(other_coaches[:3]),
        rector=rector[0], tl_bb=tl_bb[0], expert=expert[0],
    )
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


YAML_TEMPLATE = """\
# Stedelijk College De Vaart - voorbeeldschool voor ritmiek (VO).
#
# Een verzonnen scholengemeenschap voor mavo, havo en vwo in regio midden,
# met zo'n 60 docenten in 8 lerarenteams. Dit bestand beschrijft de school;
# de mensen staan in personeel.csv en het lesrooster in rooster.csv.
# Gemaakt door examples/tools/make-vo-example.py (vaste seed): pas liever
# het script aan dan dit bestand, anders passen de drie bestanden niet meer
# bij elkaar. Uitleg van alle sleutels: man 5 ritmiek-school.
#
# Controleren:  ritmiek check examples/vo-school/school.yaml

school:
  id: de-vaart                 # korte naam: komt in UID's en bestandsnamen
  name: Stedelijk College De Vaart
  type: vo                     # po, vo of mbo
  region: midden               # bepaalt de herfst-, voorjaars- en zomervakantie
  timezone: Europe/Amsterdam   # de standaard; hier alleen ter illustratie
  school_year: 2026-2027
  programme_year: 1            # ons eerste jaar met leerKRACHT

# Lestijden: 9 lesuren van 50 minuten. Pauzes 10:10-10:30, 12:10-12:40 en
# 14:20-14:35. Op dinsdag na lesuur 7 zijn er geen lessen: dan is er
# teamtijd (bordsessies, lesontwerp). Het rooster houdt daar rekening mee;
# het lesuurrooster zelf is elke dag gelijk.
time_grid:
  default:
    - {{lesuur: 1, start: "08:30", end: "09:20"}}
    - {{lesuur: 2, start: "09:20", end: "10:10"}}
    - {{lesuur: 3, start: "10:30", end: "11:20"}}
    - {{lesuur: 4, start: "11:20", end: "12:10"}}
    - {{lesuur: 5, start: "12:40", end: "13:30"}}
    - {{lesuur: 6, start: "13:30", end: "14:20"}}
    - {{lesuur: 7, start: "14:35", end: "15:25"}}
    - {{lesuur: 8, start: "15:25", end: "16:15"}}
    - {{lesuur: 9, start: "16:15", end: "17:05"}}
  shortened:
    # 40-minutenrooster op de middagen met rapportvergaderingen.
    - dates: [2026-11-26, 2027-03-25]
      grid:
        - {{lesuur: 1, start: "08:30", end: "09:10"}}
        - {{lesuur: 2, start: "09:10", end: "09:50"}}
        - {{lesuur: 3, start: "09:50", end: "10:30"}}
        - {{lesuur: 4, start: "10:45", end: "11:25"}}
        - {{lesuur: 5, start: "11:25", end: "12:05"}}
        - {{lesuur: 6, start: "12:05", end: "12:45"}}
        - {{lesuur: 7, start: "13:15", end: "13:55"}}
        - {{lesuur: 8, start: "13:55", end: "14:35"}}
        - {{lesuur: 9, start: "14:35", end: "15:15"}}
    # Laatste dag voor de kerstvakantie: korte lessen, 's middags de
    # kerstviering. Lesuur 7 tot en met 9 vervallen.
    - dates: [2026-12-18]
      grid:
        - {{lesuur: 1, start: "08:30", end: "09:05"}}
        - {{lesuur: 2, start: "09:05", end: "09:40"}}
        - {{lesuur: 3, start: "09:40", end: "10:15"}}
        - {{lesuur: 4, start: "10:30", end: "11:05"}}
        - {{lesuur: 5, start: "11:05", end: "11:40"}}
        - {{lesuur: 6, start: "11:40", end: "12:15"}}

# Het personeel staat in een CSV-bestand (export uit de personeels-
# administratie): id,name,email,subjects,grades,roles,workdays.
# Deeltijders hebben hun werkdagen in de kolom workdays; iedereen werkt op
# dinsdag (teamtijd) en op de dag van het teamuur van zijn team.
people_file: personeel.csv

# Lerarenteams. Elk team heeft naast de dinsdagmiddag een eigen teamuur: een
# lesuur waarin geen enkel teamlid lesgeeft (zie het commentaar per team).
# De schoolcoach is zelf lid van het team.
teams:
{teams}
# Het leerKRACHT-team: de rector, de teamleider onderbouw en drie
# schoolcoaches. De andere schoolcoaches komen wel naar de fora (rol
# schoolcoach) maar zitten niet in het leerKRACHT-team.
leerkracht_team:
  members: {lkt}

# Het lesrooster, uit het roosterprogramma geëxporteerd als CSV.
timetable:
  format: csv
  file: rooster.csv

# A/B-weken: sommige lessen zijn er maar om de week. De eerste schoolweek is
# een A-week; vakantieweken tellen niet mee, na een vakantie loopt het
# ritme door waar het was.
ab_weeks:
  first_a_week: 2026-08-31
  count: teaching

# Studiedagen: de leerlingen zijn vrij, de docenten niet.
studiedagen:
  - {{date: 2026-10-14, name: Studiedag toetsbeleid}}
  - {{date: 2027-01-25, name: Studiedag digitale geletterdheid}}
  - {{date: 2027-06-16, name: Studiedag jaarplan 2027-2028}}

# Toetsweken: hierin plant ritmiek geen sessies (zie ritmiek.avoid_toetsweken).
toetsweken:
  - {{from: 2026-11-30, to: 2026-12-04, name: Toetsweek 1}}
  - {{from: 2027-03-08, to: 2027-03-12, name: Toetsweek 2}}
  - {{from: 2027-06-21, to: 2027-06-25, name: Toetsweek 3}}

# Extra vrije dagen voor iedereen. Koningsdag 2027 is op dinsdag; de
# maandag ervoor is een brugdag. (Hemelvaart valt in 2027 in de
# meivakantie.)
free_days:
  - {{date: 2027-04-26, name: Brugdag voor Koningsdag}}

# Onze herfstvakantie begint een dag eerder dan het advies voor regio
# midden: al op vrijdag 16 oktober.
holidays:
  herfstvakantie: {{from: 2026-10-16, to: 2026-10-25}}

# Vaste data van buiten de school (Stichting leerKRACHT, regio midden).
external:
  - kind: forum
    name: leerKRACHT-teamforum I
    date: 2026-10-08
    start: "13:00"
    end: "17:00"
    for: [schoolcoach, schoolleider, leerkracht_team]
  - kind: forum
    name: leerKRACHT-teamforum II
    date: 2027-02-04
    start: "13:00"
    end: "17:00"
    for: [schoolcoach, schoolleider, leerkracht_team]
  - kind: forum
    name: leerKRACHT-teamforum III
    date: 2027-06-03
    start: "13:00"
    end: "17:00"
    for: [schoolcoach, schoolleider, leerkracht_team]
  # De bootcamp is tegenwoordig op school, met het hele team.
  - kind: bootcamp
    name: Bootcamp leerKRACHT
    date: 2026-11-11
    start: "12:40"
    end: "17:00"
    for: [all]
  # Bedrijfsbezoek met 8 mensen: het leerKRACHT-team (5) en drie andere
  # schoolcoaches.
  - kind: bedrijfsbezoek
    name: Bedrijfsbezoek
    date: 2027-03-18
    start: "13:00"
    end: "17:00"
    for: [leerkracht_team]
    people: {bedrijfsbezoek_people}
  - kind: webinar
    name: Webinar Lesbezoek en feedback
    date: 2026-11-19
    start: "15:30"
    end: "16:30"
    for: [schoolcoach, schoolleider]
  - kind: webinar
    name: Webinar Stem van de leerling
    date: 2027-01-21
    start: "16:00"
    end: "17:00"
    for: [schoolcoach, schoolleider]
  - kind: webinar
    name: Webinar Verbindingssessie
    date: 2027-04-08
    start: "16:00"
    end: "17:00"
    for: [schoolcoach, schoolleider]
    people: [{tl_bb}]

# Eigen vensters voor de metingen (anders gelden de standaardvensters).
metingen:
  - {{kind: cultuursurvey_start, opens: 2026-09-14, deadline: 2026-09-30}}
  - {{kind: barometer, opens: 2027-05-31, deadline: 2027-06-18}}

# Instellingen van de planner. Alles hieronder is de standaard, behalve
# windows: sessies alleen op schooldagen tussen 08:30 en 17:30.
ritmiek:
  bordsessie_minutes: 30
  gl_minutes: 45
  fb_minutes: 30
  period_weeks: {{min: 4, max: 8}}
  avoid_toetsweken: true
  allow_multi_team: false
  reminder_minutes: 10
  feed_ttl_hours: 12
  windows:
    - {{days: [ma, di, wo, do, vr], start: "08:30", end: "17:30"}}
"""


# -------------------------------------------------------------------- main

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "vo-school"),
                    help="output folder (default: examples/vo-school)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    def log(msg):
        if not args.quiet:
            print("make-vo-example: " + msg, file=sys.stderr)

    rng = random.Random(SEED)
    rector, tl_bb, teachers, expert = make_people(rng)
    if assign(rng, teachers, needs_list(), log):
        log("niet alle lessen hebben een docent")
        return 1
    spare = give_rooms(rng, teachers)
    teamuur = {tid: slot for tid, _n, slot, _c, _m in TEAMS}
    rows, failed = place_all(rng, teachers, spare, teamuur, log)
    if failed:
        log("%d lessen niet ingeroosterd" % failed)
        return 1
    os.makedirs(args.out, exist_ok=True)
    write_people(os.path.join(args.out, "personeel.csv"), rector, tl_bb,
                 teachers, expert)
    write_timetable(os.path.join(args.out, "rooster.csv"), rows)
    write_yaml(os.path.join(args.out, "school.yaml"), rector, tl_bb,
               teachers, expert)
    for t in teachers:
        n_a = sum(1 for r in rows if r[0] == t.id and r[3] in ("", "A"))
        n_b = sum(1 for r in rows if r[0] == t.id and r[3] in ("", "B"))
        log("%-4s %-14s %-5s %-30s A %2d B %2d (doel %d)" % (
            t.id, t.team, len(t.workdays), ",".join(t.subjects), n_a, n_b,
            t.target))
    log("%d mensen, %d lessen" % (len(teachers) + 3, len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
