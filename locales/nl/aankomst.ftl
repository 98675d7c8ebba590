# Aankomst — Nederlands (standaardtaal van de klantbegeleider).
# Elke id staat ook in locales/en/aankomst.ftl; een test controleert dat.

## Algemeen

app-loading = Even geduld…
skip-to-content = Naar de inhoud
nav-label = Hoofdmenu
nav-clients = Cliënten
header-profile = Profiel
header-settings = Instellingen
header-lock = Vergrendelen
header-lock-shortcut = Vergrendelen (Ctrl+L)
badge-demo = DEMO
badge-nareiziger = Nareiziger
demo-banner-title = DEMO
demo-banner-text = Dit is een demoprofiel met verzonnen cliënten. Leg hier geen echte gegevens vast.
notice-dismiss = Sluiten
dialog-close = Sluiten
action-cancel = Annuleren
action-saving = Bezig met opslaan…
action-try-again = Opnieuw proberen
action-save = Opslaan
select-none = — Kies —
select-language = — Kies een taal —
filter-any = Alle
value-empty = —
value-unknown = Onbekend
age-years = { $age } jaar

## Al geopend

already-running-title = Aankomst is al geopend
already-running-text = Aankomst draait al in een ander venster op deze laptop. Ga naar dat venster om verder te werken; dit venster kun je sluiten.

## Start en ontgrendelen

start-title = Ontgrendelen
start-failed-title = Aankomst kan niet starten
start-new-profile = Nieuw profiel
start-demo-profile = Demoprofiel maken
start-locked-idle = Aankomst is vergrendeld omdat er een tijd niets gebeurde. Wat al was opgeslagen, is bewaard.
start-locked-manual = Aankomst is vergrendeld. Wat al was opgeslagen, is bewaard.
unlock-choose-profile = Kies je profiel
unlock-pick-first = Kies eerst je profiel hierboven.
unlock-passphrase-for = Wachtwoordzin voor { $name }
unlock-button = Ontgrendelen
unlock-busy = Bezig met ontgrendelen…
unlock-button-wait = Wacht { $seconds } s
unlock-wait = { $seconds ->
    [one] Te veel mislukte pogingen. Je kunt het over { $seconds } seconde opnieuw proberen.
   *[other] Te veel mislukte pogingen. Je kunt het over { $seconds } seconden opnieuw proberen.
}
welcome-title = Welkom bij Aankomst
welcome-text = Maak eerst je eigen profiel. Met de wachtwoordzin van dat profiel open je straks je dossiers.
welcome-encrypted = Alle gegevens blijven versleuteld op deze laptop. Zonder jouw wachtwoordzin kan niemand ze lezen, ook niet als de laptop kwijtraakt.
welcome-demo-question = Eerst rondkijken met verzonnen cliënten?
new-profile-title = Nieuw profiel
new-profile-intro = Iedere gebruiker van deze laptop heeft een eigen profiel met een eigen wachtwoordzin. Een profiel kan de dossiers van een ander profiel niet openen.
demo-profile-title = Demoprofiel
new-profile-demo-explain = Een demoprofiel wordt gevuld met verzonnen cliënten, zodat je Aankomst kunt uitproberen of uitleggen. Op elk scherm staat dan duidelijk DEMO.
new-profile-name = Naam van het profiel
new-profile-name-hint = Bijvoorbeeld je voornaam. Iedere gebruiker van deze laptop heeft een eigen profiel.
new-profile-passphrase = Wachtwoordzin
new-profile-passphrase-hint = Een zin van een paar losse woorden is sterk en goed te onthouden, bijvoorbeeld „fiets wolk pannenkoek lantaarn".
new-profile-repeat = Herhaal de wachtwoordzin
new-profile-mismatch = De twee wachtwoordzinnen zijn niet gelijk.
new-profile-need-name = Vul een naam voor het profiel in.
new-profile-need-passphrase = Kies een wachtwoordzin.
new-profile-need-stronger = Maak de wachtwoordzin sterker (zie de tips).
new-profile-need-match = Herhaal de wachtwoordzin precies zo.
new-profile-create = Profiel maken
new-profile-create-demo = Demoprofiel maken
new-profile-creating = Bezig met maken…
strength-label = Sterkte van de wachtwoordzin
strength-empty = Typ een wachtwoordzin om de sterkte te zien.
strength-0 = Heel zwak
strength-1 = Zwak
strength-2 = Redelijk
strength-3 = Sterk
strength-4 = Heel sterk
strength-acceptable = goed genoeg
strength-not-acceptable = nog niet goed genoeg
passphrase-hint-too-short = Maak de wachtwoordzin langer.
passphrase-hint-more-words = Gebruik meer losse woorden, bijvoorbeeld vier of vijf die niet bij elkaar horen.
passphrase-hint-no-name = Gebruik je naam of de naam van het profiel niet in de wachtwoordzin.

## Cliëntenlijst

cases-title = Cliënten
cases-count = { $shown } van { $total ->
    [one] { $total } cliënt
   *[other] { $total } cliënten
}
cases-new-client = Nieuwe cliënt
cases-search-label = Zoeken op naam, V-nummer, BSN of geboortedatum
cases-search-placeholder = Bijv. Haile, 1987 of 2012345678
cases-filter-status = Status
cases-filter-country = Land van herkomst
cases-filter-location = Locatie
cases-table-label = Cliënten
cases-col-name = Naam
cases-col-v-number = V-nummer
cases-col-dob = Geboortedatum
cases-col-country = Land
cases-col-location = Locatie
cases-col-status = Status
cases-col-last-conversation = Laatste gesprek
cases-no-match = Geen cliënten gevonden die hierbij passen.
cases-clear-filters = Zoekopdracht en filters wissen
cases-empty = Er zijn nog geen cliënten. Registreer de eerste met „Nieuwe cliënt".
cases-keyboard-hint = Tip: / springt naar het zoekveld, pijltjes omhoog en omlaag kiezen een rij, Enter opent de cliënt.
new-client-title = Nieuwe cliënt registreren
new-client-explain = Na het registreren wordt een traject met status brede intake geopend. De overige gegevens vul je daarna in.
new-client-submit = Registreren en openen

## Cliënt

client-back-to-list = Terug naar de cliëntenlijst
client-document-name = Naam op document
client-age = Leeftijd
client-section-personal = Persoonsgegevens
client-section-household = Huishouden
client-section-case = Traject
client-section-timeline = Tijdlijn
client-jump-label = Naar onderdeel
client-group-name = Naam en herkomst
client-group-ids = Nummers en koppeling
client-group-contact = Contact
client-group-languages = Talen
case-none = Deze cliënt heeft geen traject.
case-open = Traject openen
case-new-conversation = Nieuw gesprek
partial-date-hint = Alleen het jaar is genoeg als maand en dag onbekend zijn: 1987, 1987-03 of 1987-03-12.
partial-date-placeholder = JJJJ of JJJJ-MM-DD
languages-hint = Per taal: hoe goed de cliënt hem spreekt en of de cliënt hem kan lezen en schrijven.
languages-col-language = Taal
languages-col-spoken = Spreken
languages-col-literacy = Lezen en schrijven
languages-row-language = Taal { $n }
languages-row-spoken = Spreekvaardigheid taal { $n }
languages-row-literacy = Lezen en schrijven taal { $n }
languages-remove = Taal { $n } verwijderen
languages-add = Taal toevoegen

## Huishouden

household-none = Nog geen huishouden vastgelegd.
household-this-client = deze cliënt
household-arrived-on = aangekomen { $date }
household-no-case = geen traject
household-add-member = Gezinslid toevoegen
household-link-member = Bestaande cliënt koppelen
household-remove-member = { $name } uit het huishouden halen
household-remove-title = Uit het huishouden halen?
household-remove-text = { $name } wordt uit dit huishouden gehaald. De cliënt zelf en zijn of haar dossier blijven bestaan.
household-remove-confirm = Uit huishouden halen
member-form-title = Gezinslid toevoegen
member-role-label = Rol in het huishouden
member-nareiziger-label = Nareiziger (gezinshereniging)
member-create-case-label = Ook een traject openen (inburgeringsplichtig)
member-submit = Toevoegen
link-form-title = Bestaande cliënt koppelen
link-search-label = Zoek de cliënt op naam, V-nummer, BSN of geboortedatum
link-results = Gevonden cliënten
link-no-results = Geen cliënt gevonden.
link-other = Andere kiezen
link-submit = Koppelen

## Gesprek

conversation-title = Gesprek
conversation-back-to = Terug naar { $name }
conversation-section-when = Wanneer en waar
conversation-section-interpreter = Tolk en taal
conversation-now = Nu
conversation-informal-hint = Een informele tolk is geen beëdigde tolk. Leg vast wie er tolkte; bij gevoelige onderwerpen is een professionele tolk beter.
participants-add = Deelnemer toevoegen
participants-name = Naam
participants-row-name = Naam deelnemer { $n }
participants-row-role = Rol deelnemer { $n }
participants-remove = Deelnemer { $n } verwijderen
warnings-title = Aandachtspunten
timeline-conversation = Gesprek
timeline-case_opened = Traject geopend
timeline-client_registered = Cliënt geregistreerd
timeline-household_changed = Huishouden gewijzigd
timeline-status-changed = Status gewijzigd naar { $status }
timeline-empty = Nog niets vastgelegd.

## Opslaan

save-status-idle = Wijzigingen worden vanzelf opgeslagen.
save-status-saving = Opslaan…
save-status-saved = Opgeslagen { $time }
save-status-failed = Niet opgeslagen.
save-status-retry = Opnieuw proberen
save-status-refused = { $count ->
    [one] Eén veld is niet opgeslagen: zie de melding bij dat veld.
   *[other] { $count } velden zijn niet opgeslagen: zie de meldingen bij die velden.
}

## Instellingen

settings-title = Instellingen
settings-language = Taal van Aankomst
settings-auto-lock = Automatisch vergrendelen na (minuten)
settings-auto-lock-hint = Aankomst vergrendelt zichzelf als er zo lang niets gebeurt. Kies 1 tot 60 minuten.
settings-auto-lock-range = Kies een heel getal van 1 tot en met 60.

## Velden: cliënt

field-document_given_names = Voornamen (zoals op document)
field-document_family_name = Achternaam (zoals op document)
field-preferred_name = Roepnaam
field-preferred_name-hint = Hoe de cliënt aangesproken wil worden.
field-other_spellings = Andere schrijfwijzen
field-other_spellings-hint = Bijvoorbeeld in Arabisch of Ge'ez schrift, of zoals bij het COA bekend.
field-date_of_birth = Geboortedatum
field-sex = Geslacht
field-country_of_origin = Land van herkomst
field-nationality = Nationaliteit
field-languages = Talen
field-latin_script_literacy = Lezen en schrijven in het Latijnse schrift
field-latin_script_literacy-hint = Het schrift van het Nederlands; belangrijk voor de keuze van de leerroute.
field-phone = Telefoonnummer
field-email = E-mailadres
field-address = Adres
field-bsn = BSN
field-bsn-hint = Niet verplicht. 9 cijfers.
field-v_number = V-nummer
field-v_number-hint = 10 cijfers, van het COA.
field-koppeling_date = Datum koppeling aan gemeente
field-azc_location = Azc of COA-locatie
field-target_group = Doelgroep

## Velden: huishouden

field-household-label = Naam van het huishouden
field-members = Leden
field-arrived_on = Datum van aankomst in Nederland

## Velden: traject

field-client_id = Cliënt
field-status = Status
field-counsellor = Klantbegeleider
field-opened_on = Geopend op
field-intake_started_on = Brede intake gestart op
field-pip_decided_on = PIP vastgesteld op
field-route_started_on = Leerroute gestart op
field-term_ends_on = Einde inburgeringstermijn

## Velden: gesprek

field-case_id = Traject
field-starts_at = Datum en tijd
field-starts_at-hint = Nederlandse tijd.
field-place = Plaats
field-conversation_type = Soort gesprek
field-participants = Deelnemers
field-interpreter_mode = Tolk
field-interpreter_name = Naam van de tolk
field-interpreter_register_number = Registratienummer van de tolk
field-interpreter_register_number-hint = Nummer uit het Register beëdigde tolken en vertalers (Rbtv).
field-interpreter_is_minor = De tolk is jonger dan 18 jaar
field-language_used = Gesprekstaal
field-notes = Verslag van het gesprek
field-notes-hint = Wordt vanzelf opgeslagen terwijl je typt.

## Keuzes

