"""Sampled stacks (`bench.stacks.Profile`) drawn as a flame graph (SVG, hover for the figures)
and written as a speedscope document (open it at https://www.speedscope.app)."""

import json
import zlib
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from bench.stacks import Profile, split_frame

WIDTH = 1400
ROW = 16
CHAR = 6.6  # width of one character of the 11 px monospace font


@dataclass
class Node:
    count: int = 0
    children: dict[str, "Node"] = field(default_factory=dict)


def tree(profile: Profile) -> Node:
    root = Node()
    for stack, count in profile.stacks.items():
        node = root
        node.count += count
        for frame in stack:
            node = node.children.setdefault(frame, Node())
            node.count += count
    return root


def depth(node: Node) -> int:
    return 1 + max((depth(child) for child in node.children.values()), default=0)


def colour(frame: str) -> str:
    """Aura's own code in blue, everything else warm; stable per function."""
    function, file, _ = split_frame(frame)
    shade = zlib.crc32(function.encode()) % 60
    if "aura/" in file:
        return f"rgb({80 + shade},{140 + shade},230)"
    return f"rgb(230,{100 + shade * 2},{40 + shade})"


def write_svg(profile: Profile, title: str, path: Path) -> None:
    root = tree(profile)
    rows = depth(root)
    height = (rows + 2) * ROW
    total = max(1, root.count)
    scale = WIDTH / total
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        'font-family="monospace" font-size="11">',
        f'<text x="4" y="12">{escape(title)} — {total} samples; width = share of samples</text>',
    ]

    def draw(name: str, node: Node, x: float, level: int) -> None:
        width = node.count * scale
        if width < 0.3:
            return
        y = height - (level + 1) * ROW
        share = node.count * 100 / total
        label = f"{name} — {node.count} samples, {share:.2f}%"
        parts.append(
            f'<g><title>{escape(label)}</title><rect x="{x:.1f}" y="{y}" width="{width:.1f}" '
            f'height="{ROW - 1}" fill="{colour(name)}"/>'
        )
        fits = int(width / CHAR)
        if fits >= 4:
            text = name if len(name) <= fits else name[: fits - 1] + "…"
            parts.append(f'<text x="{x + 2:.1f}" y="{y + ROW - 4}">{escape(text)}</text>')
        parts.append("</g>")
        for child_name, child in sorted(node.children.items()):
            draw(child_name, child, x, level + 1)
            x += child.count * scale

    x = 0.0
    for name, child in sorted(root.children.items()):
        draw(name, child, x, 0)
        x += child.count * scale
    parts.append("</svg>")
    path.write_text("\n".join(parts))


def write_speedscope(profile: Profile, title: str, path: Path) -> None:
    index: dict[str, int] = {}
    frames: list[dict[str, object]] = []
    samples: list[list[int]] = []
    weights: list[int] = []
    for stack, count in profile.stacks.items():
        ids = []
        for frame in stack:
            if frame not in index:
                index[frame] = len(frames)
                function, file, line = split_frame(frame)
                frames.append({"name": function, "file": file, "line": line})
            ids.append(index[frame])
        samples.append(ids)
        weights.append(count)
    document = {
        "$schema": "https://www.speedscope.app/file-format-schema.json",
        "shared": {"frames": frames},
        "profiles": [
            {
                "type": "sampled",
                "name": title,
                "unit": "none",
                "startValue": 0,
                "endValue": sum(weights),
                "samples": samples,
                "weights": weights,
            }
        ],
        "name": title,
        "exporter": "bench.profile",
    }
    path.write_text(json.dumps(document))
