"""User inputs: values that carry a source (a study, user data, an hypothesis) instead of a formula."""
from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

import pint

from efp_core.sources import Source, Sources
from efp_core.values.explainable import ExplainableObjectValue
from efp_core.values.hourly import ExplainableHourlyQuantities
from efp_core.values.objects import ExplainableTimezone
from efp_core.values.quantity import ExplainableQuantity
from efp_core.values.recurrent import ExplainableRecurrentQuantities


def _check_not_plain_dimensionless(value: pint.Quantity, kind: str) -> None:
    if str(value.units) == "dimensionless":
        raise ValueError(f"{kind} need a unit saying how they aggregate over time: u.occurrence for events that "
                         "are summed, u.concurrent for simultaneous counts that are averaged; received dimensionless")


class SourceValue(ExplainableQuantity):
    """An input quantity with its source: `SourceValue(3 * u.kg, Sources.USER_DATA)`."""

    def __init__(self, value: pint.Quantity, source: Source = Sources.HYPOTHESIS, label: str | None = None) -> None:
        super().__init__(value, label, source)


class SourceObject(ExplainableObjectValue):
    """An input choice (a resolution, a provider name) with its source."""

    def __init__(self, value: Any, source: Source = Sources.HYPOTHESIS, label: str | None = None) -> None:
        super().__init__(value, label, source)


class SourceTimezone(ExplainableTimezone):
    """An input time zone with its source."""

    def __init__(self, value: tzinfo | str, source: Source = Sources.HYPOTHESIS, label: str | None = None) -> None:
        super().__init__(value, label, source)


class SourceHourlyValues(ExplainableHourlyQuantities):
    """An input hourly series; a naive `start_date` means local time of the country that uses it."""

    def __init__(self, value: pint.Quantity, start_date: datetime, source: Source = Sources.HYPOTHESIS,
                 label: str | None = None) -> None:
        if isinstance(value, pint.Quantity):
            _check_not_plain_dimensionless(value, "hourly series")
        super().__init__(value, start_date, label, source)


class SourceRecurrentValues(ExplainableRecurrentQuantities):
    """An input canonical week (168 values, Monday 00:00 first, local time)."""

    def __init__(self, value: pint.Quantity, source: Source = Sources.HYPOTHESIS, label: str | None = None) -> None:
        if isinstance(value, pint.Quantity):
            _check_not_plain_dimensionless(value, "recurrent series")
        super().__init__(value, label, source)
