"""Hand-built name tables for the non-Arabic populations in the demo: Turkish, Flemish and Walloon.

Belgian names are written the same way by every agency (they are not transliterated), apart from
the variants listed (``Van den Broeck`` / ``Vandenbroeck``). Turkish names keep their diacritics in
Turkish records and usually lose them elsewhere. Row format: ``sex weight | fr | nl | en | de | tr``
for Turkish names, ``sex weight | spellings`` for Belgian ones (sex ``-`` for family names).
"""

from __future__ import annotations

from crossroads.demo.name_tables import CONVENTIONS, FamilyName, GivenName

_TURKISH_GIVEN = """
m 6 | Emre | Emre | Emre | Emre | Emre
m 5 | Burak | Burak | Burak | Burak | Burak
m 4 | Serkan | Serkan | Serkan | Serkan | Serkan
m 4 | Hakan | Hakan | Hakan | Hakan | Hakan
m 3 | Oguz/Ogus | Oguz | Oguz | Oguz | Oğuz
m 3 | Cem/Djem | Cem | Cem | Cem | Cem
f 5 | Elif | Elif | Elif | Elif | Elif
f 4 | Busra/Bushra | Busra | Busra | Büsra/Busra | Büşra
f 4 | Merve | Merve | Merve | Merve | Merve
f 3 | Kubra/Kübra | Kubra/Kübra | Kubra | Kübra | Kübra
m 3 | Volkan | Volkan | Volkan | Volkan | Volkan
m 3 | Kaan | Kaan | Kaan | Kaan | Kaan
m 3 | Onur | Onur | Onur | Onur | Onur
m 2 | Tolga | Tolga | Tolga | Tolga | Tolga
m 2 | Baris/Barış | Baris | Baris | Baris | Barış
m 2 | Ugur/Uğur | Ugur | Ugur | Ugur | Uğur
f 3 | Esra | Esra | Esra | Esra | Esra
f 2 | Gul/Gül | Gul/Gül | Gul | Gül | Gül
f 2 | Derya | Derya | Derya | Derja/Derya | Derya
f 2 | Sibel | Sibel | Sibel | Sibel | Sibel
f 2 | Ozlem/Özlem | Özlem/Ozlem | Ozlem | Özlem | Özlem
f 2 | Tugba/Tuğba | Tugba | Tugba | Tugba | Tuğba
"""

_TURKISH_FAMILY = """
- 10 | Yilmaz/Yılmaz | Yilmaz | Yilmaz | Yilmaz | Yılmaz
- 8 | Demir | Demir | Demir | Demir | Demir
- 8 | Kaya | Kaya | Kaya | Kaja/Kaya | Kaya
- 6 | Celik/Çelik | Celik/Çelik | Celik | Celik/Çelik | Çelik
- 6 | Sahin/Şahin | Sahin | Sahin | Sahin | Şahin
- 5 | Aydin/Aydın | Aydin | Aydin | Aydin | Aydın
- 5 | Ozturk/Öztürk | Öztürk/Ozturk | Ozturk | Öztürk/Oeztuerk | Öztürk
- 4 | Arslan/Aslan | Arslan | Arslan | Arslan | Arslan
- 4 | Dogan/Doğan | Dogan | Dogan | Dogan/Doğan | Doğan
- 3 | Koc/Koç | Koc | Koc | Koc | Koç
- 3 | Kilic/Kılıç | Kilic | Kilic | Kilic | Kılıç
- 3 | Polat | Polat | Polat | Polat | Polat
- 2 | Aksoy | Aksoy | Aksoy | Aksoy | Aksoy
- 2 | Karaca | Karaca | Karaca | Karadscha/Karaca | Karaca
- 2 | Erdem | Erdem | Erdem | Erdem | Erdem
- 5 | Yildiz/Yıldız | Yildiz | Yildiz | Yildiz | Yıldız
- 4 | Yildirim/Yıldırım | Yildirim | Yildirim | Yildirim | Yıldırım
- 4 | Ozdemir/Özdemir | Özdemir/Ozdemir | Ozdemir | Özdemir | Özdemir
- 3 | Kurt | Kurt | Kurt | Kurt | Kurt
- 3 | Ozkan/Özkan | Özkan/Ozkan | Ozkan | Özkan | Özkan
- 2 | Simsek/Şimşek | Simsek | Simsek | Simsek | Şimşek
- 2 | Cetin/Çetin | Cetin | Cetin | Cetin | Çetin
- 2 | Kara | Kara | Kara | Kara | Kara
- 2 | Akin/Akın | Akin | Akin | Akin | Akın
- 2 | Gunes/Güneş | Gunes/Güneş | Gunes | Günes | Güneş
- 2 | Bulut | Bulut | Bulut | Bulut | Bulut
- 2 | Altun | Altun | Altun | Altun | Altun
- 2 | Tekin | Tekin | Tekin | Tekin | Tekin
- 2 | Keskin | Keskin | Keskin | Keskin | Keskin
- 1 | Uysal | Uysal | Uysal | Uysal | Uysal
- 1 | Korkmaz | Korkmaz | Korkmaz | Korkmas | Korkmaz
- 1 | Ucar/Uçar | Ucar | Ucar | Ucar | Uçar
- 1 | Tas/Taş | Tas | Tas | Tas | Taş
"""

