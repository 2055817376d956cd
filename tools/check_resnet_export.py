#!/usr/bin/env python3
"""Loads a `gtgm export-encoder` ResNet safetensors file into an independent PyTorch 3-D ResNet with the
torchvision / MedicalNet module names and GTGM's stem, strict=True, and compares its outputs with the ones
GTGM computed (a second safetensors file with tensors x, stem, l4, pooled).

usage: /usr/bin/python3 tools/check_resnet_export.py ENCODER.safetensors IO.safetensors resnet18|resnet50 WIDTH IN_CHANNELS
Needs only torch and numpy (reads safetensors itself)."""
import json, struct, sys
import numpy as np
import torch
import torch.nn as nn

DTYPES = {"F32": np.float32, "I64": np.int64, "F64": np.float64, "I32": np.int32}

def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        a, b = v["data_offsets"]
        arr = np.frombuffer(data[a:b], dtype=DTYPES[v["dtype"]]).reshape(v["shape"])
        out[k] = torch.from_numpy(arr.copy())
    return out

def conv(i, o, k, s):
    return nn.Conv3d(i, o, k, stride=s, padding=k // 2, bias=False)

class Basic(nn.Module):
    expansion = 1
    def __init__(self, i, p, s):
        super().__init__()
        self.conv1, self.bn1 = conv(i, p, 3, s), nn.BatchNorm3d(p)
        self.conv2, self.bn2 = conv(p, p, 3, 1), nn.BatchNorm3d(p)
        self.downsample = None if s == 1 and i == p else nn.Sequential(conv(i, p, 1, s), nn.BatchNorm3d(p))
    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + (x if self.downsample is None else self.downsample(x)))

class Bottleneck(nn.Module):
    expansion = 4
    def __init__(self, i, p, s):
        super().__init__()
        self.conv1, self.bn1 = conv(i, p, 1, 1), nn.BatchNorm3d(p)
        self.conv2, self.bn2 = conv(p, p, 3, s), nn.BatchNorm3d(p)
        self.conv3, self.bn3 = conv(p, 4 * p, 1, 1), nn.BatchNorm3d(4 * p)
        self.downsample = None if s == 1 and i == 4 * p else nn.Sequential(conv(i, 4 * p, 1, s), nn.BatchNorm3d(4 * p))
    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = torch.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        return torch.relu(y + (x if self.downsample is None else self.downsample(x)))

class ResNet3D(nn.Module):
    def __init__(self, block, depths, in_ch, width):
        super().__init__()
        base = max(1, round(64 * width))
        self.conv1 = nn.Conv3d(in_ch, base, (3, 7, 7), stride=(1, 2, 2), padding=(1, 3, 3), bias=False)
        self.bn1 = nn.BatchNorm3d(base)
        self.maxpool = nn.MaxPool3d(3, stride=(1, 2, 2), padding=1)
        i = base
        for s, d in enumerate(depths):
            blocks = []
            for b in range(d):
                blocks.append(block(i, base << s, (1 if s == 0 else 2) if b == 0 else 1))
                i = (base << s) * block.expansion
            setattr(self, f"layer{s + 1}", nn.Sequential(*blocks))
    def forward(self, x):
        stem = torch.relu(self.bn1(self.conv1(x)))
        y = self.layer4(self.layer3(self.layer2(self.layer1(self.maxpool(stem)))))
        return stem, y, y.mean(dim=(2, 3, 4))

def main():
    weights, io, name, width, in_ch = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
    block, depths = {"resnet10": (Basic, [1, 1, 1, 1]), "resnet18": (Basic, [2, 2, 2, 2]),
                     "resnet34": (Basic, [3, 4, 6, 3]), "resnet50": (Bottleneck, [3, 4, 6, 3])}[name]
    net = ResNet3D(block, depths, in_ch, width)
    net.load_state_dict(load_safetensors(weights), strict=True)
    net.eval()
    t = load_safetensors(io)
    with torch.no_grad():
        stem, l4, pooled = net(t["x"])
    for label, ours, theirs in (("stem", t["stem"], stem), ("layer4", t["l4"], l4), ("pooled", t["pooled"], pooled)):
        err = (ours - theirs).abs().max().item() / max(theirs.abs().max().item(), 1e-12)
        print(f"{name} {label}: shape {tuple(theirs.shape)}, max |gtgm - pytorch| / max|pytorch| = {err:.2e}")
        assert ours.shape == theirs.shape and err < 1e-4, label
    print(f"{name}: strict load OK ({len(net.state_dict())} tensors), outputs match")

if __name__ == "__main__":
    main()
