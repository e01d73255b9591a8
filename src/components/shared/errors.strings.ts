// Why something failed, by kind, in Spanish: every element puts these into its own "could not …" line.
// The other languages are in errors.strings.en.ts and errors.strings.pt-BR.ts and load on demand.
import { registerStrings } from './i18n.js';

export const es = {
  'error.network': 'no hay conexión con el servidor; revisa tu conexión y vuelve a intentarlo',
  'error.internal': 'el servidor tuvo un problema; vuelve a intentarlo en un momento',
  'error.unauthorized': 'tu sesión terminó; vuelve a iniciar sesión',
  'error.forbidden': 'no tienes permiso para hacerlo',
  'error.not_found': 'ya no existe o ya no tienes acceso',
  'error.conflict': 'alguien lo cambió antes que tú; revisa y vuelve a intentarlo',
  'error.payload_too_large': 'es más grande de lo que este canal admite',
  'error.unsupported_media_type': 'el servidor no acepta este tipo de envío',
  'error.window_closed': 'se cerró la ventana de 24 h de WhatsApp; envía una plantilla aprobada',
  'error.not_assigned': 'la conversación tiene que estar asignada a ti para responder',
  'error.bad_request': 'el servidor rechazó la solicitud ({reason})',
  'error.invalid': 'la solicitud no es válida ({reason})',
};

registerStrings('es', es);
