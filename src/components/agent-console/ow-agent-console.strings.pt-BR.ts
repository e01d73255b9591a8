// Strings of <ow-agent-console>, <ow-status-switch> and <ow-connection-status> in Brazilian Portuguese; loaded when an element first renders in it.
import type { Translation } from '../shared/i18n.js';
import type { es } from './ow-agent-console.strings.js';

export default {
  'console.label': 'Console do agente',
  'console.inbox': 'Caixa',
  'console.chat': 'Conversa',
  'console.side': 'Cliente, etiquetas e notas',
  'console.back': 'Voltar para a caixa',
  'console.tabs': 'Conversa ou cliente',
  'console.tab.chat': 'Conversa',
  'console.tab.side': 'Cliente',
  'console.tab.unseen': 'mensagens novas',
  'console.choose': 'Escolha uma conversa da caixa.',
  'console.sessionError': 'Não foi possível iniciar a sessão: {reason}',
  'console.sessionEnded': 'A sessão terminou: {reason}',
  'console.removed': 'A conversa foi transferida e não está mais na sua visão.',
  'status.label': 'Meu status',
  'status.online': 'Online',
  'status.away': 'Ausente',
  'status.offline': 'Offline',
  'status.offlineHint': 'Offline por inatividade: escolha um status para voltar.',
  'status.failed': 'Não foi possível mudar o status: {reason}',
  'connection.reconnecting': 'Conexão perdida. Reconectando…',
} satisfies Translation<typeof es>;
