"""``has_kunya`` says what ``parse`` says of a name's kunya, without parsing the name whole."""

from __future__ import annotations

import pytest

from crossroads.names.parse import Role, has_kunya, parse


@pytest.mark.parametrize(
    "name",
    [
        "Abu Hamza al-Beljiki", "Abou Hamza", "Oum Yahya al-Hollandi", "Aboe Bakr", "Ebu Bekir el-Belçiki",
        "أبو حمزة البلجيكي", "HAMZA, Abu", "EL AMRANI Youssef", "Abouzaid, Karim", "Bouzidi, Ibrahim",
        "Umm Walid", "يوسف العمراني", "Abdelhaq El-Ouahouchi", "ABOU ZAID Karim",
    ],
)  # fmt: skip
def test_the_quick_check_agrees_with_the_parser(name: str) -> None:
    assert has_kunya(name) == any(t.role is Role.KUNYA for t in parse(name).tokens)


def test_kunyas_are_found_and_names_without_one_are_not() -> None:
    assert has_kunya("Abu Hamza al-Beljiki") and has_kunya("أبو حمزة البلجيكي") and has_kunya("Umm Walid")
    assert not has_kunya("EL AMRANI Youssef") and not has_kunya("Abouzaid, Karim")
