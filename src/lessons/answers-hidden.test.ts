import { describe, expect, it } from 'vitest';
import { LESSONS } from './index';

/** Decimal numbers written in a text, e.g. "0.09" or "1.5" (not integers: "10" and "1" are part of every setting). */
function decimals(text: string): string[] {
  return [...text.matchAll(/\d+\.\d+/g)].map((m) => m[0]);
}

// A step asks "predict first" right under its text and formula: those must not already print the number the
// explanation gives as the answer. (The checks are the lesson's stated expectations, listed with the experiment.)
describe('lessons do not print the answer above the question', () => {
  for (const lesson of LESSONS) {
    for (const step of lesson.steps) {
      if (!step.question || !step.explanation) continue;
      it(`${lesson.id} / ${step.id}`, () => {
        const before = [step.text, step.formula ?? ''].join('\n');
        // 0.5 is the default threshold, which texts name as a setting, not as an answer.
        const answers = decimals(step.explanation!).filter((n) => n !== '0.5' && !decimals(step.question).includes(n));
        expect(answers.filter((n) => decimals(before).includes(n))).toEqual([]);
      });
    }
  }
});
