"""The picture a page is shared with (odx.social_image): a PNG or JPEG file of the templates'
static folder, judged by its content."""

from __future__ import annotations

from generator.config import OdxOptions, SiteConfig
from generator.core.pictures import picture_problem
from generator.core.problems import Problems

SOCIAL_IMAGE_TYPES = (".png", ".jpg", ".jpeg")


def check_social_image(config: SiteConfig, problems: Problems) -> None:
    """A configured share picture must exist and be one link previews show (PNG or JPEG,
    judged by its content too).

    The default name may be missing: pages are then shared without a picture.
    """
    name = config.odx.social_image
    shown = config.relative(config.config_path)
    line = config.line_of("odx.social_image")
    path = config.templates_dir / "static" / name
    if "/" in name or "\\" in name or name.startswith("."):
        problems.add(
            shown,
            line,
            "odx.social_image",
            f"'{name}' must be a file name in {config.odx.templates}/static/, without folders",
        )
    elif not name.lower().endswith(SOCIAL_IMAGE_TYPES):
        problems.add(
            shown,
            line,
            "odx.social_image",
            f"'{name}' is not a PNG or JPEG file; link previews show only those",
        )
    elif not path.is_file():
        if name != OdxOptions.social_image:
            problems.add(
                shown,
                line,
                "odx.social_image",
                f"'{name}' is not in {config.odx.templates}/static/; put the picture there "
                "(1200 x 630 px) or remove the option",
            )
    else:
        wrong = picture_problem(path, config.root, ("png", "jpeg"))
        if wrong:
            problems.add(
                config.relative(path),
                1,
                "odx.social_image",
                f"the share picture {wrong}",
            )
