"""scikit-image peer of the EM segmentation benchmark (bench/Benchmarks/EmSegmentationBenchmark.cs).

Loads volumes/labels/neuron_ids of a prediction and a truth file (CREMI HDF5, h5py) once, then answers one JSON
line per request on stdin: "metrics" -> {"seconds": s} for computing VOI (split, merge) and the adapted Rand
error with skimage.metrics, truth label 0 ignored. The greeting carries the scores themselves, in CREMI's units
(VOI in bits), so the benchmark can check that both sides compute the same numbers:
{"ready": true, "voi_split": .., "voi_merge": .., "arand": .., "skimage": version}.
"""
import argparse
import json
import sys
import time

import h5py
import numpy as np
import skimage
from skimage.metrics import adapted_rand_error, variation_of_information

DATASET = "volumes/labels/neuron_ids"


def scores(pred, truth):
    # skimage returns [H(pred | truth), H(truth | pred)], already in bits (log2): CREMI's split and merge.
    split, merge = variation_of_information(truth, pred, ignore_labels=(0,))
    arand, _, _ = adapted_rand_error(truth, pred, ignore_labels=(0,))
    return float(split), float(merge), float(arand)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--pred", required=True)
    p.add_argument("--truth", required=True)
    a = p.parse_args()
    with h5py.File(a.pred, "r") as f:
        pred = np.asarray(f[DATASET]).astype(np.int64)
    with h5py.File(a.truth, "r") as f:
        truth = np.asarray(f[DATASET]).astype(np.int64)
    split, merge, arand = scores(pred, truth)
    print(json.dumps({"ready": True, "voi_split": split, "voi_merge": merge, "arand": arand,
                      "skimage": skimage.__version__}), flush=True)
    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "metrics":
            t = time.perf_counter()
            scores(pred, truth)
            print(json.dumps({"seconds": time.perf_counter() - t}), flush=True)
        elif cmd:
            sys.exit(f"unknown request {cmd!r}")


if __name__ == "__main__":
    main()
