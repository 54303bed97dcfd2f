/**
 * The shape of main/core, checked from its source: folders import each other without cycles, the
 * environment's name is tested only by its profile, and SQL lives in the ledger. A change that breaks one
 * of these fails here with the files that did it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = resolve(__dirname, '../../../main/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(CORE);
const folderOf = (path: string) => {
  const parts = relative(CORE, path).split(sep);
  return parts.length > 1 ? parts[0]! : '(root)';
};

/** Folder -> folder edges of value and type imports, with the files that make each edge. */
function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)) {
      const target = resolve(dirname(file), m[1]!);
      if (!target.startsWith(CORE + sep)) continue;
      const from = folderOf(file);
      const to = folderOf(target + '.ts');
      if (from === to || to === '(root)') continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), relative(CORE, file)]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** One cycle through the graph, as folder names, or null. */
function findCycle(graph: Map<string, Map<string, string[]>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

describe('main/core boundaries', () => {
  it('has no import cycle between its folders', () => {
    const graph = folderGraph();
    const cycle = findCycle(graph);
    const evidence = cycle ? cycle.slice(1).map((to, i) => `${cycle[i]} -> ${to}: ${graph.get(cycle[i]!)!.get(to)!.slice(0, 3).join(', ')}`) : [];
    expect(evidence).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', new Map([['b', ['a/x.ts']]])],
      ['b', new Map([['a', ['b/y.ts']]])],
    ]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'a']);
  });

  it("asks the environment's profile instead of testing its name", () => {
    const offenders = files
      .filter((f) => !f.endsWith('environment-profile.ts') && !relative(CORE, f).startsWith(`practice${sep}`))
      .filter((f) => /[!=]==\s*'practice'|'practice'\s*[!=]==/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(CORE, f));
    expect(offenders).toEqual([]);
  });

  it('keeps SQL and database connections in the ledger', () => {
    const offenders = files
      .filter((f) => !relative(CORE, f).startsWith(`ledger${sep}`))
      .filter((f) => /from 'better-sqlite3'|\.prepare\(\s*[`'"]\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(readFileSync(f, 'utf8')))
      .map((f) => relative(CORE, f));
    expect(offenders).toEqual([]);
  });
});
