"""The advice each error's ``fix`` stands for, in the words of this command line: its
options, its commands, its environment variable. The one place the library's errors
meet them."""

from __future__ import annotations

import shlex

from agreements_cli.errors import AgreementsError, Fix

ADVICE: dict[Fix, str] = {
    Fix.FILE_PATH: "Give a file path with --db or AGREEMENTS_DB",
    Fix.OTHER_PATH: "Give another path with --db or AGREEMENTS_DB",
    Fix.OTHER_FILE: "Give another file with --db or AGREEMENTS_DB",
    Fix.NEW_FILE: "Give a new file with --db or AGREEMENTS_DB",
    Fix.CREATE_OR_OTHER_PATH: "Create the file there or give another path with --db",
    Fix.WRITABLE_OR_COPY: "Make it writable or use --db with a copy",
    Fix.SEE_BAD_VALUES: "See every such value with: agreements check",
    Fix.SEE_LOG_PROBLEMS: "See what is wrong with: agreements check",
    Fix.UNDO_AGAIN: "Run agreements undo again",
    Fix.EXPORTED_FILE: "Give a JSON file made by agreements export",
    Fix.PLANNED_AS_MILESTONE: "Record a signing that is planned as a milestone, e.g. agreements "
    'milestone add COUNTRY "signing scheduled for {day}" --on {today}',
    Fix.SIGNED_OR_NO_DATE: "Use --status signed, or leave the date out",
    Fix.GIVE_AMOUNT: "Add --amount",
    Fix.NOT_COUNTED_OR_NO_REASON: "Add --not-counted, or leave --count-reason and "
    "--count-source out",
    Fix.GIVE_COUNT_REASON: "Add --count-reason TEXT (and --count-source URL)",
    Fix.GIVE_SOURCE: "Add --source URL",
    Fix.SEE_ITEMS: "See: agreements {entity} list {code}",
    Fix.LIST_ITEMS: "See: agreements {entity} list",
}


def message(error: AgreementsError) -> str:
    """The error's one line: what is wrong, then how to put it right here."""
    if error.fix is None:
        return error.reason
    values = {key: shlex.quote(str(value)) for key, value in error.values.items()}
    return f"{error.reason}. {ADVICE[error.fix].format(**values)}"