_FLEMISH_GIVEN = """
m 8 | Kevin
m 6 | Jan
m 6 | Pieter/Piet
m 6 | Jens
m 6 | Tom
m 5 | Bart
m 5 | Wouter
m 5 | Stijn
m 4 | Dries/Andries
m 4 | Joris
m 4 | Sander
m 4 | Jonas
m 3 | Robbe
m 3 | Niels
f 6 | Lien
f 5 | Eline
f 5 | Lotte
f 5 | Sofie/Sophie
f 4 | Ellen
f 4 | Femke
f 4 | Nele
m 3 | Wim
m 3 | Koen
m 3 | Maarten
m 3 | Glenn
m 3 | Kenneth
m 3 | Tim
m 2 | Yannick
m 2 | Bram
m 2 | Arne
m 2 | Lennert
f 3 | Jolien
f 3 | Kelly
f 3 | Tine
f 2 | Leen
f 2 | Hanne
f 2 | Inge
f 2 | Griet
"""

_WALLOON_GIVEN = """
m 8 | Julien
m 7 | Nicolas
m 6 | Sébastien/Sebastien
m 6 | Maxime
m 6 | Jonathan
m 5 | Dylan
m 5 | Anthony
m 4 | Geoffrey/Geoffroy
m 4 | Loïc/Loic
m 4 | Quentin
m 3 | Florian
m 3 | Romain
f 6 | Laura
f 6 | Julie
f 5 | Mélanie/Melanie
f 5 | Aurélie/Aurelie
f 4 | Céline/Celine
f 4 | Manon
f 3 | Océane/Oceane
m 3 | Olivier
m 3 | Michaël/Michael
m 3 | Cédric/Cedric
m 3 | Grégory/Gregory
m 2 | Jérôme/Jerome
m 2 | Arnaud
m 2 | Damien
m 2 | Thibault/Thibaut
f 3 | Stéphanie/Stephanie
f 3 | Sandrine
f 2 | Virginie
f 2 | Amandine
f 2 | Pauline
f 2 | Justine
f 2 | Audrey
"""

_FLEMISH_FAMILY = """
- 10 | Peeters
- 9 | Janssens
- 8 | Maes
- 7 | Jacobs
- 7 | Mertens
- 6 | Willems
- 6 | Claes/Claeys
- 5 | Goossens
- 5 | Wouters
- 5 | De Smet/Desmet/de Smet
- 5 | Van den Broeck/Vandenbroeck/Van Den Broeck
- 4 | Vermeulen
- 4 | Verstraete
- 4 | De Clercq/Declercq
- 4 | De Vos/Devos
- 4 | Van Damme/Vandamme
- 3 | Pauwels
- 3 | Coppens
- 3 | Lemmens
- 3 | Aerts
- 3 | Michiels
- 3 | Smets
- 3 | Verhoeven
- 3 | Van de Velde/Vandevelde
- 2 | De Backer/Debacker
- 2 | Segers
- 2 | Cools
- 2 | Goethals
- 2 | Van Acker/Vanacker
- 2 | Verbeke
- 2 | Martens
- 2 | Stevens
- 2 | Thys/Thijs
- 2 | Leemans
- 2 | Hendrickx/Hendrikx
- 2 | Van Dyck/Vandyck
- 2 | Willaert
- 2 | De Smedt/Desmedt
- 2 | Van den Berghe/Vandenberghe
- 2 | Van Hecke/Vanhecke
- 2 | De Wulf/Dewulf
- 2 | Beckers
- 2 | Lambrechts
- 2 | Schepens
- 2 | Baert
- 1 | Coussement
- 1 | Verlinden
- 1 | Claessens
- 1 | Wuyts
- 1 | Vervoort
- 1 | Geerts
- 1 | Smits
- 1 | Van Camp/Vancamp
- 1 | Nijs/Nys
- 1 | Boeckx
- 1 | Van Loon
- 1 | Timmermans
- 1 | De Meyer/Demeyer
- 1 | Moens
- 1 | Bogaerts
- 1 | Van Gool
"""

