#!/usr/bin/env python3
"""Writes the small planner test schools (run from this folder).

Every school has a 10-lesuur grid of 60 minutes (08:00-18:00), so that the
weekly moment can only lie where the timetable leaves room, and six teachers
T1..T6 who all work on Tuesday plus one other day. On Tuesday each hour is
taught by exactly one of them, in turn, except 13:00:
so 'dinsdag 13:00-13:30' is the one moment when all six are free.
"""

GRID = "\n".join(
    f'    - {{lesuur: {k}, start: "{7 + k:02d}:00", end: "{8 + k:02d}:00"}}'
    for k in range(1, 11))

PEOPLE = [
    # id, name, subject, other working day
    ("T1", "Anna Bakker", "wiskunde", "ma"),
    ("T2", "Bram de Boer", "wiskunde", "ma"),
    ("T3", "Cas Visser", "natuurkunde", "do"),
    ("T4", "Dewi Smit", "natuurkunde", "do"),
    ("T5", "Eva Meijer", "scheikunde", "vr"),
    ("T6", "Fenna de Graaf", "scheikunde", "vr"),
]


def school(name, members, extra="", timetable="rooster.csv"):
    people = "\n".join(
        f"  - {{id: {i}, name: {n}, subjects: [{s}], workdays: [di, {d}]}}"
        for i, n, s, d in PEOPLE if i in members)
    return f"""# Planner test school: {name}.
school:
  id: {name}
  name: Testschool {name}
  type: vo
  region: midden
  school_year: 2026-2027
time_grid:
  default:
{GRID}
people:
{people}
  - {{id: SL, name: Sanne Leider, roles: [schoolleider]}}
teams:
  - id: alpha
    name: Team Alpha
    members: [{", ".join(members)}]
    schoolcoach: {members[0]}
leerkracht_team:
  members: [SL, {members[0]}]
timetable:
  format: csv
  file: {timetable}
{extra}"""


def timetable(members, free_hour=13, keep=()):
    """Tuesday: the hours but @free_hour taught in turn by the members (the
    k-th taught hour by members[k mod n]); on their other day two morning
    lessons each."""
    rows = ["person,weekday,start,end,week,group,room"]
    n = len(members)
    hours = [h for h in range(8, 18) if h != free_hour]
    for k, h in enumerate(hours):
        t = members[k % n]
        rows.append(f"{t},di,{h:02d}:00,{h + 1:02d}:00,,{h - 7}A,1.{h:02d}")
    for i, n_, s, d in PEOPLE:
        if i in members:
            rows.append(f"{i},{d},08:00,09:00,,1B,2.01")
            rows.append(f"{i},{d},09:00,10:00,,1C,2.02")
    return "\n".join(rows) + "\n"


# The team shares only Tuesday 13:00-14:00: its team sessions (60 minutes)
# fit only in a bordsessie made longer for them.
IN_BS = ("ritmiek:\n  team_sessions: {leerlingarena: in_bordsessie, "
         "verdieping: in_bordsessie, retrospectief: in_bordsessie}\n")
# Windows per kind and a tighter default window: lesontwerp only on
# Tuesday 09:00-13:00, the bordsessie only 13:00-14:00, everything else
# 09:00-17:00.
WINDOWS = IN_BS + """  earliest: "09:00"
  latest: "17:00"
  windows:
    - {days: [di], start: "09:00", end: "13:00", kinds: [gezamenlijk-lesontwerp]}
    - {days: [ma, di, wo, do, vr], start: "13:00", end: "14:00", kinds: [bordsessie]}
"""

six = [p[0] for p in PEOPLE]
five = six[:5]
files = {
    "one-moment.yaml": school("one-moment", six, IN_BS),
    # The same school holding its team sessions as events of their own:
    # the team is never free for an hour.
    "own-sessions.yaml": school("own-sessions", six),
    "windows.yaml": school("windows", six, WINDOWS),
    # A studiedag on Tuesday 2026-11-10 takes the team's fixed day.
    "moved.yaml": school(
        "moved", six,
        IN_BS + "studiedagen:\n  - {date: 2026-11-10, name: Studiedag}\n"),
    "rooster.csv": timetable(six),
    "studiedag.yaml": school(
        "studiedag", six,
        IN_BS + "studiedagen:\n  - {date: 2026-10-15, name: Studiedag teams}\n"),
    "odd-team.yaml": school("odd-team", five, IN_BS,
                            timetable="rooster-five.csv"),
    "rooster-five.csv": timetable(five),
    "no-moment.yaml": school("no-moment", six, IN_BS,
                             timetable="rooster-full.csv"),
    "rooster-full.csv": timetable(six, free_hour=None),
    # T2 never teaches, so T1 can never visit a lesson of T2.
    "no-visit.yaml": school("no-visit", ["T1", "T2"], IN_BS,
                            timetable="rooster-no-visit.csv"),
    "rooster-no-visit.csv": "person,weekday,start,end\n"
                            "T1,di,08:00,09:00\nT1,di,10:00,11:00\n",
    # T5 and T6 teach one lesson a week, on Friday: each can visit the
    # other only then. Goede Vrijdag (2027-03-26) takes the lesson of the
    # week of period 3's second lesbezoek, and a studiedag that of the
    # week after it (the last Friday before the verbindingssessie).
    "holiday-visit.yaml": school(
        "holiday-visit", ["T6", "T5"],
        IN_BS + "studiedagen:\n  - {date: 2027-04-02, name: Studiedag}\n",
        timetable="rooster-holiday-visit.csv"),
    # The same without the studiedag: that lesbezoek slips to the week
    # after Goede Vrijdag.
    "slip-visit.yaml": school("slip-visit", ["T6", "T5"], IN_BS,
                              timetable="rooster-holiday-visit.csv"),
    "rooster-holiday-visit.csv": "person,weekday,start,end\n"
                                 "T5,vr,11:00,12:00\nT6,vr,09:00,10:00\n",
}
for name, text in files.items():
    with open(name, "w", encoding="utf-8") as f:
        f.write(text)
