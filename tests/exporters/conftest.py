"""Plans of the three shipped examples, built once for the exporter tests."""

from __future__ import annotations

import pytest

from runlift.model.plan import Plan
from runlift.planning.build import build_plan
from runlift.profile_file import EXAMPLE_NAMES, load_example


@pytest.fixture(scope="session")
def example_plans() -> dict[str, Plan]:
    """``runner``, ``lifter`` and ``hybrid`` planned at their full twelve weeks."""
    return {name: build_plan(load_example(name)) for name in EXAMPLE_NAMES}
