// Conversation scripts of the demo workspace: what customers of a Latin-American retailer and internet provider write, and how agents answer.
import type { Channel } from '../../src/contract/index.js';

/** `c` customer, `a` agent, `n` internal note. `{…}` placeholders are filled per conversation. */
export interface Turn {
  who: 'c' | 'a' | 'n';
  text: string;
  file?: 'photo' | 'receipt' | 'invoice' | 'guide';
}

export interface Script {
  topic: string;
  group: 'ventas' | 'soporte';
  /** Tags an agent would typically put on it. */
  tags: readonly string[];
  turns: readonly Turn[];
}

export const SCRIPTS: readonly Script[] = [
  {
    topic: 'estado de pedido',
    group: 'soporte',
    tags: ['Seguimiento'],
    turns: [
      { who: 'c', text: 'Hola, buenas. Quería saber el estado de mi pedido {order}, lo compré el {weekday}' },
      { who: 'a', text: '¡Hola {first}! Con gusto lo reviso, dame un momento por favor.' },
      { who: 'a', text: 'Tu pedido {order} salió ayer de nuestra bodega en {city} con la transportadora. El número de guía es {guide} y debería llegar entre mañana y pasado.' },
      { who: 'c', text: 'Perfecto, muchas gracias 🙌' },
      { who: 'a', text: 'A ti. Cualquier novedad me escribes por aquí.' },
    ],
  },
  {
    topic: 'envío demorado',
    group: 'soporte',
    tags: ['Reclamo', 'Urgente'],
    turns: [
      { who: 'c', text: 'Buenas tardes. Mi envío tenía que llegar el viernes y todavía nada 😕' },
      { who: 'c', text: 'Es el pedido {order}. Ya me estoy preocupando porque es un regalo de cumpleaños' },
      { who: 'a', text: 'Hola {first}, lamento mucho la demora. Ya abrí un caso con la transportadora para ubicar tu paquete.' },
      { who: 'n', text: 'Guía {guide} figura "en novedad" desde hace 3 días. Escalé con la transportadora, caso TR-{ticket}.' },
      { who: 'a', text: 'La transportadora me confirma que el paquete tuvo una novedad en la dirección. ¿Me confirmas tu dirección completa con barrio y algún punto de referencia?' },
      { who: 'c', text: 'Calle 45 # 23-18, apto 502, barrio {barrio}. Al lado de una droguería' },
      { who: 'a', text: 'Gracias. Ya quedó actualizada y lo reprograman para mañana en la mañana. Te dejo el envío sin costo por las molestias.' },
      { who: 'c', text: 'Bueno, gracias por la ayuda' },
    ],
  },
  {
    topic: 'factura electrónica',
    group: 'ventas',
    tags: [],
    turns: [
      { who: 'c', text: 'Hola! Necesito la factura electrónica de mi compra a nombre de la empresa' },
      { who: 'c', text: 'NIT 900.{nit}-7, razón social {company} S.A.S.' },
      { who: 'a', text: 'Hola {first}, claro que sí. ¿La compra es la del pedido {order}?' },
      { who: 'c', text: 'Sí, esa misma' },
      { who: 'a', text: 'Listo, aquí tienes la factura. También te llegó al correo registrado.', file: 'invoice' },
      { who: 'c', text: 'Excelente, ya la recibí. Gracias!' },
    ],
  },
  {
    topic: 'devolución',
    group: 'soporte',
    tags: ['Reclamo'],
    turns: [
      { who: 'c', text: 'Hola, me llegó la talla equivocada. Pedí una M y me mandaron una XL 🤦‍♀️' },
      { who: 'c', text: 'Les mando foto de la etiqueta', file: 'photo' },
      { who: 'a', text: 'Hola {first}, qué pena contigo. Te ayudo con el cambio sin costo.' },
      { who: 'a', text: 'Te enviaré una guía de devolución para que entregues el paquete en cualquier punto de la transportadora. Apenas lo recibamos despachamos la talla M.' },
      { who: 'n', text: 'Cambio de talla aprobado, sin costo. Verificar stock de talla M antes de despachar.' },
      { who: 'c', text: 'Ok, ¿y cuánto se demora el cambio?' },
      { who: 'a', text: 'Entre 3 y 5 días hábiles desde que entregas el paquete.' },
    ],
  },
  {
    topic: 'planes',
    group: 'ventas',
    tags: ['Venta'],
    turns: [
      { who: 'c', text: 'Hola! Me interesa el plan Empresa. ¿Qué incluye y cuánto cuesta al mes?' },
      { who: 'a', text: '¡Hola {first}! Gracias por escribirnos. El plan Empresa incluye 300 megas simétricas, IP fija, soporte prioritario 24/7 y router wifi 6.' },
      { who: 'a', text: 'El valor es de {amount} al mes, con instalación gratis si firmas este mes.' },
      { who: 'c', text: 'Suena bien. ¿Hay cobertura en {barrio}?' },
      { who: 'a', text: 'Sí, tenemos cobertura de fibra en esa zona. ¿Te agendo una visita técnica para esta semana?' },
      { who: 'c', text: 'Dale, el jueves en la tarde me sirve' },
      { who: 'n', text: 'Cliente interesado en plan Empresa. Agendar visita jueves PM y enviar contrato por correo.' },
    ],
  },
  {
    topic: 'no puedo iniciar sesión',
    group: 'soporte',
    tags: [],
    turns: [
      { who: 'c', text: 'No puedo entrar a la app, me dice "contraseña incorrecta" pero ya la cambié dos veces' },
      { who: 'a', text: 'Hola {first}, vamos a revisarlo. ¿Estás ingresando con el correo {email}?' },
      { who: 'c', text: 'Sí, ese mismo' },
      { who: 'a', text: 'Veo que tu cuenta quedó bloqueada por varios intentos fallidos. Ya la desbloqueé; prueba de nuevo por favor y me cuentas.' },
      { who: 'c', text: 'Listo, ya pude entrar. Mil gracias!' },
    ],
  },
  {
    topic: 'pago rechazado',
    group: 'ventas',
    tags: ['Urgente'],
    turns: [
      { who: 'c', text: 'Me rechazaron el pago con tarjeta de crédito 3 veces. ¿Puedo pagar por transferencia o PSE?' },
      { who: 'a', text: 'Hola {first}. Sí, puedes pagar por PSE desde el link de tu pedido o por transferencia a nuestra cuenta corporativa.' },
      { who: 'c', text: 'Ya hice la transferencia, les mando el comprobante', file: 'receipt' },
      { who: 'a', text: 'Recibido, gracias. En cuanto tesorería confirme el pago (normalmente en menos de 2 horas) despachamos tu pedido.' },
      { who: 'n', text: 'Comprobante de transferencia por {amount}. Pendiente confirmación de tesorería.' },
    ],
  },
  {
    topic: 'internet lento',
    group: 'soporte',
    tags: ['Reclamo'],
    turns: [
      { who: 'c', text: 'Buenas noches, el internet está lentísimo desde ayer y el router tiene la luz roja parpadeando' },
      { who: 'a', text: 'Hola {first}, te ayudo. ¿Puedes desconectar el router de la corriente, esperar 30 segundos y volverlo a conectar?' },
      { who: 'c', text: 'Ya lo hice y sigue igual' },
      { who: 'a', text: 'Veo una falla en el nodo de tu sector. Los técnicos ya están trabajando y estiman solucionarlo en unas 4 horas.' },
      { who: 'n', text: 'Falla masiva nodo {barrio}. Incidente INC-{ticket}. Aplicar compensación en la próxima factura.' },
      { who: 'c', text: 'Ok, por favor me avisan. Trabajo desde la casa y lo necesito' },
      { who: 'a', text: 'Claro que sí. Te aplicamos un descuento proporcional en tu próxima factura por los días sin servicio.' },
    ],
  },
  {
    topic: 'cupón de descuento',
    group: 'ventas',
    tags: ['Venta'],
    turns: [
      { who: 'c', text: 'Hola, el cupón BIENVENIDA10 no me funciona en el carrito' },
      { who: 'a', text: 'Hola {first}, ese cupón aplica en compras desde {amount}. ¿Tu carrito supera ese valor?' },
      { who: 'c', text: 'Ahh no, me faltaba poquito. Entonces agrego otra cosa' },
      { who: 'a', text: 'Perfecto. Cualquier cosa me escribes y te ayudo a terminar la compra.' },
      { who: 'c', text: 'Listo, ya quedó la compra 🎉' },
    ],
  },
  {
    topic: 'cambio de dirección',
    group: 'soporte',
    tags: [],
    turns: [
      { who: 'c', text: 'Hola, ¿puedo cambiar la dirección de entrega del pedido {order}? Me equivoqué de apartamento' },
      { who: 'a', text: 'Hola {first}. Sí, todavía no ha salido. ¿Cuál es la dirección correcta?' },
      { who: 'c', text: 'Carrera 12 # 80-35, apto 1204, torre 2' },
      { who: 'a', text: 'Listo, ya quedó actualizada. Te llega el {weekday}.' },
    ],
  },
  {
    topic: 'cancelar suscripción',
    group: 'ventas',
    tags: ['Seguimiento'],
    turns: [
      { who: 'c', text: 'Quiero cancelar mi suscripción, ya no la estoy usando' },
      { who: 'a', text: 'Hola {first}, lamento que te vayas. ¿Me cuentas el motivo? Quizás tenemos un plan que se ajuste mejor.' },
      { who: 'c', text: 'Es por el precio, está muy caro para lo que uso' },
      { who: 'a', text: 'Entiendo. Tenemos el plan Básico a {amount} al mes con lo esencial. ¿Te gustaría cambiarte en lugar de cancelar?' },
      { who: 'n', text: 'Ofrecido downgrade a plan Básico. Si no acepta, procesar cancelación al cierre del ciclo.' },
      { who: 'c', text: 'Déjame lo pienso y les escribo' },
    ],
  },
  {
    topic: 'garantía',
    group: 'soporte',
    tags: ['Reclamo', 'VIP'],
    turns: [
      { who: 'c', text: 'Buen día. La licuadora que compré hace dos meses dejó de funcionar, hace un ruido raro y no gira' },
      { who: 'c', text: 'Así llegó la caja cuando la recibí, por si sirve', file: 'photo' },
      { who: 'a', text: 'Hola {first}, gracias por la foto. El producto tiene garantía de un año, así que lo cubrimos.' },
      { who: 'a', text: 'Puedes llevarla a cualquiera de nuestras tiendas o te la recogemos en casa. ¿Qué prefieres?' },
      { who: 'c', text: 'Que la recojan por favor, trabajo todo el día' },
      { who: 'a', text: 'Listo, la recogen el {weekday} entre 8:00 y 12:00. Te dejo la guía de recolección.', file: 'guide' },
    ],
  },
  {
    topic: 'cotización empresa',
    group: 'ventas',
    tags: ['Venta', 'VIP'],
    turns: [
      { who: 'c', text: 'Buenas tardes, somos {company} y necesitamos cotizar 25 portátiles para el equipo comercial' },
      { who: 'a', text: 'Hola {first}, ¡qué bueno! ¿Tienen alguna referencia o presupuesto por equipo?' },
      { who: 'c', text: 'Algo con 16 GB de RAM y buen procesador, hasta {amount} por equipo' },
      { who: 'a', text: 'Perfecto. Te preparo la cotización con dos opciones y descuento por volumen. Te la envío hoy antes de las 5.' },
      { who: 'n', text: 'Oportunidad B2B: 25 portátiles. Pedir aprobación de descuento del 12% a gerencia.' },
      { who: 'a', text: 'Aquí está la cotización. Tiene validez de 15 días.', file: 'invoice' },
      { who: 'c', text: 'Gracias, la reviso con el gerente y te confirmo' },
    ],
  },
  {
    topic: 'horario y tiendas',
    group: 'ventas',
    tags: [],
    turns: [
      { who: 'c', text: 'Hola, ¿a qué hora abren la tienda de {city} el sábado?' },
      { who: 'a', text: 'Hola {first}. Los sábados abrimos de 9:00 a 19:00 y los domingos de 10:00 a 16:00.' },
      { who: 'c', text: 'Gracias!' },
    ],
  },
  {
    topic: 'cobro doble',
    group: 'soporte',
    tags: ['Reclamo', 'Urgente'],
    turns: [
      { who: 'c', text: 'Me cobraron dos veces la misma compra!! Necesito que me devuelvan la plata ya' },
      { who: 'c', text: 'Acá está el extracto', file: 'receipt' },
      { who: 'a', text: 'Hola {first}, entiendo tu molestia. Veo los dos cobros de {amount}; uno de ellos es una preautorización que tu banco libera en 48 horas.' },
      { who: 'c', text: 'Y si no la liberan?' },
      { who: 'a', text: 'Si pasado ese tiempo sigue el cobro, hacemos el reverso directamente. Te dejo el caso {ticket} abierto y te escribo el {weekday} para confirmar.' },
      { who: 'n', text: 'Revisar el {weekday} si el banco liberó la preautorización. Si no, solicitar reverso a pagos.' },
    ],
  },
];

