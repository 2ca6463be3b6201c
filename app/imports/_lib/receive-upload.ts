/**
 * Reads the upload form's multipart body as it arrives (busboy): the file goes straight to a
 * temporary file with a byte limit, the mapping file and the text fields into memory with small
 * limits. A file over the limit is cut off and the rest of the body drained, so the request
 * still gets its answer (the form with a message), never a broken connection.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import Busboy from 'busboy';
import { MAX_MAPPING_BYTES, MAX_UPLOAD_BYTES } from './limits';

export interface ReceivedUpload {
  fields: Record<string, string>;
  /** The uploaded file on disk (complete and within the limit), or null when none was chosen. */
  file: { path: string; name: string; size: number } | null;
  /** The file was over MAX_UPLOAD_BYTES: nothing of it is kept. */
  tooLarge: boolean;
  mapping: Buffer | null;
  /** The mapping file was over MAX_MAPPING_BYTES. */
  mappingTooLarge: boolean;
}

const TEXT_FIELDS = new Set(['municipalityCode', 'municipalityName', 'profile']);

export async function receiveUpload(request: Request, dir: string): Promise<ReceivedUpload> {
  const received: ReceivedUpload = { fields: {}, file: null, tooLarge: false, mapping: null, mappingTooLarge: false };
  const busboy = Busboy({
    headers: Object.fromEntries(request.headers),
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 2, fields: 10, fieldSize: 1024, parts: 12 },
    defParamCharset: 'utf8',
  });
  const writes: Promise<void>[] = [];
  busboy.on('field', (name, value) => {
    if (TEXT_FIELDS.has(name)) received.fields[name] = value;
  });
  busboy.on('file', (name, stream, info) => {
    const fileName = info.filename;
    if (name === 'file' && fileName) {
      const path = join(dir, 'upload');
      let size = 0;
      stream.on('data', (chunk: Buffer) => (size += chunk.length));
      stream.on('limit', () => (received.tooLarge = true));
      writes.push(
        pipeline(stream, createWriteStream(path)).then(() => {
          if (!stream.truncated) received.file = { path, name: fileName, size };
        }),
      );
    } else if (name === 'mapping' && fileName) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_MAPPING_BYTES) chunks.push(chunk);
        else received.mappingTooLarge = true;
      });
      stream.on('end', () => {
        if (size > 0 && size <= MAX_MAPPING_BYTES) received.mapping = Buffer.concat(chunks);
      });
    } else {
      stream.resume();
    }
  });
  if (!request.body) return received;
  await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), busboy);
  await Promise.all(writes);
  return received;
}
