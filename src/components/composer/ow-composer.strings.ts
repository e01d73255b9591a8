// Strings of <ow-composer> in Spanish, the default language, which ships with the element.
// The other languages are in ow-composer.strings.en.ts and ow-composer.strings.pt-BR.ts and load on demand.
import { registerStrings } from '../shared/i18n.js';

export const es = {
  'composer.label': 'Escribe un mensaje',
  'composer.labelNote': 'Escribe una nota interna',
  'composer.placeholder': 'Escribe un mensaje. Enter envía; Mayús+Enter o Ctrl+Enter, nueva línea; / respuestas rápidas',
  'composer.placeholderNote': 'Nota interna: solo la ven los agentes',
  'composer.send': 'Enviar',
  'composer.sendNote': 'Guardar nota',
  'composer.attach': 'Adjuntar archivos',
  'composer.emoji': 'Insertar emoji',
  'composer.emojiError': 'No se pudieron cargar los emojis: {reason}',
  'composer.note': 'Nota interna',
  'composer.uploadFailed': 'No se pudo subir «{name}»: {reason}',
  'composer.uploadsPending': 'Espera a que terminen de subir los archivos.',
  'composer.tooLong': 'El mensaje tiene {length} caracteres; el máximo es {max}. No se envió.',
  'composer.dismiss': 'Cerrar aviso',
  'composer.sendFailed': 'No se pudo enviar: {reason}',
  'composer.quickRepliesUnavailable': 'No se pudieron abrir las respuestas rápidas: {reason}',
  'composer.templatesUnavailable': 'No se pudieron cargar las plantillas: {reason}',
  'composer.notAssigned': 'Asígnate la conversación para responder.',
  'composer.closed': 'La conversación está cerrada.',
  'composer.windowClosed': 'Han pasado más de {hours} h desde el último mensaje del cliente; solo puedes enviar una plantilla aprobada.',
  'composer.windowNeverOpened': 'El cliente todavía no ha escrito; solo puedes enviar una plantilla aprobada.',
  'composer.templates': 'Plantillas aprobadas',
  'composer.record': 'Grabar nota de voz',
  'composer.micError': 'No se pudo usar el micrófono: {reason}',
};

registerStrings('es', es);
