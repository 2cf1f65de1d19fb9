"""The advice each error's ``fix`` stands for, in the words of this command line: its
options, its commands, its environment variable. The one place the library's errors
meet them."""

from __future__ import annotations

import shlex

from agreements_cli.errors import AgreementsError, Fix, Problem
from agreements_cli.rules import CLEARABLE

# An advice with {reason} in it words the whole line; any other follows the reason.
ADVICE: dict[Fix, str] = {
    Fix.ADD_INSTEAD: "Use: agreements add {name} --status ...",
    Fix.UPDATE_INSTEAD: "Use: agreements update {name} --status ...",
    Fix.SEE_LIST: "See: agreements list",
    Fix.MANY_PLEDGES: "{reason}, so --amount, --currency, --period, --per-year and --clear amount cannot "
    "tell which to change. Use agreements pledge add and agreements pledge remove (see "
    "agreements pledge list {code})",
    Fix.SIGNED_NEEDS_DATE: "Give the right date with --signed-on YYYY-MM-DD, or another status "
    "with --status",
    Fix.LOAN_INSTRUMENT: "Use --instrument loan, and --kind for what it is for (military, "
    "financial, ...)",
    Fix.REPLACES_ANOTHER: "Give --replaces the id of a pledge of the same party for some of the "
    "same years (see agreements pledge list {code})",
    Fix.LOCAL_HOST: "Use --host 127.0.0.1 for this machine only, or --host 0.0.0.0 for every "
    "interface",
    Fix.OTHER_PORT: "Choose another with --port",
    Fix.GIVE_ENCODING: "Give its encoding, e.g. --encoding cp1252 for a CSV that Excel saved "
    "on Windows",
    Fix.OTHER_ENCODING: "Give its encoding with --encoding",
    Fix.NO_ENCODING: "A workbook says its own encoding: leave --encoding out",
    Fix.NO_SHEET: "--sheet is for .xlsx files: leave it out",
    Fix.CHOOSE_SHEET: "Name the sheet that holds the table with --sheet",
    Fix.IMPORT_DATA_FILE: "Give a CSV or .xlsx table of pledges, or import the data file with: "
    "agreements import FILE",
    Fix.FILE_PATH: "Give a file path with --db or AGREEMENTS_DB, or leave both out for the "
    "default database",
    Fix.OTHER_PATH: "Give another path with --db or AGREEMENTS_DB",
    Fix.OTHER_FILE: "Give another file with --db or AGREEMENTS_DB",
    Fix.NEW_FILE: "Give a new file with --db or AGREEMENTS_DB",
    Fix.CREATE_OR_OTHER_PATH: "Create the file there or give another path with --db",
    Fix.WRITABLE_OR_COPY: "Make it writable or use --db with a copy",
    Fix.CREATE_DATABASE: "Check the path; to start a database there, run: agreements --db "
    "{path} db init (or leave --db and AGREEMENTS_DB out for the default database)",
    Fix.SEE_BAD_VALUES: "See every such value with: agreements check",
    Fix.SEE_LOG_PROBLEMS: "See what is wrong with: agreements check",
    Fix.UNDO_AGAIN: "Run agreements undo again",
    Fix.EXPORTED_FILE: "Give a JSON file made by agreements export",
    Fix.PLANNED_AS_MILESTONE: "Record a signing that is planned as a milestone, e.g. agreements "
    'milestone add COUNTRY "signing scheduled for {day}" --on {today}',
    Fix.SIGNED_OR_NO_DATE: "Use --status signed, or leave the date out",
    Fix.GIVE_AMOUNT: "Add --amount",
    Fix.CLEARABLE: "--clear {reason}. Use one of: " + ", ".join(CLEARABLE),
    Fix.NOT_COUNTED_OR_NO_REASON: "Add --not-counted, or leave --count-reason and "
    "--count-source out",
    Fix.GIVE_COUNT_REASON: "Add --count-reason TEXT (and --count-source URL)",
    Fix.GIVE_SOURCE: "Add --source URL",
    Fix.SEE_ITEMS: "See: agreements {entity} list {code}",
    Fix.LIST_ITEMS: "See: agreements {entity} list",
    Fix.CHECK_SIGNING_DATE: "Fix: agreements update {code} --signed-on YYYY-MM-DD",
    Fix.CHECK_SOURCE: "Fix: agreements update {code} --source URL",
    Fix.CHECK_COUNT_REASON: "Fix: agreements update {code} --not-counted --count-reason TEXT",
    Fix.CHECK_PLEDGE_SOURCE: "Fix: agreements pledge remove {id}, then add it again with "
    "--source URL",
    Fix.CHECK_TERM_SOURCE: "Fix: agreements term set {code} {term} --status {status} --from "
    "{holds_from} --source URL, with its value and words again",
}


def message(error: AgreementsError | Problem) -> str:
    """The error's one line: what is wrong, then how to put it right here."""
    if error.fix is None:
        return error.reason
    values = {key: shlex.quote(str(value)) for key, value in (error.values or {}).items()}
    advice = ADVICE[error.fix]
    if "{reason}" in advice:
        return advice.format(reason=error.reason, **values)
    return f"{error.reason}. {advice.format(**values)}"
