// What an applicant's journey needs besides pages: the files they upload,
// made in the test (a PNG ID photo, a one-page PDF), the passport's
// machine-readable zone they type, and a look inside the zip they download.

import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/**
 * png draws a w×h RGB PNG, left half red and right half blue (as
 * uploads/uploadstest.PNG does): at 360 × 480 an ID photo the photo rule
 * (uploads.ChinaVisaPhoto: 354 × 472 to 420 × 560, 3:4) takes; a PNG photo
 * is kept as PNG and has no weight rule.
 */
export function png(w, h) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.alloc(1 + w * 3);
  for (let x = 0; x < w; x++) row.set(x < w / 2 ? [200, 30, 30] : [30, 30, 200], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** pdf builds a PDF of one empty A4 page by hand, with a correct xref table (as uploads/uploadstest.PDF does). */
export function pdf() {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    '<< /Length 0 >>\nstream\n\nendstream',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << >> >>',
  ];
  let out = '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n';
  const offsets = objs.map((o, i) => {
    const at = Buffer.byteLength(out, 'latin1');
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** checkDigit is ICAO 9303's check digit of s (weights 7, 3, 1; A = 10 … Z = 35, < = 0). */
function checkDigit(s) {
  let sum = 0;
  [...s].forEach((ch, i) => {
    const v = ch === '<' ? 0 : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * [7, 3, 1][i % 3];
  });
  return String(sum % 10);
}

/**
 * mrz writes the two lines of a passport's machine-readable zone (TD3, 44
 * characters each) with correct check digits, for a holder given as
 * { surname, given, number, nationality, birth: 'YYYY-MM-DD', sex: 'M'|'F', expiry: 'YYYY-MM-DD' }.
 */
export function mrz(p) {
  const pad = (s, n) => (s + '<'.repeat(n)).slice(0, n);
  const day = (d) => d.replaceAll('-', '').slice(2);
  const name = pad(`${p.surname.toUpperCase()}<<${p.given.toUpperCase().replace(/ /g, '<')}`, 39);
  const number = pad(p.number, 9);
  const optional = '<'.repeat(14);
  const parts = [number + checkDigit(number), day(p.birth) + checkDigit(day(p.birth)), day(p.expiry) + checkDigit(day(p.expiry)), optional + checkDigit(optional)];
  const line2 = parts[0] + p.nationality + parts[1] + p.sex + parts[2] + parts[3] + checkDigit(parts.join(''));
  return `P<${p.nationality}${name}\n${line2}`;
}

/**
 * unzip reads a zip archive (from its central directory) into a Map of
 * each entry's name to its content (stored or deflated entries).
 */
export function unzip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip central directory entry ${i} is damaged`);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name} is compressed with method ${method}`);
    entries.set(name, method === 8 ? zlib.inflateRawSync(data) : data);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}
