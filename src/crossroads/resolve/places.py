"""One place under every name the partners write it in (pure): a small gazetteer.

Belgium has three official languages and its partners write in theirs: one agency's "Bruxelles" is
another's "Brussel", a German partner's "Brüssel", a Turkish one's "Brüksel" and an Arabic-script
record's "بروكسل". Spelling and consonant skeletons (``profile``) find "Tanger" / "Tangier"; they
cannot find "Anvers" / "Antwerpen", "Liège" / "Luik" or "Forest" / "Vorst", which are other words
for one place. Counted as different birth places, such pairs were a fifth of one person's record
pairs giving a birth place on both sides (100,954 demo records), and the level "different birth
places" learned to say little.

The table holds the official French, Dutch and German names of Belgian municipalities that differ
between the languages (the 19 of Brussels and the larger towns), the names used in English,
Spanish and Turkish, and the exonyms of the towns partners most often write as places of birth
(neighbouring countries, the Maghreb, Turkey, the Levant, Iraq), with their Arabic names where
they are standard. It is data, the way a deployment would load GeoNames' alternate names: a place
missing from it is compared by spelling and skeleton as before. Each row is one place, its first
name the one a key shows.
"""

from __future__ import annotations

from functools import lru_cache

from crossroads.names.fold import fold

