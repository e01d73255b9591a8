// Strings of <ow-tag-picker> in Spanish, the default language, which ships with the element.
// The other languages are in ow-tag-picker.strings.en.ts and ow-tag-picker.strings.pt-BR.ts and load on demand.
import { registerStrings } from '../shared/i18n.js';

export const es = {
  'tagPicker.title': 'Etiquetas',
  'tagPicker.attached': 'Etiquetas de la conversación',
  'tagPicker.none': 'Sin etiquetas.',
  'tagPicker.noConversation': 'Selecciona una conversación para ver sus etiquetas.',
  'tagPicker.loading': 'Cargando etiquetas…',
  'tagPicker.search': 'Agregar etiqueta',
  'tagPicker.placeholder': 'Buscar etiqueta…',
  'tagPicker.hint': 'Flechas para elegir, Enter para agregar, Retroceso con el campo vacío quita la última.',
  'tagPicker.options': 'Etiquetas disponibles',
  'tagPicker.remove': 'Quitar etiqueta {name}',
  'tagPicker.added': 'Etiqueta {name} agregada.',
  'tagPicker.removed': 'Etiqueta {name} quitada.',
  'tagPicker.created': 'Etiqueta {name} creada y agregada.',
  'tagPicker.failed': 'No se pudo cambiar la etiqueta: {reason}',
};

registerStrings('es', es);
