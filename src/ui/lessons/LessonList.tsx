import { LESSONS } from '../../lessons';
import { resetLesson, useLessonsStore } from '../../store/lessons-store';

/** Every lesson with its length and this browser's progress. */
export function LessonList() {
  const finished = useLessonsStore((s) => s.finished);
  return (
    <section aria-labelledby="lessons-title">
      <h1 id="lessons-title">Lessons</h1>
      <p className="summary">
        Guided lessons on the classic ways training and evaluation go wrong. Every step runs a real experiment in this browser, with fixed seeds,
        and checks what you should see against what actually happened. Predict first, then run. Presenter mode (key P) is made for class.
      </p>
      <ol className="lesson-list">
        {LESSONS.map((lesson) => {
          const done = (finished[lesson.id] ?? []).filter((id) => lesson.steps.some((s) => s.id === id)).length;
          return (
            <li key={lesson.id} className="lesson-card panel" data-testid={`lesson-card-${lesson.id}`} data-steps={lesson.steps.length} data-finished={done}>
              <h2>
                <a href={`#/lessons?lesson=${lesson.id}&step=1`} data-testid={`lesson-open-${lesson.id}`}>
                  {lesson.order}. {lesson.title}
                </a>
              </h2>
              <p>{lesson.summary}</p>
              <p className="muted small">
                {lesson.steps.length} steps · about {lesson.minutes} min · {done === lesson.steps.length ? 'finished' : `${done} of ${lesson.steps.length} steps done`}
                {done > 0 && (
                  <>
                    {' · '}
                    <button type="button" className="link" onClick={() => void resetLesson(lesson.id)}>
                      start over
                    </button>
                  </>
                )}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