sex-female = Vrouw
sex-male = Man
sex-x = X
sex-unknown = Onbekend
status-intake = Brede intake
status-pip = PIP
status-route = Leerroute
status-completed = Afgerond
status-closed = Gesloten
status-none = Geen traject
place-azc = Azc
place-office = Kantoor
place-phone = Telefoon
place-video = Video
place-home = Huisbezoek
place-other = Elders
conversation-type-first = Eerste gesprek
conversation-type-check_in = Tussentijds contact
conversation-type-pip = PIP-gesprek
conversation-type-progress_review = Voortgangsgesprek
conversation-type-other = Ander gesprek
interpreter-mode-none = Geen tolk
interpreter-mode-professional_in_person = Professionele tolk, aanwezig
interpreter-mode-professional_phone = Professionele tolk, telefonisch
interpreter-mode-professional_video = Professionele tolk, via video
interpreter-mode-informal_family = Familielid tolkt
interpreter-mode-informal_friend = Vriend of kennis tolkt
interpreter-mode-informal_key_person = Sleutelpersoon tolkt
member-role-referent = Referent
member-role-partner = Partner
member-role-child = Kind
member-role-parent = Ouder
member-role-sibling = Broer of zus
member-role-other = Anders
participant-role-counsellor = Klantbegeleider
participant-role-client = Cliënt
participant-role-partner = Partner
participant-role-family = Familie
participant-role-vwn = VluchtelingenWerk
participant-role-coa = COA
participant-role-colleague = Collega
participant-role-provider = Aanbieder (taal, zorg)
participant-role-other = Anders
spoken-native = Moedertaal
spoken-fluent = Vloeiend
spoken-basic = Een beetje
literacy-literate = Leest en schrijft
literacy-limited = Beperkt
literacy-none = Niet
literacy-unknown = Onbekend
target-group-statushouder = Statushouder
target-group-nareiziger = Nareiziger
target-group-gezinsmigrant = Gezinsmigrant
target-group-overige_migrant = Overige migrant

## Aandachtspunten bij een gesprek

warning-minor_interpreting = Een minderjarige tolkt. Dat is voor een intakegesprek niet passend: regel een professionele tolk (bijv. tolkentelefoon).
warning-professional_interpreter_unidentified = Er is een professionele tolk gekozen, maar zonder naam of registratienummer. Vul ten minste een van beide in.
warning-language_missing = De gesprekstaal is niet ingevuld. Kies de taal waarin het gesprek gevoerd is.
warning-short-minor_interpreting = Minderjarige tolk
warning-short-professional_interpreter_unidentified = Tolk niet vastgelegd
warning-short-language_missing = Taal ontbreekt

## Meldingen bij een veld

field-error-unknown_field = Dit veld kent Aankomst niet. Er is niets opgeslagen.
field-error-wrong_type = Deze waarde past niet in dit veld. Controleer wat je hebt ingevuld.
field-error-too_long = Deze tekst is te lang. Maak hem korter.
field-error-not_a_choice = Kies een van de mogelijkheden uit de lijst.
field-error-bsn_invalid = Dit is geen geldig BSN: een BSN heeft 9 cijfers en moet de elfproef doorstaan. Controleer het nummer op het document.
field-error-v_number_invalid = Een V-nummer heeft 10 cijfers. Controleer het nummer op het document van het COA.
field-error-partial_date_shape = Schrijf de datum als jaar (1987), jaar en maand (1987-03) of volledig (1987-03-12).
field-error-no_such_date = Deze datum bestaat niet. Controleer de dag en de maand.
field-error-year_out_of_range = Dit jaartal kan niet kloppen. Controleer het jaar.
field-error-date_shape = Vul een volledige datum in, bijvoorbeeld 2025-03-12.
field-error-date_time_shape = Vul een datum en een tijd in.
field-error-email_shape = Dit is geen geldig e-mailadres. Het ziet eruit als naam@voorbeeld.nl.
field-error-unknown_country = Dit land staat niet in de lijst. Kies een land uit de lijst, of „Onbekend".
field-error-unknown_language = Deze taal staat niet in de lijst. Kies een taal uit de lijst.
field-error-record_id = Deze verwijzing naar een ander dossier klopt niet. Er is niets opgeslagen.
field-error-missing_part = Er ontbreekt een verplicht onderdeel. Vul alles in wat bij deze regel hoort.

## Foutmeldingen

error-wrong_passphrase = De wachtwoordzin klopt niet (mislukte pogingen: { $attempts }). { $retry_after ->
    [0] Probeer het opnieuw.
    [1] Wacht nog 1 seconde en probeer het dan opnieuw.
   *[other] Wacht nog { $retry_after } seconden en probeer het dan opnieuw.
} Er is niets verloren gegaan.
error-too_many_attempts = Te veel mislukte pogingen. { $retry_after ->
    [0] Je kunt het nu opnieuw proberen.
    [1] Wacht nog 1 seconde voordat je het opnieuw probeert.
   *[other] Wacht nog { $retry_after } seconden voordat je het opnieuw probeert.
} Je gegevens zijn veilig; er is niets verloren gegaan.
error-keychain_unavailable = De sleutelbos (keychain) van deze laptop is niet bereikbaar, daarom kan Aankomst je gegevens niet openen. Log uit en weer in op de laptop; helpt dat niet, vraag dan de IT-afdeling om hulp. Er is niets verloren gegaan.
error-keychain_locked = Je sleutelbos (keychain) is vergrendeld. Ontgrendel hem (meestal door opnieuw in te loggen op de laptop) en probeer het opnieuw. Er is niets verloren gegaan.
error-key_missing = De sleutel van dit profiel staat niet in de sleutelbos (keychain) van deze laptop, daarom kan Aankomst het profiel niet openen. Verwijder niets en neem contact op met de IT-afdeling.
error-database_missing = Het gegevensbestand van dit profiel is niet gevonden. Werk niet verder met dit profiel en neem contact op met de IT-afdeling.
error-database_corrupt = Het gegevensbestand van dit profiel is beschadigd en kan niet worden gelezen. Verwijder niets, werk niet verder met dit profiel en neem contact op met de IT-afdeling.
error-disk_full = De schijf van deze laptop is vol, daarom is je laatste wijziging niet opgeslagen. Wat eerder was opgeslagen, is niet verloren. Maak ruimte vrij (of vraag de IT-afdeling) en probeer het opnieuw.
error-busy = Aankomst is nog bezig met een andere taak. Wacht een paar seconden en probeer het opnieuw. Er is niets verloren gegaan.
error-schema_too_new = Dit profiel is gemaakt met een nieuwere versie van Aankomst. Installeer de nieuwste versie om het te openen. Er is niets verloren gegaan.
error-profile_not_found = Dit profiel staat niet (meer) op deze laptop. Kies een ander profiel of maak een nieuw profiel.
error-profile_name_empty = Geef het profiel een naam, bijvoorbeeld je voornaam.
error-passphrase_too_weak = Deze wachtwoordzin is te zwak. Maak hem langer, bijvoorbeeld met vier of vijf losse woorden.
error-already_running = Aankomst is al geopend in een ander venster. Werk verder in dat venster.
error-record_not_found = Dit dossier is niet gevonden. Misschien hoort het bij een ander profiel. Ga terug naar de cliëntenlijst.
error-wrong_kind = Er ging iets mis: dit dossier is van een ander soort dan verwacht. Ga terug naar de cliëntenlijst en probeer het opnieuw. Er is niets verloren gegaan.
error-locked = Aankomst is vergrendeld. Ontgrendel met je wachtwoordzin om verder te werken. Wat al was opgeslagen, is niet verloren.
error-internal = Er ging iets mis in Aankomst. Probeer het opnieuw; lukt het niet, sluit Aankomst dan en start het opnieuw. Wat al was opgeslagen, is niet verloren.

## Landen

country-SY = Syrië
country-ER = Eritrea
country-AF = Afghanistan
country-TR = Turkije
country-IQ = Irak
country-IR = Iran
country-YE = Jemen
country-SD = Soedan
country-SS = Zuid-Soedan
country-SO = Somalië
country-ET = Ethiopië
country-UA = Oekraïne
country-PS = Palestijnse gebieden
country-LB = Libanon
country-JO = Jordanië
country-EG = Egypte
country-LY = Libië
country-MA = Marokko
country-DZ = Algerije
country-TN = Tunesië
country-NG = Nigeria
country-CD = Congo (DR Congo)
country-BI = Burundi
country-GN = Guinee
country-CM = Kameroen
country-PK = Pakistan
country-BD = Bangladesh
country-LK = Sri Lanka
country-MM = Myanmar
country-CN = China
country-RU = Rusland
country-BY = Belarus
country-GE = Georgië
country-AM = Armenië
country-AZ = Azerbeidzjan
country-CU = Cuba
country-VE = Venezuela
country-CO = Colombia
country-KW = Koeweit
country-SA = Saoedi-Arabië
country-NL = Nederland
country-stateless = Staatloos
country-unknown = Onbekend

## Talen

language-ar = Arabisch
language-ti = Tigrinya
language-tig = Tigre
language-am = Amhaars
language-om = Oromo
language-so = Somalisch
language-fa = Farsi (Perzisch)
language-prs = Dari
language-ps = Pasjtoe
language-kmr = Koerdisch (Kurmanji)
language-ckb = Koerdisch (Sorani)
language-tr = Turks
language-uk = Oekraïens
language-ru = Russisch
language-en = Engels
language-fr = Frans
language-nl = Nederlands
language-ur = Urdu
language-bn = Bengaals
language-ta = Tamil
language-my = Birmaans
language-zh = Chinees
language-hy = Armeens
language-ka = Georgisch
language-az = Azerbeidzjaans
language-es = Spaans
language-de = Duits
language-sw = Swahili
language-ln = Lingala
language-ha = Hausa
language-yo = Yoruba
language-ff = Fula (Peul)
language-bs = Bosnisch
language-sq = Albanees

## Vragenlijsten

