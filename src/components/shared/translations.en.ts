// English for every element: one chunk, fetched the first time an element renders in English.
import agentConsole from '../agent-console/ow-agent-console.strings.en.js';
import chat from '../chat/ow-chat.strings.en.js';
import composer from '../composer/ow-composer.strings.en.js';
import customerPanel from '../customer-panel/ow-customer-panel.strings.en.js';
import errors from './errors.strings.en.js';
import inbox from '../inbox/ow-inbox.strings.en.js';
import notes from '../notes/ow-notes.strings.en.js';
import tagPicker from '../tag-picker/ow-tag-picker.strings.en.js';

export default { ...agentConsole, ...chat, ...composer, ...customerPanel, ...errors, ...inbox, ...notes, ...tagPicker };
