"""The agencies that feed Crossroads, each with its own habits of writing a person down.

A profile says which transliteration conventions an agency's clerks use, how often they copy the
spelling from an identity document instead (``fidelity``), how they lay out a full name, how often
they slip, how complete their birth dates are, which identifiers and contact details they hold,
and how they mark their records (classification and caveats).
"""

from __future__ import annotations

from dataclasses import dataclass

Weights = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class SourceProfile:
    code: str
    id_format: str
    conventions: Weights  # transliteration conventions of its clerks
    fidelity: float  # share of records spelled as on the identity document
    layouts: Weights  # spelling.LAYOUTS
    address_language: Weights = (("fr", 0.7), ("nl", 0.3))
    split_names: float = 0.8  # records with firstName/lastName
    typo_rate: float = 0.04  # records with a slip in a name
    ascii_only: bool = False  # its system drops accents (Aïcha -> Aicha)
    drops_particle: float = 0.0  # files El Amrani under Amrani
    birth_precision: Weights = (("full", 0.92), ("month", 0.03), ("year", 0.02), ("none", 0.03))
    birth_wrong: float = 0.015  # day/month swapped or one digit mistyped
    year_placeholder: float = 0.0  # writes 1 January when only the year is known
    birthplace: float = 0.6
    national_number: float = 0.0  # of those who have one
    national_number_dotted: float = 1.0  # YY.MM.DD-SSS.CC, else 11 plain digits
    passport: float = 0.1
    address: float = 0.8
    previous_address: float = 0.2  # an old address instead of the current one
    phone: float = 0.5
    phone_style: Weights = (("national", 0.6), ("intl", 0.4))
    email: float = 0.0
    alias: float = 0.2  # records carrying the nom de guerre when the person has one
    alias_only: float = 0.0  # records with the nom de guerre and no real name
    nickname: float = 0.2
    arabic_script: float = 0.0
    father_name: float = 0.0
    nationality_style: Weights = (("code", 1.0),)
    gender_style: Weights = (("male", 1.0),)
    classification: Weights = (("restricted", 1.0),)
    caveats: Weights = ()  # (caveat, probability)
    duplicates: float = 0.0  # persons recorded twice under different ids
    knows_status: bool = False  # carries status, topics and dated notes
    notes_language: str = "fr"


_POLICE_LAYOUTS: Weights = (("FAMILY Given", 0.7), ("Family, Given", 0.15), ("Given Family", 0.15))

