// Shortens the names of private and protected class members in the built library, as Lit's own
// published packages do: consumers' minifiers keep property names, so `this.transferQuery` would
// otherwise ship in full in every bundle.
//
// esbuild's `mangleProps` renames a property wherever it is accessed, whatever the object, so a
// name is only safe when nothing outside src/ can see it. A private or protected member name is
// left alone when it is:
//   - decorated (Lit registers @property/@state/@query members by their string key);
//   - a whole string, a part of a dotted path string or a `.prop=${…}` template binding in src/
//     (`changed.has('lang_')`, `'id' in x`, key unions like `'agents' | 'tags'`);
//   - also a public member, interface or type member, object literal key, enum member,
//     destructured property or module export anywhere in src/ (data from the server, options
//     objects, a lazily imported module's functions);
//   - a property or export name of the DOM and ECMAScript typings or of a runtime dependency (lit,
//     its decorators and context, the virtualizer, valibot, the emoji picker), typings and
//     shipped code alike;
//   - part of Lit's element lifecycle.
// Every remaining name gets one short name, fixed before any chunk is rewritten, so the chunks
// agree with each other and a subclass override keeps matching its base class.
//   node scripts/mangle-private-names.mjs   prints the names and what was kept, without building
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Lit's lifecycle and the protected API elements override; renaming them would stop Lit calling them. */
const LIT_LIFECYCLE = [
  'render', 'update', 'willUpdate', 'updated', 'firstUpdated', 'scheduleUpdate', 'performUpdate', 'shouldUpdate',
  'requestUpdate', 'createRenderRoot', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback',
  'adoptedCallback', 'getUpdateComplete', 'updateComplete', 'hasUpdated', 'isUpdatePending', 'renderRoot',
  'renderOptions', 'hostConnected', 'hostDisconnected', 'hostUpdate', 'hostUpdated', 'styles', 'properties',
  'elementProperties', 'elementStyles', 'shadowRootOptions', 'observedAttributes', 'finalize', 'finalizeStyles',
  'createProperty', 'getPropertyDescriptor', 'getPropertyOptions', 'addInitializer', 'addController', 'removeController',
  'enableUpdating', 'constructor', 'prototype',
];

/** Packages whose code the library calls into or is called from at run time. */
const DEPENDENCIES = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@lit/context', '@lit-labs/virtualizer', 'valibot', 'emoji-picker-element'];

/** The packages an element inherits from: their property names, minified ones included, stay off our elements. */
const ELEMENT_BASE = ['lit', 'lit-element', '@lit/reactive-element'];

/** Bumped when what is read from the packages changes, so an older cache is read again. */
const CACHE_FORMAT = 2;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const WORD = /[A-Za-z_$][\w$]*/g;

function walk(dir, keep) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...walk(path, keep));
    } else if (keep(entry.name)) out.push(path);
  }
  return out;
}

function parse(file) {
  const kind = /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

/**
 * Every property name a file declares or reads (members, keys, property accesses, destructured
 * keys) and every identifier-shaped word of its strings. Local variables and parameters are left
 * out: renaming a property can not clash with them.
 */
function propertyNamesOf(source, into = new Set()) {
  const visit = (node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      for (const word of node.text.match(WORD) ?? []) into.add(word);
    } else if (ts.isPropertyAccessExpression(node) || ts.isQualifiedName(node)) {
      const name = nameText(ts.isQualifiedName(node) ? node.right : node.name);
      if (name) into.add(name);
    } else if (ts.isBindingElement(node)) {
      const name = nameText(node.propertyName ?? node.name);
      if (name) into.add(name);
    } else if (isExported(node)) {
      for (const name of exportedNames(node)) into.add(name);
    } else if (
      ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) ||
      ts.isGetAccessor(node) || ts.isSetAccessor(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) ||
      ts.isEnumMember(node) || (ts.isParameter(node) && ts.isParameterPropertyDeclaration(node, node.parent))
    ) {
      const name = nameText(node.name);
      if (name) into.add(name);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return into;
}

/**
 * Property names from outside src/: `declared` by the DOM and ECMAScript typings and every runtime
 * dependency's typings, and `used` by the dependencies' shipped code. None is renamed. A short
 * name is never one that is declared, nor one that Lit's element base classes use on an element.
 */
function outsideNames() {
  // Reading them takes a second; they only change with the installed packages.
  const versions = ['typescript', ...DEPENDENCIES].map((pkg) => `${pkg}@${JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version}`);
  const cacheFile = join(root, 'node_modules/.cache/ow-mangle-private-names.json');
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    if (cached.key === `${CACHE_FORMAT} ${versions.join(' ')}`) {
      return { declared: new Set(cached.declared), used: new Set(cached.used), elementBase: new Set(cached.elementBase) };
    }
  } catch {
    // No cache yet, or an unreadable one: read the packages.
  }
  const names = readOutsideNames();
  mkdirSync(dirname(cacheFile), { recursive: true });
  // Written aside and renamed: builds running at the same time never read half a file.
  const partial = `${cacheFile}.${process.pid}`;
  writeFileSync(partial, JSON.stringify({ key: `${CACHE_FORMAT} ${versions.join(' ')}`, declared: [...names.declared], used: [...names.used], elementBase: [...names.elementBase] }));
  renameSync(partial, cacheFile);
  return names;
}

