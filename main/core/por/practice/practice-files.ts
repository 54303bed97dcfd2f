/**
 * Writes the practice store to a folder as POR would leave it: one GL export per day (`PRyymmdd.iif`, all
 * stores, CRLF) and one document feed file per day (`POR-feed-yyyymmdd.jsonl`). Each file is written under a
 * temporary dot-name and renamed, so a watcher on the folder never sees half a file.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeIif } from '../iif/iif-writer';
import { writeFeed } from '../feed/feed-writer';
import { generatePracticeStore, type PracticeOptions, type PracticeSummary } from './practice-store';

export interface PracticeFileOptions extends PracticeOptions {
  /** Which inputs to write; both by default. */
  formats?: readonly ('iif' | 'feed')[];
}

export function iifFileName(date: string): string {
  return `PR${date.slice(2).replaceAll('-', '')}.iif`;
}

export function feedFileName(date: string): string {
  return `POR-feed-${date.replaceAll('-', '')}.jsonl`;
}

async function writeAtomically(dir: string, name: string, content: string): Promise<string> {
  const final = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  await writeFile(temp, content, 'utf8');
  await rename(temp, final);
  return final;
}

export async function writePracticeFiles(dir: string, options: PracticeFileOptions): Promise<{ files: string[]; summary: PracticeSummary }> {
  const formats = new Set(options.formats ?? ['iif', 'feed']);
  const data = generatePracticeStore(options);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const day of data.days) {
    if (formats.has('iif') && day.gl.length > 0) files.push(await writeAtomically(dir, iifFileName(day.date), writeIif(day.gl)));
    if (formats.has('feed') && day.feed.length > 0) files.push(await writeAtomically(dir, feedFileName(day.date), writeFeed(day.feed)));
  }
  return { files, summary: data.summary };
}
