"""The user's public holidays kept between runs (holiday_cache.py): the next
start answers from them without loading the holidays package, exactly as the
package would for the kept years; any other year, another country or another
install of the package goes to the package."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from followup_tui.domain.business_days import package_holidays
from followup_tui.settings.holiday_cache import (
    cache_path,
    keep_holidays,
    use_kept_holidays,
)

TODAY = date(2026, 11, 20)

ANSWERS = """
import sys
from datetime import date, timedelta
from followup_tui.settings.holiday_cache import use_kept_holidays
from followup_tui.domain.business_days import is_business_day
assert use_kept_holidays(sys.argv[1])
day, answers = date(2021, 1, 1), []
while day <= date(2028, 12, 31):
    answers.append(is_business_day(day, sys.argv[1]))
    day += timedelta(days=1)
print("".join("1" if a else "0" for a in answers))
print("holidays" in sys.modules)
is_business_day(date(2019, 12, 25), sys.argv[1])  # not kept: the package answers
print("holidays" in sys.modules)
"""


@pytest.mark.parametrize("country", ["US", "de-by"])
def test_kept_holidays_answer_as_the_package_does_without_loading_it(country: str) -> None:
    keep_holidays(country, TODAY)
    done = subprocess.run([sys.executable, "-c", ANSWERS, country], capture_output=True, text=True, check=True)
    answers, loaded_while_kept, loaded_after = done.stdout.split()
    calendar, day, expected = package_holidays(country), date(2021, 1, 1), []
    while day <= date(2028, 12, 31):
        expected.append("1" if day.weekday() < 5 and day not in calendar else "0")
        day += timedelta(days=1)
    assert answers == "".join(expected) and "0" in answers
    assert (loaded_while_kept, loaded_after) == ("False", "True")


def test_kept_holidays_are_used_only_for_their_country_and_package() -> None:
    keep_holidays("FR", TODAY)
    assert use_kept_holidays("fr ") and not use_kept_holidays("DE") and not use_kept_holidays("")
    data = json.loads(cache_path().read_text())
    data["package"][2] += 1  # the package was installed again (another version)
    cache_path().write_text(json.dumps(data))
    assert not use_kept_holidays("FR")
    keep_holidays("FR", TODAY)  # written again for this install
    assert use_kept_holidays("FR")
    for damaged in ("", "{", "[]", '{"format": 1, "country": "FR"}'):
        cache_path().write_text(damaged)
        assert not use_kept_holidays("FR")
    keep_holidays("ZZ", TODAY)  # not a country: nothing kept
    assert cache_path().read_text() == '{"format": 1, "country": "FR"}'


def test_a_config_with_a_country_is_checked_from_the_kept_holidays(tmp_path: Path) -> None:
    from followup_tui.domain.errors import ValidationError
    from followup_tui.settings.schema import load_settings

    keep_holidays("GB", TODAY)
    path = tmp_path / "config.toml"
    path.write_text('country = "GB"\n', encoding="utf-8")
    code = ("import sys; from pathlib import Path; from followup_tui.settings.schema import load_settings; "
            "load_settings(Path(sys.argv[1])); print('holidays' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False"]
    path.write_text('country = "ZZ"\n', encoding="utf-8")  # another country: checked by the package, refused
    with pytest.raises(ValidationError, match="country"):
        load_settings(path)
