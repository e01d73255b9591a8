// The library build shortens private member names (scripts/mangle-private-names.mjs): which names it
// may rename, and that the built chunks (client and elements) use the short names and still map to src/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { build } from 'vite';
import { collectPrivateNames, privateNameMap } from '../../scripts/mangle-private-names.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'ow-mangle-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('only private names nothing outside the class can reach are renamed', () => {
  const src = join(scratch, 'src');
  mkdirSync(src, { recursive: true });
  writeFileSync(
    join(src, 'fixture.ts'),
    `
    import { LitElement, type PropertyValues } from 'lit';
    import { state } from 'lit/decorators.js';
    export interface Options { shared: string }
    export class Base extends LitElement {
      @state() private decorated = 1;
      private renamedField = 2;
      private quoted = 3;
      private shared = 4;
      private value = 5;
      private pathPart = 6;
      private bound = 7;
      private renderPart() { return renderPart(); }
      constructor(private readonly parameterField: number) { super(); }
      protected overridden(): number { return this.renamedField + this.parameterField; }
      protected override willUpdate(changed: PropertyValues): void {
        if (changed.has('quoted')) this.overridden();
      }
      protected override render() {
        return \`<x-child .bound=\${this.bound}></x-child> \${'a.pathPart'} \${this.decorated + this.shared + this.value}\`;
      }
    }
    export class Sub extends Base {
      protected override overridden(): number { return 1; }
    }
    export const options: Options = { shared: 'x' };
    // A lazily imported module's functions are read off its namespace object.
    export function renderPart() { return ''; }
    `,
  );
  const { names, kept } = collectPrivateNames({ srcDir: src });
  assert.deepEqual([...names].sort(), ['overridden', 'parameterField', 'renamedField']);
  assert.equal(kept.get('decorated'), 'decorated');
  assert.equal(kept.get('quoted'), 'a string in src');
  assert.equal(kept.get('pathPart'), 'a string in src');
  assert.equal(kept.get('bound'), 'a string in src');
  assert.equal(kept.get('shared'), 'also a public name in src');
  assert.equal(kept.get('renderPart'), 'also a public name in src');
  assert.equal(kept.get('value'), 'a DOM, ECMAScript or dependency name');
  assert.ok(kept.has('willUpdate') && kept.has('render'));

  const { cache } = privateNameMap({ srcDir: src });
  const shortNames = Object.values(cache);
  assert.equal(new Set(shortNames).size, shortNames.length, 'every name gets its own short name');
  for (const short of shortNames) assert.ok(!['id', 'x', 'value'].includes(short), `${short} is not a DOM name`);
});

let out: string;
let renamed: Record<string, string>;

before(async () => {
  out = join(scratch, 'dist');
  renamed = privateNameMap().cache;
  const previous = process.env.OW_OUT_DIR;
  process.env.OW_OUT_DIR = out;
  try {
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent' });
  } finally {
    if (previous === undefined) delete process.env.OW_OUT_DIR;
    else process.env.OW_OUT_DIR = previous;
  }
});

test('the built chunks use the short names and map them back to src/', () => {
  const chunks = readdirSync(out).filter((file) => file.endsWith('.js'));
  assert.ok(chunks.includes('ow-agent-kit.js') && chunks.includes('client.js'));
  const original = Object.fromEntries(Object.entries(renamed).map(([name, short]) => [short, name]));
  assert.ok(Object.keys(renamed).length > 100, 'the elements and the client have private names to shorten');

  let mapped = 0;
  let traced = 0;
  for (const chunk of chunks) {
    const code = readFileSync(join(out, chunk), 'utf8');
    for (const name of Object.keys(renamed)) assert.doesNotMatch(code, new RegExp(`this\\.${name.replace(/\$/g, '\\$')}\\b`), `${chunk} still reads this.${name}`);
    // A lazily loaded chunk's exports are read off its module object under their own names.
    const exported = [...code.matchAll(/^export\s*\{([^}]*)\}/gm)].flatMap((match) => match[1]!.split(',').map((part) => part.trim().split(/\s+as\s+/).at(-1)!));
    for (const name of exported) assert.ok(!(name in renamed), `${chunk} exports ${name}, which is renamed where it is read`);

    // A chunk of re-exports only (client.js) has no map and nothing to trace.
    if (!existsSync(join(out, `${chunk}.map`))) continue;
    const map = new SourceMap(JSON.parse(readFileSync(join(out, `${chunk}.map`), 'utf8')));
    const sources = new Map<string, string[]>();
    code.split('\n').forEach((line, lineIndex) => {
      for (const match of line.matchAll(/this\.([A-Za-z_$][\w$]*)/g)) {
        const name = original[match[1]!];
        if (!name) continue;
        const entry = map.findEntry(lineIndex, match.index! + 'this.'.length);
        assert.ok('originalSource' in entry && entry.originalSource, `${chunk}:${lineIndex + 1} this.${match[1]} has a mapping`);
        const file = new URL(entry.originalSource, `file://${out}/`);
        assert.match(file.pathname, /\/src\//, `${chunk}:${lineIndex + 1} maps into src/`);
        if (!sources.has(file.pathname)) sources.set(file.pathname, readFileSync(file, 'utf8').split('\n'));
        mapped++;
        // Field initializers map to their value, on the line that declares the field.
        if (sources.get(file.pathname)![entry.originalLine]!.includes(name)) traced++;
      }
    });
  }
  assert.ok(mapped > 200, `${mapped} renamed accesses checked`);
  assert.ok(traced / mapped > 0.98, `${traced} of ${mapped} renamed accesses map to a line naming the member`);
});
