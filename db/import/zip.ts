import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { AppError } from '../../shared/errors';

/** One file inside a ZIP archive, as its central directory lists it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Thrown for any structural problem; the caller turns it into the user's message. */
export class ZipDamaged extends Error {}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) throw new ZipDamaged('the file ends early');
  return buf;
}

function big(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipDamaged('a size is out of range');
  return Number(n);
}

/**
 * Reads a ZIP file's central directory (the index at its end), with ZIP64 records. A truncated or damaged
 * file fails here, before any streaming reader sees it: a streaming reader (exceljs reads through the local
 * headers) can otherwise stop early on a cut file, or wait forever on a broken one.
 */
export async function readZipDirectory(path: string): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size < 22) throw new ZipDamaged('it is too short to be a ZIP archive');
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = await readAt(fh, size - tailLen, tailLen);
    let at = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tailLen) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new ZipDamaged('its end-of-archive record is missing');
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    const eocdPos = size - tailLen + at;
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      if (eocdPos < 20) throw new ZipDamaged('its ZIP64 locator is missing');
      const loc = await readAt(fh, eocdPos - 20, 20);
      if (loc.readUInt32LE(0) !== EOCD64_LOCATOR) throw new ZipDamaged('its ZIP64 locator is missing');
      const rec = await readAt(fh, big(loc.readBigUInt64LE(8)), 56);
      if (rec.readUInt32LE(0) !== EOCD64) throw new ZipDamaged('its ZIP64 record is damaged');
      count = big(rec.readBigUInt64LE(32));
      cdSize = big(rec.readBigUInt64LE(40));
      cdOffset = big(rec.readBigUInt64LE(48));
    }
    if (count === 0) throw new ZipDamaged('the archive is empty');
    if (cdOffset + cdSize > eocdPos || cdSize > 64 * 1024 * 1024) {
      throw new ZipDamaged('its central directory points outside the file');
    }
    const cd = await readAt(fh, cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL)
        throw new ZipDamaged('its central directory is damaged');
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      if (p + 46 + nameLen + extraLen + commentLen > cd.length)
        throw new ZipDamaged('its central directory is damaged');
      const entry: ZipEntry = {
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        crc: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      };
      // ZIP64 extra field: the 64-bit values, in this order, for each 32-bit field that is saturated.
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const next = () => {
            if (q + 8 > e + 4 + len) throw new ZipDamaged('its ZIP64 fields are damaged');
            const v = big(cd.readBigUInt64LE(q));
            q += 8;
            return v;
          };
          if (entry.size === 0xffffffff) entry.size = next();
          if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
          if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
        }
        e += 4 + len;
      }
      if (entry.localHeaderOffset + 30 + entry.compressedSize > cdOffset) {
        throw new ZipDamaged(`${entry.name} reaches past the end of the data`);
      }
      entries.push(entry);
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Where an entry's compressed data starts, checked against its local header. */
async function dataStart(fh: FileHandle, entry: ZipEntry): Promise<number> {
  const head = await readAt(fh, entry.localHeaderOffset, 30);
  if (head.readUInt32LE(0) !== LOCAL) throw new ZipDamaged(`the header of ${entry.name} is damaged`);
  const nameLen = head.readUInt16LE(26);
  const extraLen = head.readUInt16LE(28);
  const name = (await readAt(fh, entry.localHeaderOffset + 30, nameLen)).toString('utf8');
  if (name !== entry.name || head.readUInt16LE(8) !== entry.method) {
    throw new ZipDamaged(`the header of ${entry.name} does not match the archive's index`);
  }
  return entry.localHeaderOffset + 30 + nameLen + extraLen;
}

/**
 * Streams one entry's uncompressed bytes to `onChunk`, then checks its length and CRC-32 against the central
 * directory, so a flipped bit anywhere is caught rather than read as different text.
 */
export async function streamEntry(
  path: string,
  entry: ZipEntry,
  onChunk: (chunk: Buffer) => void | Promise<void>,
): Promise<void> {
  if (entry.flags & 0x1) throw new ZipDamaged(`${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipDamaged(`${entry.name} uses a compression method (${entry.method}) Excel does not write`);
  }
  const fh = await open(path, 'r');
  try {
    const start = await dataStart(fh, entry);
    if (start + entry.compressedSize > (await fh.stat()).size)
      throw new ZipDamaged(`${entry.name} reaches past the end of the file`);
    const stream = fh.createReadStream({ start, end: start + entry.compressedSize - 1, autoClose: false });
    const source = entry.method === 8 ? stream.pipe(createInflateRaw()) : stream;
    if (entry.method === 8) stream.on('error', (err) => source.destroy(err));
    let crc = 0;
    let size = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        if (size > entry.size) throw new ZipDamaged(`${entry.name} is longer than its index says`);
        await onChunk(chunk);
      }
    } catch (err) {
      if (err instanceof ZipDamaged || err instanceof AppError) throw err;
      throw new ZipDamaged(`${entry.name} cannot be decompressed (${(err as Error).message})`);
    }
    if (size !== entry.size || crc >>> 0 !== entry.crc)
      throw new ZipDamaged(`${entry.name} fails its checksum`);
  } finally {
    await fh.close();
  }
}

/** Reads a small entry whole (workbook.xml, its relationships). */
export async function readEntry(path: string, entry: ZipEntry, limit = 16 * 1024 * 1024): Promise<Buffer> {
  if (entry.size > limit) throw new ZipDamaged(`${entry.name} is unexpectedly large`);
  const chunks: Buffer[] = [];
  await streamEntry(path, entry, (c) => void chunks.push(c));
  return Buffer.concat(chunks);
}

/**
 * Checks the data of every XML part (what a spreadsheet reader parses) against its checksum. Pictures and
 * other media are not read, so they are not checked.
 */
export async function verifyZip(path: string, entries: readonly ZipEntry[]): Promise<void> {
  for (const e of entries) {
    if (/\.(xml|rels)$/i.test(e.name)) await streamEntry(path, e, () => undefined);
  }
}
