"""A source is 'older than five years' by the same rule everywhere: the guide, the database and the coverage figures."""
import datetime as dt

from mlakb.common.clock import over_five_years_old


def test_a_source_exactly_five_years_old_is_not_yet_over():
    on = dt.date(2026, 12, 7)
    assert not over_five_years_old("2021-12-07", on)
    assert over_five_years_old("2021-12-06", on)


def test_a_partial_date_is_compared_at_its_own_precision():
    on = dt.date(2026, 12, 7)
    assert not over_five_years_old("2021-12", on)
    assert over_five_years_old("2021-11", on)
    assert not over_five_years_old("2021", on)
    assert over_five_years_old("2020", on)


def test_on_a_leap_day_five_years_back_is_the_28th_of_february():
    on = dt.date(2028, 2, 29)
    assert not over_five_years_old("2023-02-28", on)
    assert over_five_years_old("2023-02-27", on)
