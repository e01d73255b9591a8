// Package entry: the typed client and store (its request schemas and simulator are in `ow-agent-kit/client`), and every <ow-*> element (importing this module defines them).
export * from './client/runtime.js';
export * from './client/schema-types.js';

export * from './components/session/ow-session.js';
export * from './components/inbox/ow-inbox.js';
export * from './components/chat/ow-chat.js';
export * from './components/composer/ow-composer.js';
export * from './components/customer-panel/ow-customer-panel.js';
export * from './components/notes/ow-notes.js';
export * from './components/tag-picker/ow-tag-picker.js';
export * from './components/agent-console/ow-agent-console.js';
export * from './components/agent-console/ow-status-switch.js';
export * from './components/agent-console/ow-connection-status.js';
/** For an app's own Lit elements inside `<ow-session>`: `new ContextConsumer(this, { context: storeContext })`. */
export { clientContext, storeContext } from './components/shared/context.js';
export { linkify } from './components/shared/linkify.js';

/** Every `ow-*` event, typed on `document` and `window` too: they bubble out of shadow roots. */
type OwEventMap = Pick<HTMLElementEventMap, Extract<keyof HTMLElementEventMap, `ow-${string}`>>;

declare global {
  interface DocumentEventMap extends OwEventMap {}
  interface WindowEventMap extends OwEventMap {}
}
