"""Errors of the commands: one line on stderr with what to do, the exit code (1 runtime, 2
bad input), and the database as it was."""

import pytest

from conftest import dump


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["add", "Czechia", "--status", "negotiating"], 1,
         "Error: Czechia is already tracked (negotiating). Use: agreements update Czechia --status ..."),
        (["add", "Poland", "--status", "signed"], 1, "Error: Poland is already tracked (signed). Use: agreements update Poland --status ..."),
        (["add", "Narnia", "--status", "signed"], 2, "Error: unknown country 'Narnia'. Use a country name or ISO code, for example: Czechia or CZ"),
        (["add", "Czechja", "--status", "planned"], 2, "Error: unknown country 'Czechja'. Did you mean Czechia?"),
        (["add", "Poland", "--status", "maybe"], 2, "Error: unknown status 'maybe'. Use one of: signed, negotiating, planned"),
        (["add", "Greece", "--status", "signed", "--signed-on", "2024-02-30"], 2, "Error: signing date '2024-02-30' is not a real date. Check the day and month"),
        (["add", "Greece", "--status", "signed", "--signed-on", "17/10/2024"], 2, "Error: signing date '17/10/2024' is day/month/year. Write it as YYYY-MM-DD: 2024-10-17"),
        (["add", "Greece", "--status", "negotiating", "--signed-on", "2024-10-17"], 2, "Error: a signing date was given but the status is negotiating. Use --status signed, or leave the date out"),
        (["add", "Greece", "--status", "signed", "--amount", "lots"], 2, "Error: amount 'lots' is not a number. Write it like 2500000000, 2.5e9, 2.5bn or 7.1 billion"),
        (["add", "Greece", "--status", "signed", "--amount", "-5"], 2, "Error: amount '-5' is negative. A pledge is a positive amount"),
        (["add", "Greece", "--status", "signed", "--amount", "5", "--currency", "XYZ"], 2, "Error: currency 'XYZ' has no ECB reference rate. Use USD or one of: AUD, BRL, CAD, CHF, CNY, CZK, DKK, EUR, GBP, HKD, HUF, IDR, ILS, INR, ISK, JPY, KRW, MXN, MYR, NOK, NZD, PHP, PLN, RON, SEK, SGD, THB, TRY, ZAR"),
        (["add", "Greece", "--status", "signed", "--currency", "EUR"], 2, "Error: a currency or period was given without an amount. Add --amount"),
        (["add", "Greece", "--status", "signed", "--source", "javascript:alert(1)"], 2, "Error: source 'javascript:alert(1)' is not a web address. Give an http:// or https:// URL"),
        (["add", "Greece", "--status", "signed", "--amount", "5", "--period", "2026-2024"], 2, "Error: period '2026-2024' is not a range in order. Write 2024, 2024-2026, or the months of a financial year: 2024-04..2025-03"),
        (["add", "Greece"], 2, "Error: Missing option '--status' / '-s'. See 'agreements add --help'."),
        (["add", "--status", "signed"], 2, "Error: Missing argument 'COUNTRY'. See 'agreements add --help'."),
        (["list", "--format", "xml"], 2, "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv', 'markdown', 'tsv', 'ndjson'. See 'agreements list --help'."),
        (["list", "--status", "done"], 2, "Error: unknown status 'done'. Use one of: signed, negotiating, planned"),
        (["list", "--sort", "name; DROP TABLE parties"], 2, "Error: Invalid value for '--sort': 'name; DROP TABLE parties' is not one of 'signed_on', 'country', 'code', 'status', 'value_usd'. See 'agreements list --help'."),
        (["progress", "--goal", "0"], 2, "Error: Invalid value for '--goal': 0 is not in the range 1<=x<=1000. See 'agreements progress --help'."),
        (["progress", "--goal", "many"], 2, "Error: Invalid value for '--goal': 'many' is not a valid int range. See 'agreements progress --help'."),
        (["frobnicate"], 2, "Error: No such command 'frobnicate'. See 'agreements --help'."),
    ],
)  # fmt: skip
def test_errors_are_one_line_with_exit_code_and_change_nothing(run, seeded, args, code, message):
    assert run("add", "Czechia", "--status", "negotiating").exit_code == 0
    before = dump(seeded)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert result.stderr == message + "\n"
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert dump(seeded) == before
