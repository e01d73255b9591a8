// Strings of <ow-agent-console>, <ow-status-switch> and <ow-connection-status> in English; loaded when an element first renders in it.
import type { Translation } from '../shared/i18n.js';
import type { es } from './ow-agent-console.strings.js';

export default {
  'console.label': 'Agent console',
  'console.inbox': 'Inbox',
  'console.chat': 'Conversation',
  'console.side': 'Customer, tags and notes',
  'console.back': 'Back to the inbox',
  'console.tabs': 'Conversation or customer',
  'console.tab.chat': 'Conversation',
  'console.tab.side': 'Customer',
  'console.tab.unseen': 'new messages',
  'console.choose': 'Choose a conversation from the inbox.',
  'console.sessionError': 'Could not start the session: {reason}',
  'console.sessionEnded': 'The session ended: {reason}',
  'console.removed': 'The conversation was transferred and is no longer in your view.',
  'status.label': 'My status',
  'status.online': 'Online',
  'status.away': 'Away',
  'status.offline': 'Offline',
  'status.offlineHint': 'Offline after inactivity: choose a status to come back.',
  'status.failed': 'Could not change the status: {reason}',
  'connection.reconnecting': 'Connection lost. Reconnecting…',
} satisfies Translation<typeof es>;
