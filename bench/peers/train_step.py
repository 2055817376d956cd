"""PyTorch peer of the training-step benchmark (bench/Benchmarks/TrainingStepBenchmark.cs).

Builds the same 3-D ResNet as src/Gtgm/Networks/ResNet/ResNet3D.cs (GTGM stem: conv1 (3,7,7) stride (1,2,2),
max-pool stride (1,2,2); basic or bottleneck blocks; shortcut B) and answers one JSON line per request on stdin:
  step   -> one training step (forward, loss, backward, AdamW step),
            {"seconds": s, "forward": f, "backward": b, "optimizer": o} (the phases, for the profile)
  memory -> {"baseline_rss_mib": b, "peak_rss_mib": m}: VmRSS before the model was built and VmHWM now, from
            /proc/self/status (ru_maxrss would count the forked parent's memory from before exec)
Each step also reports the minor page faults of each phase (first touches of freshly allocated memory).
On start it prints {"ready": true, "params": n, "conv_flops_forward": f, "torch": version}; it exits with an error
when --expect-params differs from its own parameter count, so both sides provably train the same network.
"""
import argparse
import json
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv(cin, cout, k, stride):
    return nn.Conv3d(cin, cout, k, stride, k // 2, bias=False)


def downsample(cin, cout, stride):
    if stride == 1 and cin == cout:
        return None
    return nn.Sequential(conv(cin, cout, 1, stride), nn.BatchNorm3d(cout))


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, cin, planes, stride):
        super().__init__()
        self.conv1, self.bn1 = conv(cin, planes, 3, stride), nn.BatchNorm3d(planes)
        self.conv2, self.bn2 = conv(planes, planes, 3, 1), nn.BatchNorm3d(planes)
        self.downsample = downsample(cin, planes, stride)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.downsample is None else self.downsample(x)))


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, cin, planes, stride):
        super().__init__()
        self.conv1, self.bn1 = conv(cin, planes, 1, 1), nn.BatchNorm3d(planes)
        self.conv2, self.bn2 = conv(planes, planes, 3, stride), nn.BatchNorm3d(planes)
        self.conv3, self.bn3 = conv(planes, planes * 4, 1, 1), nn.BatchNorm3d(planes * 4)
        self.downsample = downsample(cin, planes * 4, stride)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = F.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        return F.relu(y + (x if self.downsample is None else self.downsample(x)))


class ResNet3D(nn.Module):
    def __init__(self, block, depths, in_channels, width):
        super().__init__()
        base = max(1, int(round(64 * width)))  # C# Math.Round is banker's rounding, as is Python's round
        self.conv1 = nn.Conv3d(in_channels, base, (3, 7, 7), (1, 2, 2), (1, 3, 3), bias=False)
        self.bn1 = nn.BatchNorm3d(base)
        self.maxpool = nn.MaxPool3d(3, (1, 2, 2), 1)
        cin = base
        for s, depth in enumerate(depths):
            planes, blocks = base << s, []
            for b in range(depth):
                blocks.append(block(cin, planes, (1 if s == 0 else 2) if b == 0 else 1))
                cin = planes * block.expansion
            setattr(self, f"layer{s + 1}", nn.Sequential(*blocks))

    def forward(self, x):
        x = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return F.adaptive_avg_pool3d(x, 1).flatten(1)


def conv_flops_forward(model, x):
    """2 * Cin/groups * k^3 * output elements, summed over every Conv3d (forward hooks)."""
    total = [0]

    def hook(m, _inp, out):
        total[0] += 2 * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1] * m.kernel_size[2] * out.numel()

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, nn.Conv3d)]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return total[0]


def status_mib(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--block", choices=["basic", "bottleneck"], required=True)
    p.add_argument("--depths", required=True)
    p.add_argument("--width", type=float, required=True)
    p.add_argument("--in-channels", type=int, default=1)
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--precision", choices=["fp32", "bf16"], required=True)
    p.add_argument("--expect-params", type=int, required=True)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    baseline = status_mib("VmRSS:")
    block = BasicBlock if a.block == "basic" else Bottleneck
    model = ResNet3D(block, [int(d) for d in a.depths.split(",")], a.in_channels, a.width)
    params = sum(t.numel() for t in model.parameters())
    if params != a.expect_params:
        sys.exit(f"parameter count {params} != {a.expect_params}: the peer network differs from ours")
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=2e-5, weight_decay=0.05)
    x = torch.randn(a.batch, a.in_channels, a.size, a.size, a.size)
    flops = conv_flops_forward(model, x)
    print(json.dumps({"ready": True, "params": params, "conv_flops_forward": flops, "torch": torch.__version__}), flush=True)

    def step():
        f0, t0 = faults(), time.perf_counter()
        # Zeroing, not freeing, the gradients: TorchSharp's zero_grad can only zero, and so does 1.13's default.
        opt.zero_grad(set_to_none=False)
        if a.precision == "bf16":
            with torch.autocast("cpu", dtype=torch.bfloat16):
                out = model(x)
        else:
            out = model(x)
        loss = out.float().square().mean()
        t1, f1 = time.perf_counter(), faults()
        loss.backward()
        t2, f2 = time.perf_counter(), faults()
        opt.step()
        t3, f3 = time.perf_counter(), faults()
        return {"seconds": t3 - t0, "forward": t1 - t0, "backward": t2 - t1, "optimizer": t3 - t2,
                "faults": [f1 - f0, f2 - f1, f3 - f2]}

    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "step":
            print(json.dumps(step()), flush=True)
        elif cmd == "memory":
            print(json.dumps({"baseline_rss_mib": baseline, "peak_rss_mib": status_mib("VmHWM:")}), flush=True)
        elif cmd:
            sys.exit(f"unknown request {cmd!r}")


if __name__ == "__main__":
    main()