function readOutsideNames() {
  const declared = new Set();
  const used = new Set();
  const elementBase = new Set();
  const tsLib = dirname(require.resolve('typescript/lib/lib.dom.d.ts'));
  for (const file of readdirSync(tsLib).filter((f) => /^lib\.(dom|es|decorators|webworker\.importscripts|scripthost).*\.d\.ts$/.test(f))) {
    propertyNamesOf(parse(join(tsLib, file)), declared);
  }
  for (const pkg of DEPENDENCIES) {
    const dir = join(root, 'node_modules', pkg);
    for (const file of walk(dir, (name) => /\.(d\.ts|js|mjs)$/.test(name))) {
      // The builds for Node are the browser builds again.
      if (file.slice(dir.length).startsWith('/node/')) continue;
      const into = file.endsWith('.d.ts') ? declared : ELEMENT_BASE.includes(pkg) ? elementBase : used;
      propertyNamesOf(parse(file), into);
    }
  }
  for (const name of elementBase) used.add(name);
  return { declared, used, elementBase };
}

/**
 * The property names a string of src/ can stand for: the whole string when it is one name
 * (`changed.has('lang_')`, `'id' in x`, a key union type), every part of a dotted path, and
 * every `.name=` property binding of a Lit template.
 */
function namesInString(text) {
  const names = [];
  if (/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(text)) names.push(...text.split('.'));
  for (const [, name] of text.matchAll(/\.([A-Za-z_$][\w$]*)\s*=/g)) names.push(name);
  return names;
}

const hasModifier = (node, kind) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

/**
 * A module's exports are properties too: of the namespace object `import()` or `import * as`
 * gives (`(await import('./picker.js')).renderTemplates(…)`, `v.object(…)`).
 */
const isExported = (node) => ts.isExportSpecifier(node) || (hasModifier(node, ts.SyntaxKind.ExportKeyword) && !ts.isClassElement(node));

function exportedNames(node) {
  if (ts.isExportSpecifier(node)) return [node.name, node.propertyName].map(nameText).filter(Boolean);
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.flatMap((declaration) => (ts.isIdentifier(declaration.name) ? [declaration.name.text] : []));
  }
  const name = nameText(node.name);
  return name ? [name] : [];
}

const nameText = (name) => (name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) ? name.text : null);

/**
 * Private and protected member names of the classes in src/, split into the ones that can be
 * renamed (most used first) and the ones kept, with the first reason each was kept for.
 */