action-remove = Verwijderen
screening-title = Vragenlijsten
screening-start = Vragenlijst starten
screening-none = Nog geen vragenlijst in dit gesprek.
screening-progress = { $answered } van { $questions } beantwoord
screening-give-to-client = Scherm aan de cliënt geven
screening-sealed-ggd = Verzegeld voor de GGD
screening-start-client = Starten op het scherm van de cliënt
screening-start-read-aloud = Starten met voorlezen
screening-instrument = Vragenlijst
screening-sealed-explained = Na afronden zijn de antwoorden en de score verzegeld voor de GGD: u ziet alleen dat de vragenlijst is ingevuld.
screening-mode = Hoe wordt de vragenlijst ingevuld?
screening-language = Taal van de vragen
screening-interpreted = mondeling vertaald door de tolk
screening-interpreted-explained = De vragenlijst heeft geen tekst in deze taal. De tolk vertaalt de vragen mondeling; dat wordt bij elk antwoord vastgelegd, omdat de uitkomst daardoor minder betrouwbaar is.
screening-over-time = Vragenlijsten door de tijd
administration-mode-read_aloud = Voorgelezen door de consulent
administration-mode-self_completed = Ingevuld door de cliënt
administration-status-in_progress = Bezig
administration-status-paused = Gepauzeerd
administration-status-completed = Afgerond
administration-status-abandoned = Gestopt
review-validated = gevalideerde vertaling
review-reviewed = gecontroleerde vertaling
review-unreviewed = vertaling niet gecontroleerd
administration-back = Terug naar het gesprek
administration-sealed-completed = Afgerond, verzegeld voor de GGD
administration-sealed-in-progress = Wordt ingevuld door de cliënt, verzegeld voor de GGD
administration-sealed-explained = De antwoorden en de score zijn alleen voor de GGD. Ze worden u niet getoond, en nooit op dit scherm.
administration-interpreted-note = De tolk stelt de vragen aan de cliënt. Lees elke vraag voor zoals ze er staat; de tolk vertaalt zonder uit te leggen of te veranderen.
administration-item-skipped = Niet gevraagd: het eerdere antwoord slaat deze vraag over.
answer-state-declined = Wil niet antwoorden
answer-state-dont_know = Weet het niet
answer-clear = Wissen (niet gevraagd)
answer-entered = Ingevoerd door { $who }, { $at }
entered-by-counsellor = consulent
entered-by-client = cliënt
answer-changed = { $count ->
    [one] Eén keer
   *[other] { $count } keer
} gewijzigd — geschiedenis tonen
answer-not-asked = niet gevraagd
administration-complete = Afronden
administration-pause = Pauzeren
administration-resume = Hervatten
administration-abandon = Stoppen zonder afronden
administration-confirm-incomplete = { $count ->
    [one] Eén vraag heeft
   *[other] { $count } vragen hebben
} geen antwoord. Toch afronden?
administration-complete-anyway = Toch afronden
result-title = Uitkomst
result-total = Totaal
result-band = Categorie
result-signal-not-diagnosis = Dit is een signaal uit een screening, geen diagnose. Bespreek het in een vervolggesprek en verwijs waar nodig naar de huisarts, de GGD of de GGZ.
direction-higher_is_worse = hoger betekent meer klachten
direction-higher_is_better = hoger betekent beter
subscale-gad2 = GAD-2 (angst)
subscale-phq2 = PHQ-2 (depressie)
rule-outcome-met = voldaan
rule-outcome-not_met = niet voldaan
rule-outcome-undetermined = niet te bepalen (antwoorden ontbreken)
rule-pcl5-dsm5_provisional = DSM-5-symptoompatroon (voorlopig)
flag-phq9-item9 = Vraag 9 (gedachten dat je beter dood kunt zijn of jezelf iets aan te doen) is boven 0 beantwoord.
flag-k10-very_high = Zeer hoge score op psychische klachten.
flag-k6-very_high = Score in het gebied van ernstige psychische klachten.
flag-pcl5-item16_risk = Risicovol gedrag gemeld (vraag 16).
flag-who5-administer_phq9 = Laag welbevinden: overweeg de PHQ-9.
band-minimal = minimaal
band-mild = licht
band-moderate = matig
band-severe = ernstig
band-moderately_severe = matig ernstig
band-none_minimal = geen of minimaal
band-normal = normaal
band-negative = negatief
band-positive = positief
band-likely_well = waarschijnlijk goed
band-mild_disorder = waarschijnlijk lichte stoornis
band-moderate_disorder = waarschijnlijk matige stoornis
band-severe_disorder = waarschijnlijk ernstige stoornis
band-geen_of_laag_risico = geen of laag risico
band-matig_risico = matig risico
band-hoog_risico = hoog risico
band-below_moderate = onder matige klachten
band-moderate_distress = matige psychische klachten
band-probable_serious_mental_illness = waarschijnlijk ernstige psychische klachten
band-below_cutoff = onder de afkapwaarde
band-provisional_ptsd = voorlopig PTSS (boven de afkapwaarde)
band-likely_depression = waarschijnlijk depressie
band-poor_wellbeing = laag welbevinden
band-above_cutoff = boven de afkapwaarde
instrument-score-complete = Volledig: totaal { $total }.
instrument-score-complete-with-skips = Volledig: totaal { $total } (vragen die het formulier overslaat tellen zoals de vragenlijst voorschrijft).
instrument-score-imputed = { $missing ->
    [one] 1 vraag ontbreekt
   *[other] { $missing } vragen ontbreken
}: aangevuld met het gemiddelde van de andere antwoorden, volgens de regel { $rule }. Totaal { $total }.
instrument-score-too-many-missing = { $missing } vragen ontbreken, meer dan de { $max_missing } die de regel { $rule } toestaat: geen totaal.
instrument-score-incomplete = { $missing ->
    [one] 1 vraag ontbreekt
   *[other] { $missing } vragen ontbreken
}: geen totaal, want deze vragenlijst heeft geen regel voor ontbrekende antwoorden.
instrument-record-only = { $answered ->
    [one] 1 antwoord
   *[other] { $answered } antwoorden
} vastgelegd.
safety-title = Veiligheidsprotocol
safety-what-to-do = Wat u nu doet
safety-step-stay = Blijf bij de cliënt. Beëindig het gesprek niet abrupt en laat de cliënt niet alleen als er mogelijk gevaar is.
safety-step-ask = Vraag rustig, via de tolk, of de cliënt nu veilig is en of hij of zij gedachten heeft om een einde aan het leven te maken.
safety-step-call = Bij acuut gevaar belt u 112. Bel anders vandaag een van de contacten hieronder, waar mogelijk met toestemming van de cliënt.
safety-step-handover = Regel een warme overdracht (huisarts, GGD, GZA), leg vast wat u deed en informeer uw leidinggevende.
safety-whom-to-call = Wie u belt
safety-no-contacts = Voor deze gemeente zijn geen contacten ingesteld. Bel bij acuut gevaar 112; vraag uw leidinggevende de contacten toe te voegen bij Instellingen.
safety-note = Wat heeft u gedaan? (niet verplicht)
safety-confirm = Ik heb het protocol gevolgd.
safety-acknowledge = Bevestigen
client-counsellor = Consulent
client-leave-label = Wachtwoordzin van de consulent
client-leave = Scherm terugnemen
chart-date = Datum
chart-sealed = { $count ->
    [one] 1 afgeronde vragenlijst is verzegeld voor de GGD en wordt niet getoond.
   *[other] { $count } afgeronde vragenlijsten zijn verzegeld voor de GGD en worden niet getoond.
}
settings-screening = Vragenlijsten
settings-sealed = Verzegeld voor de GGD
settings-sealed-hint = Afgeronde vragenlijsten van deze soorten worden verzegeld voor de GGD: consulenten zien alleen dat ze zijn ingevuld. Een wijziging geldt voor vragenlijsten die daarna starten.
settings-contacts = Wie te bellen bij een veiligheidssignaal
settings-contacts-hint = Getoond in het veiligheidsprotocol, in deze volgorde, en aan de cliënt aan het eind van een vragenlijst. Spreek ze af met de GGD.
settings-contact-name = Naam
settings-contact-phone = Telefoon
settings-contact-note = Toelichting (wanneer bellen)
settings-contact-add = Contact toevoegen
settings-saved = Opgeslagen.
settings-packs = Instrumentpakketten
settings-packs-hint = Een gemeente met een licentie voor een vragenlijst (bijvoorbeeld de RHS-15) kan hier de definitie en vertalingen importeren. Een pakket met een fout wordt in zijn geheel geweigerd.
settings-pack-imported = Pakket { $pack } van { $publisher } geïmporteerd.
error-client_view_active = Het scherm is bij de cliënt. Neem het eerst terug met uw wachtwoordzin.
error-client_view_not_active = Het scherm van de cliënt is niet meer open.
error-instrument_unknown = Deze vragenlijst is op deze laptop niet bekend, of de definitie is veranderd. Er is niets gewijzigd.
error-instrument_item_unknown = Deze vraag hoort niet bij de vragenlijst. Er is niets opgeslagen.
error-instrument_answer_invalid = Dit antwoord past niet bij de vraag. Er is niets opgeslagen.
error-instrument_language_missing = Deze vragenlijst heeft geen tekst in die taal, dus de cliënt kan hem niet zelf op het scherm invullen. Lees hem voor met de tolk.
error-instrument_counsellor_only = Dit formulier vult de consulent in, niet de cliënt op het scherm.
error-administration_closed = Deze vragenlijst is afgerond of gestopt en kan niet meer worden gewijzigd.
error-administration_sealed = Deze vragenlijst is verzegeld voor de GGD. De antwoorden worden hier niet getoond of gewijzigd.
error-sealed_instrument_without_key = Deze vragenlijst wordt verzegeld voor de GGD, maar deze laptop heeft de sleutel van de GGD nog niet. Meld de laptop eerst aan bij de server van de gemeente, of laad de sleutellijst van de gemeente op het scherm Synchronisatie. Er is nog niets ingevuld of opgeslagen.
error-sealing_failed = Het antwoord kon niet worden verzegeld voor de GGD en is daarom niet opgeslagen. Probeer het opnieuw; lukt het niet, meld het aan de IT-afdeling.
error-administration_not_yours = Deze vragenlijst is op een andere laptop gestart. Alleen die laptop legt de antwoorden vast, en wat bij de start is vastgelegd (de vragenlijst en de verzegeling) kan niet worden gewijzigd. Er is niets opgeslagen.
error-safety_flag_not_raised = Er is geen veiligheidssignaal om te bevestigen.
error-safety_contact_invalid = Elk contact heeft een naam nodig; namen, nummers en toelichtingen mogen niet te lang zijn.
error-pack_refused = Het pakket is geweigerd en er is niets geïmporteerd. De reden staat hieronder; stuur die naar wie het pakket leverde.
answer-yes = Ja
answer-no = Nee
administration-export = Exporteren (FHIR)
administration-exported = Opgeslagen als { $path }
error-export_failed = De export kon niet worden opgeslagen. Controleer of de map Downloads bestaat en ruimte heeft. In Aankomst is niets veranderd.

## Instrument results (levels, rungs, forms)

result-record-only = Alleen vastgelegd, niet gescoord.
result-category = Niveau of trede
result-category-none = niet bepaald
result-category-financiele-zelfredzaamheid-vji-2021 = Financiële zelfredzaamheid
result-category-participatieladder = Participatieladder
result-decided-by = Bepaald door
result-confirm-level = Het kader zelf bepaalt dit niveau niet; een aanvullende regel van deze vragenlijst heeft dat gedaan. Bevestig het niveau in een vervolggesprek of kies een ander niveau, en vermeld de reden.
result-choose-level = Er is geen niveau bepaald. Kies het niveau in een vervolggesprek en vermeld de reden.
result-counts = Aantal keer ‘Ja’ per niveau
result-count = { $level }: { $count }
decision-answer = het gekozen antwoord
decision-at_least = het kader: één niveau haalt de drempel
decision-several_reached_most_support = aanvullende regel: meerdere niveaus halen de drempel, dus telt het laagste niveau (meeste ondersteuning nodig)
decision-several_reached_undetermined = niet bepaald: meerdere niveaus halen de drempel
decision-none_reached_most_yes = aanvullende regel: geen niveau haalt de drempel, dus telt het niveau met de meeste keren ‘Ja’
decision-none_reached_tie_most_support = aanvullende regel: geen niveau haalt de drempel en er is een gelijke stand, dus telt het laagste niveau (meeste ondersteuning nodig)
decision-none_reached_undetermined = niet bepaald: geen niveau haalt de drempel
instrument-level-at-least = { $count } van de { $of } onderdelen met ‘Ja’ op niveau { $level } (minstens { $at_least } nodig).
instrument-level-several-most-support = Meerdere niveaus halen { $at_least } van de { $of } ({ $levels }). Volgens de aanvullende regel van deze vragenlijst telt dan het laagste niveau: { $level }.
instrument-level-several-undetermined = Meerdere niveaus halen { $at_least } van de { $of } ({ $levels }). Deze versie van de vragenlijst laat de keuze aan u.
instrument-level-none-most-yes = Geen enkel niveau haalt { $at_least } van de { $of }. Volgens de aanvullende regel van deze vragenlijst telt dan het niveau met de meeste keren ‘Ja’: { $level } ({ $count } keer).
instrument-level-none-tie-most-support = Geen enkel niveau haalt { $at_least } van de { $of }, en { $levels } hebben even vaak ‘Ja’ ({ $count } keer). Volgens de aanvullende regel van deze vragenlijst telt dan het laagste niveau: { $level }.
instrument-level-none-undetermined = Geen enkel niveau haalt { $at_least } van de { $of }. Deze versie van de vragenlijst laat de keuze aan u.
instrument-level-incomplete = { $missing ->
    [one] 1 onderdeel is
   *[other] { $missing } onderdelen zijn
} niet beantwoord: er is geen niveau bepaald.
instrument-category = Vastgelegd zoals gekozen ({ $display }); er wordt niets opgeteld.
instrument-category-missing = Niets vastgelegd: { $reason ->
    [declined] de cliënt wilde niet antwoorden
    [dont_know] onbekend
   *[other] de vraag is niet beantwoord
}.
band-onvoldoende = onvoldoende
band-beperkt = beperkt
band-voldoende = voldoende
band-participatieladder-1 = Trede 1: Geïsoleerd
band-participatieladder-2 = Trede 2: Sociale contacten buitenshuis
band-participatieladder-3 = Trede 3: Deelname georganiseerde activiteiten
band-participatieladder-4 = Trede 4: Onbetaald werk/zicht op werk
band-participatieladder-5 = Trede 5: Betaald werk met ondersteuning
band-participatieladder-6 = Trede 6: Betaald werk zonder ondersteuning

## Termijnen

