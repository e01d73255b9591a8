import { css } from 'lit';

/** The edit form and the conflict choice, added to the panel's shadow root with the form's chunk. */
export const formStyles = css`
  form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  form[aria-busy='true'] {
    opacity: 0.75;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-bottom: var(--_space);
  }
  .field {
    display: grid;
    gap: 4px;
  }
  .field.checkbox {
    grid-template-columns: auto 1fr;
    align-items: center;
  }
  label {
    font-weight: 500;
  }
  .required {
    color: var(--_muted);
    font-weight: normal;
    font-size: 0.9em;
  }
  input,
  select {
    min-height: 2.25em;
  }
  input[type='checkbox'] {
    width: 1.1em;
    height: 1.1em;
    min-height: 0;
    accent-color: var(--_accent);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    outline-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
    margin: 0;
    font-size: 0.9em;
  }
  .actions {
    display: flex;
    gap: var(--_space);
    justify-content: flex-end;
    flex-wrap: wrap;
  }
  .notice,
  .conflict {
    border-radius: calc(var(--_radius) / 2);
    padding: var(--_space);
    margin: 0 0 var(--_space);
    border: 1px solid var(--_warning);
    color: var(--_text);
    background: var(--_surface);
  }
  .conflict h3 {
    margin: 0 0 4px;
    font-size: 1em;
    color: var(--_warning);
  }
  .conflict p {
    margin: 0 0 var(--_space);
  }
  .conflict ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .conflict li {
    display: grid;
    gap: 4px;
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  /* The two values lay out as the details do (label above the value in a narrow column). Both must be
     seen whole to choose between them: a phone number never breaks, and an e-mail address too long
     for the whole width breaks where it must rather than being cut short. */
  .conflict li[data-field='phone'] dd {
    white-space: nowrap;
    overflow-wrap: normal;
  }
`;
