"""h5py peer for Hdf5ReadBenchmark: reads CREMI datasets as the .NET reader returns them.

Usage: hdf5_read.py raw FILE...            volumes/raw of each file, as float32
       hdf5_read.py labels FILE...         volumes/labels/neuron_ids of each file, as int32
       hdf5_read.py blocks D H W N FILE    N blocks of D x H x W from volumes/raw, corners on a fixed grid walk
Prints {"seconds": s, "voxels": n, "h5py": version}; only the reads are timed.
"""
import json
import sys
import time

import h5py
import numpy as np


def block_corners(shape, size, count):
    # The same deterministic walk as Hdf5ReadBenchmark.BlockCorners.
    corners = []
    for i in range(count):
        corners.append(tuple((i * 7919 * (a + 1)) % (shape[a] - size[a] + 1) for a in range(3)))
    return corners


def main(argv):
    mode = argv[0]
    voxels = 0
    start = time.perf_counter()
    if mode == "blocks":
        size = tuple(int(v) for v in argv[1:4])
        count = int(argv[4])
        with h5py.File(argv[5], "r") as f:
            ds = f["volumes/raw"]
            for z, y, x in block_corners(ds.shape, size, count):
                block = ds[z:z + size[0], y:y + size[1], x:x + size[2]].astype(np.float32)
                voxels += block.size
    else:
        name, dtype = ("volumes/raw", np.float32) if mode == "raw" else ("volumes/labels/neuron_ids", np.int32)
        for path in argv[1:]:
            with h5py.File(path, "r") as f:
                data = f[name][()].astype(dtype)
                voxels += data.size
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "voxels": voxels, "h5py": h5py.__version__}))


if __name__ == "__main__":
    main(sys.argv[1:])