nav-deadlines = Termijnen
nav-deadlines-badge = { $count ->
    [one] 1 termijn vraagt aandacht
   *[other] { $count } termijnen vragen aandacht
}
deadlines-title = Termijnen
deadlines-intro = Termijnen van alle lopende trajecten die verlopen zijn of binnenkort verlopen (binnen { $days } dagen). Stand op { $date }.
deadlines-overdue = Verlopen
deadlines-due-soon = Binnenkort
deadlines-none-overdue = Geen verlopen termijnen.
deadlines-none-due-soon = Geen termijnen die binnenkort verlopen.
deadlines-missing = Datum ontbreekt
deadlines-missing-hint = Van deze trajecten is een termijn niet te berekenen, omdat een datum ontbreekt. Open de cliënt en vul de datum in.
deadlines-none-missing = Geen ontbrekende datums.
deadlines-col-client = Cliënt
deadlines-col-kind = Termijn
deadlines-col-due = Uiterlijk
deadlines-col-state = Stand
deadline-kind-pip = PIP vaststellen
deadline-kind-route_change_window = Laatste dag voor een routewijziging
deadline-kind-ontzorgen_follow_up = Ontzorgen: nabellen (maand 3)
deadline-kind-ontzorgen_decision = Ontzorgen: besluit over voortzetten (maand 5)
deadline-kind-ontzorgen_end = Ontzorgen: einde
deadline-state-met = Op tijd
deadline-state-met_late = Te laat gedaan
deadline-state-open = Open
deadline-state-due_soon = Binnenkort
deadline-state-overdue = Verlopen
deadline-state-passed = Voorbij
deadline-state-unknown = Onbekend
deadline-days-left = { $days ->
    [0] vandaag
    [one] nog 1 dag
   *[other] nog { $days } dagen
}
deadline-days-late = { $days ->
    [one] 1 dag over tijd
   *[other] { $days } dagen over tijd
}
deadline-done-on = gedaan op { $date }
deadline-missing-koppeling_date = onbekend — vul de datum van koppeling in
deadline-missing-intake_started_on = onbekend — vul de startdatum van de brede intake in
deadline-missing-pip_decided_on = begint bij het vaststellen van het PIP
deadline-missing-ontzorgen_started_on = onbekend — vul de startdatum van ontzorgen in
case-deadlines = Termijnen
field-ontzorgen_started_on = Ontzorgen gestart op
field-ontzorgen_follow_up_on = Ontzorgen nagebeld op (maand 3)
field-ontzorgen_decided_on = Besluit over voortzetten ontzorgen op (maand 5)
deadline-settings-title = Termijnen van de gemeente
deadline-settings-pip-weeks = PIP vaststellen binnen (weken)
deadline-settings-pip-start = De PIP-termijn loopt vanaf
deadline-settings-pip-start-koppeling = de datum van koppeling
deadline-settings-pip-start-intake_start = de start van de brede intake
deadline-settings-pip-start-hint = De wet noemt tien weken, maar niet vanaf welk moment; kies wat jullie gemeente aanhoudt.
deadline-settings-route-change-months = Routewijziging mogelijk tot (maanden na het PIP)
deadline-settings-ontzorgen-months = Ontzorgen duurt (maanden)
deadline-settings-ontzorgen-follow-up-month = Nabellen in maand
deadline-settings-ontzorgen-decision-month = Besluit over voortzetten in maand
deadline-settings-due-soon-days = „Binnenkort” betekent binnen (dagen)
deadline-settings-save = Termijnen opslaan
deadline-settings-saved = Termijnen opgeslagen.
error-deadline_terms_invalid = Deze termijnen kloppen niet: kies 1 tot 52 weken voor het PIP, 0 tot 90 dagen voor „binnenkort” en een nabelmaand die niet na de besluitmaand ligt.

# Audit trail (NEN 7513)
audit-title = Wie heeft dit dossier ingezien?
audit-explained = Elke keer dat gegevens van deze cliënt op dit apparaat zijn bekeken, gewijzigd, geëxporteerd of afgedrukt. Het logboek is een hashketen: een verwijderde of gewijzigde regel valt op.
audit-when = Wanneer
audit-who = Wie
audit-action = Handeling
audit-what = Wat
audit-empty = Nog niets vastgelegd.
audit-action-read = bekeken
audit-action-write = gewijzigd
audit-action-export = geëxporteerd
audit-action-print = afgedrukt
audit-object-client = persoonsgegevens
audit-object-case = traject
audit-object-conversation = gesprek
audit-object-administration = vragenlijst
audit-object-household = huishouden
audit-object-audit-export = logboek (export)
audit-team-explained = Op het apparaat van een supervisor: de regels van alle apparaten van het team over deze cliënt, zoals ze bij de laatste synchronisatie zijn opgehaald, met per apparaat of de hashketen klopt.
audit-device = Apparaat
audit-on-behalf = Namens
audit-from = Van
audit-to = Tot en met
audit-actions = Handelingen
audit-search = Zoeken
audit-export = Exporteren als CSV
audit-export-dir = Map om de CSV in op te slaan
audit-export-dir-hint = Een volledig pad, bijvoorbeeld /home/marieke/Documenten. Leeg: de map Downloads.
audit-exported = Opgeslagen: { $path }
audit-chains = Hashketen per apparaat
audit-chain-own = dit apparaat
audit-chain-intact = klopt ({ $entries } regels)
audit-chain-broken = gebroken: { $reason }
audit-chain-conflicts = { $count } tegenstrijdige regels ontvangen
audit-found = { $count } regels gevonden
error-audit_supervisor_only = Alleen op het apparaat van een supervisor is het logboek van het hele team te doorzoeken.
error-audit_period_reversed = De einddatum ligt vóór de begindatum. Kies een periode die klopt.
error-export_directory_invalid = Die map bestaat niet. Vul het volledige pad van een bestaande map in, of laat het veld leeg voor de map Downloads.
sync-outcome-audit_verified = logboekregel gecontroleerd
sync-outcome-audit_stored = logboekregel bewaard
sync-outcome-audit_already_held = logboekregel al aanwezig
sync-outcome-audit_conflict = tegenstrijdige logboekregel
## Brede intake: gespreksleidraad, geld en ontzorgen, huishouden
guide-topic-learnability = Leerbaarheid (leerbaarheidstoets)
guide-topic-education_work_origin = Opleiding en werkervaring in land van herkomst
guide-topic-personal_circumstances = Persoonlijke omstandigheden en gezondheid
guide-topic-household = Huishouden en gezinshereniging
guide-topic-housing = Wonen
guide-topic-money = Geld
guide-topic-health = Gezondheid en zorg
guide-topic-language = Taal en geletterdheid
guide-topic-digital = Digitale vaardigheden
guide-topic-education = Onderwijs
guide-topic-work = Werk
guide-topic-ambitions = Ambities
guide-topic-childcare = Kinderopvang en zorgtaken
guide-topic-social_network = Sociaal netwerk
guide-topic-participation = Participatie
guide-field-lbt_result = Resultaat leerbaarheidstoets
guide-field-lbt_taken_on = Datum toets
guide-field-deviation_reason = Reden om van de uitslag af te wijken
guide-field-highest_level = Hoogst afgeronde opleiding
guide-field-years_of_schooling = Jaren onderwijs
guide-field-diploma = Diploma
guide-field-education_country = Land van de opleiding
guide-field-occupations = Beroepen
guide-field-years_of_work = Jaren werkervaring
guide-field-work_interests = Mogelijkheden en interesses in werk
guide-field-physical_health = Lichamelijke gezondheid
guide-field-mental_health = Psychische gezondheid
guide-field-capacity = Belastbaarheid
guide-field-referrals = Verwijzingen
guide-field-other_circumstances = Andere omstandigheden
guide-field-household_type = Samenstelling huishouden
guide-field-family_reunification = Gezinshereniging
guide-field-money_managed_by = Wie regelt het geld
guide-field-housing_situation = Woonsituatie
guide-field-rental_contract = Huurcontract getekend
guide-field-moved_in_on = Verhuisd op
guide-field-benefit_started_on = Bijstand gestart op
guide-field-bank_account = Bankrekening
guide-field-debts = Schulden
guide-field-gp_registered = Ingeschreven bij huisarts
guide-field-health_insurance = Zorgverzekering geregeld
guide-field-care_received = Zorg of hulp die nu loopt
guide-field-literacy_own_script = Lezen en schrijven in eigen schrift
guide-field-literacy_latin_script = Lezen en schrijven in Latijns schrift
guide-field-dutch_level = Nederlands
guide-field-english_level = Engels
guide-field-learned_other_language = Eerder een andere taal geleerd
guide-field-smartphone = Smartphone
guide-field-laptop_experience = Ervaring met laptop
guide-field-email_address = E-mailadres
guide-field-digid = DigiD
guide-field-wants_education = Wil een opleiding volgen
guide-field-diploma_evaluation = Diplomawaardering
guide-field-working_now = Werkt nu
guide-field-volunteering = Vrijwilligerswerk
guide-field-hours_available = Beschikbaarheid
guide-field-ambition = Ambitie of droom
guide-field-route_preference = Voorkeur leerroute
guide-field-children_needing_care = Kinderen die opvang nodig hebben
guide-field-childcare = Kinderopvang
guide-field-care_duties = Zorgtaken
guide-field-network_in_nl = Netwerk in Nederland
guide-field-contacts = Contacten
guide-field-ladder_step = Participatieladder
guide-field-activities = Activiteiten
guide-option-no_schooling = Geen opleiding
guide-option-primary = Basisonderwijs
guide-option-secondary = Voortgezet onderwijs (vmbo, havo, vwo)
guide-option-vocational = Beroepsonderwijs (mbo)
guide-option-higher = Hoger onderwijs (hbo, wo)
guide-option-unknown = Onbekend
guide-option-literate = Geletterd
guide-option-limited = Beperkt
guide-option-none = Geen
guide-option-average = Gemiddeld
guide-option-fluent = Vloeiend
guide-option-full = Volledig
guide-option-strongly_limited = Sterk beperkt
guide-option-couple_without_children = Paar zonder kinderen
guide-option-couple_with_children = Paar met kinderen
guide-option-single_without_children = Alleenstaand zonder kinderen
guide-option-single_parent = Alleenstaande ouder
guide-option-wish = Wens
guide-option-applied = Aangevraagd
guide-option-granted = Toegekend
guide-option-arrived = Gezin is er
guide-option-self = Zelf
guide-option-partner = Partner
guide-option-together = Samen
guide-option-other = Anders
guide-option-coa = Opvang COA
guide-option-housed = Eigen woning
guide-option-temporary = Tijdelijke woonruimte
guide-option-some = Enkele
guide-option-problematic = Problematisch
guide-option-basic = Basis
guide-option-good = Goed
guide-option-not_needed = Niet nodig
guide-option-to_request = Nog aanvragen
guide-option-requested = Aangevraagd
guide-option-done = Afgerond
guide-option-not_available = Niet beschikbaar
guide-option-part_time = Deeltijd
guide-option-full_time = Voltijd
guide-option-b1 = B1-route
guide-option-onderwijs = Onderwijsroute
guide-option-z = Z-route
guide-option-undecided = Nog geen voorkeur
guide-option-needed = Nodig
guide-option-waiting = Op wachtlijst
guide-option-arranged = Geregeld
guide-option-1 = 1 Geïsoleerd
guide-option-2 = 2 Sociale contacten buitenshuis
guide-option-3 = 3 Deelname georganiseerde activiteiten
guide-option-4 = 4 Onbetaald werk / zicht op werk
guide-option-5 = 5 Betaald werk met ondersteuning
guide-option-6 = 6 Betaald werk zonder ondersteuning
value-yes = Ja
value-no = Nee
guide-title = Gespreksleidraad brede intake
guide-overview-link = Klaar voor PIP?
guide-summary = { $done } van { $total } onderwerpen afgerond · { $missing ->
    [0] alle verplichte onderdelen gedaan
    [one] nog 1 verplicht onderdeel open
   *[other] nog { $missing } verplichte onderdelen open
}
guide-mandatory = Verplicht onderdeel
guide-mandatory-short = verplicht
guide-discussed-in = Besproken op:
guide-lbt-linked = Afgerond: resultaat leerbaarheidstoets vastgelegd (bekijken)
guide-status-legend = Stand in dit gesprek
guide-status-not_started = Nog niet besproken
guide-status-to_do = Nog te doen
guide-status-covered = Besproken
guide-status-not_applicable = Niet van toepassing
guide-reason = Reden
guide-reason-required = Reden (verplicht bij een verplicht onderdeel)
guide-earlier = Eerder vastgelegd: { $value }
guide-notes = Aantekeningen bij dit onderwerp
guide-save = Onderwerp opslaan
guide-cancel = Annuleren
guide-remove = Uit dit gesprek halen
intake-back = Terug naar { $name }
intake-title = Brede intake van { $name }
intake-ready = Klaar voor het PIP-gesprek: alle verplichte onderdelen zijn gedaan.
intake-not-ready = Nog niet klaar voor het PIP: { $count ->
    [one] 1 verplicht onderdeel ontbreekt
   *[other] { $count } verplichte onderdelen ontbreken
}.
intake-progress = { $done } van { $total } onderwerpen afgerond, { $missing } open, verspreid over { $conversations } gesprekken. Wat ontbreekt staat bovenaan.
intake-links-label = Intake, geld en huishouden
money-back = Terug naar de cliënt
money-title = Geld en ontzorgen
money-intro = De gemeente betaalt de vaste lasten uit de bijstand, zes maanden vanaf de start van de bijstand. Bij een huishouden: één keer vastleggen, bij de partner die de uitkering ontvangt.
money-period = Ontzorgen
money-save = Opslaan
money-ends = Einde na { $months } maanden
money-income = Inkomen per maand
money-benefit = Bijstand (netto)
money-other-income = Ander inkomen
money-leefgeld = Leefgeld
money-leefgeld-explained = Inkomen { $income } + ontvangen toeslagen { $received } − ingehouden vaste lasten { $withheld }
money-leefgeld-expected = Als alle aangevraagde toeslagen binnen zijn: { $amount }
money-leefgeld-negative = De vaste lasten zijn hoger dan het inkomen: een voorschot is nodig.
money-incomplete = { $count ->
    [one] 1 vaste last heeft nog geen bedrag: het leefgeld is nog niet volledig.
   *[other] { $count } vaste lasten hebben nog geen bedrag: het leefgeld is nog niet volledig.
}
money-leefgeld-needs-benefit = Vul de bijstand in om het leefgeld te berekenen.
money-costs = Vaste lasten
money-cost = Vaste last
money-cost-rent = Huur
money-cost-energy = Energie
money-cost-water = Water
money-cost-health_insurance = Zorgverzekering
money-cost-internet = Internet
money-cost-phone = Telefoon
money-amount = Bedrag
money-amount-monthly = Bedrag per maand (€)
money-creditor = Aan wie
money-state = Stand
money-phase-out = Afbouw vanaf
money-state-to_arrange = Nog regelen
money-state-authorisation_signed = Machtiging getekend
money-state-direct_debit_stopped = Incasso stopgezet
money-state-payment_running = Betaling loopt
money-state-phased_out = Afgebouwd: cliënt betaalt zelf
money-state-ended = Beëindigd
money-state-client_pays = Cliënt betaalt zelf
money-warning-double_payment_risk = Incasso niet gestopt: kans op dubbele betaling
money-warning-no_phase_out_planned = Nog geen afbouwdatum
money-warning-phase_out_after_end = Afbouw na einde ontzorgen: besluit over voortzetten nodig
money-warning-nobody_paying = Al meer dan een maand geregeld maar de betaling loopt nog niet
money-edit = Wijzigen
money-authorised_on = Machtiging getekend op
money-direct_debit_stopped_on = Incasso stopgezet op
money-payment_started_on = Betaling door gemeente vanaf
money-phase_out_on = Afbouw: cliënt betaalt zelf vanaf
money-ended_on = Beëindigd op
money-no_direct_debit = Er liep geen incasso
money-client_pays = Cliënt betaalt dit zelf (niet ontzorgd)
money-allowances = Toeslagen
money-allowance = Toeslag
money-applied_on = Aangevraagd op
money-received_on = Eerste betaling op
money-allowance-zorgtoeslag = Zorgtoeslag
money-allowance-huurtoeslag = Huurtoeslag
money-allowance-kinderopvangtoeslag = Kinderopvangtoeslag
money-allowance-kindgebonden_budget = Kindgebonden budget
money-allowance-state-not_applied = Niet aangevraagd
money-allowance-state-applied = Aangevraagd
money-allowance-state-received = Ontvangen
money-allowance-state-not_applicable = Niet van toepassing
money-allowance-late = Na 3 maanden nog niets ontvangen
money-allowance-not-applicable = Geen recht op deze toeslag
money-projection = Leefgeld per maand tijdens ontzorgen
money-month = Maand
money-withheld = Ingehouden
money-leefgeld-now = Leefgeld
money-leefgeld-expected-short = Met aangevraagde toeslagen
money-measurements = Financiële zelfredzaamheid
money-measurements-none = Nog niet gemeten. Neem de vragenlijst financiële zelfredzaamheid af in een gesprek.
money-measurement-first = Eerste meting
money-measurement-repeat = Herhaalmeting { $n }
money-level-onvoldoende = Onvoldoende zelfredzaam
money-level-beperkt = Beperkt zelfredzaam
money-level-voldoende = Voldoende zelfredzaam
money-level-none = Geen niveau (nog niet afgerond)
money-level-confirm = Niveau bevestigen (gelijke stand)
household-back = Terug naar de cliënt
household-title = Huishouden
household-view-link = Huishouden bekijken
household-member = Gezinslid
household-arrival = Nareiziger
household-intake = Eigen intake
household-pip = Traject en PIP
household-ontzorgen = Ontzorgen
household-alert-no_intake = Volwassene zonder intake
household-alert-intake_not_started = Intake nog niet begonnen
household-alert-not_arrived = Nog niet aangekomen
household-nareiziger = Nareiziger
household-arrived = Aangekomen op { $date }
household-expected = Verwacht op { $date }
household-not-arrived = Nog niet aangekomen, datum onbekend
household-expected-on = Verwacht op
household-guide = { $done } van { $total } onderwerpen
household-minor = Minderjarig: geen eigen intake
household-pip-decided = PIP vastgesteld op { $date }
household-pip-none = Nog geen PIP
household-ontzorgen-period = { $start } tot { $end }
household-ontzorgen-costs = { $count ->
    [one] 1 vaste last betaald
   *[other] { $count } vaste lasten betaald
}
household-ontzorgen-warnings = { $count ->
    [one] 1 waarschuwing
   *[other] { $count } waarschuwingen
}
household-money-note = Ieder volwassen gezinslid heeft een eigen intake en PIP. De bijstand en het ontzorgen gelden voor het huishouden en staan bij de partner die de uitkering ontvangt.
error-guide_topic_unknown = Dit onderwerp bestaat niet in de gespreksleidraad.
error-money_kind_unknown = Deze vaste last of toeslag is onbekend.
error-no_case = Deze cliënt heeft nog geen traject. Open eerst een traject.
field-error-amount_shape = Vul een bedrag in euro's in, bijvoorbeeld 612,50.
field-error-amount_too_precise = Een bedrag heeft hooguit twee cijfers achter de komma.
field-error-amount_out_of_range = Dit bedrag is te hoog (hooguit € 100.000 per maand).
guide-error-reason-needed = Geef een reden: een verplicht onderdeel kan alleen met een reden op „niet van toepassing” staan.
intake-group-missing = Ontbreekt nog ({ $count })
intake-group-done = Afgerond ({ $count })