_PLACES: tuple[tuple[str, ...], ...] = (
    # Brussels-Capital: the 19 municipalities (French / Dutch official names) and sections.
    ("Bruxelles", "Brussel", "Brussels", "Brüssel", "Bruselas", "Bruxelas", "Brüksel", "Bruksela",
     "Bruxelles-Ville", "Brussel-Stad", "City of Brussels", "بروكسل"),
    ("Auderghem", "Oudergem"),
    ("Berchem-Sainte-Agathe", "Sint-Agatha-Berchem"),
    ("Forest", "Vorst"),
    ("Ixelles", "Elsene"),
    ("Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek", "Molenbeek"),
    ("Saint-Gilles", "Sint-Gillis"),
    ("Saint-Josse-ten-Noode", "Sint-Joost-ten-Node", "Saint-Josse", "Sint-Joost"),
    ("Schaerbeek", "Schaarbeek"),
    ("Uccle", "Ukkel"),
    ("Watermael-Boitsfort", "Watermaal-Bosvoorde"),
    ("Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe"),
    ("Woluwe-Saint-Pierre", "Sint-Pieters-Woluwe"),
    ("Laeken", "Laken"),
    ("Neder-Over-Heembeek", "Neder-over-Heembeek"),
    # Flanders, Wallonia and the German-speaking community: towns with names in several languages.
    ("Antwerpen", "Anvers", "Antwerp", "Amberes", "Anversa", "أنتويرب"),
    ("Gent", "Gand", "Ghent", "Gante", "غنت"),
    ("Brugge", "Bruges", "Brügge", "Brujas"),
    ("Leuven", "Louvain", "Löwen", "Lovaina"),
    ("Mechelen", "Malines", "Mecheln", "Malinas"),
    ("Liège", "Luik", "Lüttich", "Lieja", "Liege", "لييج"),
    ("Namur", "Namen"),
    ("Mons", "Bergen"),
    ("Tournai", "Doornik"),
    ("Kortrijk", "Courtrai"),
    ("Ieper", "Ypres", "Ypern"),
    ("Oostende", "Ostende", "Ostend"),
    ("Aalst", "Alost"),
    ("Tongeren", "Tongres"),
    ("Sint-Truiden", "Saint-Trond"),
    ("Vilvoorde", "Vilvorde"),
    ("Halle", "Hal"),
    ("Tienen", "Tirlemont"),
    ("Dendermonde", "Termonde"),
    ("Ronse", "Renaix"),
    ("Geraardsbergen", "Grammont"),
    ("Lier", "Lierre"),
    ("Zoutleeuw", "Léau"),
    ("Nivelles", "Nijvel"),
    ("Wavre", "Waver"),
    ("Jodoigne", "Geldenaken"),
    ("Braine-l'Alleud", "Eigenbrakel"),
    ("Soignies", "Zinnik"),
    ("Ath", "Aat"),
    ("Mouscron", "Moeskroen"),
    ("Arlon", "Aarlen"),
    ("Bastogne", "Bastenaken"),
    ("Huy", "Hoei"),
    ("Visé", "Wezet"),
    ("Waremme", "Borgworm"),
    ("Hannut", "Hannuit"),
    ("Enghien", "Edingen"),
    ("Lessines", "Lessen"),
    ("Comines", "Komen"),
    ("Fourons", "Voeren"),
    # Neighbouring countries.
    ("Paris", "Parijs", "Parigi", "París", "باريس"),
    ("Lille", "Rijsel", "ليل"),
    ("Dunkerque", "Duinkerke", "Dunkirk", "Dünkirchen"),
    ("Strasbourg", "Straatsburg", "Straßburg", "Strassburg"),
    ("Den Haag", "La Haye", "The Hague", "'s-Gravenhage", "Lahey", "لاهاي"),
    ("Maastricht", "Maëstricht", "Maestricht"),
    ("Aachen", "Aix-la-Chapelle", "Aken", "Aquisgrán"),
    ("Köln", "Cologne", "Keulen", "Colonia", "كولونيا"),
    ("London", "Londres", "Londen", "Londra", "لندن"),
    # The Maghreb.
    ("Tanger", "Tangier", "Tangiers", "Tánger", "Tanca", "طنجة"),
    ("Casablanca", "Dar el Beida", "Kazablanka", "الدار البيضاء"),
    ("Fès", "Fez", "Fes", "Fas", "فاس"),
    ("Oujda", "Oedjda", "Udschda", "Uchda", "وجدة"),
    ("Nador", "الناظور"),
    ("Al Hoceima", "Al-Hoceïma", "Alhucemas", "Hoceima", "الحسيمة"),
    ("Tétouan", "Tetuán", "Tetuan", "Tetouan", "تطوان"),
    ("Berkane", "بركان"),
    ("Marrakech", "Marrakesh", "Marrakesch", "Marakeş", "مراكش"),
    ("Rabat", "الرباط"),
    ("Meknès", "Meknes", "Mequinez", "مكناس"),
    ("Larache", "العرائش"),
    ("Chefchaouen", "Chaouen", "Xauen", "شفشاون"),
    ("Ksar el-Kébir", "Alcazarquivir", "القصر الكبير"),
    ("Alger", "Algiers", "Algier", "Argel", "Cezayir", "الجزائر"),
    ("Oran", "Wahran", "Vahran", "وهران"),
    ("Tlemcen", "Tilimsan", "تلمسان"),
    ("Constantine", "Qusantina", "قسنطينة"),
    ("Annaba", "Bône", "عنابة"),
    ("Tunis", "Tunus", "تونس"),
    ("Sfax", "Sfaks", "صفاقس"),
    ("Sousse", "Susa", "سوسة"),
    # Turkey, the Levant, Iraq.
    ("Istanbul", "İstanbul", "Constantinople", "إسطنبول"),
    ("Izmir", "İzmir", "Smyrne", "Smyrna"),
    ("Afyonkarahisar", "Afyon"),
    ("Gaziantep", "Antep"),
    ("Alep", "Aleppo", "Halep", "Halab", "حلب"),
    ("Damas", "Damascus", "Damaskus", "Şam", "Damasco", "دمشق"),
    ("Homs", "Hims", "Humus", "حمص"),
    ("Raqqa", "Rakka", "Ar-Raqqa", "الرقة"),
    ("Deir ez-Zor", "Deir Ezzor", "Dayr az-Zawr", "دير الزور"),
    ("Bagdad", "Baghdad", "Bağdat", "بغداد"),
    ("Mossoul", "Mosul", "Mossul", "Musul", "Mosoel", "الموصل"),
)  # fmt: skip


def spelling(name: str) -> str:
    """A name without case, accents, script, spaces or hyphens: "Sint-Jans-Molenbeek" and
    "SINT JANS MOLENBEEK" alike."""
    return fold(name).replace(" ", "")


_PLACE_OF: dict[str, str] = {spelling(name): spelling(row[0]) for row in _PLACES for name in row}


@lru_cache(maxsize=4096)
def place_key(name: str) -> str:
    """The place a written name stands for: the table's first name for a place it knows under
    any of its names ("Luik" and "Lüttich" are "liege"), else the name's own spelling."""
    spelled = spelling(name)
    return _PLACE_OF.get(spelled, spelled)
