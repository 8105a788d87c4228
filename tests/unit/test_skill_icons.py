"""The store icons: the sizes certification asks for, named by every locale, safe in a circle."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PIL import Image

from tests.unit.model_files import LOCALES, load_manifest
from tools.builders import skill_icons
from tools.builders.skill_package import build_skill_package

ARN = "arn:aws:lambda:us-east-1:123456789012:function:reconnect-ritual-skill:live"
KEYS = {"smallIconUri": 108, "largeIconUri": 512}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A development package (the icons do not depend on the links)."""
    return build_skill_package(ARN, tmp_path_factory.mktemp("icons") / "pkg", dev=True)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_names_a_108_and_a_512_pixel_png_in_the_package(
    locale: str, package: Path
) -> None:
    """Each locale's smallIconUri is a 108x108 PNG and its largeIconUri a 512x512 PNG, both
    file:// paths inside the package that the ASK CLI uploads."""
    published = load_manifest()["publishingInformation"]["locales"][locale]
    for key, size in KEYS.items():
        uri = published[key]
        assert uri.startswith("file://assets/images/")
        with Image.open(package / uri.removeprefix("file://")) as icon:
            assert icon.format == "PNG"
            assert icon.size == (size, size)


@pytest.mark.parametrize("size", skill_icons.SIZES)
def test_the_icon_is_opaque_and_drawn_the_same_every_time(size: int) -> None:
    """No transparency for the store to fill with its own colour, and the same bytes on every
    build, so `ask deploy` sees an unchanged package as unchanged."""
    drawn_again = skill_icons.png_bytes.__wrapped__(size)  # past the cache: drawn anew
    assert drawn_again == skill_icons.png_bytes(size)
    assert skill_icons.draw(size).mode == "RGB"


@pytest.mark.parametrize("size", skill_icons.SIZES)
def test_the_round_crop_loses_nothing_of_the_flames(size: int) -> None:
    """Outside nine tenths of the inscribed circle there is only the dusk sky (blue over red):
    the warm flames and their glow sit well inside what the Alexa app's circle shows."""
    image = skill_icons.draw(size)
    pixels = image.load()
    assert pixels is not None
    centre = size / 2
    warm_outside = [
        (x, y)
        for y in range(size)
        for x in range(size)
        if math.hypot(x + 0.5 - centre, y + 0.5 - centre) > 0.9 * centre and _warm(pixels[x, y])
    ]
    assert warm_outside == []


@pytest.mark.parametrize("size", skill_icons.SIZES)
def test_the_flames_are_there_and_warm(size: int) -> None:
    """The middle of the icon is warm light (red over blue), not an empty sky."""
    image = skill_icons.draw(size)
    centre = image.getpixel((size // 2, int(size * 0.55)))
    assert _warm(centre)


def _warm(pixel: object) -> bool:
    """Whether an RGB pixel is warmer (more red) than blue."""
    assert isinstance(pixel, tuple)
    red, _, blue = pixel
    return bool(red > blue)
