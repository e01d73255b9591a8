// Byte sizes for people ("2,5 MB"), in the element's language.
import type { Language } from '../shared/i18n.js';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
const formats = new Map<string, Intl.NumberFormat>();

export function formatBytes(lang: Language, bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const key = `${lang}|${unit}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 });
    formats.set(key, format);
  }
  return format.format(value);
}
