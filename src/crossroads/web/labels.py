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
