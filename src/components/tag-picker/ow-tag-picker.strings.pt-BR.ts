// Strings of <ow-tag-picker> in Brazilian Portuguese; loaded when an element first renders in it.
import type { Translation } from '../shared/i18n.js';
import type { es } from './ow-tag-picker.strings.js';
import type { es as tagOptions } from './tag-options.strings.js';

export default {
  'tagPicker.title': 'Etiquetas',
  'tagPicker.attached': 'Etiquetas da conversa',
  'tagPicker.none': 'Sem etiquetas.',
  'tagPicker.noConversation': 'Selecione uma conversa para ver as etiquetas.',
  'tagPicker.loading': 'Carregando etiquetas…',
  'tagPicker.search': 'Adicionar etiqueta',
  'tagPicker.placeholder': 'Buscar etiqueta…',
  'tagPicker.hint': 'Setas para escolher, Enter para adicionar, Backspace com o campo vazio remove a última.',
  'tagPicker.options': 'Etiquetas disponíveis',
  'tagPicker.noResults': 'Nenhuma etiqueta corresponde.',
  'tagPicker.allAttached': 'Já tem todas as etiquetas.',
  'tagPicker.adminOnly': 'Só um administrador pode criar etiquetas novas.',
  'tagPicker.create': 'Criar etiqueta “{name}”…',
  'tagPicker.colorOf': 'Cor da etiqueta “{name}”',
  'tagPicker.colorHint': 'Setas para escolher a cor, Enter para criar, Escape para voltar.',
  'tagPicker.createButton': 'Criar etiqueta',
  'tagPicker.creating': 'Criando…',
  'tagPicker.cancel': 'Cancelar',
  'tagPicker.createFailed': 'Não foi possível criar a etiqueta “{name}”: {reason}',
  'tagPicker.color.blue': 'Azul',
  'tagPicker.color.violet': 'Violeta',
  'tagPicker.color.pink': 'Rosa',
  'tagPicker.color.cyan': 'Ciano',
  'tagPicker.color.green': 'Verde',
  'tagPicker.color.orange': 'Laranja',
  'tagPicker.color.grey': 'Cinza',
  'tagPicker.color.teal': 'Verde-azulado',
  'tagPicker.remove': 'Remover etiqueta {name}',
  'tagPicker.added': 'Etiqueta {name} adicionada.',
  'tagPicker.removed': 'Etiqueta {name} removida.',
  'tagPicker.created': 'Etiqueta {name} criada e adicionada.',
  'tagPicker.failed': 'Não foi possível alterar a etiqueta: {reason}',
} satisfies Translation<typeof es & typeof tagOptions>;
