// Strings of <ow-notes> in Brazilian Portuguese; loaded when an element first renders in it.
import type { Translation } from '../shared/i18n.js';
import type { es } from './ow-notes.strings.js';

export default {
  'notes.title': 'Notas internas',
  'notes.internal': 'Visível apenas para agentes',
  'notes.empty': 'Ainda não há notas internas.',
  'notes.noConversation': 'Selecione uma conversa para ver as notas.',
  'notes.loading': 'Carregando notas…',
  'notes.loadFailed': 'Não foi possível carregar as notas: {reason}',
  'notes.loadOlder': 'Ver notas anteriores',
  'notes.field': 'Nova nota interna',
  'notes.placeholder': 'Escreva uma nota para a equipe…',
  'notes.hint': 'Ctrl+Enter para adicionar. O cliente não verá.',
  'notes.add': 'Adicionar nota',
  'notes.pending': 'Salvando',
  'notes.failed': 'Não foi possível salvar: {reason}',
  'notes.failedNoReason': 'Não foi possível salvar.',
  'notes.retry': 'Tentar de novo',
  'notes.discard': 'Descartar',
  'notes.tooLong': 'A nota é longa demais (máximo {max} caracteres).',
  'notes.sendFailed': 'Não foi possível adicionar a nota: {reason}',
  'notes.unknownAgent': 'Agente',
  'notes.you': 'Você',
  'notes.announce': 'Nova nota de {name}: {text}',
} satisfies Translation<typeof es>;
