"""Vocabulary from the real dumps in ``fixtures/seeds``: titles, paragraphs, words, numbers and
image-credit sources that generated text draws from."""

from __future__ import annotations

SEED_TITLES: tuple[str, ...] = (
    "Kazakh Interior Ministry says crimes down 8% in two months of 2026",
    "President Tokayev briefed on 2029 energy roadmap and refinery growth",
    "Head of State signs decree appointing new chief justices and judges",
    "Kazakhstan appoints new deputy head of Civil Service Affairs Agency",
    "President congratulates Kazakhstanis on Day of Gratitude",
    "Kazakhstan's Air Astana announces changes to Middle East flights",
    "President Tokayev sets several tasks amid escalating situation in Middle East",
    "Kazakhstan ratifies EAEU agreement on vehicle weights and dimensions",
    'President Tokayev Awards President of Serbia the Order of "Altyn Kyran"',
    "Children\u2019s Rights Ombudsman Zakiyeva entrusted with taking additional measures of "
    "inclusive education development",
    "Almaty to build 35 km of ski tracks for beginner skiers",
    "Activities of 13 criminal groups suppressed, 142 members detained, Kazakh National Security "
    "Committee",
    "CPC resumes oil transportation after scheduled shutdown",
    "Culture Minister Balayeva announces initiatives as part of 10-day Children's Day celebration",
    "Olzhas Bektenov holds meeting on implementation of major projects in metallurgy and "
    "petrochemistry",
    "Kazakhstan adopts action plan to deliver its transport and logistics objectives",
    "Kazakh President and PM of Hungary hold talks",
)

SEED_PARAGRAPHS: tuple[str, ...] = (
    "The second decree appoints Ulan Bekish as the new deputy head of the Civil Service Affairs "
    "Agency.",
    "Flight KC899 Almaty-Dubai was diverted to Delhi.",
    "FlyArystan\u2019s flight FS7617 Aktau-Dubai landed at an alternate airport.",
    "Main objectives of the Agreement:",
    "- Effective utilization of the EAEU's transit potential;",
    "- Enhancing road safety;",
    "Head of State has received Children\u2019s Rights Ombudsman Dinara Zakiyeva, Kazinform News "
    "Agency reports.",
    "49 rehabilitation centers have been opened by Qazaqstan Halqyna Foundation together with "
    "partners.",
    "Sagimbayev added that over 16,000 lawbreakers were detained, and 3,025 were deported.",
    "What was done:",
    "Crude lifting from the Marine Terminal has now been resumed in the standard mode.",
    "Efforts are actively underway to combat drug crime, as five drug laboratories were "
    "dismantled. 881.5 kg of drugs were seized, including over 104 kg of synthetic drugs.",
    "Sadenov reported in two months of this year, the crime rate fell 8% or 1,300 fewer "
    "reported crimes year on year.",
)

SEED_WORDS: tuple[str, ...] = (
    "$1.5", "(CCGT)", "(TPA)", "1,300", "2024,", "2025,", "23", "3.2", "300,000", "35km", "85%",
    "a", "Akkenzhenov.", "Akorda", "Almaty-Medina,", "announced", "at", "award,", "border",
    "childhood", "compassion,", "Cooperation", "country\u2019s", "court);", "current",
    "detained,", '"Development"', "diverted", "during", "Economy", "emergency", "environmental",
    "expanding.", "facilities,", "fewer", "For", "friendship", "gas", "global", "growth,",
    "Head", "highlighted", "historic", "in", "included", "infrastructure;", "international",
    "Iran", "it", "judges", "justice", "Karaganda,", "Kassym-Jomart", "Kazakhstan.",
    "laboratories", "logistics", "meters.", "Minister", "monitoring", "national", "nationwide,",
    "of", "online", "our", "partners.", "public", "PJSC", "Podsolevoy", "power", "President's",
    "Prime", "Qazinform", "rates", "rehabilitation", "results", "Serbia.", "service.", "signed",
    "So,", "sovereignty.", "State", "strengthen", "support", "system", "talks", "the", "This",
    "Tokayev", "tons).", "transport", "trip", "Turbine", "Up", "were", "western)", "Yertis",
    "Zhambyl,",
)  # fmt: skip

SEED_NUMBERS: tuple[str, ...] = (
    "2025-2030",
    "12.05.2025",
    "3.3.26",
    "2026-03-03",
    "14:12",
    "0:5",
    "25:61",
    "11421",
    "-12",
    "12k",
    "8%",
    "1,204",
)
"""Number-, date- and time-like words that stay prose as long as words follow them."""

SEED_CREDITS: tuple[str, ...] = ("Akorda", "Depositphotos", "CPC press service", "primeminister.kz")
