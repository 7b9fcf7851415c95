#!/usr/bin/python3
"""PyTorch/torchvision oracle for the datasets of package data.

Run by data/*_test.go with Debian's /usr/bin/python3 (python3-torch,
python3-torchvision, numpy, PIL). Each subcommand prints JSON on stdout (or
writes files) that the Go tests compare with what the Go readers return.

  imagefolder ROOT...    torchvision.datasets.ImageFolder(ROOT) for each ROOT:
                         classes, class_to_idx, samples; or the exception
  fashion-mnist SRC      torchvision.datasets.FashionMNIST on the IDX .gz
                         files in SRC (unpacked into torchvision's layout in a
                         temporary folder): labels, pixel checksums, images
  cifar OUT              random CIFAR-10/100 in both the binary and the
                         Python (pickle) version; the pickles read back by
                         torchvision's CIFAR10/CIFAR100 give the expected
                         samples
  npz OUT                MedMNIST-style .npz files (np.savez and
                         np.savez_compressed), good and broken, plus the
                         expected arrays' checksums and labels
  luma OUT               PIL convert('L') of all 2^24 RGB colours
                         (pixel i = (i>>16, (i>>8)&255, i&255)), raw bytes,
                         and in OUT.rgb convert('RGB') of a 0..255 'L' ramp
"""

import base64
import gzip
import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile

import numpy as np


def emit(obj):
    json.dump(obj, sys.stdout)
    sys.stdout.write("\n")


def cmd_imagefolder(*roots):
    import torchvision

    out = []
    for root in roots:
        try:
            ds = torchvision.datasets.ImageFolder(root)
        except Exception as e:  # the Go test checks that both fail
            out.append({"error": f"{type(e).__name__}: {e}"})
            continue
        out.append({"classes": ds.classes, "class_to_idx": ds.class_to_idx,
                    "samples": [[p, c] for p, c in ds.samples]})
    emit(out)


