/**
 * One process at a time on a PGlite data directory. PGlite is PostgreSQL compiled into this
 * process: it has no server to coordinate several processes, and a second process opening the
 * same directory fails with an opaque file-system error or, worse, writes over the first one's
 * pages. So the directory gets a lock file next to it (`<dir>.lock`, holding the owner's pid),
 * and a second opener — `npm run import` while `npm start` is serving, say — is refused with a
 * clear message. A lock left by a process that no longer exists (killed, crashed) is taken over.
 *
 * Within one process the app shares one connection (db/client.ts getDbHandle), so concurrent
 * imports there are serialised by PGlite itself (one statement, one transaction at a time) and by
 * the import advisory lock.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export class DatabaseInUse extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `PGliteのデータ ${dir} は別のプロセス（pid ${pid}）が使用中です。アプリ（npm start）などを止めてから実行するか、` +
        `DATABASE_URL でPostgreSQLサーバーを使ってください（複数のプロセスから同時に使えます）。` +
        ` / The PGlite data directory ${dir} is in use by another process (pid ${pid}). Stop it (e.g. npm start) first, ` +
        `or use a PostgreSQL server through DATABASE_URL, which many processes can share. ` +
        `(If no such process is running, delete ${dir}.lock.)`,
    );
    this.name = 'DatabaseInUse';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock; returns its release. Throws DatabaseInUse while another process holds it. */
export function lockPgliteDir(dir: string): () => void {
  const path = `${dir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(path, 'utf8').trim());
    } catch {
      continue; // released meanwhile: try again
    }
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) throw new DatabaseInUse(dir, owner);
    // Stale (its process is gone, or the file is garbage): take it over.
    try {
      unlinkSync(path);
    } catch {
      // someone else took it over first; the next attempt sees theirs
    }
  }
  throw new Error(`Could not lock ${dir} (${path})`);
}
