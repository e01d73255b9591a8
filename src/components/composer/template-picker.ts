// The approved-template picker shown outside the WhatsApp 24-hour window: choose a template, fill
// in its variables, check the preview, send. Its own chunk: loaded when a conversation reaches that state.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { OwComposer } from './ow-composer.js';
import { fillTemplate } from './template-text.js';
import './parts.strings.js';

export function renderTemplates(host: OwComposer): TemplateResult {
  const templates = host.templates.value;
  if (!templates.length) return html`<p class="notice" part="templates">${host.t('composer.noTemplates')}</p>`;
  const chosen = host.template;
  const template = templates.find((tpl) => tpl.id === chosen?.id);
  const variables = template ? Array.from({ length: template.variableCount }, (_, i) => chosen?.variables[i] ?? '') : [];
  const complete = template !== undefined && variables.every((v) => v.trim().length > 0);
  const send = () => {
    if (!template || !host.dispatchSend({ text: fillTemplate(template.body, variables), attachments: [], kind: 'text', templateId: template.id, templateVariables: variables })) return;
    host.template = undefined;
  };
  /** Keeps what was typed into the chosen template's variable `index`. */
  const fill = (index: number, value: string) => {
    if (!template) return;
    const next = [...variables];
    next[index] = value;
    host.template = { id: template.id, variables: next };
  };
  return html`<style>
      .templates label {
        display: flex;
        flex-direction: column;
        gap: 2px;
        font-size: 0.9em;
      }
      .templates select,
      .templates input {
        font: inherit;
        color: inherit;
        padding: calc(var(--_space) * 0.5);
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) * 0.75);
        background: var(--_bg);
      }
      .preview {
        white-space: pre-wrap;
        background: var(--_outgoing);
        border-radius: var(--_radius);
        padding: var(--_space);
      }
      .templates .send {
        align-self: flex-end;
      }
    </style>
    <fieldset class="templates" part="templates">
      <legend>${host.t('composer.templates')}</legend>
      <label>
        <span>${host.t('composer.template')}</span>
        <select
          .value=${live(chosen?.id ?? '')}
          @change=${(e: Event) => {
            const id = (e.target as HTMLSelectElement).value;
            host.template = id ? { id, variables: [] } : undefined;
          }}
        >
          <option value="">${host.t('composer.chooseTemplate')}</option>
          ${templates.map((tpl) => html`<option value=${tpl.id} ?selected=${tpl.id === chosen?.id}>${tpl.name} (${tpl.language})</option>`)}
        </select>
      </label>
      ${variables.map(
        (value, index) => html`<label>
          <span>${host.t('composer.variable', { n: index + 1 })}</span>
          <input
            type="text"
            .value=${live(value)}
            @input=${(e: Event) => fill(index, (e.target as HTMLInputElement).value)}
          />
        </label>`,
      )}
      ${template
        ? html`<div class="preview" part="template-preview" aria-label=${host.t('composer.preview')} role="note">${fillTemplate(template.body, variables)}</div>`
        : nothing}
      <button class="send" part="button send-template" ?disabled=${!complete} @click=${send}>${host.t('composer.sendTemplate')}</button>
    </fieldset>`;
}
