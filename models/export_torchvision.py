#!/usr/bin/env python3
"""Exports a torchvision ImageNet classifier as a TorchScript feature extractor for Pinwall.

    python3 models/export_torchvision.py resnet50 [--out models]

Writes NAME.pt (features of the layer before the classifier, batch size dynamic) and NAME.json (input size,
resize mode and ImageNet mean/std), which Pinwall's model registry picks up.
"""
import argparse
import json
import os

import torch
import torchvision

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


def feature_extractor(name, pretrained=True):
    """The network with its classification head replaced by the identity; returns (module, input size, dim)."""
    weights = torchvision.models.get_model_weights(name).DEFAULT if pretrained else None
    net = torchvision.models.get_model(name, weights=weights)
    if name.startswith("inception"):
        net.aux_logits = False
        net.AuxLogits = None
        net.fc = torch.nn.Identity()
        return net, 299, 2048
    if hasattr(net, "fc"):  # ResNet, ResNeXt, RegNet, GoogLeNet
        dim = net.fc.in_features
        net.fc = torch.nn.Identity()
        return net, 224, dim
    if name.startswith("vgg"):  # keep the first two fully connected layers: 4096-d
        net.classifier = torch.nn.Sequential(*list(net.classifier.children())[:-1])
        return net, 224, 4096
    if hasattr(net, "classifier"):  # MobileNet, EfficientNet, DenseNet
        last = net.classifier[-1] if isinstance(net.classifier, torch.nn.Sequential) else net.classifier
        dim = last.in_features
        net.classifier = torch.nn.Identity()
        return net, 224, dim
    raise SystemExit(f"do not know where the classifier of {name} is")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", help="torchvision model name, e.g. resnet50, inception_v3, vgg16")
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--random-weights", action="store_true",
                        help="skip the ImageNet weights (only to check the export offline; useless for similarity)")
    args = parser.parse_args()

    net, size, dim = feature_extractor(args.name, pretrained=not args.random_weights)
    net.eval()
    example = torch.rand(2, 3, size, size)
    with torch.no_grad():
        traced = torch.jit.trace(net, example)
        out = traced(example)
    out = out[0] if isinstance(out, tuple) else out
    assert out.shape == (2, dim), f"unexpected output shape {tuple(out.shape)}"

    os.makedirs(args.out, exist_ok=True)
    traced.save(os.path.join(args.out, f"{args.name}.pt"))
    descriptor = {"name": f"{args.name} (ImageNet, torchvision)", "model": f"{args.name}.pt",
                  "inputWidth": size, "inputHeight": size, "resize": "squash",
                  "mean": IMAGENET_MEAN, "std": IMAGENET_STD, "dimension": dim, "outputIndex": 0}
    with open(os.path.join(args.out, f"{args.name}.json"), "w") as f:
        json.dump(descriptor, f, indent=2)
    print(f"wrote {args.name}.pt and {args.name}.json ({dim}-d, {size}x{size}) to {args.out}")


if __name__ == "__main__":
    main()
