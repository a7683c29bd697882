import { describe, expect, it } from 'vitest';
import { lessonLocationParams, parseLessonLocation } from './lesson-url';

describe('lesson URL', () => {
  it('round-trips lesson, step, presenter mode and settings', () => {
    const loc = { lesson: 'learning-rate', step: 1, presenter: true, settings: { 'lr-right': 0.1, b: 2 } };
    const params = new URLSearchParams(lessonLocationParams(loc));
    expect(params.toString()).toBe('lesson=learning-rate&step=2&presenter=1&s.b=2&s.lr-right=0.1');
    expect(parseLessonLocation(params)).toEqual(loc);
  });

  it('ignores bad steps and non-numeric settings', () => {
    expect(parseLessonLocation(new URLSearchParams('lesson=x&step=-3&s.a=abc&s.b=&s.c=1e-3'))).toEqual({
      lesson: 'x', step: 0, presenter: false, settings: { c: 0.001 },
    });
  });
});