_WALLOON_FAMILY = """
- 10 | Dubois
- 8 | Lambert
- 8 | Dupont
- 7 | Martin
- 7 | Simon
- 6 | Laurent
- 5 | Leclercq/Leclerc
- 5 | Lejeune
- 5 | Renard
- 4 | Collard
- 4 | Dumont
- 4 | Lemaire
- 4 | Mathieu
- 3 | Charlier
- 3 | Hubert
- 3 | Gérard/Gerard
- 3 | François/Francois
- 3 | Leroy
- 3 | Fontaine
- 2 | Cornet
- 2 | Noël/Noel
- 2 | Lecomte
- 2 | Masson
- 2 | Piron
- 2 | Dethier
- 2 | Gillet
- 2 | Delvaux
- 2 | Dupuis
- 2 | Marchal
- 2 | Jacquet
- 2 | Bodart
- 2 | Lefebvre/Lefèbvre
- 2 | Gilson
- 2 | Thiry
- 2 | Closset
- 2 | Remacle
- 2 | Lecocq
- 1 | Wilmotte
- 1 | Lhoest
- 1 | Dubuisson
- 1 | Gobert
- 1 | Jadot
- 1 | Hallet
- 1 | Poncelet
- 1 | Maréchal/Marechal
- 1 | Bastin
- 1 | Detry
- 1 | Pirard
- 1 | Lemoine
- 1 | Léonard/Leonard
- 1 | Godart
- 1 | Servais
- 1 | Massart
"""


def _rows(table: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")] for line in table.strip().splitlines()]


def _per_convention(columns: list[str]) -> dict[str, tuple[str, ...]]:
    if len(columns) == 1:
        same = tuple(columns[0].split("/"))
        return dict.fromkeys(CONVENTIONS, same)
    return {c: tuple(col.split("/")) for c, col in zip(CONVENTIONS, columns, strict=True)}


def _given(table: str) -> tuple[GivenName, ...]:
    names = []
    for head, *columns in _rows(table):
        sex, weight = head.split()
        spellings = _per_convention(columns)
        names.append(GivenName(spellings["fr"][0].lower(), spellings, "", sex, float(weight)))
    return tuple(names)


def _family(table: str, origin: str) -> tuple[tuple[FamilyName, ...], tuple[float, ...]]:
    names, weights = [], []
    for head, *columns in _rows(table):
        _, weight = head.split()
        spellings = _per_convention(columns)
        names.append(FamilyName(spellings["fr"][0].lower(), spellings, "", "", False, origin))
        weights.append(float(weight))
    return tuple(names), tuple(weights)


TURKISH_GIVEN = _given(_TURKISH_GIVEN)
FLEMISH_GIVEN = _given(_FLEMISH_GIVEN)
WALLOON_GIVEN = _given(_WALLOON_GIVEN)
TURKISH_FAMILY, TURKISH_FAMILY_WEIGHTS = _family(_TURKISH_FAMILY, "tr")
FLEMISH_FAMILY, FLEMISH_FAMILY_WEIGHTS = _family(_FLEMISH_FAMILY, "be")
WALLOON_FAMILY, WALLOON_FAMILY_WEIGHTS = _family(_WALLOON_FAMILY, "be")
