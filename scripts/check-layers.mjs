// Lint step (`npm run lint`): the layers point one way and no module imports itself in a circle (STYLE.md rule 11).
// domain/ is the ground; db/ and workflows/ stand on it; audit/ on db/; activities/ on db/ and audit/; api/,
// runtime/, worker/ (and scripts, benchmarks, tests) on anything below. Relative imports are resolved to files;
// package imports are not the concern here.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const FOLDERS = ['domain', 'db', 'audit', 'activities', 'workflows', 'api', 'runtime', 'worker', 'scripts', 'bench', 'tests'];
const MAY_IMPORT = {
  domain: ['domain'],
  db: ['db', 'domain'],
  audit: ['audit', 'db', 'domain'],
  activities: ['activities', 'audit', 'db', 'domain'],
  workflows: ['workflows', 'domain'],
};
/**
 * Known exceptions, each with its reason. Workflows name their activities through the factories' inferred type
 * (`import type`, erased at build time); a hand-written interface in domain/ would repeat every signature.
 */
const EXCEPTIONS = new Set(['workflows/lib/activities.ts -> activities/index.ts']);

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const files = FOLDERS.flatMap((f) => filesUnder(join(root, f)));
const edges = new Map();
const problems = [];
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  const targets = [];
  for (const match of source.matchAll(IMPORT)) {
    const target = resolveImport(file, match[1]);
    if (!target || target.endsWith('.json')) continue;
    targets.push(target);
    const [fromTop] = relative(root, file).split(sep);
    const [toTop] = relative(root, target).split(sep);
    const allowed = MAY_IMPORT[fromTop];
    const edge = `${relative(root, file)} -> ${relative(root, target)}`.split(sep).join('/');
    if (allowed && !allowed.includes(toTop) && !EXCEPTIONS.has(edge)) problems.push(`upward import: ${edge} (${fromTop}/ may import ${allowed.join(', ')})`);
  }
  edges.set(file, targets);
}

// Cycles: depth-first search, reporting each circle once by its path.
const state = new Map();
const stack = [];
function visit(file) {
  state.set(file, 'open');
  stack.push(file);
  for (const next of edges.get(file) ?? []) {
    if (state.get(next) === 'open') {
      const circle = stack.slice(stack.indexOf(next)).map((f) => relative(root, f).split(sep).join('/'));
      problems.push(`import circle: ${[...circle, circle[0]].join(' -> ')}`);
    } else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of files) if (!state.has(file)) visit(file);

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`layers: ${files.length} files, no upward imports, no import circles`);
