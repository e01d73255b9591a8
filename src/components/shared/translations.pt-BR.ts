// Brazilian Portuguese for every element: one chunk, fetched the first time an element renders in Brazilian Portuguese.
import agentConsole from '../agent-console/ow-agent-console.strings.pt-BR.js';
import chat from '../chat/ow-chat.strings.pt-BR.js';
import composer from '../composer/ow-composer.strings.pt-BR.js';
import customerPanel from '../customer-panel/ow-customer-panel.strings.pt-BR.js';
import errors from './errors.strings.pt-BR.js';
import inbox from '../inbox/ow-inbox.strings.pt-BR.js';
import notes from '../notes/ow-notes.strings.pt-BR.js';
import tagPicker from '../tag-picker/ow-tag-picker.strings.pt-BR.js';

export default { ...agentConsole, ...chat, ...composer, ...customerPanel, ...errors, ...inbox, ...notes, ...tagPicker };
