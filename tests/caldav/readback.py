#!/usr/bin/python3
"""Reads the events of a CalDAV calendar collection back through the server
with python3-caldav, or of an .ics file, for the push tests.

Usage: readback.py URL [USER]    (the password from $RITMIEK_PASSWORD)
       readback.py --file PATH

Prints one line per event, sorted: UID, date, start, end (local wall time
as the event has it; start and end empty for an all-day event), STATUS and
SUMMARY, separated by TABs.
"""
import os
import sys

import icalendar


def lines_of(texts):
    out = []
    for text in texts:
        cal = icalendar.Calendar.from_ical(text)
        for ev in cal.walk('VEVENT'):
            start = ev['DTSTART'].dt
            end = ev['DTEND'].dt if ev.get('DTEND') else None
            if hasattr(start, 'hour'):
                day = start.strftime('%Y-%m-%d')
                times = (start.strftime('%H:%M'),
                         end.strftime('%H:%M') if end else '')
            else:
                day = start.strftime('%Y-%m-%d')
                times = ('', '')
            out.append('\t'.join([str(ev['UID']), day, times[0], times[1],
                                  str(ev.get('STATUS', '')),
                                  str(ev.get('SUMMARY', ''))]))
    return sorted(out)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--file':
        with open(sys.argv[2], 'rb') as f:
            texts = [f.read()]
    elif len(sys.argv) in (2, 3):
        import caldav
        user = sys.argv[2] if len(sys.argv) == 3 else None
        client = caldav.DAVClient(url=sys.argv[1], username=user,
                                  password=os.environ.get('RITMIEK_PASSWORD'),
                                  timeout=10)
        cal = caldav.Calendar(client=client, url=sys.argv[1])
        texts = [ev.data for ev in cal.events()]
    else:
        sys.stderr.write(__doc__)
        return 2
    for line in lines_of(texts):
        print(line)
    return 0


if __name__ == '__main__':
    sys.exit(main())
