import { deflateSync } from 'node:zlib';

/**
 * A small PNG of horizontal bars, drawn pixel by pixel: the fallback image Word needs beside an SVG
 * chart (older readers cannot show SVG). The labels and values are in the table beside every chart.
 */
const CRC_TABLE = new Uint32Array(256).map((_v, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encode an RGB image (width × height × 3 bytes) as PNG. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Bars from the left, one per value, in the design system's blue on white. */
export function barsPng(values: readonly number[], width = 600, barHeight = 24, gap = 8): Buffer {
  const height = Math.max(1, values.length * (barHeight + gap) + gap);
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const max = Math.max(1, ...values);
  values.forEach((v, i) => {
    const length = Math.round((Math.max(0, v) / max) * (width - 20));
    const top = gap + i * (barHeight + gap);
    for (let y = top; y < top + barHeight; y++) {
      for (let x = 10; x < 10 + length; x++) {
        const at = (y * width + x) * 3;
        rgb[at] = 0x00;
        rgb[at + 1] = 0x65;
        rgb[at + 2] = 0xbd;
      }
    }
  });
  return encodePng(width, height, rgb);
}
