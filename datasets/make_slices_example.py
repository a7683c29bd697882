#!/usr/bin/python3
"""Make datasets/predictions/binary-churn-log.csv: a prediction log with a segment column, a region
column and a date column, for the Slices and Over-time views (and the lesson "one number hides a
failing group").

Run from the repository root (deterministic: numpy.random.default_rng(14), nothing else random):

    /usr/bin/python3 datasets/make_slices_example.py

The story: a churn model scored every day from 2024-01-01 to 2024-06-30 (UTC), 40 customers a day,
7280 rows. Columns:
  y_true    1 = the customer churned
  gbm       the production model's P(churn)
  logistic  an older, simpler model's P(churn)
  date      the scoring day, ISO 8601 (2024-01-01)
  segment   consumer (55%), small_business (30%), mobile_app (15%)
  region    north, south, east, west (equal shares)
  tenure    months as a customer (integer 1..120), a numeric slice column

Each row has a latent risk z ~ N(0, 1); y_true ~ Bernoulli(sigmoid(3 z - 1.5)) (about 33% churn).
A model's score is sigmoid(a (z + noise) + b) with noise ~ N(0, s^2): a larger s ranks worse.
  gbm (a = 2.5, b = -1.2): s = 0.2 for consumer and small_business, but s = 1.4 on mobile_app
            (planted: the app's customers were barely in its training data), so its ROC AUC there
            is about 0.71 against 0.92 elsewhere (January to April);
            from 2024-05-01 on, s = 1.1 for everyone and its logit shifts by +1.4 (planted drift: a
            tracking change broke one of its inputs), so its monthly AUC falls below 0.8 and the
            PSI of its scores against January rises above 0.2 in May and June.
  logistic (a = 1.3, b = -1.1): s = 0.65 everywhere and always (AUC about 0.85 in every segment and
            month: no failing group, no drift; overall it looks no better than gbm's 0.83).
Probabilities are rounded to 6 decimals.
"""
import csv
import os

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OUT = os.path.join(ROOT, "datasets", "predictions", "binary-churn-log.csv")


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def main():
    rng = np.random.default_rng(14)
    days = np.arange(np.datetime64("2024-01-01"), np.datetime64("2024-07-01"))
    per_day = 40
    date = np.repeat(days, per_day)
    n = len(date)
    segment = rng.choice(["consumer", "small_business", "mobile_app"], size=n, p=[0.55, 0.30, 0.15])
    region = rng.choice(["north", "south", "east", "west"], size=n)
    tenure = rng.integers(1, 121, size=n)
    z = rng.normal(size=n)
    y = (rng.random(n) < sigmoid(3.0 * z - 1.5)).astype(int)
    late = date >= np.datetime64("2024-05-01")
    s_gbm = np.where(segment == "mobile_app", 1.4, 0.2)
    s_gbm = np.where(late, 1.1, s_gbm)
    shift = np.where(late, 1.4, 0.0)
    gbm = sigmoid(2.5 * (z + rng.normal(size=n) * s_gbm) - 1.2 + shift)
    logistic = sigmoid(1.3 * (z + rng.normal(size=n) * 0.65) - 1.1)
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["y_true", "gbm", "logistic", "date", "segment", "region", "tenure"])
        for i in range(n):
            w.writerow([int(y[i]), f"{gbm[i]:.6f}", f"{logistic[i]:.6f}", str(date[i]), segment[i],
                        region[i], int(tenure[i])])
    print(f"wrote {OUT}: {n} rows")


if __name__ == "__main__":
    main()
