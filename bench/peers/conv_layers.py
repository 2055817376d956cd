"""PyTorch peer of the conv-layers profile (bench/Benchmarks/ConvLayersBenchmark.cs).

One JSON request per stdin line:
  {"op": "setup", "input": [B,C,D,H,W], "cout": n, "kernel": [..], "stride": [..], "padding": [..], "precision": "fp32"|"bf16"}
      -> {"ok": true}; allocates the input, weight and output gradient
  {"op": "run"} -> {"seconds": s}: one forward conv3d and its backward (input and weight gradients)
Prints {"ready": true, "torch": version} first.
"""
import argparse
import json
import sys
import time

import torch
import torch.nn.functional as F


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, required=True)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    print(json.dumps({"ready": True, "torch": torch.__version__}), flush=True)
    state = None
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        if req["op"] == "setup":
            dtype = torch.bfloat16 if req["precision"] == "bf16" else torch.float32
            b, c = req["input"][:2]
            x = torch.randn(req["input"]).to(dtype).requires_grad_(True)
            w = torch.randn([req["cout"], c] + req["kernel"]).to(dtype).requires_grad_(True)
            with torch.no_grad():
                g = torch.ones_like(F.conv3d(x, w, None, req["stride"], req["padding"]))
            state = (x, w, g, req["stride"], req["padding"])
            print(json.dumps({"ok": True}), flush=True)
        elif req["op"] == "run":
            x, w, g, stride, padding = state
            t = time.perf_counter()
            F.conv3d(x, w, None, stride, padding).backward(g)
            print(json.dumps({"seconds": time.perf_counter() - t}), flush=True)
        else:
            sys.exit(f"unknown request {line!r}")


if __name__ == "__main__":
    main()
