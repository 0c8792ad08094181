import { Buffer, isUtf8 } from 'node:buffer';
import { decodeWindows1252 } from '../decode';

type Mode = 'utf8' | 'windows-1252' | 'utf16';

/** How many bytes are looked at to tell the encoding. */
const HEAD_BYTES = 256;

const ascii = new TextDecoder('latin1');
const SINGLE_BYTE = /^(?:iso-8859-1|iso-8859-15|latin-?1|windows-1252|cp1252|us-ascii)$/i;

/** How many bytes a UTF-8 sequence that starts with `lead` takes; 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether the sequence at `at` is well-formed UTF-8 (WHATWG's ranges: no overlongs, surrogates or > U+10FFFF). */
function validAt(bytes: Uint8Array, at: number, length: number): boolean {
  if (at + length > bytes.length) return false;
  const lead = bytes[at]!;
  const second = bytes[at + 1]!;
  let low = 0x80;
  let high = 0xbf;
  if (lead === 0xe0) low = 0xa0;
  else if (lead === 0xed) high = 0x9f;
  else if (lead === 0xf0) low = 0x90;
  else if (lead === 0xf4) high = 0x8f;
  if (second < low || second > high) return false;
  for (let k = 2; k < length; k++) {
    const next = bytes[at + k]!;
    if (next < 0x80 || next > 0xbf) return false;
  }
  return true;
}

/** Where a trailing, not yet complete UTF-8 sequence starts, or `bytes.length` when there is none. */
function completeEnd(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const at = bytes.length - back;
    const byte = bytes[at]!;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? at : bytes.length;
  }
  return bytes.length;
}

/**
 * Turns a file's bytes into text chunk by chunk, never holding more than one chunk: UTF-8 (its BOM
 * dropped), UTF-16 with a BOM, or a single-byte encoding the XML declaration names. Bytes that are
 * not UTF-8 in a UTF-8 file are read as Windows-1252 (so £ and curly quotes survive), and the first
 * is reported through `badAt`.
 */
export class ChunkDecoder {
  private mode: Mode | null = null;
  private pending: Uint8Array = new Uint8Array(0);
  private utf16: TextDecoder | null = null;
  /** Index, in the text the last `decode` returned, of the first character read from bytes that are not UTF-8; -1 when none. */
  badAt = -1;

  /** Decodes the next chunk; `final` flushes an incomplete sequence at the end of the file. */
  decode(chunk: Uint8Array, final = false): string {
    this.badAt = -1;
    let bytes = chunk;
    if (this.mode === null) {
      // The BOM and the XML declaration are read from the first bytes, however the file is chunked.
      const head = new Uint8Array(this.pending.length + chunk.length);
      head.set(this.pending);
      head.set(chunk, this.pending.length);
      if (head.length < HEAD_BYTES && !final) {
        this.pending = head;
        return '';
      }
      this.pending = new Uint8Array(0);
      bytes = this.start(head);
    }
    if (this.mode === 'utf16') return this.utf16!.decode(bytes, { stream: !final });
    if (this.mode === 'windows-1252') return decodeWindows1252(bytes);
    if (this.pending.length) {
      const joined = new Uint8Array(this.pending.length + bytes.length);
      joined.set(this.pending);
      joined.set(bytes, this.pending.length);
      bytes = joined;
    }
    const end = final ? bytes.length : completeEnd(bytes);
    // Copied: the caller may reuse its buffer for the next chunk.
    this.pending = bytes.slice(end);
    const whole = bytes.subarray(0, end);
    const buffer = Buffer.from(whole.buffer, whole.byteOffset, whole.byteLength);
    return isUtf8(buffer) ? buffer.toString('utf8') : this.decodeMixed(buffer);
  }

  /** Reads the BOM and the XML declaration's encoding from the first chunk; returns the bytes after any BOM. */
  private start(bytes: Uint8Array): Uint8Array {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      this.mode = 'utf16';
      this.utf16 = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be');
      return bytes;
    }
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.mode = 'utf8';
      return bytes.subarray(3);
    }
    const declared = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
      ascii.decode(bytes.subarray(0, HEAD_BYTES)),
    );
    this.mode = declared && SINGLE_BYTE.test(declared[1]!) ? 'windows-1252' : 'utf8';
    return bytes;
  }

  /** The slow path for a chunk with bytes that are not UTF-8: valid runs as UTF-8, each bad byte as Windows-1252. */
  private decodeMixed(buffer: Buffer): string {
    const parts: string[] = [];
    let length = 0;
    let runStart = 0;
    let at = 0;
    while (at < buffer.length) {
      const byte = buffer[at]!;
      if (byte < 0x80) {
        at++;
        continue;
      }
      const sequence = sequenceLength(byte);
      if (sequence > 1 && validAt(buffer, at, sequence)) {
        at += sequence;
        continue;
      }
      const run = buffer.toString('utf8', runStart, at);
      parts.push(run);
      length += run.length;
      if (this.badAt < 0) this.badAt = length;
      const replaced = decodeWindows1252(buffer.subarray(at, at + 1));
      parts.push(replaced);
      length += replaced.length;
      at++;
      runStart = at;
    }
    parts.push(buffer.toString('utf8', runStart, buffer.length));
    return parts.join('');
  }
}
