// Global toolbar: language (es default, en, pt-BR) and theme (light/dark), applied as the `lang`
// attribute around each story and the `theme` attribute of every <ow-*> element in it.
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import manifest from './generated/custom-elements.json';

setCustomElementsManifest(manifest);

type Theme = 'light' | 'dark';

/** Sets `theme` on every <ow-*> element under `root`, including those inside shadow roots. */
function applyTheme(root: ParentNode, theme: Theme): void {
  for (const element of root.querySelectorAll('*')) {
    if (element.localName.startsWith('ow-')) element.setAttribute('theme', theme);
    if (element.shadowRoot) applyTheme(element.shadowRoot, theme);
  }
}

const withLanguageAndTheme: Decorator = (story, context) => {
  const lang = (context.globals.locale as string | undefined) ?? 'es';
  const theme = ((context.globals.theme as string | undefined) ?? 'light') as Theme;
  document.documentElement.lang = lang;
  document.body.style.background = theme === 'dark' ? '#0b0e12' : '';
  // Elements render after the story template is committed; apply the theme once they have.
  requestAnimationFrame(() => {
    const host = document.querySelector('#storybook-root, #storybook-docs');
    if (host) applyTheme(host, theme);
  });
  // Keyed: a change of language or theme mounts fresh elements, as a page load would.
  // Storybook's renderer wants a template result at the top, not a directive.
  return html`${keyed(`${lang}|${theme}`, html`<div class="ow-story" lang=${lang} data-theme=${theme} style="color-scheme:${theme}">${story()}</div>`)}`;
};

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withLanguageAndTheme],
  globalTypes: {
    locale: {
      description: 'Idioma de los elementos',
      toolbar: {
        title: 'Idioma',
        icon: 'globe',
        dynamicTitle: true,
        items: [
          { value: 'es', title: 'Español' },
          { value: 'en', title: 'English' },
          { value: 'pt-BR', title: 'Português (Brasil)' },
        ],
      },
    },
    theme: {
      description: 'Tema claro u oscuro',
      toolbar: {
        title: 'Tema',
        icon: 'mirror',
        dynamicTitle: true,
        items: [
          { value: 'light', title: 'Claro', icon: 'sun' },
          { value: 'dark', title: 'Oscuro', icon: 'moon' },
        ],
      },
    },
  },
  initialGlobals: { locale: 'es', theme: 'light' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true, matchers: { color: /color$/i, date: /(At|Date)$/ } },
    docs: { toc: true },
  },
};

export default preview;
