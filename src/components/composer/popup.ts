// The frame of the composer's popups (the quick reply list, the emoji panel): it comes with the
// parts that open them, not with the composer.
import { html } from 'lit';

/** Placed in each popup: a box floating above the message field. */
export const popupStyles = html`<style>
  .popup {
    position: absolute;
    bottom: calc(100% - var(--_space));
    left: calc(var(--_space) * 1.5);
    z-index: 3;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
</style>`;
