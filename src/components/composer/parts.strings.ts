// Spanish strings of the composer parts that load on demand (quick replies, templates, voice notes, attachments, emoji panel): they load with those parts.
import { registerStrings } from '../shared/i18n.js';

export const es = {
  'composer.dropHere': 'Suelta los archivos para adjuntarlos',
  'composer.cancelUpload': 'Cancelar la subida de {name}',
  'composer.removeAttachment': 'Quitar {name}',
  'composer.emojiPanel': 'Emojis',
  'composer.emojiLoading': 'Cargando emojis…',
  'composer.tooLarge': '«{name}» pesa {size} y supera el límite de {limit} para {channel}. No se adjuntó.',
  'composer.tooMany': 'Solo se pueden adjuntar {max} archivos por mensaje.',
  'composer.uploading': 'Subiendo {name}',
  'composer.attachments': 'Archivos adjuntos',
  'composer.template': 'Plantilla',
  'composer.chooseTemplate': 'Elige una plantilla',
  'composer.variable': 'Variable {n}',
  'composer.preview': 'Vista previa',
  'composer.sendTemplate': 'Enviar plantilla',
  'composer.noTemplates': 'No hay plantillas aprobadas.',
  'composer.quickReplies': 'Respuestas rápidas',
  'composer.stopRecording': 'Detener grabación',
  'composer.cancel': 'Cancelar',
  'composer.cancelRecording': 'Cancelar la grabación',
  'composer.recording': 'Grabando… {time}',
  'composer.voicePreview': 'Nota de voz grabada',
  'composer.sendVoice': 'Enviar nota de voz',
  'composer.discardVoice': 'Descartar nota de voz',
  'composer.voiceName': 'nota-de-voz',
  'composer.pastedImage': 'Imagen pegada {time}',
  'composer.pastedFile': 'Archivo pegado {time}',
};

registerStrings('es', es);
