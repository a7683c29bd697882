import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** One entry per page of the workbench. Only pages that work are listed: the nav is built from this. */
export interface PageRoute {
  id: string;
  title: string;
  /** One line under the title in the nav, for people new to the tool. */
  hint: string;
  component: LazyExoticComponent<ComponentType>;
}

export const routes: PageRoute[] = [
  { id: 'data', title: 'Data', hint: 'Open a CSV and inspect its columns', component: lazy(() => import('./pages/DataPage')) },
  { id: 'metrics', title: 'Metrics', hint: 'Compare models, tune the threshold against costs', component: lazy(() => import('./pages/MetricsPage')) },
  { id: 'train', title: 'Train', hint: 'Train a small model and see inside it while it learns', component: lazy(() => import('./pages/TrainPage')) },
  { id: 'experiments', title: 'Experiments', hint: 'Hyperparameter search, model selection, drift, feature importance', component: lazy(() => import('./pages/ExperimentsPage')) },
  { id: 'lessons', title: 'Lessons', hint: 'Guided lessons with live experiments, for class', component: lazy(() => import('./pages/LessonsPage')) },
];

export const defaultRouteId = 'data';
