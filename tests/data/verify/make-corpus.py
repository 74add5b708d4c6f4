#!/usr/bin/env python3
"""Writes the verify corpus (run from this folder): base.tsv, a plan for
school.yaml that keeps every rule `ritmiek verify` checks, and one plan per
rule that differs from it in one place, with expected.tsv listing what
verify must say about each. See README.md for the base worked out by hand.
"""

HEAD = """plan\t1\tcorpus\t2026-2027\tEurope/Amsterdam
period\t1\tuitbouwen\t2026-09-14\t2026-10-05\t4\t2026-10-07
moment\tgroen\tma\t14:45\t15:15
duo\tgroen\t1\tA1\tA2
"""

DUO = "A1:attendee,A2:attendee"
STAFF = "SL:attendee,OA:attendee,A1:attendee,A2:attendee"


def ev(id, kind, date, start, end, team, week, parts, title, carries=None,
       group=""):
    return dict(id=id, kind=kind, date=date, start=start, end=end,
                team=team, period="1" if team else "0",
                week=week if team else "0", parts=parts, group=group,
                title=title, carries=carries)


def bs(date, week, start="14:45", end="15:15", title="Bordsessie Team Groen",
       carries=None, id=None):
    return ev(id or "bs-" + date, "bordsessie", date, start, end, "groen",
              week, DUO, title, carries)


BASE = [
    bs("2026-09-14", "1"),
    ev("arena", "leerlingarena", "2026-09-15", "14:45", "15:45", "groen",
       "1", DUO, "Leerlingarena Team Groen"),
    ev("gl-1", "gezamenlijk-lesontwerp", "2026-09-16", "13:00", "13:45",
       "groen", "1", DUO, "Gezamenlijk lesontwerp: Anna Bakker en Bram de Boer"),
    bs("2026-09-21", "2"),
    ev("lb-1", "lesbezoek", "2026-09-21", "08:30", "10:00", "groen", "2",
       "A2:visitor,A1:host", "Lesbezoek: Bram de Boer bij Anna Bakker",
       group="groep 3"),
    ev("fb-1", "feedbackgesprek", "2026-09-22", "12:15", "12:45", "groen",
       "2", "A2:visitor,A1:host", "Feedbackgesprek: Bram de Boer en Anna Bakker"),
    ev("verdieping", "verdieping", "2026-09-24", "14:45", "15:45", "groen",
       "2", DUO, "Verdieping Team Groen"),
    bs("2026-09-28", "3"),
    ev("gl-2", "gezamenlijk-lesontwerp", "2026-09-28", "12:00", "12:45",
       "groen", "3", DUO, "Gezamenlijk lesontwerp: Anna Bakker en Bram de Boer"),
    ev("lb-2", "lesbezoek", "2026-09-29", "10:15", "12:00", "groen", "3",
       "A1:visitor,A2:host,OA:cover", "Lesbezoek: Anna Bakker bij Bram de Boer",
       group="groep 4"),
    ev("fb-2", "feedbackgesprek", "2026-09-30", "13:00", "13:30", "groen",
       "3", "A1:visitor,A2:host", "Feedbackgesprek: Anna Bakker en Bram de Boer"),
    ev("webinar", "webinar", "2026-10-01", "15:00", "16:00", None, "0",
       STAFF, "Webinar Stem van de leerling"),
    # The moment's Monday is a studiedag: the bordsessie moves to Tuesday.
    bs("2026-10-06", "4", end="15:45",
       title="Bordsessie Team Groen met retrospectief",
       carries="retrospectief", id="bs-2026-10-05"),
    ev("verbinding", "verbindingssessie", "2026-10-07", "13:00", "14:30",
       None, "0", STAFF, "Verbindingssessie"),
]


def write(name, events, head=HEAD):
    rows = []
    for e in sorted(events, key=lambda e: (e["date"], e["start"], e["id"])):
        f = ["event", e["id"], e["kind"], e["date"], e["start"], e["end"],
             e["date"], e["team"] or "", e["period"], e["week"], e["parts"],
             "", e["group"], e["title"], "", ""]
        if e["carries"]:
            f.append(e["carries"])
        rows.append("\t".join(f))
    with open(name, "w") as out:
        out.write(head + "\n".join(rows) + "\n")


def change(which, **fields):
    def apply(events):
        out = []
        for e in events:
            if e["id"] == which:
                e = dict(e, **fields)
                if e.get("drop"):
                    continue
            out.append(e)
        return out
    return apply


def add(*new):
    return lambda events: events + list(new)


def both(*fs):
    def apply(events):
        for f in fs:
            events = f(events)
        return events
    return apply


def drop(id):
    return change(id, drop=True)


