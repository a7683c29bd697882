import type { Lesson, MetricsExperiment } from './types';

const scores: MetricsExperiment = {
  kind: 'metrics',
  source: {
    kind: 'synthetic-scores',
    n: 4000,
    prevalence: 0.05,
    seed: 21,
    models: [
      { id: 'majority', label: 'always 5% (majority)', constant: 0.05 },
      { id: 'good', label: 'good, calibrated', separation: 2.5 },
      { id: 'eager', label: 'same ranking, shifted up', separation: 2.5, shift: 3 },
      { id: 'overconfident', label: 'same ranking, overconfident', separation: 2.5, temperature: 4 },
    ],
  },
  calibrationBins: 10,
};

const lesson: Lesson = {
  id: 'metrics-disagree',
  order: 7,
  title: 'Metrics that disagree',
  summary: 'Accuracy, F1, AUC and log loss on imbalanced data: each answers a different question, and a model with a great AUC can still give terrible probabilities.',
  minutes: 12,
  steps: [
    {
      id: 'four-metrics',
      title: 'Four metrics, four questions',
      text:
        'Four classifiers scored on the same 4 000 cases, 5% of them positive. They differ on purpose:\n\n' +
        '- **accuracy** counts correct decisions at threshold 0.5, so it is dominated by the 95% negatives;\n' +
        '- **F1** looks only at the positive class: the harmonic mean of precision and recall;\n' +
        '- **ROC AUC** ignores the threshold: the probability that a random positive is scored above a random negative;\n' +
        '- **log loss** scores the probabilities themselves, and punishes confident mistakes hard.',
      formula: 'F1 = 2·P·R / (P + R)      AUC = P(s⁺ > s⁻)      log loss = −(1/n) Σ [ y log p + (1 − y) log(1 − p) ]',
      question: '"Always 5%" never flags anyone. Predict its accuracy, F1 and AUC before you run. Which metric would you report to a doctor?',
      explanation:
        'The majority model has 95% accuracy, F1 of 0 and AUC of 0.5: accuracy cannot see that it never finds a single positive. The "shifted" model ranks exactly as well as the good one (same AUC), but flags far too many cases at 0.5, so its accuracy drops and its log loss rises. ' +
        'No single number is "the" quality: choose the metric that matches the decision you will make.',
      experiment: scores,
      charts: ['roc'],
      show: ['accuracy', 'f1', 'roc_auc', 'log_loss'],
      checks: [
        { id: 'majority-accuracy', says: 'Majority: accuracy 95%', expect: 'close', value: { of: 'majority', key: 'accuracy' }, to: 0.95, tolerance: 0.001 },
        { id: 'majority-f1', says: 'Majority: F1 is 0', expect: 'equals', value: { of: 'majority', key: 'f1' }, to: 0 },
        { id: 'majority-auc', says: 'Majority: AUC is 0.5', expect: 'equals', value: { of: 'majority', key: 'roc_auc' }, to: 0.5 },
        { id: 'same-ranking', says: 'Shifted and good models have the same AUC', expect: 'close', value: { of: 'eager', key: 'roc_auc' }, to: { of: 'good', key: 'roc_auc' }, tolerance: 1e-12 },
        { id: 'eager-accuracy', says: '… but the shifted model\'s accuracy is lower than the majority model\'s', expect: 'below', value: { of: 'eager', key: 'accuracy' }, than: { of: 'majority', key: 'accuracy' } },
        { id: 'eager-f1', says: '… while its F1 is far above the majority model\'s 0', expect: 'above', value: { of: 'eager', key: 'f1' }, than: 0.2 },
        { id: 'good-logloss', says: 'The good model\'s log loss is lower than the shifted model\'s…', expect: 'below', value: { of: 'good', key: 'log_loss' }, than: { of: 'eager', key: 'log_loss' } },
        { id: 'good-logloss-majority', says: '… and lower than the majority model\'s', expect: 'below', value: { of: 'good', key: 'log_loss' }, than: { of: 'majority', key: 'log_loss' } },
      ],
    },
    {
      id: 'calibration',
      title: 'A great AUC, terrible probabilities',
      text:
        'The "overconfident" model ranks the cases exactly like the good one: its probabilities are a monotone function of the good ones (the logit multiplied by 4). So its AUC is identical, and so is every decision at threshold 0.5.\n\n' +
        'But when it says 99%, the case is positive far less often than 99% of the time. The **calibration curve** shows it: bin the predictions, and plot the fraction of positives in each bin against the mean prediction. A calibrated model lies on the diagonal.',
      formula: 'calibrated: P(y = 1 | p̂ = p) = p        ECE = Σ_bins (n_b / n) · |ȳ_b − p̄_b|',
      question: 'AUC and accuracy are identical for the two models. Which of log loss, Brier score and calibration error will notice the difference, and which the most?',
      explanation:
        'Log loss and calibration error see it at once: several times worse, and the calibration curve is an S far from the diagonal. The Brier score moves much less: it is dominated by the thousands of easy negatives near 0. If someone will read the probability (a risk to a patient, an expected cost), AUC alone is not enough.',
      experiment: { ...scores, source: { ...scores.source, models: scores.source.kind === 'synthetic-scores' ? scores.source.models.filter((m) => m.id === 'good' || m.id === 'overconfident') : [] } },
      charts: ['calibration', 'roc'],
      show: ['roc_auc', 'accuracy', 'log_loss', 'brier', 'calibration.ece'],
      checks: [
        { id: 'same-auc', says: 'The two AUCs are identical', expect: 'close', value: { of: 'overconfident', key: 'roc_auc' }, to: { of: 'good', key: 'roc_auc' }, tolerance: 1e-12 },
        { id: 'same-accuracy', says: 'So are the accuracies at 0.5', expect: 'close', value: { of: 'overconfident', key: 'accuracy' }, to: { of: 'good', key: 'accuracy' }, tolerance: 0 },
        { id: 'logloss-worse', says: 'The overconfident model\'s log loss is at least 1.5× worse', expect: 'above', value: { ratio: [{ of: 'overconfident', key: 'log_loss' }, { of: 'good', key: 'log_loss' }] }, than: 1.5 },
        { id: 'ece-worse', says: 'Its calibration error (ECE) is at least 3× larger', expect: 'above', value: { ratio: [{ of: 'overconfident', key: 'calibration.ece' }, { of: 'good', key: 'calibration.ece' }] }, than: 3 },
      ],
    },
    {
      id: 'real-svm',
      title: 'The same thing in real predictions',
      text:
        'Out-of-fold predictions of two real models on the 569 breast-cancer biopsies (see the Metrics page): a logistic regression, and a support-vector machine whose raw scores were squashed into [0, 1] without calibration.',
      question: 'The two rank the biopsies about equally well. Which one\'s probabilities would you trust?',
      explanation:
        'Nearly the same AUC, but the SVM\'s log loss and calibration error are much worse. In scikit-learn the fix is `CalibratedClassifierCV` (Platt scaling or isotonic regression), fitted on held-out data.',
      experiment: {
        kind: 'metrics',
        source: { kind: 'bundled-predictions', id: 'binary-breast-cancer', models: [{ id: 'logistic', label: 'logistic regression' }, { id: 'svm_uncalibrated', label: 'SVM, uncalibrated' }] },
        calibrationBins: 10,
      },
      charts: ['calibration'],
      show: ['roc_auc', 'log_loss', 'brier', 'calibration.ece'],
      checks: [
        { id: 'close-auc', says: 'Their AUCs are within 0.01 of each other', expect: 'close', value: { of: 'svm_uncalibrated', key: 'roc_auc' }, to: { of: 'logistic', key: 'roc_auc' }, tolerance: 0.01 },
        { id: 'svm-logloss', says: 'The SVM\'s log loss is worse', expect: 'above', value: { of: 'svm_uncalibrated', key: 'log_loss' }, than: { of: 'logistic', key: 'log_loss' } },
        { id: 'svm-ece', says: 'Its calibration error is at least twice the logistic model\'s', expect: 'above', value: { ratio: [{ of: 'svm_uncalibrated', key: 'calibration.ece' }, { of: 'logistic', key: 'calibration.ece' }] }, than: 2 },
      ],
    },
  ],
};

export default lesson;
