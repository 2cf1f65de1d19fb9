"""What the last `mutmut run` found, module by module, and each surviving mutant's change.

Run it from the project folder after `mutmut run` (see the README):

    .venv/bin/python tools/mutation_report.py             # one line a module
    .venv/bin/python tools/mutation_report.py money -v    # and money's survivors, with diffs

A mutant that only changes the letter case of SQL (a string with an SQL keyword, its quoted
values unchanged) cannot change what SQLite does: it reads keywords and names in any case. Those
are counted apart, as "SQL case", and left out of the score, as is a change of letter case
in a Rich style name ("style case": Rich reads "DIM" as "dim"); every other survivor counts
against it. Other survivors that cannot change behaviour are listed, with why, in
tests/equivalent-mutants.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|ORDER BY|PRAGMA|BEGIN|COMMIT|"
                 r"ROLLBACK|CREATE|JOIN|VALUES|LIMIT)\b")  # fmt: skip
STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"")  # a double-quoted literal, escapes and all
QUOTED = re.compile(r"'[^']*'")
STYLE_WORDS = {
    "bold",
    "dim",
    "italic",
    "green",
    "yellow",
    "cyan",
}  # the styles render/views.py uses


def _case_changed_string(diff: str) -> tuple[str, str] | None:
    """The one string literal whose letter case alone the mutant changed, before and
    after, else None."""
    removed = [
        line[1:]
        for line in diff.splitlines()
        if line.startswith("-") and not line.startswith("---")
    ]
    added = [
        line[1:]
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    if len(removed) != 1 or len(added) != 1 or removed[0] == added[0]:
        return None
    if removed[0].lower() != added[0].lower():
        return None
    before, after = STRING.findall(removed[0]), STRING.findall(added[0])
    changed = [(old, new) for old, new in zip(before, after, strict=False) if old != new]
    return changed[0] if len(changed) == 1 else None


def sql_case_only(diff: str) -> bool:
    """True when the mutant's one changed line differs from the original only in the case
    of a string literal holding SQL, its quoted values ('seed') as they were."""
    changed = _case_changed_string(diff)
    if changed is None or not SQL.search(changed[0]):
        return False
    return QUOTED.findall(changed[0]) == QUOTED.findall(changed[1])


def style_case_only(diff: str) -> bool:
    """True when the mutant's one changed line differs from the original only in the case
    of a string literal naming Rich styles ("dim", "bold green"): Rich reads style names
    in any case."""
    changed = _case_changed_string(diff)
    return changed is not None and set(changed[0].strip('"').lower().split()) <= STYLE_WORDS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules to report (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show each survivor")
    args = parser.parse_args()

    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    total = Counter()
    for path in sorted(Path("agreements_cli").rglob("*.py")):
        module = ".".join(path.relative_to("agreements_cli").with_suffix("").parts)
        if args.modules and module not in args.modules:
            continue
        data = SourceFileMutationData(path=path)
        data.load()
        if not data.exit_code_by_key:
            continue
        counts: Counter[str] = Counter()
        survivors: list[tuple[str, str, bool]] = []
        for name, code in data.exit_code_by_key.items():
            status = status_by_exit_code[code]
            if status == "survived":
                diff = get_diff_for_mutant(name, path=path)
                apart = "SQL case" if sql_case_only(diff) else None
                apart = apart or ("style case" if style_case_only(diff) else None)
                counts[apart or "survived"] += 1
                survivors.append((name, diff, apart is not None))
            else:
                counts[status] += 1
        caught = counts["killed"] + counts["timeout"] + counts["caught by type check"]
        scored = caught + counts["survived"] + counts["no tests"] + counts["suspicious"]
        score = f"{100 * caught / scored:.1f}%" if scored else "-"
        print(f"{module:18} {sum(counts.values()):5} mutants: {caught:5} killed, "
              f"{counts['survived']:3} survived, {counts['SQL case']:3} SQL case, "
              f"{counts['style case']:3} style case, "
              f"{counts['no tests']:3} no tests, {counts['not checked']:4} not checked: {score}")  # fmt: skip
        total.update(counts)
        if args.verbose:
            for name, diff, sql in survivors:
                if not sql:
                    print(f"\n## {name}")
                    print("\n".join(line for line in diff.splitlines()[2:] if line[:1] in "-+"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
