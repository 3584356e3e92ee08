import { crc32, inflateRawSync } from 'node:zlib';

/**
 * The entries of a zip archive, inflated on demand by Node's own zlib (several times faster than inflating
 * in JavaScript) and checked against their CRC-32. Enough of the format (APPNOTE 6.3.10 §4.3) for .xlsx
 * workbooks: stored and deflated entries, no encryption, no ZIP64 (a workbook over 4 GB is not one Cairn
 * reads). Throws an Error whose message says, as a short phrase, what is wrong with the archive.
 *
 * An archive is untrusted: a few kilobytes can inflate to gigabytes. Every entry read is charged to one
 * budget of inflated bytes for the whole archive, checked against the size the central directory declares
 * before anything is inflated, and inflation itself stops at that declared size, so an entry whose header
 * lies about its size is refused when the lie is reached, not after the memory is spent.
 */

/** The largest part read: a worksheet's XML must fit in one JavaScript string (about 512 MiB). */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;

/** An archive inflates to more than its budget (thrown by ZipArchive.read). */
export class InflatedSizeError extends Error {}

interface Entry {
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  /** The size the central directory declares, unpacked. */
  size: number;
  localAt: number;
}

export class ZipArchive {
  private readonly bytes: Buffer;
  private readonly entries = new Map<string, Entry>();
  private inflated = 0;

  /** Read the central directory of `zip`; the entries read later may inflate to `maxInflatedBytes` in all. */
  constructor(
    zip: Uint8Array,
    private readonly maxInflatedBytes: number,
  ) {
    const bytes = (this.bytes = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
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
    let at = directoryAt;
    for (let n = 0; n < count; n++) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50)
        throw new Error(`zip central directory damaged at entry ${n + 1} of ${count}`);
      const flags = bytes.readUInt16LE(at + 8);
      const nameLength = bytes.readUInt16LE(at + 28);
      const name = bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
      this.entries.set(name, {
        flags,
        method: bytes.readUInt16LE(at + 10),
        crc: bytes.readUInt32LE(at + 16),
        compressedSize: bytes.readUInt32LE(at + 20),
        size: bytes.readUInt32LE(at + 24),
        localAt: bytes.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
  }

  /**
   * Refuse, before anything is inflated, a set of entries about to be read whose declared sizes would take
   * the archive past its budget (entries it does not have count nothing).
   */
  reserve(names: string[]): void {
    const sizes = names.map((name) => ({ name, size: this.entries.get(name)?.size ?? 0 }));
    const total = sizes.reduce((n, e) => n + e.size, 0);
    if (this.inflated + total <= this.maxInflatedBytes) return;
    const largest = sizes.reduce((a, b) => (b.size > a.size ? b : a));
    throw new InflatedSizeError(
      `unpacks to more than the ${megabytes(this.maxInflatedBytes)} Cairn reads from one workbook (the parts to read declare ${megabytes(this.inflated + total)}; the largest, ${largest.name}, ${megabytes(largest.size)})`,
    );
  }

  /** The entry's bytes, unpacked; undefined if the archive has no entry of that name. */
  read(name: string): Buffer | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const { flags, method, crc, compressedSize, size, localAt } = entry;
    const bytes = this.bytes;
    if (flags & 1) throw new Error(`${name} is encrypted`);
    if (localAt + 30 > bytes.length || bytes.readUInt32LE(localAt) !== 0x04034b50)
      throw new Error(`${name} is damaged: no local header`);
    const dataAt = localAt + 30 + bytes.readUInt16LE(localAt + 26) + bytes.readUInt16LE(localAt + 28);
    if (dataAt + compressedSize > bytes.length) throw new Error(`${name} is cut short`);
    if (size > MAX_ENTRY_BYTES)
      throw new Error(`${name} is ${size} bytes unpacked, more than Cairn reads (${MAX_ENTRY_BYTES})`);
    // Charged before inflating: what the directory declares is all the entry may take.
    if (this.inflated + size > this.maxInflatedBytes) {
      throw new InflatedSizeError(
        `unpacks to more than the ${megabytes(this.maxInflatedBytes)} Cairn reads from one workbook (the limit was passed at ${name}, ${megabytes(size)} unpacked)`,
      );
    }
    this.inflated += size;
    const data = bytes.subarray(dataAt, dataAt + compressedSize);
    let content: Buffer;
    if (method === 0) content = data;
    else if (method === 8) {
      try {
        // No more than the size the archive declares: zlib stops there, and a part that would inflate
        // beyond it is refused rather than held.
        content = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
      } catch (error) {
        const why =
          (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
            ? `it unpacks to more than the ${size} bytes the archive declares for it`
            : (error as Error).message;
        throw new Error(`${name} cannot be inflated: ${why}`);
      }
    } else throw new Error(`${name} is compressed by method ${method}, which Cairn does not read`);
    if (content.length !== size || crc32(content) !== crc)
      throw new Error(`${name} is damaged: its size or checksum does not match`);
    return content;
  }
}

/** Bytes as MB (of 1,048,576 bytes), as the limits are configured (CAIRN_XLSX_MAX_INFLATED_MB). */
function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb).toLocaleString('en-GB') : Number(mb.toPrecision(2))} MB`;
}
