import { describe, expect, it } from 'vitest';
import {
  checkAnswer,
  parseTypedNumber,
  questionProblems,
  type Question,
} from '~/components/lesson/Quiz/quiz';

describe('parseTypedNumber', () => {
  it.each([
    ['32', 32],
    [' 1,024 ', 1024],
    ['1 024', 1024],
    ['60,965,224', 60965224],
    ['-2.5', -2.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['3_000', 3000],
  ])('%j → %d', (text, value) => expect(parseTypedNumber(text)).toBe(value));
  it.each(['', 'abc', '1,2,3x', '--1', 'NaN', 'Infinity', '12,34'])('%j → null', (text) =>
    expect(parseTypedNumber(text)).toBeNull(),
  );
});

describe('checkAnswer', () => {
  const num: Question = { kind: 'number', prompt: 'p', answer: 28, explanation: 'e' };
  const tol: Question = { kind: 'number', prompt: 'p', answer: 0.25, tolerance: 0.01, explanation: 'e' };
  const choice: Question = {
    kind: 'choice',
    prompt: 'p',
    choices: ['a', 'b', 'c'],
    answer: 1,
    explanation: 'e',
  };
  it.each([
    [num, '28', 'correct'],
    [num, '27', 'incorrect'],
    [num, '', 'invalid'],
    [num, 'twenty', 'invalid'],
    [num, 28, 'correct'],
    [tol, '0.255', 'correct'],
    [tol, '0.3', 'incorrect'],
    [choice, '1', 'correct'],
    [choice, '0', 'incorrect'],
    [choice, '', 'invalid'],
    [choice, null, 'invalid'],
  ] as const)('%#: %j → %s', (q, input, status) => expect(checkAnswer(q, input).status).toBe(status));
});

describe('questionProblems', () => {
  it.each([
    [{ kind: 'number', prompt: 'p', answer: 3, explanation: 'e' }, []],
    [
      { kind: 'number', prompt: 'p', answer: null, explanation: 'e' },
      ['question 1: "answer" must be a finite number'],
    ],
    [{ kind: 'number', prompt: '', answer: 1, explanation: 'e' }, ['question 1: "prompt" is empty']],
    [
      { kind: 'number', prompt: 'p', answer: 1, tolerance: -1, explanation: 'e' },
      ['question 1: "tolerance" must be ≥ 0'],
    ],
    [
      { kind: 'choice', prompt: 'p', choices: ['a'], answer: 0, explanation: 'e' },
      ['question 1: "choices" needs at least two entries'],
    ],
    [
      { kind: 'choice', prompt: 'p', choices: ['a', 'b'], answer: 2, explanation: 'e' },
      ['question 1: "answer" must be the index (0-based) of one of the 2 choices'],
    ],
    [
      { kind: 'choice', prompt: 'p', choices: ['a', 'b'], answer: 1, explanation: '' },
      ['question 1: "explanation" is empty'],
    ],
    [{ kind: 'text', prompt: 'p', explanation: 'e' }, ['question 1: "kind" must be "number" or "choice"']],
  ])('%#', (q, problems) => expect(questionProblems(q as unknown as Question, 0)).toEqual(problems));
});