export function collectPrivateNames({ srcDir = join(root, 'src') } = {}) {
  const candidates = new Map(); // name → uses in src/
  const decorated = new Set();
  const inStrings = new Set();
  const publicNames = new Set();
  const srcProperties = new Set();

  for (const file of walk(srcDir, (name) => name.endsWith('.ts'))) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    propertyNamesOf(source, srcProperties);
    const visit = (node) => {
      if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        for (const name of namesInString(node.text)) inStrings.add(name);
      }
      const isMember = ts.isClassElement(node) && node.parent && ts.isClassLike(node.parent);
      const isParameterProperty = ts.isParameter(node) && ts.isConstructorDeclaration(node.parent) && ts.isParameterPropertyDeclaration(node, node.parent);
      if (isMember || isParameterProperty) {
        const name = nameText(node.name);
        if (name && !ts.isPrivateIdentifier(node.name) && !ts.isConstructorDeclaration(node)) {
          if (hasModifier(node, ts.SyntaxKind.PrivateKeyword) || hasModifier(node, ts.SyntaxKind.ProtectedKeyword)) {
            candidates.set(name, 0);
            if (ts.canHaveDecorators(node) && ts.getDecorators(node)?.length) decorated.add(name);
          } else publicNames.add(name);
        }
      } else if (
        ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isPropertyAssignment(node) ||
        ts.isShorthandPropertyAssignment(node) || ts.isEnumMember(node) ||
        // Not class members (handled above): methods and accessors of object literals.
        ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)
      ) {
        const name = nameText(node.name);
        if (name) publicNames.add(name);
      } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
        const name = nameText(node.propertyName ?? node.name);
        if (name) publicNames.add(name);
      } else if (isExported(node)) {
        for (const name of exportedNames(node)) publicNames.add(name);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  // How often each candidate is written in src/: the most used get the shortest names.
  for (const file of walk(srcDir, (name) => name.endsWith('.ts'))) {
    for (const word of readFileSync(file, 'utf8').match(WORD) ?? []) {
      if (candidates.has(word)) candidates.set(word, candidates.get(word) + 1);
    }
  }

  const outside = outsideNames();
  const lifecycle = new Set(LIT_LIFECYCLE);
  const kept = new Map();
  const names = [];
  for (const name of candidates.keys()) {
    const reason = decorated.has(name)
      ? 'decorated'
      : inStrings.has(name)
        ? 'a string in src'
        : publicNames.has(name)
          ? 'also a public name in src'
          : lifecycle.has(name)
            ? 'Lit lifecycle'
            : outside.declared.has(name) || outside.used.has(name)
              ? 'a DOM, ECMAScript or dependency name'
              : null;
    if (reason) kept.set(name, reason);
    else names.push(name);
  }
  names.sort((a, b) => candidates.get(b) - candidates.get(a) || (a < b ? -1 : 1));
  return { names, kept, reserved: new Set([...outside.declared, ...outside.elementBase, ...srcProperties, ...candidates.keys(), ...lifecycle]) };
}

const FIRST = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NEXT = `${FIRST}0123456789`;

/** Short names in order (a, b, … Z, aa, ab, …), skipping every reserved one. */
function* shortNames(reserved) {
  for (let length = 1; ; length++) {
    const indexes = new Array(length).fill(0);
    for (;;) {
      const name = indexes.map((n, i) => (i === 0 ? FIRST : NEXT)[n]).join('');
      if (!reserved.has(name) && IDENTIFIER.test(name)) yield name;
      let i = length - 1;
      while (i >= 0 && ++indexes[i] === (i === 0 ? FIRST : NEXT).length) indexes[i--] = 0;
      if (i < 0) break;
    }
  }
}

/** The rename of every private name: `{ name: short }`, esbuild's mangleCache format. */
export function privateNameMap(options) {
  const { names, kept, reserved } = collectPrivateNames(options);
  const generator = shortNames(reserved);
  const cache = {};
  for (const name of names) cache[name] = generator.next().value;
  return { cache, kept };
}

const escape = (name) => name.replace(/\$/g, '\\$');

/**
 * Vite plugin: rewrites every chunk with the private names shortened. Runs on rendered chunks so
 * the bundler chains the source maps back to src/.
 */
export function manglePrivateNamesPlugin({ log = (line) => console.log(line) } = {}) {
  let cache;
  let pattern;
  return {
    name: 'ow-mangle-private-names',
    apply: 'build',
    buildStart() {
      const { cache: map } = privateNameMap();
      cache = map;
      const names = Object.keys(map);
      pattern = names.length ? new RegExp(`^(?:${names.map(escape).join('|')})$`) : null;
      log(`  private names shortened: ${names.length}`);
    },
    async renderChunk(code, chunk) {
      if (!pattern) return null;
      const result = await transform(code, {
        loader: 'js',
        format: 'esm',
        target: 'esnext',
        sourcemap: 'external',
        sourcefile: chunk.fileName,
        mangleProps: pattern,
        // A copy: esbuild adds to the cache it is given, and every chunk must see the same names.
        mangleCache: { ...cache },
        legalComments: 'inline',
        logLevel: 'error',
      });
      return { code: result.code, map: result.map };
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { cache, kept } = privateNameMap();
  for (const [name, short] of Object.entries(cache)) console.log(`${name} → ${short}`);
  const byReason = {};
  for (const [name, reason] of kept) (byReason[reason] ??= []).push(name);
  for (const [reason, names] of Object.entries(byReason)) console.log(`\nkept (${reason}): ${names.sort().join(', ')}`);
  console.log(`\n${Object.keys(cache).length} names shortened, ${kept.size} kept`);
}
