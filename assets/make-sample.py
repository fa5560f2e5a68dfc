#!/usr/bin/env python3
"""Rebuilds assets/sample from Debian's openclipart-png (public domain): `apt-get install openclipart-png`.

Picks clothing, shoes, bags and hats first, then a few other categories, numbers the files like the
Kaggle collection (ID.png) and writes a Kaggle-style styles.csv so the sample has metadata to facet on.
"""
import csv
import os
import re
import shutil
import subprocess
import sys

SRC = "/usr/share/openclipart/png"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample")

# (folder, how many at most, masterCategory, recursive)
PICKS = [
    ("people/clothing", 80, "Apparel", True),
    ("containers", 16, "Accessories", False),
    ("recreation/sports", 30, "Sporting Goods", False),
    ("food", 24, "Food", False),
    ("food/beverages", 16, "Food", False),
    ("animals/birds", 16, "Animals", False),
    ("animals", 16, "Animals", False),
    ("plants", 16, "Plants", False),
    ("transportation", 16, "Vehicles", False),
]

ARTICLE_RULES = [
    (r"hat|cap|fedora|sombrero|crown|turban|helmet", "Headwear"),
    (r"shoe|boot|sandal|thong|pattino|sneaker", "Footwear"),
    (r"t-shirt|shirt|camicia|vest|dress|vestit", "Topwear"),
    (r"pantyhose|collant|sock|stocking", "Hosiery"),
    (r"short|pant|trouser|jeans|skirt", "Bottomwear"),
    (r"ring|chain|earring|necklace|jewel", "Jewellery"),
    (r"glasses", "Eyewear"),
    (r"bag|tote|valigi|suitcase|purse|backpack", "Bags"),
    (r"mitten|glove", "Gloves"),
    (r"tie", "Ties"),
]


def article_type(name, folder):
    for pattern, label in ARTICLE_RULES:
        if re.search(pattern, name):
            return label
    if folder.endswith("hats"):
        return "Headwear"
    return os.path.basename(folder).replace("_", " ").title()


def title(name):
    stem = re.sub(r"(_\d+|_)$", "", os.path.splitext(name)[0])
    return re.sub(r"[_-]+", " ", stem).strip().capitalize()


def main():
    if not os.path.isdir(SRC):
        sys.exit("openclipart-png is not installed: apt-get install openclipart-png")
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    seen = set()
    rows = []
    next_id = 1001
    for folder, limit, master, recursive in PICKS:
        base = os.path.join(SRC, folder)
        files = []
        for root, dirs, names in os.walk(base):
            dirs.sort()
            files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".png")]
            if not recursive:
                break
        taken = 0
        for path in files:
            name = os.path.basename(path)
            if name in seen or taken >= limit or os.path.getsize(path) > 150_000:
                continue
            seen.add(name)
            taken += 1
            target = os.path.join(OUT, f"{next_id}.png")
            shutil.copyfile(path, target)
            if shutil.which("mogrify"):  # keep the repository small: no tile needs more than 400 px
                subprocess.run(["mogrify", "-resize", "400x400>", "-strip", target], check=True)
            sub = os.path.relpath(os.path.dirname(path), SRC)
            rows.append([next_id, "Unisex", master, sub.split("/")[-1].replace("_", " ").title(),
                         article_type(name, sub), "", "", "", "", title(name), os.path.relpath(path, SRC)])
            next_id += 1
    with open(os.path.join(OUT, "styles.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "gender", "masterCategory", "subCategory", "articleType", "baseColour", "season",
                    "year", "usage", "productDisplayName", "source"])
        w.writerows(rows)
    print(f"{len(rows)} images in {OUT}")


if __name__ == "__main__":
    main()
