"""An illustrative one-compartment model: a concentration shape per route.

This is a teaching device, not data. Each route's curve is the textbook
first-order absorption / elimination shape C(t) ~ exp(-ke t) - exp(-ka t),
with ka and ke chosen so that the peak falls at the route's published Tmax and
the curve falls to `DURATION_FRACTION` of its peak at the end of the route's
published duration of effect. Intravenous bolus (Tmax 0) decays from its peak.
"""

from __future__ import annotations

import math

import numpy as np

DURATION_FRACTION = 0.25  # modelling assumption: "effect over" = 25 % of peak
MIN_RATIO = 1 + 1e-6


def shape(s: np.ndarray, r: float) -> np.ndarray:
    """Concentration vs time in units of Tmax (s = t / Tmax) for ka/ke = r, peak = 1."""
    if abs(r - 1) < 1e-4:
        return s * np.exp(1 - s)
    k = math.log(r) / (r - 1)  # ke * Tmax
    c = np.exp(-k * s) - np.exp(-r * k * s)
    return c / (math.exp(-k) - math.exp(-r * k))


def fall_time(r: float) -> float:
    """Time (in Tmax units) at which the curve falls to DURATION_FRACTION of its peak."""
    lo, hi = 1.0, 2.0
    while shape(np.array([hi]), r)[0] > DURATION_FRACTION:
        hi *= 2
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if shape(np.array([mid]), r)[0] > DURATION_FRACTION else (lo, mid)
    return (lo + hi) / 2


def fit_ratio(duration_over_tmax: float) -> float:
    """ka/ke so that the curve falls to the threshold at `duration_over_tmax` Tmax units.

    Below the shortest shape the model allows (ka == ke) the ratio is clamped.
    """
    lo, hi = MIN_RATIO, 1e4
    if duration_over_tmax <= fall_time(lo):
        return lo
    for _ in range(60):
        mid = math.sqrt(lo * hi)
        lo, hi = (mid, hi) if fall_time(mid) < duration_over_tmax else (lo, mid)
    return math.sqrt(lo * hi)


def concentration_curve(tmax_min: float, duration_min: float, t_min: np.ndarray) -> np.ndarray:
    """Normalised concentration (peak 1) at times `t_min` for one route."""
    if tmax_min <= 0:
        ke = math.log(1 / DURATION_FRACTION) / duration_min
        return np.exp(-ke * t_min)
    r = fit_ratio(duration_min / tmax_min)
    return shape(t_min / tmax_min, r)
