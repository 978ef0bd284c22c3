"""Stop a Pages deployment whose ``site_url`` is not the address GitHub Pages serves it at.

    python scripts/check-pages-address.py https://org.github.io/repo [--config mkdocs.yml]

The Pages workflow passes the address ``actions/configure-pages`` reports. A fork that has
not yet set ``site_url`` would otherwise publish canonical links, a sitemap and dataset
metadata naming the site it was forked from, and send tenants' corrections to that
repository's issues. Prints a GitHub annotation on the ``site_url`` line and exits 1 when
the two differ; exits 0 when they agree.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from generator.config import load_config
from generator.core.problems import Problems, format_report


def normalised(url: str) -> str:
    """``HTTPS://Org.GitHub.io/repo/`` and ``https://org.github.io/repo`` compare equal."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}"


def main(argv: list[str] | None = None) -> int:
    """Compare the configured ``site_url`` with the Pages address; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages_address", help="the address GitHub Pages serves the site at")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    problems = Problems()
    config = load_config(args.config, problems)
    if config is None:
        for line in format_report(problems):
            print(line, file=sys.stderr)
        return 1
    expected = normalised(args.pages_address) + "/"
    if config.site_url and normalised(config.site_url) + "/" == expected:
        print(f"site_url matches the Pages address {expected}")
        return 0
    shown = config.relative(config.config_path)
    line = config.line_of("site_url")
    found = f"is {config.site_url!r}" if config.site_url else "is not set"
    message = (
        f"site_url {found}, but this repository's GitHub Pages address is {expected}; "
        f"set 'site_url: {expected}' (and repo_url to this repository) in {shown}"
    )
    print(f"::error file={shown},line={line},title=site_url::{message}")
    print(f"{shown}:{line}: site_url: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
