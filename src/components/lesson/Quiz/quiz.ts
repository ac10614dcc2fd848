/**
 * Self-check questions: numeric (answer ± tolerance) or multiple choice. Pure: the island and
 * the build-time validation both use these functions.
 */
export type Question =
  | { kind: 'number'; prompt: string; answer: number; tolerance?: number; explanation: string }
  | { kind: 'choice'; prompt: string; choices: string[]; answer: number; explanation: string };

export type Verdict =
  { status: 'correct' } | { status: 'incorrect' } | { status: 'invalid'; reason: 'notANumber' | 'chooseOne' };

/**
 * Reads a number typed by a reader: spaces, thin spaces, "_" and thousands commas are ignored,
 * so "1,024", "1 024" and "1024" are equal. Returns null for anything that is not a number.
 */
export function parseTypedNumber(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/[\s\u202f_]/g, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** Correct when |typed − answer| ≤ tolerance (numeric), or the chosen index equals the answer. */
export function checkAnswer(q: Question, input: string | number | null): Verdict {
  if (q.kind === 'number') {
    const value = typeof input === 'number' ? input : parseTypedNumber(input ?? '');
    if (value === null) return { status: 'invalid', reason: 'notANumber' };
    return Math.abs(value - q.answer) <= (q.tolerance ?? 0) ? { status: 'correct' } : { status: 'incorrect' };
  }
  if (input === null || input === '') return { status: 'invalid', reason: 'chooseOne' };
  return Number(input) === q.answer ? { status: 'correct' } : { status: 'incorrect' };
}

/** Problems with a question as written by an author, in plain words (empty when fine). */
export function questionProblems(q: Question, index: number): string[] {
  const at = `question ${index + 1}`;
  const out: string[] = [];
  if (!q.prompt?.trim()) out.push(`${at}: "prompt" is empty`);
  if (!q.explanation?.trim()) out.push(`${at}: "explanation" is empty`);
  if (q.kind === 'number') {
    if (typeof q.answer !== 'number' || !Number.isFinite(q.answer))
      out.push(`${at}: "answer" must be a finite number`);
    if (q.tolerance !== undefined && !(q.tolerance >= 0)) out.push(`${at}: "tolerance" must be ≥ 0`);
  } else if (q.kind === 'choice') {
    if (!Array.isArray(q.choices) || q.choices.length < 2)
      out.push(`${at}: "choices" needs at least two entries`);
    else if (!Number.isInteger(q.answer) || q.answer < 0 || q.answer >= q.choices.length)
      out.push(`${at}: "answer" must be the index (0-based) of one of the ${q.choices.length} choices`);
  } else out.push(`${at}: "kind" must be "number" or "choice"`);
  return out;
}
