// The customer's phone: writes through the simulated channel (/api/sim/*) and shows what the customer sees.
const KEY = 'andes-phone.customer';
const $ = (id) => document.getElementById(id);

const state = {
  channel: 'whatsapp',
  from: '',
  name: '',
  /** Sample customers know their address on every channel. */
  addresses: null,
  messages: new Map(),
  conversations: new Map(),
  events: null,
  pendingFile: null,
};

const STATUS_LABEL = { pending: 'Enviando', sent: 'Enviado', delivered: 'Entregado', read: 'Leído', failed: 'No enviado' };
const STATUS_MARK = { pending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };
const CHANNEL_LABEL = { whatsapp: 'WhatsApp', instagram: 'Instagram', facebook: 'Messenger', web: 'Chat web' };

function showError(text) {
  const error = $('error');
  error.hidden = !text;
  error.textContent = text || '';
}

async function api(path, init = {}) {
  const response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...(init.headers || {}) } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.reason || `Error ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

const query = () => `channel=${encodeURIComponent(state.channel)}&from=${encodeURIComponent(state.from)}`;

function time(iso) {
  return new Intl.DateTimeFormat('es', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

function day(iso) {
  return new Intl.DateTimeFormat('es', { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(iso));
}

/** Customer-visible messages only: the server never sends notes or system events here, and the page ignores them anyway. */
function visible(message) {
  return message.kind !== 'note' && message.kind !== 'event' && message.author !== 'system';
}

function upsert(message) {
  if (!visible(message)) return;
  const known = state.messages.get(message.id);
  if (known && (known.version ?? 0) > (message.version ?? 0)) return;
  state.messages.set(message.id, message);
}

function attachmentNode(attachment) {
  if (attachment.contentType.startsWith('image/')) {
    const link = document.createElement('a');
    link.href = attachment.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    const img = document.createElement('img');
    img.src = attachment.url;
    img.alt = attachment.name;
    img.loading = 'lazy';
    link.append(img);
    return link;
  }
  const link = document.createElement('a');
  link.className = 'file';
  link.href = attachment.url;
  link.rel = 'noopener noreferrer';
  link.download = attachment.name;
  link.textContent = `📄 ${attachment.name} · ${Math.max(1, Math.round(attachment.size / 1024))} KB`;
  return link;
}

function render() {
  const log = $('log');
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  const messages = [...state.messages.values()].sort((a, b) => a.seq - b.seq || a.createdAt.localeCompare(b.createdAt));
  log.replaceChildren();
  if (!state.from) return;
  if (messages.length === 0) {
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = 'Aún no hay mensajes. Escribe algo para empezar.';
    log.append(empty);
  }
  let lastConversation = null;
  let lastDay = null;
  for (const message of messages) {
    const d = day(message.createdAt);
    if (message.conversationId !== lastConversation && lastConversation !== null) {
      const sep = document.createElement('div');
      sep.className = 'separator';
      sep.textContent = 'Nueva conversación';
      log.append(sep);
    }
    if (d !== lastDay) {
      const sep = document.createElement('div');
      sep.className = 'day';
      sep.textContent = d;
      log.append(sep);
    }
    lastConversation = message.conversationId;
    lastDay = d;

    const mine = message.author === 'customer';
    const bubble = document.createElement('div');
    bubble.className = `bubble ${mine ? 'mine' : 'theirs'} ${message.author}`;
    bubble.dataset.messageId = message.id;
    bubble.dataset.author = message.author;
    if (!mine) {
      const who = document.createElement('div');
      who.className = 'who';
      who.textContent = message.author === 'bot' ? 'Asistente virtual' : 'Andes';
      bubble.append(who);
    }
    for (const attachment of message.attachments || []) bubble.append(attachmentNode(attachment));
    if (message.text) {
      const text = document.createElement('div');
      text.className = 'text';
      text.textContent = message.text;
      bubble.append(text);
    }
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = time(message.createdAt);
    if (message.author !== 'bot') {
      const ticks = document.createElement('span');
      ticks.className = `ticks ${message.status}`;
      ticks.dataset.status = message.status;
      ticks.title = STATUS_LABEL[message.status] || message.status;
      ticks.setAttribute('aria-label', ticks.title);
      ticks.textContent = STATUS_MARK[message.status] || '';
      meta.append(' ', ticks);
    }
    bubble.append(meta);
    log.append(bubble);
  }
  if (atBottom || messages.length < 30) log.scrollTop = log.scrollHeight;
}

let readTimer = 0;
/** While the customer looks at the chat, the agent's messages become read (blue ticks on the agent's side). */
function markReadSoon() {
  if (!state.from || document.visibilityState !== 'visible') return;
  const unread = [...state.messages.values()].some((m) => m.author === 'agent' && m.status !== 'read');
  if (!unread) return;
  clearTimeout(readTimer);
  readTimer = setTimeout(() => {
    api('/api/sim/read', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ channel: state.channel, from: state.from }) }).catch(
      (error) => showError(`No se pudo marcar como leído: ${error.message}`),
    );
  }, 600);
}

async function load() {
  state.messages.clear();
  render();
  if (!state.from) return;
  try {
    const view = await api(`/api/sim/conversations?${query()}`);
    if (view.customer) state.name = view.customer.name;
    for (const message of view.messages || []) upsert(message);
    showError('');
  } catch (error) {
    if (error.status !== 404) showError(error.message);
  }
  updateHeader();
  render();
  markReadSoon();
}

function listen() {
  state.events?.close();
  state.events = null;
  if (!state.from) return;
  const events = new EventSource(`/api/sim/events?${query()}`);
  events.onmessage = (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if ((data.type === 'message.created' || data.type === 'message.updated') && data.message) {
      upsert(data.message);
      render();
      markReadSoon();
    }
  };
  // EventSource reconnects by itself; a reload of the whole view afterwards catches anything sent meanwhile.
  events.onopen = () => {
    if (events.everOpened) load();
    events.everOpened = true;
  };
  state.events = events;
}

function updateHeader() {
  $('phone-frame').dataset.channel = state.channel;
  $('phone-sub').textContent = state.from
    ? `${state.name || 'Cliente nuevo'} · ${state.from} · ${CHANNEL_LABEL[state.channel]}`
    : 'Elige un cliente para empezar';
  $('text').disabled = !state.from;
  $('send').disabled = !state.from;
  for (const item of document.querySelectorAll('#samples button')) {
    item.setAttribute('aria-pressed', String(item.dataset.customerId === state.customerId));
  }
}

function choose(customer) {
  state.customerId = customer.customerId || null;
  state.addresses = customer.addresses || null;
  state.name = customer.name || '';
  state.from = customer.addresses ? customer.addresses[state.channel] || customer.addresses.whatsapp : customer.from;
  sessionStorage.setItem(KEY, JSON.stringify({ channel: state.channel, from: state.from, name: state.name, customerId: state.customerId, addresses: state.addresses }));
  updateHeader();
  listen();
  load();
  $('text').focus();
}

async function uploadFile(file) {
  const form = new FormData();
  form.append('file', file, file.name);
  const { attachment } = await api(`/api/sim/uploads?channel=${encodeURIComponent(state.channel)}`, { method: 'POST', body: form });
  return attachment;
}

async function send(event) {
  event.preventDefault();
  const text = $('text').value.trim();
  const file = state.pendingFile;
  if (!state.from || (!text && !file)) return;
  $('send').disabled = true;
  try {
    const attachmentIds = file ? [(await uploadFile(file)).id] : [];
    const body = { channel: state.channel, from: state.from, text, attachmentIds };
    if (state.name) body.name = state.name;
    const result = await api('/api/sim/inbound', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    upsert(result.message);
    $('text').value = '';
    setPendingFile(null);
    showError('');
    if (!state.events || state.events.readyState === EventSource.CLOSED) listen();
    render();
  } catch (error) {
    showError(`No se envió: ${error.message}`);
  } finally {
    $('send').disabled = false;
    $('text').focus();
  }
}

function setPendingFile(file) {
  state.pendingFile = file;
  const box = $('pending-file');
  box.hidden = !file;
  box.replaceChildren();
  if (!file) {
    $('file').value = '';
    return;
  }
  const name = document.createElement('span');
  name.textContent = `📎 ${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)`;
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Quitar';
  remove.addEventListener('click', () => setPendingFile(null));
  box.append(name, remove);
}

async function loadSamples() {
  const list = $('samples');
  let samples = [];
  try {
    samples = await api('demo-customers.json');
  } catch {
    // No seeded samples (e.g. a server started without the demo seed): new customers still work.
  }
  list.replaceChildren();
  for (const sample of samples) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.customerId = sample.customerId;
    const name = document.createElement('strong');
    name.textContent = sample.name;
    const meta = document.createElement('span');
    meta.textContent = `${sample.addresses.whatsapp} · ${sample.note}`;
    button.append(name, meta);
    button.addEventListener('click', () => choose(sample));
    item.append(button);
    list.append(item);
  }
  if (samples.length === 0) {
    const item = document.createElement('li');
    item.className = 'hint';
    item.textContent = 'Sin clientes de ejemplo: crea uno nuevo.';
    list.append(item);
  }
}

$('channel').addEventListener('change', () => {
  state.channel = $('channel').value;
  if (state.addresses) state.from = state.addresses[state.channel] || state.from;
  sessionStorage.setItem(KEY, JSON.stringify({ channel: state.channel, from: state.from, name: state.name, customerId: state.customerId, addresses: state.addresses }));
  updateHeader();
  listen();
  load();
});

$('new-customer').addEventListener('submit', (event) => {
  event.preventDefault();
  const from = $('new-from').value.trim();
  if (from.length < 3) return;
  choose({ from, name: $('new-name').value.trim() });
});

$('compose').addEventListener('submit', send);
$('text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.isComposing) {
    event.preventDefault();
    $('compose').requestSubmit();
  }
});
$('file').addEventListener('change', () => setPendingFile($('file').files[0] || null));
document.addEventListener('visibilitychange', markReadSoon);
window.addEventListener('focus', markReadSoon);

const saved = (() => {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
})();
const params = new URLSearchParams(location.search);
if (params.get('channel')) state.channel = params.get('channel');
else if (saved?.channel) state.channel = saved.channel;
$('channel').value = state.channel;
updateHeader();
loadSamples();
if (params.get('from')) choose({ from: params.get('from'), name: params.get('name') || '' });
else if (saved?.from) choose(saved.addresses ? { ...saved } : { from: saved.from, name: saved.name });
