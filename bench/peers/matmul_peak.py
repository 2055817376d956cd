"""PyTorch peer of the matrix-multiply peak benchmark (bench/Benchmarks/MatmulPeakBenchmark.cs).

Answers one JSON line per request on stdin: "fp32" or "bf16" -> {"seconds": s} for one torch.mm of two
size x size matrices of that dtype. Prints {"ready": true, "torch": version} first.
"""
import argparse
import json
import sys
import time

import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--threads", type=int, required=True)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    mats = {}
    for name, dtype in (("fp32", torch.float32), ("bf16", torch.bfloat16)):
        mats[name] = (torch.randn(a.size, a.size).to(dtype), torch.randn(a.size, a.size).to(dtype))
    print(json.dumps({"ready": True, "torch": torch.__version__}), flush=True)
    for line in sys.stdin:
        cmd = line.strip()
        if cmd in mats:
            x, y = mats[cmd]
            t = time.perf_counter()
            torch.mm(x, y)
            print(json.dumps({"seconds": time.perf_counter() - t}), flush=True)
        elif cmd:
            sys.exit(f"unknown request {cmd!r}")


if __name__ == "__main__":
    main()
