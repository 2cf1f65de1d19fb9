"""JSON objects of a data file as read: with the key an object gave twice noted (JSON reads
the last of them silently), what in a part of a file JSON cannot say, and a record's list of
objects (its pledges, milestones, terms or deliveries) checked for their keys."""

from __future__ import annotations

from agreements_cli.errors import BadInput


class JsonObject(dict):
    """An object of a data file as read, with the duplicate key it had, if any."""

    duplicate: str | None = None


def json_object(pairs: list[tuple[str, object]]) -> JsonObject:
    made = JsonObject(pairs)
    if len(made) < len(pairs):
        seen: set[str] = set()
        made.duplicate = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    return made


def first_problem(value: object, top: object = None) -> str | None:
    """What in a part of a data file JSON cannot say: a key given twice in one object, or
    text that is not valid Unicode (a lone surrogate, which no text can hold)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                shown = item[:40].encode("ascii", "backslashreplace").decode("ascii")
                return f"the text '{shown}' is not valid Unicode (it holds a lone surrogate)"
        elif isinstance(item, dict):
            duplicate = getattr(item, "duplicate", None)
            if duplicate is not None:
                return f"the key {duplicate!r} appears twice in one object; keep one"
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    if top is not None and getattr(top, "duplicate", None) is not None:
        return f"the key {top.duplicate!r} appears twice in one object; keep one"  # type: ignore[attr-defined]
    return None


def listed_objects(
    record: dict, field: str, keys: set[str], needed: tuple[str, ...]
) -> list[dict] | None:
    """The objects of a record's list ``field`` (None: it lists none), each with only known
    ``keys`` and the ``needed`` ones."""
    listed = record.get(field)
    if listed is None:
        return None
    if not isinstance(listed, list):
        raise BadInput(f"field {field!r} must be a list of objects")
    noun = field[:-3] + "y" if field.endswith("ies") else field.rstrip("s")
    for number, item in enumerate(listed, start=1):
        where = f"{noun} {number}"
        if not isinstance(item, dict):
            raise BadInput(f"{where} must be an object with {', '.join(needed)}")
        unknown = sorted(set(item) - keys)
        if unknown:
            raise BadInput(
                f"{where} has an unknown field {unknown[0]!r}. Known fields: "
                f"{', '.join(sorted(keys))}"
            )
        if any(item.get(f) is None for f in needed):
            raise BadInput(f"{where} needs {' and '.join(repr(f) for f in needed)}")
    return listed
