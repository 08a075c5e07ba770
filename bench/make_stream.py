#!/usr/bin/env python3
"""Writes an NDJSON stream of about SIZE bytes (default 1 GB) for the check throughput run
(bench/stream_run.sh, contract C4 and P5): the benchmark's documents as single responses, as
get-user-batch lists and as list-users pages, each with its own userId, and one record in 100
broken in a way the report must name at its line. Prints the expected summary counts.
Usage: make_stream.py OUT [SIZE]"""
import json, os, random, sys

here = os.path.dirname(os.path.abspath(__file__))
out, size = sys.argv[1], int(float(sys.argv[2])) if len(sys.argv) > 2 else 10**9
docs = [json.load(open(os.path.join(here, 'data', n + '.json'))) for n in ('sample', 'array_form')]
line = lambda o: json.dumps(o, separators=(',', ':'), ensure_ascii=False)
rng = random.Random(15)

def good(i):
    doc = json.loads(json.dumps(docs[i % 2]))
    doc['data']['userId'] = '%024x' % i
    kind = i % 3
    if kind == 1:  # get-user-batch: data a list
        doc['data'] = [doc['data'], dict(doc['data'], userId='%024x' % (i + 1))]
    elif kind == 2:  # list-users: data a page
        doc['data'] = {'totalCount': 2, 'list': [doc['data'], dict(doc['data'], userId='%024x' % (i + 1))]}
    return line(doc)

broken = [  # (bytes -> bytes, code)
    (lambda t: t[: len(t) // 2], 'syntax'),                                       # truncated
    (lambda t: t.replace(b'"statusCode":200', b'"statusCode":"200"', 1), 'type_mismatch'),
    (lambda t: t.replace(b'"message"', b'"massage"', 1), 'missing_field'),
    (lambda t: t.replace(b'"Success"', b'"Succ\xffss"', 1), 'syntax'),             # invalid UTF-8
    (lambda t: t.replace(b'"requestId"', b'"message"', 1), 'duplicate_key'),
]
# A pool of distinct lines, written again and again until the size is reached; OUT.expected
# gets each broken record's line and code.
pool = [good(i).encode() for i in range(300)]
counts, total, n = {}, 0, 0
with open(out, 'wb') as f, open(out + '.expected', 'w') as expected:
    while total < size:
        text = pool[n % len(pool)]
        if n % 100 == 37:
            fn, code = broken[(n // 100) % len(broken)]
            text = fn(text)
            counts[code] = counts.get(code, 0) + 1
            expected.write('%d %s\n' % (n + 1, code))
        f.write(text + b'\n')
        total += len(text) + 1
        n += 1
print(json.dumps({'documents': n, 'invalid_by_code': dict(sorted(counts.items())), 'bytes': total}))
