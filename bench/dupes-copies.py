#!/usr/bin/env python3
"""bench/dupes-copies.py OUTDIR FORM.txt... - for bench/dupes: each form's text as it is
(NAME.orig.txt) and "another citizen's" copy of the same form (NAME_other.copy.txt): every
digit redrawn and every run of 3-4 capitalised words (a name) replaced. The copies are the
hard negatives: the same template, different values."""
import os
import random
import re
import sys

random.seed(7)
NAMES = ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Hoàng Cường', 'Phạm Thu Dung', 'Võ Minh Đức']
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for f in sorted(sys.argv[2:]):
    t = open(f, encoding='utf-8').read()
    base = os.path.basename(f)[:-4]
    open(os.path.join(out, base + '.orig.txt'), 'w', encoding='utf-8').write(t)
    u = re.sub(r'\d', lambda m: str(random.randint(0, 9)), t)
    u = re.sub(r'(?:[A-ZĐ][a-zà-ỹđ]+ ){2,3}[A-ZĐ][a-zà-ỹđ]+', lambda m: random.choice(NAMES), u)
    open(os.path.join(out, base + '_other.copy.txt'), 'w', encoding='utf-8').write(u)
