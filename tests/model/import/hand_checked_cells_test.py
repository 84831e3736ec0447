#!/usr/bin/env python3
"""Cells of vLLM's page history checked by hand (tests/data/hand_checked_cells.tsv):
each row's raw source line must really be that row and hold that symbol, and
`planner import` of the state must give that value and link. Every state whose
distinct matrix is hand-checked must import to the cells of the shipped file.
Usage: hand_checked_cells_test.py PLANNER [SOURCE_ROOT]"""
import csv, json, os, subprocess, sys

planner = sys.argv[1]
root = sys.argv[2] if len(sys.argv) > 2 else os.environ.get(
    'PLANNER_SOURCE_ROOT', os.path.dirname(os.path.abspath(__file__)) + '/../../..')
history = os.path.join(root, '..', 'shared', 'upstream', 'history')
# Symbol on the page -> value word; a table instead of an if-chain.
SYMBOL_VALUE = {'✅': 'yes', '❌': 'no', '🟠': 'partial', '❔': 'unknown'}
failures, passes = [], 0

def imported(state):
    out = subprocess.run([planner, 'import', os.path.join(history, state)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)

def markdown_cells(line):
    return [c.strip() for c in line.strip().strip('|').split('|')]

def check(ok, what):
    global passes
    if ok: passes += 1
    else: failures.append(what)

rows = list(csv.DictReader(open(os.path.join(root, 'tests/data/hand_checked_cells.tsv'),
                                encoding='utf-8'), delimiter='\t'))
cache = {}
for r in rows:
    lines = open(os.path.join(history, r['state']), encoding='utf-8').read().split('\n')
    n = int(r['line'])
    where = f"{r['state']}:{n} {r['row_id']} x {r['column_id']}"
    cells = markdown_cells(lines[n - 1])
    check(cells[0] == r['row_label'], f'{where}: line is not row {r["row_label"]!r}')
    header = next(l for l in reversed(lines[:n - 1]) if l.startswith('| Feature'))
    columns = markdown_cells(header)
    if r['column_label'] not in columns:
        check(False, f'{where}: no column {r["column_label"]!r}'); continue
    cell = cells[columns.index(r['column_label'])]
    symbol = SYMBOL_VALUE.get(next((s for s in SYMBOL_VALUE if s in cell), ''), None)
    check(symbol == r['value'], f'{where}: page cell {cell!r} is not {r["value"]}')
    check(not r['link'] or r['link'] in cell, f'{where}: page cell lacks link {r["link"]}')
    m = cache.setdefault(r['state'], imported(r['state']))
    if r['kind'] == 'pair':
        got = [p for p in m['pairs'] if (p['a'], p['b']) == (r['row_id'], r['column_id'])]
    else:
        got = [s for s in m['support'] if (s['feature'], s['hardware']) == (r['row_id'], r['column_id'])]
    check(len(got) == 1 and got[0]['value'] == r['value'], f'{where}: import gives {got}')
    check(not r['link'] or (got and r['link'] in got[0].get('links', [])),
          f'{where}: import lacks link {r["link"]}')

# Every state a hand-checked distinct matrix stands for imports to its cells.
checked = {r['state'] for r in rows}
for name in sorted(os.listdir(os.path.join(root, 'data/history'))):
    shipped = json.load(open(os.path.join(root, 'data/history', name), encoding='utf-8'))
    files = [s['file'] for s in shipped['states']]
    if not checked & set(files): continue
    for f in files:
        m = imported(f)
        for key in ('features', 'hardware', 'diagonal', 'pairs', 'support'):
            check(m[key] == shipped[key], f'{f}: {key} differs from {name}')

covered = sum(1 for n in os.listdir(os.path.join(root, 'data/history'))
              for s in json.load(open(os.path.join(root, 'data/history', n)))['states'] if checked & {x['file'] for x in json.load(open(os.path.join(root, 'data/history', n)))['states']})
for f in failures: print('FAIL', f)
print(f'{passes} passed, {len(failures)} failed; states covered by a hand-checked matrix: {covered} of 46')
sys.exit(1 if failures else 0)
