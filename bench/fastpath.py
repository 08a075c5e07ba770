#!/usr/bin/env python3
"""Fast path against public-API path (bench/README.md, "The fast path"): runs genauth_bench and
genauth_bench_public_api in turn, ROUNDS times (order alternating), each run pinned to one CPU
with 5 interleaved repetitions of genauth and ondemand_handwritten; prints the medians over the
rounds and the ratios taken within each round (public/fast between the two runs of a round,
genauth/ondemand_handwritten within one run). Usage: bench/fastpath.py BUILD_BENCH_DIR [ROUNDS]"""
import collections, json, os, statistics, subprocess, sys, tempfile

bench_dir = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
programs = {'fast': 'genauth_bench', 'public': 'genauth_bench_public_api'}
medians = collections.defaultdict(list)  # (program, impl, op, doc) -> one median per round
with tempfile.TemporaryDirectory() as tmp:
    for r in range(rounds):
        for p in (['fast', 'public'] if r % 2 == 0 else ['public', 'fast']):
            out = os.path.join(tmp, 'out.json')
            subprocess.run(['taskset', '-c', '0', os.path.join(bench_dir, programs[p]),
                            '--benchmark_filter=/(genauth|genauth_public_api|ondemand_handwritten)/',
                            '--benchmark_repetitions=5', '--benchmark_min_time=0.2',
                            '--benchmark_enable_random_interleaving=true',
                            '--benchmark_report_aggregates_only=true',
                            f'--benchmark_out={out}', '--benchmark_out_format=json'],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for b in json.load(open(out))['benchmarks']:
                if b.get('aggregate_name') == 'median':
                    op, impl, doc = b['run_name'].split('/')
                    impl = 'genauth' if impl.startswith('genauth') else impl
                    medians[(p, impl, op, doc)].append(b['real_time'])

med = statistics.median
print('| benchmark | fast path | public API | public / fast | genauth / handwritten, fast | genauth / handwritten, public |')
print('|---|---|---|---|---|---|')
for op in ('decode', 'encode'):
    for doc in ('sample', 'array_form', 'large'):
        f, p = medians[('fast', 'genauth', op, doc)], medians[('public', 'genauth', op, doc)]
        row = f'| {op}/{doc} | {med(f):,.0f} ns | {med(p):,.0f} ns | {med([b / a for a, b in zip(f, p)]):.2f}x |'
        hf, hp = medians[('fast', 'ondemand_handwritten', op, doc)], medians[('public', 'ondemand_handwritten', op, doc)]
        if hf:
            row += f' {med([a / b for a, b in zip(f, hf)]):.2f} | {med([a / b for a, b in zip(p, hp)]):.2f} |'
        else:
            row += ' - | - |'
        print(row)
