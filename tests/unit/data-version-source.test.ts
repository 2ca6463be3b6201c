import { describe, expect, it } from 'vitest';
import { DataVersionSource } from '@/db/queries/data-version';
import { isReadOnlySql } from '@/db/pglite-writes';

describe('which statements the PGlite write counter treats as reads', () => {
  it.each([
    ['select 1', true],
    ['  /* c */ -- note\n (select count(*) from evaluations)', true],
    ['with t as (select 1) select * from t', true],
    ['SHOW server_version', true],
    ['select id from projects for update', false], // only a lock, but counting too much is safe
    ['select total_cost -- a bare total_cost would name the text copy\n from evaluations', true],
    ["select name from projects where name = 'delete me; update'", true],
    ["-- it's a comment\nselect 1; delete from projects", false],
    ["select '--'; delete from projects", false],
    ['select $$x$$', false],
    ['select * from projects where id = $1', true],
    ['insert into projects values (1)', false],
    ['update projects set name = name', false],
    ['with t as (delete from projects returning id) select * from t', false],
    ["select nextval('s')", false],
    ['select * into copy_of from projects', false],
    ['explain analyze delete from projects', false],
    ['select 1; delete from projects', false],
    ['begin', false],
    ['commit', false],
    ['truncate projects', false],
    ["copy projects from '/dev/blob'", false],
    ['set search_path = public', false],
  ])('%s → read %s', (text, read) => {
    expect(isReadOnlySql(text)).toBe(read);
  });
});

/** A database stand-in: each read answers the version as it is when the read is sent, later. */
function fakeDatabase() {
  const state = { version: 1, reads: 0, pending: [] as (() => void)[] };
  const read = () => {
    state.reads++;
    const seen = `v${state.version}`;
    return new Promise<string>((resolve) => state.pending.push(() => resolve(seen)));
  };
  const answer = async () => {
    const all = state.pending.splice(0);
    for (const done of all) done();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { state, read, answer };
}

describe('the data version kept in the process (PGlite)', () => {
  it('reads once, then answers without the database until a write finishes', async () => {
    const db = fakeDatabase();
    const writes = { count: 0 };
    const source = new DataVersionSource(db.read, writes);
    const first = source.current();
    const joined = source.current(); // arrives while the first read is out: no write since, so shared
    await db.answer();
    expect([await first, await joined]).toEqual(['v1', 'v1']);
    expect(await source.current()).toBe('v1');
    expect(db.state.reads).toBe(1);

    db.state.version = 2;
    writes.count++;
    const next = source.current();
    await db.answer();
    expect(await next).toBe('v2');
    expect(await source.current()).toBe('v2');
    expect(db.state.reads).toBe(2);
  });

  it('does not keep a read during which a write finished', async () => {
    const db = fakeDatabase();
    const writes = { count: 0 };
    const source = new DataVersionSource(db.read, writes);
    const during = source.current();
    db.state.version = 2;
    writes.count++;
    const after = source.current(); // must not share the read sent before the write
    await db.answer();
    expect(await during).toBe('v1');
    expect(await after).toBe('v2');
    expect(db.state.reads).toBe(2);
  });
});

describe('the data version read per request (PostgreSQL)', () => {
  it('shares a read not yet sent, never one already on its way', async () => {
    const db = fakeDatabase();
    const source = new DataVersionSource(db.read);
    const first = source.current();
    db.state.version = 2; // another process commits while the first read is out
    const later = [source.current(), source.current(), source.current()];
    await db.answer(); // the first read answers; the second is sent for the three later ones
    expect(await first).toBe('v1');
    await db.answer();
    expect(await Promise.all(later)).toEqual(['v2', 'v2', 'v2']);
    expect(db.state.reads).toBe(2);
    const again = source.current();
    await db.answer();
    expect(await again).toBe('v2');
    expect(db.state.reads).toBe(3);
  });
});
