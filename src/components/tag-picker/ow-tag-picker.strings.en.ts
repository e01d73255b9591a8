// Strings of <ow-tag-picker> in English; loaded when an element first renders in it.
import type { Translation } from '../shared/i18n.js';
import type { es } from './ow-tag-picker.strings.js';
import type { es as tagOptions } from './tag-options.strings.js';

export default {
  'tagPicker.title': 'Tags',
  'tagPicker.attached': 'Conversation tags',
  'tagPicker.none': 'No tags.',
  'tagPicker.noConversation': 'Select a conversation to see its tags.',
  'tagPicker.loading': 'Loading tags…',
  'tagPicker.search': 'Add tag',
  'tagPicker.placeholder': 'Search tags…',
  'tagPicker.hint': 'Arrows to choose, Enter to add, Backspace in the empty field removes the last one.',
  'tagPicker.options': 'Available tags',
  'tagPicker.noResults': 'No matching tags.',
  'tagPicker.allAttached': 'It already has every tag.',
  'tagPicker.adminOnly': 'Only an administrator can create new tags.',
  'tagPicker.create': 'Create tag “{name}”…',
  'tagPicker.colorOf': 'Color of the tag “{name}”',
  'tagPicker.colorHint': 'Arrows to choose the color, Enter to create, Escape to go back.',
  'tagPicker.createButton': 'Create tag',
  'tagPicker.creating': 'Creating…',
  'tagPicker.cancel': 'Cancel',
  'tagPicker.createFailed': 'Could not create the tag “{name}”: {reason}',
  'tagPicker.color.blue': 'Blue',
  'tagPicker.color.violet': 'Violet',
  'tagPicker.color.pink': 'Pink',
  'tagPicker.color.cyan': 'Cyan',
  'tagPicker.color.green': 'Green',
  'tagPicker.color.orange': 'Orange',
  'tagPicker.color.grey': 'Gray',
  'tagPicker.color.teal': 'Teal',
  'tagPicker.remove': 'Remove tag {name}',
  'tagPicker.added': 'Tag {name} added.',
  'tagPicker.removed': 'Tag {name} removed.',
  'tagPicker.created': 'Tag {name} created and added.',
  'tagPicker.failed': 'Could not change the tag: {reason}',
} satisfies Translation<typeof es & typeof tagOptions>;
