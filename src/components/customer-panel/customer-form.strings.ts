// Spanish strings of the customer edit form and its conflict choice: they load with those parts.
import { registerStrings } from '../shared/i18n.js';

export const es = {
  'customerPanel.chooseOption': 'Elige una opción',
  'customerPanel.required': '(obligatorio)',
  'customerPanel.save': 'Guardar',
  'customerPanel.saving': 'Guardando…',
  'customerPanel.cancel': 'Cancelar',
  'customerPanel.saveFailed': 'No se pudo guardar: {reason}',
  'customerPanel.invalidForm': 'Revisa los campos marcados.',
  'customerPanel.error.required': 'Este campo es obligatorio.',
  'customerPanel.error.email': 'Escribe un correo válido, por ejemplo nombre@dominio.com.',
  'customerPanel.error.phone': 'Escribe un teléfono válido: solo números, espacios, paréntesis, guiones y + al inicio.',
  'customerPanel.error.number': 'Escribe un número.',
  'customerPanel.error.date': 'Escribe una fecha válida.',
  'customerPanel.error.option': 'Elige una de las opciones de la lista.',
  'customerPanel.error.tooLong': 'El texto es demasiado largo (máximo {max} caracteres).',
  'customerPanel.remoteUpdate': 'Este cliente se actualizó mientras editabas. Tus cambios se conservan; al guardar verás las diferencias.',
  'customerPanel.remoteUpdateBy': '{name} actualizó este cliente. Tus cambios se conservan; al guardar verás las diferencias.',
  'customerPanel.conflict.title': 'Se guardaron cambios mientras editabas',
  'customerPanel.conflict.titleBy': '{name} guardó cambios mientras editabas',
  'customerPanel.conflict.body': 'Elige qué valor conservar en cada campo. No se sobrescribe nada sin tu elección.',
  'customerPanel.conflict.theirs': 'Valor guardado',
  'customerPanel.conflict.theirsBy': 'Valor de {name}',
  'customerPanel.conflict.mine': 'Tu valor',
  'customerPanel.conflict.useTheirs': 'Usar el guardado',
  'customerPanel.conflict.useTheirsBy': 'Usar el de {name}',
  'customerPanel.conflict.reapplyMine': 'Reaplicar el mío',
};

registerStrings('es', es);
