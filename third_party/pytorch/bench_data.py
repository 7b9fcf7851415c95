"""Throughput of torchvision's SimCLR two-view pipeline through a DataLoader.

The PyTorch side of `selfsup bench data`: an ImageFolder of JPEGs decoded by
PIL, two views per image with the SimCLR ImageNet augmentations
(RandomResizedCrop(224), RandomHorizontalFlip, RandomApply(ColorJitter(0.8,
0.8, 0.8, 0.2), p=0.8), RandomGrayscale(0.2), RandomApply(GaussianBlur(23,
(0.1, 2.0)), p=0.5), ToTensor, Normalize), collated by a DataLoader with
--workers worker processes (torch.set_num_threads(1) in each and in the main
process). After --warmup seconds it counts source images (each yields two
views) for --seconds and prints one JSON line on stdout,
{"two_view_img_per_s": x, "workers": n, "skipped": 0}, and a summary on
stderr.

Usage:
  /usr/bin/python3 third_party/pytorch/bench_data.py --root DIR \
      [--workers 2] [--batch 64] [--seconds 20] [--warmup 5] [--size 224]
"""
import argparse
import json
import os
import sys
import time

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)


class TwoViews:
    def __init__(self, t):
        self.t = t

    def __call__(self, x):
        return self.t(x), self.t(x)


def simclr(size, interpolation):
    # The same pipeline as selfsup's data.SimCLR(size): its resize filter
    # and its blur kernel (about a tenth of the size, odd; 23 at 224).
    kernel = 2 * (size // 10 // 2) + 1
    return transforms.Compose([
        transforms.RandomResizedCrop(size, interpolation=interpolation),
        transforms.RandomHorizontalFlip(),
        transforms.RandomApply([transforms.ColorJitter(0.8, 0.8, 0.8, 0.2)], p=0.8),
        transforms.RandomGrayscale(p=0.2),
        transforms.RandomApply([transforms.GaussianBlur(kernel, sigma=(0.1, 2.0))], p=0.5),
        transforms.ToTensor(),
        transforms.Normalize(MEAN, STD),
    ])


def one_thread(_):
    torch.set_num_threads(1)


def cpu_seconds(pids):
    """User+system CPU seconds used so far by the given processes."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--warmup", type=float, default=5)
    ap.add_argument("--size", type=int, default=224)
    ap.add_argument("--interpolation", choices=["bicubic", "bilinear"], default="bicubic",
                    help="RandomResizedCrop's filter; selfsup's SimCLR preset is bicubic, torchvision's default bilinear")
    a = ap.parse_args()
    torch.set_num_threads(1)
    ds = datasets.ImageFolder(a.root, transform=TwoViews(simclr(a.size, transforms.InterpolationMode(a.interpolation))))
    dl = DataLoader(ds, batch_size=a.batch, shuffle=True, drop_last=True, num_workers=a.workers,
                    persistent_workers=a.workers > 0, worker_init_fn=one_thread)
    start = time.perf_counter()
    t0, n, views, pids, c0 = None, 0, None, [], 0
    while True:
        it = iter(dl)
        for (v1, v2), _ in it:
            now = time.perf_counter()
            if t0 is None:
                if now - start >= a.warmup:
                    t0 = now
                    pids = [os.getpid()] + [w.pid for w in getattr(it, "_workers", [])]
                    c0 = cpu_seconds(pids)
                continue
            n += v1.shape[0]
            views = tuple(v1.shape)
            if now - t0 >= a.seconds:
                rate, cpu = n / (now - t0), cpu_seconds(pids) - c0
                print(json.dumps({"two_view_img_per_s": round(rate, 2), "workers": a.workers, "skipped": 0}))
                print("torchvision SimCLR two-view: %.1f img/s (%.1f per worker), %d images in %.1f s, "
                      "%.1f CPU s (%.1f img per CPU second), views %s"
                      % (rate, rate / max(a.workers, 1), n, now - t0, cpu, n / cpu, views), file=sys.stderr)
                return


if __name__ == "__main__":
    main()