## Client-facing view: languages, interpreter, review status (issue 7)
review-source = brontekst
review-untranslated = geen vertaling: brontekst getoond
client-view-interpreter = Tolkweergave
client-view-interpreter-for = Voor de tolk ({ $language })
client-view-review = Vertaling: vragen { $questions } · knoppen { $controls }
client-view-fallback = Ontbreekt in deze taal; getoond in het { $language }
client-view-languages = Taal van de vragen
administration-language-changes = Talen tijdens de afname
answer-language = getoond in het { $language }
client-view-controls-fallback = niet in deze taal, getoond in het { $language }

# Sync with the municipal server
nav-sync = Synchronisatie
nav-sync-locked = vergrendeld
nav-sync-unsynced = { $count ->
    [one] 1 wijziging nog niet op de server
   *[other] { $count } wijzigingen nog niet op de server
}
sync-title = Synchronisatie met de gemeentelijke server
sync-enrol-title = Deze laptop aanmelden
sync-enrol-explained = Je supervisor geeft je een eenmalige code. Het serveradres, de gemeente-id, de hoofdsleutel van de gemeente en het servercertificaat krijg je van de IT-afdeling, op papier of een USB-stick — nooit via de server zelf. Alles wat de laptop verstuurt is versleuteld; de server kan het niet lezen.
sync-server-url = Serveradres
sync-tenant = Gemeente-id
sync-root-key = Hoofdsleutel van de gemeente
sync-code = Eenmalige code
sync-certificate = Servercertificaat (PEM)
sync-certificate-file = …of kies het certificaatbestand
sync-enrol-submit = Aanmelden
sync-pin-title = De sleutel van de GGD
sync-pin-explained = Verzegelde vragenlijsten (zoals de K10) worden bij elk antwoord verzegeld voor de GGD. Daarvoor heeft deze laptop de sleutellijst van de gemeente nodig. Die komt mee bij het aanmelden; wie eerder wil beginnen, laadt hier de hoofdsleutel en het bestand recipients.json van de IT-afdeling. Aanmelden kan daarna alleen bij dezelfde gemeente.
sync-pin-list-file = Sleutellijst van de gemeente (recipients.json)
sync-pin-submit = Sleutellijst laden
sync-pin-done = De sleutel van de GGD staat op deze laptop: verzegelde vragenlijsten worden bij elk antwoord voor de GGD verzegeld.
sync-status-title = Status
sync-last-check-in = Laatste contact met de server
sync-unsynced = Nog niet op de server
sync-role = Rol
sync-role-counsellor = klantbegeleider
sync-role-supervisor = supervisor
sync-fingerprint = Vingerafdruk
sync-certification = Certificaat
sync-certified = gecertificeerd: het team neemt de wijzigingen van deze laptop over
sync-not-certified = nog niet gecertificeerd: een supervisor certificeert deze laptop bij het geven van de teamsleutel (de eerste supervisor: de IT-afdeling, met de sleutel hieronder)
sync-device-key = Apparaatsleutel (voor de IT-afdeling)
sync-button = Nu synchroniseren
sync-running = Bezig met synchroniseren…
sync-phase-push = Versturen
sync-phase-pull = Ophalen
sync-progress-records = { $records } records
sync-report = Klaar: { $pushed } verstuurd ({ $pushedKb } kB), { $pulled } opgehaald ({ $pulledKb } kB). Alles wat verstuurd is, heeft een ontvangstbewijs van de server.
sync-report-sealed = { " " }{ $count } verzegeld voor de GGD: bewaard, niet te openen op deze laptop.
sync-report-refused = { " " }{ $count } geweigerd omdat de handtekening niet klopte; meld dit aan de IT-afdeling.
sync-waiting-team-key = Deze laptop wacht op de teamsleutel van je supervisor. Tot dan wordt er niets uitgewisseld. Vergelijk deze vingerafdruk met wat je supervisor ziet: { $fingerprint }
sync-offline-locked = Deze laptop is langer dan { $days } dagen niet gesynchroniseerd. Cliëntgegevens zijn vergrendeld tot de volgende synchronisatie. Neem de laptop mee naar kantoor en synchroniseer; je supervisor kan helpen.
sync-conflicts-title = { $count ->
    [one] 1 conflict om op te lossen
   *[other] { $count } conflicten om op te lossen
}
sync-conflicts-explained = Dit veld is op twee apparaten tegelijk gewijzigd. Beide versies zijn bewaard; kies welke klopt.
sync-conflict-choose = Kies
sync-conflict-cleared = (leeggemaakt)
sync-pending-title = Apparaten die wachten op de teamsleutel
sync-pending-none = Geen apparaten wachten.
sync-fingerprint-typed = Vingerafdruk zoals de nieuwe laptop hem toont
sync-grant = Teamsleutel geven
sync-ledger-title = Logboek
sync-ledger-empty = Nog niets verstuurd of opgehaald.
sync-ledger-when = Wanneer
sync-ledger-direction = Richting
sync-ledger-what = Wat
sync-ledger-outcome = Resultaat
sync-ledger-receipt = Ontvangstbewijs
sync-direction-pushed = verstuurd
sync-direction-pulled = opgehaald
sync-outcome-receipted = ontvangen door server
sync-outcome-applied = verwerkt
sync-outcome-already_held = al aanwezig
sync-outcome-sealed_not_for_this_device = verzegeld, niet voor deze laptop
sync-outcome-own_envelope = eigen wijziging
sync-outcome-refused = geweigerd
sync-lock-days-title = Vergrendelen zonder synchronisatie
sync-lock-days = Vergrendel cliëntgegevens na zoveel dagen zonder synchronisatie
start-locked-wiped = Deze laptop is ingetrokken door je supervisor. De gegevens en sleutels op deze laptop zijn vernietigd. Neem contact op met je supervisor.
error-offline_locked = Deze laptop is te lang niet gesynchroniseerd; cliëntgegevens zijn vergrendeld. Ga naar Synchronisatie en synchroniseer.
error-sync_unreachable = De server is niet bereikbaar. Controleer de netwerkverbinding en probeer het later opnieuw; er is niets verloren gegaan.
error-sync_refused = De server weigerde het verzoek ({ $code }). Er is niets verloren gegaan; neem contact op met de IT-afdeling als dit blijft gebeuren.
error-sync_revoked = Deze laptop is ingetrokken.
error-sync_revocation_unverified = De server weigert deze laptop als ingetrokken, maar toont geen intrekking die een supervisor heeft ondertekend. Er is niets gewist en niets verloren gegaan. Meld dit aan je supervisor en de IT-afdeling.
error-sync_not_certified = Een supervisor heeft deze laptop nog niet gecertificeerd. Vraag je supervisor de vingerafdruk te vergelijken en de teamsleutel te geven; er is niets verloren gegaan.
error-sync_not_certified_supervisor = Deze laptop is geen gecertificeerde laptop van een supervisor en kan dus geen apparaat certificeren, intrekken of een andere rol geven.
error-sync_unknown_author = De server bood wijzigingen aan van een apparaat dat geen supervisor heeft gecertificeerd. Ze zijn niet overgenomen; er is niets verloren gegaan. Meld dit aan de IT-afdeling.
error-sync_rate_limited = De server is even druk. Probeer het over { $seconds } seconden opnieuw.
error-sync_recipients_refused = De sleutellijst van de server is niet ondertekend met de hoofdsleutel van de gemeente. Er is niets verstuurd. Meld dit meteen aan de IT-afdeling.
error-sync_no_recipient_list = De gemeente heeft op de server nog geen sleutellijst ingesteld. Vraag de IT-afdeling dit te doen.
error-sync_team_key_missing = Deze laptop heeft de teamsleutel nog niet. Vraag je supervisor hem te geven.
error-sync_not_enrolled = Deze laptop is nog niet aangemeld bij de server.
error-sync_already_enrolled = Deze laptop is al aangemeld.
error-sync_cannot_grant = Alleen de laptop van een supervisor kan de teamsleutel geven.
error-fingerprint_mismatch = De vingerafdruk klopt niet met dat apparaat. Neem hem over van het scherm van de nieuwe laptop; de teamsleutel is niet gegeven.
error-sync_bad_settings = Het serveradres of het certificaat is niet bruikbaar. Controleer wat je hebt ingevuld.
error-sync_bad_lock_days = Kies een aantal dagen van 1 tot en met 365.
error-sync_failed = Synchroniseren is mislukt. Er is niets verloren gegaan; probeer het opnieuw.
error-conflict_gone = Dit conflict is al opgelost.
sync-import-title = Teamsleutel invoeren (eerste supervisor)
sync-import-explained = De eerste supervisor voert de teamsleutel in die bij de sleutelceremonie van de gemeente is gemaakt. Andere laptops krijgen hem daarna van een supervisor.
sync-import-secret = Teamsleutel (geheim)
sync-import-submit = Invoeren
error-sync_team_key_invalid = Dit is niet de teamsleutel van deze gemeente. Controleer wat je hebt ingevoerd.
## Toestemming (consent register)

