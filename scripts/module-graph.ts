/**
 * The module dependency graph: which folder of src/modules/ imports which other.
 *
 * A module is a folder in src/modules/. Every import, re-export and dynamic import of every file in a
 * module is read with the TypeScript compiler's parser (so `import type`, `export … from` and
 * `import('…')` are all seen, and comments or strings never are); an import that lands in another module
 * is an edge from the importing module to that module. ESLint's `import-x/no-cycle` catches a cycle of
 * files; this catches a cycle of modules, which may run through different files (a.ts → b/x.ts and
 * b/y.ts → a/z.ts).
 *
 *   tsx scripts/module-graph.ts            print the graph (Mermaid) and each module's imports
 *   tsx scripts/module-graph.ts --check    exit 1 if modules form a cycle (naming it) or if the graph in
 *                                          docs/ARCHITECTURE.md is not the one the code has (npm run lint)
 *   tsx scripts/module-graph.ts --write    rewrite the graph in docs/ARCHITECTURE.md (npm run graph)
 *
 * Type-only imports count: a cycle through types is still two modules that each need the other. They
 * are drawn dashed in the diagram.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULES_DIR = path.join(ROOT, 'src', 'modules');
const DOC = path.join(ROOT, 'docs', 'ARCHITECTURE.md');
const START = '<!-- module-graph:start -->';
const END = '<!-- module-graph:end -->';
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
/** Files outside src/modules that make up the composition root: a module should import none of them. */
const COMPOSITION_ROOT = ['src/deps.ts', 'src/app.tsx', 'src/cli.ts', 'src/server.ts'];

export interface ImportSite {
  file: string; // relative to the repository root
  line: number;
  specifier: string;
  names: string[];
  typeOnly: boolean;
}

export interface ModuleGraph {
  modules: string[];
  /** from → to → the imports that make the edge */
  edges: Map<string, Map<string, ImportSite[]>>;
  /** imports of the composition root from inside a module */
  rootImports: ImportSite[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return filesUnder(full);
      return SOURCE.test(name) && !name.endsWith('.d.ts') ? [full] : [];
    });
}

