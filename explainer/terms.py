"""Values of the data's vocabulary that the code gives a meaning to.

Each is a value of an enum declared in data/datapackage.json; explainer/vocabulary.py declares the
field each one names, and validation reports a term the schema no longer allows, so renaming a
value in the data is caught instead of silently matching nothing.
"""

from __future__ import annotations

COMPARATORS = ("placebo", "active placebo")                 # onset.treatment: control arms
RAPID = ("ketamine IV", "esketamine intranasal")            # onset.treatment: rapid-acting arms
STRONG_GRADES = ("A", "B")                                  # conditions.evidence_grade: benefit shown by RCTs
APPROVAL_BASIS = "regulatory approval"                      # conditions.grade_basis: a grade set by an approval
KETAMINE_INFUSION = "single ketamine IV infusion"                      # onset_effect.treatment
KETAMINE_TREATMENTS = (KETAMINE_INFUSION, "single ketamine dose (IV or intranasal)",       # onset_effect.treatment:
                       "single ketamine dose (any route)", "intranasal (es)ketamine, first dose")  # one dose only
SSRI = "SSRI"                                                          # onset_milestones.treatment
CONVENTIONAL = (SSRI, "antidepressant (any class)")                    # onset_effect.treatment: daily courses
NOT_RATED = "not rated"                                                # onset_effect.certainty: no GRADE rating
MILESTONES = ("first separation from placebo", "peak", "no longer separates")  # onset_milestones.milestone
