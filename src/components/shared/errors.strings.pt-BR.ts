// Why something failed, by kind, in Brazilian Portuguese.
import type { Translation } from './i18n.js';
import type { es } from './errors.strings.js';

export default {
  'error.network': 'sem conexão com o servidor; verifique sua conexão e tente novamente',
  'error.internal': 'o servidor teve um problema; tente novamente em instantes',
  'error.unauthorized': 'sua sessão terminou; entre novamente',
  'error.forbidden': 'você não tem permissão para fazer isso',
  'error.not_found': 'não existe mais ou você não tem mais acesso',
  'error.conflict': 'alguém alterou isso antes de você; confira e tente novamente',
  'error.payload_too_large': 'é maior do que este canal aceita',
  'error.unsupported_media_type': 'o servidor não aceita este tipo de envio',
  'error.window_closed': 'a janela de 24 h do WhatsApp fechou; envie um modelo aprovado',
  'error.not_assigned': 'a conversa precisa estar atribuída a você para responder',
  'error.bad_request': 'o servidor recusou a solicitação ({reason})',
  'error.invalid': 'a solicitação não é válida ({reason})',
} satisfies Translation<typeof es>;