/** Opening lines of conversations still with the bot or just queued, before an agent answered. */
export const SHORT_OPENERS: readonly { group: 'ventas' | 'soporte'; text: string }[] = [
  { group: 'ventas', text: 'Hola, ¿tienen disponible el celular en color azul?' },
  { group: 'ventas', text: 'Buenas, ¿hacen envíos a {city}?' },
  { group: 'ventas', text: '¿Cuánto cuesta el plan Plus?' },
  { group: 'soporte', text: 'Hola, no me llega el código de verificación' },
  { group: 'soporte', text: 'Mi pedido aparece entregado pero no lo recibí' },
  { group: 'soporte', text: 'El técnico no llegó a la visita de hoy' },
  { group: 'ventas', text: 'Quiero saber si tienen promociones para estudiantes' },
  { group: 'soporte', text: 'Necesito cambiar el correo de mi cuenta' },
];

export const FIRST_NAMES = [
  'Sofía', 'Valentina', 'Isabella', 'Camila', 'Mariana', 'Daniela', 'Gabriela', 'Lucía', 'Paula', 'Juliana',
  'Fernanda', 'Carolina', 'Andrea', 'Natalia', 'Luisa', 'Antonella', 'Renata', 'Ximena', 'Catalina', 'Florencia',
  'Santiago', 'Mateo', 'Sebastián', 'Matías', 'Nicolás', 'Alejandro', 'Diego', 'Samuel', 'Tomás', 'Emiliano',
  'Joaquín', 'Felipe', 'Andrés', 'Juan Pablo', 'Martín', 'Benjamín', 'Gabriel', 'Rodrigo', 'Julián', 'Carlos',
];