/** Every static import, re-export and dynamic import of one file, with the names it takes. */
export function importsOf(fileName: string, text: string): Omit<ImportSite, 'file'>[] {
  const kind = /\.tsx$/.test(fileName)
    ? ts.ScriptKind.TSX
    : /\.m?js$/.test(fileName)
      ? ts.ScriptKind.JS
      : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const out: Omit<ImportSite, 'file'>[] = [];
  const add = (spec: ts.Expression, names: string[], typeOnly: boolean) => {
    if (!ts.isStringLiteralLike(spec)) return;
    const line = sf.getLineAndCharacterOfPosition(spec.getStart(sf)).line + 1;
    out.push({ line, specifier: spec.text, names, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const names: string[] = [];
      let allTypes = clause?.isTypeOnly ?? false;
      if (clause?.name) {
        names.push(clause.name.text);
        allTypes = clause.isTypeOnly;
      }
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push(`* as ${bindings.name.text}`);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) names.push((el.propertyName ?? el.name).text);
        if (!clause?.isTypeOnly && !clause?.name)
          allTypes = bindings.elements.length > 0 && bindings.elements.every((el) => el.isTypeOnly);
      }
      add(node.moduleSpecifier, names, allTypes);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const clause = node.exportClause;
      const names =
        clause && ts.isNamedExports(clause)
          ? clause.elements.map((el) => (el.propertyName ?? el.name).text)
          : [clause ? `* as ${clause.name.getText(sf)}` : '*'];
      const allTypes =
        node.isTypeOnly ||
        (!!clause &&
          ts.isNamedExports(clause) &&
          clause.elements.length > 0 &&
          clause.elements.every((el) => el.isTypeOnly));
      add(node.moduleSpecifier, names, allTypes);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined
    ) {
      add(node.arguments[0], ['import()'], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, [node.qualifier?.getText(sf) ?? 'import()'], true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The module a path belongs to, or undefined when it is not inside src/modules/<name>/. */
function moduleOf(absPath: string): string | undefined {
  const rel = path.relative(MODULES_DIR, absPath);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const [first, ...rest] = rel.split(path.sep);
  return rest.length > 0 ? first : undefined;
}

export function buildGraph(): ModuleGraph {
  const modules = readdirSync(MODULES_DIR)
    .filter((name) => statSync(path.join(MODULES_DIR, name)).isDirectory())
    .sort();
  const edges = new Map<string, Map<string, ImportSite[]>>(modules.map((m) => [m, new Map()]));
  const rootImports: ImportSite[] = [];
  for (const file of filesUnder(MODULES_DIR)) {
    const from = moduleOf(file)!;
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    for (const site of importsOf(file, readFileSync(file, 'utf8'))) {
      if (!site.specifier.startsWith('.')) continue; // a package, not a module of Cairn
      const target = path.resolve(path.dirname(file), site.specifier);
      const targetRel = path.relative(ROOT, target).split(path.sep).join('/');
      if (COMPOSITION_ROOT.includes(targetRel)) rootImports.push({ file: rel, ...site });
      const to = moduleOf(target);
      if (to === undefined || to === from) continue;
      const byTarget = edges.get(from)!;
      if (!byTarget.has(to)) byTarget.set(to, []);
      byTarget.get(to)!.push({ file: rel, ...site });
    }
  }
  return { modules, edges, rootImports };
}

/** Strongly connected components with more than one module (Tarjan), each as a list of modules. */
function cyclicComponents(g: ModuleGraph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of [...g.edges.get(v)!.keys()].sort()) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const m of g.modules) if (!idx.has(m)) strong(m);
  return out;
}

/** One concrete cycle inside a component: a → b → … → a (breadth-first, so the shortest back to a). */
function cycleIn(g: ModuleGraph, comp: string[]): string[] {
  const start = comp[0]!;
  const inComp = new Set(comp);
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of [...g.edges.get(v)!.keys()].sort()) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const route = [v];
        while (route[0] !== start) route.unshift(prev.get(route[0]!)!);
        return [...route, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return comp;
}

export function describeCycles(g: ModuleGraph): string[] {
  return cyclicComponents(g).map((comp) => {
    const cycle = cycleIn(g, comp);
    const steps = cycle.slice(0, -1).map((from, i) => {
      const to = cycle[i + 1]!;
      const sites = g.edges.get(from)!.get(to)!;
      const where = sites
        .slice(0, 3)
        .map((s) => `${s.file}:${s.line}`)
        .join(', ');
      return `  ${from} → ${to}: ${where}${sites.length > 3 ? ` and ${sites.length - 3} more` : ''}`;
    });
    return [`cycle between modules: ${cycle.join(' → ')}`, ...steps].join('\n');
  });
}

const typeOnlyEdge = (sites: ImportSite[]) => sites.every((s) => s.typeOnly);

/** The generated section of docs/ARCHITECTURE.md, between the markers (markers excluded). */
export function renderSection(g: ModuleGraph): string {
  const lines = [
    '',
    '<!-- Generated by `npm run graph` (scripts/module-graph.ts) from the imports in src/modules/; `npm run lint` fails when it is out of date. -->',
    '',
    '```mermaid',
    'flowchart LR',
  ];
  for (const m of g.modules) {
    const targets = [...g.edges.get(m)!.keys()].sort();
    if (targets.length === 0 && ![...g.edges.values()].some((t) => t.has(m))) lines.push(`  ${m}`);
    for (const t of targets) lines.push(`  ${m} ${typeOnlyEdge(g.edges.get(m)!.get(t)!) ? '-.->' : '-->'} ${t}`);
  }
  lines.push('```', '', '| module | imports from (dashed: types only) |', '|---|---|');
  for (const m of g.modules) {
    const targets = [...g.edges.get(m)!.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, sites]) => (typeOnlyEdge(sites) ? `${t} (types)` : t));
    lines.push(`| ${m} | ${targets.join(', ') || '—'} |`);
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * Services a module reaches through the composition root's `Deps` object (`deps.plans`, `Deps['support']`,
 * `Pick<Deps, 'outcomes'>`) rather than by importing them: dependencies the graph above cannot see. Read
 * from the properties of `interface Deps` in src/deps.ts and the module each property's type is imported
 * from there. Printed for the reader, not part of the check.
 */
