#!/usr/bin/env python3
"""check-example.py - check the properties of an example school.

Independent of ritmiek itself: reads a school file, its people and its CSV
timetable and checks what the planner later relies on:

  * every person in the timetable exists; every lesson lies on a lesuur of
    the grid of its weekday and on a workday of its teacher;
  * no teacher, group or room is in two lessons at once (per A/B week);
  * team sizes (5-10), schoolcoach in the team, every leraar in one team;
  * per team and per week (A and B): the common free 30-minute moments on
    days all members work, inside ritmiek.windows when given, else inside
    the school day of the grid;
  * per team: how many pairs of members can visit each other's lessons
    both ways (one teaches while the other works that day and is free),
    and the pair with the fewest such lessons a week.

Needs PyYAML (Debian package python3-yaml). Exit status 0 when all hard
checks pass, 1 otherwise.

Usage: check-example.py SCHOOL.yaml [-v]
"""

import csv
import io
import itertools
import os
import sys

import yaml

DAYS = ["ma", "di", "wo", "do", "vr"]
DAY_NAMES = {"maandag": "ma", "dinsdag": "di", "woensdag": "wo",
             "donderdag": "do", "vrijdag": "vr", "mon": "ma", "tue": "di",
             "wed": "wo", "thu": "do", "fri": "vr"}


def minutes(hhmm):
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def day(text):
    text = text.strip().lower()
    return DAY_NAMES.get(text, text)


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        lines = [ln for ln in f.read().splitlines()
                 if ln.strip() and not ln.lstrip().startswith("#")]
    head = lines[0]
    sep = max([",", ";", "\t"], key=head.count)
    return list(csv.reader(io.StringIO("\n".join(lines)), delimiter=sep))


def listcell(cell):
    return [x.strip() for x in cell.split("|") if x.strip()] if cell else []


def load_people(school, folder):
    people = {}
    for p in school.get("people") or []:
        people[p["id"]] = {
            "name": p["name"],
            "roles": p.get("roles") or ["leraar"],
            "workdays": [day(d) for d in p.get("workdays") or DAYS],
        }
    if school.get("people_file"):
        rows = read_rows(os.path.join(folder, school["people_file"]))
        head = [h.strip() for h in rows[0]]
        for r in rows[1:]:
            rec = dict(zip(head, r))
            people[rec["id"]] = {
                "name": rec["name"],
                "roles": listcell(rec.get("roles", "")) or ["leraar"],
                "workdays": [day(d) for d in listcell(
                    rec.get("workdays", ""))] or list(DAYS),
            }
    return people


def load_lessons(school, folder):
    tt = school.get("timetable")
    if not tt:
        return []
    sources = tt if isinstance(tt, list) else [tt]
    out = []
    for src in sources:
        rows = read_rows(os.path.join(folder, src["file"]))
        for r in rows:
            if r[0].strip() == "person":
                continue
            r = [c.strip() for c in r] + [""] * (8 - len(r))
            out.append({"person": r[0], "day": day(r[1]),
                        "start": minutes(r[2]), "end": minutes(r[3]),
                        "week": r[4], "group": r[5], "room": r[6],
                        "subject": r[7]})
    return out


def weeks_of(lesson, ab):
    if not ab:
        return ["-"]
    return ["A", "B"] if lesson["week"] == "" else [lesson["week"]]


