// Small but real files for the demo seed: PNG images and a one-page PDF, built from bytes so the seed ships no binaries.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export type Rgb = readonly [number, number, number];

/** An RGB PNG drawn by `pixel(x, y)`. */
export function png(width: number, height: number, pixel: (x: number, y: number) => Rgb): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[o++] = r;
      raw[o++] = g;
      raw[o++] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]),
  );
}

/** A photo-like picture of a parcel: a box with tape on a coloured background. */
export function parcelPhoto(hue: Rgb): Uint8Array {
  return png(240, 180, (x, y) => {
    const inBox = x > 60 && x < 180 && y > 45 && y < 150;
    if (inBox) {
      if (Math.abs(x - 120) < 9) return [196, 160, 96];
      const shade = 150 + ((x + y) % 24);
      return [shade + 40, shade, 110];
    }
    const t = y / 180;
    return [Math.round(hue[0] * (1 - t) + 235 * t), Math.round(hue[1] * (1 - t) + 235 * t), Math.round(hue[2] * (1 - t) + 235 * t)];
  });
}

/** A payment receipt screenshot: white card with grey text lines and a green check band. */
export function receiptScreenshot(): Uint8Array {
  return png(180, 320, (x, y) => {
    if (y < 56) return [22, 163, 74];
    const line = y > 80 && (y - 80) % 28 < 8 && x > 18 && x < 18 + ((y * 37) % 120) + 30;
    return line ? [160, 166, 176] : [250, 250, 250];
  });
}

function pdfText(s: string): string {
  // PDF literal strings in WinAnsi: escape delimiters and map accented letters to their Latin-1 codes.
  let out = '';
  for (const ch of s) {
    if (ch === '(' || ch === ')' || ch === '\\') out += '\\' + ch;
    else if (ch.charCodeAt(0) > 126) out += '\\' + (ch.charCodeAt(0) & 0xff).toString(8).padStart(3, '0');
    else out += ch;
  }
  return out;
}

/** A one-page A4 PDF with a title and lines of text (Helvetica), with a correct cross-reference table. */
export function simplePdf(title: string, lines: readonly string[]): Uint8Array {
  const text = [
    'BT /F1 20 Tf 56 780 Td (' + pdfText(title) + ') Tj ET',
    ...lines.map((line, i) => `BT /F1 12 Tf 56 ${740 - i * 20} Td (${pdfText(line)}) Tj ET`),
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}
