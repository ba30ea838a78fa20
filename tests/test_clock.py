"""A source is 'older than five years' by the same rule everywhere: the guide, the database and the coverage figures."""
import datetime as dt

import pytest

from mlakb.common.clock import over_five_years_old


@pytest.mark.parametrize(("as_of", "on", "over"), [
    ("2021-12-07", dt.date(2026, 12, 7), False),  # exactly five years old is not yet over
    ("2021-12-06", dt.date(2026, 12, 7), True),
    ("2021-12", dt.date(2026, 12, 7), False),  # a partial date is compared at its own precision
    ("2021-11", dt.date(2026, 12, 7), True),
    ("2021", dt.date(2026, 12, 7), False),
    ("2020", dt.date(2026, 12, 7), True),
    ("2023-02-28", dt.date(2028, 2, 29), False),  # on a leap day, five years back is the 28th of February
    ("2023-02-27", dt.date(2028, 2, 29), True),
])
def test_the_five_year_rule(as_of, on, over):
    assert over_five_years_old(as_of, on) is over
