"""Values of the data's vocabulary that the code gives a meaning to.

Each is a value of an enum declared in data/datapackage.json; explainer/vocabulary.py declares the
field each one names, and validation reports a term the schema no longer allows, so renaming a
value in the data is caught instead of silently matching nothing.
"""

from __future__ import annotations

COMPARATORS = ("placebo", "active placebo")                 # onset.treatment: control arms
RAPID = ("ketamine IV", "esketamine intranasal")            # onset.treatment: rapid-acting arms
STRONG_GRADES = ("A", "B")                                  # conditions.evidence_grade: benefit shown by RCTs
KETAMINE_INFUSION = "single ketamine IV infusion"                      # onset_effect.treatment
KETAMINE_TREATMENTS = (KETAMINE_INFUSION, "single ketamine dose (IV or intranasal)")  # onset_effect.treatment
MILESTONES = ("first separation from placebo", "peak", "no longer separates")  # onset_milestones.milestone
