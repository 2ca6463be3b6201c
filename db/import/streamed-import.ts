/**
 * Hyoka's own CSV layout, streamed: decode and rows in batches of WRITE_CHUNK (csv-stream.ts) →
 * the row flow (import-rows.ts: the identity profile stage, then sheetReader; a long layout's rows
 * kept and merged at the end) →
 * check and write each batch (record-stage.ts), all inside one transaction (write-stage.ts), so
 * memory does not grow with the file. The next batch is read while the previous one is written.
 * After the first error the file is still read to its end, so every problem is reported, but
 * nothing more is written and the transaction rolls back. An empty file, broken quoting, too many
 * columns or a value too long replace every other problem (UnreadableFile).
 */
import type { Db } from '../client';
import { emptyFileProblem, parseCsvStream, Unreadable, type Encoding, type ImportSource } from './csv-stream';
import { municipalityFor } from './municipality-lookup';
import { originalCopy } from './original-copy';
import { ImportReport, type ImportOutcome, type LoadOptions } from './outcome';
import type { Problem } from './problems';
import type { ImportProfile } from './profiles/schema';
import { schemeOf } from './choose-profile';
import { cellTooLong, headerTooWide, quoteProblem, type QuoteError, type RawRow } from './read-canonical';
import { RowFlow } from './import-rows';
import { identityStage } from './profile-stage';
import { RecordStage, type ReadBatch } from './record-stage';
import { WRITE_CHUNK } from './write-common';
import { writeStage } from './write-stage';

export async function importStreamed(db: Db, source: ImportSource, options: LoadOptions, profile: ImportProfile, encoding: Encoding): Promise<ImportOutcome> {
  const { fileName } = options;
  const label = encoding === 'cp932' ? 'Shift_JIS (CP932)' : 'UTF-8';
  const report = new ImportReport(options, profile.name, label);
  const ratingScheme = schemeOf(profile);
  /** Too many columns, or values too long (limits.ts): reported alone, as for a file read whole. */
  let wideHeader: Problem | null = null;
  const oversize: Problem[] = [];

  const municipality = await municipalityFor(db, fileName, options, profile);
  if (municipality && 'severity' in municipality) {
    report.note([municipality]);
    return report.outcome(null);
  }

  const original = await originalCopy(source);
  try {
    const result = await writeStage(db, report, { ...options, encoding: label, ratingScheme, original }, async (writer, tx) => {
      const quoteErrors: QuoteError[] = [];
      let header: string[] = [];
      const stage = new RecordStage(report, { fileName, ratingScheme, today: options.today, onProgress: options.onProgress });
      // Hyoka's own layout: the identity profile stage, the header and rows read as they are.
      const flow = new RowFlow(report, identityStage(), { fileName, read: { mapping: options.mapping, municipality } });
      let owned = false;

      /** Reads a batch of rows into records (while the previous batch is being written). */
      const readBatch = (batch: RawRow[]): ReadBatch => {
        if (quoteErrors.length > 0 || wideHeader) return { records: [], problems: [] };
        // A value too long is no sheet's text: such rows are reported alone (limits.ts), not read.
        const fit = batch.filter(({ line, values }) => {
          const long = cellTooLong(fileName, line, header, values);
          if (long) oversize.push(long);
          return !long;
        });
        return flow.prepare(fit);
      };

      /** Checks a batch of read records and, while the file is clean so far, writes it (record-stage.ts). */
      const checkAndWrite = async (batches: ReadBatch[]) => {
        if (!owned && report.owns) {
          writer.own(report.owns);
          owned = true;
        }
        const batch = batches.length === 1 ? batches[0]! : { records: batches.flatMap((b) => b.records), problems: batches.flatMap((b) => b.problems) };
        await stage.check(tx as unknown as Db, batch);
        // A value too long stops the writing too: the file is reported as unreadable at its end.
        if (oversize.length === 0) await stage.write(writer, batch.records, original.fraction);
      };

      const decoded = await parseCsvStream(
        fileName,
        source,
        encoding,
        {
          header: (values) => {
            header = values;
            wideHeader = headerTooWide(fileName, header);
            const long = wideHeader ? null : cellTooLong(fileName, 1, header, header);
            if (long) oversize.push(long);
            flow.start(values);
          },
          quote: (q) => quoteErrors.push(q),
          prepare: readBatch,
          write: checkAndWrite,
        },
        { batchRows: WRITE_CHUNK, tap: original.tap },
      );
      report.encoding = decoded.encoding;

      if (!decoded.sawText) throw new UnreadableFile(emptyFileProblem(fileName));
      // A quoting mistake swallows or splits rows: every later figure is suspect, so report it alone.
      if (quoteErrors.length > 0) throw new UnreadableFile(...quoteErrors.map((q) => quoteProblem(fileName, header, q)));
      if (wideHeader) throw new UnreadableFile(wideHeader);
      if (oversize.length > 0) throw new UnreadableFile(...oversize);
      // Rows held back (a long layout's, merged now), checked and written as the others.
      const rest = flow.end();
      report.note(rest.problems);
      for (let i = 0; i < rest.records.length; i += WRITE_CHUNK) await checkAndWrite([{ records: rest.records.slice(i, i + WRITE_CHUNK), problems: [] }]);
      stage.end();
      return report.hasErrors ? null : { sha256: decoded.sha256, byteLength: decoded.bytes };
    });
    return report.outcome(result);
  } catch (error) {
    if (error instanceof UnreadableFile) {
      report.replaceWith(error.problems);
      return report.outcome(null);
    }
    if (error instanceof Unreadable) {
      report.replaceWith([error.problem]);
      return report.outcome(null);
    }
    throw error;
  } finally {
    await original.dispose();
  }
}

/** Problems that replace everything else the file would have said (empty file, broken quoting). */
class UnreadableFile extends Error {
  readonly problems: Problem[];
  constructor(...problems: Problem[]) {
    super('unreadable');
    this.problems = problems;
  }
}
