"""Hand-built spelling tables for Arabic-origin given and family names, as each convention writes them.

Each row gives, per transliteration convention (French, Dutch, English, German, Turkish), the
spellings an agency of that language habitually uses — the first is the most usual — and the
Arabic-script form. The tables are written by hand from common usage, not derived from any
matching rule, so that the linkage engine can be fairly graded on data built from them.
Row format: ``sex weight | fr | nl | en | de | tr | arabic`` (``=`` copies the French column); a row
ending in ``|`` continues on the next line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

CONVENTIONS = ("fr", "nl", "en", "de", "tr")


@dataclass(frozen=True, eq=False)
class NameForm:
    """One name part, as each convention spells it (first spelling preferred), and in Arabic script."""

    key: str
    spellings: Mapping[str, tuple[str, ...]]
    arabic: str


@dataclass(frozen=True, eq=False)
class GivenName(NameForm):
    sex: str  # "m" or "f"
    weight: float


@dataclass(frozen=True, eq=False)
class FamilyName(NameForm):
    particle: str  # "", "el", "al", "ben", "ait"
    sun_letter: bool  # the Arabic article assimilates (El Saadi -> Es-Saadi)
    origin: str  # ma, dz, tn, sy, iq


_GIVEN = """
m 100 | Mohamed/Mohammed/Mohamad | Mohamed/Mohammed/Mohammad | Muhammad/Mohammed | Mohammed/Mohamed |
    Muhammet/Muhammed/Mehmet | محمد
m 40 | Ahmed/Ahmad | Ahmed/Achmed/Ahmad | Ahmad/Ahmed | Ahmed/Achmed | Ahmet | أحمد
m 30 | Youssef/Youcef/Yousef | Youssef/Joessef/Yousef | Yusuf/Youssef | Jussuf/Yusuf | Yusuf | يوسف
m 12 | Abdelkader/Abdel Kader | Abdelkader/Abdelkadir | Abd al-Qadir/Abdulqadir/Abdel Qader |
    Abdelkader/Abdul Kadir | Abdülkadir/Abdulkadir | عبد القادر
m 9 | Abdessalam/Abdesselam/Abdessalem | Abdessalam/Abdesalam | Abd al-Salam/Abdul Salam/Abdussalam |
    Abdessalam/Abdul Salam | Abdüsselam | عبد السلام
m 8 | Abderrahim/Abderahim/Abdelrahim | Abderrahim/Abderrahiem | Abd al-Rahim/Abdul Rahim/Abdurrahim |
    Abderrahim/Abdul Rahim | Abdürrahim | عبد الرحيم
m 12 | Abdellah/Abdallah/Abdelah | Abdellah/Abdallah | Abdullah/Abdallah | Abdallah/Abdullah | Abdullah |
    عبد الله
m 7 | Abdelaziz/Abdel Aziz | Abdelaziz/Abdelaaziz | Abd al-Aziz/Abdulaziz | Abdelasis/Abdul Aziz |
    Abdülaziz | عبد العزيز
m 5 | Abdelhak/Abdelhaq | Abdelhak/Abdelhaq | Abd al-Haqq/Abdulhaq | Abdelhak/Abdul Hak | Abdülhak | عبد الحق
m 5 | Abdelilah/Abdelillah | Abdelilah/Abdelillah | Abd al-Ilah/Abdulilah | Abdelilah | Abdülilah | عبد الإله
m 5 | Abdelmajid/Abdelmadjid | Abdelmajid/Abdelmadjid/Abdelmadzjid | Abd al-Majid/Abdulmajid |
    Abdelmadschid | Abdülmecit | عبد المجيد
m 5 | Abderrazak/Abderazak/Abderrazzak | Abderrazak/Abderrazzak | Abd al-Razzaq/Abdurrazaq | Abderrasak |
    Abdürrezzak | عبد الرزاق
