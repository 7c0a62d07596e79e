"""A minimal valid data pack, written as text so tests can damage it line by line."""

from __future__ import annotations

from pathlib import Path

SOURCES = """\
sources:
  - id: ts-vol2
    citation: Travell and Simons, Vol. 2.
    tier: A
  - id: unverified
    citation: General knowledge.
    tier: D
"""

ZONES = """\
zones:
  - id: heel_plantar
    name: underside of heel
    term: plantar heel
    views: [plantar]
  - id: achilles
    name: Achilles tendon
    term: calcaneal tendon region
    views: [posterior]
  - id: calf_lower_medial
    name: lower inner calf
    term: distal posteromedial leg
    views: [posterior, medial]
"""

ACUPRESSURE = """\
points:
  - id: BL57
    name: Chengshan
    location: In the hollow below the calf bellies.
    who_location: On the posterior aspect of the leg.
    views: [posterior]
    how: Press with the thumb for a minute.
    sources: [ts-vol2]
"""

RED_FLAGS = """\
red_flags:
  - id: dvt
    condition: Deep vein thrombosis
    urgency: urgent
    message: See a doctor today.
    signs: [A swollen, warm calf]
    rule: points
    threshold: 1
    zones: [calf_lower_medial]
    questions:
      - id: dvt-swollen
        text: Is the calf swollen?
        points: 1
    sources: [ts-vol2]
"""

TEXTS = """\
disclaimer: Information only.
evidence: The evidence is mixed.
doctor_intro: Stop and see a doctor if
sources: [ts-vol2]
"""

SOLEUS = """\
id: soleus
name: Soleus
aliases: [deep calf muscle]
group: calf
depth: superficial
views: [posterior, medial]
action: Points the foot down.
sources: [ts-vol2]
trigger_points:
  - id: soleus-1
    label: Low soleus
    prevalence: common
    views: [posterior]
    location:
      landmark: Above the heel cord.
      anatomical: Distal to the gastrocnemius.
    referral:
      essential: [heel_plantar, achilles]
      spillover: [calf_lower_medial]
    sources: [ts-vol2]
treatment:
  pressure:
    self_treatment: true
    where: Above the heel cord.
    tools: [ball]
    position: Sit on the floor.
    pressure: About 7 out of 10.
    hold_seconds: [30, 60]
    repetitions: 3 times
    frequency: daily
    sources: [ts-vol2]
  stretch:
    name: Bent-knee calf stretch
    steps: [Bend the knee.]
    hold_seconds: [30, 30]
    repetitions: 3 times
    frequency: twice a day
    sources: [ts-vol2]
  acupressure:
    points: [BL57]
    sources: [ts-vol2]
  perpetuating_factors:
    items: [High heels]
    sources: [ts-vol2]
  mistaken_for:
    items: [Plantar fasciitis]
    sources: [ts-vol2]
"""

FILES = {
    "sources/general.yaml": SOURCES,
    "zones.yaml": ZONES,
    "acupressure.yaml": ACUPRESSURE,
    "red_flags.yaml": RED_FLAGS,
    "texts.yaml": TEXTS,
    "muscles/soleus.yaml": SOLEUS,
}


def write_minimal_pack(folder: Path) -> Path:
    for name, text in FILES.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder
