// Light and dark: the theme attribute fixes the scheme, no attribute follows the user's
// prefers-color-scheme, and an integrator's --ow-* property wins in both.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/components/notes/ow-notes.js';
import type { OwNotes } from '../../src/components/notes/ow-notes.js';
import { $ } from './support.js';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function afterEach(body: () => Promise<void> | void): void;

const textColor = (el: OwNotes) => getComputedStyle($(el, 'h2')!).color;
const LIGHT_TEXT = 'rgb(27, 31, 36)';
const DARK_TEXT = 'rgb(231, 234, 238)';

describe('theme', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('theme="dark" and theme="light" fix the palette whatever the user prefers', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const el = await fixture<OwNotes>(html`<ow-notes theme="dark"></ow-notes>`);
    expect(textColor(el)).to.equal(DARK_TEXT);
    el.theme = 'light';
    await el.updateComplete;
    await emulateMedia({ colorScheme: 'dark' });
    expect(textColor(el)).to.equal(LIGHT_TEXT);
  });

  it('without the attribute the palette follows prefers-color-scheme, live', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const el = await fixture<OwNotes>(html`<ow-notes></ow-notes>`);
    expect(textColor(el)).to.equal(LIGHT_TEXT);
    await emulateMedia({ colorScheme: 'dark' });
    expect(textColor(el)).to.equal(DARK_TEXT);
    await expect(el).to.be.accessible();
  });

  it("an integrator's --ow-color-text wins in both schemes", async () => {
    const el = await fixture<OwNotes>(html`<ow-notes style="--ow-color-text: rgb(1, 2, 3)"></ow-notes>`);
    expect(textColor(el)).to.equal('rgb(1, 2, 3)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(textColor(el)).to.equal('rgb(1, 2, 3)');
  });
});
