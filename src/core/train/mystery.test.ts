import { describe, expect, it } from 'vitest';
import { applicableFaults, challengeFault, challengeQuery, gradeDiagnosis, parseAttempts, pickFault, scoreSummary, type MysteryAttempt } from './mystery';
import { FAULT_NAMES } from './faults';
import { settingsFromParams } from './settings';

describe('mystery faults', () => {
  it('offers every fault to a classification MLP, only the task-free ones to a regression, none needing hidden layers to a linear model', () => {
    expect(applicableFaults('multiclass', 'mlp')).toEqual([...FAULT_NAMES]);
    expect(applicableFaults('regression', 'mlp')).not.toContain('label-shift');
    expect(applicableFaults('regression', 'mlp')).not.toContain('wrong-loss');
    expect(applicableFaults('regression', 'mlp')).toHaveLength(7);
    expect(applicableFaults('binary', 'logistic')).not.toContain('zero-init');
    expect(applicableFaults('binary', 'logistic')).not.toContain('dropout-at-eval');
    expect(applicableFaults(null, 'mlp')).toEqual(applicableFaults('regression', 'mlp'));
  });

  it('picks by seed: the same seed the same fault, and over many seeds every applicable fault', () => {
    expect(pickFault(17, 'binary', 'mlp')).toBe(pickFault(17, 'binary', 'mlp'));
    const seen = new Set(Array.from({ length: 200 }, (_, s) => pickFault(s, 'binary', 'mlp')));
    expect(seen.size).toBe(10);
    for (let s = 0; s < 50; s++) expect(applicableFaults('regression', 'linear')).toContain(pickFault(s, 'regression', 'linear'));
  });
});

describe('grading a diagnosis', () => {
  it('is correct only for the hidden fault; evidence counts when a cited chart shows its signature', () => {
    const right = gradeDiagnosis('frozen-layer', 'frozen-layer', ['update-norm']);
    expect(right).toMatchObject({ correct: true, evidenceCited: true });
    expect(gradeDiagnosis('frozen-layer', 'frozen-layer', ['loss']).evidenceCited).toBe(false);
    const wrong = gradeDiagnosis('frozen-layer', 'zero-init', ['gradient-norm']);
    expect(wrong.correct).toBe(false);
    expect(wrong.message).toMatch(/it was a layer left frozen/);
    expect(wrong.fault.signature).toMatch(/update norm is exactly zero/);
  });
});

describe('challenge links', () => {
  it('carry the settings and a fault that is not readable, which the same seed recovers', () => {
    const { settings } = settingsFromParams(new URLSearchParams('dataset=iris&seed=12&epochs=8'));
    const query = challengeQuery(settings, 'label-shift');
    expect(query).not.toMatch(/label|shift/);
    const params = new URLSearchParams(query);
    const back = settingsFromParams(params);
    expect(back.problems).toEqual([]);
    expect(back.settings).toEqual(settings);
    expect(challengeFault(params.get('mystery'), back.settings.config.seed)).toBe('label-shift');
    expect(challengeFault(params.get('mystery'), 13)).toBeNull();
  });
});

describe('the score summary', () => {
  const a = (fault: MysteryAttempt['fault'], diagnosis: MysteryAttempt['diagnosis'], evidenceCited = true): MysteryAttempt => ({ at: 1, fault, diagnosis, correct: fault === diagnosis, evidenceCited, challenge: false });
  it('counts attempts, correct ones, those with evidence, per fault, and the current streak', () => {
    const s = scoreSummary([a('zero-init', 'frozen-layer'), a('zero-init', 'zero-init'), a('lr-100x', 'lr-100x', false), a('frozen-layer', 'frozen-layer')]);
    expect(s).toMatchObject({ attempts: 4, correct: 3, withEvidence: 2, streak: 3 });
    expect(s.byFault).toEqual([
      { fault: 'lr-100x', title: 'Learning rate 100x too high', attempts: 1, correct: 1 },
      { fault: 'frozen-layer', title: 'A layer left frozen', attempts: 1, correct: 1 },
      { fault: 'zero-init', title: 'All-zero initialisation', attempts: 2, correct: 1 },
    ]);
    expect(scoreSummary([])).toMatchObject({ attempts: 0, correct: 0, streak: 0, byFault: [] });
  });

  it('reads stored attempts defensively', () => {
    expect(parseAttempts(null)).toEqual([]);
    expect(parseAttempts('{oops')).toEqual([]);
    expect(parseAttempts(JSON.stringify([{ at: 1, fault: 'zero-init', diagnosis: 'nope', correct: true, evidenceCited: true }, a('zero-init', 'zero-init')]))).toHaveLength(1);
  });
});
