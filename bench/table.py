#!/usr/bin/env python3
"""Turns Google Benchmark JSON output (bench/run.sh: 5 repetitions, aggregates) into the tables of
bench/README.md: median time, MB/s, ratio to ondemand_handwritten, to nlohmann and to glaze (where
it ran), decode time over stage1's (simdjson's iterate() alone), allocs; rows by document, decode
before encode, implementations in a fixed order. The line above each table says what ran.
Usage: table.py RUN.json ...            (a full table per run)
       table.py --summary RUN.json ...  (one row per run and document, the targets' ratios)"""
import json, os, sys

docs = ['sample', 'array_form', 'large']
impls = ['genauth', 'genauth_public_api', 'ondemand_handwritten', 'glaze', 'glaze_string', 'simdjson_dom',
         'nlohmann', 'rapidjson', 'boost_json']


def split(name):
    parts = name.split('/')
    return ('stage1', 'simdjson', parts[1]) if parts[0] == 'stage1' else tuple(parts)


def order(name):
    op, impl, doc = split(name)
    return (docs.index(doc) if doc in docs else 99, ['stage1', 'decode', 'encode'].index(op),
            impls.index(impl) if impl in impls else 99)


def summary(paths):
    """One row per run and document: the targets' ratios (bench/README.md, "Per SIMD level");
    decode vs glaze against the faster of its two forms."""
    print('| run | doc | stage1 | decode genauth | vs handwritten | vs nlohmann | vs glaze | x stage1 '
          '| encode genauth | vs nlohmann | vs rapidjson | vs glaze |')
    print('|---|---|---|---|---|---|---|---|---|---|---|---|')
    for path in paths:
        run = json.load(open(path))
        ctx = run['context']
        med = {r['run_name']: r['real_time'] for r in run['benchmarks'] if r.get('aggregate_name') == 'median'}
        label = (f"simdjson {ctx.get('simdjson')} `{ctx.get('simdjson_stage1_kernel')}`/"
                 f"`{ctx.get('simdjson_ondemand_kernel')}`, {ctx.get('compiler', '?')}")
        for doc in docs:
            def ratio(op, *others):  # against the fastest of others (glaze's two forms)
                o = min((med[f'{op}/{x}/{doc}'] for x in others if f'{op}/{x}/{doc}' in med), default=None)
                g = med.get(f'{op}/genauth/{doc}')
                return f'{o / g:.2f}x' if o and g else '-'
            t = lambda name: f"{med[name]:,.0f} ns" if name in med else '-'
            x = f"{med[f'decode/genauth/{doc}'] / med[f'stage1/{doc}']:.2f}" if f'stage1/{doc}' in med else '-'
            print(f"| {label} | {doc} | {t(f'stage1/{doc}')} | {t(f'decode/genauth/{doc}')} "
                  f"| {ratio('decode', 'ondemand_handwritten')} | {ratio('decode', 'nlohmann')} | {ratio('decode', 'glaze', 'glaze_string')} "
                  f"| {x} | {t(f'encode/genauth/{doc}')} | {ratio('encode', 'nlohmann')} | {ratio('encode', 'rapidjson')} "
                  f"| {ratio('encode', 'glaze')} |")


if sys.argv[1:2] == ['--summary']:
    summary(sys.argv[2:])
    sys.exit(0)

for path in sys.argv[1:]:
    run = json.load(open(path))
    ctx = run['context']
    med = {r['run_name']: r for r in run['benchmarks'] if r.get('aggregate_name') == 'median'}
    has_glaze = any(split(n)[1] == 'glaze' for n in med)
    print(f"\n{os.path.basename(path)}: simdjson {ctx.get('simdjson', '?')}, stage 1 `{ctx.get('simdjson_stage1_kernel', '?')}`, "
          f"On-Demand `{ctx.get('simdjson_ondemand_kernel', '?')}`, {ctx.get('compiler', '?')}\n")
    print('| benchmark | median time | MB/s | vs ondemand_handwritten | vs nlohmann |'
          + (' vs glaze |' if has_glaze else '') + ' x stage1 | allocs |')
    print('|---|---|---|---|---|' + ('---|' if has_glaze else '') + '---|---|')
    for name, r in sorted(med.items(), key=lambda item: order(item[0])):
        op, impl, doc = split(name)
        t = r['real_time']

        def vs(other):
            o = med.get(f'{op}/{other}/{doc}')
            return f"{o['real_time'] / t:.2f}x" if o and op != 'stage1' else '-'
        stage1 = med.get(f'stage1/{doc}')
        x_stage1 = f"{t / stage1['real_time']:.2f}" if stage1 and op == 'decode' else '-'
        mbs = r['bytes_per_second'] / 1e6
        print(f"| {name} | {t:,.0f} {r['time_unit']} | {mbs:,.0f} | {vs('ondemand_handwritten')} | {vs('nlohmann')} |"
              + (f" {vs('glaze')} |" if has_glaze else '') + f" {x_stage1} | {r['allocs']:.0f} |")
