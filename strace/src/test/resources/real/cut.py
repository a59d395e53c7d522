# Prints the first HEAD and the last TAIL lines of a log (all of it when short): python3 cut.py FILE HEAD TAIL
import sys
lines = open(sys.argv[1], encoding="ascii").read().splitlines()
head, tail = int(sys.argv[2]), int(sys.argv[3])
keep = lines if len(lines) <= head + tail else lines[:head] + lines[-tail:]
sys.stdout.write("".join(l + "\n" for l in keep))
