/**
 * A lesson's place and settings in the URL, so a teacher can share "this lesson, this step, these
 * settings, in presenter mode": `#/lessons?lesson=learning-rate&step=2&presenter=1&s.lr-right=0.1`.
 * Steps are 1-based in the URL (as people count); settings are `s.<setting id>`.
 */
export interface LessonLocation {
  lesson: string | null;
  /** 0-based. */
  step: number;
  presenter: boolean;
  settings: Record<string, number>;
}

export function parseLessonLocation(params: URLSearchParams): LessonLocation {
  const settings: Record<string, number> = {};
  for (const [k, v] of params) {
    if (!k.startsWith('s.')) continue;
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n)) settings[k.slice(2)] = n;
  }
  const step = Number.parseInt(params.get('step') ?? '1', 10);
  return {
    lesson: params.get('lesson'),
    step: Number.isFinite(step) && step >= 1 ? step - 1 : 0,
    presenter: params.get('presenter') === '1',
    settings,
  };
}

/** The query parameters of a location (settings in id order, so equal locations give equal URLs). */
export function lessonLocationParams(loc: LessonLocation): Record<string, string> {
  const out: Record<string, string> = {};
  if (loc.lesson) out.lesson = loc.lesson;
  if (loc.lesson) out.step = String(loc.step + 1);
  if (loc.presenter) out.presenter = '1';
  for (const id of Object.keys(loc.settings).sort()) out[`s.${id}`] = String(loc.settings[id]);
  return out;
}
