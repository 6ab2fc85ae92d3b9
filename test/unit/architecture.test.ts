import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of src/, read with a regex over `import … from`, `export … from` and `import('…')`
 * (type-only imports count: they tie the files together just the same).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `./x.js` names `x.ts` or `x.tsx`; packages and node: built-ins are left out. */
function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = resolve(dirname(from), specifier);
  const stem = target.replace(/\.js$/, '');
  return [`${stem}.ts`, `${stem}.tsx`, join(target, 'index.ts')].find((path) => existsSync(path)) ?? null;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(SPECIFIER)]
      .map((match) => resolveImport(file, match[1] ?? match[2] ?? ''))
      .filter((target): target is string => target !== null);
    graph.set(rel(file), [...new Set(targets.map(rel))]);
  }
  return graph;
}

const rel = (path: string) => relative(SRC, path).replaceAll('\\', '/');

/** Strongly connected components of more than one file (Tarjan): each is one import circle. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const CAST = /\bas\s+unknown\s+as\b/;
const SPLIT_CAST = /\bas\s+unknown\s*\n\s*as\b/;

const inFolder = (folder: string) => (file: string) => file.startsWith(`${folder}/`);

const NAMED_IMPORT = /(?:^|\n)\s*import\s+(?:type\s+)?\{([^}]*)\}\s*from\s+'([^']+)'/g;

/** Each name a file imports by name, with the file it comes from (`import { a as b }` counts as `a`). */
function namedImports(file: string): { name: string; from: string }[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  return [...text.matchAll(NAMED_IMPORT)].flatMap(([, names = '', specifier = '']) => {
    const from = resolveImport(join(SRC, file), specifier);
    if (from === null) return [];
    return names
      .split(',')
      .map(
        (name) =>
          name
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0] ?? '',
      )
      .filter((name) => name !== '')
      .map((name) => ({ name, from: rel(from) }));
  });
}

/**
 * The server's dependencies reached through: `http.app`, or `app` taken out of them (`const { app } = http`,
 * `{ http: { app } }`). Pages take `app` and `views` from their own WebDeps.
 */
const THROUGH_HTTP = [
  /\bhttp\??\.app\b/,
  /\{[^}]*\bapp\b[^}]*\}\s*=\s*(?:\w+\.)*http\b/,
  /\bhttp\s*:\s*\{[^}]*\bapp\b/,
];

describe('architecture of src/', () => {
  const graph = importGraph();

  it('reads the import graph (the test itself would pass on an empty one)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('serve.ts')).toContain('runtime.ts');
  });

  it('keeps the API (src/http) and the pages (src/web) apart: neither imports the other', () => {
    const crossing = [...graph].flatMap(([file, targets]) =>
      targets
        .filter(
          (target) =>
            (inFolder('http')(file) && inFolder('web')(target)) ||
            (inFolder('web')(file) && inFolder('http')(target)),
        )
        .map((target) => `${file} -> ${target}`),
    );
    expect(crossing).toEqual([]);
  });

  it("lets no page reach through the server's dependencies (`http.app`) but the routes that build WebDeps", () => {
    const reaching = [...graph.keys()]
      .filter((file) => inFolder('web')(file) && file !== 'web/routes.tsx')
      .filter((file) => {
        const text = readFileSync(join(SRC, file), 'utf8');
        return THROUGH_HTTP.some((pattern) => pattern.test(text));
      });
    expect(reaching).toEqual([]);
  });

  it('reads needs, solutions and engagements in the API and the pages only through the entity views', () => {
    // The raw readers are the ones the views wrap: whatever entity-views.ts reads a stream with.
    const views = 'application/entity-views.ts';
    const raw = namedImports(views).filter(
      ({ name, from }) => /^get[A-Z]/.test(name) && from.endsWith('-service.ts'),
    );
    expect(raw.map(({ name }) => name).sort()).toEqual(
      expect.arrayContaining(['getEngagement', 'getNeed', 'getSolution']),
    );
    const isRaw = (used: { name: string; from: string }) =>
      raw.some(({ name, from }) => name === used.name && from === used.from);
    const bypassing = [...graph.keys()]
      .filter((file) => inFolder('web')(file) || inFolder('http')(file))
      .flatMap((file) =>
        namedImports(file)
          .filter(isRaw)
          .map(({ name }) => `${file}: ${name}`),
      );
    expect(bypassing).toEqual([]);
  });

  it('has no import circle outside src/search', () => {
    // src/search still has circles of its own, which are being taken apart separately.
    const circles = cycles(graph).filter((circle) => !circle.every(inFolder('search')));
    expect(circles).toEqual([]);
  });

  it('writes every decider in one shape, with the one Command type of domain/shared/decider.ts', () => {
    const domain = sourceFiles(join(SRC, 'domain')).map((file): [string, string] => [
      rel(file),
      readFileSync(file, 'utf8'),
    ]);
    // `function initialState`, `function decide`, `function evolve`, then the decider names the three.
    const offShape = domain.flatMap(([file, text]) =>
      [...text.matchAll(/export const (\w+): Decider<[^=]+> = ([^;]+);/g)]
        .filter(([, , body]) => !/^\{\s*decide,\s*evolve,\s*initialState,?\s*\}$/.test(body ?? ''))
        .map(([, name]) => `${file}: ${name}`),
    );
    // A command is `Command<Type, Data>`, never an object type carrying its own `context`.
    const ownCommandShapes = domain
      .filter(
        ([file, text]) => file !== 'domain/shared/decider.ts' && /context: CommandContext\s*[;}]/.test(text),
      )
      .map(([file]) => file);
    expect({ offShape, ownCommandShapes }).toEqual({ offShape: [], ownCommandShapes: [] });
  });

  it('has no `as unknown as` anywhere: types are given their right shape, not forced into another', () => {
    // Comments may say "as unknown as" in plain English; only code counts. Block comments keep their line
    // breaks so that the line numbers reported stay right.
    const code = (text: string) =>
      text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '');
    const casts = sourceFiles(SRC).flatMap((file) => {
      const text = code(readFileSync(file, 'utf8'));
      const lines = text.split('\n').flatMap((line, i) => (CAST.test(line) ? [`${rel(file)}:${i + 1}`] : []));
      // A cast split over two lines (`as unknown` on one, `as X` on the next) is one too.
      return lines.length === 0 && SPLIT_CAST.test(text) ? [rel(file)] : lines;
    });
    expect(casts).toEqual([]);
  });
});
