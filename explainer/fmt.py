"""Numbers, ranges, times and lists as words: the formatting every sentence and label shares."""

from __future__ import annotations

from explainer.cells import missing

MEASURE_SHORT = {"standardised mean difference": "SMD", "risk ratio of response": "RR of response",
                 "odds ratio of response": "OR of response", "odds ratio of remission": "OR of remission",
                 "risk ratio of remission": "RR of remission", "risk ratio of improvement": "RR of improvement",
                 "response-rate difference": "difference in response rate",
                 "mean difference in MADRS points": "MADRS difference"}
DRUG_SHORT = {"single ketamine IV infusion": "Ketamine", "single ketamine dose (IV or intranasal)": "Ketamine",
              "single ketamine dose (any route)": "Ketamine",
              "intranasal (es)ketamine, first dose": "Nasal (es)ketamine",
              "intranasal (es)ketamine, repeated doses": "Nasal (es)ketamine course", "SSRI": "SSRIs",
              "antidepressant (any class)": "Antidepressants"}  # onset_effect.treatment, short enough for a card


def num(v: float) -> str:
    """A figure as a reader expects it: whole numbers and those of 10 or more (either sign) without
    decimals, small ones to one decimal."""
    return f"{v:.0f}" if abs(v - round(v)) < 0.05 or abs(v) >= 10 else f"{v:.1f}"


def listing(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [str(i) for i in items]
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def time_label(days: float) -> str:
    """Human time: '40 min', '4 h', '1 day', '27 days', '6 wk' (weeks only for a whole number of them)."""
    if days < 1:
        minutes = round(days * 1440)  # rounded before the unit is chosen: 119.95 minutes is "2 h", not "120 min"
        return f"{minutes} min" if minutes < 120 else f"{minutes / 60:.0f} h"
    if days >= 7 and days % 7 == 0:
        return f"{days / 7:g} wk"
    return f"{days:g} day" + ("" if days == 1 else "s")


def time_range(low: float, high: float) -> str:
    """'40 min', '10–12 days', '1–2 wk': one unit for both ends when they share it."""
    a, b = time_label(low), time_label(high)
    if a == b:
        return a
    unit_a, unit_b = a.split(" ", 1)[1], b.split(" ", 1)[1]
    if unit_a.rstrip("s") == unit_b.rstrip("s"):
        return f"{a.split(' ')[0]}–{b}"
    return f"{a}–{b}"


def window_label(low: float, high: float) -> str:
    """A window a rate refers to: 'up to 14 wk' when it opens at the first dose, else '2–14 wk'."""
    return f"up to {time_label(high)}" if low <= 0 else time_range(low, high)


def value_range(low: object, high: object, unit: str) -> str:
    """'20–40 min', '48 %' or 'unknown' for a low/high pair."""
    if missing(low) and missing(high):
        return "unknown"
    if missing(low) or missing(high) or low == high:
        v = high if missing(low) else low
        return f"{v:g} {unit}"
    return f"{low:g}–{high:g} {unit}"