export function depsObjectUses(): Map<string, Map<string, Set<string>>> {
  const depsFile = path.join(ROOT, 'src', 'deps.ts');
  const depsSf = ts.createSourceFile(depsFile, readFileSync(depsFile, 'utf8'), ts.ScriptTarget.Latest, true);
  const moduleOfName = new Map<string, string>();
  const propModule = new Map<string, string>();
  for (const st of depsSf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const m = moduleOf(path.resolve(path.dirname(depsFile), st.moduleSpecifier.text));
      const b = st.importClause?.namedBindings;
      if (m && b && ts.isNamedImports(b)) for (const el of b.elements) moduleOfName.set(el.name.text, m);
    }
    if (ts.isInterfaceDeclaration(st) && st.name.text === 'Deps')
      for (const member of st.members)
        if (ts.isPropertySignature(member) && member.type && ts.isTypeReferenceNode(member.type)) {
          const m = moduleOfName.get(member.type.typeName.getText(depsSf));
          if (m) propModule.set(member.name.getText(depsSf), m);
        }
  }
  const uses = new Map<string, Map<string, Set<string>>>();
  const note = (from: string, prop: string) => {
    const to = propModule.get(prop);
    if (!to || to === from) return;
    if (!uses.has(from)) uses.set(from, new Map());
    const byTarget = uses.get(from)!;
    if (!byTarget.has(to)) byTarget.set(to, new Set());
    byTarget.get(to)!.add(prop);
  };
  // functions and methods anywhere in src/modules declared to return a Deps (the demo's `time.at(400)`)
  const returnsDeps = new Set<string>();
  for (const file of filesUnder(MODULES_DIR)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const collect = (node: ts.Node) => {
      if ((ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node)) && node.name && ts.isIdentifier(node.name))
        if (node.type?.getText(sf) === 'Deps') returnsDeps.add(node.name.text);
      ts.forEachChild(node, collect);
    };
    collect(sf);
  }
  for (const file of filesUnder(MODULES_DIR)) {
    const from = moduleOf(file)!;
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    // names that hold a Deps: `deps`, anything declared `: Deps` or initialised by buildDeps(…), and calls of
    // buildDeps or of an arrow function returning it
    const holders = new Set(['deps']);
    const factories = new Set(['buildDeps']);
    const collect = (node: ts.Node) => {
      if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name))
        if (node.type?.getText(sf) === 'Deps' || node.initializer?.getText(sf).startsWith('buildDeps('))
          holders.add(node.name.text);
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer)
        if (ts.isArrowFunction(node.initializer) && node.initializer.body.getText(sf).startsWith('buildDeps('))
          factories.add(node.name.text);
      ts.forEachChild(node, collect);
    };
    collect(sf);
    const holdsDeps = (e: ts.Expression): boolean =>
      (ts.isIdentifier(e) && holders.has(e.text)) ||
      (ts.isPropertyAccessExpression(e) && e.name.text === 'deps') ||
      (ts.isCallExpression(e) && factories.has(e.expression.getText(sf))) ||
      (ts.isCallExpression(e) &&
        returnsDeps.has(
          ts.isPropertyAccessExpression(e.expression) ? e.expression.name.text : e.expression.getText(sf),
        ));
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node) && holdsDeps(node.expression)) note(from, node.name.text);
      if (ts.isObjectBindingPattern(node) && ts.isVariableDeclaration(node.parent) && node.parent.initializer)
        if (holdsDeps(node.parent.initializer))
          for (const el of node.elements) note(from, (el.propertyName ?? el.name).getText(sf));
      if (ts.isIndexedAccessTypeNode(node) && node.objectType.getText(sf) === 'Deps')
        note(from, node.indexType.getText(sf).replace(/['"]/g, ''));
      if (ts.isTypeReferenceNode(node) && /^(Pick|Omit)$/.test(node.typeName.getText(sf)))
        if (node.typeArguments?.[0]?.getText(sf) === 'Deps' && node.typeArguments[1])
          for (const lit of node.typeArguments[1].getText(sf).match(/'[^']+'/g) ?? []) note(from, lit.slice(1, -1));
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

/** Every module's imports from each other module, by name, for a reader (not written to the docs). */
export function renderDetail(g: ModuleGraph): string {
  const hidden = depsObjectUses();
  const lines: string[] = [];
  for (const m of g.modules) {
    lines.push(`${m}:`);
    const byTarget = [...g.edges.get(m)!.entries()].sort(([a], [b]) => a.localeCompare(b));
    if (byTarget.length === 0) lines.push('  (no other module)');
    for (const [t, sites] of byTarget) {
      const names = [...new Set(sites.flatMap((s) => s.names))].sort();
      const files = [...new Set(sites.map((s) => s.file.replace(`src/modules/${m}/`, '')))].sort();
      lines.push(`  → ${t}: ${names.join(', ')}`, `      in ${files.join(', ')}`);
    }
    for (const [t, props] of [...(hidden.get(m) ?? new Map<string, Set<string>>()).entries()].sort(([a], [b]) =>
      a.localeCompare(b),
    ))
      lines.push(`  ⇢ ${t} through Deps (not an import): ${[...props].sort().join(', ')}`);
  }
  return lines.join('\n');
}

function docSection(doc: string): { before: string; section: string; after: string } | undefined {
  const s = doc.indexOf(START);
  const e = doc.indexOf(END);
  if (s < 0 || e < s) return undefined;
  return { before: doc.slice(0, s + START.length), section: doc.slice(s + START.length, e), after: doc.slice(e) };
}

function main(argv: string[]): number {
  const mode = argv.includes('--check') ? 'check' : argv.includes('--write') ? 'write' : 'print';
  const g = buildGraph();
  const cycles = describeCycles(g);
  const section = renderSection(g);
  if (mode === 'print') {
    console.log(section.trim());
    console.log('');
    console.log(renderDetail(g));
  }
  if (g.rootImports.length > 0) {
    const files = new Set(g.rootImports.map((s) => s.file));
    console.error(
      `note: ${files.size} files in src/modules import the composition root (${COMPOSITION_ROOT.join(', ')})`,
    );
  }
  for (const c of cycles) console.error(c);
  if (cycles.length > 0) {
    console.error('Break the cycle: move what both sides need into the module that owns it, or into core/.');
    return 1;
  }
  const doc = readFileSync(DOC, 'utf8');
  const parts = docSection(doc);
  if (!parts) {
    console.error(`${path.relative(ROOT, DOC)} has no ${START} … ${END} section for the module graph.`);
    return 1;
  }
  if (mode === 'write') {
    if (parts.section !== section) writeFileSync(DOC, parts.before + section + parts.after);
    console.error(`module graph: ${g.modules.length} modules, no cycles; ${path.relative(ROOT, DOC)} up to date`);
  } else if (mode === 'check') {
    if (parts.section !== section) {
      console.error(`The module graph in ${path.relative(ROOT, DOC)} is out of date: run npm run graph.`);
      return 1;
    }
    console.error(`module graph: ${g.modules.length} modules, no cycles; ${path.relative(ROOT, DOC)} up to date`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
