/**
 * A big file is hashed on another thread while it is parsed: the hash the registry keeps must be the file's
 * sha256 all the same, a second copy must still be known as a duplicate by it, and small files keep being
 * hashed in place.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../../main/core/inbox';
import { OFF_THREAD_HASH_BYTES, readShared, sha256Hex } from '../../../main/core/inbox/file-hash';
import { openLedger, type Ledger } from '../../../main/core/ledger';
import { makeTempDir } from '../../helpers/temp-dir';

/** A balanced GL export of at least `bytes` bytes. */
function bigIif(bytes: number): string {
  const rows = ['!TRNS\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO', '!SPL\tTRNSTYPE\tDATE\tACCNT\tCLASS\tAMOUNT\tMEMO', '!ENDTRNS'];
  let size = 0;
  for (let block = 0; size < bytes; block++) {
    const day = String((block % 28) + 1).padStart(2, '0');
    const memo = `journal ${block} ${'m'.repeat(300)}`;
    const trns = `TRNS\tGENERAL JOURNAL\t03/${day}/2026\t1020-01\tStore 1:Burbank\t12.34\t${memo}`;
    const spl = `SPL\tGENERAL JOURNAL\t03/${day}/2026\t4000-01\tStore 1:Burbank\t-12.34\t${memo}`;
    rows.push(trns, spl, 'ENDTRNS');
    size += trns.length + spl.length + 13;
  }
  return `${rows.join('\r\n')}\r\n`;
}

describe('file hash', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ledger: Ledger;
  beforeEach(() => {
    tmp = makeTempDir();
    ledger = openLedger(tmp.path, 'practice');
  });
  afterEach(() => {
    ledger.close();
    tmp.remove();
  });

  it('a big file read into shared memory hashes on another thread to its sha256', async () => {
    const file = join(tmp.path, 'big.bin');
    writeFileSync(file, bigIif(OFF_THREAD_HASH_BYTES + 12_345));
    const handle = await open(file);
    const bytes = await readShared(handle, readFileSync(file).length);
    await handle.close();
    expect(bytes).not.toBeNull();
    expect(bytes!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(await sha256Hex(bytes!)).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
  });

  it('this thread keeps running while a big buffer hashes; a small one is done before any timer runs', async () => {
    /** Timer ticks on this thread between asking for the hash and having it. */
    const ticksWhileHashing = async (bytes: Buffer) => {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 0);
      try {
        await sha256Hex(bytes);
      } finally {
        clearInterval(timer);
      }
      return ticks;
    };
    const shared = Buffer.from(new SharedArrayBuffer(8 * OFF_THREAD_HASH_BYTES)).fill(7);
    expect(await ticksWhileHashing(shared)).toBeGreaterThan(0);
    // The same bytes outside shared memory are hashed in place: the promise is settled when it is returned.
    expect(await ticksWhileHashing(Buffer.from(shared))).toBe(0);
  });

  it('a file that is no longer the size it was taken to be is read as usual', async () => {
    const file = join(tmp.path, 'grew.bin');
    writeFileSync(file, 'x'.repeat(1000));
    const handle = await open(file);
    expect(await readShared(handle, 999)).toBeNull(); // it has more
    expect(await readShared(handle, 1001)).toBeNull(); // it has less
    expect((await readShared(handle, 1000))?.length).toBe(1000);
    await handle.close();
  });

  it('an imported big file is registered under its sha256, and a copy of it is a duplicate', async () => {
    const text = bigIif(OFF_THREAD_HASH_BYTES + 1000);
    const first = join(tmp.path, 'PR260331.iif');
    const copy = join(tmp.path, 'PR260331 (copy).iif');
    writeFileSync(first, text);
    writeFileSync(copy, text);
    const report = await importFiles(ledger, [first]);
    expect(report.files[0]).toMatchObject({ outcome: 'accepted', sha256: createHash('sha256').update(text).digest('hex') });
    const again = await importFiles(ledger, [copy]);
    expect(again.files[0]).toMatchObject({ outcome: 'duplicateFile', duplicateOf: 'PR260331.iif' });
    const db = new Database(ledger.path, { readonly: true });
    try {
      expect(db.prepare('SELECT sha256 FROM files').pluck().all()).toEqual([createHash('sha256').update(text).digest('hex')]);
    } finally {
      db.close();
    }
  });

  it('a small file is hashed in place', async () => {
    const small = Buffer.from('!TRNS\tDATE\n');
    expect(await sha256Hex(small)).toBe(createHash('sha256').update(small).digest('hex'));
  });
});
