/**
 * The parts of an .xlsx (a zip of XML files) read as streams: each part is unpacked chunk by
 * chunk (yauzl, over the bytes in memory) and fed to a streaming XML parser (htmlparser2), so a
 * limit can stop a part while it is unpacked — before a hostile part (gigabytes of XML, one
 * string of 600 MB) is ever built in memory.
 */
import { Parser, type Handler } from 'htmlparser2';
import yauzl from 'yauzl';

/** Raised by a limit or a handler to stop reading; carries what to tell the user. */
export class StopReading extends Error {}

export interface ZipParts {
  names: string[];
  has(name: string): boolean;
  /** Streams one part through XML handlers; throws StopReading (or a zip/XML error). */
  parseXml(name: string, handlers: XmlHandlers, maxBytes: number, tooBig: () => Error): Promise<void>;
  close(): void;
}

/** Element names come without their namespace prefix (`x:row` → `row`). */
export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  /** Text arrives in pieces (at most one unpacked chunk each): a long text is never held by the parser. */
  text?(piece: string): void;
  close?(name: string): void;
}

export function openZip(bytes: Uint8Array): Promise<ZipParts> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const entries = new Map<string, yauzl.Entry>();
      zip.on('error', reject);
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve(parts(zip, entries)));
      zip.readEntry();
    });
  });
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function parts(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>): ZipParts {
  return {
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    close: () => zip.close(),
    async parseXml(name, handlers, maxBytes, tooBig) {
      const entry = entries.get(name);
      if (!entry) throw new Error(`${name} is missing`);
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (error, s) => (error || !s ? reject(error ?? new Error(name)) : resolve(s))),
      );
      let failure: unknown = null;
      const handler: Partial<Handler> = {
        onopentag: (tag, attributes) => handlers.open?.(localName(tag), attributes),
        ontext: (piece) => handlers.text?.(piece),
        onclosetag: (tag) => handlers.close?.(localName(tag)),
        onerror: (error) => {
          failure ??= error;
        },
      };
      const parser = new Parser(handler, { xmlMode: true });
      const decoder = new TextDecoder('utf-8');
      let bytes = 0;
      // XML reads a line break written CR LF or CR as LF (XML 1.0 §2.11); a CR at a chunk's end waits for the next.
      let pendingCr = '';
      const lines = (text: string) => {
        const s = pendingCr + text;
        pendingCr = s.endsWith('\r') ? '\r' : '';
        return (pendingCr ? s.slice(0, -1) : s).replace(/\r\n?/g, '\n');
      };
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          if (bytes > maxBytes) throw tooBig();
          parser.write(lines(decoder.decode(chunk, { stream: true })));
          if (failure) throw failure;
        }
        parser.end(lines(decoder.decode()) + (pendingCr ? '\n' : ''));
        if (failure) throw failure;
      } finally {
        (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
      }
    },
  };
}
