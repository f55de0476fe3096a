"""Words of the interface defined away from the templates (purposes, fields, error titles): marked
here with ``N_`` for the translators, translated where they are shown."""

from __future__ import annotations

from crossroads.access.policy import Purpose


def N_(text: str) -> str:
    """Marks a message for translation where it is defined; ``_`` translates it where it is shown."""
    return text


PURPOSES = {
    Purpose.INVESTIGATION: N_("Investigation"),
    Purpose.THREAT_ASSESSMENT: N_("Threat assessment"),
    Purpose.PREVENTION: N_("Prevention follow-up"),
}
FIELDS = {
    "name": N_("Name"), "firstName": N_("First name"), "lastName": N_("Last name"), "alias": N_("Alias"),
    "weakAlias": N_("Nom de guerre"), "birthDate": N_("Birth date"), "birthPlace": N_("Birth place"),
    "nationality": N_("Nationality"), "gender": N_("Gender"), "idNumber": N_("National register number"),
    "passportNumber": N_("Passport number"), "address": N_("Address"), "phone": N_("Phone"),
    "email": N_("E-mail"), "notes": N_("Notes"),
}  # fmt: skip
TITLES = {
    401: N_("Sign in needed"), 403: N_("Not allowed"), 404: N_("Not found"), 409: N_("Not ready"),
    422: N_("Cannot be done as asked"), 429: N_("Too many attempts"), 503: N_("Store unavailable"),
}  # fmt: skip
ALERT_KINDS = {
    "resolved": N_("a new record of the watched person"),
    "close": N_("a record close to the watched person"),
}
LINEAGE_EVENTS = {"created": N_("created"), "merged": N_("merged"), "split": N_("split")}
#: What resolution on arrival did with an uploaded record (``resolve.realtime``'s actions).
ARRIVAL_ACTIONS = {
    "attached": N_("joined a person"), "created": N_("new person"), "merged": N_("merged persons"),
}  # fmt: skip
ALERT_STATUSES = {"open": N_("open"), "acknowledged": N_("acknowledged"), "closed": N_("closed")}
RELATION_KINDS = {
    "sibling": N_("brother or sister"), "parent": N_("parent"), "child": N_("child"),
    "spouse": N_("spouse"), "cousin": N_("cousin"), "relative": N_("relative"), "friend": N_("friend"),
    "co-arrest": N_("arrested together"), "associate": N_("associate"),
    "shared-address": N_("same address"), "shared-phone": N_("same phone"),
    "withheld": N_("relation withheld"),
}  # fmt: skip
RELATION_GROUPS = {
    "kinship": N_("Kinship"), "association": N_("Friends and associates"),
    "shared": N_("Shared address or phone"), "withheld": N_("Withheld"),
}  # fmt: skip
CASE_STATUSES = {
    "home_grown": N_("home-grown extremist"), "propagandist": N_("propagandist"),
    "intending_to_leave": N_("intending to leave"), "stopped": N_("stopped before leaving"),
    "in_transit": N_("in transit"), "in_conflict_zone": N_("in the conflict zone"),
    "presumed_deceased": N_("presumed deceased"), "returned": N_("returned"), "arrested": N_("arrested"),
    "detained": N_("detained"), "convicted": N_("convicted"), "acquitted": N_("acquitted"),
    "released": N_("released"), "monitored": N_("monitored"),
}  # fmt: skip
CASE_CATEGORIES = {
    "foreign_fighter": N_("foreign fighter"), "home_grown": N_("home-grown extremist"),
    "propagandist": N_("propagandist"), "child_returnee": N_("returning child"),
}  # fmt: skip
ACTION_KINDS = {
    "disengagement_programme": N_("disengagement programme"), "prison": N_("prison"),
    "probation_conditions": N_("probation conditions"), "other": N_("other"),
}  # fmt: skip
REVIEW_DECISIONS = {"victim": N_("victim"), "follow-up": N_("follow-up as for an adult")}
#: The columns of the statistics' tables and the indicators, as the pages name them.
FIGURE_COLUMNS = {
    "month": N_("Month"), "departures": N_("Departures"), "stopped": N_("Stopped before leaving"),
    "returns": N_("Returns"), "deaths": N_("Presumed dead"), "arrests": N_("Arrests"),
    "in_conflict_zone_at_month_end": N_("In the conflict zone at the month's end"), "status": N_("Status"),
    "municipality": N_("Municipality"), "cases": N_("Cases"), "in_conflict_zone": N_("In the conflict zone"),
    "detained": N_("Detained"), "agency": N_("Agency"), "transitions": N_("Transitions"),
}  # fmt: skip
INDICATOR_NAMES = {
    "departures": N_("Departures (last 3 months)"), "returns": N_("Returns (last 3 months)"),
    "new_alerts": N_("New alerts (last 3 months)"), "open_cases": N_("Open cases (at the month's end)"),
    "judicial_files": N_("New judicial files (last 3 months)"),
}  # fmt: skip
TRENDS = {"up": N_("up"), "down": N_("down"), "steady": N_("steady"), "": N_("hidden (small counts)")}