consent-title = Toestemming
consent-intro = Toestemming geldt per doel en per ontvanger. Zonder gegeven toestemming deelt of exporteert Aankomst niets.
consent-purpose-share_screening_results = Uitkomsten van vragenlijsten delen
consent-purpose-share_intake_summary = Samenvatting van de brede intake delen
consent-purpose-exchange_information = Informatie uitwisselen
consent-purpose-share_pip_copy = Kopie van het PIP sturen
consent-recipient-ggd = GGD
consent-recipient-huisarts = huisarts
consent-recipient-vwn = VluchtelingenWerk
consent-recipient-language_provider = taalaanbieder
consent-recipient-coa = COA
consent-recipient-duo = DUO
consent-recipient-with = met: { $recipient }
consent-state-never_asked = Nog niet gevraagd
consent-state-given = Gegeven op { $date }
consent-state-refused = Geweigerd op { $date }
consent-state-withdrawn = Ingetrokken op { $date }
consent-decision-given = Gegeven
consent-decision-refused = Geweigerd
consent-decision-withdrawn = Ingetrokken
consent-review-unreviewed = Vertaling niet gecontroleerd
consent-review-reviewed = Vertaling gecontroleerd
consent-review-source = Brontekst
consent-ask = Toestemming vragen
consent-ask-title = Toestemming vragen
consent-withdraw = Intrekken
consent-withdraw-title = Toestemming intrekken
consent-withdraw-explain = De cliënt trekt de toestemming in voor „{ $purpose }” met { $recipient }. Vanaf de datum hieronder wordt niets meer gedeeld.
consent-withdraw-date = Ingetrokken op
consent-history = Geschiedenis ({ $count })
consent-text-version = tekst versie { $version }
consent-shown-in = getoond in het { $language }
consent-via-interpreter = via { $mode } ({ $name })
consent-understood = vraag goed begrepen
consent-not-understood = vraag niet goed beantwoord
consent-language = Taal van de cliënt
consent-date = Datum
consent-no-translation = Deze tekst is er niet in het { $language }. De tolk vertaalt de Nederlandse tekst mondeling; vastgelegd wordt dat de Nederlandse tekst is getoond.
consent-interpreter = Tolk
consent-interpreter-from = Tolk uit het gesprek
consent-interpreter-named = Geen gesprek: tolk hieronder vastleggen
consent-comprehension = Controlevraag (laat de cliënt in eigen woorden antwoorden)
consent-comprehension-hint = Toestemming kan alleen worden vastgelegd als de cliënt de controlevraag goed beantwoordt. Leg het anders nog eens uit.
consent-decide-given = Toestemming gegeven
consent-decide-refused = Toestemming geweigerd
error-consent_missing = Niet gedeeld: de cliënt heeft geen toestemming gegeven om dit met { $recipient ->
    [ggd] de GGD
    [huisarts] de huisarts
    [vwn] VluchtelingenWerk
    [language_provider] de taalaanbieder
    [coa] het COA
    [duo] DUO
   *[other] deze ontvanger
  } te delen ({ $reason ->
    [refused] de cliënt heeft geweigerd
    [withdrawn] de cliënt heeft de toestemming ingetrokken
   *[never_asked] er is nog geen toestemming gevraagd
  }). Vraag toestemming bij de cliënt, onder Toestemming. Er is niets opgeslagen of verstuurd.
error-consent_rule = { $rule ->
    [not_understood] De controlevraag is niet goed beantwoord. Leg het nog eens uit en stel de vraag opnieuw; pas dan kan de toestemming worden vastgelegd.
    [future_date] De datum ligt in de toekomst. Kies vandaag of een eerdere datum.
    [before_last_decision] De datum ligt voor de laatste beslissing over deze toestemming. Kies die datum of een latere.
    [nothing_to_withdraw] Er is op die datum geen gegeven toestemming om in te trekken.
   *[other] Deze beslissing kan niet worden vastgelegd.
  } Er is niets opgeslagen.
error-consent_text_unknown = Deze toestemmingstekst is niet bekend. Er is niets opgeslagen.
error-consent_language_missing = Deze tekst is er niet in die taal. Kies Nederlands en laat de tolk vertalen.
error-record_not_editable = Dit gegeven kan niet zo worden gewijzigd. Er is niets opgeslagen.
administration-export-recipient = Voor
field-error-too_many_subgoals = Een PIP heeft hoogstens zes subdoelen. Voeg doelen samen of kies de belangrijkste zes. Er is niets opgeslagen.
field-error-not_a_png = De handtekening kon niet worden gelezen. Zet hem opnieuw. Er is niets opgeslagen.

## PIP

plan-summary-title = PIP
plan-none = Nog geen PIP.
plan-start = PIP opstellen
plan-continue-draft = Concept-PIP openen
plan-new-version = Nieuwe versie maken
plan-title = PIP van { $name }
plan-version = Versie { $version }
plan-versions = Versies
plan-draft = concept
plan-fixed-on = Vastgesteld op { $date } door { $by }
plan-fixed-short = vastgesteld { $date }
plan-back-to-client = Terug naar de cliënt
plan-saved = Opgeslagen
plan-choose = — kies —
plan-yes = Ja
plan-no = Nee
plan-remove = Verwijderen
plan-section-route = Leerroute en onderdelen
plan-route = Leerroute
plan-route-b1 = B1-route
plan-route-onderwijs = Onderwijsroute
plan-route-z = Z-route (zelfredzaamheidsroute)
plan-route-previous = Route in de vorige vastgestelde versie: { $route }.
plan-route-window = Een routewijziging kan één keer, tot en met { $last_day } (gebruikt: { $used }).
plan-route-change-reason = Reden van de routewijziging
plan-route-change-save = Route wijzigen
plan-route-refusal-already_changed = De route is al een keer gewijzigd. De wet staat maar één wijziging toe.
plan-route-refusal-window_closed = De route kan alleen worden gewijzigd tot en met { $last_day } (18 maanden na het eerste PIP). Die termijn is voorbij.
plan-route-refusal-no_pip_decision = Er is nog geen vastgesteld PIP.
plan-route-refusal-before_pip_decision = De datum ligt voor het eerste PIP.
plan-rule-reason_missing = Een routewijziging heeft een reden nodig: het PIP is een besluit waartegen bezwaar kan worden gemaakt. Schrijf de reden op en probeer het opnieuw.
plan-rule-already_fixed = Deze versie is vastgesteld en kan niet meer worden gewijzigd. Maak een nieuwe versie.
plan-rule-incomplete = Het PIP is nog niet compleet. Vul eerst in wat hieronder ontbreekt.
plan-rule-future_date = De datum van vaststelling ligt in de toekomst.
plan-rule-before_previous_version = De datum ligt voor de vaststelling van de vorige versie.
plan-rule-in_review = Deze versie ligt ter beoordeling bij de leidinggevende en kan nu niet veranderen.
plan-rule-approved = Deze versie is goedgekeurd en kan niet meer veranderen. Maak een nieuwe versie.
plan-rule-superseded = Een nieuwere versie heeft deze vervangen.
plan-rule-not_submittable = Alleen een concept of een teruggestuurde versie kan ter beoordeling worden aangeboden.
plan-rule-not_in_review = Deze versie ligt niet (meer) ter beoordeling.
plan-rule-not_approved = Alleen van een goedgekeurde versie kan hier een nieuwe versie worden gemaakt.
plan-rule-not_supervisor = Alleen het apparaat van een leidinggevende kan een PIP goedkeuren of terugsturen.
plan-rule-comment_missing = Schrijf op wat er moet veranderen voordat u het PIP terugstuurt.
plan-rule-review_required = Het PIP kan pas worden vastgesteld als de leidinggevende het heeft goedgekeurd. Bied het eerst ter beoordeling aan.
plan-rule-approval_changed = Deze versie is veranderd nadat de leidinggevende haar goedkeurde. Maak een nieuwe versie en bied die opnieuw aan.
plan-map = MAP (Module Arbeidsmarkt en Participatie)
plan-map-included = Volgt de MAP
plan-map-exempt = Vrijstelling
plan-map-note = Toelichting MAP
plan-pvt-note = PVT (participatieverklaringstraject): uitwerking
plan-ontzorgen = Ontzorgen
plan-ontzorgen-yes = Ja
plan-ontzorgen-no = Nee
plan-ontzorgen-not_applicable = Niet van toepassing
plan-ontzorgen-note = Afspraken over ontzorgen
plan-social-guidance = Maatschappelijke begeleiding
plan-social-guidance-by = Begeleiding door
plan-section-goals = Doelen en acties
plan-main-goal = Hoofddoel
plan-subgoal = Subdoel { $n }
plan-add-subgoal = Subdoel toevoegen
plan-subgoal-limit = Een PIP heeft hoogstens zes subdoelen.
plan-action-party = Wie
plan-action-partner = Partner
plan-action = Actie
plan-action-due = Datum
plan-add-action = Actie toevoegen
plan-party-client = Cliënt
plan-party-municipality = Gemeente
plan-party-partner = Partner
plan-section-reviews = Voortgangsgesprekken
plan-reviews-hint = De geplande voortgangsgesprekken staan na vaststelling bij de termijnen.
plan-review-date = Datum voortgangsgesprek
plan-review-note = Toelichting
plan-add-review = Voortgangsgesprek toevoegen
plan-section-motivering = Motivering
plan-motivering-hint = Het PIP is een besluit waartegen bezwaar kan worden gemaakt: schrijf op waarom deze route en deze afspraken passen, en verwijs naar de bevindingen uit de intake.
plan-findings = Bevindingen uit de intake
plan-findings-none = Nog geen vragenlijsten of gesprekken om naar te verwijzen.
plan-finding-detail-completed = afgerond
plan-finding-detail-in_progress = bezig
plan-finding-detail-paused = gepauzeerd
plan-finding-detail-abandoned = gestopt
plan-finding-detail-notes = met aantekeningen
plan-finding-detail-no_notes = zonder aantekeningen
plan-instrument-leerbaarheidstoets = Leerbaarheidstoets
plan-instrument-taalstart-eindrapportage = Eindrapportage taalcursus
plan-instrument-phq9 = PHQ-9
plan-instrument-phq4 = PHQ-4
plan-instrument-gad7 = GAD-7
plan-instrument-who5 = WHO-5
plan-instrument-participatieladder = Participatieladder
plan-instrument-financiele-zelfredzaamheid = Financiële zelfredzaamheid
plan-instrument-digitale-vaardigheden = Digitale vaardigheden
plan-explained-language = Uitgelegd in
plan-section-fix = Vaststellen
plan-missing = Nog nodig: { $fields }.
plan-missing-route = leerroute
plan-missing-main_goal = hoofddoel
plan-missing-motivering = motivering
plan-missing-reviews = minstens één voortgangsgesprek
plan-fix-date = Datum van vaststelling
plan-fix = PIP vaststellen
plan-fix-hint = Na vaststelling verandert deze versie niet meer. Een latere wijziging wordt een nieuwe versie.
plan-section-review = Beoordeling
plan-status-draft = concept
plan-status-in_review = ter beoordeling
plan-status-returned = teruggestuurd
plan-status-approved = goedgekeurd
plan-status-fixed = vastgesteld
plan-status-superseded = vervangen
plan-submit-review = Ter beoordeling aanbieden
plan-review-complete-first = Vul eerst aan wat ontbreekt voordat u het PIP ter beoordeling aanbiedt.
plan-review-none = Nog niet ter beoordeling aangeboden.
plan-review-waiting = Wacht op de beoordeling door de leidinggevende.
plan-review-submitted = Ter beoordeling aangeboden door { $name } op { $date }
plan-review-approved = Goedgekeurd door { $name } op { $date }
plan-review-returned = Teruggestuurd door { $name } op { $date } met opmerkingen:
plan-review-approved-locked = Deze versie is goedgekeurd. Een wijziging wordt een nieuwe versie, die opnieuw ter beoordeling gaat.
plan-approved-by = Goedgekeurd door { $name } op { $date }.
plan-approval-valid = Handtekening geldig.
plan-approval-changed = Handtekening klopt niet: het plan is na de goedkeuring veranderd.
plan-approval-invalid = Handtekening ongeldig.
plan-approval-unknown_signer = Handtekening kan op dit apparaat niet worden gecontroleerd (het apparaat van de leidinggevende is hier onbekend).
plan-approval-not_supervisor = Handtekening komt niet van het apparaat van een leidinggevende.
review-title = PIP's ter beoordeling
review-intro = PIP-versies die klantbegeleiders ter beoordeling hebben aangeboden. Open er een om het goed te keuren of met opmerkingen terug te sturen.
review-waiting = Wachten op beoordeling ({ $count })
review-none = Er wachten geen PIP's op beoordeling.
review-col-client = Cliënt
review-col-counsellor = Klantbegeleider
review-col-submitted = Aangeboden
review-col-pip-due = PIP uiterlijk
review-approve = Goedkeuren
review-comment = Opmerkingen voor de klantbegeleider
review-return = Terugsturen met opmerkingen
nav-review = Beoordelen
plan-section-signatures = Handtekeningen
plan-signature-client = Handtekening cliënt
plan-signature-counsellor = Handtekening klantbegeleider
plan-signature-clear = Wissen
plan-signature-save = Handtekening opslaan
plan-signature-of = Handtekening van { $name }
plan-signer-name = Naam
plan-attestation = Verklaring van de tolk
plan-attestation-language = Vertaald in
plan-attestation-statement = Ik, { $name }, heb dit plan vertaald in het { $language }.
plan-attestation-save = Verklaring opslaan
deadline-kind-progress_review = Voortgangsgesprek (gepland in het PIP)
error-plan_rule = Dit kan niet met het PIP. Er is niets opgeslagen.
error-plan_client_minor = Deze cliënt is jonger dan 18 jaar en krijgt geen eigen PIP.
error-plan_field_not_editable = Dit onderdeel van het PIP kan hier niet worden gewijzigd.
error-plan_route_unknown = Deze leerroute is niet bekend. Kies een route uit de lijst.
error-plan_not_fixed = Stel het PIP eerst vast; daarna wordt het ondertekend.
error-plan_routes_invalid = Elke route heeft een korte code (kleine letters, cijfers, - of _), uniek en niet b1, onderwijs of z, en een naam.
settings-plan-routes = Eigen leerroutes
settings-plan-routes-hint = Routes die de gemeente naast de B1-route, de onderwijsroute en de Z-route aanbiedt, zoals de B1-mbo-route.
settings-plan-route-code = Code
settings-plan-route-label = Naam
settings-plan-route-add = Route toevoegen
settings-plan-routes-save = Routes opslaan
settings-plan-routes-saved = Opgeslagen.

