"""Places for the demo: where households live, the streets they live on, and where people were born.

Brussels municipalities carry both official names (French and Dutch); Flemish streets exist only in
Dutch and Walloon ones only in French. Streets are generic (no street named after a person). The
household weights put the "pocket" municipality first, as in the brief.
"""

from __future__ import annotations

from dataclasses import dataclass

from crossroads.demo.name_tables import CONVENTIONS, NameForm


@dataclass(frozen=True, eq=False)
class Municipality:
    key: str
    name_fr: str
    name_nl: str
    postcode: str
    country: str  # be, fr, nl, de
    region: str  # brussels, flanders, wallonia, abroad
    zone: str | None  # local police zone source covering it, if it is one of the demo sources
    weight: float  # share of households living there
    phone_area: str  # national area code of its landlines


POCKET = "molenbeek"
#: How much likelier a resident of the pocket municipality is to be on the watch list.
POCKET_FACTOR = 1.1

_MUNICIPALITIES = """
molenbeek | Molenbeek-Saint-Jean | Sint-Jans-Molenbeek | 1080 | be brussels | brussels-west | 7.5 | 2
schaerbeek | Schaerbeek | Schaarbeek | 1030 | be brussels | brussels-north | 5.5 | 2
anderlecht | Anderlecht | Anderlecht | 1070 | be brussels | - | 5.5 | 2
bruxelles | Bruxelles | Brussel | 1000 | be brussels | - | 5.5 | 2
laeken | Laeken | Laken | 1020 | be brussels | - | 3 | 2
saint-josse | Saint-Josse-ten-Noode | Sint-Joost-ten-Node | 1210 | be brussels | brussels-north | 3 | 2
koekelberg | Koekelberg | Koekelberg | 1081 | be brussels | brussels-west | 2.5 | 2
jette | Jette | Jette | 1090 | be brussels | brussels-west | 2.5 | 2
ganshoren | Ganshoren | Ganshoren | 1083 | be brussels | brussels-west | 1 | 2
berchem | Berchem-Sainte-Agathe | Sint-Agatha-Berchem | 1082 | be brussels | brussels-west | 1 | 2
evere | Evere | Evere | 1140 | be brussels | brussels-north | 2 | 2
forest | Forest | Vorst | 1190 | be brussels | - | 2.5 | 2
saint-gilles | Saint-Gilles | Sint-Gillis | 1060 | be brussels | - | 2.5 | 2
ixelles | Ixelles | Elsene | 1050 | be brussels | - | 1.5 | 2
antwerpen | Anvers | Antwerpen | 2000 | be flanders | antwerp | 5.5 | 3
borgerhout | Borgerhout | Borgerhout | 2140 | be flanders | antwerp | 2.5 | 3
vilvoorde | Vilvorde | Vilvoorde | 1800 | be flanders | - | 3 | 2
mechelen | Malines | Mechelen | 2800 | be flanders | - | 2 | 15
gent | Gand | Gent | 9000 | be flanders | - | 1.5 | 9
maasmechelen | Maasmechelen | Maasmechelen | 3630 | be flanders | - | 1 | 89
liege | Liège | Luik | 4000 | be wallonia | - | 2.5 | 4
verviers | Verviers | Verviers | 4800 | be wallonia | - | 1.5 | 87
charleroi | Charleroi | Charleroi | 6000 | be wallonia | - | 2 | 71
roubaix | Roubaix | Roubaix | 59100 | fr abroad | - | 1.5 | 3
lille | Lille | Rijsel | 59000 | fr abroad | - | 1 | 3
paris | Paris | Parijs | 75018 | fr abroad | - | 1 | 1
rotterdam | Rotterdam | Rotterdam | 3031 | nl abroad | - | 1 | 10
den-haag | La Haye | Den Haag | 2525 | nl abroad | - | 1 | 70
aachen | Aix-la-Chapelle | Aken | 52062 | de abroad | - | 0.7 | 241
koeln | Cologne | Keulen | 50667 | de abroad | - | 0.7 | 221
"""

# Street names: French, Dutch, German (generic, none named after a person).
_STREETS = """
Rue de la Gare | Stationsstraat | Bahnhofstraße
Rue du Moulin | Molenstraat | Mühlenstraße
Rue de l'Église | Kerkstraat | Kirchstraße
Rue du Marché | Marktstraat | Marktstraße
Rue des Fleurs | Bloemenstraat | Blumenstraße
Rue du Pont | Brugstraat | Brückenstraße
Rue Haute | Hoogstraat | Hochstraße
Rue Neuve | Nieuwstraat | Neue Straße
Rue du Canal | Vaartstraat | Kanalstraße
Rue de l'École | Schoolstraat | Schulstraße
Rue des Jardins | Tuinstraat | Gartenstraße
Rue du Lion | Leeuwstraat | Löwenstraße
Rue du Bois | Bosstraat | Waldstraße
Rue des Champs | Veldstraat | Feldstraße
Avenue du Parc | Parklaan | Parkstraße
Rue de la Paix | Vredestraat | Friedensstraße
Rue du Chemin de Fer | Spoorwegstraat | Eisenbahnstraße
Rue des Ateliers | Werkhuizenstraat | Werkstattstraße
Rue de la Source | Bronstraat | Quellenstraße
Rue du Château | Kasteelstraat | Schlossstraße
Rue des Étangs | Vijverstraat | Weiherstraße
Rue de la Colline | Heuvelstraat | Hügelstraße
Rue du Port | Havenstraat | Hafenstraße
Rue des Tanneurs | Huidevettersstraat | Gerberstraße
Rue de la Brasserie | Brouwerijstraat | Brauereistraße
Rue du Cimetière | Kerkhofstraat | Friedhofstraße
Chaussée de la Ville | Stadssteenweg | Stadtweg
Rue des Prés | Weidestraat | Wiesenstraße
Rue du Four | Ovenstraat | Ofenstraße
Rue de la Forge | Smidsestraat | Schmiedestraße
"""

