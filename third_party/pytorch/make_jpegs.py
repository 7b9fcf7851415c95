"""Writes an ImageNet-like ImageFolder tree of synthetic JPEGs for benchmarks.

Each image is RGB, 500x375 by default, smooth gradients (random low
frequencies per channel) plus Gaussian noise (sigma 20), saved by PIL at
quality 90: about 90 KB, close to an average ImageNet training JPEG in size
and decode cost. The tree is OUT/class00/img0000.jpg ... and is reproducible
from --seed.

Usage:
  /usr/bin/python3 third_party/pytorch/make_jpegs.py --out /tmp/jpegs \
      [--classes 10] [--per-class 40] [--width 500] [--height 375] [--quality 90]
"""
import argparse
import os

import numpy as np
from PIL import Image


def image(rng, w, h):
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    chans = []
    for _ in range(3):
        fx, fy, px, py = rng.uniform(0.5, 3.0), rng.uniform(0.5, 3.0), rng.uniform(0, 6.3), rng.uniform(0, 6.3)
        c = 128 + 90 * np.sin(np.pi * fx * x / w + px) * np.cos(np.pi * fy * y / h + py)
        chans.append(c)
    a = np.stack(chans, axis=-1) + rng.normal(0, 20, size=(h, w, 3))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--classes", type=int, default=10)
    ap.add_argument("--per-class", type=int, default=40)
    ap.add_argument("--width", type=int, default=500)
    ap.add_argument("--height", type=int, default=375)
    ap.add_argument("--quality", type=int, default=90)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    n = 0
    for c in range(a.classes):
        d = os.path.join(a.out, "class%02d" % c)
        os.makedirs(d, exist_ok=True)
        for i in range(a.per_class):
            image(rng, a.width, a.height).save(os.path.join(d, "img%04d.jpg" % i), quality=a.quality)
            n += 1
    print("wrote %d JPEGs under %s" % (n, a.out))


if __name__ == "__main__":
    main()
