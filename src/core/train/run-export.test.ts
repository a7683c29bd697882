import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { StepRecord } from './step-record';
import { fileStem, predictionsToCsv, stepsToCsv } from './run-export';

const record = (step: number, loss: number): StepRecord => ({
  step, epoch: 1, loss, data_loss: loss, grad_norm: 2, weight_norm: 3, update_norm: 0.01, update_ratio: null, m_norm: 0.5, v_norm: 1e-6,
  cos_update_grad: 1, cos_grad_prev: null, lr: 0.1, clipped: true, ms: 1.5, memory: { tensors: 12, bytes: 4096 }, details: step === 1,
  layers: [
    { name: 'hidden1', grad_norm: 1, weight_norm: 2, update_norm: 0.1, update_ratio: 0.05, cos_update_grad: 1, cos_grad_prev: null, ...(step === 1 ? { act_mean: 0.3, act_std: 0.9, dead_share: 0.25 } : {}) },
    { name: 'output', grad_norm: 1.5, weight_norm: 1, update_norm: 0.2, update_ratio: 0.2, cos_update_grad: 0.9, cos_grad_prev: -0.5, ...(step === 1 ? { dead_share: -1 } : {}) },
  ],
});

describe('stepsToCsv', () => {
  it('writes one row per step with step-level and per-layer columns that pandas-style parsers read back', () => {
    const csv = stepsToCsv([record(1, 0.7), record(2, NaN)]);
    const rows = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data;
    expect(rows).toHaveLength(2);
    expect(rows[0]!.step).toBe('1');
    expect(rows[0]!.clipped).toBe('1');
    expect(rows[0]!.update_ratio).toBe('');
    expect(rows[0]!.memory_bytes).toBe('4096');
    expect(rows[0]!['hidden1.dead_share']).toBe('0.25');
    expect(rows[0]!['output.dead_share']).toBe(''); // -1: cannot die
    expect(rows[0]!['output.cos_grad_prev']).toBe('-0.5');
    expect(rows[1]!.loss).toBe('NaN');
    expect(rows[1]!['hidden1.act_mean']).toBe('');
  });

  it('writes only a header for an empty run', () => {
    expect(stepsToCsv([]).split('\n')[0]).toBe('step,epoch,loss,data_loss,grad_norm,weight_norm,update_norm,update_ratio,m_norm,v_norm,cos_update_grad,cos_grad_prev,lr,clipped,ms,memory_tensors,memory_bytes');
  });
});

describe('predictionsToCsv', () => {
  it('binary: y_true 0/1 and P(positive) in a column named after the model', () => {
    expect(predictionsToCsv({ task: 'binary', classes: ['no', 'yes'], y: [0, 1], score: [0.25, 0.9], proba: [] }, 'moons, run 1')).toBe('y_true,moons  run 1\n0,0.25\n1,0.9\n');
  });

  it('multiclass: class labels in y_true and one <model>:<class> column per class', () => {
    const csv = predictionsToCsv({ task: 'multiclass', classes: ['a', 'b', 'c'], y: [2, 0], score: [], proba: [0.1, 0.2, 0.7, 0.8, 0.1, 0.1] }, 'mlp');
    expect(csv).toBe('y_true,mlp:a,mlp:b,mlp:c\nc,0.1,0.2,0.7\na,0.8,0.1,0.1\n');
  });

  it('regression: values', () => {
    expect(predictionsToCsv({ task: 'regression', classes: null, y: [10.5], score: [11], proba: [] }, 'm')).toBe('y_true,m\n10.5,11\n');
  });
});

describe('fileStem', () => {
  it('makes safe file names', () => {
    expect(fileStem('Two moons: lr 0.1!')).toBe('two-moons-lr-0-1');
    expect(fileStem('***')).toBe('run');
  });
});

describe('run exports neutralise formula cells', () => {
  it('prefixes class names that start a formula, keeps numeric labels', () => {
    const csv = predictionsToCsv({ task: 'multiclass', classes: ['=1+1', '-1'], y: [0, 1], score: [], proba: [0.6, 0.4, 0.3, 0.7] }, '@m');
    expect(csv).toBe("y_true,'@m:=1+1,'@m:-1\n'=1+1,0.6,0.4\n-1,0.3,0.7\n");
  });
});
