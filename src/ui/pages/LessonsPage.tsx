import { useEffect } from 'react';
import { findLesson } from '../../lessons';
import { initLessonsStore, useLessonsStore } from '../../store/lessons-store';
import { LessonList } from '../lessons/LessonList';
import { LessonView } from '../lessons/LessonView';
import { parseLessonLocation } from '../lessons/lesson-url';
import { useHashRoute } from '../useHashRoute';
import '../lessons/lessons.css';

/** The Lessons page: the list, or one lesson at the step the URL names. */
export default function LessonsPage() {
  const { params } = useHashRoute();
  const location = parseLessonLocation(params);
  const problem = useLessonsStore((s) => s.problem);
  useEffect(() => {
    void initLessonsStore();
  }, []);
  const lesson = location.lesson ? findLesson(location.lesson) : undefined;
  return (
    <div className="lessons-page">
      {problem && <p className="warning" data-testid="lessons-storage-problem">{problem}</p>}
      {location.lesson && !lesson && (
        <p className="error-banner" data-testid="lesson-not-found">
          There is no lesson "{location.lesson}". <a href="#/lessons">See all lessons</a>.
        </p>
      )}
      {lesson ? <LessonView key={lesson.id} lesson={lesson} location={location} /> : <LessonList />}
    </div>
  );
}
