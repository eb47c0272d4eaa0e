"""The standard baseline of `npx fannao eval text` (issue 6): jieba + TF-IDF word 1-2-grams +
LinearSVC (scikit-learn), run with Debian's /usr/bin/python3 (python3-sklearn, python3-jieba).

Input (argv[1]): a JSON file {"train": [{"tokens": "w1 w2 …", "label": …}],
"test": [{"text": raw, "label": …}], "cv": [{"tokens": …, "label": …}], "folds": [int, …]}.
Training texts are already segmented (the TipDM set); test texts are raw and are segmented with
jieba here, inside the timed end-to-end loop. Output (stdout): one JSON object with the
predictions, timings (CPU seconds of this process) and the cross-validation predictions.
"""
import json
import sys
import time

import jieba
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

jieba.setLogLevel(60)


def model():
    return TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"(?u)\b\w\w+\b"), LinearSVC(C=1.0)


def main():
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    jieba.initialize()
    vec, svm = model()
    t0 = time.process_time()
    x = vec.fit_transform([d["tokens"] for d in data["train"]])
    svm.fit(x, [d["label"] for d in data["train"]])
    train_seconds = time.process_time() - t0

    t0 = time.process_time()
    segmented = [" ".join(jieba.lcut(d["text"])) for d in data["test"]]
    predictions = list(svm.predict(vec.transform(segmented)))
    test_seconds = time.process_time() - t0

    cv = [None] * len(data.get("cv", []))
    folds = data.get("folds", [])
    for f in sorted(set(folds)):
        tr = [i for i, g in enumerate(folds) if g != f]
        te = [i for i, g in enumerate(folds) if g == f]
        v, s = model()
        s.fit(v.fit_transform([data["cv"][i]["tokens"] for i in tr]), [data["cv"][i]["label"] for i in tr])
        for i, p in zip(te, s.predict(v.transform([data["cv"][i]["tokens"] for i in te]))):
            cv[i] = p

    json.dump(
        {
            "predictions": predictions,
            "trainSeconds": train_seconds,
            "testSeconds": test_seconds,
            "messagesPerSecond": len(data["test"]) / max(test_seconds, 1e-9),
            "cvPredictions": cv,
            "versions": {"python": sys.version.split()[0], "sklearn": __import__("sklearn").__version__},
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()
