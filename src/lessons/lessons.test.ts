/**
 * Every lesson, checked the way a teacher would: the file is well formed, and every step's experiment,
 * run for real (TensorFlow.js cpu backend in Node, or wasm with LESSONS_BACKEND=wasm), passes every one of its checks. `npx vitest run
 * src/lessons` is the quickest way to validate a new lesson file before opening it in the browser (the
 * e2e test then runs the same lessons in Chromium).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkReads, evaluateChecks } from '../core/lessons/checks';
import { runMetricsExperiment } from '../core/lessons/run-metrics';
import { runTrainExperiment } from '../core/lessons/run-train';
import { readSetting } from '../core/lessons/settings';
import { useTestBackend } from '../core/train/test-backends';
import { LESSON_FILES, LESSONS } from './index';

const datasets = resolve(dirname(fileURLToPath(import.meta.url)), '../../datasets');
const loadText = async (path: string): Promise<string> => readFileSync(resolve(datasets, path), 'utf8');

describe('lesson registry', () => {
  it('has the issue\'s eleven lessons, the slices lesson and the mystery-bug lesson, in order, with unique ids', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'overfit-one-batch', 'learning-rate', 'initialisation', 'train-eval-mode', 'overfitting', 'baselines',
      'metrics-disagree', 'threshold-costs', 'regression-metrics', 'reproducibility', 'data-leakage', 'failing-group', 'mystery-bug', 'sixteen-bits', 'data-parallel',
    ]);
  });

  for (const lesson of LESSONS) {
    it(`${lesson.id}: file name, step ids, checks and settings are consistent`, () => {
      expect(LESSON_FILES[lesson.id]).toBe(`./${lesson.id}.lesson.ts`);
      const stepIds = lesson.steps.map((s) => s.id);
      expect(new Set(stepIds).size).toBe(stepIds.length);
      for (const step of lesson.steps) {
        expect(step.question.trim().length).toBeGreaterThan(0);
        const checkIds = (step.checks ?? []).map((c) => c.id);
        expect(new Set(checkIds).size).toBe(checkIds.length);
        if (step.checks?.length) expect(step.experiment).toBeDefined();
        for (const s of step.settings ?? []) {
          const value = readSetting(step.experiment!, s.path);
          expect(value, `${step.id}: setting ${s.id} (${s.path})`).toBeTypeOf('number');
          expect(value!).toBeGreaterThanOrEqual(s.min);
          expect(value!).toBeLessThanOrEqual(s.max);
        }
      }
    });
  }
});

// LESSONS_BACKEND=wasm runs the same checks on the WebAssembly backend the browser uses.
const backend = process.env.LESSONS_BACKEND === 'wasm' ? 'wasm' : 'cpu';

describe(`every lesson's checks hold on a real run (${backend} backend)`, () => {
  beforeAll(async () => {
    await useTestBackend(backend);
  });

  for (const lesson of LESSONS) {
    for (const step of lesson.steps) {
      if (!step.experiment) continue;
      it(`${lesson.id} / ${step.id}`, async () => {
        const exp = step.experiment!;
        const result = exp.kind === 'train' ? await runTrainExperiment(exp, { loadText }) : await runMetricsExperiment(exp, { loadText });
        expect(result.error).toBeNull();
        for (const check of step.checks ?? []) {
          for (const read of checkReads(check)) expect(result.quantities[read.of], `${check.id} reads ${read.of}`).toHaveProperty([read.key]);
        }
        const failed = evaluateChecks(step.checks ?? [], result.quantities).filter((o) => o.status !== 'pass');
        expect(failed).toEqual([]);
      });
    }
  }
});
