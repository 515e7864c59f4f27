#!/usr/bin/env python3
"""tightday.py SEED N [big] - small fairs with one table per department, 2-6
periods, limited availability and gaps: the days where phase 1's choice
often cannot be timetabled. Each is solved by `fairmatch solve` (binary in
$FM, default build/release/fairmatch), validated by crosscheck.py's own
rules, and every `feasible` result is compared with crosscheck.py's joint
phase-1 + timetable MIP in cbc (the best any timetable allows): a line
ending BELOW_JOINT or INVALID is a finding. Run it in a scratch directory;
it writes its instances there. Standard library only."""
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosscheck as C  # noqa: E402

FM = os.environ.get('FM', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                                       'build', 'release', 'fairmatch'))
rng = random.Random(int(sys.argv[1]))
n = int(sys.argv[2])
for k in range(n):
    s = rng.choice([8, 10, 12, 15, 20, 30, 40] if len(sys.argv) < 4 else [40, 60, 80, 120])
    p = rng.choice([2, 3, 4, 6, 8, 10] if len(sys.argv) < 4 else [6, 8, 12, 20, 30])
    d = min(p, rng.choice([1, 2, 3] if len(sys.argv) < 4 else [2, 3, 4, 6]))
    args = ['--seekers', s, '--positions', p, '--departments', d, '--seed', 5000 + k + 100 * int(sys.argv[1]),
            '--periods', rng.choice([2, 3, 4, 6]), '--tables-per-department', 1,
            '--availability-share', rng.choice([0.5, 0.8, 1.0])]
    g = rng.choice([0, 0, 1, 2])
    if g: args += ['--gap', g]
    args = [str(a) for a in args]
    path = 'a%d_%d.json' % (int(sys.argv[1]), k)
    subprocess.run(['nice', FM, 'gen'] + args + ['-o', path], check=True)
    subprocess.run(['nice', FM, 'solve', path, '-o', path + '.sol', '--time-limit', '30'], check=True, capture_output=True)
    S = json.load(open(path + '.sol')); inst = json.load(open(path)); M = C.Model(inst)
    probs = C.validate(M, S)
    pairs = [(i['seeker'], i['position']) for i in S['interviews']]
    line = '%s %s %s obj=%.10g' % (path, ' '.join(args), S['status'], S['objective'])
    if S['status'] == 'feasible':
        st, jo, _ = C.joint_mip(M, 60)
        line += ' joint=%s %.10g unsched=%d' % (st.split(' - ')[0], jo, len(S['unscheduled']))
        if st.startswith('Optimal') and S['objective'] < jo - 1e-6 * max(1, abs(jo)):
            line += ' BELOW_JOINT by %.6g' % (jo - S['objective'])
    if probs: line += ' INVALID ' + '; '.join(probs)
    print(line, flush=True)
