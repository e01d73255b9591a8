// Why something failed, by kind, in English.
import type { Translation } from './i18n.js';
import type { es } from './errors.strings.js';

export default {
  'error.network': 'no connection to the server; check your connection and try again',
  'error.internal': 'the server had a problem; try again in a moment',
  'error.unauthorized': 'your session ended; sign in again',
  'error.forbidden': 'you are not allowed to do this',
  'error.not_found': 'it no longer exists or you no longer have access',
  'error.conflict': 'someone changed it before you; check and try again',
  'error.payload_too_large': 'it is larger than this channel accepts',
  'error.unsupported_media_type': 'the server does not accept this kind of upload',
  'error.window_closed': "WhatsApp's 24-hour window closed; send an approved template",
  'error.not_assigned': 'the conversation must be assigned to you to reply',
  'error.bad_request': 'the server refused the request ({reason})',
  'error.invalid': 'the request is not valid ({reason})',
} satisfies Translation<typeof es>;
