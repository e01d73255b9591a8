// Readable text on any tag colour: black or white, whichever contrasts more (WCAG relative luminance).

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of `#rrggbb`; null when the colour is not in that form. */
export function luminance(hex: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return null;
  const [r, g, b] = [1, 2, 3].map((i) => channel(parseInt(match[i]!, 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrastRatio(a: number, b: number): number {
  const [light, dark] = a > b ? [a, b] : [b, a];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * `#000000` or `#ffffff` for text on `background`. The better of the two always reaches at least 4.58:1,
 * so chip text meets WCAG AA whatever colour an admin picked.
 */
export function readableTextColor(background: string): '#000000' | '#ffffff' {
  const l = luminance(background);
  if (l === null) return '#000000';
  return contrastRatio(l, 1) >= contrastRatio(l, 0) ? '#ffffff' : '#000000';
}