# name, change, what verify must say (a part of one of its lines)
PLANTED = [
    # Rule 11: the team sessions of the period sequence.
    ("no-arena", drop("arena"),
     "team 'groen' has no leerlingarena in period 1"),
    ("two-arenas", add(ev("arena-2", "leerlingarena", "2026-09-17", "14:45",
                          "15:45", "groen", "1", DUO, "Leerlingarena 2")),
     "event 'arena-2' on 2026-09-17 14:45-15:45: team 'groen' already has a leerlingarena"),
    ("no-verdieping", drop("verdieping"),
     "team 'groen' has no verdieping in period 1"),
    ("carried-not-allowed",
     both(drop("verdieping"),
          change("bs-2026-09-21", end="15:45", carries="verdieping",
                 title="Bordsessie Team Groen met verdieping")),
     "event 'bs-2026-09-21' on 2026-09-21 14:45-15:45: it holds the verdieping, but the school holds the verdieping as a session of its own"),
    ("carried-short", change("bs-2026-10-05", end="15:15"),
     "event 'bs-2026-10-05' on 2026-10-06 14:45-15:15: it holds 1 team session(s) and lasts 30 minutes; it needs at least 60"),
    ("carried-untitled", change("bs-2026-10-05", title="Bordsessie Team Groen"),
     "event 'bs-2026-10-05' on 2026-10-06 14:45-15:45: it holds the retrospectief, but its title 'Bordsessie Team Groen' does not say so"),
    ("no-retrospectief", change("bs-2026-10-05", carries=None, end="15:15",
                                title="Bordsessie Team Groen"),
     "team 'groen' has no retrospectief in period 1"),
    ("no-verbinding", drop("verbinding"),
     "period 1 (2026-09-14 to 2026-10-11) has no verbindingssessie"),
    # Rule 13: the duo's sessions.
    ("no-gl-2", drop("gl-2"),
     "duo 'A1' and 'A2' of team 'groen' in period 1: 'A1' (Anna Bakker) has 1 gezamenlijk lesontwerp, but the period has 2 round(s)"),
    ("no-lb-2", both(drop("lb-2"), drop("fb-2")),
     "duo 'A1' and 'A2' of team 'groen' in period 1: 'A1' (Anna Bakker) has no lesbezoek as visitor"),
    ("no-fb-1", drop("fb-1"),
     "event 'lb-1' on 2026-09-21 08:30-10:00: no feedbackgesprek of its visitor and host"),
    ("fb-reversed", change("fb-1", parts="A1:visitor,A2:host"),
     "event 'lb-1' on 2026-09-21 08:30-10:00: no feedbackgesprek of its visitor and host"),
    # Rule 8 and 12: a feedbackgesprek after its lesbezoek, soon.
    ("fb-before-lb", change("fb-1", date="2026-09-21", start="08:00",
                            end="08:30"),
     "event 'fb-1' on 2026-09-21 08:00-08:30: it comes before lesbezoek 'lb-1'"),
    ("fb-late", change("fb-1", date="2026-09-25"),
     "event 'fb-1' on 2026-09-25 12:15-12:45: it comes more than two school days after lesbezoek 'lb-1'"),
    # Rule 12: order within the period.
    ("verdieping-after-verbinding",
     change("verdieping", date="2026-10-08"),
     "event 'verdieping' on 2026-10-08 14:45-15:45: the verdieping of team 'groen' ends after verbindingssessie 'verbinding' begins"),
    ("arena-late", change("arena", date="2026-09-25"),
     "event 'arena' on 2026-09-25 14:45-15:45: the leerlingarena of team 'groen' comes after its verdieping 'verdieping'"),
    ("round-2-early", change("gl-2", date="2026-09-17", start="13:00",
                             end="13:45"),
     "event 'gl-2' on 2026-09-17 13:00-13:45: duo 'A1' and 'A2' of team 'groen' in period 1: this gezamenlijk-lesontwerp of round 2 comes before 'lb-1' of round 1"),
    # Rule 10: windows.
    ("late-gl", change("gl-1", start="16:30", end="17:15"),
     "event 'gl-1' on 2026-09-16 16:30-17:15: a gezamenlijk-lesontwerp on woensdag at this time lies outside the school's windows"),
    # Rule 6: the weekly bordsessie.
    ("no-bordsessie", drop("bs-2026-09-21"),
     "team 'groen' has no bordsessie in week 39 (2026-09-21)"),
    ("two-bordsessies", add(bs("2026-09-17", "1", start="13:00", end="13:30")),
     "team 'groen' has more than one bordsessie in week 38"),
    ("bordsessie-off-moment", change("bs-2026-09-21", date="2026-09-22"),
     "team 'groen' meets on dinsdag 14:45 in week 39 but its moment is maandag 14:45"),
    ("moved-week-missing", drop("bs-2026-10-05"),
     "team 'groen' has no bordsessie in week 41 (2026-10-05)"),
    ("moved-week-studiedag", change("bs-2026-10-05", date="2026-10-05"),
     "event 'bs-2026-10-05' on 2026-10-05 14:45-15:45: it falls on Studiedag rekenen, a studiedag of the school"),
    # Rule 15: who is invited.
    ("verbinding-without-oa", change("verbinding",
                                     parts="SL:attendee,A1:attendee,A2:attendee"),
     "event 'verbinding' on 2026-10-07 13:00-14:30: 'OA' (Olga Assistent) is not invited, but a verbindingssessie is for everyone on the staff"),
    ("webinar-without-sl", change("webinar",
                                  parts="OA:attendee,A1:attendee,A2:attendee"),
     "event 'webinar' on 2026-10-01 15:00-16:00: 'SL' (Sanne Leider) is not invited, but the school file invites them to 'Webinar Stem van de leerling'"),
    ("webinar-missing", drop("webinar"),
     "the external date 'Webinar Stem van de leerling' on 2026-10-01"),
    ("webinar-weekend", change("webinar", date="2026-10-03"),
     "event 'webinar' on 2026-10-03 15:00-16:00: it falls on a zaterdag"),
    # Rule 14: cover.
    ("no-cover", change("lb-2", parts="A1:visitor,A2:host"),
     "event 'lb-2' on 2026-09-29 10:15-12:00: visitor 'A1' (Anna Bakker) has a lesson then (rooster.csv:5)"),
    ("cover-not-listed", change("lb-2", parts="A1:visitor,A2:host,SL:cover"),
     "event 'lb-2' on 2026-09-29 10:15-12:00: cover 'SL' (Sanne Leider) is not on the school's cover list"),
    ("cover-wrong-day", both(change("lb-2", date="2026-09-28"),
                             change("gl-2", date="2026-09-29", start="12:15",
                                    end="13:00")),
     "event 'lb-2' on 2026-09-28 10:15-12:00: cover 'OA' (Olga Assistent) does not cover on maandag"),
    ("cover-pointless", change("lb-1", parts="A2:visitor,A1:host,OA:cover"),
     "event 'lb-1' on 2026-09-21 08:30-10:00: it has a cover person, but no visitor has a lesson then"),
    ("cover-twice-a-week",
     add(ev("lb-3", "lesbezoek", "2026-10-01", "10:15", "12:00", "groen", "3",
            "A1:visitor,A2:host,OA:cover", "Lesbezoek 3", group="groep 4"),
         ev("fb-3", "feedbackgesprek", "2026-10-01", "12:15", "12:45",
            "groen", "3", "A1:visitor,A2:host", "Feedbackgesprek 3")),
     "event 'lb-3' on 2026-10-01 10:15-12:00: cover 'OA' (Olga Assistent) covers more than 1 lesbezoek(en) in week 40"),
    ("cover-role-on-gl", change("gl-1", parts="A1:attendee,A2:attendee,OA:cover"),
     "event 'gl-1' on 2026-09-16 13:00-13:45: 'OA' (Olga Assistent) is cover, but only a lesbezoek has a cover person"),
    # The older rules of doc/plan-file.md.
    ("two-at-once", change("gl-1", date="2026-09-15", start="15:00",
                           end="15:45"),
     "'A1' (Anna Bakker) is in two events at once: 'arena' and 'gl-1' on 2026-09-15 15:00-15:45"),
    ("day-off", change("verdieping", date="2026-09-25"),
     "event 'verdieping' on 2026-09-25 14:45-15:45: 'A2' (Bram de Boer) does not work on vrijdag"),
    ("during-lesson", change("gl-2", start="11:00", end="11:45"),
     "event 'gl-2' on 2026-09-28 11:00-11:45: 'A1' (Anna Bakker) has a lesson then (rooster.csv:3)"),
    ("host-without-lesson", change("lb-1", start="13:00", end="14:30",
                                   parts="A2:visitor,A1:host"),
     "event 'lb-1' on 2026-09-21 13:00-14:30: host 'A1' (Anna Bakker) has no lesson then"),
    ("holiday", change("gl-1", date="2026-10-21"),
     "event 'gl-1' on 2026-10-21 13:00-13:45: it falls in the Herfstvakantie"),
    ("weekend", change("gl-1", date="2026-09-19"),
     "event 'gl-1' on 2026-09-19 13:00-13:45: it falls on a zaterdag"),
]


def main():
    write("base.tsv", [dict(e) for e in BASE])
    with open("expected.tsv", "w") as out:
        out.write("# plan\twhat ritmiek verify says about it (part of a line)\n")
        for name, f, said in PLANTED:
            write(name + ".tsv", f([dict(e) for e in BASE]))
            out.write(f"{name}.tsv\t{said}\n")
    no_moment = HEAD.replace("moment\tgroen\tma\t14:45\t15:15\n", "")
    write("no-moment.tsv", [dict(e) for e in BASE], head=no_moment)
    five = HEAD.replace("\t4\t2026-10-07", "\t5\t2026-10-07")
    write("period-weeks.tsv", [dict(e) for e in BASE], head=five)
    with open("expected.tsv", "a") as out:
        out.write("no-moment.tsv\tteam 'groen' has no weekly moment\n")
        out.write("period-weeks.tsv\tperiod 1 says it has 5 weeks with "
                  "sessions, but the calendar gives it 4\n")


main()
