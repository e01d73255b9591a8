// Spanish strings of the tag picker's option list: they load with it.
import { registerStrings } from '../shared/i18n.js';

export const es = {
  'tagPicker.noResults': 'No hay etiquetas que coincidan.',
  'tagPicker.allAttached': 'Ya tiene todas las etiquetas.',
  'tagPicker.adminOnly': 'Solo un administrador puede crear etiquetas nuevas.',
  'tagPicker.create': 'Crear etiqueta «{name}»…',
  'tagPicker.colorOf': 'Color de la etiqueta «{name}»',
  'tagPicker.colorHint': 'Flechas para elegir el color, Enter para crear, Escape para volver.',
  'tagPicker.createButton': 'Crear etiqueta',
  'tagPicker.creating': 'Creando…',
  'tagPicker.cancel': 'Cancelar',
  'tagPicker.createFailed': 'No se pudo crear la etiqueta «{name}»: {reason}',
  'tagPicker.color.blue': 'Azul',
  'tagPicker.color.violet': 'Violeta',
  'tagPicker.color.pink': 'Rosa',
  'tagPicker.color.cyan': 'Cian',
  'tagPicker.color.green': 'Verde',
  'tagPicker.color.orange': 'Naranja',
  'tagPicker.color.grey': 'Gris',
  'tagPicker.color.teal': 'Verde azulado',
};

registerStrings('es', es);
