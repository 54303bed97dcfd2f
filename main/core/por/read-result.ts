/**
 * What every POR reader returns. A reader never throws on bad input: it keeps the good documents and names
 * each problem (file, line, field). `fileProblem` means the whole file was refused (empty, binary, not this
 * format); then `documents` is empty. `warnings` never block anything (e.g. a Windows-1252 fallback).
 */
import type { InputProblem, PorDocument } from './model';

export interface ReadResult {
  documents: PorDocument[];
  problems: InputProblem[];
  fileProblem: InputProblem | null;
  warnings: InputProblem[];
}

export function problem(file: string, line: number | null, field: string | null, message: string): InputProblem {
  return { file, line, field, message };
}

/** A whole-file refusal. */
export function refusedFile(file: string, message: string, warnings: InputProblem[] = []): ReadResult {
  return { documents: [], problems: [], fileProblem: problem(file, null, null, message), warnings };
}

/** "PR260314, line 5, field AMOUNT: ..." — the one way problems are shown to people and written to reason files. */
export function formatProblem(p: InputProblem): string {
  const where = [p.file, p.line !== null ? `line ${p.line}` : null, p.field !== null ? `field ${p.field}` : null]
    .filter((part): part is string => part !== null)
    .join(', ');
  return `${where}: ${p.message}`;
}
