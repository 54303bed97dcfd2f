import { itemsToShow, reasonWithoutName, type FileImportResult, type ImportItem } from './import-report';

/** The `<name>.reason.txt` written next to a refused file: what was wrong and what to do, in plain words. */
export function rejectionText(file: FileImportResult, items: readonly ImportItem[]): string {
  const problems = itemsToShow(file, items).filter((i) => i.outcome === 'rejected');
  const lines = [
    `POR QBO Companion did not import ${file.name}.`,
    '',
    `Reason: ${reasonWithoutName(file) || 'unknown'}`,
  ];
  if (problems.length) {
    lines.push('', 'Problems found:');
    for (const p of problems.slice(0, 200)) {
      const where = [p.file, p.line !== null ? `line ${p.line}` : null, p.field ? `field ${p.field}` : null].filter(Boolean).join(', ');
      lines.push(`  ${where}: ${p.reason}`);
    }
    if (problems.length > 200) lines.push(`  ... and ${problems.length - 200} more (see Quarantine in the app).`);
  }
  for (const w of file.warnings) lines.push('', `Note: ${w}`);
  lines.push('', 'Nothing from this file was recorded. Fix it (or export it again from Point of Rental) and put it back in the inbox.');
  return `${lines.join('\n')}\n`;
}
