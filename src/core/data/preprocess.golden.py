"""Golden values for preprocess.test.ts from scikit-learn (run with Debian's /usr/bin/python3).

    /usr/bin/python3 src/core/data/preprocess.golden.py > src/core/data/preprocess.golden.json

Per numeric column: SimpleImputer(strategy) -> StandardScaler() fitted on the training rows, plus
MissingIndicator(features='missing-only') (not scaled). Categorical column: SimpleImputer(most_frequent)
-> OneHotEncoder(handle_unknown='ignore'). Columns are emitted in the order preprocess.ts uses:
for each input column, its value column(s) then its indicator.
"""
import json
import numpy as np
import sklearn
from sklearn.impute import SimpleImputer, MissingIndicator
from sklearn.preprocessing import StandardScaler, OneHotEncoder

nan = float("nan")
train_num = {
    "a": [1.0, 2.0, nan, 4.0, 10.0, 2.0],
    "b": [5.0, 5.0, 5.0, 5.0, 5.0, 5.0],       # constant: scale stays 1
    "c": [nan, 0.5, 0.25, 0.5, nan, 3.0],
}
train_cat = {"colour": ["red", None, "blue", "red", "green", "blue"]}
test_num = {"a": [nan, 3.0], "b": [6.0, nan], "c": [1.0, nan]}
test_cat = {"colour": ["purple", None]}   # purple: unseen -> all zeros

def column_block(strategy, name, train, test):
    tr = np.array(train, dtype=float).reshape(-1, 1)
    te = np.array(test, dtype=float).reshape(-1, 1)
    imp = SimpleImputer(strategy=strategy).fit(tr)
    sc = StandardScaler().fit(imp.transform(tr))
    out_tr = [sc.transform(imp.transform(tr))]
    out_te = [sc.transform(imp.transform(te))]
    names = [name]
    mi = MissingIndicator(features="missing-only").fit(tr)
    if mi.features_.size:
        out_tr.append(mi.transform(tr).astype(float))
        out_te.append(mi.transform(te).astype(float))
        names.append(name + "_missing")
    return names, np.hstack(out_tr), np.hstack(out_te)

def cat_block(name, train, test):
    tr = np.array([[v if v is not None else np.nan] for v in train], dtype=object)
    te = np.array([[v if v is not None else np.nan] for v in test], dtype=object)
    imp = SimpleImputer(strategy="most_frequent", missing_values=np.nan).fit(tr)
    enc = OneHotEncoder(handle_unknown="ignore").fit(imp.transform(tr))
    names = [f"{name}={c}" for c in enc.categories_[0]]
    out_tr = [enc.transform(imp.transform(tr)).toarray()]
    out_te = [enc.transform(imp.transform(te)).toarray()]
    mi = MissingIndicator(features="missing-only", missing_values=np.nan).fit(tr)
    if mi.features_.size:
        out_tr.append(mi.transform(tr).astype(float))
        out_te.append(mi.transform(te).astype(float))
        names.append(name + "_missing")
    return names, np.hstack(out_tr), np.hstack(out_te)

cases = {}
for strategy in ["mean", "median", "most_frequent"]:
    names, trs, tes = [], [], []
    for col in ["a", "b", "c"]:
        n, a, b = column_block(strategy, col, train_num[col], test_num[col])
        names += n; trs.append(a); tes.append(b)
    n, a, b = cat_block("colour", train_cat["colour"], test_cat["colour"])
    names += n; trs.append(a); tes.append(b)
    cases[strategy] = {"featureNames": names, "train": np.hstack(trs).tolist(), "test": np.hstack(tes).tolist()}

def nulls(d):
    return {k: [None if isinstance(v, float) and np.isnan(v) else v for v in vs] for k, vs in d.items()}

print(json.dumps({
    "sklearn": sklearn.__version__,
    "trainNumeric": nulls(train_num), "trainCategorical": train_cat,
    "testNumeric": nulls(test_num), "testCategorical": test_cat,
    "cases": cases,
}, indent=1))
