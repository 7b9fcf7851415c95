#!/usr/bin/python3
"""PyTorch/torchvision oracle for package data's decoders and augmentations.

Run by the Go tests (data/*_oracle_test.go) with Debian's /usr/bin/python3
(torch 1.13, torchvision 0.14, PIL, numpy, scipy). Every command reads a JSON
request from DIR and writes its answers into DIR:

  ops DIR     request.json {"images": {name: {"file", "h", "w", "c"}},
                            "cases": [{"id", "image", "op", ...params}]}
              applies torchvision.transforms.functional to uint8 CHW tensors
              and writes out_<id>.bin (uint8 HWC, or float32 CHW for
              "normalize") plus results.json {id: [dims]}.
  rrc DIR     request.json {"cases": [{"id", "h", "w", "scale", "ratio", "n",
                            "go_file"}]}; go_file holds n int32 boxes (top,
              left, height, width) drawn by Go. Draws n boxes with
              RandomResizedCrop.get_params and writes results.json {id: {
              "p_area", "p_logratio", "p_top", "fallback_torch", ...}} from
              scipy.stats.ks_2samp.
  pil DIR     request.json {"cases": [{"id", "src", "h", "w", "c", "format",
                            "mode", "save": {...}}]}: encodes the raw pixels
              src with PIL (format JPEG or PNG, image mode such as RGB, L,
              CMYK, I;16, P), writes enc_<id>.<ext>, decodes that file with
              PIL (convert to "RGB", or "L" for gray modes; with "draft":
              [w, h], a reduced JPEG decode via Image.draft) and writes
              dec_<id>.bin (uint8 HWC) plus results.json {id: [h, w, c]}.
  bench DIR   request.json {"file", "n", "reps"}: times torchvision's SimCLR
              two-view pipeline (PIL decode once, two views at 224², 1 thread)
              on the JPEG DIR/file; results.json {pipeline: {"min_ms",
              "median_ms"}} per source image. Used by BenchmarkVsTorchvision.
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torchvision.transforms as T
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode


def load_image(d, spec):
    a = np.fromfile(os.path.join(d, spec["file"]), dtype=np.uint8)
    a = a.reshape(spec["h"], spec["w"], spec["c"])
    return torch.from_numpy(a).permute(2, 0, 1).contiguous()


def interp(name):
    return {"bilinear": InterpolationMode.BILINEAR, "bicubic": InterpolationMode.BICUBIC}[name]


def apply_op(img, c):
    op = c["op"]
    if op == "brightness":
        return F.adjust_brightness(img, c["f"])
    if op == "contrast":
        return F.adjust_contrast(img, c["f"])
    if op == "saturation":
        return F.adjust_saturation(img, c["f"])
    if op == "hue":
        return F.adjust_hue(img, c["f"])
    if op == "grayscale":
        return F.rgb_to_grayscale(img, c["channels"])
    if op == "blur":
        return F.gaussian_blur(img, [c["k"], c["k"]], [c["sigma"], c["sigma"]])
    if op == "solarize":
        return F.solarize(img, c["threshold"])
    if op == "hflip":
        return F.hflip(img)
    if op == "resized_crop":
        return F.resized_crop(img, c["top"], c["left"], c["height"], c["width"],
                              [c["out_h"], c["out_w"]], interp(c["interp"]), antialias=False)
    if op == "resized_crop_flip":
        return F.hflip(F.resized_crop(img, c["top"], c["left"], c["height"], c["width"],
                                      [c["out_h"], c["out_w"]], interp(c["interp"]), antialias=False))
    if op == "resize":
        return F.resize(img, [c["size"]], interp(c["interp"]), antialias=False)
    if op == "center_crop":
        return F.center_crop(img, [c["size"], c["size"]])
    if op == "resize_center_crop":
        x = F.resize(img, [c["resize"]], interp(c["interp"]), antialias=False)
        return F.center_crop(x, [c["size"], c["size"]])
    if op == "jitter":  # explicit order and factors, as ColorJitter.forward
        for fn, f in zip(c["order"], c["factors"]):
            img = [F.adjust_brightness, F.adjust_contrast, F.adjust_saturation, F.adjust_hue][fn](img, f)
        return img
    if op == "normalize":
        x = F.convert_image_dtype(img, torch.float32)
        return F.normalize(x, c["mean"], c["std"])
    raise ValueError("unknown op " + op)


def cmd_ops(d):
    req = json.load(open(os.path.join(d, "request.json")))
    images = {k: load_image(d, v) for k, v in req["images"].items()}
    res = {}
    for c in req["cases"]:
        out = apply_op(images[c["image"]], c)
        if out.dtype == torch.uint8:
            arr = out.permute(1, 2, 0).contiguous().numpy()
        else:
            arr = out.contiguous().numpy().astype(np.float32)
        arr.tofile(os.path.join(d, "out_%s.bin" % c["id"]))
        res[c["id"]] = list(arr.shape)
    json.dump(res, open(os.path.join(d, "results.json"), "w"))


def cmd_rrc(d):
    from scipy.stats import ks_2samp

    req = json.load(open(os.path.join(d, "request.json")))
    torch.manual_seed(req.get("seed", 0))
    res = {}
    for c in req["cases"]:
        h, w, n = c["h"], c["w"], c["n"]
        img = torch.zeros(1, h, w, dtype=torch.uint8)
        tb = np.array([T.RandomResizedCrop.get_params(img, c["scale"], c["ratio"]) for _ in range(n)], dtype=np.float64)
        gb = np.fromfile(os.path.join(d, c["go_file"]), dtype=np.int32).reshape(-1, 4).astype(np.float64)

        def stats(b):
            top, left, bh, bw = b[:, 0], b[:, 1], b[:, 2], b[:, 3]
            area = bh * bw / (h * w)
            logr = np.log(bw / bh)
            # position of the box within its free range, 0.5 when centred
            free = h - bh
            pos = np.where(free > 0, top / np.maximum(free, 1), 0.5)
            return area, logr, pos

        ta, tl, tp = stats(tb)
        ga, gl, gp = stats(gb)
        ratio = c["ratio"]
        in_ratio = w / h
        if in_ratio < min(ratio):
            fb = (h - int(round(w / min(ratio)))) // 2, 0, int(round(w / min(ratio))), w
        elif in_ratio > max(ratio):
            fb = 0, (w - int(round(h * max(ratio)))) // 2, h, int(round(h * max(ratio)))
        else:
            fb = 0, 0, h, w
        is_fb = lambda b: np.all(b == np.array(fb, dtype=np.float64), axis=1).mean()
        res[c["id"]] = {
            "p_area": float(ks_2samp(ta, ga).pvalue),
            "p_logratio": float(ks_2samp(tl, gl).pvalue),
            "p_top": float(ks_2samp(tp, gp).pvalue),
            "fallback_box": [int(v) for v in fb],
            "fallback_torch": float(is_fb(tb)),
            "fallback_go": float(is_fb(gb)),
            "mean_area_torch": float(ta.mean()),
            "mean_area_go": float(ga.mean()),
        }
    json.dump(res, open(os.path.join(d, "results.json"), "w"))


def cmd_pil(d):
    from PIL import Image

    req = json.load(open(os.path.join(d, "request.json")))
    res = {}
    for c in req["cases"]:
        a = np.fromfile(os.path.join(d, c["src"]), dtype=np.uint8).reshape(c["h"], c["w"], c["c"])
        mode = c["mode"]
        if c["c"] == 1:
            im = Image.fromarray(a[:, :, 0], "L")
        else:
            im = Image.fromarray(a, "RGB")
        if mode == "I;16":
            # 16-bit gray: spread the 8-bit values over the full range
            # plus low-order detail, so the 16→8 mapping is exercised.
            v = a[:, :, 0].astype(np.uint16) * 257 + (np.arange(a.shape[1], dtype=np.uint16) % 7)[None, :]
            im = Image.fromarray(v, "I;16")
        elif mode == "P":
            im = im.convert("P", palette=Image.ADAPTIVE, colors=64)
        elif mode != im.mode:
            im = im.convert(mode)
        ext = {"JPEG": "jpg", "PNG": "png"}[c["format"]]
        path = os.path.join(d, "enc_%s.%s" % (c["id"], ext))
        im.save(path, c["format"], **c.get("save", {}))
        back = Image.open(path)
        if "draft" in c:  # DCT-domain reduced decode, libjpeg's scale_denom
            back.draft(back.mode, tuple(c["draft"]))
        if back.mode in ("L", "I;16", "I;16B", "I"):
            if back.mode == "L":
                arr = np.asarray(back)[:, :, None]
            else:
                v = np.asarray(back).astype(np.uint32)
                arr = ((v + 128) // 257).astype(np.uint8)[:, :, None]
        else:
            arr = np.asarray(back.convert("RGB"))
        arr = np.ascontiguousarray(arr)
        arr.tofile(os.path.join(d, "dec_%s.bin" % c["id"]))
        res[c["id"]] = list(arr.shape)
    json.dump(res, open(os.path.join(d, "results.json"), "w"))


def cmd_bench(d):
    """Times torchvision's two-view pipelines on one JPEG, one thread."""
    import io
    import time
    from PIL import Image

    req = json.load(open(os.path.join(d, "request.json")))
    jpeg = open(os.path.join(d, req["file"]), "rb").read()
    norm = T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])

    def simclr(size, interp):
        return T.Compose([
            T.RandomResizedCrop(size, interpolation=interp),
            T.RandomHorizontalFlip(),
            T.RandomApply([T.ColorJitter(0.8, 0.8, 0.8, 0.2)], p=0.8),
            T.RandomGrayscale(p=0.2),
            T.RandomApply([T.GaussianBlur(2 * (size // 20) + 1, sigma=(0.1, 2.0))], p=0.5),
            T.ToTensor(), norm])

    pipes = {
        "simclr_pil_bilinear": simclr(224, InterpolationMode.BILINEAR),
        "simclr_pil_bicubic": simclr(224, InterpolationMode.BICUBIC),
    }
    res = {}
    torch.manual_seed(0)
    for name, p in pipes.items():
        def one():
            img = Image.open(io.BytesIO(jpeg)).convert("RGB")
            p(img)
            p(img)
        for _ in range(5):
            one()
        times = []
        for _ in range(req.get("reps", 3)):
            t0 = time.perf_counter()
            for _ in range(req.get("n", 50)):
                one()
            times.append((time.perf_counter() - t0) / req.get("n", 50))
        res[name] = {"min_ms": 1000 * min(times), "median_ms": 1000 * sorted(times)[len(times) // 2]}
    json.dump(res, open(os.path.join(d, "results.json"), "w"))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: oracle_augment.py ops|rrc|pil|bench DIR")
    torch.set_num_threads(1)
    {"ops": cmd_ops, "rrc": cmd_rrc, "pil": cmd_pil, "bench": cmd_bench}[sys.argv[1]](sys.argv[2])


if __name__ == "__main__":
    main()
