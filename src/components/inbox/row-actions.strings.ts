// Spanish strings of the inbox's row actions (the ⋮ button and its menu): they load with it.
import { registerStrings } from '../shared/i18n.js';

export const es = {
  'inbox.actions': 'Acciones de la conversación con {name}',
  'inbox.menu': 'Acciones',
};

registerStrings('es', es);
