#!/usr/bin/env python3
"""Turns Google Benchmark JSON output (--benchmark_repetitions=5, aggregates) into the tables of
bench/README.md: median time, MB/s, ratio to ondemand_handwritten and to nlohmann, allocs;
rows by document, decode before encode, implementations in a fixed order."""
import json, sys

for path in sys.argv[1:]:
    runs = json.load(open(path))['benchmarks']
    med = {r['run_name']: r for r in runs if r.get('aggregate_name') == 'median'}
    print(f'\n{path}\n')
    print('| benchmark | median time | MB/s | vs ondemand_handwritten | vs nlohmann | allocs |')
    print('|---|---|---|---|---|---|')
    # Canonical order whatever order the runs came in (--benchmark_enable_random_interleaving).
    docs = ['sample', 'array_form', 'large']
    impls = ['genauth', 'ondemand_handwritten', 'simdjson_dom', 'nlohmann', 'rapidjson', 'boost_json']
    def order(name):
        op, impl, doc = name.split('/')
        return (docs.index(doc) if doc in docs else 99, op != 'decode', impls.index(impl) if impl in impls else 99)
    for name, r in sorted(med.items(), key=lambda item: order(item[0])):
        op, impl, doc = name.split('/')
        t = r['real_time']
        unit = r['time_unit']
        hand = med.get(f'{op}/ondemand_handwritten/{doc}')
        nl = med.get(f'{op}/nlohmann/{doc}')
        vs_hand = f"{hand['real_time'] / t:.2f}x" if hand else '-'
        vs_nl = f"{nl['real_time'] / t:.1f}x" if nl else '-'
        mbs = r['bytes_per_second'] / 1e6
        print(f"| {name} | {t:,.0f} {unit} | {mbs:,.0f} | {vs_hand} | {vs_nl} | {r['allocs']:.0f} |")
