/**
 * The catalog of every dataset the workbench ships: the CSV files in `datasets/` (real datasets and
 * example prediction files) and the seeded synthetic generators. The UI, the CLI (`--dataset iris`) and
 * the training engine look entries up by `id` here; nothing else should hard-code a file name.
 *
 * Bundled entries are plain, serialisable data. `rows`, `columns`, `target`, `classes` and `models` are
 * checked against the files by catalog.test.ts, so they can be trusted without opening the file.
 * How the files were made, their sources and licences: datasets/README.md.
 */
import {
  circles,
  noisyLinear,
  spiral,
  twoMoons,
  xor,
  type CirclesParams,
  type NoisyLinearParams,
  type SyntheticDataset,
} from './synthetic';

export type DatasetTask = 'binary' | 'multiclass' | 'regression';

/** A CSV file under `datasets/`. */
export interface BundledEntry {
  id: string;
  /** 'dataset': features + `target` (last column). 'predictions': `y_true` (first column) + model outputs. */
  kind: 'dataset' | 'predictions';
  /** Path relative to `datasets/`, with '/' separators, e.g. 'iris.csv' or 'predictions/binary-breast-cancer.csv'. */
  file: string;
  title: string;
  task: DatasetTask;
  /** Name of the column holding the truth: 'target' for datasets, 'y_true' for prediction files. */
  target: string;
  /** Data rows, not counting the header. */
  rows: number;
  /** All columns, the target included. */
  columns: number;
  /** Classification only: the distinct target values as written in the file, in sorted order. */
  classes?: readonly string[];
  /** Binary only: the target value that is the positive class. */
  positiveLabel?: string;
  /**
   * Prediction files only: the model names. Binary/regression files have one column per model (named
   * after it); multiclass files have one column per model and class, named `<model>:<class>`.
   */
  models?: readonly string[];
  /**
   * Prediction files only: the columns after the models that are not models (slice columns, the time
   * column), loaded as extra columns (core/metrics/slices/extra-columns.ts).
   */
  extra?: readonly string[];
  /** The extra column holding the time of each row, for the over-time view. */
  time?: string;
  /** One or two sentences for a person choosing a dataset: what a row is, what the target means. */
  description: string;
  /** Where the data comes from (loader and original source). */
  source: string;
}

/** Parameters any synthetic generator accepts; each generator ignores the ones it does not use. */
export type SyntheticGeneratorParams = CirclesParams & NoisyLinearParams;

/** A number a person can tune for a synthetic generator (for sliders and CLI flags). */
export interface SyntheticParamSpec {
  key: 'n' | 'noise' | 'seed' | 'factor' | 'd' | 'slope' | 'intercept';
  label: string;
  min: number;
  max: number;
  step: number;
}

/** A seeded generator from synthetic.ts. */
export interface SyntheticEntry {
  id: 'two-moons' | 'circles' | 'xor' | 'spiral' | 'noisy-linear';
  kind: 'synthetic';
  title: string;
  task: 'binary' | 'regression';
  description: string;
  /** A good starting point; `generate(defaults)` works as is. */
  defaults: SyntheticGeneratorParams;
  params: readonly SyntheticParamSpec[];
  generate: (params: SyntheticGeneratorParams) => SyntheticDataset;
}

