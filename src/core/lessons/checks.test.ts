import { describe, expect, it } from 'vitest';
import { checkReads, evaluateCheck, evaluateChecks, evaluateExpr, formatQuantity, type Check, type Quantities } from './checks';

const q: Quantities = {
  good: { 'loss.last': 0.003, status: 'completed', 'finding.lr-too-high': false, 'final.validation.accuracy': 0.95 },
  high: { 'loss.last': NaN, status: 'diverged', 'final.validation.accuracy': null },
  twin: { 'loss.last': 0.003 },
  pair: { delong_p: 0.4, ci_low: -0.02, ci_high: 0.03 },
};

const of = (subject: string, key: string) => ({ of: subject, key });

describe('evaluateCheck', () => {
  it('is pending before the experiment runs', () => {
    const c: Check = { id: 'a', says: '', expect: 'below', value: of('good', 'loss.last'), than: 0.05 };
    expect(evaluateCheck(c, null)).toEqual({ id: 'a', status: 'pending', observed: 'not run yet' });
  });

  it('below / above compare with a number and show the observed value', () => {
    const below: Check = { id: 'b', says: '', expect: 'below', value: of('good', 'loss.last'), than: 0.05 };
    expect(evaluateCheck(below, q)).toEqual({ id: 'b', status: 'pass', observed: '0.003 < 0.05' });
    const above: Check = { id: 'c', says: '', expect: 'above', value: of('good', 'loss.last'), than: 0.05 };
    expect(evaluateCheck(above, q)).toEqual({ id: 'c', status: 'fail', observed: '0.003 ≤ 0.05' });
    const belowFails: Check = { id: 'd', says: '', expect: 'below', value: of('good', 'loss.last'), than: 0.001 };
    expect(evaluateCheck(belowFails, q).observed).toBe('0.003 ≥ 0.001');
  });

  it('a diverged (NaN) or undefined (null) value never passes a comparison', () => {
    const nan: Check = { id: 'e', says: '', expect: 'below', value: of('high', 'loss.last'), than: 1e9 };
    expect(evaluateCheck(nan, q).status).toBe('fail');
    const nanAbove: Check = { id: 'f', says: '', expect: 'above', value: of('high', 'loss.last'), than: -1e9 };
    expect(evaluateCheck(nanAbove, q).status).toBe('fail');
    const nul: Check = { id: 'g', says: '', expect: 'between', value: of('high', 'final.validation.accuracy'), min: 0, max: 1 };
    expect(evaluateCheck(nul, q).status).toBe('fail');
  });

  it('compares two quantities', () => {
    const c: Check = { id: 'h', says: '', expect: 'above', value: of('good', 'final.validation.accuracy'), than: of('good', 'loss.last') };
    expect(evaluateCheck(c, q)).toMatchObject({ status: 'pass', observed: '0.95 > 0.003' });
  });

  it('equals matches strings, booleans and exact numbers', () => {
    expect(evaluateCheck({ id: 'i', says: '', expect: 'equals', value: of('high', 'status'), to: 'diverged' }, q).status).toBe('pass');
    expect(evaluateCheck({ id: 'j', says: '', expect: 'equals', value: of('good', 'status'), to: 'diverged' }, q)).toMatchObject({
      status: 'fail',
      observed: 'completed (expected diverged)',
    });
    expect(evaluateCheck({ id: 'k', says: '', expect: 'equals', value: of('good', 'finding.lr-too-high'), to: false }, q).status).toBe('pass');
  });

  it('close and differs use the tolerance inclusively / exclusively', () => {
    expect(evaluateCheck({ id: 'l', says: '', expect: 'close', value: of('good', 'loss.last'), to: of('twin', 'loss.last'), tolerance: 0 }, q).status).toBe('pass');
    expect(evaluateCheck({ id: 'm', says: '', expect: 'differs', value: of('good', 'loss.last'), to: of('twin', 'loss.last'), tolerance: 0 }, q).status).toBe('fail');
    expect(evaluateCheck({ id: 'n', says: '', expect: 'differs', value: 0.5, to: 0.4, tolerance: 0.05 }, q).status).toBe('pass');
    expect(evaluateCheck({ id: 'o', says: '', expect: 'close', value: 0.5, to: 0.4, tolerance: 0.05 }, q).status).toBe('fail');
  });

  it('between is inclusive and can use quantities as bounds', () => {
    const c: Check = { id: 'p', says: '', expect: 'between', value: 0, min: of('pair', 'ci_low'), max: of('pair', 'ci_high') };
    expect(evaluateCheck(c, q)).toMatchObject({ status: 'pass', observed: '0 in [-0.02, 0.03]' });
    expect(evaluateCheck({ ...c, value: 0.03 }, q).status).toBe('pass');
    expect(evaluateCheck({ ...c, value: 0.031 }, q).status).toBe('fail');
  });

  it('a missing quantity fails and names its address', () => {
    const c: Check = { id: 'q', says: '', expect: 'below', value: of('nobody', 'loss.last'), than: 1 };
    expect(evaluateCheck(c, q)).toEqual({ id: 'q', status: 'fail', observed: 'no value for nobody: loss.last' });
    const c2: Check = { id: 'r', says: '', expect: 'below', value: of('good', 'loss.last'), than: of('good', 'nope') };
    expect(evaluateCheck(c2, q).observed).toBe('no value for good: nope');
  });

  it('evaluateChecks keeps the order', () => {
    const checks: Check[] = [
      { id: 'x', says: '', expect: 'equals', value: of('high', 'status'), to: 'diverged' },
      { id: 'y', says: '', expect: 'below', value: of('good', 'loss.last'), than: 0 },
    ];
    expect(evaluateChecks(checks, q).map((o) => `${o.id}:${o.status}`)).toEqual(['x:pass', 'y:fail']);
  });
});