def free_moments(busy, lo, hi):
    """Number of disjoint 30-minute moments in [lo, hi) outside busy."""
    n = 0
    t = lo
    for s, e in sorted(busy) + [(hi, hi)]:
        if s > t:
            n += (min(s, hi) - t) // 30
        t = max(t, e)
        if t >= hi:
            break
    return n


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[1]
    verbose = "-v" in sys.argv[2:]
    folder = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as f:
        school = yaml.safe_load(f)
    # PyYAML reads 2026-08-31 as a date; that is fine here.
    people = load_people(school, folder)
    lessons = load_lessons(school, folder)
    ab = bool(school.get("ab_weeks"))
    grid = {}
    for d in DAYS:
        g = school["time_grid"].get(d, school["time_grid"]["default"])
        grid[d] = [(minutes(h["start"]), minutes(h["end"])) for h in g]
    errors = []

    # Lessons: person, grid, workdays.
    for ls in lessons:
        p = people.get(ls["person"])
        where = "%s %s %02d:%02d" % (ls["person"], ls["day"],
                                     ls["start"] // 60, ls["start"] % 60)
        if p is None:
            errors.append("unknown person: " + where)
            continue
        if (ls["start"], ls["end"]) not in grid[ls["day"]]:
            errors.append("not on a lesuur: " + where)
        if ls["day"] not in p["workdays"]:
            errors.append("not a workday: " + where)
        if ls["week"] not in ("", "A", "B") or (ls["week"] and not ab):
            errors.append("bad week: " + where)

    # Double bookings.
    for kind in ("person", "group", "room"):
        slots = {}
        for ls in lessons:
            if not ls[kind]:
                continue
            for w in weeks_of(ls, ab):
                key = (ls[kind], w, ls["day"])
                slots.setdefault(key, []).append((ls["start"], ls["end"]))
        clashes = 0
        for key, spans in slots.items():
            spans.sort()
            for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
                if s2 < e1:
                    clashes += 1
                    if kind == "person" or verbose:
                        print("%s double-booked: %s" % (kind, key))
        if clashes:
            msg = "%d %s double bookings" % (clashes, kind)
            (errors.append if kind == "person" else print)(msg)

    # Teams.
    in_team = {}
    for t in school["teams"]:
        n = len(t["members"])
        if not 5 <= n <= 10:
            errors.append("team %s has %d members" % (t["id"], n))
        if t.get("schoolcoach") not in t["members"]:
            errors.append("team %s: coach not a member" % t["id"])
        for m in t["members"]:
            if m not in people:
                errors.append("team %s: unknown member %s" % (t["id"], m))
            in_team.setdefault(m, []).append(t["id"])
    for pid, p in people.items():
        if "leraar" in p["roles"] and len(in_team.get(pid, [])) != 1:
            errors.append("leraar %s in %d teams" % (
                pid, len(in_team.get(pid, []))))
    for m in school["leerkracht_team"]["members"]:
        if m not in people:
            errors.append("leerkracht_team: unknown member %s" % m)

    # Windows for sessions (else: the school day of the grid).
    windows = (school.get("ritmiek") or {}).get("windows")

    def day_spans(d):
        if windows:
            return [(minutes(w["start"]), minutes(w["end"]))
                    for w in windows if d in [day(x) for x in w["days"]]]
        return [(grid[d][0][0], grid[d][-1][1])] if grid[d] else []

    busy = {}
    for ls in lessons:
        for w in weeks_of(ls, ab):
            busy.setdefault((ls["person"], w, ls["day"]), []).append(
                (ls["start"], ls["end"]))
    weeks = ["A", "B"] if ab else ["-"]
    print("team                      size  common 30-min moments"
          "          pairs who can visit each other")
    for t in school["teams"]:
        members = t["members"]
        parts = []
        for w in weeks:
            total = 0
            days_used = []
            for d in DAYS:
                if not all(d in people[m]["workdays"] for m in members):
                    continue
                spans = []
                for m in members:
                    spans += busy.get((m, w, d), [])
                n = sum(free_moments(spans, lo, hi)
                        for lo, hi in day_spans(d))
                if n:
                    days_used.append("%s:%d" % (d, n))
                total += n
            parts.append("%s %2d (%s)" % (w, total, " ".join(days_used)))
            if total < 2:
                errors.append("team %s has %d common moments in week %s" % (
                    t["id"], total, w))
        # Lesson visits: x teaches a lesson while y works and is free.
        # A duo needs both directions (the roles swap).
        def visits(x, y):
            n = 0
            for ls in lessons:
                if ls["person"] != x or \
                        ls["day"] not in people[y]["workdays"]:
                    continue
                for w in weeks_of(ls, ab):
                    if all(e <= ls["start"] or s >= ls["end"]
                           for s, e in busy.get((y, w, ls["day"]), [])):
                        n += 1
            return n

        pairs = list(itertools.combinations(members, 2))
        both = 0
        worst = None
        for p, q in pairs:
            n = min(visits(p, q), visits(q, p))
            if n >= 1:
                both += 1
            if worst is None or n < worst[0]:
                worst = (n, p, q)
        print("%-25s %3d   %s   %d/%d (least: %s-%s %d)" % (
            t["name"], len(members), "  ".join(parts), both, len(pairs),
            worst[1], worst[2], worst[0]))

    # Loads.
    loads = {}
    for ls in lessons:
        for w in weeks_of(ls, ab):
            loads.setdefault(ls["person"], {}).setdefault(w, 0)
            loads[ls["person"]][w] += 1
    by_days = {}
    for pid, ld in loads.items():
        n = len(people[pid]["workdays"]) if pid in people else 0
        by_days.setdefault(n, []).extend(ld.values())
    for n in sorted(by_days):
        v = by_days[n]
        print("teachers working %d days: lessons a week %d-%d (avg %.1f)" % (
            n, min(v), max(v), sum(v) / len(v)))
    ab_lessons = sum(1 for ls in lessons if ls["week"])
    print("%d people, %d teams, %d lessons (%d only in A or B weeks)" % (
        len(people), len(school["teams"]), len(lessons), ab_lessons))
    for e in errors:
        print("ERROR: " + e)
    print("OK" if not errors else "%d errors" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
