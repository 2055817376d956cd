"""nibabel peer for NiftiReadBenchmark: reads each file as float32, as the .NET reader does.

Usage: nifti_read.py FILE...   Prints {"seconds": s, "voxels": n, "nibabel": version} for one pass over the files.
Only the reads are timed (not Python's start-up or the import).
"""
import json
import sys
import time

import nibabel as nib
import numpy as np


def main(paths):
    voxels = 0
    start = time.perf_counter()
    for path in paths:
        data = nib.load(path).get_fdata(dtype=np.float32)
        voxels += data.size
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "voxels": voxels, "nibabel": nib.__version__}))


if __name__ == "__main__":
    main(sys.argv[1:])
