// The test workspace as plain data: the server seeds it (fixtures.ts) and stories and benches mirror it without a server.
import type { AttributeDefinition } from '../src/contract/index.js';

export const FIXTURE = {
  groups: [
    { id: 'grp_ventas', name: 'Ventas' },
    { id: 'grp_soporte', name: 'Soporte' },
  ],
  agents: [
    { id: 'agt_admin', name: 'Admin Ow', email: 'admin@example.com', role: 'admin', groupIds: [] as string[], token: 'tok_admin' },
    { id: 'agt_ana', name: 'Ana Pérez', email: 'ana@example.com', role: 'agent', groupIds: ['grp_ventas'], token: 'tok_ana' },
    { id: 'agt_bruno', name: 'Bruno Silva', email: 'bruno@example.com', role: 'agent', groupIds: ['grp_soporte'], token: 'tok_bruno' },
    { id: 'agt_carla', name: 'Carla Gómez', email: 'carla@example.com', role: 'agent', groupIds: ['grp_ventas'], token: 'tok_carla' },
  ],
  tags: [
    { id: 'tag_vip', name: 'VIP', color: '#d97706' },
    { id: 'tag_reclamo', name: 'Reclamo', color: '#dc2626' },
    { id: 'tag_venta', name: 'Venta', color: '#16a34a' },
  ],
  templates: [
    { id: 'tpl_seguimiento', name: 'seguimiento', language: 'es', body: 'Hola {{1}}, ¿podemos ayudarte con algo más?', variableCount: 1 },
    { id: 'tpl_recordatorio', name: 'recordatorio_pago', language: 'es', body: 'Hola {{1}}, te recordamos que tu pago de {{2}} vence mañana.', variableCount: 2 },
  ],
  quickReplies: [
    { id: 'qr_saludo', shortcut: 'saludo', text: '¡Hola! Gracias por escribirnos. ¿En qué te puedo ayudar?' },
    { id: 'qr_gracias', shortcut: 'gracias', text: 'Gracias por tu paciencia, ya reviso tu caso.' },
    { id: 'qr_horario', shortcut: 'horario', text: 'Nuestro horario es de lunes a viernes de 8:00 a 18:00.' },
  ],
  attributeDefinitions: [
    { key: 'documento', label: 'Documento', type: 'text' },
    { key: 'ciudad', label: 'Ciudad', type: 'select', options: ['Bogotá', 'Lima', 'Santiago', 'Ciudad de México', 'São Paulo'] },
    { key: 'fecha_nacimiento', label: 'Fecha de nacimiento', type: 'date' },
    { key: 'acepta_marketing', label: 'Acepta marketing', type: 'boolean' },
    { key: 'compras', label: 'Compras', type: 'number' },
  ] satisfies AttributeDefinition[],
} as const;