# Places of birth abroad: fr | nl | en | de | tr | arabic, then the country.
_BIRTHPLACES = """
Nador | Nador | Nador | Nador | Nador | الناظور | ma 10
Al Hoceima/Al-Hoceïma | Al Hoceima | Al Hoceima/Alhucemas | Al-Hoceima | El Hoseyma | الحسيمة | ma 7
Tanger | Tanger | Tangier | Tanger | Tanca | طنجة | ma 7
Tétouan/Tetouan | Tetouan | Tetouan/Tetuan | Tetuan | Tetuan | تطوان | ma 5
Oujda | Oedjda/Oujda | Oujda | Udschda | Ucde | وجدة | ma 4
Casablanca | Casablanca | Casablanca | Casablanca | Kazablanka | الدار البيضاء | ma 5
Berkane | Berkane | Berkane | Berkane | Berkan | بركان | ma 3
Fès | Fez/Fès | Fez | Fes | Fas | فاس | ma 2
Oran | Oran | Oran | Oran | Vahran | وهران | dz 3
Alger | Algiers | Algiers | Algier | Cezayir | الجزائر | dz 2
Tlemcen | Tlemcen | Tlemcen | Tlemcen | Tilimsan | تلمسان | dz 1
Tunis | Tunis | Tunis | Tunis | Tunus | تونس | tn 2
Sfax | Sfax | Sfax | Sfax | Sfaks | صفاقس | tn 1
Emirdag | Emirdag | Emirdag | Emirdag | Emirdağ | أمير داغ | tr 3
Kayseri | Kayseri | Kayseri | Kayseri | Kayseri | قيصري | tr 1
Alep | Aleppo | Aleppo | Aleppo | Halep | حلب | sy 2
Homs | Homs | Homs | Homs | Humus | حمص | sy 1
Mossoul | Mosoel | Mosul | Mossul | Musul | الموصل | iq 1
Bagdad | Bagdad | Baghdad | Bagdad | Bağdat | بغداد | iq 1
Raqqa | Raqqa | Raqqa | Rakka | Rakka | الرقة | sy 0
"""

_CITY_IN_OTHER_LANGUAGES = {  # en, de, tr renderings of Belgian birthplaces that differ
    "bruxelles": ("Brussels", "Brüssel", "Brüksel", "بروكسل"),
    "antwerpen": ("Antwerp", "Antwerpen", "Anvers", "أنتويرب"),
    "liege": ("Liège", "Lüttich", "Liej", "لييج"),
    "gent": ("Ghent", "Gent", "Gent", "غنت"),
    "mechelen": ("Mechelen", "Mecheln", "Mechelen", "ميخلن"),
}


_GERMAN_NAMES = {"aachen": "Aachen", "koeln": "Köln"}


def local_name(municipality: Municipality) -> str:
    """The municipality's name in its own language (Flemish and Dutch towns in Dutch)."""
    if municipality.country == "de":
        return _GERMAN_NAMES[municipality.key]
    if municipality.region == "flanders" or municipality.country == "nl":
        return municipality.name_nl
    return municipality.name_fr


def _rows(table: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")] for line in table.strip().splitlines()]


def _municipalities() -> tuple[Municipality, ...]:
    out = []
    for key, fr, nl, postcode, where, zone, weight, area in _rows(_MUNICIPALITIES):
        country, region = where.split()
        source = None if zone == "-" else f"police.zone.{zone}"
        out.append(Municipality(key, fr, nl, postcode, country, region, source, float(weight), area))
    return tuple(out)


@dataclass(frozen=True, eq=False)
class Birthplace:
    form: NameForm
    country: str
    weight: float


def _abroad_birthplaces() -> tuple[Birthplace, ...]:
    out = []
    for row in _rows(_BIRTHPLACES):
        *columns, arabic, where = row
        country, weight = where.split()
        spellings = {c: tuple(col.split("/")) for c, col in zip(CONVENTIONS, columns, strict=True)}
        out.append(
            Birthplace(NameForm(spellings["fr"][0].lower(), spellings, arabic), country, float(weight))
        )
    return tuple(out)


def birthplace_in(municipality: Municipality) -> Birthplace:
    """A birth in a municipality of the table, named as each convention's agencies would name it."""
    en, de, tr, arabic = _CITY_IN_OTHER_LANGUAGES.get(municipality.key, (None, None, None, ""))
    local = municipality.name_nl if municipality.region == "flanders" else municipality.name_fr
    spellings = {
        "fr": (municipality.name_fr,),
        "nl": (municipality.name_nl,),
        "en": (en or local,),
        "de": (de or local,),
        "tr": (tr or local,),
    }
    return Birthplace(NameForm(municipality.key, spellings, arabic), municipality.country, 1.0)


MUNICIPALITIES = _municipalities()
MUNICIPALITY_BY_KEY = {m.key: m for m in MUNICIPALITIES}
BELGIAN_MUNICIPALITIES = tuple(m for m in MUNICIPALITIES if m.country == "be")
STREETS: tuple[tuple[str, str, str], ...] = tuple((fr, nl, de) for fr, nl, de in _rows(_STREETS))
ABROAD_BIRTHPLACES = _abroad_birthplaces()
CONFLICT_ZONE_BIRTHPLACE = next(b for b in ABROAD_BIRTHPLACES if b.form.key == "raqqa")
