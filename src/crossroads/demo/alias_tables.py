"""Hand-built tables for noms de guerre and nicknames, spelled per convention.

A nom de guerre here is a kunya (``Abu``/``Umm`` + a name: "father/mother of Hamza") and a nisba
(``al-Beljiki``, "the Belgian"). Nicknames are the short forms and street epithets that appear as
weak aliases. Row format: ``fr | nl | en | de | tr | arabic`` (key first where the code needs one).
"""

from __future__ import annotations

from crossroads.demo.name_tables import CONVENTIONS, NameForm

_KUNYA_NAMES = """
Hamza | Hamza | Hamza/Hamzah | Hamsa | Hamza | حمزة
Souleymane/Soulaimane | Soelaiman/Souleyman | Sulayman/Suleiman | Suleiman | Süleyman | سليمان
Moussab/Mousab | Moesab/Mousaab | Mus'ab/Musab | Musab | Musab | مصعب
Obeida/Oubaida | Oebaida/Obeida | Ubayda/Obaida | Ubaida | Ubeyde | عبيدة
Qaqa/Kaka | Qaqa | Qa'qa/Qaqa | Kaka | Kaka | القعقاع
Talha | Talha | Talha/Talhah | Talha | Talha | طلحة
Zoubeir/Zoubair | Zoebair/Zoubeir | Zubayr/Zubair | Subair | Zübeyr | الزبير
Hafs | Hafs | Hafs | Hafs | Hafs | حفص
Omar | Oemar/Omar | Umar | Omar | Ömer | عمر
Bakr | Bakr | Bakr | Bakr | Bekir | بكر
Khattab | Chattab/Khattab | Khattab | Chattab | Hattab | خطاب
Yahya | Jahja/Yahya | Yahya | Jahja | Yahya | يحيى
Anas | Anas | Anas | Anas | Enes | أنس
Doujana/Dujana | Doejana/Dujana | Dujana | Dudschana | Ducane | دجانة
Moussa | Moesa/Moussa | Musa | Musa | Musa | موسى
Ibrahim | Ibrahim | Ibrahim | Ibrahim | İbrahim | إبراهيم
Abdallah | Abdallah | Abdullah | Abdallah | Abdullah | عبد الله
Walid | Walid | Walid | Walid | Velid | الوليد
Khalid | Chalid/Khalid | Khalid | Chalid | Halid | خالد
Issa | Issa/Isa | Isa | Isa | İsa | عيسى
Yassin | Jassin/Yassin | Yasin | Jasin | Yasin | ياسين
Hassan | Hassan | Hasan | Hassan | Hasan | حسن
Mouhajir/Muhajir | Moehadjir/Muhajir | Muhajir | Muhadschir | Muhacir | المهاجر
Oussama/Oussema | Oesama/Oussama | Usama/Osama | Usama | Usame | أسامة
Daoud | Daoed/Daoud | Dawud | Dawud | Davut | داود
"""

_KUNYA_HEADS = """
abu | Abou/Abu | Aboe/Abu/Abou | Abu | Abu | Ebu | أبو
umm | Oum/Umm | Oem/Oum/Umm | Umm | Umm | Ümmü | أم
"""

_NISBAS = """
beljiki | al-Beljiki/al-Baljiki/el-Beljiki | al-Beldjiki/al-Belgiki | al-Beljiki/al-Baljiki/al-Belgiki |
    al-Beldschiki/al-Beljiki | el-Belçiki | البلجيكي
faransi | al-Faransi/al-Fransi | al-Faransi/al-Fransi | al-Faransi | al-Faransi | el-Feransi | الفرنسي
maghribi | al-Maghribi/al-Marhribi | al-Maghribi/al-Magribi | al-Maghribi | al-Maghribi | el-Magribi | المغربي
hollandi | al-Hollandi | al-Hollandi | al-Hulandi/al-Hollandi | al-Hollandi | el-Holandi | الهولندي
almani | al-Almani | al-Almani | al-Almani | al-Almani | el-Almani | الألماني
jazairi | al-Djazairi/al-Jazairi | al-Dzjazairi/al-Djazairi | al-Jazairi | al-Dschasairi |
    el-Cezairi | الجزائري
tounsi | al-Tounsi/at-Tounsi | al-Toensi/al-Tounsi | al-Tunisi/at-Tunsi | al-Tunsi | et-Tunusi | التونسي
shami | al-Chami | al-Sjami/al-Shami | al-Shami | al-Schami | eş-Şami | الشامي
iraqi | al-Iraqi/al-Iraki | al-Iraki | al-Iraqi | al-Iraki | el-Iraki | العراقي
rifi | al-Rifi/ar-Rifi | al-Rifi | al-Rifi | al-Rifi | er-Rifi | الريفي
turki | al-Turki | al-Toerki/al-Turki | al-Turki | al-Turki | et-Türki | التركي
"""

_EPITHETS = """
moroccan | Le Marocain | De Marokkaan | The Moroccan | Der Marokkaner | Faslı | المغربي
tall | Le Grand | De Lange | Big | Der Lange | Uzun | الطويل
beard | Le Barbu | De Baard | The Beard | Der Bärtige | Sakallı | الملتحي
small | Le Petit | De Kleine | Shorty | Der Kleine | Ufak | الصغير
rif | Le Rifain | De Rifijn | The Rifi | Der Rifi | Rifli | الريفي
algerian | L'Algérien | De Algerijn | The Algerian | Der Algerier | Cezayirli | الجزائري
turk | Le Turc | De Turk | The Turk | Der Türke | Türk | التركي
belgian | Le Belge | De Belg | The Belgian | Der Belgier | Belçikalı | البلجيكي
convert | Le Converti | De Bekeerling | The Convert | Der Konvertit | Mühtedi | المهتدي
"""

_NICKNAMES = """
mohamed Mo/Momo/Simo
youssef Youss/Jo
abdelkader Kader/Kadour
abdellah Abdel
hamza Hamz
ismail Smail/Isma
ibrahim Brahim/Bibou
khalid Khalidou
karim Kiki
rachid Rach
soufiane Souf/Sofi
zakaria Zak/Zaki
redouane Redou
nordine Nono
younes Yoyo
abdessalam Salem
abderrahim Rahim
abdelaziz Zizou
mustapha Mousta
bilal Bili
hicham Hich
mehdi Med
yassine Yass
samir Sam
amine Mimo
fatima Fatou/Tima
khadija Dija
aïcha Aichouch
meryem Mimi
imane Imi
"""


def _rows(table: str) -> list[list[str]]:
    joined = table.strip().replace("|\n", "| ")
    return [[cell.strip() for cell in line.split("|")] for line in joined.splitlines()]


def _forms(table: str, keyed: bool) -> tuple[NameForm, ...]:
    forms = []
    for row in _rows(table):
        key, cells = (row[0], row[1:]) if keyed else (row[0].split("/")[0].lower(), row)
        *columns, arabic = cells
        spellings = {c: tuple(col.split("/")) for c, col in zip(CONVENTIONS, columns, strict=True)}
        forms.append(NameForm(key, spellings, arabic))
    return tuple(forms)


KUNYA_NAMES = _forms(_KUNYA_NAMES, keyed=False)
KUNYA_HEADS = {form.key: form for form in _forms(_KUNYA_HEADS, keyed=True)}
NISBAS = {form.key: form for form in _forms(_NISBAS, keyed=True)}
EPITHETS = _forms(_EPITHETS, keyed=True)
NICKNAMES: dict[str, tuple[str, ...]] = {
    key: tuple(short.split("/")) for key, short in (line.split() for line in _NICKNAMES.strip().splitlines())
}
