// Andes CRM's own sign-in: an agent switcher over the seeded agents. The token lives in sessionStorage,
// so each browser window (or tab) can be a different agent.

const KEY = 'andes-crm.session';
const PASSWORD = 'demo1234';

/** The agents of the demo workspace (see server/seed). */
export const DEMO_AGENTS = [
  { email: 'admin@demo.ow', name: 'Valentina Ríos', team: 'Administradora · todos los grupos' },
  { email: 'sofia@demo.ow', name: 'Sofía Martínez', team: 'Ventas' },
  { email: 'lucas@demo.ow', name: 'Lucas Fernández', team: 'Ventas' },
  { email: 'mateo@demo.ow', name: 'Mateo González', team: 'Soporte' },
  { email: 'camila@demo.ow', name: 'Camila Herrera', team: 'Soporte' },
];

export const baseUrl = location.origin;

export function currentSession() {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export async function signIn(email) {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.reason || `No se pudo iniciar sesión (${response.status})`);
  const session = { token: body.token, agent: body.agent };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** The stored session if its token is still accepted (the server may have been reset since). */
export async function validSession() {
  const session = currentSession();
  if (!session) return null;
  const response = await fetch(`${baseUrl}/api/me`, { headers: { Authorization: `Bearer ${session.token}`, Accept: 'application/json' } }).catch(() => null);
  if (response && response.status === 401) {
    signOut();
    return null;
  }
  return session;
}

function initials(name) {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => part[0])
    .join('')
    .toUpperCase();
}

/** Fills the header's agent switcher. Changing agent signs in as that agent and reloads the page. */
export function mountAgentSwitcher(container, session) {
  container.replaceChildren();
  const label = document.createElement('label');
  label.htmlFor = 'andes-agent';
  label.textContent = 'Agente';
  const select = document.createElement('select');
  select.id = 'andes-agent';
  select.dataset.testid = 'agent-switcher';
  const none = new Option('— Elegir agente —', '');
  select.append(none);
  for (const agent of DEMO_AGENTS) {
    const option = new Option(`${agent.name} (${agent.team})`, agent.email);
    option.selected = session?.agent.email === agent.email;
    select.append(option);
  }
  select.addEventListener('change', async () => {
    if (!select.value) {
      signOut();
      location.reload();
      return;
    }
    select.disabled = true;
    try {
      await signIn(select.value);
      location.reload();
    } catch (error) {
      select.disabled = false;
      alert(error.message);
    }
  });
  if (session) {
    const who = document.createElement('span');
    who.className = 'who';
    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = initials(session.agent.name);
    who.append(avatar);
    container.append(who);
  }
  container.append(label, select);
}

/** Replaces `main` with a list of the demo agents to sign in as. */
export function renderSignIn(main, message) {
  main.replaceChildren();
  const card = document.createElement('section');
  card.className = 'card sign-in';
  card.innerHTML = `
    <h1>Entrar a Andes CRM</h1>
    <p>Elige un agente de la demo. Cada ventana del navegador puede ser un agente distinto.</p>
    <ul></ul>
    <p class="error" role="alert" hidden></p>`;
  const list = card.querySelector('ul');
  const error = card.querySelector('.error');
  if (message) {
    error.hidden = false;
    error.textContent = message;
  }
  for (const agent of DEMO_AGENTS) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.email = agent.email;
    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = initials(agent.name);
    const text = document.createElement('span');
    const name = document.createElement('strong');
    name.textContent = agent.name;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = `${agent.team} · ${agent.email}`;
    text.append(name, meta);
    button.append(avatar, text);
    button.addEventListener('click', async () => {
      try {
        await signIn(agent.email);
        location.reload();
      } catch (e) {
        error.hidden = false;
        error.textContent = e.message;
      }
    });
    item.append(button);
    list.append(item);
  }
  main.append(card);
}

/** Common start of the agent pages: the switcher, then either a valid session or the sign-in list. */
export async function startPage() {
  const session = await validSession();
  mountAgentSwitcher(document.getElementById('agent-switcher'), session);
  if (!session) renderSignIn(document.querySelector('main'));
  return session;
}
