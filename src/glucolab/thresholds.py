"""Clinical thresholds and published cut-offs, each once, with its source.

Panels, models and indices import these names instead of typing the numbers, so a threshold
shown on a figure, used in a verdict and printed in a lesson is the same number. Each value is
in the unit in which its source prints it.

A threshold sorts one result into a category; it is not a diagnosis. The ADA requires two
abnormal results unless hyperglycaemia is unequivocal, and the same person can fall into
different categories by different tests.

References
----------
American Diabetes Association Professional Practice Committee. 2. Diagnosis and classification
    of diabetes: Standards of Care in Diabetes-2024. Diabetes Care 2024;47(Suppl 1):S20-S42.
American Diabetes Association Professional Practice Committee. 6. Glycemic goals and
    hypoglycemia: Standards of Care in Diabetes-2024. Diabetes Care 2024;47(Suppl 1):S111-S125.
World Health Organization, International Diabetes Federation. Definition and diagnosis of
    diabetes mellitus and intermediate hyperglycaemia. Geneva: WHO; 2006.
International Association of Diabetes and Pregnancy Study Groups Consensus Panel (Metzger BE
    et al.). Recommendations on the diagnosis and classification of hyperglycemia in pregnancy.
    Diabetes Care 2010;33:676-682.
The HOMA-IR, TG/HDL and TyG cut-offs carry their own sources beside each value.
"""

from __future__ import annotations

# -- ADA 2024 categories (Standards of Care, section 2) ------------------------------------------
# Lower limits of "prediabetes" and "diabetes", in the units the ADA prints (the mmol/L values
# are the ADA's own rounded figures, not conversions made here).
FASTING_PREDIABETES_MGDL = 100.0  # impaired fasting glucose from here
FASTING_DIABETES_MGDL = 126.0
OGTT_2H_PREDIABETES_MGDL = 140.0  # impaired glucose tolerance from here, 2 h after 75 g
OGTT_2H_DIABETES_MGDL = 200.0
HBA1C_PREDIABETES_PERCENT = 5.7
HBA1C_DIABETES_PERCENT = 6.5

ADA_THRESHOLDS = {
    "fasting glucose": {"mg/dL": (FASTING_PREDIABETES_MGDL, FASTING_DIABETES_MGDL), "mmol/L": (5.6, 7.0)},
    "2-h OGTT glucose": {"mg/dL": (OGTT_2H_PREDIABETES_MGDL, OGTT_2H_DIABETES_MGDL), "mmol/L": (7.8, 11.1)},
    "HbA1c": {"%": (HBA1C_PREDIABETES_PERCENT, HBA1C_DIABETES_PERCENT), "mmol/mol": (39.0, 48.0)},
}
ADA_CATEGORIES = ("normal", "prediabetes", "diabetes")

# The normal fasting range the panels shade: from the level-1 hypoglycaemia threshold of the ADA
# (70 mg/dL; Standards of Care 2024, section 6) up to the last value below impaired fasting glucose.
HYPOGLYCAEMIA_LEVEL1_MGDL = 70.0
NORMAL_FASTING_MGDL = (HYPOGLYCAEMIA_LEVEL1_MGDL, 99.0)

# The WHO puts the lower limit of impaired fasting glucose at 110 mg/dL (6.1 mmol/L; WHO/IDF 2006),
# the ADA at 100; both put diabetes at 126 mg/dL (7.0 mmol/L).
WHO_IFG_MGDL = 110.0

# -- gestational diabetes: one 75-g OGTT in pregnancy (IADPSG 2010, adopted by the ADA 2024) -----
# Keys are minutes after the drink; one value at or above its threshold is enough.
IADPSG_THRESHOLDS = {0.0: 92.0, 60.0: 180.0, 120.0: 153.0}  # mg/dL
IADPSG_THRESHOLDS_MMOL = {0.0: 5.1, 60.0: 10.0, 120.0: 8.5}  # mmol/L, as the consensus prints them