m 20 | Hamza/Hamsa | Hamza/Hamsa | Hamza/Hamzah | Hamsa/Hamza | Hamza | حمزة
m 18 | Bilal | Bilal/Bilaal | Bilal | Bilal | Bilal | بلال
m 18 | Ayoub/Ayyoub/Ayoube | Ayoub/Ajoeb/Ayoeb | Ayyub/Ayub | Ajub/Ayyub | Eyüp/Eyyüp | أيوب
m 15 | Ismail/Ismaël/Smail | Ismail/Ismaïl | Ismail/Isma'il | Ismail | İsmail | إسماعيل
m 18 | Ibrahim/Brahim | Ibrahim/Ebrahim | Ibrahim | Ibrahim | İbrahim | إبراهيم
m 20 | Omar/Omer | Omar/Oemar | Umar/Omar | Omar/Umar | Ömer | عمر
m 10 | Othmane/Otmane/Othman | Otman/Othman/Oetman | Uthman/Othman | Osman/Othman | Osman | عثمان
m 18 | Khalid/Khaled | Khalid/Chalid/Khaled | Khalid | Chalid/Khalid | Halit/Halid | خالد
m 15 | Karim/Kerim | Karim/Kariem | Karim/Kareem | Karim | Kerim | كريم
m 14 | Mehdi/Mahdi | Mehdi/Mahdi | Mahdi | Mahdi/Mehdi | Mehdi | مهدي
m 14 | Hicham/Hichem/Hisham | Hicham/Hisjam/Hisham | Hisham | Hischam/Hisham | Hişam | هشام
m 15 | Rachid/Rachide | Rachid/Rasjid/Rashid | Rashid/Rasheed | Raschid/Rashid | Reşit/Raşit | رشيد
m 12 | Saïd/Said | Said/Saïd/Saaid | Said/Sa'id/Saeed | Said | Sait/Said | سعيد
m 15 | Mustapha/Moustapha/Mostafa | Mustapha/Moestafa/Mustafa | Mustafa/Mostafa | Mustafa | Mustafa | مصطفى
m 10 | Mourad/Morad | Mourad/Moerad/Murad | Murad | Murad | Murat | مراد
m 10 | Nabil/Nabile | Nabil/Nabiel | Nabil/Nabeel | Nabil | Nebil | نبيل
m 10 | Tarik/Tarek/Tariq | Tarik/Tarek | Tariq/Tarek | Tarik/Tarek | Tarık/Tarik | طارق
m 14 | Yassine/Yacine/Yassin | Yassine/Yassin/Jassin | Yasin/Yassin | Jassin/Yasin | Yasin | ياسين
m 14 | Soufiane/Sofiane/Soufian | Soufiane/Soefian/Sofian | Sufyan/Sofian | Sufjan/Sufyan | Süfyan | سفيان
m 8 | Anouar/Anwar | Anouar/Anoear/Anwar | Anwar | Anwar | Enver | أنور
m 12 | Zakaria/Zakariya/Zakariae | Zakaria/Zakariya | Zakariya/Zakaria | Sakaria/Zakaria | Zekeriya | زكرياء
m 12 | Ilyas/Ilias/Elias | Ilyas/Iliass/Ilias | Ilyas/Elias | Iljas/Ilyas | İlyas | إلياس
m 8 | Adil/Adel | Adil/Aadil | Adil/Adel | Adil | Adil | عادل
m 7 | Driss/Idriss/Idris | Driss/Idris | Idris | Idris/Dris | İdris | إدريس
m 14 | Hassan/Hasan | Hassan/Hasan | Hasan/Hassan | Hassan/Hasan | Hasan | حسن
m 6 | Houssine/Hussein/Houcine | Hoessein/Hussein/Houssein | Husayn/Hussein | Hussein/Husain | Hüseyin | حسين
m 10 | Jamal/Djamel/Jamel | Jamal/Djamal/Dzjamal | Jamal/Gamal | Dschamal/Jamal | Cemal | جمال
m 10 | Redouane/Redwane/Ridouane | Redouan/Ridouan/Redwan | Ridwan/Redwan | Ridwan/Redwan |
    Rıdvan/Ridvan | رضوان
m 10 | Samir/Samire | Samir/Samier | Samir/Sameer | Samir | Semir | سمير
m 9 | Nordine/Noureddine/Nour-Eddine | Nordin/Noureddine/Noerdin | Nur al-Din/Nuruddin |
    Nureddin/Nuraddin | Nurettin/Nureddin | نور الدين
m 14 | Younes/Younès/Younesse | Younes/Younis/Joenes | Yunus/Younis | Junus/Yunus | Yunus | يونس
m 8 | Mounir/Munir | Mounir/Moenir/Munir | Munir/Mounir | Munir | Münir | منير
m 6 | Aziz/Azziz | Aziz/Aaziz | Aziz | Asis/Aziz | Aziz | عزيز
m 6 | Hakim/Hakime | Hakim/Hakiem | Hakim/Hakeem | Hakim | Hakim | حكيم
m 8 | Walid/Oualid/Ouelid | Walid/Oualid | Walid/Waleed | Walid | Velit/Velid | وليد
m 12 | Ali | Ali | Ali | Ali | Ali | علي
m 14 | Amine/Amin | Amin/Amine/Amien | Amin/Ameen | Amin | Emin | أمين
m 6 | Yahya/Yahia/Yahiya | Yahya/Jahja/Yahia | Yahya | Jahja/Yahya | Yahya | يحيى
m 6 | Souleymane/Soulaimane/Slimane | Soelaiman/Soulaimane/Suleiman | Sulayman/Suleiman |
    Suleiman/Sulaiman | Süleyman | سليمان
m 6 | Moussa/Mousa | Moussa/Moesa/Mousa | Musa | Musa | Musa | موسى
m 6 | Jawad/Djaouad/Jaouad | Jawad/Djawad/Dzjawad | Jawad | Dschawad/Jawad | Cevat/Cevad | جواد
m 6 | Anas/Anass | Anas/Anass | Anas | Anas | Enes | أنس
m 4 | Abdeljalil/Abdeldjalil/Abdel Jalil | Abdeljalil/Abdeldjalil/Abdeldzjalil | Abd al-Jalil/Abduljalil |
    Abdeldschalil | Abdülcelil | عبد الجليل
m 4 | Abdelghani/Abdelrhani | Abdelghani/Abdelghanie | Abd al-Ghani/Abdulghani | Abdelghani | Abdülgani |
    عبد الغني
m 5 | Nasser/Naceur/Nacer | Nasser/Naser | Nasir/Nasser | Nasser/Nasir | Nasır/Nasir | ناصر
m 6 | Fouad/Fouade | Fouad/Foead/Fuad | Fuad | Fuad | Fuat | فؤاد
f 60 | Fatima/Fatma/Fatimah | Fatima/Fatma/Fatiema | Fatimah/Fatima | Fatima | Fatma | فاطمة
f 22 | Khadija/Khadidja/Khedija | Khadija/Chadija/Khadidja | Khadijah/Khadija | Chadidscha/Khadija |
    Hatice | خديجة
f 18 | Aïcha/Aicha/Aïsha | Aicha/Aïsja/Aisha | Aisha/A'isha/Ayesha | Aischa/Aisha | Ayşe | عائشة
f 18 | Meryem/Myriam/Maryam/Meriem | Meryem/Mariam/Meriem | Maryam/Mariam | Marjam/Maryam | Meryem | مريم
f 14 | Nadia/Nadiya | Nadia/Nadja | Nadia/Nadiya | Nadja/Nadia | Nadiye | نادية
f 12 | Samira/Samirah | Samira/Samiera | Samira/Sameera | Samira | Semira | سميرة
f 12 | Naïma/Naima | Naima/Naïma/Naiema | Naima/Na'ima/Naeema | Naima | Naime | نعيمة
f 8 | Latifa/Latifah | Latifa/Latiefa | Latifa/Lateefa | Latifa | Latife | لطيفة
f 12 | Zineb/Zeineb/Zaynab | Zineb/Zeineb/Zainab | Zaynab/Zainab | Sainab/Zainab | Zeynep | زينب
f 8 | Hafsa/Hafssa | Hafsa/Hafssa | Hafsa/Hafsah | Hafsa | Hafsa | حفصة
f 8 | Asmae/Asmaa/Asma | Asmae/Asmaa/Asma | Asma/Asma' | Asma | Esma | أسماء
f 12 | Imane/Iman/Imene | Imane/Iman/Imaan | Iman/Eman | Iman | İman | إيمان
f 8 | Loubna/Lubna | Loubna/Loebna/Lubna | Lubna | Lubna | Lübna | لبنى
f 10 | Salma/Selma | Salma/Selma | Salma | Salma | Selma | سلمى
f 8 | Siham/Sihame/Seham | Siham/Sihaam | Siham | Siham | Siham | سهام
f 10 | Yasmina/Yasmine/Jasmina | Yasmina/Jasmina/Yasmine | Yasmin/Yasmine | Jasmina/Yasmin | Yasemin | ياسمينة
f 8 | Houda/Hoda/Huda | Houda/Hoeda/Hoda | Huda | Huda | Hüda/Huda | هدى
f 8 | Hanane/Hanan | Hanane/Hanan/Hanaan | Hanan | Hanan | Hanan | حنان
f 8 | Souad/Soad | Souad/Soead/Suad | Suad/Su'ad | Suad | Suat/Suad | سعاد
f 8 | Malika/Malikah | Malika/Malieka | Malika | Malika | Melike | مليكة
f 8 | Rachida/Rachidah | Rachida/Rasjida/Rashida | Rashida | Raschida/Rashida | Reşide | رشيدة
f 8 | Karima/Kerima | Karima/Kariema | Karima/Kareema | Karima | Kerime | كريمة
f 8 | Ikram/Ikrame | Ikram/Ikraam | Ikram | Ikram | İkram | إكرام
f 12 | Sara/Sarah/Sarra | Sara/Sarah | Sarah/Sara | Sara | Sare/Sara | سارة
f 6 | Noura/Nora/Nour | Noura/Noera/Nora | Nura/Noura | Nura | Nur | نورة
f 12 | Amina/Amena | Amina/Amiena | Amina/Aminah | Amina | Emine | أمينة
f 6 | Hind/Hinde | Hind | Hind | Hind | Hint/Hind | هند
f 6 | Wafae/Wafaa/Ouafae | Wafaa/Wafae | Wafa/Wafaa | Wafa | Vefa | وفاء
f 6 | Sanae/Sanaa | Sanae/Sanaa | Sana/Sanaa | Sana | Sena | سناء
f 4 | Zahra/Zohra/Zahrae | Zahra/Zohra | Zahra/Zahraa | Sahra/Zahra | Zehra | زهراء
"""

# particle: "-" none, "el", "el*" (article assimilates to a sun letter), "al", "ben", "ait".
# Rows are in frequency order: the draw is Zipf-like over the row rank.
_FAMILY = """
el ma | Amrani | Amrani | Amrani | Amrani | Amrani | العمراني
el ma | Idrissi/Idrissy | Idrissi/Idrisi | Idrisi | Idrissi | İdrisi | الإدريسي
- ma | Alaoui/Alaouy | Alaoui/Alaoei/Alawi | Alawi | Alaoui/Alawi | Alevi | العلوي
- ma | Bennani/Benani | Bennani | Bennani | Bennani | Bennani | بناني
el* ma | Tazi | Tazi | Tazi | Tasi | Tazi | التازي
el ma | Fassi/Fasi | Fassi | Fasi | Fassi | Fasi | الفاسي
- ma | Chraibi/Chraïbi | Chraibi/Sjraibi | Shraybi/Chraibi | Schraibi/Chraibi | Şraybi | الشرايبي
- ma | Benjelloun/Ben Jelloun | Benjelloun/Bendjelloen | Benjelloun/Bin Jallun | Bendschellun/Benjelloun |
    Bencellun | بنجلون
