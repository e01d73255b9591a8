// Spanish strings of the transfer and close dialogs: they load with those parts.
import { registerStrings } from '../shared/i18n.js';

export const es = {
  'chat.transfer.agents': 'Agentes',
  'chat.transfer.groups': 'Grupos',
  'chat.transfer.otherGroup': 'Agentes de {group} (la conversación pasa a ese grupo)',
  'chat.transfer.status.online': 'En línea',
  'chat.transfer.status.away': 'Ausente',
  'chat.transfer.status.offline': 'Desconectado',
  'chat.transfer.title': 'Transferir conversación',
  'chat.transfer.search': 'Buscar agente o grupo',
  'chat.transfer.group': 'Grupo {name}',
  'chat.transfer.none': 'Sin resultados.',
  'chat.cancel': 'Cancelar',
  'chat.close.title': '¿Cerrar la conversación?',
  'chat.close.body': 'La conversación pasará a Cerrados. Si el cliente vuelve a escribir, empezará una nueva.',
  'chat.close.confirm': 'Cerrar conversación',
};

registerStrings('es', es);
