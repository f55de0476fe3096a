"""Need-to-know over generated readers, records, caveats, grants and purposes (hypothesis): nothing
forbidden is returned, nothing permitted is withheld, and more clearance or a grant never shows
less. 12,000 generated cases a run, plus the named cases below."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.access.model import AgencyKind, Clearance, Role, User, cleared_for
from crossroads.access.policy import (
    FIELDS,
    INTELLIGENCE,
    KNOWN_CAVEATS,
    NODISCOVERY,
    NOFORN,
    ORCON,
    PREVENTION,
    PREVENTION_FIELDS,
    Grant,
    Holding,
    Purpose,
    Reader,
    discoverable,
    readable,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
AGENCIES = {
    "police.federal": AgencyKind.FEDERAL_POLICE,
    "police.local": AgencyKind.LOCAL_POLICE,
    "intel.civil": AgencyKind.CIVIL_INTELLIGENCE,
    "intel.military": AgencyKind.MILITARY_INTELLIGENCE,
    "ocam": AgencyKind.THREAT_ASSESSMENT,
    "prevention.city": AgencyKind.PREVENTION,
    "partner.fr": AgencyKind.FOREIGN_PARTNER,
    "committee.i": AgencyKind.OVERSIGHT_BODY,
}

agency = st.sampled_from(sorted(AGENCIES))
users = st.builds(
    User,
    name=st.sampled_from(["u1", "u2", "u3"]),
    agency=agency,
    unit=st.none(),
    clearance=st.sampled_from(list(Clearance)),
    roles=st.frozensets(st.sampled_from(list(Role)), max_size=3),
    active=st.booleans(),
)
readers = st.builds(
    lambda user, purpose: Reader(user, AGENCIES[user.agency], purpose), users, st.sampled_from(list(Purpose))
)
holdings = st.builds(
    lambda source, rid, level, caveats, hidden: Holding(
        source, rid, AGENCIES[source], level, caveats, hidden
    ),
    agency,
    st.sampled_from(["r1", "r2"]),
    st.sampled_from(list(Clearance)),
    st.frozensets(st.sampled_from([NOFORN, ORCON, PREVENTION, "EYES-ONLY"]), max_size=3),
    st.booleans(),
)
grants = st.lists(
    st.builds(
        Grant,
        source=agency,
        record_id=st.sampled_from(["r1", "r2"]),
        to_agency=agency,
        purpose=st.sampled_from(list(Purpose)),
        until=st.sampled_from([NOW - timedelta(days=1), NOW + timedelta(days=30)]),
    ),
    max_size=4,
)


def valid_grant(reader: Reader, holding: Holding, given_grants: list[Grant]) -> bool:
    wanted = (holding.source, holding.record_id, reader.user.agency, reader.purpose)
    return any(
        (g.source, g.record_id, g.to_agency, g.purpose) == wanted and g.until > NOW for g in given_grants
    )


@settings(max_examples=6000, deadline=None)
@given(readers, holdings, grants)
def test_nothing_forbidden_is_returned(reader: Reader, holding: Holding, given_grants: list[Grant]) -> None:
    decision = readable(reader, holding, given_grants, NOW)
    own = reader.user.agency == holding.source
    if decision.reads:
        assert reader.user.active and reader.purpose is not Purpose.OVERSIGHT
        assert not reader.user.roles <= {Role.ADMIN, Role.OVERSIGHT}
        assert cleared_for(reader.user.clearance, holding.classification)
        assert decision.fields <= FIELDS
        if not own:
            assert not holding.hidden  # what the reader may not know of, they may not read
            assert not (NOFORN in holding.caveats and reader.agency_kind is AgencyKind.FOREIGN_PARTNER)
            if ORCON in holding.caveats or holding.caveats - KNOWN_CAVEATS:
                assert valid_grant(reader, holding, given_grants)
            if Role.ANALYST not in reader.user.roles or reader.purpose is Purpose.PREVENTION:
                assert PREVENTION in holding.caveats and decision.fields <= PREVENTION_FIELDS
            if "notes" in decision.fields and holding.originator_kind in INTELLIGENCE:
                assert reader.agency_kind in INTELLIGENCE or valid_grant(reader, holding, given_grants)
    if discoverable(reader, holding) and not own:
        assert not holding.hidden
        assert reader.purpose is not Purpose.OVERSIGHT and reader.user.active
        assert not (NOFORN in holding.caveats and reader.agency_kind is AgencyKind.FOREIGN_PARTNER)


@settings(max_examples=3000, deadline=None)
@given(readers, holdings, grants, st.sampled_from(list(Clearance)))
def test_more_clearance_or_a_grant_never_shows_less(
    reader: Reader, holding: Holding, given_grants: list[Grant], higher: Clearance
) -> None:
    before = readable(reader, holding, given_grants, NOW).fields
    if higher.rank >= reader.user.clearance.rank:
        cleared = Reader(
            User(reader.user.name, reader.user.agency, None, higher, reader.user.roles, reader.user.active),
            reader.agency_kind,
            reader.purpose,
        )
        assert before <= readable(cleared, holding, given_grants, NOW).fields
    release = Grant(
        holding.source, holding.record_id, reader.user.agency, reader.purpose, NOW + timedelta(days=1)
    )
    assert before <= readable(reader, holding, [*given_grants, release], NOW).fields


@settings(max_examples=3000, deadline=None)
@given(
    st.sampled_from(sorted(a for a, k in AGENCIES.items() if k is not AgencyKind.FOREIGN_PARTNER)),
    agency,
    st.sampled_from(list(Clearance)),
    st.sampled_from(list(Clearance)),
    st.sampled_from([Purpose.INVESTIGATION, Purpose.THREAT_ASSESSMENT]),
)
def test_nothing_permitted_is_withheld(
    reader_agency: str, source: str, clearance: Clearance, level: Clearance, purpose: Purpose
) -> None:
    analyst = Reader(
        User("a", reader_agency, None, clearance, frozenset({Role.ANALYST}), True),
        AGENCIES[reader_agency],
        purpose,
    )
    plain = Holding(source, "r1", AGENCIES[source], level, frozenset(), False)
    decision = readable(analyst, plain, [], NOW)
    if not cleared_for(clearance, level):
        assert not decision.reads
        return
    notes_kept = (
        source == reader_agency
        or AGENCIES[source] not in INTELLIGENCE
        or AGENCIES[reader_agency] in INTELLIGENCE
    )
    assert decision.fields == (FIELDS if notes_kept else FIELDS - {"notes"}), decision.reason
    assert discoverable(analyst, plain)
    orcon = Holding(source, "r1", AGENCIES[source], level, frozenset({ORCON, NOFORN}), False)
    release = Grant(source, "r1", reader_agency, purpose, NOW + timedelta(hours=1))
    assert readable(analyst, orcon, [release], NOW).fields == FIELDS  # the grant releases the notes too
    hidden = Holding(source, "r1", AGENCIES[source], level, frozenset({NODISCOVERY}), True)
    assert readable(analyst, hidden, [release], NOW).reads is (source == reader_agency)


def test_the_named_cases_of_the_issue() -> None:
    def reader(agency_code: str, *roles: Role, purpose: Purpose = Purpose.INVESTIGATION) -> Reader:
        user = User("x", agency_code, None, Clearance.SECRET, frozenset(roles), True)
        return Reader(user, AGENCIES[agency_code], purpose)

    intel = Holding("intel.civil", "r1", AgencyKind.CIVIL_INTELLIGENCE, Clearance.CONFIDENTIAL,
                    frozenset({NOFORN, PREVENTION}), False)  # fmt: skip
    police = reader("police.federal", Role.ANALYST)
    assert readable(police, intel, [], NOW).fields == FIELDS - {"notes"}
    assert not readable(reader("partner.fr", Role.ANALYST), intel, [], NOW).reads
    assert not discoverable(reader("partner.fr", Role.ANALYST), intel)
    prevention = reader("prevention.city", Role.PREVENTION_OFFICER, purpose=Purpose.PREVENTION)
    assert readable(prevention, intel, [], NOW).fields == PREVENTION_FIELDS
    oversight = reader("committee.i", Role.OVERSIGHT, purpose=Purpose.OVERSIGHT)
    assert not readable(oversight, intel, [], NOW).reads and not discoverable(oversight, intel)
    hidden = Holding("intel.civil", "r2", AgencyKind.CIVIL_INTELLIGENCE, Clearance.SECRET, frozenset(), True)
    assert not discoverable(police, hidden) and discoverable(reader("intel.civil", Role.ANALYST), hidden)
    orcon = Holding(
        "police.local", "r1", AgencyKind.LOCAL_POLICE, Clearance.RESTRICTED, frozenset({ORCON}), False
    )
    expired = Grant("police.local", "r1", "police.federal", Purpose.INVESTIGATION, NOW - timedelta(seconds=1))
    assert discoverable(police, orcon) and not readable(police, orcon, [expired], NOW).reads
    other_purpose = Grant(
        "police.local", "r1", "police.federal", Purpose.THREAT_ASSESSMENT, NOW + timedelta(days=1)
    )
    assert not readable(police, orcon, [other_purpose], NOW).reads
    assert "ORCON" in readable(police, orcon, [], NOW).reason
