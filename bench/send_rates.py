"""What the benches of sends through the fake Bot API compute from its timestamps."""

import math


def peak_per_second(times: list[float]) -> int:
    """The most sends in any one-second window (against the bot's limit)."""
    times = sorted(times)
    peak, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= 1.0:
            first += 1
        peak = max(peak, last - first + 1)
    return peak


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (of 20 values, p95 is the 19th)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]
