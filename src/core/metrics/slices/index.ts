/** Slices, fairness and time: metrics per slice and per window over one loaded prediction file. */
export * from './extra-columns';
export * from './subset';
export * from './slicing';
export * from './slice-report';
export * from './slice-finder';
export * from './fairness';
export * from './threshold-strategies';
export * from './alerts';
export * from './time-windows';
