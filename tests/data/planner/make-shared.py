#!/usr/bin/env python3
"""Writes shared.yaml and rooster-shared.csv (run from this folder as
`make-shared.py 1 0.7`): two teams that share one teacher, Xander Vos, who
teaches in 70% of the lesuren; the others in half. shared-rev.yaml is the
same school with the teams listed the other way round."""
import random,sys
seed=int(sys.argv[1]); busyx=float(sys.argv[2])
random.seed(seed)
grid="\n".join(f'    - {{lesuur: {k}, start: "{7+k:02d}:00", end: "{8+k:02d}:00"}}' for k in range(1,11))
people=[("T1","Anna Bakker"),("T2","Bram de Boer"),("T3","Cas Visser"),("T4","Dewi Smit"),("T5","Eva Meijer"),("T6","Fenna de Graaf"),("T7","Gijs Mulder"),("X","Xander Vos")]
ppl="\n".join(f"  - {{id: {i}, name: {n}, subjects: [wiskunde]}}" for i,n in people)
y=f"""# Planner test school: shared. Xander Vos (X) is in both teams and teaches
# most of the week, so the team planned first takes his few free hours.
school:
  id: shared
  name: Testschool shared
  type: vo
  region: midden
  school_year: 2026-2027
ritmiek:
  allow_multi_team: true
time_grid:
  default:
{grid}
people:
{ppl}
  - {{id: SL, name: Sanne Leider, roles: [schoolleider]}}
teams:
  - id: alpha
    name: Team Alpha
    members: [T1, T2, T3, X]
    schoolcoach: T1
  - id: beta
    name: Team Beta
    members: [T4, T5, T6, T7, X]
    schoolcoach: T4
leerkracht_team:
  members: [SL, T1]
timetable:
  format: csv
  file: rooster-shared.csv
"""
open("shared.yaml","w").write(y)
rows=["person,weekday,start,end,week,group,room"]
for pid,_ in people:
    p = busyx if pid=="X" else 0.5
    for d in ["ma","di","wo","do","vr"]:
        for k in range(1,9):
            if random.random()<p:
                rows.append(f"{pid},{d},{7+k:02d}:00,{8+k:02d}:00,,{pid}{k}{d},1.{k:02d}")
open("rooster-shared.csv","w").write("\n".join(rows)+"\n")
