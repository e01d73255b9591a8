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
  [part~='bar'],
  [part~='notice'] {
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
  [part~='session-error'] {
    margin: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
  }
  [part~='notice'] {
    margin: 0;
    color: var(--_text);
  }
  /* Kept in the page while empty so the live region exists before it is filled. */
  [part~='notice']:empty {
    padding: 0;
    border: 0;
  }
  [part~='layout'] {
    flex: 1 1 auto;
    min-height: 0;
    display: grid;
    grid-template-columns: var(--_inbox-width) minmax(0, 1fr) var(--_side-width);
    grid-template-rows: minmax(0, 1fr);
    grid-template-areas: 'inbox chat side';
  }
  /* The inbox, chat and side columns. */
  [part$='-column'] {
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
  /* Medium hosts: the side column goes under the conversation. */
  @container ow-console (max-width: 1023px) {
    [part~='layout'] {
      grid-template-columns: var(--_inbox-width) minmax(0, 1fr);
      grid-template-rows: minmax(0, 1fr) auto;
      grid-template-areas: 'inbox chat' 'inbox side';
    }
    [part~='side-column'] {
      max-height: 16rem;
      border-left: 0;
      border-top: 1px solid var(--_border);
    }
  }
  /* Narrow hosts: one column, either the inbox or the open conversation, with a back button. */
  @container ow-console (max-width: 639px) {
    [part~='layout'] {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: minmax(0, 1fr) auto;
      grid-template-areas: 'inbox' 'side';
    }
    [part~='layout'][data-view='list'] [part~='chat-column'],
    [part~='layout'][data-view='list'] [part~='side-column'] {
      display: none;
    }
    [part~='layout'][data-view='detail'] [part~='inbox-column'] {
      display: none;
    }
    [part~='layout'][data-view='detail'] [part~='chat-column'] {
      grid-area: inbox;
    }
    [part~='inbox-column'] {
      border-right: 0;
    }
    [part~='bar'][data-view='detail'] [part~='back'] {
      display: inline-block;
    }
  }
`;
