"""The bounded load test, as a test (marker `load`, not in the default run: `./run test -m load`)."""
from __future__ import annotations

import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts" / "bench"))


@pytest.mark.load
def test_twenty_thousand_mixed_requests_without_an_error():
    from load_test import run

    result = run(20_000, 20)
    print(result)
    assert result["requests"] == 20_000
    assert result["errors"] == 0