describe('evaluateExpr', () => {
  it('ratio, diff and abs', () => {
    expect(evaluateExpr({ ratio: [of('good', 'final.validation.accuracy'), 0.5] }, q)).toMatchObject({ ok: true, value: 1.9 });
    expect(evaluateExpr({ diff: [of('pair', 'ci_low'), of('pair', 'ci_high')] }, q)).toMatchObject({ ok: true, value: -0.05 });
    expect(evaluateExpr({ abs: { diff: [of('pair', 'ci_low'), 0] } }, q)).toMatchObject({ ok: true, value: 0.02 });
  });

  it('a ratio by zero or with a non-number is undefined (null), not Infinity', () => {
    expect(evaluateExpr({ ratio: [1, 0] }, q)).toMatchObject({ ok: true, value: null });
    expect(evaluateExpr({ ratio: [of('high', 'status'), 1] }, q)).toMatchObject({ ok: true, value: null });
  });
});

describe('formatQuantity', () => {
  it('three significant digits, exponent outside [1e-3, 1e5)', () => {
    expect(formatQuantity(0.0031234)).toBe('0.00312');
    expect(formatQuantity(0.00012345)).toBe('1.23e-4');
    expect(formatQuantity(123456)).toBe('1.23e+5');
    expect(formatQuantity(2)).toBe('2');
    expect(formatQuantity(NaN)).toBe('NaN');
    expect(formatQuantity(-Infinity)).toBe('-∞');
    expect(formatQuantity(null)).toBe('undefined');
    expect(formatQuantity(true)).toBe('yes');
  });
});

describe('checkReads', () => {
  it('lists every quantity a check reads', () => {
    const c: Check = { id: 's', says: '', expect: 'between', value: { ratio: [of('a', 'x'), of('b', 'y')] }, min: of('c', 'z'), max: 1 };
    expect(checkReads(c)).toEqual([of('a', 'x'), of('b', 'y'), of('c', 'z')]);
  });
});
