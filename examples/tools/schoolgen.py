"""schoolgen.py - what examples/tools/make-vo-example.py and
bench/gen-school.py, the two generators of invented schools, share: the
Dutch names of their people, and how a lesson finds its teacher.

The names are data, one a line in first-names.txt and surnames.txt beside
this file. Those lists only grow at the end: make-vo-example.py takes the
first 73 first names and 68 surnames, so that examples/vo-school stays the
same byte for byte.
"""

import os


def _read(name):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f
                if line.strip() and not line.startswith("#")]


FIRST_NAMES = _read("first-names.txt")
SURNAMES = _read("surnames.txt")


def _least(items, key):
    """(key(item), item) of the first item of least key, or None when there
    is none. key is called once per item, in their order, as it may draw
    random numbers."""
    return min(((key(i), i) for i in items), key=lambda ki: ki[0],
               default=None)


def pick(candidates, key):
    """The first candidate of least key(candidate), or None when there is
    none or even that key starts with True (over the limit)."""
    best = _least(candidates, key)
    return None if best is None or best[0][0] else best[1]


def cheapest(options, cost):
    """The first option of least cost(option), or None when there is
    none."""
    best = _least(options, cost)
    return None if best is None else best[1]
