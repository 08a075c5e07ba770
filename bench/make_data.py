#!/usr/bin/env python3
"""Writes bench/data/{sample,array_form,large}.json (contract P1-P3). Deterministic; the outputs are
committed, so the benchmark itself needs no Python."""
import json, os, random

here = os.path.dirname(os.path.abspath(__file__))
seed = open(os.path.join(here, '..', 'tests', 'data', 'seed_000_get_user.json')).read()
open(os.path.join(here, 'data', 'sample.json'), 'w').write(seed)  # verbatim, quirks and all

doc = json.loads(seed)
user = doc['data']
user['departmentIds'] = json.loads(user['departmentIds'])
first = user['identities']
first['originConnIds'] = json.loads(first['originConnIds'])
second = dict(first, identityId='62299d8b866d2dab79a89dc5', provider='lark', type='union_id',
              userIdInIdp='ou_8bae746eac07cd2564654140d2a9ac61', originConnIds=['605492ac41xxxxe0362f0708', '605492ac41xxxxe0362f0709'])
user['identities'] = [first, second]
open(os.path.join(here, 'data', 'array_form.json'), 'w').write(json.dumps(doc, indent=2, ensure_ascii=False) + '\n')

rng = random.Random(9)
def hexid():
    return ''.join(rng.choice('0123456789abcdef') for _ in range(24))
user['departmentIds'] = [hexid() for _ in range(2000)]
user['identities'] = [dict(first, identityId=hexid(), extIdpId=hexid(), userIdInIdp='ou_' + hexid(),
                           originConnIds=[hexid(), hexid()]) for _ in range(20)]
custom = {}
i = 0
while len(json.dumps(custom)) < 20000:
    kind = i % 4
    custom['field_%d' % i] = ('value %d with some text \u00e9' % i if kind == 0 else i * 37 if kind == 1 else
                              [hexid(), i, True, None] if kind == 2 else {'nested': i, 'tags': ['a', 'b']})
    i += 1
user['customData'] = custom
open(os.path.join(here, 'data', 'large.json'), 'w').write(json.dumps(doc, indent=2, ensure_ascii=False) + '\n')
