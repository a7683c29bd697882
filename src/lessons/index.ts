/**
 * The lesson registry: every `src/lessons/<id>.lesson.ts` file, found at build time, so adding a lesson
 * is adding one file. Sorted by `order`, then id.
 */
import type { Lesson } from './types';

const modules = import.meta.glob<{ default: Lesson }>('./*.lesson.ts', { eager: true });

/** Every lesson, in teaching order. */
export const LESSONS: readonly Lesson[] = Object.values(modules)
  .map((m) => m.default)
  .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));

/** The file each lesson came from (for the registry test: id must match the file name). */
export const LESSON_FILES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(modules).map(([path, m]) => [m.default.id, path]));

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
