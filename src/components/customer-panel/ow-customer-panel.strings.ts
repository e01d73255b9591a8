// Strings of <ow-customer-panel> in Spanish, the default language, which ships with the element.
// The other languages are in ow-customer-panel.strings.en.ts and ow-customer-panel.strings.pt-BR.ts and load on demand.
import { registerStrings } from '../shared/i18n.js';

export const es = {
  'customerPanel.empty': 'Selecciona una conversación para ver al cliente.',
  'customerPanel.loading': 'Cargando cliente…',
  'customerPanel.notFound': 'No se encontró el cliente.',
  'customerPanel.name': 'Nombre',
  'customerPanel.phone': 'Teléfono',
  'customerPanel.email': 'Correo electrónico',
  'customerPanel.attributes': 'Datos recopilados',
  'customerPanel.noValue': 'Sin dato',
  'customerPanel.yes': 'Sí',
  'customerPanel.no': 'No',
  'customerPanel.edit': 'Editar',
  'customerPanel.formUnavailable': 'No se pudo abrir el formulario ({reason}). Vuelve a intentarlo.',
  'customerPanel.editLabel': 'Editar datos de {name}',
  'customerPanel.saved': 'Cambios guardados.',
  'customerPanel.updatedLive': 'Datos del cliente actualizados.',
  'customerPanel.updatedLiveBy': '{name} actualizó los datos del cliente.',
};

registerStrings('es', es);
