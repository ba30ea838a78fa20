"""Reading query parameters with clear errors (ValueError → 400)."""
from __future__ import annotations

MAX_LENGTH = 500


def optional(request, name: str) -> str | None:
    value = request.args.get(name)
    if value is None or not value.strip():
        return None
    if len(value) > MAX_LENGTH or "\x00" in value:
        raise ValueError(f"parameter {name!r} is too long or holds a NUL character")
    return value.strip()


def required(request, name: str) -> str:
    value = optional(request, name)
    if value is None:
        raise ValueError(f"parameter {name!r} is required")
    return value


def one_of(request, name: str, allowed) -> str | None:
    value = optional(request, name)
    if value is not None and value not in allowed:
        raise ValueError(f"parameter {name!r} must be one of: {', '.join(allowed)}")
    return value


def integer(request, name: str, default: int, low: int, high: int) -> int:
    value = optional(request, name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"parameter {name!r} must be a whole number") from None
    if not low <= number <= high:
        raise ValueError(f"parameter {name!r} must be between {low} and {high}")
    return number
