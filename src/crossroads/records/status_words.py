"""How each agency's language writes a status in the free-text notes of a record ("Revenu
2016-03-04; Arrêté 2016-03-10"): the demo writes notes with it, case follow-up reads them back.

Row format: ``status | fr | nl | en | de | tr``.
"""

from __future__ import annotations

_WORDS = """
radicalised | Radicalisé | Geradicaliseerd | Radicalised | Radikalisiert | Radikalleşmiş
sympathiser | Sympathisant | Sympathisant | Sympathiser | Sympathisant | Sempatizan
home_grown_extremist | Extrémiste violent | Gewelddadig extremist | Violent extremist |
    Gewaltbereiter Extremist | Şiddet yanlısı
propagandist | Propagandiste | Propagandist | Propagandist | Propagandist | Propagandacı
intending_to_leave | Intention de départ | Vertrekintentie | Intends to travel | Ausreiseabsicht |
    Ayrılma niyeti
stopped | Empêché de partir | Tegengehouden | Prevented from travelling | An der Ausreise gehindert |
    Durduruldu
in_transit | En transit | In transit | In transit | Im Transit | Transit
in_conflict_zone | En zone de conflit (Syrie) | In conflictgebied (Syrië) | In conflict zone (Syria) |
    Im Konfliktgebiet (Syrien) | Çatışma bölgesinde
presumed_deceased | Présumé décédé | Vermoedelijk overleden | Presumed dead | Vermutlich tot |
    Öldüğü tahmin ediliyor
returned | Revenu | Teruggekeerd | Returned | Zurückgekehrt | Geri döndü
arrested | Arrêté | Aangehouden | Arrested | Festgenommen | Yakalandı
detained | Détenu | Gedetineerd | Detained | In Haft | Tutuklu
convicted | Condamné | Veroordeeld | Convicted | Verurteilt | Mahkum edildi
acquitted | Acquitté | Vrijgesproken | Acquitted | Freigesprochen | Beraat etti
released | Libéré | Vrijgelaten | Released | Entlassen | Serbest bırakıldı
monitored | Suivi | Opgevolgd | Monitored | Überwacht | İzleniyor
"""

_LANGUAGES = ("fr", "nl", "en", "de", "tr")


def _table() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {language: {} for language in _LANGUAGES}
    for line in _WORDS.strip().replace("|\n", "| ").splitlines():
        status, *words = (cell.strip() for cell in line.split("|"))
        for language, word in zip(_LANGUAGES, words, strict=True):
            out[language][status] = word
    return out


#: language -> status -> words
STATUS_WORDS = _table()


def status_of(words: str) -> str | None:
    """The status some agency's words name (any language, any case), or None."""
    return _BY_WORDS.get(" ".join(words.split()).casefold())


_BY_WORDS = {
    " ".join(word.split()).casefold(): status
    for by_status in STATUS_WORDS.values()
    for status, word in by_status.items()
}
