#!/usr/bin/python3
"""Make the example prediction files in datasets/predictions/ with real models.

Run from the repository root (deterministic: every splitter and model has a fixed random_state):

    apt-get install -y python3-sklearn      # Debian's scikit-learn 1.2.1
    /usr/bin/python3 datasets/make_predictions.py

Every prediction is OUT-OF-FOLD: cross_val_predict with 5 shuffled folds (StratifiedKFold for the
classifiers, KFold for the regressors, random_state=0), so each row is predicted by a model that
never saw it. The files:

  binary-breast-cancer.csv  y_true (1 = malignant), then each model's P(malignant):
      logistic                 StandardScaler + LogisticRegression on all 30 features (good model)
      naive_bayes_2_features   GaussianNB on mean_texture and mean_smoothness only (mediocre model)
      svm_uncalibrated         StandardScaler + SVC(rbf); its decision function passed straight
                               through the logistic sigmoid 1/(1+exp(-f)) with no Platt scaling:
                               ranks as well as the logistic model (same AUC ballpark) but its
                               probabilities are badly calibrated (too timid), so log loss and Brier
                               score are much worse.
  regression-diabetes.csv   y_true (disease progression), then predictions of
      linear                   LinearRegression on the 10 unscaled features
      random_forest            RandomForestRegressor(200 trees, min_samples_leaf=5)
  multiclass-digits.csv     y_true (digit 0..9), then per-class probabilities `<model>:<class>`
      logistic:0..9            StandardScaler + LogisticRegression (multinomial)
      forest:0..9              RandomForestClassifier(100 trees)
      Multiclass probabilities are rounded to 6 decimals: each row of each model is stored as integer
      millionths that sum to exactly 1,000,000, the rounding remainder (at most a few millionths)
      being absorbed by that row's largest probability. So each model's probabilities sum to 1 per
      row up to float parsing error (~1e-15).

Binary and regression values are written as the shortest decimal that round-trips to the float64
scikit-learn produced.
"""
import csv
import os

import numpy as np
import sklearn
from sklearn import datasets
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "predictions")
FOLDS = 5
SEED = 0


def fmt(v):
    """Shortest round-tripping decimal, no exponent; integers as integers."""
    v = float(v)
    if v.is_integer():
        return str(int(v))
    s = np.format_float_positional(v, unique=True, trim="-")
    assert float(s) == v
    return s


def write(filename, header, columns):
    n = len(columns[0])
    assert all(len(c) == n for c in columns)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, filename), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for i in range(n):
            w.writerow([c[i] for c in columns])
    print(f"wrote predictions/{filename}: {n} rows x {len(header)} columns")


def micro_units(P):
    """Round each row of probabilities to integer millionths summing to exactly 1,000,000."""
    U = np.rint(P * 1_000_000).astype(np.int64)
    for i in range(U.shape[0]):
        U[i, np.argmax(U[i])] += 1_000_000 - U[i].sum()
    assert (U >= 0).all() and (U.sum(axis=1) == 1_000_000).all()
    return U


def fmt_micro(u):
    """1 -> '0.000001', 1000000 -> '1', 0 -> '0'."""
    if u == 1_000_000:
        return "1"
    if u == 0:
        return "0"
    return ("0.%06d" % u).rstrip("0")


def binary_breast_cancer():
    bc = datasets.load_breast_cancer()
    X = bc.data
    y = (bc.target == 0).astype(int)  # 1 = malignant (inverts scikit-learn's 0 = malignant)
    cv = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)

    logistic = cross_val_predict(
        make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
        X, y, cv=cv, method="predict_proba")[:, 1]

    names = list(bc.feature_names)
    two = [names.index("mean texture"), names.index("mean smoothness")]
    nb = cross_val_predict(GaussianNB(), X[:, two], y, cv=cv, method="predict_proba")[:, 1]

    # SVC.decision_function is positive for classes_[1] = 1 (malignant).
    margin = cross_val_predict(
        make_pipeline(StandardScaler(), SVC(kernel="rbf")),
        X, y, cv=cv, method="decision_function")
    svm = 1.0 / (1.0 + np.exp(-margin))

    for p in (logistic, nb, svm):
        assert ((p >= 0) & (p <= 1)).all()
    write(
        "binary-breast-cancer.csv",
        ["y_true", "logistic", "naive_bayes_2_features", "svm_uncalibrated"],
        [[str(v) for v in y]] + [[fmt(v) for v in p] for p in (logistic, nb, svm)],
    )


def regression_diabetes():
    d = datasets.load_diabetes(scaled=False)
    X, y = d.data, d.target
    cv = KFold(FOLDS, shuffle=True, random_state=SEED)
    linear = cross_val_predict(LinearRegression(), X, y, cv=cv)
    forest = cross_val_predict(
        RandomForestRegressor(n_estimators=200, min_samples_leaf=5, random_state=SEED), X, y, cv=cv)
    write(
        "regression-diabetes.csv",
        ["y_true", "linear", "random_forest"],
        [[fmt(v) for v in y], [fmt(v) for v in linear], [fmt(v) for v in forest]],
    )


def multiclass_digits():
    d = datasets.load_digits()
    X, y = d.data, d.target
    cv = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    models = {
        "logistic": make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)),
        "forest": RandomForestClassifier(n_estimators=100, random_state=SEED),
    }
    header = ["y_true"]
    columns = [[str(v) for v in y]]
    for name, model in models.items():
        P = cross_val_predict(model, X, y, cv=cv, method="predict_proba")
        U = micro_units(P)
        for k in range(10):
            header.append(f"{name}:{k}")
            columns.append([fmt_micro(u) for u in U[:, k]])
    write("multiclass-digits.csv", header, columns)


def main():
    print(f"scikit-learn {sklearn.__version__}")
    binary_breast_cancer()
    regression_diabetes()
    multiclass_digits()


if __name__ == "__main__":
    main()
