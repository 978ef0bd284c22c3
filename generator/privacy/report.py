"""``odx privacy-report``: how close each group of homes is to the k-anonymity limit.

A data team runs it before publishing to see which combinations of quasi-identifiers are
small, and how much room the others have. It shows group sizes as they are in the data and,
with ``coarsen: true``, as they would be published.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from generator.core import formatting as fmt
from generator.privacy.kanonymity import PackagePrivacy

SIZE_BANDS = ((1, 1), (2, 4), (5, 9), (10, 19), (20, 49), (50, None))


def _bands(sizes: Counter[tuple[Any, ...]]) -> list[str]:
    lines = []
    for low, high in SIZE_BANDS:
        groups = [s for s in sizes.values() if s >= low and (high is None or s <= high)]
        if not groups:
            continue
        span = f"{low}" if low == high else f"{low}+" if high is None else f"{low}-{high}"
        lines.append(
            f"    groups of {span:>5} homes: {len(groups):>6,} groups, {sum(groups):>8,} homes"
        )
    return lines


def privacy_report(privacy: dict[str, PackagePrivacy], shown: int = 20) -> list[str]:
    """The report's lines for every ODX package (by slug); ``shown`` small groups each."""
    if not privacy:
        return ["no ODX packages: nothing to report"]
    lines: list[str] = []
    for slug, decided in privacy.items():
        sizes = decided.group_sizes
        homes = sum(sizes.values())
        small = decided.small_groups
        lines.append("")
        lines.append(
            f"{slug}: {fmt.plural(homes, 'home')} in {fmt.plural(len(sizes), 'group')}; "
            f"k = {decided.k}; {fmt.plural(len(small), 'group')} below k "
            f"({fmt.plural(sum(s for _, s in small), 'home')})"
        )
        lines.append(f"  quasi-identifiers: {', '.join(decided.quasi_identifiers)}")
        lines.extend(f"  {note}" for note in decided.declared_notes())
        lines.extend(_bands(sizes))
        if small:
            lines.append(f"  smallest groups (of {len(small)} below k):")
            for group, size in small[:shown]:
                lines.append(f"    {size:>4}  {decided.describe(group)}")
            if len(small) > shown:
                lines.append(f"    … and {len(small) - shown} more (use --all to list them)")
        if decided.coarsening is not None and decided.published_group_sizes is not None:
            published = decided.published_group_sizes
            lines.append("  as published after coarsening:")
            lines.extend(f"    {note}" for note in decided.coarsening.notes())
            lines.extend(_bands(published))
    return lines[1:] if lines and not lines[0] else lines
