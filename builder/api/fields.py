"""Request fields that take exactly the JSON type the schema names, nothing DRF would coerce.

DRF's own fields are lenient: ``BooleanField`` takes ``0.0`` and ``"yes"``, ``CharField`` turns
``6.6e-206`` into the text ``"6.6e-206"``, ``IntegerField`` takes ``"2"`` and ``2.0``, and a
``ChoiceField`` of numbers takes ``"2"``. The OpenAPI schema (drf-spectacular reads these as
their parent class) says ``boolean``, ``string``, ``integer``: so does the server.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from builder.document import _kind

#: How a message names the JSON type the document check reports (``document._kind``).
_NAMED = {"boolean": "a boolean", "number": "a number", "string": "text", "array": "an array", "object": "an object"}


def _json_type(value: Any) -> str:
    kind = _kind(value)
    return _NAMED.get(kind, kind)


def _numbers(*values: Any) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": "must be true or false, not {kind}"}

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid", kind=_json_type(data))
        return data


class StrictCharField(serializers.CharField):
    default_error_messages = {"not_text": "must be text, not {kind}"}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_text", kind=_json_type(data))
        return super().to_internal_value(data)  # type: ignore[no-any-return]


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"not_integer": "must be a whole number, not {kind}"}

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("not_integer", kind=_json_type(data))
        return super().to_internal_value(data)  # type: ignore[no-any-return]


class StrictChoiceField(serializers.ChoiceField):
    """A choice of the same JSON type as the choices themselves (``2``, never ``"2"``).

    Numbers compare as JSON Schema compares them: ``2.0`` is the number ``2`` (an ``enum`` of
    integers accepts it), so it is that choice; a boolean is never a number.
    """

    default_error_messages = {"invalid_choice": "{input!r} is not one of {choices}"}

    def to_internal_value(self, data: Any) -> Any:
        if data == "" and self.allow_blank:
            return ""
        for choice in self.choices:
            if (type(choice) is type(data) or _numbers(choice, data)) and choice == data:
                return choice
        self.fail("invalid_choice", input=data, choices=", ".join(repr(c) for c in self.choices))
        return None