def cmd_fashion_mnist(src):
    import torchvision

    tmp = tempfile.mkdtemp()
    try:
        raw = os.path.join(tmp, "FashionMNIST", "raw")
        os.makedirs(raw)
        for name in os.listdir(src):
            if name.endswith("-ubyte.gz"):
                with gzip.open(os.path.join(src, name)) as fin, \
                        open(os.path.join(raw, name[:-3]), "wb") as fout:
                    shutil.copyfileobj(fin, fout)
        out = {}
        for split, train in (("train", True), ("test", False)):
            ds = torchvision.datasets.FashionMNIST(tmp, train=train, download=False)
            data = ds.data.numpy()
            picks = [0, 1, 17, len(ds) // 2, len(ds) - 1]
            images = {}
            for i in picks:  # through __getitem__: a PIL "L" image
                img, label = ds[i]
                assert label == int(ds.targets[i])
                images[str(i)] = base64.b64encode(np.asarray(img).tobytes()).decode()
            out[split] = {
                "n": len(ds), "shape": list(data.shape[1:]),
                "labels": ds.targets.tolist(),
                "sha256": hashlib.sha256(data.tobytes()).hexdigest(),
                "sum": int(data.astype(np.int64).sum()),
                "images": images, "classes": ds.classes,
            }
        emit(out)
    finally:
        shutil.rmtree(tmp)


def _cifar_records(rng, n, cifar100):
    """Random records: pixels N×3072 (CHW), labels (fine for CIFAR-100), coarse."""
    pix = rng.integers(0, 256, size=(n, 3072), dtype=np.uint8)
    fine = rng.integers(0, 100 if cifar100 else 10, size=n, dtype=np.uint8)
    crs = rng.integers(0, 20, size=n, dtype=np.uint8)
    return pix, fine, crs


def cmd_cifar(out):
    import torchvision

    rng = np.random.default_rng(1234)
    result = {}
    # CIFAR-10: 5 small train batches + test batch, both versions.
    bdir = os.path.join(out, "cifar-10-batches-bin")
    pdir = os.path.join(out, "cifar-10-batches-py")
    os.makedirs(bdir)
    os.makedirs(pdir)
    names10 = [f"class_{i}" for i in range(10)]
    batches = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
    for k, b in enumerate(batches):
        pix, lab, _ = _cifar_records(rng, 3 + k, cifar100=False)
        with open(os.path.join(bdir, b + ".bin"), "wb") as f:
            f.write(np.concatenate([lab[:, None], pix], axis=1).tobytes())
        with open(os.path.join(pdir, b), "wb") as f:
            pickle.dump({"data": pix, "labels": lab.tolist()}, f)
    with open(os.path.join(bdir, "batches.meta.txt"), "w") as f:
        f.write("\n".join(names10) + "\n\n")
    with open(os.path.join(pdir, "batches.meta"), "wb") as f:
        pickle.dump({"label_names": names10}, f)

    # CIFAR-100: train + test.
    bdir = os.path.join(out, "cifar-100-binary")
    pdir = os.path.join(out, "cifar-100-python")
    os.makedirs(bdir)
    os.makedirs(pdir)
    fine_names = [f"fine_{i}" for i in range(100)]
    coarse_names = [f"coarse_{i}" for i in range(20)]
    coarse = {}
    for split, n in (("train", 9), ("test", 4)):
        pix, fine, crs = _cifar_records(rng, n, cifar100=True)
        coarse[split] = crs.tolist()
        with open(os.path.join(bdir, split + ".bin"), "wb") as f:
            f.write(np.concatenate([crs[:, None], fine[:, None], pix], axis=1).tobytes())
        with open(os.path.join(pdir, split), "wb") as f:
            pickle.dump({"data": pix, "fine_labels": fine.tolist(),
                         "coarse_labels": crs.tolist()}, f)
    for name, names in (("fine_label_names.txt", fine_names),
                        ("coarse_label_names.txt", coarse_names)):
        with open(os.path.join(bdir, name), "w") as f:
            f.write("\n".join(names) + "\n")
    with open(os.path.join(pdir, "meta"), "wb") as f:
        pickle.dump({"fine_label_names": fine_names,
                     "coarse_label_names": coarse_names}, f)

    # The files are ours, not the published ones: subclasses that expect
    # their md5 sums, otherwise torchvision's own reading code.
    def md5(folder, name):
        with open(os.path.join(out, folder, name), "rb") as f:
            return hashlib.md5(f.read()).hexdigest()

    def ours(cls):
        def sums(lst):
            return [[name, md5(cls.base_folder, name)] for name, _ in lst]
        meta = dict(cls.meta, md5=md5(cls.base_folder, cls.meta["filename"]))
        return type("Our" + cls.__name__, (cls,), {
            "train_list": sums(cls.train_list), "test_list": sums(cls.test_list), "meta": meta})

    for key, cls in (("cifar10", ours(torchvision.datasets.CIFAR10)),
                     ("cifar100", ours(torchvision.datasets.CIFAR100))):
        for split, train in (("train", True), ("test", False)):
            ds = cls(out, train=train, download=False)
            imgs = np.stack([np.asarray(ds[i][0]) for i in range(len(ds))])
            entry = {"n": len(ds), "labels": [int(ds[i][1]) for i in range(len(ds))],
                     "hwc": base64.b64encode(imgs.tobytes()).decode(),
                     "shape": list(imgs.shape), "classes": ds.classes}
            if key == "cifar100":
                entry["coarse"] = coarse[split]
            result[f"{key}_{split}"] = entry
    emit(result)


def _npz_expect(path):
    z = np.load(path)
    out = {}
    for split in ("train", "val", "test"):
        img, lab = z[f"{split}_images"], z[f"{split}_labels"]
        out[split] = {"n": int(img.shape[0]), "shape": list(img.shape),
                      "sha256": hashlib.sha256(np.ascontiguousarray(img).tobytes()).hexdigest(),
                      "labels": lab.reshape(lab.shape[0], -1).astype(np.int64).tolist()}
    return out


def cmd_npz(out):
    rng = np.random.default_rng(99)

    def arrays(h, w, c, k, label_dtype=np.uint8, ns=(12, 5, 7), classes=9):
        d = {}
        for split, n in zip(("train", "val", "test"), ns):
            shape = (n, h, w) if c == 0 else (n, h, w, c)
            d[f"{split}_images"] = rng.integers(0, 256, size=shape, dtype=np.uint8)
            lab = rng.integers(0, classes, size=(n, k) if k else (n,))
            d[f"{split}_labels"] = lab.astype(label_dtype)
        return d

    good = {
        # PathMNIST-like: RGB, (N, 1) labels, stored (np.savez)
        "path28.npz": (np.savez, arrays(28, 28, 3, 1)),
        # ChestMNIST-like: gray, 14 labels, deflated (np.savez_compressed)
        "chest28.npz": (np.savez_compressed, arrays(28, 28, 0, 14, classes=2)),
        # larger gray, (N,) int64 labels, stored
        "gray64.npz": (np.savez, arrays(64, 64, 0, 0, label_dtype=np.int64)),
        # 224×224 RGB deflated, binary (N, 1) labels
        "rgb224.npz": (np.savez_compressed, arrays(224, 224, 3, 1, ns=(3, 2, 2), classes=2)),
    }
    expect = {}
    for name, (save, d) in good.items():
        p = os.path.join(out, name)
        save(p, **d)
        expect[name] = _npz_expect(p)

    base = arrays(28, 28, 0, 1)
    bad = {}
    d = dict(base)
    del d["val_images"]
    bad["missing.npz"] = d
    d = dict(base)
    d["train_images"] = d["train_images"].astype(np.float32)
    bad["dtype.npz"] = d
    d = dict(base)
    d["train_labels"] = d["train_labels"][:-1]
    bad["count.npz"] = d
    d = dict(base)
    d["train_images"] = d["train_images"][:, :, :, None].repeat(2, axis=3)
    bad["shape.npz"] = d
    d = arrays(28, 28, 0, 3, classes=2)
    d["train_labels"][2, 1] = 2
    bad["multivalue.npz"] = d
    for name, d in bad.items():
        np.savez(os.path.join(out, name), **d)
    emit(expect)


def cmd_luma(out):
    from PIL import Image

    i = np.arange(1 << 24, dtype=np.uint32)
    rgb = np.stack([(i >> 16) & 255, (i >> 8) & 255, i & 255], axis=1).astype(np.uint8)
    img = Image.fromarray(rgb.reshape(4096, 4096, 3), "RGB")
    with open(out, "wb") as f:
        f.write(img.convert("L").tobytes())
    gray = Image.fromarray(np.arange(256, dtype=np.uint8).reshape(16, 16), "L")
    with open(out + ".rgb", "wb") as f:
        f.write(gray.convert("RGB").tobytes())


def main():
    cmds = {"imagefolder": cmd_imagefolder, "fashion-mnist": cmd_fashion_mnist,
            "cifar": cmd_cifar, "npz": cmd_npz, "luma": cmd_luma}
    if len(sys.argv) < 3 or sys.argv[1] not in cmds:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(cmds)}}} ARG...")
    cmds[sys.argv[1]](*sys.argv[2:])


if __name__ == "__main__":
    main()