export type CatalogEntry = BundledEntry | SyntheticEntry;

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Every CSV under datasets/, in the order a person would browse them. */
export const BUNDLED_DATASETS: readonly BundledEntry[] = [
  {
    id: 'iris',
    kind: 'dataset',
    file: 'iris.csv',
    title: 'Iris flowers',
    task: 'multiclass',
    target: 'target',
    rows: 150,
    columns: 5,
    classes: ['setosa', 'versicolor', 'virginica'],
    description:
      'Sepal and petal length and width (cm) of 150 iris flowers, 50 of each species; target is the species name. ' +
      'Setosa is linearly separable from the other two, which overlap slightly.',
    source: 'sklearn.datasets.load_iris; Fisher (1936), UCI Iris',
  },
  {
    id: 'wine',
    kind: 'dataset',
    file: 'wine.csv',
    title: 'Wine cultivars',
    task: 'multiclass',
    target: 'target',
    rows: 178,
    columns: 14,
    classes: ['0', '1', '2'],
    description:
      '13 chemical measurements of 178 Italian wines from three cultivars; target is the cultivar 0, 1 or 2 ' +
      '(59 / 71 / 48). Features have very different scales (proline is in the hundreds): a lesson in standardising.',
    source: 'sklearn.datasets.load_wine; UCI Wine (Forina et al., PARVUS)',
  },
  {
    id: 'breast-cancer',
    kind: 'dataset',
    file: 'breast-cancer.csv',
    title: 'Breast cancer (Wisconsin diagnostic)',
    task: 'binary',
    target: 'target',
    rows: 569,
    columns: 31,
    classes: ['0', '1'],
    positiveLabel: '1',
    description:
      '30 measurements of cell nuclei from 569 breast-mass biopsies; target 1 = malignant (212), 0 = benign (357). ' +
      "Note: this inverts scikit-learn's encoding so that the positive class is the disease.",
    source: 'sklearn.datasets.load_breast_cancer; UCI Breast Cancer Wisconsin (Diagnostic), Wolberg, Street & Mangasarian (1995)',
  },
  {
    id: 'diabetes',
    kind: 'dataset',
    file: 'diabetes.csv',
    title: 'Diabetes progression',
    task: 'regression',
    target: 'target',
    rows: 442,
    columns: 11,
    description:
      'Age, sex, BMI, blood pressure and six blood-serum measurements (unscaled) of 442 diabetes patients; target is ' +
      'a quantitative measure of disease progression one year after baseline (25 to 346).',
    source: 'sklearn.datasets.load_diabetes(scaled=False); Efron, Hastie, Johnstone & Tibshirani (2004), Least Angle Regression',
  },
  {
    id: 'digits',
    kind: 'dataset',
    file: 'digits.csv',
    title: 'Handwritten digits (8x8)',
    task: 'multiclass',
    target: 'target',
    rows: 1797,
    columns: 65,
    classes: DIGITS,
    description:
      '1797 handwritten digits as 8x8 images: 64 pixel columns px_<row>_<col> with intensities 0 to 16; target is ' +
      'the digit 0 to 9 (about 180 of each).',
    source: 'sklearn.datasets.load_digits; UCI Optical Recognition of Handwritten Digits, test set (Alpaydin & Kaynak, 1998)',
  },
  {
    id: 'binary-breast-cancer',
    kind: 'predictions',
    file: 'predictions/binary-breast-cancer.csv',
    title: 'Predictions: breast cancer, three classifiers',
    task: 'binary',
    target: 'y_true',
    rows: 569,
    columns: 4,
    classes: ['0', '1'],
    positiveLabel: '1',
    models: ['logistic', 'naive_bayes_2_features', 'svm_uncalibrated'],
    description:
      'Out-of-fold P(malignant) from three models (5-fold cross-validation): a good logistic regression, a mediocre ' +
      'naive Bayes on two features, and an SVM whose scores rank as well as the logistic model but are badly calibrated.',
    source: 'datasets/make_predictions.py (scikit-learn 1.2.1) on breast-cancer.csv',
  },
  {
    id: 'binary-churn-log',
    kind: 'predictions',
    file: 'predictions/binary-churn-log.csv',
    title: 'Predictions: a churn model over six months, by segment',
    task: 'binary',
    target: 'y_true',
    rows: 7280,
    columns: 7,
    classes: ['0', '1'],
    positiveLabel: '1',
    models: ['gbm', 'logistic'],
    extra: ['date', 'segment', 'region', 'tenure'],
    time: 'date',
    description:
      'A daily prediction log (January to June 2024) of two churn models with the customer segment, region and tenure: ' +
      'gbm fails on the mobile_app segment and drifts from May on; logistic is steady.',
    source: 'datasets/make_slices_example.py (seeded simulation)',
  },
  {
    id: 'regression-diabetes',
    kind: 'predictions',
    file: 'predictions/regression-diabetes.csv',
    title: 'Predictions: diabetes progression, two regressors',
    task: 'regression',
    target: 'y_true',
    rows: 442,
    columns: 3,
    models: ['linear', 'random_forest'],
    description:
      'Out-of-fold predictions of disease progression (5-fold cross-validation) from a linear regression and a random ' +
      'forest; the simpler linear model is slightly better here (R2 0.50 vs 0.45).',
    source: 'datasets/make_predictions.py (scikit-learn 1.2.1) on diabetes.csv',
  },
  {
    id: 'multiclass-digits',
    kind: 'predictions',
    file: 'predictions/multiclass-digits.csv',
    title: 'Predictions: digits, two classifiers',
    task: 'multiclass',
    target: 'y_true',
    rows: 1797,
    columns: 21,
    classes: DIGITS,
    models: ['logistic', 'forest'],
    description:
      'Out-of-fold class probabilities (5-fold cross-validation) for the ten digits from a logistic regression and a ' +
      'random forest, in columns <model>:<digit>; each model\'s ten probabilities sum to 1 on every row.',
    source: 'datasets/make_predictions.py (scikit-learn 1.2.1) on digits.csv',
  },
];

