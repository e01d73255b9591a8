// Strings of <ow-agent-console>, <ow-status-switch> and <ow-connection-status> in Spanish, the default language, which ships with the element.
// The other languages are in ow-agent-console.strings.en.ts and ow-agent-console.strings.pt-BR.ts and load on demand.
import { registerStrings } from '../shared/i18n.js';

export const es = {
  'console.label': 'Consola del agente',
  'console.inbox': 'Bandeja',
  'console.chat': 'Conversación',
  'console.side': 'Cliente, etiquetas y notas',
  'console.back': 'Volver a la bandeja',
  'console.tabs': 'Conversación o cliente',
  'console.tab.chat': 'Conversación',
  'console.tab.side': 'Cliente',
  'console.tab.unseen': 'mensajes nuevos',
  'console.choose': 'Elige una conversación de la bandeja.',
  'console.sessionError': 'No se pudo iniciar la sesión: {reason}',
  'console.sessionEnded': 'La sesión terminó: {reason}',
  'console.removed': 'La conversación fue transferida y ya no está en tu vista.',
  'status.label': 'Mi estado',
  'status.online': 'En línea',
  'status.away': 'Ausente',
  'status.offline': 'Desconectado',
  'status.offlineHint': 'Desconectado por inactividad: elige un estado para volver.',
  'status.failed': 'No se pudo cambiar el estado: {reason}',
  'connection.reconnecting': 'Conexión perdida. Reconectando…',
};

registerStrings('es', es);