- ma | Lahlou | Lahlou/Lahloe | Lahlu/Lahlou | Lahlu | Lahlu | لحلو
el ma | Ouazzani/Ouazani/Wazzani | Ouazzani/Wazzani/Oeazzani | Wazzani | Wassani/Wazzani | Vezzani | الوزاني
ben ma | Moussa/Mousa | Moussa/Moesa | Musa | Musa | Musa | بن موسى
ben ma | Saïd/Said | Said | Said/Sa'id | Said | Sait | بن سعيد
ait ma | Taleb | Taleb | Talib | Talib | Talip | آيت الطالب
ait ma | Brahim | Brahim | Ibrahim | Brahim | İbrahim | آيت إبراهيم
ait ma | Lahcen/Lahsen | Lahcen/Lahsen | Lahsan | Lahsen | Lahsen | آيت لحسن
- ma | Bouzidi | Bouzidi/Boezidi | Bouzidi/Buzidi | Busidi | Buzidi | بوزيدي
el ma | Boukhari/Bokhari | Boukhari/Boechari | Bukhari | Buchari | Buhari | البخاري
- ma | Bouazza/Bouaza | Bouazza/Boeazza | Buazza | Buassa | Buazza | بوعزة
- ma | Bouhaddou/Bouhadou | Bouhaddou/Boehaddoe | Buhaddu | Buhaddu | Buhaddu | بوحدو
el ma | Hajji/Hadji | Hajji/Hadji/Hadzji | Hajji | Hadschi | Hacı | الحاجي
el ma | Hassani/Hassany | Hassani | Hasani/Hassani | Hassani | Hasani | الحسني
el ma | Kaddouri/Kadouri/Qaddouri | Kaddouri/Kaddoeri | Qadduri | Kadduri | Kadduri | القدوري
el ma | Ouardi/Wardi | Ouardi/Wardi | Wardi | Wardi | Verdi | الوردي
- sy | Haddad/Hadad | Haddad | Haddad | Haddad | Haddat | حداد
- ma | Haddouchi/Hadouchi | Haddouchi/Haddoesji | Hadduchi | Hadduschi | Hadduşi | حدوشي
- ma | Hamdaoui | Hamdaoui/Hamdaoei | Hamdawi | Hamdaui | Hamdavi | حمداوي
- ma | Harrak/Harak | Harrak | Harrak | Harrak | Harrak | حراك
el ma | Jabri/Djabri | Jabri/Djabri/Dzjabri | Jabri | Dschabri | Cabri | الجابري
- ma | Kabbaj/Kabaj | Kabbaj/Kabbadj | Kabbaj | Kabbadsch | Kabbac | القباج
el ma | Karimi | Karimi/Kariemi | Karimi | Karimi | Kerimi | الكريمي
- ma | Lamrani | Lamrani | Lamrani | Lamrani | Lamrani | لمراني
el ma | Mansouri/Mansoury | Mansouri/Mansoeri | Mansuri | Mansuri | Mansuri | المنصوري
el* ma | Naciri/Nassiri | Naciri/Nasiri | Nasiri | Nasiri | Nasiri | الناصري
- ma | Ouali | Ouali/Oeali/Wali | Wali | Wali | Veli | والي
el* ma | Rachidi | Rachidi/Rasjidi | Rashidi | Raschidi | Reşidi | الرشيدي
- ma | Saïdi/Saidi | Saidi/Saïdi | Saidi/Sa'idi | Saidi | Saidi | السعيدي
el* ma | Sbai/Sbaï | Sbai | Sba'i/Sbai | Sbai | Sebai | السباعي
- dz | Slimani/Slimany | Slimani/Sliemani | Sulaymani/Slimani | Slimani | Süleymani | سليماني
el* ma | Tahiri/Tahri | Tahiri | Tahiri | Tahiri | Tahiri | الطاهري
el ma | Yacoubi/Yakoubi | Yacoubi/Jakoebi/Yakoubi | Yaqubi | Jakubi | Yakubi | اليعقوبي
- ma | Zaoui | Zaoui/Zaoei | Zawi | Sawi | Zavi | الزاوي
- dz | Ziani/Ziane | Ziani | Ziani | Siani | Ziyani | زياني
- ma | Belghiti/Belrhiti | Belghiti | Balghiti | Belghiti | Belgiti | بلغيتي
ben ma | Abdallah/Abdellah | Abdallah | Abdullah | Abdallah | Abdullah | بن عبد الله
ben ma | Haddou/Hadou | Haddou/Haddoe | Haddu | Haddu | Haddu | بن حدو
ben ma | Taïeb/Taieb/Tayeb | Taieb/Tajeb | Tayyib | Tajjib | Tayyip | بن الطيب
ben dz | Omar | Omar/Oemar | Umar | Omar | Ömer | بن عمر
el ma | Khattabi/Khatabi | Khattabi/Chattabi | Khattabi | Chattabi | Hattabi | الخطابي
- dz | Chaoui/Chaouy | Chaoui/Sjaoei | Shawi | Schaui | Şavi | الشاوي
el* ma | Daoudi/Daoudy | Daoudi/Daoedi | Dawudi | Daudi | Davudi | الداودي
- dz | Ghazi/Rhazi | Ghazi/Gazi | Ghazi | Ghasi | Gazi | غازي
el ma | Kadiri/Qadiri | Kadiri/Kadierie | Qadiri | Kadiri | Kadiri | القادري
el* ma | Rifi/Riffi | Rifi/Riffi | Rifi | Rifi | Rifi | الريفي
el* ma | Soussi/Sousi | Soussi/Soesi | Susi | Susi | Susi | السوسي
- ma | Talbi | Talbi | Talbi | Talbi | Talbi | الطالبي
- ma | Wahbi/Ouahbi | Wahbi/Oeahbi | Wahbi | Wahbi | Vehbi | وهبي
el ma | Yousfi/Youssfi | Yousfi/Joesfi | Yusfi | Jusfi | Yusufi | اليوسفي
- ma | Zemmouri/Zemouri | Zemmouri/Zemmoeri | Zammuri | Semmuri | Zemmuri | زموري
el ma | Hachimi/Hachmi | Hachimi/Hasjimi | Hashimi | Haschimi | Haşimi | الهاشمي
- ma | Boussaid/Bousaïd | Boussaid/Boesaid | Busaid | Bussaid | Busait | بوسعيد
el ma | Ghazouani/Rhazouani | Ghazouani/Ghazoeani | Ghazwani | Ghasuani | Gazvani | الغزواني
- dz | Messaoudi/Msaoudi | Messaoudi/Messaoedi | Masoudi/Mas'udi | Messaudi | Mesudi | مسعودي
- ma | Mahjoubi/Mahdjoubi | Mahjoubi/Mahdjoebi/Mahdzjoebi | Mahjubi | Mahdschubi | Mahcubi | محجوبي
el* ma | Cherkaoui/Charkaoui | Cherkaoui/Sjerkaoei | Sharqawi | Scharkaui | Şerkavi | الشرقاوي
el ma | Gharbi/Rharbi | Gharbi | Gharbi | Gharbi | Garbi | الغربي
el ma | Mokhtari/Moktari | Mokhtari/Mochtari | Mukhtari | Muchtari | Muhtari | المختاري
- ma | Benchekroun/Ben Chekroun | Bensjekroen/Benchekroun | Benshekroun | Benschekrun | Benşekrun | بنشقرون
- ma | Lahrichi | Lahrichi/Lahriesji | Lahrishi | Lahrischi | Lahrişi | لحريشي
- tn | Hammoudi/Hamoudi | Hammoudi/Hammoedi | Hammudi | Hammudi | Hammudi | حمودي
el tn | Jaziri/Djaziri | Jaziri/Dzjaziri | Jaziri | Dschasiri | Ceziri | الجزيري
- tn | Mejri/Mejeri | Mejri | Majri | Medschri | Mecri | الماجري
- dz | Khelifi/Khlifi | Khelifi/Chelifi | Khalifi | Chelifi | Halifi | خليفي
ben dz | Amar/Ammar | Amar | Ammar | Ammar | Ammar | بن عمار
- dz | Meziane/Mezziane | Meziane/Mezian | Mezyan | Mesiane | Meziyan | مزيان
- dz | Hadjadj/Hadjaj | Hadjadj/Hadzjadzj | Hajjaj | Hadschadsch | Haccac | حجاج
al sy | Hassan | Hassan | Hasan | Hassan | Hasan | الحسن
al sy | Khatib | Khatib/Chatib | Khatib | Chatib | Hatip | الخطيب
al* sy | Najjar/Nadjar | Najjar/Nadzjar | Najjar | Nadschar | Neccar | النجار
- iq | Hamdane/Hamdan | Hamdan | Hamdan | Hamdan | Hamdan | حمدان
al iq | Obeidi/Oubaidi | Obeidi/Oebaidi | Ubaydi/Obaidi | Obaidi | Ubeydi | العبيدي
- iq | Kassem/Qassem | Kassem/Qasim | Qasim/Kasim | Kassim | Kasım | قاسم
el ma | Bouazzaoui/Bouazaoui | Bouazzaoui/Boeazzaoei | Buazzawi | Buassaui | Buazzavi | البوعزاوي
- ma | Ouchen | Ouchen/Oesjen | Ushen | Uschen | Uşen | أوشن
- ma | Amzil | Amzil | Amzil | Amsil | Amzil | أمزيل
el ma | Mimouni | Mimouni/Mimoeni | Maymuni | Mimuni | Meymuni | الميموني
- ma | Bouhouch | Bouhouch/Boehoesj | Buhush | Buhusch | Buhuş | بوحوش
el ma | Kharraz/Kharaz | Kharraz/Charraz | Kharraz | Charras | Harraz | الخراز
el* tn | Tounsi | Tounsi/Toensi | Tunsi | Tunsi | Tunusi | التونسي
"""

# Long tail of family names: prefix + root + ending, each part spelled per convention by hand.
# Format: ``weight | fr | nl | en | de | tr | arabic``.
_TAIL_PREFIXES = """
8 | - | - | - | - | - | -
4 | Bou | Bou/Boe | Bu/Bou | Bu | Bu | بو
2 | Ou | Ou/Oe | U/Ou | U | U | أو
1 | A | A | A | A | A | أ
"""
_TAIL_ROOTS = """
3 | Hadd/Had | Hadd | Hadd | Hadd | Hadd | حد
3 | Ghaz/Rhaz | Ghaz | Ghaz | Ghas | Gaz | غز
3 | Khat | Khat/Chat | Khat | Chat | Hat | خط
2 | Zir | Zier/Zir | Zir | Sir | Zir | زير
3 | Rach | Rasj/Rach | Rash | Rasch | Raş | رش
2 | Jab/Djab | Jab/Dzjab | Jab | Dschab | Cab | جب
3 | Kadd/Kad | Kadd | Qadd | Kadd | Kadd | قد
2 | Chak/Chek | Sjak/Chak | Shak | Schak | Şak | شق
2 | Driss/Dris | Driss | Dris | Driss | Dris | دريس
2 | Mim | Mim | Maym | Mim | Meym | ميم
2 | Zer | Zer | Zar | Ser | Zer | زر
2 | Tah | Tah | Tah | Tah | Tah | طه
2 | Naj/Nadj | Nadj/Nadzj | Naj | Nadsch | Nac | نج
2 | Sal | Sal | Sal | Sal | Sel | سل
2 | Fakh/Fak | Fak | Fakh | Fach | Fah | فخ
1 | Mahj/Mahdj | Mahdj/Mahdzj | Mahj | Mahdsch | Mahc | محج
1 | Yaz | Jaz/Yaz | Yaz | Jas | Yaz | يز
2 | Ouah/Wah | Wah/Oeah | Wah | Wah | Vah | وه
1 | Souk | Soek/Souk | Suk | Suk | Suk | سوق
1 | Korch | Korsj | Qursh | Korsch | Kurş | قرش
2 | Nour | Noer/Nour | Nur | Nur | Nur | نور
2 | Ghal/Rhal | Ghal | Ghal | Ghal | Gal | غل
1 | Tal | Tal | Tal | Tal | Tal | طل
1 | Mezz | Mezz | Mazz | Mess | Mezz | مز
1 | Tay | Taj/Tay | Tay | Taj | Tay | طي
2 | Jil/Djil | Jil/Dzjil | Jil | Dschil | Cil | جيل
1 | Sekk | Sekk | Sakk | Sekk | Sekk | سك
2 | Lahs | Lahs | Lahs | Lahs | Lahs | لحس
"""
_TAIL_ENDINGS = """
4 | i | i | i | i | i | ي
3 | aoui | aoui/aoei | awi | aui | avi | اوي
2 | ouni | ouni/oeni | uni | uni | uni | وني
3 | ani | ani | ani | ani | ani | اني
2 | ouchi | ouchi/oesji | ushi | uschi | uşi | وشي
2 | ari | ari | ari | ari | ari | اري
1 | ane | an/ane | an | an | an | ان
1 | iri | iri | iri | iri | iri | يري
"""


def _spellings(columns: list[str]) -> dict[str, tuple[str, ...]]:
    french = tuple(columns[0].split("/"))
    return {
        convention: french if column == "=" else tuple(column.split("/"))
        for convention, column in zip(CONVENTIONS, columns, strict=True)
    }


def _rows(table: str) -> list[list[str]]:
    """Table rows; a line ending in ``|`` continues on the next (indented) line."""
    joined = table.strip().replace("|\n", "| ")
    return [[cell.strip() for cell in line.split("|")] for line in joined.splitlines()]


def _given_names() -> tuple[GivenName, ...]:
    names = []
    for head, *columns, arabic in _rows(_GIVEN):
        sex, weight = head.split()
        spellings = _spellings(columns)
        names.append(GivenName(spellings["fr"][0].lower(), spellings, arabic, sex, float(weight)))
    return tuple(names)


def _family_names() -> tuple[FamilyName, ...]:
    names = []
    for head, *columns, arabic in _rows(_FAMILY):
        particle, origin = head.split()
        spellings = _spellings(columns)
        key = (particle.rstrip("*").replace("-", "") + " " + spellings["fr"][0].lower()).strip()
        names.append(
            FamilyName(key, spellings, arabic, particle.rstrip("*").replace("-", ""), "*" in particle, origin)
        )
    return tuple(names)


@dataclass(frozen=True, eq=False)
class TailPart:
    weight: float
    form: NameForm


def _tail_parts(table: str) -> tuple[TailPart, ...]:
    parts = []
    for weight, *columns, arabic in _rows(table):
        spellings = {c: tuple("" if s == "-" else s for s in v) for c, v in _spellings(columns).items()}
        parts.append(
            TailPart(float(weight), NameForm(spellings["fr"][0].lower(), spellings, arabic.strip("-")))
        )
    return tuple(parts)


GIVEN_NAMES: tuple[GivenName, ...] = _given_names()
MALE_GIVEN = tuple(n for n in GIVEN_NAMES if n.sex == "m")
FEMALE_GIVEN = tuple(n for n in GIVEN_NAMES if n.sex == "f")
GIVEN_BY_KEY: dict[str, GivenName] = {n.key: n for n in GIVEN_NAMES}
FAMILY_NAMES: tuple[FamilyName, ...] = _family_names()
TAIL_PREFIXES = _tail_parts(_TAIL_PREFIXES)
TAIL_ROOTS = _tail_parts(_TAIL_ROOTS)
TAIL_ENDINGS = _tail_parts(_TAIL_ENDINGS)


def tail_family_name(prefix: TailPart, root: TailPart, ending: TailPart, particle: str) -> FamilyName:
    """A long-tail family name, spelled per convention by joining the hand-spelled parts."""
    spellings: dict[str, tuple[str, ...]] = {}
    for convention in CONVENTIONS:
        joined: list[str] = []
        for p in prefix.form.spellings[convention][:2]:
            for r in root.form.spellings[convention][:2]:
                for e in ending.form.spellings[convention][:2]:
                    word = (p + r.lower() if p else r) + e
                    if word not in joined:
                        joined.append(word)
        spellings[convention] = tuple(joined)
    arabic = ("ال" if particle == "el" else "") + prefix.form.arabic + root.form.arabic + ending.form.arabic
    key = (particle + " " + spellings["fr"][0].lower()).strip()
    return FamilyName(key, spellings, arabic, particle, False, "ma")