# fmt: off
PROFILES: tuple[SourceProfile, ...] = (
    SourceProfile(
        "police.zone.brussels-west", "bxl-west-{:06d}", (("fr", 0.75), ("nl", 0.25)), 0.85,
        _POLICE_LAYOUTS, address_language=(("fr", 0.75), ("nl", 0.25)), split_names=0.9, typo_rate=0.05,
        national_number=0.85, passport=0.1, phone=0.65, nickname=0.3, alias=0.1,
        gender_style=(("M/F", 0.8), ("H/F", 0.2)), nationality_style=(("code", 0.6), ("fr", 0.4)),
        caveats=(("PREVENTION", 0.2),), duplicates=0.03,
    ),
    SourceProfile(
        "police.zone.brussels-north", "PZN{:07d}", (("fr", 0.6), ("nl", 0.4)), 0.8,
        (("Family, Given", 0.5), ("FAMILY Given", 0.4), ("Given Family", 0.1)),
        address_language=(("fr", 0.6), ("nl", 0.4)), split_names=0.85, typo_rate=0.06, national_number=0.8,
        national_number_dotted=0.6, phone=0.6, nickname=0.25, alias=0.1,
        birth_precision=(("full", 0.9), ("month", 0.04), ("year", 0.02), ("none", 0.04)),
        gender_style=(("M/F", 0.6), ("male", 0.4)), nationality_style=(("fr", 0.5), ("nl", 0.5)),
        caveats=(("PREVENTION", 0.15),), duplicates=0.03,
    ),
    SourceProfile(
        "police.zone.antwerp", "ANT-{:08d}", (("nl", 1.0),), 0.85,
        (("FAMILY, Given", 0.6), ("Given Family", 0.25), ("Family Given", 0.15)),
        address_language=(("nl", 1.0),), split_names=0.9, typo_rate=0.05, national_number=0.85, phone=0.6,
        nickname=0.25, alias=0.1, gender_style=(("M/V", 0.8), ("man/vrouw", 0.2)),
        nationality_style=(("nl", 0.7), ("code", 0.3)), duplicates=0.03, notes_language="nl",
    ),
    SourceProfile(
        "police.federal", "fed-{:07d}", (("fr", 0.5), ("nl", 0.5)), 0.8,
        (("FAMILY Given", 0.6), ("FAMILY, Given", 0.25), ("Given Family", 0.15)),
        address_language=(("fr", 0.5), ("nl", 0.5)), split_names=0.95, typo_rate=0.03, national_number=0.9,
        passport=0.3, phone=0.45, alias=0.35, nickname=0.15, gender_style=(("male", 0.5), ("M/F", 0.5)),
        nationality_style=(("code", 0.8), ("en", 0.2)),
        classification=(("restricted", 0.6), ("confidential", 0.4)), caveats=(("NOFORN", 0.3),),
        duplicates=0.02, knows_status=True,
    ),
    SourceProfile(
        "intel.civil", "ic-{:07d}", (("fr", 0.5), ("nl", 0.3), ("en", 0.2)), 0.5,
        (("Given Family", 0.4), ("FAMILY Given", 0.4), ("Family, Given", 0.2)), split_names=0.5,
        typo_rate=0.07, drops_particle=0.05,
        birth_precision=(("full", 0.6), ("month", 0.15), ("year", 0.15), ("none", 0.1)), birth_wrong=0.03,
        birthplace=0.4, national_number=0.4, passport=0.2, address=0.6, previous_address=0.35, phone=0.5,
        phone_style=(("intl", 0.6), ("plain", 0.4)), email=0.2, alias=0.6, alias_only=0.08, nickname=0.35,
        arabic_script=0.05, father_name=0.05, nationality_style=(("code", 0.7), ("fr", 0.3)),
        classification=(("confidential", 0.6), ("secret", 0.4)), caveats=(("NOFORN", 0.7), ("ORCON", 0.5)),
        duplicates=0.02, knows_status=True,
    ),
    SourceProfile(
        "intel.military", "im-{:06d}", (("en", 0.5), ("fr", 0.3), ("nl", 0.2)), 0.3,
        (("Given FAMILY", 0.5), ("GIVEN FAMILY", 0.3), ("Given Family", 0.2)), split_names=0.3,
        typo_rate=0.08, drops_particle=0.1,
        birth_precision=(("full", 0.35), ("month", 0.15), ("year", 0.35), ("none", 0.15)),
        birth_wrong=0.03, birthplace=0.3, passport=0.15, address=0.2, phone=0.4,
        phone_style=(("plain", 1.0),), email=0.15, alias=0.85, alias_only=0.2, nickname=0.2,
        arabic_script=0.1, notes_language="en", classification=(("secret", 1.0),),
        caveats=(("NOFORN", 0.95), ("ORCON", 0.9)), knows_status=True,
    ),
    SourceProfile(
        "ocam", "ocam-{:06d}", (("fr", 0.5), ("nl", 0.5)), 0.75,
        (("FAMILY Given", 0.8), ("Given Family", 0.2)), address_language=(("fr", 0.5), ("nl", 0.5)),
        split_names=0.95, typo_rate=0.03,
        birth_precision=(("full", 0.85), ("month", 0.05), ("year", 0.07), ("none", 0.03)),
        national_number=0.7, passport=0.25, address=0.7, phone=0.3, alias=0.7, nickname=0.2,
        classification=(("confidential", 1.0),), caveats=(("NOFORN", 0.5),), knows_status=True,
    ),
    SourceProfile(
        "prison.radicalisation", "det-{:07d}", (("fr", 0.55), ("nl", 0.45)), 0.95, _POLICE_LAYOUTS,
        address_language=(("fr", 0.55), ("nl", 0.45)), split_names=1.0, typo_rate=0.02,
        birth_precision=(("full", 1.0),), birth_wrong=0.005, birthplace=0.9, national_number=0.98,
        address=0.5, previous_address=0.5, phone=0.1, alias=0.3, nickname=0.3,
        gender_style=(("M/F", 1.0),), caveats=(("PREVENTION", 0.3),), knows_status=True,
    ),
    SourceProfile(
        "prevention.molenbeek", "prev-{:05d}", (("fr", 0.8), ("nl", 0.2)), 0.7,
        (("Given Family", 0.6), ("FAMILY Given", 0.4)), address_language=(("fr", 0.8), ("nl", 0.2)),
        split_names=0.7, typo_rate=0.08,
        birth_precision=(("full", 0.7), ("month", 0.1), ("year", 0.1), ("none", 0.1)), birth_wrong=0.03,
        birthplace=0.2, national_number=0.2, address=0.95, phone=0.75, email=0.1, nickname=0.4,
        gender_style=(("H/F", 0.5), ("homme/femme", 0.5)), nationality_style=(("fr", 1.0),),
        caveats=(("PREVENTION", 1.0),),
    ),
    SourceProfile(
        "foreign.fr", "FR-{:08d}", (("fr", 1.0),), 0.5, (("FAMILY Given", 0.7), ("FAMILY, Given", 0.3)),
        split_names=0.95, typo_rate=0.05, drops_particle=0.05, national_number=0.05, passport=0.4,
        address=0.5, phone=0.3, alias=0.5, alias_only=0.03, nickname=0.1, gender_style=(("M/F", 1.0),),
        nationality_style=(("fr", 0.6), ("code", 0.4)), caveats=(("ORCON", 0.3),), knows_status=True,
    ),
    SourceProfile(
        "foreign.nl", "NL{:09d}", (("nl", 1.0),), 0.5, (("Given Family", 0.6), ("FAMILY, Given", 0.4)),
        address_language=(("nl", 1.0),), split_names=0.9, typo_rate=0.05, passport=0.4, address=0.5,
        phone=0.3, phone_style=(("intl", 1.0),), alias=0.4, gender_style=(("M/V", 1.0),),
        nationality_style=(("nl", 0.5), ("code", 0.5)), notes_language="nl",
    ),
    SourceProfile(
        "foreign.de", "DE-{:07d}", (("de", 1.0),), 0.4, (("FAMILY, Given", 0.7), ("Given Family", 0.3)),
        address_language=(("de", 1.0),), split_names=0.9, typo_rate=0.05, drops_particle=0.05,
        birth_precision=(("full", 0.85), ("month", 0.05), ("year", 0.05), ("none", 0.05)), passport=0.5,
        address=0.4, phone=0.3, phone_style=(("intl", 1.0),), alias=0.4, gender_style=(("male", 1.0),),
        nationality_style=(("code", 1.0),), notes_language="de",
    ),
    SourceProfile(
        "foreign.tr", "TR{:010d}", (("tr", 0.9), ("en", 0.1)), 0.25,
        (("GIVEN FAMILY", 0.6), ("Given FAMILY", 0.4)), split_names=0.8, typo_rate=0.1,
        drops_particle=0.05,
        birth_precision=(("full", 0.7), ("month", 0.05), ("year", 0.2), ("none", 0.05)), birth_wrong=0.04,
        year_placeholder=0.6, birthplace=0.5, passport=0.85, address=0.0, phone=0.15,
        phone_style=(("plain", 1.0),), alias=0.2, nickname=0.0, father_name=0.5,
        nationality_style=(("tr", 0.5), ("iso3", 0.5)), gender_style=(("male", 1.0),), notes_language="tr",
        knows_status=True,
    ),
    SourceProfile(
        "foreign.ma", "MA-{:07d}", (("fr", 0.9), ("en", 0.1)), 0.6,
        (("FAMILY Given", 0.6), ("Given Family", 0.4)), split_names=0.85, typo_rate=0.05,
        birth_precision=(("full", 0.8), ("month", 0.05), ("year", 0.1), ("none", 0.05)), birth_wrong=0.03,
        year_placeholder=0.3, birthplace=0.9, passport=0.5, address=0.1, phone=0.1, alias=0.3,
        nickname=0.0, arabic_script=0.35, father_name=0.7, nationality_style=(("fr", 0.5), ("code", 0.5)),
        gender_style=(("M/F", 1.0),),
    ),
    SourceProfile(
        "europol", "EU-{:09d}", (("en", 0.8), ("fr", 0.1), ("de", 0.1)), 0.4,
        (("Given FAMILY", 0.4), ("FAMILY, Given", 0.4), ("GIVEN FAMILY", 0.2)), split_names=0.8,
        typo_rate=0.04, ascii_only=True, drops_particle=0.05,
        birth_precision=(("full", 0.8), ("month", 0.05), ("year", 0.1), ("none", 0.05)),
        year_placeholder=0.3, birthplace=0.5, passport=0.6, address=0.2, phone=0.3,
        phone_style=(("plain", 1.0),), email=0.1, alias=0.5, alias_only=0.03, arabic_script=0.05,
        nationality_style=(("iso3", 0.5), ("en", 0.5)), gender_style=(("male", 1.0),), notes_language="en",
        duplicates=0.02, knows_status=True,
    ),
)
# fmt: on

PROFILE_BY_CODE = {p.code: p for p in PROFILES}
SOURCE_CODES = tuple(p.code for p in PROFILES)