export const LAST_NAMES = [
  'García', 'Rodríguez', 'Martínez', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores',
  'Rivera', 'Gómez', 'Díaz', 'Vargas', 'Castro', 'Romero', 'Herrera', 'Medina', 'Aguilar', 'Rojas',
  'Moreno', 'Jiménez', 'Álvarez', 'Ruiz', 'Mendoza', 'Ortiz', 'Silva', 'Castillo', 'Guerrero', 'Cárdenas',
  'Restrepo', 'Quispe', 'Salazar', 'Fuentes', 'Paredes', 'Muñoz', 'Valencia', 'Zapata', 'Ospina', 'Figueroa',
];

/** City → dialling prefix of a mobile number in that country. */
export const CITIES: readonly { city: string; prefix: string; digits: number; barrios: readonly string[] }[] = [
  { city: 'Bogotá', prefix: '+57 3', digits: 9, barrios: ['Chapinero', 'Usaquén', 'Teusaquillo', 'Suba', 'Cedritos'] },
  { city: 'Medellín', prefix: '+57 3', digits: 9, barrios: ['Laureles', 'El Poblado', 'Belén', 'Envigado'] },
  { city: 'Lima', prefix: '+51 9', digits: 8, barrios: ['Miraflores', 'San Isidro', 'Surco', 'Barranco'] },
  { city: 'Santiago', prefix: '+56 9', digits: 8, barrios: ['Providencia', 'Ñuñoa', 'Las Condes', 'Maipú'] },
  { city: 'Ciudad de México', prefix: '+52 55', digits: 8, barrios: ['Coyoacán', 'Roma Norte', 'Condesa', 'Del Valle'] },
  { city: 'Buenos Aires', prefix: '+54 9 11', digits: 8, barrios: ['Palermo', 'Belgrano', 'Caballito', 'Recoleta'] },
];

export const COMPANIES = ['Café Altamira', 'Inversiones Cóndor', 'Logística del Pacífico', 'Textiles Andinos', 'Grupo Ceiba', 'Panadería La Espiga', 'Constructora Horizonte'];

export const WEEKDAYS = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];

export const CHANNEL_WEIGHTS: readonly [Channel, number][] = [
  ['whatsapp', 72],
  ['instagram', 12],
  ['facebook', 9],
  ['web', 7],
];