const COMMON_PARAMS: readonly SyntheticParamSpec[] = [
  { key: 'n', label: 'Points', min: 10, max: 10000, step: 10 },
  { key: 'noise', label: 'Noise (std)', min: 0, max: 1, step: 0.01 },
  { key: 'seed', label: 'Seed', min: 0, max: 2 ** 31 - 1, step: 1 },
];

/** The seeded generators, for lessons and the training page. */
export const SYNTHETIC_DATASETS: readonly SyntheticEntry[] = [
  {
    id: 'two-moons',
    kind: 'synthetic',
    title: 'Two moons',
    task: 'binary',
    description: 'Two interleaving half circles (as sklearn.datasets.make_moons): not linearly separable, easy for a small MLP.',
    defaults: { n: 400, noise: 0.15, seed: 1 },
    params: COMMON_PARAMS,
    generate: twoMoons,
  },
  {
    id: 'circles',
    kind: 'synthetic',
    title: 'Circles',
    task: 'binary',
    description:
      'A small circle inside a large one (as sklearn.datasets.make_circles); factor is the inner radius. A linear ' +
      'model cannot do better than chance; adding x1^2 + x2^2 as a feature makes it trivial.',
    defaults: { n: 400, noise: 0.1, seed: 1, factor: 0.5 },
    params: [...COMMON_PARAMS, { key: 'factor', label: 'Inner radius', min: 0, max: 0.95, step: 0.05 }],
    generate: circles,
  },
  {
    id: 'xor',
    kind: 'synthetic',
    title: 'XOR',
    task: 'binary',
    description: 'Four quadrants, label 1 where x1 and x2 have opposite signs: needs a hidden layer (or the feature x1*x2).',
    defaults: { n: 400, noise: 0.1, seed: 1 },
    params: COMMON_PARAMS,
    generate: xor,
  },
  {
    id: 'spiral',
    kind: 'synthetic',
    title: 'Two spirals',
    task: 'binary',
    description: 'Two interleaved spiral arms of 1.75 turns: the hard one, needs depth or many features.',
    defaults: { n: 500, noise: 0.05, seed: 1 },
    params: COMMON_PARAMS,
    generate: spiral,
  },
  {
    id: 'noisy-linear',
    kind: 'synthetic',
    title: 'Noisy line',
    task: 'regression',
    description: 'y = intercept + slope * x + Gaussian noise, x uniform in [-1, 1]; with d > 1, one slope per feature.',
    defaults: { n: 200, noise: 0.3, seed: 1, d: 1, slope: 2, intercept: 1 },
    params: [
      ...COMMON_PARAMS,
      { key: 'd', label: 'Features', min: 1, max: 20, step: 1 },
      { key: 'slope', label: 'Slope', min: -5, max: 5, step: 0.1 },
      { key: 'intercept', label: 'Intercept', min: -5, max: 5, step: 0.1 },
    ],
    generate: noisyLinear,
  },
];

/** Everything, bundled files first. Ids are unique across both lists. */
export const CATALOG: readonly CatalogEntry[] = [...BUNDLED_DATASETS, ...SYNTHETIC_DATASETS];

/** The entry with this id (exact, case-sensitive), or undefined. */
export function findCatalogEntry(id: string): CatalogEntry | undefined {
  return CATALOG.find((e) => e.id === id);
}

/** A bundled CSV entry by id; undefined for unknown ids and for synthetic generators. */
export function findBundledEntry(id: string): BundledEntry | undefined {
  return BUNDLED_DATASETS.find((e) => e.id === id);
}

/** A synthetic generator by id; undefined for unknown ids and for bundled files. */
export function findSyntheticEntry(id: string): SyntheticEntry | undefined {
  return SYNTHETIC_DATASETS.find((e) => e.id === id);
}

/**
 * The column names of a prediction file's model outputs, in file order: `[model]` per model for binary and
 * regression, `[model:class, ...]` per model for multiclass. Empty for dataset entries.
 */
export function predictionColumns(entry: BundledEntry): string[] {
  if (entry.kind !== 'predictions' || !entry.models) return [];
  if (entry.task !== 'multiclass') return [...entry.models];
  const classes = entry.classes ?? [];
  return entry.models.flatMap((m) => classes.map((c) => `${m}:${c}`));
}