# -- outcome classes of the Ha 2016 lessons: fasting glucose after five years, mg/dL ---------------
# The model's healthy start sits at 100 mg/dL, exactly the ADA's lower limit of impaired fasting
# glucose, so the first class ends at the WHO limit (110 mg/dL); diabetes from 126 mg/dL as in
# both. The last class, 200 mg/dL and above, is a teaching class for glucose running away, not a
# clinical threshold; 2000 mg/dL closes the scale.
OUTCOME_EDGES_MGDL = (0.0, WHO_IFG_MGDL, FASTING_DIABETES_MGDL, 200.0, 2000.0)
OUTCOME_NAMES = ("near the start", "impaired", "diabetic", "runaway")
OUTCOME_RANGES = ("<110", "110-125", "126-199", "≥200")

# -- HOMA-IR cut-offs: (value, who and how, source) ---------------------------------------------
# They differ with the population, the insulin assay and the criterion (a percentile of healthy
# people, or the best split for the metabolic syndrome). The popular 2.5 does not come from
# Matthews et al. (1985).
HOMA_IR_CUTOFFS = (
    (1.775, "Iran, adults without diabetes: best split for the metabolic syndrome",
     "Esteghamati et al. 2010, Nutr Metab (Lond) 7:26"),
    (2.05, "Spain, general adult population: best split for the metabolic syndrome",
     "Gayoso-Diz et al. 2013, BMC Endocr Disord 13:47"),
    (2.5, "a common convention, used e.g. in the Cremona Study (Italy)",
     "Calori et al. 2011, Diabetes Care 34:210-215"),
    (2.7, "Brazil, healthy adults: 90th percentile",
     "Geloneze et al. 2009, Arq Bras Endocrinol Metabol 53:281-287"),
    (2.77, "Italy (Bruneck), non-obese adults without metabolic disorders: top quintile",
     "Bonora et al. 1998, Diabetes 47:1643-1649"),
    (3.46, "Spain, general adult population: 90th percentile",
     "Gayoso-Diz et al. 2013, BMC Endocr Disord 13:47"),
)

# -- TG/HDL cut-offs, all on the ratio worked out in mg/dL: (value, who and how, source) ----------
# The McLaughlin abstract prints the same cut-off as "1.8 in SI units"; with the factors of
# glucolab.units, 3.0 in mg/dL is 1.31 in mmol/L, and 1.8 in mmol/L would be 4.1 in mg/dL.
TG_HDL_CUTOFFS = (
    (2.5, "young women, Mexico (2244 students): top quarter of the ratio",
     "Murguia-Romero et al. 2013, J Lipid Res 54:2795-2799"),
    (3.0, "overweight adults without diabetes, USA (258): best split for the most insulin-resistant "
          "third by the insulin suppression test; sensitivity 57 %, specificity 71 %",
     "McLaughlin et al. 2003, Ann Intern Med 139:802-809"),
    (3.5, "young men, Mexico (2244 students): top quarter of the ratio",
     "Murguia-Romero et al. 2013, J Lipid Res 54:2795-2799"),
)
MCLAUGHLIN_PRINTED_SI_CUTOFF = 1.8  # "1.8 in SI units (3.0 in traditional units)", McLaughlin et al. 2003

# -- TyG cut-offs, both on the ln(TG*G)/2 form: (value, who and reference test, source) -----------
TYG_CUTOFFS = (
    (4.65, "748 apparently healthy adults, Mexico; reference: HOMA-IR; sensitivity 84 %, specificity 45 %",
     "Simental-Mendia et al. 2008, Metab Syndr Relat Disord 6:299-304"),
    (4.68, "99 adults, Mexico, 54 of them with prediabetes or diabetes; reference: the clamp; "
           "sensitivity 96.5 %, specificity 85.0 %, area under the ROC curve 0.858",
     "Guerrero-Romero et al. 2010, J Clin Endocrinol Metab 95:3347-3351"),
)
# Sensitivity and specificity of two cut-offs against a reference test, as fractions.
TEST_PERFORMANCE = {
    "TG/HDL >= 3.0": (0.57, 0.71, "McLaughlin et al. 2003 (insulin suppression test)"),
    "TyG >= 4.68": (0.965, 0.850, "Guerrero-Romero et al. 2010 (clamp)"),
}