## Apparaatbeheer (Synchronisatie, leidinggevende)
devices-title = Apparaten
devices-new-code = Nieuwe inschrijfcode
devices-device = Apparaat
devices-enrolled = Ingeschreven
devices-last-contact = Laatste contact
devices-status = Status
devices-actions = Acties
devices-this-device = deze laptop
devices-never = nooit
devices-active = actief
devices-revoked = ingetrokken
devices-certification-certified = gecertificeerd door een supervisor
devices-certification-revoked = intrekking ondertekend
devices-certification-not_certified = niet gecertificeerd: wat het stuurt wordt niet overgenomen
devices-audit-warning = Het auditlogboek van deze laptop ging terug of is herschreven (teruggezet vanaf een oudere kopie, of regels verwijderd). Vraag waarom.
devices-revoke = Intrekken
devices-revoke-named = { $device } intrekken
devices-revoke-title = { $device } intrekken?
devices-revoke-explained = De server weigert { $device } vanaf nu. Bij het volgende contact vernietigt het apparaat zijn sleutels en alle cliëntgegevens erop. Wat nog niet gesynchroniseerd was, gaat verloren. Dit kan niet ongedaan worden gemaakt: de laptop heeft dan een nieuwe inschrijfcode nodig.
devices-revoke-confirm = { $device } intrekken
devices-revoked-rotate = { $device } is ingetrokken. Het kan de teamsleutel nog hebben: laat ICT de teamsleutel nu vervangen met de opdracht hieronder (zie "Synchronisatie en sleutels" in de documentatie), zodat een verloren laptop niet kan lezen wat het team vanaf nu schrijft.
devices-label = Voor (naam of laptop)
devices-code-hours = Geldig (uren)
devices-code-issue = Code maken
devices-code-once = Lees deze code nu voor of druk hem af. Hij wordt maar één keer getoond en werkt één keer.
devices-code-expires = Geldig tot
devices-code-done = Klaar
devices-print = Afdrukken
error-sync_not_supervisor = Alleen de laptop van een leidinggevende kan apparaten beheren.
error-enrol_code_bad_role = Kies klantbegeleider of leidinggevende.
error-enrol_code_bad_validity = Een code is 1 tot 336 uur (14 dagen) geldig.
error-enrol_code_bad_label = De naam is te lang (hoogstens 100 tekens).
error-device_cannot_revoke_self = Een laptop kan zichzelf niet intrekken.
error-device_not_found = Dat apparaat is niet bij de server ingeschreven.

## Overdracht
handover-open = Overdragen
handover-title = Deze casus overdragen
handover-from = Nu toegewezen aan { $from }.
handover-to = Overdragen aan (naam van de klantbegeleider, zoals in het profiel)
handover-note = Overdrachtsnotitie voor de nieuwe klantbegeleider
handover-explained = De laptop van de nieuwe klantbegeleider ontvangt de casus en deze notitie bij de volgende synchronisatie. De geschiedenis blijft bij de casus.
handover-save = Overdragen
handover-history = Overdrachten
handover-line = van { $from } naar { $to }, door { $by }
handover-all-open = Alle casussen overdragen van…
handover-all-title = Alle casussen van een klantbegeleider overdragen
handover-all-from = Klantbegeleider van wie de casussen overgaan
handover-all-option = { $name } ({ $count } open)
handover-all-done = { $count ->
    [one] Eén casus overgedragen. Die bereikt de nieuwe klantbegeleider bij de volgende synchronisatie.
   *[other] { $count } casussen overgedragen. Die bereiken de nieuwe klantbegeleider bij de volgende synchronisatie.
}
cases-filter-assigned = Klantbegeleider
cases-assigned-everyone = Iedereen
cases-assigned-mine = Mijn casussen
error-handover_no_counsellor = Noem de klantbegeleider aan wie u overdraagt.
error-handover_too_long = De naam of de notitie is te lang.
error-handover_same_counsellor = De casus is al aan die klantbegeleider toegewezen.
error-handover_supervisor_only = Alleen de laptop van een leidinggevende kan alle casussen van een klantbegeleider overdragen.
## PIP documents (PDF)
plan-documents-title = Documenten (PDF)
plan-documents-hint = Het cliëntexemplaar is het PIP in het Nederlands en in de taal van de cliënt, voor de cliënt zelf. De samenvatting van de brede intake is voor het dossier. Een PDF wordt alleen opgeslagen waar u kiest.
plan-documents-municipality = Gemeente op het document
plan-documents-language = Taal van het cliëntexemplaar
plan-documents-client-copy = Cliëntexemplaar (PDF)
plan-documents-intake-summary = Samenvatting brede intake (PDF)
plan-documents-save = Opslaan…
plan-documents-print = Afdrukken…
plan-documents-busy = Het document wordt gemaakt…
plan-documents-saved = Opgeslagen: { $path }
plan-documents-cancelled = Niet opgeslagen: u hebt het opslaan geannuleerd.
plan-documents-needs-fixed = Het cliëntexemplaar kan pas worden gemaakt als het PIP is vastgesteld.
plan-documents-review-unreviewed = Let op: { $unreviewed } van de { $total } vaste teksten in het { $language } zijn niet door een vertaler gecontroleerd (automatisch opgesteld). Het document zegt dat de Nederlandse tekst geldt. Laat de tolk de tekst met de cliënt doorlezen.
plan-documents-review-reviewed = De vaste teksten in het { $language } zijn door een vertaler gecontroleerd.
plan-documents-review-badge-unreviewed = niet gecontroleerd
plan-documents-review-badge-reviewed = gecontroleerd
plan-documents-free-text = Zelf getypte tekst (doelen, acties, motivering) staat alleen in het Nederlands op het document; in de kolom van de cliënt staat dat de tolk of u die tekst heeft uitgelegd.
plan-documents-preview-title = Afdrukvoorbeeld: { $name }
plan-documents-preview-print = Afdrukken
plan-documents-preview-close = Sluiten
plan-documents-preview-page = Pagina { $page }
error-document_language_unsupported = Voor deze taal zijn er nog geen teksten voor het cliëntexemplaar. Kies een andere taal.
error-document_text_missing = Een vaste tekst van het cliëntexemplaar ontbreekt in deze taal ({ $id }). Er is niets opgeslagen.
error-document_incomplete = Het document kan niet worden gemaakt: er ontbreekt iets in het PIP ({ $field }).
error-document_character = Het document bevat een teken dat niet kan worden afgedrukt ({ $code_point }). Pas de tekst aan en probeer het opnieuw.
error-document_municipality = Vul de naam van de gemeente in (hoogstens 100 tekens).
error-document_failed = Het document kon niet worden gemaakt. Er is niets opgeslagen.
error-document_write_failed = Het document kon niet worden opgeslagen op de gekozen plek. Kies een andere map of controleer de ruimte. Er is niets opgeslagen.
error-plan_subgoal_limit = Een PIP heeft hoogstens zes subdoelen.
## Dashboard (teammanager)

