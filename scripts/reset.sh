#!/bin/sh
# make reset KATA=NN [FORCE=1]: puts back the pristine stub of an exercise.
#
#   scripts/reset.sh EXERCISE PRISTINE_FILE [FORCE]
#
# Asks first when the file has changed; with no terminal to ask on it
# refuses unless FORCE is 1.  The old file is kept in kata/.backup/ (not
# under build/, which make clean deletes; git ignores it).  Declining is
# not an error.
set -eu
ex=$1 pristine=$2 force=${3:-}
f=kata/$ex.c
if cmp -s "$pristine" "$f"; then
    echo "reset: $f is already the pristine stub"
    exit 0
fi
if [ "$force" != 1 ]; then
    if [ ! -t 0 ]; then
        echo "reset: $f has changes; not overwriting without a terminal to ask on (use FORCE=1)" >&2
        exit 1
    fi
    printf 'reset: overwrite %s with the pristine stub? Your version goes to kata/.backup/. [y/N] ' "$f"
    read -r answer || answer=
    case $answer in
    y|Y|yes) ;;
    *) echo "reset: kept $f"; exit 0 ;;
    esac
fi
mkdir -p kata/.backup
b=kata/.backup/$ex.$(date +%Y%m%d-%H%M%S).c
cp "$f" "$b"
# A new file, not a write through the old name: a kata that is a link
# (symbolic or hard) to another file leaves that file untouched.
rm -f "$f"
cp "$pristine" "$f"
echo "reset: $f is the pristine stub again (your version: $b)"
