import { crc32, inflateRawSync } from 'node:zlib';

/**
 * The named entries of a zip archive, inflated by Node's own zlib (several times faster than inflating in
 * JavaScript) and checked against their CRC-32. Enough of the format (APPNOTE 6.3.10 §4.3) for .xlsx
 * workbooks: stored and deflated entries, no encryption, no ZIP64 (a workbook over 4 GB is not one Cairn
 * reads). Throws an Error whose message says, as a short phrase, what is wrong with the archive.
 */
/** The largest part read: a worksheet's XML must fit in one JavaScript string (about 512 MiB). */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;

export function unzipEntries(zip: Uint8Array, wanted: (name: string) => boolean): Map<string, Buffer> {
  const bytes = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end-of-central-directory record is the last thing in the archive, before a comment of up to 64 KiB.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('no zip central directory at its end: not a zip archive, or cut short');
  const count = bytes.readUInt16LE(end + 10);
  const directoryAt = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || directoryAt === 0xffffffff) throw new Error('a ZIP64 archive, which Cairn does not read');
  const files = new Map<string, Buffer>();
  let at = directoryAt;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip central directory damaged at entry ${n + 1} of ${count}`);
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const localAt = bytes.readUInt32LE(at + 42);
    const name = bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (!wanted(name)) continue;
    if (flags & 1) throw new Error(`${name} is encrypted`);
    if (localAt + 30 > bytes.length || bytes.readUInt32LE(localAt) !== 0x04034b50) throw new Error(`${name} is damaged: no local header`);
    const dataAt = localAt + 30 + bytes.readUInt16LE(localAt + 26) + bytes.readUInt16LE(localAt + 28);
    if (dataAt + compressedSize > bytes.length) throw new Error(`${name} is cut short`);
    const data = bytes.subarray(dataAt, dataAt + compressedSize);
    let content: Buffer;
    if (size > MAX_ENTRY_BYTES) throw new Error(`${name} is ${size} bytes unpacked, more than Cairn reads (${MAX_ENTRY_BYTES})`);
    if (method === 0) content = data;
    else if (method === 8) {
      try {
        // No more than the size the archive declares: a part that inflates beyond it is refused, not held.
        content = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
      } catch (error) {
        throw new Error(`${name} cannot be inflated: ${(error as Error).message}`);
      }
    } else throw new Error(`${name} is compressed by method ${method}, which Cairn does not read`);
    if (content.length !== size || crc32(content) !== crc) throw new Error(`${name} is damaged: its size or checksum does not match`);
    files.set(name, content);
  }
  return files;
}
