// Spanish strings of the tag picker's option list: they load with it.
import { registerStrings } from '../shared/i18n.js';

export const es = {
  'tagPicker.noResults': 'No hay etiquetas que coincidan.',
  'tagPicker.allAttached': 'Ya tiene todas las etiquetas.',
  'tagPicker.adminOnly': 'Solo un administrador puede crear etiquetas nuevas.',
  'tagPicker.create': 'Crear etiqueta «{name}»',
};

registerStrings('es', es);
