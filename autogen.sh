#!/bin/sh
# Regenerates the build system from configure.ac and Makefile.am.
exec autoreconf --force --install --verbose "$@"
