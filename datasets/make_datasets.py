#!/usr/bin/python3
"""Export scikit-learn's bundled toy datasets as the CSV files in datasets/.

Run from the repository root (deterministic; no network, no randomness):

    apt-get install -y python3-sklearn      # Debian's scikit-learn 1.2.1
    /usr/bin/python3 datasets/make_datasets.py

Every file has a header row, snake_case feature names, and the target in a column named
`target` as the LAST column. Encodings (see datasets/README.md):

  iris.csv           target = species name: setosa / versicolor / virginica
  wine.csv           target = cultivar 0 / 1 / 2 (scikit-learn's class_0..class_2; UCI's 1..3)
  breast-cancer.csv  target = 1 for MALIGNANT, 0 for benign.
                     !! This INVERTS scikit-learn's load_breast_cancer encoding (0 = malignant) so that
                     !! the positive class is the disease, as precision/recall/ROC conventionally assume.
  diabetes.csv       target = disease progression one year after baseline (unscaled features)
  digits.csv         target = digit 0..9; px_r_c = pixel at row r, column c of the 8x8 image (0..16)
"""
import csv
import os
import re

import numpy as np
import sklearn
from sklearn import datasets

HERE = os.path.dirname(os.path.abspath(__file__))


def fmt(value):
    """Shortest decimal that round-trips to the same float64, without exponent notation.

    The bundled values are short decimals (5.1, 0.1184), so they stay short; integers print as
    integers (59, not 59.0) so a loader can tell integer columns apart.
    """
    if isinstance(value, str):
        return value
    v = float(value)
    if v.is_integer():
        return str(int(v))
    s = np.format_float_positional(v, unique=True, trim="-")
    assert float(s) == v, (s, v)
    return s


def snake(name):
    """'mean radius' -> 'mean_radius', 'sepal length (cm)' -> 'sepal_length_cm'."""
    s = re.sub(r"[^0-9a-zA-Z]+", "_", str(name)).strip("_").lower()
    return s


def write(filename, feature_names, X, y):
    path = os.path.join(HERE, filename)
    assert len(set(feature_names)) == len(feature_names), "duplicate column names"
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(list(feature_names) + ["target"])
        for row, t in zip(X, y):
            w.writerow([fmt(v) for v in row] + [fmt(t)])
    print(f"wrote {filename}: {X.shape[0]} rows x {X.shape[1] + 1} columns")


def main():
    print(f"scikit-learn {sklearn.__version__}")

    iris = datasets.load_iris()
    write(
        "iris.csv",
        [snake(n) for n in iris.feature_names],
        iris.data,
        [str(iris.target_names[t]) for t in iris.target],
    )

    wine = datasets.load_wine()
    write("wine.csv", [snake(n) for n in wine.feature_names], wine.data, wine.target)

    bc = datasets.load_breast_cancer()
    # scikit-learn: target_names = ['malignant', 'benign'], so 0 = malignant. We flip it: 1 = malignant.
    assert list(bc.target_names) == ["malignant", "benign"]
    malignant = (bc.target == 0).astype(int)
    assert malignant.sum() == 212  # the UCI WDBC file has 212 malignant, 357 benign
    write("breast-cancer.csv", [snake(n) for n in bc.feature_names], bc.data, malignant)

    # scaled=False (scikit-learn >= 1.1) gives the original measurements, not mean-centred/scaled ones.
    diabetes = datasets.load_diabetes(scaled=False)
    # Efron et al.'s blood-serum measurements s1..s6, with their meaning appended.
    diabetes_names = {
        "s1": "s1_tc", "s2": "s2_ldl", "s3": "s3_hdl",
        "s4": "s4_tch", "s5": "s5_ltg", "s6": "s6_glu",
    }
    write(
        "diabetes.csv",
        [diabetes_names.get(n, n) for n in diabetes.feature_names],
        diabetes.data,
        diabetes.target,
    )

    digits = datasets.load_digits()
    # scikit-learn names them pixel_<row>_<col> in row-major order; we shorten to px_<row>_<col>.
    names = [f"px_{r}_{c}" for r in range(8) for c in range(8)]
    assert [n.replace("pixel_", "px_") for n in digits.feature_names] == names
    write("digits.csv", names, digits.data, digits.target)


if __name__ == "__main__":
    main()
