"""Text as the detectors read it: compatibility forms folded, invisible and format characters
removed, letters of other scripts that look like Latin ones read as those, digits of any
script as ASCII, and odd slashes, dashes, quotes and primes as plain ones, so that no
disguise hides a postcode, a name or a date."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Written for the degree sign, and changed by NFKC: the ordinal sign and the ring above.
_DEGREE_SIGNS = str.maketrans({0x00BA: "°", 0x02DA: "°"})


_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0]
)


# Letters of other scripts that look like Latin ones (Cyrillic and Greek capitals and small
# letters), by code point, as the Latin letter they pass for; slashes, dashes, quotation
# marks and primes that NFKC leaves as they are, as "/", "-", "'" and '"'.
_LOOK_ALIKES = str.maketrans(
    {
        0x2044: "/",  # fraction slash
        0x2215: "/",  # division slash
        0x29F8: "/",  # big solidus
        0x2010: "-",  # hyphen
        0x2011: "-",  # non-breaking hyphen
        0x2012: "-",  # figure dash
        0x2013: "-",  # en dash
        0x2014: "-",  # em dash
        0x2015: "-",  # horizontal bar
        0x2212: "-",  # minus sign
        0x2018: "'",  # quotation marks and primes, as apostrophes and double quotes
        0x2019: "'",
        0x2032: "'",  # NFKC makes a double prime two primes
        0x201C: '"',
        0x201D: '"',
        0x0410: "A",
        0x0412: "B",
        0x0415: "E",
        0x041A: "K",
        0x041C: "M",
        0x041D: "H",
        0x041E: "O",
        0x0420: "P",
        0x0421: "C",
        0x0422: "T",
        0x0423: "Y",
        0x0425: "X",
        0x0430: "a",
        0x0435: "e",
        0x043E: "o",
        0x0440: "p",
        0x0441: "c",
        0x0443: "y",
        0x0445: "x",
        0x0456: "i",
        0x0458: "j",
        0x0455: "s",
        0x0501: "d",
        0x051B: "q",
        0x051D: "w",
        0x0391: "A",
        0x0392: "B",
        0x0395: "E",
        0x0396: "Z",
        0x0397: "H",
        0x0399: "I",
        0x039A: "K",
        0x039C: "M",
        0x039D: "N",
        0x039F: "O",
        0x03A1: "P",
        0x03A4: "T",
        0x03A5: "Y",
        0x03A7: "X",
        0x03B1: "a",
        0x03BF: "o",
        0x03C1: "p",
        0x03B9: "i",
        0x03C5: "u",
        0x03BD: "v",
        0x0475: "v",
    }
)


@lru_cache(maxsize=65_536)
def normalised(text: str) -> str:
    """``text`` as the rules read it: NFKC (full-width and other compatibility forms to
    their plain ones), without zero-width and other format characters, with look-alike
    letters of other scripts as Latin letters and digits of any script as ASCII digits."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text.translate(_DEGREE_SIGNS))
    kept = []
    for char in text:
        if unicodedata.category(char) == "Cf" or ord(char) in _INVISIBLE:
            continue
        if unicodedata.category(char) == "Nd":
            char = str(unicodedata.digit(char))
        kept.append(char)
    return "".join(kept).translate(_LOOK_ALIKES)
