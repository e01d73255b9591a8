// Strings of <ow-notes> in Spanish, the default language, which ships with the element.
// The other languages are in ow-notes.strings.en.ts and ow-notes.strings.pt-BR.ts and load on demand.
import { registerStrings } from '../shared/i18n.js';

export const es = {
  'notes.title': 'Notas internas',
  'notes.internal': 'Solo visible para agentes',
  'notes.empty': 'Todavía no hay notas internas.',
  'notes.noConversation': 'Selecciona una conversación para ver sus notas.',
  'notes.loading': 'Cargando notas…',
  'notes.loadFailed': 'No se pudieron cargar las notas: {reason}',
  'notes.loadOlder': 'Ver notas anteriores',
  'notes.field': 'Nueva nota interna',
  'notes.placeholder': 'Escribe una nota para el equipo…',
  'notes.hint': 'Ctrl+Enter para agregar. El cliente no la verá.',
  'notes.add': 'Agregar nota',
  'notes.pending': 'Guardando',
  'notes.failed': 'No se pudo guardar: {reason}',
  'notes.failedNoReason': 'No se pudo guardar.',
  'notes.retry': 'Reintentar',
  'notes.discard': 'Descartar',
  'notes.tooLong': 'La nota es demasiado larga (máximo {max} caracteres).',
  'notes.sendFailed': 'No se pudo agregar la nota: {reason}',
  'notes.unknownAgent': 'Agente',
  'notes.you': 'Tú',
  'notes.announce': 'Nueva nota de {name}: {text}',
};

registerStrings('es', es);