nav-dashboard = Dashboard
dashboard-title = Teamoverzicht
dashboard-refresh = Vernieuwen
dashboard-print = Afdrukken
dashboard-intro-team = De trajecten van het hele team zoals deze laptop ze na de laatste synchronisatie heeft. Stand { $date }.
dashboard-intro-own = Uw eigen trajecten ({ $name }): deze laptop is niet als die van een teammanager aangemeld. Stand { $date }.
dashboard-figures = Kerncijfers
dashboard-open-cases = lopende trajecten
dashboard-pip-overdue = PIP te laat
dashboard-pip-due-soon = PIP binnen twee weken
dashboard-consent-missing-cases = lopende trajecten zonder een toestemming
dashboard-safety-outstanding = Veiligheidsprotocollen nog niet bevestigd
dashboard-unassigned = (geen klantbegeleider)
dashboard-col-counsellor = Klantbegeleider
dashboard-col-days-late = Dagen te laat
dashboard-col-days-left = Dagen over
dashboard-col-open = Lopend
dashboard-col-phase = Fase
dashboard-col-step = Stap
dashboard-col-n = Trajecten
dashboard-col-median = Mediaan (p50)
dashboard-col-days = Dagen
dashboard-col-consent = Toestemming
dashboard-col-missing = Trajecten zonder
dashboard-col-since = Sinds
dashboard-col-device = Apparaat
dashboard-col-last = Laatste wijziging ontvangen
dashboard-col-days-since = Dagen geleden
dashboard-caseload = Caseload per klantbegeleider
dashboard-caseload-chart = Lopende trajecten per klantbegeleider, per fase
dashboard-phases = Trajecten per fase
dashboard-phases-chart = Alle { $count } trajecten per fase
dashboard-cases = Trajecten
dashboard-routes = Gekozen leerroutes
dashboard-routes-chart = Trajecten per leerroute (laatst vastgesteld PIP)
dashboard-no-routes = Er is nog geen PIP vastgesteld.
dashboard-waiting = Wachttijden
dashboard-waiting-hint = In dagen, per traject, voor de stappen waarvan beide datums bekend zijn. Percentielen: een kwart van de trajecten wachtte hoogstens p25 dagen, de helft hoogstens de mediaan, enzovoort.
dashboard-step-koppeling_to_first_conversation = Koppeling → eerste gesprek
dashboard-step-first_conversation_to_pip = Eerste gesprek → PIP
dashboard-step-pip_to_route = PIP → start leerroute
dashboard-step-koppeling_to_pip = Koppeling → PIP (de wettelijke termijn)
dashboard-days-range = { $from }–{ $to } dagen
dashboard-days-from = { $from }+ dagen
dashboard-consents = Ontbrekende toestemmingen
dashboard-no-safety = Elk veiligheidsprotocol is bevestigd.
dashboard-devices = Apparaten
dashboard-devices-hint = Wanneer de nieuwste wijziging van elke laptop hier binnenkwam (voor deze laptop: het laatste contact met de server).
dashboard-never = nooit
dashboard-export = Monitoringexport voor de gemeente
dashboard-export-hint = Alleen totalen (trajecten per leerroute, percentielen van wachttijden, PIP's op tijd, uitkomsten per kwartaal), als CSV. Cijfers over minder dan 5 personen blijven leeg, net als elk cijfer waarmee zo'n cijfer terug te rekenen is. Geen namen, BSN, V-nummers of geboortedatums.
dashboard-export-folder = Map
dashboard-export-folder-placeholder = Downloads (leeg laten)
dashboard-export-button = CSV opslaan
dashboard-export-done = Opgeslagen: { $path } ({ $rows } regels).
error-supervisor_only = Alleen de laptop van een teammanager kan dit.
error-export_folder_invalid = Die map bestaat niet. Typ het volledige pad van een bestaande map, of laat het leeg voor Downloads.

## Save dialogs (opened by the app, titled in the counsellor's language)
dialog-save-client-copy = PIP (cliëntexemplaar) opslaan
dialog-save-intake-summary = Samenvatting brede intake opslaan

## The trajectory after the PIP (issue 19)
deadline-kind-review_interval = Volgend voortgangsgesprek uiterlijk (minimale frequentie)
deadline-kind-action_due = Actie uit het PIP
deadline-kind-inburgering_term = Einde inburgeringstermijn
goal-status-open = Open
goal-status-in_progress = Bezig
goal-status-reached = Behaald
goal-status-not_reached = Niet behaald
goal-status-stopped = Gestopt
goal-status-save = Status opslaan
ontzorgen-outcome-continue = Voortzetten
ontzorgen-outcome-stop = Stoppen
ontzorgen-outcome-budget_management = Budgetbeheer
duty-kind-vrijstelling = Vrijstelling
duty-kind-ontheffing = Ontheffing
duty-scope-whole = de hele plicht
duty-scope-part = een deel van de plicht
duty-grounds-medical = medische redenen
duty-grounds-proven_level = niveau al aangetoond (diploma)
duty-grounds-efforts = aantoonbaar voldoende inspanning
duty-grounds-other = andere grond
exam-level-a2 = A2
exam-level-b1 = B1
exam-level-b2 = B2 of hoger
field-review_for = Dit gesprek is het geplande voortgangsgesprek van
field-review_for-hint = Leeg laten: het dichtstbijzijnde geplande gesprek.
progress-review-for-nearest = Het dichtstbijzijnde geplande gesprek
field-goal_status = Status
field-goal_reason = Toelichting
field-goal_reason-required = Reden (verplicht)
field-ontzorgen_outcome = Besluit ontzorgen (maand 5)
field-ontzorgen_extended_to = Ontzorgen verlengd tot
field-new_end = Nieuwe einddatum
field-extension_reason = Reden van de verlenging
field-duty_kind = Besluit
field-duty_scope = Omvang
field-duty_grounds = Grond
field-duty_decided_on = Datum besluit
field-duty_note = Toelichting
field-exam_level = Examenniveau
field-adjustment_reason = Reden van de aanpassing (afschalen)
plan-exam-level-default = Het niveau van de route
plan-rule-level_change = Dit examenniveau kan zo niet: binnen de B1-route kan alleen worden afgeschaald naar A2 en binnen de onderwijsroute naar B1, altijd met een reden. Er is niets vastgesteld.
progress-review-title = Voortgang op de doelen
progress-review-no-goals = Er is nog geen vastgesteld PIP met doelen voor dit traject.
progress-review-goals = Doelen
progress-review-goal-of = Doel { $n } van { $total }
progress-review-actions = Acties
progress-review-previous = Vorig doel
progress-review-next = Volgend doel
trajectory-title = Traject na het PIP
trajectory-reviews = Voortgangsgesprekken
trajectory-next-review = Volgend gepland gesprek: { $date }
trajectory-no-next-review = Geen gesprek meer gepland.
trajectory-missed = { $n ->
    [one] 1 gepland gesprek gemist
   *[other] { $n } geplande gesprekken gemist
}
trajectory-required = Minstens elke { $months } maanden een gesprek; het volgende uiterlijk
trajectory-plan-gaps = Het PIP plant gesprekken verder uit elkaar dan elke { $months } maanden: { $dates }.
trajectory-goals = Doelen (PIP versie { $version })
trajectory-term = Inburgeringstermijn
trajectory-term-ends = Loopt tot en met { $date }
trajectory-term-after-pip = De termijn van drie jaar begint bij het vaststellen van het PIP.
trajectory-term-ended = De plicht is beëindigd door het besluit hieronder.
trajectory-extension-line = Verlengd tot { $date } (besluit { $decided }):
trajectory-extend = Termijn verlengen
trajectory-extend-save = Verlenging opslaan
trajectory-duty = Vrijstelling of ontheffing
trajectory-duty-none = Geen besluit vastgelegd.
trajectory-duty-record = Besluit vastleggen
trajectory-duty-change = Besluit wijzigen
trajectory-duty-save = Besluit opslaan
error-no_fixed_plan = Dit traject heeft nog geen vastgesteld PIP.
error-goal_not_found = Dit doel staat niet (meer) in het vastgestelde PIP. Er is niets opgeslagen.
error-date_invalid = Die datum is niet geldig. Er is niets opgeslagen.
error-term_extension = { $refusal ->
    [not_later] Een verlenging moet na de huidige einddatum liggen. Er is niets opgeslagen.
    [reason_missing] Een verlenging heeft een reden nodig. Er is niets opgeslagen.
   *[no_term] De termijn begint pas bij het vaststellen van het PIP. Er is niets opgeslagen.
}
dashboard-reviews = Voortgangsgesprekken die aandacht vragen
dashboard-no-reviews = Geen gemiste of binnenkort geplande voortgangsgesprekken.
dashboard-col-review-next = Volgend gepland
dashboard-col-review-missed = Gemist
dashboard-col-review-required = Uiterlijk (frequentie)
deadline-kind-z_final_conversation = Z-route: eindgesprek
field-z_final_conversation_on = Eindgesprek Z-route gehouden op
z-activity-language_knm = Taal en KNM
z-activity-participation = Participatie (met PVT en MAP)
trajectory-z-hours = Uren Z-route
trajectory-z-activity = Onderdeel
trajectory-z-month = Maand
trajectory-z-planned = Gepland
trajectory-z-attended = Gevolgd
trajectory-z-norm = Norm
trajectory-z-remaining = Nog te volgen
trajectory-z-save = Uren van de maand opslaan
plan-rule-ontzorgen_not_for_target_group = Ontzorgen is er voor statushouders met een uitkering, niet voor gezinsmigranten en overige migranten. Kies bij ontzorgen "nee" of "niet van toepassing". Er is niets vastgesteld.
# Municipal policy (issue 20): signed by the municipality, the same on every laptop
error-policy_fixed = { $setting ->
    [auto_lock_minutes] Het beleid van de gemeente staat een automatische vergrendeling van hoogstens { $max } minuten toe. Kies een kortere tijd; er is niets gewijzigd.
    [offline_lock_days] Het aantal dagen zonder contact met de server ligt vast in het beleid van de gemeente. Er is niets gewijzigd.
    [deadline_terms] De termijnen liggen vast in het beleid van de gemeente. Er is niets gewijzigd.
    [plan_routes] De leerroutes liggen vast in het beleid van de gemeente. Er is niets gewijzigd.
    [sealed_instruments] Wat het beleid van de gemeente verzegelt voor de GGD, blijft verzegeld. U kunt wel meer vragenlijsten verzegelen. Er is niets gewijzigd.
    [safety_contacts] De hulplijnen liggen vast in het beleid van de gemeente. Er is niets gewijzigd.
   *[other] Deze instelling ligt vast in het beleid van de gemeente. Er is niets gewijzigd.
}
error-policy_pack_not_approved = Dit pakket met vragenlijsten is niet goedgekeurd in het beleid van de gemeente en is niet geïnstalleerd. Vraag de functioneel beheerder het pakket goed te keuren.
error-policy_invalid = Dit beleid klopt niet (veld: { $field }) en is niet gepubliceerd. Pas het aan en probeer het opnieuw.
policy-title = Beleid van de gemeente
policy-source = Vastgelegd in beleid versie { $version }, ondertekend door { $signer } op { $issued }.
policy-source-root = de gemeente (hoofdsleutel)
policy-source-device = een gecertificeerd apparaat van de gemeente (…{ $device })
policy-default = Standaardbeleid: de gemeente heeft nog geen beleid gepubliceerd.
policy-fixed-note = Deze instelling ligt vast in het beleid van de gemeente.
policy-offline-lock-days = Vergrendelen na dagen zonder contact met de server
policy-max-auto-lock = Langste automatische vergrendeling (minuten)
policy-sealed = Verzegeld voor de GGD
policy-routes = Leerroutes
policy-consents = Toestemming nodig voor
policy-packs = Goedgekeurde pakketten
policy-packs-any = Elk pakket mag worden geïnstalleerd
policy-ggd-follow-up-days = Dagen tot signaal zonder GGD-vervolg
policy-edit = Beleid wijzigen
policy-publish = Ondertekenen en publiceren
policy-published = Beleid ondertekend en gepubliceerd. Elke laptop neemt het over bij de volgende synchronisatie.
policy-accepted = Nieuw beleid overgenomen: versie { $version }.
policy-refused-malformed = Het beleid dat de server aanbood is niet ondertekend of onleesbaar en is geweigerd. Deze laptop houdt het beleid dat hij had.
policy-refused-other-tenant = De server bood het beleid van een andere gemeente aan. Het is geweigerd; deze laptop houdt het beleid dat hij had. Meld dit bij de IT-afdeling.
policy-refused-unknown-signer = Het beleid dat de server aanbood is ondertekend door een onbekende sleutel en is geweigerd. Deze laptop houdt het beleid dat hij had.
policy-refused-signer-not-authorised = Het beleid dat de server aanbood is ondertekend door iemand die geen beleid mag ondertekenen. Het is geweigerd; deze laptop houdt het beleid dat hij had.
policy-refused-signer-revoked = Het beleid dat de server aanbood is ondertekend door een ingetrokken apparaat en is geweigerd. Deze laptop houdt het beleid dat hij had.
policy-refused-bad-signature = De handtekening van het beleid dat de server aanbood klopt niet. Het is geweigerd; deze laptop houdt het beleid dat hij had. Meld dit bij de IT-afdeling.
policy-refused-rollback = De server bood een ouder beleid aan dan deze laptop al heeft. Het is geweigerd; deze laptop houdt het nieuwere beleid. Meld dit bij de IT-afdeling.
policy-refused-conflict = De server bood een ander beleid aan onder hetzelfde versienummer. Het is geweigerd; deze laptop houdt het beleid dat hij had. Meld dit bij de IT-afdeling.
policy-refused-invalid-content = Het beleid dat de server aanbood is correct ondertekend maar de inhoud klopt niet. Het is geweigerd; deze laptop houdt het beleid dat hij had.
