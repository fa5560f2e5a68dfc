#!/usr/bin/env python3
"""Writes tiny_cnn.pt: a random-initialised 8-channel convolution + global average pool, traced with a dynamic
batch and any input size. It exercises the DJL/TorchScript path in tests that must not need pretrained weights."""
import os
import torch


class TinyCnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 8, kernel_size=3, stride=2)
        self.pool = torch.nn.AdaptiveAvgPool2d(1)

    def forward(self, x):
        return torch.flatten(self.pool(torch.relu(self.conv(x))), 1)


torch.manual_seed(7)
net = TinyCnn().eval()
traced = torch.jit.script(net)  # scripted, so no input size is baked in
traced.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny_cnn.pt"))
