// Strings of <ow-notes> in English; loaded when an element first renders in it.
import type { Translation } from '../shared/i18n.js';
import type { es } from './ow-notes.strings.js';

export default {
  'notes.title': 'Internal notes',
  'notes.internal': 'Visible to agents only',
  'notes.empty': 'No internal notes yet.',
  'notes.noConversation': 'Select a conversation to see its notes.',
  'notes.loading': 'Loading notes…',
  'notes.loadFailed': 'Could not load the notes: {reason}',
  'notes.loadOlder': 'Show earlier notes',
  'notes.field': 'New internal note',
  'notes.placeholder': 'Write a note for the team…',
  'notes.hint': 'Ctrl+Enter to add. The customer will not see it.',
  'notes.add': 'Add note',
  'notes.pending': 'Saving',
  'notes.failed': 'Could not save: {reason}',
  'notes.failedNoReason': 'Could not save.',
  'notes.retry': 'Retry',
  'notes.discard': 'Discard',
  'notes.tooLong': 'The note is too long (at most {max} characters).',
  'notes.sendFailed': 'Could not add the note: {reason}',
  'notes.unknownAgent': 'Agent',
  'notes.you': 'You',
  'notes.announce': 'New note from {name}: {text}',
} satisfies Translation<typeof es>;
