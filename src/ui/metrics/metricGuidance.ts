/**
 * "When to use it", per metric key: a teacher's short advice shown in the tooltip under the formula
 * and explanation that come from the core's definitions (src/core/metrics/definitions.ts).
 */
export const METRIC_GUIDANCE: Record<'binary' | 'regression' | 'multiclass', Record<string, string>> = {
  binary: {
    roc_auc: 'Compare models by it before you pick a threshold. It ignores class balance, so a model can score 0.95 and still flag mostly false alarms when positives are rare: read average precision too.',
    average_precision: 'Prefer it to ROC AUC when positives are rare and what matters is the top of the ranking (fraud, search, screening follow-ups).',
    log_loss: 'Use it when the probabilities themselves matter, not just the yes/no. AUC cannot see overconfidence; log loss punishes it hard. One row predicted 0.999 and wrong can dominate it.',
    brier: 'A gentler cousin of log loss: bounded, so one wild prediction cannot dominate. Good for judging probability quality; compare with 0.25 (always answering 0.5).',
    accuracy: 'Fine when classes are balanced and both mistakes cost the same. Otherwise read balanced accuracy, MCC, or set the costs below.',
    precision: 'Read it when acting on a flag is expensive: every false alarm costs time, money or trust.',
    recall: 'Read it when a miss is expensive (a missed tumour, a missed fraud): how many real cases you catch.',
    specificity: 'Read it with recall: together they say how the model treats each class, whatever the class balance.',
    fpr: 'The x-axis of the ROC curve. Multiply by the number of negatives to see how many false alarms you will handle.',
    fnr: 'The share of real cases you let through. In screening this is the number to keep low.',
    f1: 'One number for the flagged set when positives are rare and true negatives do not matter. F1 judges one threshold; AUC judges the ranking over all thresholds; log loss judges the probabilities.',
    mcc: 'The most honest single number for a yes/no classifier on imbalanced data: it is high only when all four cells of the confusion matrix are good.',
    balanced_accuracy: 'Accuracy that a majority-class guesser cannot game: it scores 0.5 whatever the imbalance.',
    tp: 'Count at the current threshold.',
    fp: 'Count at the current threshold: the false alarms someone will have to handle.',
    tn: 'Count at the current threshold.',
    fn: 'Count at the current threshold: the cases you miss.',
  },
  regression: {
    rmse: 'RMSE is L2: squaring makes one error of 10 cost as much as one hundred errors of 1. Use it when big misses are much worse than small ones. Least squares minimises it; the mean is its best constant guess.',
    mse: 'The squared-error loss itself, in squared units: good for optimisation, hard to read. Report RMSE instead.',
    mae: 'MAE is L1: every unit of error weighs the same, so outliers do not dominate. The median is its best constant guess. RMSE ≥ MAE always; a big gap means a few large errors.',
    r2: 'Says how much better than predicting the mean the model is, on a 0-to-1 scale people understand. Compare models on the same data only: R² depends on how spread out y is.',
    adjusted_r2: 'Use it to compare models with different numbers of features on the same data: each useless feature costs something. Needs k, the number of features.',
    explained_variance: 'Read it next to R²: if it is clearly higher, the predictions are biased (off by a constant) and a simple shift would help.',
    max_error: 'The worst single miss. Use it when one large error is unacceptable (a safety margin), knowing it rests on a single row.',
    median_absolute_error: 'The typical error of a typical row, untouched by outliers. If it is much smaller than MAE, a few rows carry most of the error: look at them below.',
  },
  multiclass: {
    accuracy: 'Fine when classes are about equally frequent; otherwise large classes hide failures on small ones.',
    balanced_accuracy: 'Every class counts the same, so a model that ignores a small class is caught.',
    macro_precision: 'Macro averages treat every class as equally important, whatever its size. Use them when small classes matter.',
    macro_recall: 'Macro recall is balanced accuracy by another name, when every class is present in the labels.',
    macro_f1: 'The usual headline for imbalanced multiclass problems: low if any class is handled badly.',
    micro_f1: 'Pools every decision: with one label per row it equals accuracy, so it is dominated by the big classes.',
    weighted_f1: 'Averages per-class F1 by class size: closer to accuracy in spirit than macro F1.',
    log_loss: 'Judges the probabilities, not just the top answer. Compare with ln K, the score of a uniform guess.',
    roc_auc_ovr_macro: 'How well each class’s probability ranks its own rows first, averaged over classes: threshold-free, like binary AUC.',
  },
};
