"""JSON on the hot paths (request bodies, the JSON columns, API answers): orjson where it gives
exactly what the standard library gives, the standard library everywhere else.

A 200-node document is about 55 KB of JSON and its findings about 80 KB; a save reads and
writes each several times (the body, the diagram's and the revision's columns, the answer).
orjson does that 2 to 5 times faster (``bench/requests.py`` prints both), but it differs from
``json`` in a few places, so each function here hands those cases to ``json``:

- integers beyond 64 bits: orjson reads them as floats and refuses to write them, ``json``
  keeps them exact (a text with a run of 19 digits is read by ``json``);
- what orjson refuses to read (invalid UTF-8, a lone surrogate escape, ``NaN``, nesting past
  1,024) is read by ``json``, which gives the value or the error it always gave;
- what orjson refuses to write (a key that is not text, an unknown type) is written by ``json``.

``content_hash`` (builder.document) keeps the standard library: the hash of a document must not
change with the encoder (orjson writes ``1e-05`` as ``0.00001``).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

#: Every digit as "0", so a run of 19 digits is one ``bytes.find`` (20 times faster than a regex).
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_INT = b"0" * 19


def _utf8(text: str | bytes) -> bytes:
    return text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text


def exact_for_orjson(text: str | bytes) -> bool:
    """Whether orjson reads ``text`` to the very value ``json`` does (no integer past 64 bits:
    a run of 19 digits, in a string or not, sends the text to ``json``)."""
    return _LONG_INT not in _utf8(text).translate(_DIGITS_AS_ZERO)


def loads(text: str | bytes) -> Any:
    """``json.loads(text)``, faster: the same value, or the same error."""
    data = _utf8(text)  # once, for the check and for orjson (a lone surrogate makes it invalid UTF-8)
    if exact_for_orjson(data):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass  # json decides: a value orjson will not read, or json's own error message
    return json.loads(text)


def dumps(value: Any) -> str:
    """Compact JSON text of ``value`` (no spaces, UTF-8 as is), what the columns store."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # orjson.JSONEncodeError: a big integer, a key that is not text
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Encoder(json.JSONEncoder):
    """For ``models.JSONField(encoder=...)``: Django calls ``json.dumps(value, cls=Encoder)``."""

    def encode(self, o: Any) -> str:
        return dumps(o)


class Decoder(json.JSONDecoder):
    """For ``models.JSONField(decoder=...)``: Django calls ``json.loads(text, cls=Decoder)``."""

    def decode(self, s: str, _w: Any = None) -> Any:
        return loads(s)
