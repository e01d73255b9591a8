import { css } from 'lit';

export const consoleStyles = css`
  :host {
    display: block;
    height: 100%;
    min-height: 24rem;
    container-type: inline-size;
    container-name: ow-console;
    background: var(--_bg);
    --_inbox-width: var(--ow-console-inbox-width, minmax(280px, 340px));
    --_side-width: var(--ow-console-side-width, minmax(260px, 320px));
  }
  .console {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
  }
  [part~='bar'] {
    padding: calc(var(--_space) / 2) var(--_space);
    border-bottom: 1px solid var(--_border);
    background: var(--_surface);
  }
  [part~='bar'] {
    display: flex;
    align-items: center;
    gap: var(--_space);
    flex-wrap: wrap;
  }
  [part~='bar'] .spacer {
    flex: 1;
  }
  [part~='back'] {
    display: none;
    padding: 4px 10px;
  }
  /* Conversación / Cliente: shown only while the side column cannot sit beside the chat. */
  [part~='tabs'] {
    display: none;
    gap: 2px;
    padding: 2px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  [part~='tab'] {
    flex: 1 0 auto;
    padding: 3px 12px;
    border: 0;
    background: transparent;
    white-space: nowrap;
  }
  [part~='tab'][aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  [part~='tab-badge'] {
    display: inline-block;
    width: 8px;
    height: 8px;
    margin-left: 6px;
    vertical-align: middle;
    border-radius: 50%;
    background: var(--_accent);
  }
  [part~='session-error'] {
    margin: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
  }
  /*
   * Why the console closed the conversation: in the chat column, which is empty then, just above
   * the placeholder, so nothing else moves. Kept in the page while empty (no box) so the live
   * region exists before it is filled.
   */
  [part~='notice'] {
    margin: 0;
  }
  [part~='layout'][data-notice] [part~='notice'] {
    align-self: center;
    max-width: 32rem;
    margin: auto var(--_space) 0;
    padding: calc(var(--_space) / 2) var(--_space);
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  [part~='layout'][data-notice] [part~='notice'] + [part~='placeholder'] {
    margin-top: 0;
  }
  [part~='layout'] {
    /* Read by the element: 1 when the side column is behind a tab. */
    --_stacked: 0;
    flex: 1 1 auto;
    min-height: 0;
    display: grid;
    grid-template-columns: var(--_inbox-width) minmax(0, 1fr) var(--_side-width);
    grid-template-rows: minmax(0, 1fr);
    grid-template-areas: 'inbox chat side';
  }
  /* The inbox, chat and side columns. Positioned, so what the elements place absolutely (their
     visually hidden labels and live regions) stays in the column's scroll instead of the page's. */
  [part$='-column'] {
    position: relative;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  [part~='inbox-column'] {
    grid-area: inbox;
    border-right: 1px solid var(--_border);
  }
  [part~='chat-column'] {
    grid-area: chat;
    min-width: 0;
  }
  [part~='side-column'] {
    grid-area: side;
    overflow: auto;
    gap: var(--_space);
    padding: var(--_space);
    border-left: 1px solid var(--_border);
    background: var(--_surface);
  }
  /* Side elements keep their natural height; the column scrolls as a whole. */
  [part~='side-column'] > * {
    flex: none;
  }
  ow-inbox,
  ow-chat {
    flex: 1 1 auto;
    min-height: 0;
  }
  [part~='placeholder'] {
    margin: auto;
    padding: calc(var(--_space) * 3);
    color: var(--_muted);
    text-align: center;
  }
  /*
   * Under 1024 px the side column cannot sit beside the chat without squeezing it under ~360 px, and
   * below it, it would take a third of the chat's height: the chat keeps its column whole and the
   * side column shares the same cell, one tab away. The hidden one stays laid out (visibility, not
   * display) so the chat keeps its scroll position and the side column its own.
   */
  @container ow-console (max-width: 1023px) {
    [part~='layout'] {
      --_stacked: 1;
      grid-template-columns: var(--_inbox-width) minmax(0, 1fr);
      grid-template-areas: 'inbox chat';
    }
    [part~='side-column'] {
      grid-area: chat;
      border-left: 0;
    }
    [part~='layout'][data-pane='chat'] [part~='side-column'],
    [part~='layout'][data-pane='side'] [part~='chat-column'] {
      visibility: hidden;
    }
    [part~='tabs'] {
      display: flex;
    }
  }
  /* Narrow hosts: one column, either the inbox or the open conversation, with a back button. */
  @container ow-console (max-width: 759px) {
    [part~='layout'] {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'inbox';
    }
    [part~='chat-column'],
    [part~='side-column'] {
      grid-area: inbox;
    }
    [part~='layout'][data-view='list'] [part~='chat-column'],
    [part~='layout'][data-view='list'] [part~='side-column'] {
      display: none;
    }
    [part~='layout'][data-view='detail'] [part~='inbox-column'] {
      display: none;
    }
    /* Back on the inbox, the notice has no chat column to sit in: it floats over the foot of the list. */
    [part~='layout'] {
      position: relative;
    }
    [part~='layout'][data-view='list'][data-notice] [part~='chat-column'] {
      display: flex;
      position: absolute;
      inset: auto 0 0;
      z-index: 1;
      visibility: hidden;
      pointer-events: none;
    }
    [part~='layout'][data-view='list'][data-notice] [part~='notice'] {
      visibility: visible;
      margin: var(--_space);
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
    }
    [part~='layout'][data-view='list'] [part~='placeholder'] {
      display: none;
    }
    [part~='inbox-column'] {
      border-right: 0;
    }
    [part~='bar'][data-view='detail'] [part~='back'] {
      display: inline-block;
    }
    /* A row of their own under the back button and status, each tab half the width. */
    [part~='tabs'] {
      flex: 1 0 100%;
    }
    [part~='tab'] {
      flex: 1 1 0;
    }
    [part~='bar'][data-view='list'] [part~='tabs'] {
      display: none;
    }
  }
`;
