import { arrivalOf } from './file-arrival';
import { itemsToShow, type FileImportResult, type ImportItem } from './import-report';

/**
 * The `<name>.reason.txt` written next to a refused (or partly recorded) file: what happened to it, in the
 * same words as the inbox view and the CLI (arrivalOf), each problem, and what the reader can do.
 */
export function rejectionText(file: FileImportResult, items: readonly ImportItem[]): string {
  const arrival = arrivalOf(file);
  const problems = itemsToShow(file, items).filter((i) => i.outcome === 'rejected');
  const lines = [`POR QBO Companion, ${file.name}:`, '', arrival.summary];
  if (problems.length) {
    lines.push('', arrival.status === 'refused' ? 'Problems found:' : 'Kept out, and why:');
    for (const p of problems.slice(0, 200)) {
      const where = [p.file, p.line !== null ? `line ${p.line}` : null, p.field ? `field ${p.field}` : null].filter(Boolean).join(', ');
      lines.push(`  ${where}: ${p.reason}`);
    }
    if (problems.length > 200) lines.push(`  ... and ${problems.length - 200} more (see POR data in the app).`);
  }
  for (const w of file.warnings) lines.push('', `Note: ${w}`);
  if (arrival.fix) lines.push('', `What to do: ${arrival.fix}`);
  return `${lines.join('\n')}\n`;
}
