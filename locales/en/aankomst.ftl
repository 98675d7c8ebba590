# Aankomst — English.
# Every id here is also in locales/nl/aankomst.ftl; a test checks that.

## General

app-loading = One moment…
skip-to-content = Skip to content
nav-label = Main menu
nav-clients = Clients
header-profile = Profile
header-settings = Settings
header-lock = Lock
header-lock-shortcut = Lock (Ctrl+L)
badge-demo = DEMO
badge-nareiziger = Joining family
demo-banner-title = DEMO
demo-banner-text = This is a demo profile with made-up clients. Do not record real data here.
notice-dismiss = Close
dialog-close = Close
action-cancel = Cancel
action-saving = Saving…
action-try-again = Try again
action-save = Save
select-none = — Choose —
select-language = — Choose a language —
filter-any = All
value-empty = —
value-unknown = Unknown
age-years = { $age } years

## Already open

already-running-title = Aankomst is already open
already-running-text = Aankomst is already running in another window on this laptop. Go to that window to carry on; you can close this one.

## Start and unlock

start-title = Unlock
start-failed-title = Aankomst cannot start
start-new-profile = New profile
start-demo-profile = Create demo profile
start-locked-idle = Aankomst locked itself because nothing happened for a while. Everything saved has been kept.
start-locked-manual = Aankomst is locked. Everything saved has been kept.
unlock-choose-profile = Choose your profile
unlock-pick-first = Choose your profile above first.
unlock-passphrase-for = Passphrase for { $name }
unlock-button = Unlock
unlock-busy = Unlocking…
unlock-button-wait = Wait { $seconds } s
unlock-wait = { $seconds ->
    [one] Too many failed attempts. You can try again in { $seconds } second.
   *[other] Too many failed attempts. You can try again in { $seconds } seconds.
}
welcome-title = Welcome to Aankomst
welcome-text = First create your own profile. You will open your files with that profile's passphrase.
welcome-encrypted = All data stays encrypted on this laptop. Without your passphrase nobody can read it, not even if the laptop is lost.
welcome-demo-question = Look around first with made-up clients?
new-profile-title = New profile
new-profile-intro = Every user of this laptop has their own profile with their own passphrase. A profile cannot open the files of another profile.
demo-profile-title = Demo profile
new-profile-demo-explain = A demo profile is filled with made-up clients, so you can try out or explain Aankomst. Every screen then clearly shows DEMO.
new-profile-name = Profile name
new-profile-name-hint = For example your first name. Every user of this laptop has their own profile.
new-profile-passphrase = Passphrase
new-profile-passphrase-hint = A few unrelated words make a strong passphrase that is easy to remember, for example "bicycle cloud pancake lantern".
new-profile-repeat = Repeat the passphrase
new-profile-mismatch = The two passphrases are not the same.
new-profile-need-name = Enter a name for the profile.
new-profile-need-passphrase = Choose a passphrase.
new-profile-need-stronger = Make the passphrase stronger (see the tips).
new-profile-need-match = Repeat the passphrase exactly.
new-profile-create = Create profile
new-profile-create-demo = Create demo profile
new-profile-creating = Creating…
strength-label = Passphrase strength
strength-empty = Type a passphrase to see how strong it is.
strength-0 = Very weak
strength-1 = Weak
strength-2 = Fair
strength-3 = Strong
strength-4 = Very strong
strength-acceptable = good enough
strength-not-acceptable = not good enough yet
passphrase-hint-too-short = Make the passphrase longer.
passphrase-hint-more-words = Use more separate words, for example four or five that do not belong together.
passphrase-hint-no-name = Do not use your name or the profile name in the passphrase.

## Client list

cases-title = Clients
cases-count = { $shown } of { $total ->
    [one] { $total } client
   *[other] { $total } clients
}
cases-new-client = New client
cases-search-label = Search by name, V-number, BSN or date of birth
cases-search-placeholder = E.g. Haile, 1987 or 2012345678
cases-filter-status = Status
cases-filter-country = Country of origin
cases-filter-location = Location
cases-table-label = Clients
cases-col-name = Name
cases-col-v-number = V-number
cases-col-dob = Date of birth
cases-col-country = Country
cases-col-location = Location
cases-col-status = Status
cases-col-last-conversation = Last conversation
cases-no-match = No clients match this search.
cases-clear-filters = Clear search and filters
cases-empty = There are no clients yet. Register the first one with "New client".
cases-keyboard-hint = Tip: / jumps to the search box, the up and down arrows pick a row, Enter opens the client.
new-client-title = Register a new client
new-client-explain = Registering opens a case with the status broad intake. You fill in the other details afterwards.
new-client-submit = Register and open

## Client

client-back-to-list = Back to the client list
client-document-name = Name on document
client-age = Age
client-section-personal = Personal details
client-section-household = Household
client-section-case = Case
client-section-timeline = Timeline
client-jump-label = Go to section
client-group-name = Name and origin
client-group-ids = Numbers and assignment
client-group-contact = Contact
client-group-languages = Languages
case-none = This client has no case.
case-open = Open a case
case-new-conversation = New conversation
partial-date-hint = The year alone is enough when month and day are unknown: 1987, 1987-03 or 1987-03-12.
partial-date-placeholder = YYYY or YYYY-MM-DD
languages-hint = For each language: how well the client speaks it and whether the client can read and write it.
languages-col-language = Language
languages-col-spoken = Speaking
languages-col-literacy = Reading and writing
languages-row-language = Language { $n }
languages-row-spoken = Speaking level, language { $n }
languages-row-literacy = Reading and writing, language { $n }
languages-remove = Remove language { $n }
languages-add = Add language

## Household

household-none = No household recorded yet.
household-this-client = this client
household-arrived-on = arrived { $date }
household-no-case = no case
household-add-member = Add family member
household-link-member = Link existing client
household-remove-member = Remove { $name } from the household
household-remove-title = Remove from the household?
household-remove-text = { $name } will be removed from this household. The client and their file remain.
household-remove-confirm = Remove from household
member-form-title = Add family member
member-role-label = Role in the household
member-nareiziger-label = Joining family member (family reunification)
member-create-case-label = Also open a case (obliged to integrate)
member-submit = Add
link-form-title = Link existing client
link-search-label = Find the client by name, V-number, BSN or date of birth
link-results = Clients found
link-no-results = No client found.
link-other = Choose another
link-submit = Link

## Conversation

conversation-title = Conversation
conversation-back-to = Back to { $name }
conversation-section-when = When and where
conversation-section-interpreter = Interpreter and language
conversation-now = Now
conversation-informal-hint = An informal interpreter is not a sworn interpreter. Record who interpreted; for sensitive subjects a professional interpreter is better.
participants-add = Add participant
participants-name = Name
participants-row-name = Name of participant { $n }
participants-row-role = Role of participant { $n }
participants-remove = Remove participant { $n }
warnings-title = Points of attention
timeline-conversation = Conversation
timeline-case_opened = Case opened
timeline-client_registered = Client registered
timeline-household_changed = Household changed
timeline-status-changed = Status changed to { $status }
timeline-empty = Nothing recorded yet.

## Saving

save-status-idle = Changes are saved automatically.
save-status-saving = Saving…
save-status-saved = Saved { $time }
save-status-failed = Not saved.
save-status-retry = Try again
save-status-refused = { $count ->
    [one] One field was not saved: see the message at that field.
   *[other] { $count } fields were not saved: see the messages at those fields.
}

## Settings

settings-title = Settings
settings-language = Language of Aankomst
settings-auto-lock = Lock automatically after (minutes)
settings-auto-lock-hint = Aankomst locks itself when nothing happens for this long. Choose 1 to 60 minutes.
settings-auto-lock-range = Choose a whole number from 1 to 60.

## Fields: client

field-document_given_names = Given names (as on document)
field-document_family_name = Family name (as on document)
field-preferred_name = Preferred name
field-preferred_name-hint = How the client wants to be addressed.
field-other_spellings = Other spellings
field-other_spellings-hint = For example in Arabic or Ge'ez script, or as known to COA.
field-date_of_birth = Date of birth
field-sex = Sex
field-country_of_origin = Country of origin
field-nationality = Nationality
field-languages = Languages
field-latin_script_literacy = Reading and writing in the Latin script
field-latin_script_literacy-hint = The script Dutch is written in; matters for choosing the learning route.
field-phone = Phone number
field-email = Email address
field-address = Address
field-bsn = BSN (citizen service number)
field-bsn-hint = Optional. 9 digits.
field-v_number = V-number
field-v_number-hint = 10 digits, from COA.
field-koppeling_date = Date assigned to the municipality
field-azc_location = Reception centre (azc) or COA location
field-target_group = Target group

## Fields: household

field-household-label = Household name
field-members = Members
field-arrived_on = Date of arrival in the Netherlands

## Fields: case

field-client_id = Client
field-status = Status
field-counsellor = Counsellor
field-opened_on = Opened on
field-intake_started_on = Broad intake started on
field-pip_decided_on = PIP decided on
field-route_started_on = Learning route started on
field-term_ends_on = End of integration term

## Fields: conversation

field-case_id = Case
field-starts_at = Date and time
field-starts_at-hint = Dutch time.
field-place = Place
field-conversation_type = Type of conversation
field-participants = Participants
field-interpreter_mode = Interpreter
field-interpreter_name = Interpreter's name
field-interpreter_register_number = Interpreter's register number
field-interpreter_register_number-hint = Number in the Dutch register of sworn interpreters and translators (Rbtv).
field-interpreter_is_minor = The interpreter is under 18
field-language_used = Language of the conversation
field-notes = Conversation notes
field-notes-hint = Saved automatically while you type.

## Choices

sex-female = Female
sex-male = Male
sex-x = X
sex-unknown = Unknown
status-intake = Broad intake
status-pip = PIP
status-route = Learning route
status-completed = Completed
status-closed = Closed
status-none = No case
place-azc = Reception centre (azc)
place-office = Office
place-phone = Phone
place-video = Video
place-home = Home visit
place-other = Elsewhere
conversation-type-first = First conversation
conversation-type-check_in = Check-in
conversation-type-pip = PIP conversation
conversation-type-progress_review = Progress review
conversation-type-other = Other conversation
interpreter-mode-none = No interpreter
interpreter-mode-professional_in_person = Professional interpreter, in person
interpreter-mode-professional_phone = Professional interpreter, by phone
interpreter-mode-professional_video = Professional interpreter, by video
interpreter-mode-informal_family = Family member interprets
interpreter-mode-informal_friend = Friend or acquaintance interprets
interpreter-mode-informal_key_person = Community key person interprets
member-role-referent = Referent
member-role-partner = Partner
member-role-child = Child
member-role-parent = Parent
member-role-sibling = Brother or sister
member-role-other = Other
participant-role-counsellor = Counsellor
participant-role-client = Client
participant-role-partner = Partner
participant-role-family = Family
participant-role-vwn = Dutch Council for Refugees (VWN)
participant-role-coa = COA
participant-role-colleague = Colleague
participant-role-provider = Provider (language, care)
participant-role-other = Other
spoken-native = Native
spoken-fluent = Fluent
spoken-basic = A little
literacy-literate = Reads and writes
literacy-limited = Limited
literacy-none = No
literacy-unknown = Unknown
target-group-statushouder = Refugee with permit (statushouder)
target-group-nareiziger = Joining family member (nareiziger)
target-group-gezinsmigrant = Family migrant
target-group-overige_migrant = Other migrant

## Conversation warnings

warning-minor_interpreting = A minor is interpreting. That is not appropriate for an intake conversation: arrange a professional interpreter (e.g. a telephone interpreting service).
warning-professional_interpreter_unidentified = A professional interpreter is chosen, but without a name or register number. Fill in at least one of them.
warning-language_missing = The language of the conversation is not filled in. Choose the language the conversation was held in.
warning-short-minor_interpreting = Minor interpreting
warning-short-professional_interpreter_unidentified = Interpreter not recorded
warning-short-language_missing = Language missing

## Field messages

field-error-unknown_field = Aankomst does not know this field. Nothing was saved.
field-error-wrong_type = This value does not fit this field. Check what you entered.
field-error-too_long = This text is too long. Make it shorter.
field-error-not_a_choice = Choose one of the options in the list.
field-error-bsn_invalid = This is not a valid BSN: a BSN has 9 digits and must pass the eleven test. Check the number on the document.
field-error-v_number_invalid = A V-number has 10 digits. Check the number on the COA document.
field-error-partial_date_shape = Write the date as a year (1987), year and month (1987-03) or in full (1987-03-12).
field-error-no_such_date = This date does not exist. Check the day and the month.
field-error-year_out_of_range = This year cannot be right. Check the year.
field-error-date_shape = Enter a full date, for example 2025-03-12.
field-error-date_time_shape = Enter a date and a time.
field-error-email_shape = This is not a valid email address. It looks like name@example.org.
field-error-unknown_country = This country is not in the list. Choose a country from the list, or "Unknown".
field-error-unknown_language = This language is not in the list. Choose a language from the list.
field-error-record_id = This reference to another file is not right. Nothing was saved.
field-error-missing_part = A required part is missing. Fill in everything that belongs to this line.

## Error messages

error-wrong_passphrase = The passphrase is not right (failed attempts: { $attempts }). { $retry_after ->
    [0] Try again.
    [1] Wait 1 more second, then try again.
   *[other] Wait { $retry_after } more seconds, then try again.
} Nothing has been lost.
error-too_many_attempts = Too many failed attempts. { $retry_after ->
    [0] You can try again now.
    [1] Wait 1 more second before trying again.
   *[other] Wait { $retry_after } more seconds before trying again.
} Your data is safe; nothing has been lost.
error-keychain_unavailable = This laptop's keychain cannot be reached, so Aankomst cannot open your data. Log out of the laptop and back in; if that does not help, ask IT support. Nothing has been lost.
error-keychain_locked = Your keychain is locked. Unlock it (usually by logging in to the laptop again) and try again. Nothing has been lost.
error-key_missing = This profile's key is not in this laptop's keychain, so Aankomst cannot open the profile. Do not delete anything, and contact IT support.
error-database_missing = This profile's data file cannot be found. Stop working with this profile and contact IT support.
error-database_corrupt = This profile's data file is damaged and cannot be read. Do not delete anything, stop working with this profile and contact IT support.
error-disk_full = This laptop's disk is full, so your last change was not saved. What was saved before is not lost. Free up space (or ask IT support) and try again.
error-busy = Aankomst is still busy with another task. Wait a few seconds and try again. Nothing has been lost.
error-schema_too_new = This profile was made with a newer version of Aankomst. Install the latest version to open it. Nothing has been lost.
error-profile_not_found = This profile is no longer on this laptop. Choose another profile or create a new one.
error-profile_name_empty = Give the profile a name, for example your first name.
error-passphrase_too_weak = This passphrase is too weak. Make it longer, for example with four or five separate words.
error-already_running = Aankomst is already open in another window. Carry on in that window.
error-record_not_found = This file cannot be found. It may belong to another profile. Go back to the client list.
error-wrong_kind = Something went wrong: this file is of a different kind than expected. Go back to the client list and try again. Nothing has been lost.
error-locked = Aankomst is locked. Unlock it with your passphrase to carry on. What was already saved is not lost.
error-internal = Something went wrong in Aankomst. Try again; if that does not work, close Aankomst and start it again. What was already saved is not lost.

## Countries

country-SY = Syria
country-ER = Eritrea
country-AF = Afghanistan
country-TR = Türkiye
country-IQ = Iraq
country-IR = Iran
country-YE = Yemen
country-SD = Sudan
country-SS = South Sudan
country-SO = Somalia
country-ET = Ethiopia
country-UA = Ukraine
country-PS = Palestinian territories
country-LB = Lebanon
country-JO = Jordan
country-EG = Egypt
country-LY = Libya
country-MA = Morocco
country-DZ = Algeria
country-TN = Tunisia
country-NG = Nigeria
country-CD = DR Congo
country-BI = Burundi
country-GN = Guinea
country-CM = Cameroon
country-PK = Pakistan
country-BD = Bangladesh
country-LK = Sri Lanka
country-MM = Myanmar
country-CN = China
country-RU = Russia
country-BY = Belarus
country-GE = Georgia
country-AM = Armenia
country-AZ = Azerbaijan
country-CU = Cuba
country-VE = Venezuela
country-CO = Colombia
country-KW = Kuwait
country-SA = Saudi Arabia
country-NL = Netherlands
country-stateless = Stateless
country-unknown = Unknown

## Languages

language-ar = Arabic
language-ti = Tigrinya
language-tig = Tigre
language-am = Amharic
language-om = Oromo
language-so = Somali
language-fa = Farsi (Persian)
language-prs = Dari
language-ps = Pashto
language-kmr = Kurdish (Kurmanji)
language-ckb = Kurdish (Sorani)
language-tr = Turkish
language-uk = Ukrainian
language-ru = Russian
language-en = English
language-fr = French
language-nl = Dutch
language-ur = Urdu
language-bn = Bengali
language-ta = Tamil
language-my = Burmese
language-zh = Chinese
language-hy = Armenian
language-ka = Georgian
language-az = Azerbaijani
language-es = Spanish
language-de = German
language-sw = Swahili
language-ln = Lingala
language-ha = Hausa
language-yo = Yoruba
language-ff = Fula
language-bs = Bosnian
language-sq = Albanian

## Screening questionnaires

action-remove = Remove
screening-title = Questionnaires
screening-start = Start a questionnaire
screening-none = No questionnaire in this conversation yet.
screening-progress = { $answered } of { $questions } answered
screening-give-to-client = Give the screen to the client
screening-sealed-ggd = Sealed for the GGD
screening-start-client = Start on the client's screen
screening-start-read-aloud = Start reading aloud
screening-instrument = Questionnaire
screening-sealed-explained = When it is completed, the answers and the score are sealed for the GGD: you will see only that it was completed.
screening-mode = How is it filled in?
screening-language = Language of the questions
screening-interpreted = rendered by the interpreter
screening-interpreted-explained = The questionnaire has no text in this language. The interpreter renders the questions orally; this is recorded with every answer, because it makes the result less reliable.
screening-over-time = Questionnaires over time
administration-mode-read_aloud = Read aloud by the counsellor
administration-mode-self_completed = Filled in by the client
administration-status-in_progress = In progress
administration-status-paused = Paused
administration-status-completed = Completed
administration-status-abandoned = Stopped
review-validated = validated translation
review-reviewed = reviewed translation
review-unreviewed = translation not reviewed
administration-back = Back to the conversation
administration-sealed-completed = Completed, sealed for the GGD
administration-sealed-in-progress = Being filled in by the client, sealed for the GGD
administration-sealed-explained = The answers and the score are only for the GGD. They are not shown to you, and they are never shown on this screen.
administration-interpreted-note = The interpreter puts the questions to the client. Read each question as written; the interpreter translates it without explaining or changing it.
administration-item-skipped = Not asked: the earlier answer skips this question.
answer-state-declined = Does not want to answer
answer-state-dont_know = Does not know
answer-clear = Clear (not asked)
answer-entered = Entered by { $who }, { $at }
entered-by-counsellor = counsellor
entered-by-client = client
answer-changed = Changed { $count ->
    [one] once
   *[other] { $count } times
} — show history
answer-not-asked = not asked
administration-complete = Complete
administration-pause = Pause
administration-resume = Resume
administration-abandon = Stop without completing
administration-confirm-incomplete = { $count ->
    [one] One question has
   *[other] { $count } questions have
} no answer. Complete anyway?
administration-complete-anyway = Complete anyway
result-title = Result
result-total = Total
result-band = Band
result-signal-not-diagnosis = This is a screening signal, not a diagnosis. Discuss it in a follow-up conversation and, where needed, refer to the GP, the GGD or mental health care.
direction-higher_is_worse = higher means more complaints
direction-higher_is_better = higher means better
subscale-gad2 = GAD-2 (anxiety)
subscale-phq2 = PHQ-2 (depression)
rule-outcome-met = met
rule-outcome-not_met = not met
rule-outcome-undetermined = cannot be determined (answers missing)
rule-pcl5-dsm5_provisional = DSM-5 symptom pattern (provisional)
flag-phq9-item9 = Item 9 (thoughts of being better off dead or of self-harm) was answered above 0.
flag-k10-very_high = Very high distress score.
flag-k6-very_high = Score in the range of serious psychological distress.
flag-pcl5-item16_risk = Risk-taking behaviour reported (item 16).
flag-who5-administer_phq9 = Low well-being: consider the PHQ-9.
band-minimal = minimal
band-mild = mild
band-moderate = moderate
band-severe = severe
band-moderately_severe = moderately severe
band-none_minimal = none or minimal
band-normal = normal
band-negative = negative
band-positive = positive
band-likely_well = likely to be well
band-mild_disorder = likely mild disorder
band-moderate_disorder = likely moderate disorder
band-severe_disorder = likely severe disorder
band-geen_of_laag_risico = no or low risk
band-matig_risico = moderate risk
band-hoog_risico = high risk
band-below_moderate = below moderate distress
band-moderate_distress = moderate distress
band-probable_serious_mental_illness = probable serious psychological distress
band-below_cutoff = below the cut-off
band-provisional_ptsd = provisional PTSD (above the cut-off)
band-likely_depression = likely depression
band-poor_wellbeing = poor well-being
band-above_cutoff = above the cut-off
instrument-score-complete = Complete: total { $total }.
instrument-score-complete-with-skips = Complete: total { $total } (questions skipped by the form count as the instrument prescribes).
instrument-score-imputed = { $missing ->
    [one] 1 question
   *[other] { $missing } questions
} missing: filled in with the mean of the other answers, per the { $rule } rule. Total { $total }.
instrument-score-too-many-missing = { $missing } questions missing, more than the { $max_missing } the { $rule } rule allows: no total.
instrument-score-incomplete = { $missing ->
    [one] 1 question
   *[other] { $missing } questions
} missing: no total, because this questionnaire has no rule for missing answers.
instrument-record-only = { $answered ->
    [one] 1 answer
   *[other] { $answered } answers
} recorded.
safety-title = Safety protocol
safety-what-to-do = What to do now
safety-step-stay = Stay with the client. Do not end the conversation abruptly and do not leave the client alone if they may be in danger.
safety-step-ask = Ask calmly, through the interpreter, whether the client is safe right now and whether they have thoughts of ending their life.
safety-step-call = If there is acute danger, call 112. Otherwise call one of the contacts below today, with the client's consent where possible.
safety-step-handover = Arrange a warm handover (GP, GGD, COA health centre), record what you did, and inform your supervisor.
safety-whom-to-call = Whom to call
safety-no-contacts = No contacts have been set for this municipality. In acute danger call 112; ask your supervisor to add the contacts in Settings.
safety-note = What did you do? (optional)
safety-confirm = I have followed the protocol.
safety-acknowledge = Confirm
client-counsellor = Counsellor
client-leave-label = Counsellor's passphrase
client-leave = Take the screen back
chart-date = Date
chart-sealed = { $count ->
    [one] 1 completed questionnaire is sealed for the GGD and not shown.
   *[other] { $count } completed questionnaires are sealed for the GGD and not shown.
}
settings-screening = Questionnaires
settings-sealed = Sealed for the GGD
settings-sealed-hint = Completed questionnaires of these kinds are sealed for the GGD: counsellors see only that they were completed. A change applies to questionnaires started after it.
settings-contacts = Whom to call when a safety signal appears
settings-contacts-hint = Shown in the safety protocol, in this order, and to the client at the end of a questionnaire. Agree them with the GGD.
settings-contact-name = Name
settings-contact-phone = Phone
settings-contact-note = Note (when to call)
settings-contact-add = Add a contact
settings-saved = Saved.
settings-packs = Instrument packs
settings-packs-hint = A municipality with a licence for a questionnaire (for example the RHS-15) can import its definition and translations here. A pack with any problem is refused as a whole.
settings-pack-imported = Pack { $pack } from { $publisher } imported.
error-client_view_active = The screen is with the client. Take it back with your passphrase first.
error-client_view_not_active = The client's screen is no longer open.
error-instrument_unknown = This questionnaire is not known on this laptop, or its definition has changed. Nothing was changed.
error-instrument_item_unknown = This question is not part of the questionnaire. Nothing was saved.
error-instrument_answer_invalid = This answer does not fit the question. Nothing was saved.
error-instrument_language_missing = This questionnaire has no text in that language, so the client cannot fill it in on screen. Read it aloud with the interpreter instead.
error-instrument_counsellor_only = This form is filled in by the counsellor, not on the client's screen.
error-administration_closed = This questionnaire is completed or stopped and can no longer be changed.
error-administration_sealed = This questionnaire is sealed for the GGD. Its answers are not shown or changed here.
error-sealed_instrument_without_key = This questionnaire is sealed for the GGD, but this laptop does not have the GGD's key yet. Enrol the laptop with the municipality's server first, or load the municipality's key list on the Sync screen. Nothing has been filled in or saved.
error-sealing_failed = The answer could not be sealed for the GGD, so it was not saved. Try again; if it keeps failing, tell IT.
error-administration_not_yours = This questionnaire was started on another laptop. Only that laptop records its answers, and what was fixed when it started (the questionnaire and its seal) cannot be changed. Nothing was saved.
error-safety_flag_not_raised = There is no safety signal to confirm.
error-safety_contact_invalid = Each contact needs a name; names, numbers and notes must not be too long.
error-pack_refused = The pack was refused and nothing was imported. The reason is below; send it to whoever supplied the pack.
answer-yes = Yes
answer-no = No
administration-export = Export (FHIR)
administration-exported = Saved as { $path }
error-export_failed = The export could not be saved. Check that the Downloads folder exists and has space. Nothing in Aankomst has changed.

## Instrument results (levels, rungs, forms)

result-record-only = Recorded only, not scored.
result-category = Level or rung
result-category-none = not determined
result-category-financiele-zelfredzaamheid-vji-2021 = Financial self-reliance
result-category-participatieladder = Participation ladder
result-decided-by = Decided by
result-confirm-level = The frame itself did not decide this level; an added rule of this questionnaire did. Confirm the level in a follow-up conversation or choose another one, and state the reason.
result-choose-level = No level has been determined. Choose the level in a follow-up conversation and state the reason.
result-counts = ‘Yes’ answers per level
result-count = { $level }: { $count }
decision-answer = the answer chosen
decision-at_least = the frame: one level reaches the threshold
decision-several_reached_most_support = added rule: several levels reach the threshold, so the lowest level (most support needed) counts
decision-several_reached_undetermined = not decided: several levels reach the threshold
decision-none_reached_most_yes = added rule: no level reaches the threshold, so the level with the most ‘yes’ answers counts
decision-none_reached_tie_most_support = added rule: no level reaches the threshold and levels are tied, so the lowest level (most support needed) counts
decision-none_reached_undetermined = not decided: no level reaches the threshold
instrument-level-at-least = { $count } of { $of } dimensions answered ‘yes’ at level { $level } (at least { $at_least } needed).
instrument-level-several-most-support = Several levels reach { $at_least } of { $of } ({ $levels }). By this questionnaire's added rule the lowest level then counts: { $level }.
instrument-level-several-undetermined = Several levels reach { $at_least } of { $of } ({ $levels }). This version of the questionnaire leaves the choice to you.
instrument-level-none-most-yes = No level reaches { $at_least } of { $of }. By this questionnaire's added rule the level with the most ‘yes’ answers then counts: { $level } ({ $count ->
    [one] 1 ‘yes’ answer
   *[other] { $count } ‘yes’ answers
}).
instrument-level-none-tie-most-support = No level reaches { $at_least } of { $of }, and { $levels } have the same number of ‘yes’ answers ({ $count }). By this questionnaire's added rule the lowest level then counts: { $level }.
instrument-level-none-undetermined = No level reaches { $at_least } of { $of }. This version of the questionnaire leaves the choice to you.
instrument-level-incomplete = { $missing ->
    [one] 1 descriptor is
   *[other] { $missing } descriptors are
} unanswered: no level has been determined.
instrument-category = Recorded as chosen ({ $display }); nothing is added up.
instrument-category-missing = Nothing recorded: { $reason ->
    [declined] the client did not want to answer
    [dont_know] not known
   *[other] the question was not answered
}.
band-onvoldoende = onvoldoende (insufficient)
band-beperkt = beperkt (limited)
band-voldoende = voldoende (sufficient)
band-participatieladder-1 = Rung 1: Isolated
band-participatieladder-2 = Rung 2: Social contacts outside the home
band-participatieladder-3 = Rung 3: Taking part in organised activities
band-participatieladder-4 = Rung 4: Unpaid work / work in sight
band-participatieladder-5 = Rung 5: Paid work with support
band-participatieladder-6 = Rung 6: Paid work without support

## Deadlines

nav-deadlines = Deadlines
nav-deadlines-badge = { $count ->
    [one] 1 deadline needs attention
   *[other] { $count } deadlines need attention
}
deadlines-title = Deadlines
deadlines-intro = Deadlines of all open cases that are overdue or due soon (within { $days } days). As of { $date }.
deadlines-overdue = Overdue
deadlines-due-soon = Due soon
deadlines-none-overdue = No overdue deadlines.
deadlines-none-due-soon = No deadlines due soon.
deadlines-missing = Date missing
deadlines-missing-hint = For these cases a deadline cannot be computed because a date is missing. Open the client and enter the date.
deadlines-none-missing = No missing dates.
deadlines-col-client = Client
deadlines-col-kind = Deadline
deadlines-col-due = Due
deadlines-col-state = State
deadline-kind-pip = Decide the PIP
deadline-kind-route_change_window = Last day for a route change
deadline-kind-ontzorgen_follow_up = Ontzorgen: follow-up call (month 3)
deadline-kind-ontzorgen_decision = Ontzorgen: decide on continuing (month 5)
deadline-kind-ontzorgen_end = Ontzorgen: end
deadline-state-met = On time
deadline-state-met_late = Done late
deadline-state-open = Open
deadline-state-due_soon = Due soon
deadline-state-overdue = Overdue
deadline-state-passed = Passed
deadline-state-unknown = Unknown
deadline-days-left = { $days ->
    [0] today
    [one] 1 day left
   *[other] { $days } days left
}
deadline-days-late = { $days ->
    [one] 1 day late
   *[other] { $days } days late
}
deadline-done-on = done on { $date }
deadline-missing-koppeling_date = unknown — enter the koppeling date
deadline-missing-intake_started_on = unknown — enter the start of the brede intake
deadline-missing-pip_decided_on = starts when the PIP is decided
deadline-missing-ontzorgen_started_on = unknown — enter the start of ontzorgen
case-deadlines = Deadlines
field-ontzorgen_started_on = Ontzorgen started on
field-ontzorgen_follow_up_on = Ontzorgen follow-up call on (month 3)
field-ontzorgen_decided_on = Decision on continuing ontzorgen on (month 5)
deadline-settings-title = The municipality's terms
deadline-settings-pip-weeks = Decide the PIP within (weeks)
deadline-settings-pip-start = The PIP term runs from
deadline-settings-pip-start-koppeling = the koppeling date
deadline-settings-pip-start-intake_start = the start of the brede intake
deadline-settings-pip-start-hint = The law says ten weeks but not from which moment; choose what your municipality uses.
deadline-settings-route-change-months = Route change possible until (months after the PIP)
deadline-settings-ontzorgen-months = Ontzorgen lasts (months)
deadline-settings-ontzorgen-follow-up-month = Follow-up call in month
deadline-settings-ontzorgen-decision-month = Decision on continuing in month
deadline-settings-due-soon-days = "Due soon" means within (days)
deadline-settings-save = Save the terms
deadline-settings-saved = Terms saved.
error-deadline_terms_invalid = These terms do not add up: choose 1 to 52 weeks for the PIP, 0 to 90 days for "due soon", and a follow-up month no later than the decision month.

# Audit trail (NEN 7513)
audit-title = Who looked at this file?
audit-explained = Every time this client's data was viewed, changed, exported or printed on this device. The log is a hash chain: a removed or altered line shows.
audit-when = When
audit-who = Who
audit-action = Action
audit-what = What
audit-empty = Nothing recorded yet.
audit-action-read = viewed
audit-action-write = changed
audit-action-export = exported
audit-action-print = printed
audit-object-client = personal details
audit-object-case = case
audit-object-conversation = conversation
audit-object-administration = questionnaire
audit-object-household = household
audit-object-audit-export = audit trail (export)
audit-team-explained = On a supervisor's device: the lines of every device of the team about this client, as pulled at the last sync, with whether each device's hash chain holds.
audit-device = Device
audit-on-behalf = On behalf of
audit-from = From
audit-to = Up to and including
audit-actions = Actions
audit-search = Search
audit-export = Export as CSV
audit-export-dir = Folder to save the CSV in
audit-export-dir-hint = A full path, for example /home/marieke/Documents. Empty: the Downloads folder.
audit-exported = Saved: { $path }
audit-chains = Hash chain per device
audit-chain-own = this device
audit-chain-intact = holds ({ $entries } lines)
audit-chain-broken = broken: { $reason }
audit-chain-conflicts = { $count } conflicting lines received
audit-found = { $count } lines found
error-audit_supervisor_only = Only a supervisor's device can search the whole team's audit trail.
error-audit_period_reversed = The end date is before the start date. Choose a period that adds up.
error-export_directory_invalid = That folder does not exist. Enter the full path of an existing folder, or leave the field empty for the Downloads folder.
sync-outcome-audit_verified = audit line checked
sync-outcome-audit_stored = audit line kept
sync-outcome-audit_already_held = audit line already held
sync-outcome-audit_conflict = conflicting audit line
## Brede intake: conversation guide, money and ontzorgen, household
guide-topic-learnability = Learnability (learnability test)
guide-topic-education_work_origin = Education and work experience in the country of origin
guide-topic-personal_circumstances = Personal circumstances and health
guide-topic-household = Household and family reunification
guide-topic-housing = Housing
guide-topic-money = Money
guide-topic-health = Health and care
guide-topic-language = Language and literacy
guide-topic-digital = Digital skills
guide-topic-education = Education
guide-topic-work = Work
guide-topic-ambitions = Ambitions
guide-topic-childcare = Childcare and care duties
guide-topic-social_network = Social network
guide-topic-participation = Participation
guide-field-lbt_result = Learnability test result
guide-field-lbt_taken_on = Date of the test
guide-field-deviation_reason = Reason to deviate from the result
guide-field-highest_level = Highest completed education
guide-field-years_of_schooling = Years of schooling
guide-field-diploma = Diploma
guide-field-education_country = Country of education
guide-field-occupations = Occupations
guide-field-years_of_work = Years of work experience
guide-field-work_interests = Possibilities and interests in work
guide-field-physical_health = Physical health
guide-field-mental_health = Mental health
guide-field-capacity = Capacity (belastbaarheid)
guide-field-referrals = Referrals
guide-field-other_circumstances = Other circumstances
guide-field-household_type = Household type
guide-field-family_reunification = Family reunification
guide-field-money_managed_by = Who manages the money
guide-field-housing_situation = Housing situation
guide-field-rental_contract = Rental contract signed
guide-field-moved_in_on = Moved in on
guide-field-benefit_started_on = Benefit started on
guide-field-bank_account = Bank account
guide-field-debts = Debts
guide-field-gp_registered = Registered with a GP
guide-field-health_insurance = Health insurance arranged
guide-field-care_received = Care or support received now
guide-field-literacy_own_script = Literacy in own script
guide-field-literacy_latin_script = Literacy in the Latin script
guide-field-dutch_level = Dutch
guide-field-english_level = English
guide-field-learned_other_language = Learned another language before
guide-field-smartphone = Smartphone
guide-field-laptop_experience = Laptop experience
guide-field-email_address = E-mail address
guide-field-digid = DigiD
guide-field-wants_education = Wants to study
guide-field-diploma_evaluation = Diploma evaluation
guide-field-working_now = Working now
guide-field-volunteering = Volunteering
guide-field-hours_available = Availability
guide-field-ambition = Ambition or dream
guide-field-route_preference = Preferred learning route
guide-field-children_needing_care = Children needing care
guide-field-childcare = Childcare
guide-field-care_duties = Care duties
guide-field-network_in_nl = Network in the Netherlands
guide-field-contacts = Contacts
guide-field-ladder_step = Participation ladder
guide-field-activities = Activities
guide-option-no_schooling = No schooling
guide-option-primary = Primary
guide-option-secondary = Secondary
guide-option-vocational = Vocational
guide-option-higher = Higher education
guide-option-unknown = Unknown
guide-option-literate = Literate
guide-option-limited = Limited
guide-option-none = None
guide-option-average = Average
guide-option-fluent = Fluent
guide-option-full = Full
guide-option-strongly_limited = Strongly limited
guide-option-couple_without_children = Couple without children
guide-option-couple_with_children = Couple with children
guide-option-single_without_children = Single without children
guide-option-single_parent = Single parent
guide-option-wish = Wish
guide-option-applied = Applied
guide-option-granted = Granted
guide-option-arrived = Family has arrived
guide-option-self = Self
guide-option-partner = Partner
guide-option-together = Together
guide-option-other = Other
guide-option-coa = COA reception
guide-option-housed = Own home
guide-option-temporary = Temporary housing
guide-option-some = Some
guide-option-problematic = Problematic
guide-option-basic = Basic
guide-option-good = Good
guide-option-not_needed = Not needed
guide-option-to_request = To request
guide-option-requested = Requested
guide-option-done = Done
guide-option-not_available = Not available
guide-option-part_time = Part time
guide-option-full_time = Full time
guide-option-b1 = B1 route
guide-option-onderwijs = Education route
guide-option-z = Z route
guide-option-undecided = No preference yet
guide-option-needed = Needed
guide-option-waiting = On a waiting list
guide-option-arranged = Arranged
guide-option-1 = 1 Isolated
guide-option-2 = 2 Social contacts outside the home
guide-option-3 = 3 Organised activities
guide-option-4 = 4 Unpaid work / work in sight
guide-option-5 = 5 Paid work with support
guide-option-6 = 6 Paid work without support
value-yes = Yes
value-no = No
guide-title = Brede intake conversation guide
guide-overview-link = Ready for the PIP?
guide-summary = { $done } of { $total } topics done · { $missing ->
    [0] every mandatory part done
    [one] 1 mandatory part still open
   *[other] { $missing } mandatory parts still open
}
guide-mandatory = Mandatory part
guide-mandatory-short = mandatory
guide-discussed-in = Discussed on:
guide-lbt-linked = Done: learnability test result recorded (view)
guide-status-legend = Status in this conversation
guide-status-not_started = Not discussed yet
guide-status-to_do = To do
guide-status-covered = Covered
guide-status-not_applicable = Not applicable
guide-reason = Reason
guide-reason-required = Reason (required for a mandatory part)
guide-earlier = Recorded earlier: { $value }
guide-notes = Notes on this topic
guide-save = Save topic
guide-cancel = Cancel
guide-remove = Remove from this conversation
intake-back = Back to { $name }
intake-title = Brede intake of { $name }
intake-ready = Ready for the PIP conversation: every mandatory part is done.
intake-not-ready = Not ready for the PIP yet: { $count ->
    [one] 1 mandatory part is missing
   *[other] { $count } mandatory parts are missing
}.
intake-progress = { $done } of { $total } topics done, { $missing } open, over { $conversations } conversations. What is missing comes first.
intake-links-label = Intake, money and household
money-back = Back to the client
money-title = Money and ontzorgen
money-intro = The municipality pays the fixed costs from the benefit, for six months from the start of the benefit. In a household: record it once, with the partner who receives the benefit.
money-period = Ontzorgen
money-save = Save
money-ends = Ends after { $months } months
money-income = Monthly income
money-benefit = Benefit (net)
money-other-income = Other income
money-leefgeld = Living allowance
money-leefgeld-explained = Income { $income } + allowances received { $received } − fixed costs withheld { $withheld }
money-leefgeld-expected = Once every applied allowance arrives: { $amount }
money-leefgeld-negative = Fixed costs exceed the income: an advance is needed.
money-incomplete = { $count ->
    [one] 1 fixed cost has no amount yet: the living allowance is incomplete.
   *[other] { $count } fixed costs have no amount yet: the living allowance is incomplete.
}
money-leefgeld-needs-benefit = Enter the benefit to compute the living allowance.
money-costs = Fixed costs
money-cost = Fixed cost
money-cost-rent = Rent
money-cost-energy = Energy
money-cost-water = Water
money-cost-health_insurance = Health insurance
money-cost-internet = Internet
money-cost-phone = Phone
money-amount = Amount
money-amount-monthly = Amount per month (€)
money-creditor = Creditor
money-state = State
money-phase-out = Phase-out from
money-state-to_arrange = To arrange
money-state-authorisation_signed = Authorisation signed
money-state-direct_debit_stopped = Direct debit stopped
money-state-payment_running = Payment running
money-state-phased_out = Phased out: client pays
money-state-ended = Ended
money-state-client_pays = Client pays
money-warning-double_payment_risk = Direct debit not stopped: risk of double payment
money-warning-no_phase_out_planned = No phase-out date yet
money-warning-phase_out_after_end = Phase-out after ontzorgen ends: decide on continuing
money-warning-nobody_paying = Arranged over a month ago but no payment running yet
money-edit = Edit
money-authorised_on = Authorisation signed on
money-direct_debit_stopped_on = Direct debit stopped on
money-payment_started_on = Municipality pays from
money-phase_out_on = Phase-out: client pays from
money-ended_on = Ended on
money-no_direct_debit = There was no direct debit
money-client_pays = Client pays this themselves (not unburdened)
money-allowances = Allowances (toeslagen)
money-allowance = Allowance
money-applied_on = Applied on
money-received_on = First payment on
money-allowance-zorgtoeslag = Healthcare allowance
money-allowance-huurtoeslag = Rent allowance
money-allowance-kinderopvangtoeslag = Childcare allowance
money-allowance-kindgebonden_budget = Child budget
money-allowance-state-not_applied = Not applied for
money-allowance-state-applied = Applied for
money-allowance-state-received = Received
money-allowance-state-not_applicable = Not applicable
money-allowance-late = Nothing received after 3 months
money-allowance-not-applicable = No right to this allowance
money-projection = Living allowance per month of ontzorgen
money-month = Month
money-withheld = Withheld
money-leefgeld-now = Living allowance
money-leefgeld-expected-short = With applied allowances
money-measurements = Financial self-reliance
money-measurements-none = Not measured yet. Administer the financial self-reliance questionnaire in a conversation.
money-measurement-first = First measurement
money-measurement-repeat = Repeat measurement { $n }
money-level-onvoldoende = Insufficiently self-reliant
money-level-beperkt = Limited self-reliance
money-level-voldoende = Sufficiently self-reliant
money-level-none = No level (not completed)
money-level-confirm = Confirm the level (tie)
household-back = Back to the client
household-title = Household
household-view-link = View household
household-member = Member
household-arrival = Nareiziger
household-intake = Own intake
household-pip = Case and PIP
household-ontzorgen = Ontzorgen
household-alert-no_intake = Adult without an intake
household-alert-intake_not_started = Intake not started
household-alert-not_arrived = Not arrived yet
household-nareiziger = Nareiziger
household-arrived = Arrived on { $date }
household-expected = Expected on { $date }
household-not-arrived = Not arrived, date unknown
household-expected-on = Expected on
household-guide = { $done } of { $total } topics
household-minor = Minor: no intake of their own
household-pip-decided = PIP decided on { $date }
household-pip-none = No PIP yet
household-ontzorgen-period = { $start } to { $end }
household-ontzorgen-costs = { $count ->
    [one] 1 fixed cost paid
   *[other] { $count } fixed costs paid
}
household-ontzorgen-warnings = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}
household-money-note = Every adult member has their own intake and PIP. The benefit and ontzorgen belong to the household and are recorded with the partner who receives the benefit.
error-guide_topic_unknown = This topic is not in the conversation guide.
error-money_kind_unknown = This fixed cost or allowance is unknown.
error-no_case = This client has no case yet. Open a case first.
field-error-amount_shape = Enter an amount in euros, for example 612.50.
field-error-amount_too_precise = An amount has at most two decimals.
field-error-amount_out_of_range = This amount is too high (at most € 100,000 a month).
guide-error-reason-needed = Give a reason: a mandatory part can only be marked not applicable with a reason.
intake-group-missing = Still missing ({ $count })
intake-group-done = Done ({ $count })

## Client-facing view: languages, interpreter, review status (issue 7)
review-source = source text
review-untranslated = no translation: source text shown
client-view-interpreter = Interpreter view
client-view-interpreter-for = For the interpreter ({ $language })
client-view-review = Translation: questions { $questions } · buttons { $controls }
client-view-fallback = Missing in this language; shown in { $language }
client-view-languages = Language of the questions
administration-language-changes = Languages during the administration
answer-language = shown in { $language }
client-view-controls-fallback = not in this language, shown in { $language }

# Sync with the municipal server
nav-sync = Sync
nav-sync-locked = locked
nav-sync-unsynced = { $count ->
    [one] 1 change not on the server yet
   *[other] { $count } changes not on the server yet
}
sync-title = Sync with the municipal server
sync-enrol-title = Enrol this laptop
sync-enrol-explained = Your supervisor gives you a one-time code. The server address, municipality id, the municipality's root key and the server certificate come from IT, on paper or a USB stick — never through the server itself. Everything the laptop sends is encrypted; the server cannot read it.
sync-server-url = Server address
sync-tenant = Municipality id
sync-root-key = Municipality root key
sync-code = One-time code
sync-certificate = Server certificate (PEM)
sync-certificate-file = …or choose the certificate file
sync-enrol-submit = Enrol
sync-pin-title = The GGD's key
sync-pin-explained = Sealed questionnaires (such as the K10) are sealed for the GGD with every answer. For that this laptop needs the municipality's key list. It comes with enrolment; to start earlier, load the root key and the recipients.json file from IT here. Enrolment is then possible only with the same municipality.
sync-pin-list-file = The municipality's key list (recipients.json)
sync-pin-submit = Load the key list
sync-pin-done = The GGD's key is on this laptop: sealed questionnaires are sealed for the GGD with every answer.
sync-status-title = Status
sync-last-check-in = Last contact with the server
sync-unsynced = Not on the server yet
sync-role = Role
sync-role-counsellor = counsellor
sync-role-supervisor = supervisor
sync-fingerprint = Fingerprint
sync-certification = Certificate
sync-certified = certified: this laptop's changes are taken by the team
sync-not-certified = not certified yet: a supervisor certifies this laptop when granting the team key (the first supervisor: IT, with the key below)
sync-device-key = Device key (for IT)
sync-button = Sync now
sync-running = Syncing…
sync-phase-push = Sending
sync-phase-pull = Fetching
sync-progress-records = { $records } records
sync-report = Done: { $pushed } sent ({ $pushedKb } kB), { $pulled } fetched ({ $pulledKb } kB). Everything sent has a receipt from the server.
sync-report-sealed = { " " }{ $count } sealed for the GGD: kept, not readable on this laptop.
sync-report-refused = { " " }{ $count } refused because the signature did not verify; tell IT.
sync-waiting-team-key = This laptop is waiting for the team key from your supervisor. Until then nothing is exchanged. Compare this fingerprint with what your supervisor sees: { $fingerprint }
sync-offline-locked = This laptop has not synced for more than { $days } days. Client data is locked until the next sync. Take the laptop to the office and sync; your supervisor can help.
sync-conflicts-title = { $count ->
    [one] 1 conflict to settle
   *[other] { $count } conflicts to settle
}
sync-conflicts-explained = This field was changed on two devices at once. Both versions are kept; choose the right one.
sync-conflict-choose = Choose
sync-conflict-cleared = (cleared)
sync-pending-title = Devices waiting for the team key
sync-pending-none = No devices are waiting.
sync-fingerprint-typed = Fingerprint as the new laptop shows it
sync-grant = Grant the team key
sync-ledger-title = Ledger
sync-ledger-empty = Nothing sent or fetched yet.
sync-ledger-when = When
sync-ledger-direction = Direction
sync-ledger-what = What
sync-ledger-outcome = Outcome
sync-ledger-receipt = Receipt
sync-direction-pushed = sent
sync-direction-pulled = fetched
sync-outcome-receipted = received by the server
sync-outcome-applied = applied
sync-outcome-already_held = already held
sync-outcome-sealed_not_for_this_device = sealed, not for this laptop
sync-outcome-own_envelope = own change
sync-outcome-refused = refused
sync-lock-days-title = Locking without sync
sync-lock-days = Lock client data after this many days without a sync
start-locked-wiped = Your supervisor revoked this laptop. The data and keys on it have been destroyed. Contact your supervisor.
error-offline_locked = This laptop has not synced for too long; client data is locked. Go to Sync and sync.
error-sync_unreachable = The server cannot be reached. Check the network and try again later; nothing was lost.
error-sync_refused = The server refused the request ({ $code }). Nothing was lost; contact IT if it keeps happening.
error-sync_revoked = This laptop was revoked.
error-sync_revocation_unverified = The server refuses this laptop as revoked, but shows no revocation signed by a supervisor. Nothing was deleted and nothing was lost. Tell your supervisor and IT.
error-sync_not_certified = A supervisor has not certified this laptop yet. Ask your supervisor to compare the fingerprint and grant the team key; nothing was lost.
error-sync_not_certified_supervisor = This laptop is not a certified supervisor's laptop, so it cannot certify, revoke or change the role of a device.
error-sync_unknown_author = The server offered changes from a device that no supervisor certified. They were not taken in; nothing was lost. Tell IT.
error-sync_rate_limited = The server is busy. Try again in { $seconds } seconds.
error-sync_recipients_refused = The server's key list is not signed with the municipality's root key. Nothing was sent. Tell IT at once.
error-sync_no_recipient_list = The municipality has not set its key list on the server yet. Ask IT to do so.
error-sync_team_key_missing = This laptop does not have the team key yet. Ask your supervisor to grant it.
error-sync_not_enrolled = This laptop is not enrolled with the server yet.
error-sync_already_enrolled = This laptop is already enrolled.
error-sync_cannot_grant = Only a supervisor's laptop can grant the team key.
error-fingerprint_mismatch = The fingerprint does not match that device. Copy it from the new laptop's screen; the team key was not granted.
error-sync_bad_settings = The server address or the certificate cannot be used. Check what you entered.
error-sync_bad_lock_days = Choose a number of days from 1 to 365.
error-sync_failed = Sync failed. Nothing was lost; try again.
error-conflict_gone = This conflict has already been settled.
sync-import-title = Enter the team key (first supervisor)
sync-import-explained = The first supervisor enters the team key made at the municipality's key ceremony. Other laptops then get it from a supervisor.
sync-import-secret = Team key (secret)
sync-import-submit = Enter
error-sync_team_key_invalid = This is not this municipality's team key. Check what you entered.
## Consent register

consent-title = Consent
consent-intro = Consent holds per purpose and per recipient. Without consent given, Aankomst shares or exports nothing.
consent-purpose-share_screening_results = Share questionnaire results
consent-purpose-share_intake_summary = Share a summary of the broad intake
consent-purpose-exchange_information = Exchange information
consent-purpose-share_pip_copy = Send a copy of the PIP
consent-recipient-ggd = GGD
consent-recipient-huisarts = GP
consent-recipient-vwn = VluchtelingenWerk
consent-recipient-language_provider = language provider
consent-recipient-coa = COA
consent-recipient-duo = DUO
consent-recipient-with = with: { $recipient }
consent-state-never_asked = Not asked yet
consent-state-given = Given on { $date }
consent-state-refused = Refused on { $date }
consent-state-withdrawn = Withdrawn on { $date }
consent-decision-given = Given
consent-decision-refused = Refused
consent-decision-withdrawn = Withdrawn
consent-review-unreviewed = Translation not reviewed
consent-review-reviewed = Translation reviewed
consent-review-source = Source text
consent-ask = Ask consent
consent-ask-title = Ask consent
consent-withdraw = Withdraw
consent-withdraw-title = Withdraw consent
consent-withdraw-explain = The client withdraws consent for “{ $purpose }” with { $recipient }. From the date below, nothing more is shared.
consent-withdraw-date = Withdrawn on
consent-history = History ({ $count })
consent-text-version = text version { $version }
consent-shown-in = shown in { $language }
consent-via-interpreter = via { $mode } ({ $name })
consent-understood = question understood
consent-not-understood = question not answered right
consent-language = Client's language
consent-date = Date
consent-no-translation = This text has no { $language } version. The interpreter translates the Dutch text orally; the record says the Dutch text was shown.
consent-interpreter = Interpreter
consent-interpreter-from = Interpreter from the conversation
consent-interpreter-named = No conversation: record the interpreter below
consent-comprehension = Comprehension question (let the client answer in their own words)
consent-comprehension-hint = Consent can only be recorded when the client answers the comprehension question right. Otherwise explain it again.
consent-decide-given = Consent given
consent-decide-refused = Consent refused
error-consent_missing = Not shared: the client has not consented to sharing this with { $recipient ->
    [ggd] the GGD
    [huisarts] the GP
    [vwn] VluchtelingenWerk
    [language_provider] the language provider
    [coa] COA
    [duo] DUO
   *[other] this recipient
  } ({ $reason ->
    [refused] the client refused
    [withdrawn] the client withdrew consent
   *[never_asked] consent has not been asked yet
  }). Ask the client for consent, under Consent. Nothing was saved or sent.
error-consent_rule = { $rule ->
    [not_understood] The comprehension question was not answered right. Explain again and ask again; only then can consent be recorded.
    [future_date] The date is in the future. Choose today or an earlier date.
    [before_last_decision] The date is before the last decision on this consent. Choose that date or a later one.
    [nothing_to_withdraw] There is no consent given on that date to withdraw.
   *[other] This decision cannot be recorded.
  } Nothing was saved.
error-consent_text_unknown = This consent text is not known. Nothing was saved.
error-consent_language_missing = This text has no version in that language. Choose Dutch and let the interpreter translate.
error-record_not_editable = This cannot be changed this way. Nothing was saved.
administration-export-recipient = For
field-error-too_many_subgoals = A PIP has at most six subgoals. Merge goals or choose the six most important. Nothing was saved.
field-error-not_a_png = The signature could not be read. Sign again. Nothing was saved.

## PIP

plan-summary-title = PIP
plan-none = No PIP yet.
plan-start = Draft the PIP
plan-continue-draft = Open the draft PIP
plan-new-version = Make a new version
plan-title = PIP of { $name }
plan-version = Version { $version }
plan-versions = Versions
plan-draft = draft
plan-fixed-on = Fixed on { $date } by { $by }
plan-fixed-short = fixed { $date }
plan-back-to-client = Back to the client
plan-saved = Saved
plan-choose = — choose —
plan-yes = Yes
plan-no = No
plan-remove = Remove
plan-section-route = Learning route and modules
plan-route = Learning route
plan-route-b1 = B1 route
plan-route-onderwijs = Education route
plan-route-z = Z route (self-reliance route)
plan-route-previous = Route in the previous fixed version: { $route }.
plan-route-window = The route can be changed once, up to and including { $last_day } (used: { $used }).
plan-route-change-reason = Reason for the route change
plan-route-change-save = Change the route
plan-route-refusal-already_changed = The route has already been changed once. The law allows only one change.
plan-route-refusal-window_closed = The route can only be changed up to and including { $last_day } (18 months after the first PIP). That term has passed.
plan-route-refusal-no_pip_decision = There is no fixed PIP yet.
plan-route-refusal-before_pip_decision = The date is before the first PIP.
plan-rule-reason_missing = A route change needs a reason: the PIP is a decision open to objection. Write down the reason and try again.
plan-rule-already_fixed = This version is fixed and can no longer change. Make a new version.
plan-rule-incomplete = The PIP is not complete yet. First fill in what is missing below.
plan-rule-future_date = The date of the decision is in the future.
plan-rule-before_previous_version = The date is before the previous version was fixed.
plan-rule-in_review = This version is with the supervisor for review and cannot change now.
plan-rule-approved = This version is approved and can no longer change. Make a new version.
plan-rule-superseded = A newer version replaced this one.
plan-rule-not_submittable = Only a draft or a returned version can be submitted for review.
plan-rule-not_in_review = This version is not in review (any more).
plan-rule-not_approved = Only an approved version can be copied into a new version here.
plan-rule-not_supervisor = Only a supervisor's device can approve or return a PIP.
plan-rule-comment_missing = Write down what should change before returning the PIP.
plan-rule-review_required = The PIP can only be fixed once the supervisor has approved it. Submit it for review first.
plan-rule-approval_changed = This version changed after the supervisor approved it. Make a new version and submit it again.
plan-map = MAP (labour market and participation module)
plan-map-included = Follows the MAP
plan-map-exempt = Exempt
plan-map-note = MAP notes
plan-pvt-note = PVT (participation declaration programme): how it is worked out
plan-ontzorgen = Ontzorgen (fixed costs paid from the benefit)
plan-ontzorgen-yes = Yes
plan-ontzorgen-no = No
plan-ontzorgen-not_applicable = Not applicable
plan-ontzorgen-note = Agreements on ontzorgen
plan-social-guidance = Social guidance
plan-social-guidance-by = Guidance by
plan-section-goals = Goals and actions
plan-main-goal = Main goal
plan-subgoal = Subgoal { $n }
plan-add-subgoal = Add a subgoal
plan-subgoal-limit = A PIP has at most six subgoals.
plan-action-party = Who
plan-action-partner = Partner
plan-action = Action
plan-action-due = Date
plan-add-action = Add an action
plan-party-client = Client
plan-party-municipality = Municipality
plan-party-partner = Partner
plan-section-reviews = Progress reviews
plan-reviews-hint = Once the PIP is fixed, the planned progress reviews appear among the deadlines.
plan-review-date = Date of the progress review
plan-review-note = Note
plan-add-review = Add a progress review
plan-section-motivering = Reasons (motivering)
plan-motivering-hint = The PIP is a decision open to objection: write down why this route and these agreements fit, and refer to the intake findings.
plan-findings = Intake findings
plan-findings-none = No questionnaires or conversations to refer to yet.
plan-finding-detail-completed = completed
plan-finding-detail-in_progress = in progress
plan-finding-detail-paused = paused
plan-finding-detail-abandoned = stopped
plan-finding-detail-notes = with notes
plan-finding-detail-no_notes = without notes
plan-instrument-leerbaarheidstoets = Learnability test
plan-instrument-taalstart-eindrapportage = Language course final report
plan-instrument-phq9 = PHQ-9
plan-instrument-phq4 = PHQ-4
plan-instrument-gad7 = GAD-7
plan-instrument-who5 = WHO-5
plan-instrument-participatieladder = Participation ladder
plan-instrument-financiele-zelfredzaamheid = Financial self-reliance
plan-instrument-digitale-vaardigheden = Digital skills
plan-explained-language = Explained in
plan-section-fix = Fix the PIP
plan-missing = Still needed: { $fields }.
plan-missing-route = learning route
plan-missing-main_goal = main goal
plan-missing-motivering = reasons
plan-missing-reviews = at least one progress review
plan-fix-date = Date of the decision
plan-fix = Fix the PIP
plan-fix-hint = Once fixed, this version no longer changes. A later change becomes a new version.
plan-section-review = Review
plan-status-draft = draft
plan-status-in_review = in review
plan-status-returned = returned
plan-status-approved = approved
plan-status-fixed = fixed
plan-status-superseded = replaced
plan-submit-review = Submit for review
plan-review-complete-first = Fill in what is missing before submitting the PIP for review.
plan-review-none = Not submitted for review yet.
plan-review-waiting = Waiting for the supervisor's review.
plan-review-submitted = Submitted for review by { $name } on { $date }
plan-review-approved = Approved by { $name } on { $date }
plan-review-returned = Returned by { $name } on { $date } with comments:
plan-review-approved-locked = This version is approved. A change becomes a new version, which goes to review again.
plan-approved-by = Approved by { $name } on { $date }.
plan-approval-valid = Signature valid.
plan-approval-changed = Signature does not match: the plan changed after the approval.
plan-approval-invalid = Signature invalid.
plan-approval-unknown_signer = Signature cannot be checked on this device (the supervisor's device is unknown here).
plan-approval-not_supervisor = Signature is not from a supervisor's device.
review-title = PIPs to review
review-intro = PIP versions that counsellors submitted for your review. Open one to approve it or return it with comments.
review-waiting = Waiting for review ({ $count })
review-none = No PIPs are waiting for review.
review-col-client = Client
review-col-counsellor = Counsellor
review-col-submitted = Submitted
review-col-pip-due = PIP due
review-approve = Approve
review-comment = Comments for the counsellor
review-return = Return with comments
nav-review = Review
plan-section-signatures = Signatures
plan-signature-client = Client's signature
plan-signature-counsellor = Counsellor's signature
plan-signature-clear = Clear
plan-signature-save = Save signature
plan-signature-of = Signature of { $name }
plan-signer-name = Name
plan-attestation = Interpreter's attestation
plan-attestation-language = Translated into
plan-attestation-statement = I, { $name }, translated this plan into { $language }.
plan-attestation-save = Save attestation
deadline-kind-progress_review = Progress review (planned in the PIP)
error-plan_rule = This is not possible with the PIP. Nothing was saved.
error-plan_client_minor = This client is under 18 and gets no PIP of their own.
error-plan_field_not_editable = This part of the PIP cannot be changed here.
error-plan_route_unknown = This learning route is not known. Choose a route from the list.
error-plan_not_fixed = Fix the PIP first; then it is signed.
error-plan_routes_invalid = Every route needs a short code (lowercase letters, digits, - or _), unique and not b1, onderwijs or z, and a name.
settings-plan-routes = Own learning routes
settings-plan-routes-hint = Routes the municipality offers beside the B1 route, the education route and the Z route, such as the B1-mbo route.
settings-plan-route-code = Code
settings-plan-route-label = Name
settings-plan-route-add = Add a route
settings-plan-routes-save = Save routes
settings-plan-routes-saved = Saved.

## Device management (supervisor's Sync screen)
devices-title = Devices
devices-new-code = New enrolment code
devices-device = Device
devices-enrolled = Enrolled
devices-last-contact = Last contact
devices-status = Status
devices-actions = Actions
devices-this-device = this laptop
devices-never = never
devices-active = active
devices-revoked = revoked
devices-certification-certified = certified by a supervisor
devices-certification-revoked = revocation signed
devices-certification-not_certified = not certified: nothing it sends is taken
devices-audit-warning = Audit trail went back or was rewritten on this laptop (restored from an older copy, or entries removed). Ask why.
devices-revoke = Revoke
devices-revoke-named = Revoke { $device }
devices-revoke-title = Revoke { $device }?
devices-revoke-explained = { $device } will be refused by the server from now on. At its next contact it destroys its keys and all client data on it. Anything it had not synced yet is lost. This cannot be undone: the laptop would need a new enrolment code.
devices-revoke-confirm = Revoke { $device }
devices-revoked-rotate = { $device } is revoked. It may still hold the team key: have IT rotate the team key now with the command below (see "Sync and keys" in the documentation), so a lost laptop cannot read what the team writes from now on.
devices-label = For (name or laptop)
devices-code-hours = Valid for (hours)
devices-code-issue = Make code
devices-code-once = Read this code out or print it now. It is shown only once and works once.
devices-code-expires = Valid until
devices-code-done = Done
devices-print = Print
error-sync_not_supervisor = Only a supervisor's laptop can manage devices.
error-enrol_code_bad_role = Choose counsellor or supervisor.
error-enrol_code_bad_validity = A code is valid for 1 to 336 hours (14 days).
error-enrol_code_bad_label = The name is too long (at most 100 characters).
error-device_cannot_revoke_self = A laptop cannot revoke itself.
error-device_not_found = That device is not enrolled with the server.

## Handover
handover-open = Hand over
handover-title = Hand over this case
handover-from = Now assigned to { $from }.
handover-to = Hand over to (counsellor's name, as in their profile)
handover-note = Note for the new counsellor
handover-explained = The new counsellor's laptop receives the case and this note at its next sync. The history stays with the case.
handover-save = Hand over
handover-history = Handovers
handover-line = from { $from } to { $to }, by { $by }
handover-all-open = Hand over all cases of…
handover-all-title = Hand over all cases of a counsellor
handover-all-from = Counsellor whose cases move
handover-all-option = { $name } ({ $count } open)
handover-all-done = { $count ->
    [one] One case handed over. It reaches the new counsellor at their next sync.
   *[other] { $count } cases handed over. They reach the new counsellor at their next sync.
}
cases-filter-assigned = Counsellor
cases-assigned-everyone = Everyone
cases-assigned-mine = My cases
error-handover_no_counsellor = Name the counsellor to hand over to.
error-handover_too_long = The name or the note is too long.
error-handover_same_counsellor = The case is already assigned to that counsellor.
error-handover_supervisor_only = Only a supervisor's laptop can hand over all cases of a counsellor.
## PIP documents (PDF)
plan-documents-title = Documents (PDF)
plan-documents-hint = The client copy is the PIP in Dutch and in the client's language, for the client. The intake summary is for the case file. A PDF is saved only where you choose.
plan-documents-municipality = Municipality on the document
plan-documents-language = Language of the client copy
plan-documents-client-copy = Client copy (PDF)
plan-documents-intake-summary = Intake summary (PDF)
plan-documents-save = Save…
plan-documents-print = Print…
plan-documents-busy = Making the document…
plan-documents-saved = Saved: { $path }
plan-documents-cancelled = Not saved: you cancelled saving.
plan-documents-needs-fixed = The client copy can be made once the PIP is fixed.
plan-documents-review-unreviewed = Note: { $unreviewed } of the { $total } fixed texts in { $language } have not been checked by a translator (drafted automatically). The document says the Dutch text applies. Have the interpreter read it through with the client.
plan-documents-review-reviewed = The fixed texts in { $language } have been checked by a translator.
plan-documents-review-badge-unreviewed = not checked
plan-documents-review-badge-reviewed = checked
plan-documents-free-text = Text you typed (goals, actions, motivering) is on the document in Dutch only; the client's column says the interpreter or you explained it.
plan-documents-preview-title = Print preview: { $name }
plan-documents-preview-print = Print
plan-documents-preview-close = Close
plan-documents-preview-page = Page { $page }
error-document_language_unsupported = There are no client-copy texts for this language yet. Choose another language.
error-document_text_missing = A fixed text of the client copy is missing in this language ({ $id }). Nothing was saved.
error-document_incomplete = The document cannot be made: something is missing in the PIP ({ $field }).
error-document_character = The document contains a character that cannot be printed ({ $code_point }). Change the text and try again.
error-document_municipality = Enter the municipality's name (at most 100 characters).
error-document_failed = The document could not be made. Nothing was saved.
error-document_write_failed = The document could not be saved in the chosen place. Choose another folder or check the space. Nothing was saved.
error-plan_subgoal_limit = A PIP has at most six subgoals.
## Dashboard (supervisor)

nav-dashboard = Dashboard
dashboard-title = Team dashboard
dashboard-refresh = Refresh
dashboard-print = Print
dashboard-intro-team = The whole team's cases as this laptop holds them after the last sync. As of { $date }.
dashboard-intro-own = Your own cases ({ $name }): this laptop is not enrolled as a supervisor's. As of { $date }.
dashboard-figures = Key figures
dashboard-open-cases = open cases
dashboard-pip-overdue = PIP overdue
dashboard-pip-due-soon = PIP due in the coming two weeks
dashboard-consent-missing-cases = open cases missing a consent
dashboard-safety-outstanding = Safety protocols not yet confirmed
dashboard-unassigned = (no counsellor)
dashboard-col-counsellor = Counsellor
dashboard-col-days-late = Days late
dashboard-col-days-left = Days left
dashboard-col-open = Open cases
dashboard-col-phase = Phase
dashboard-col-step = Step
dashboard-col-n = Cases
dashboard-col-median = Median (p50)
dashboard-col-days = Days
dashboard-col-consent = Consent
dashboard-col-missing = Cases without it
dashboard-col-since = Since
dashboard-col-device = Device
dashboard-col-last = Last change received
dashboard-col-days-since = Days ago
dashboard-caseload = Caseload per counsellor
dashboard-caseload-chart = Open cases per counsellor, by phase
dashboard-phases = Cases by phase
dashboard-phases-chart = All { $count } cases by phase
dashboard-cases = Cases
dashboard-routes = Routes chosen
dashboard-routes-chart = Cases per learning route (last fixed PIP)
dashboard-no-routes = No PIP has been fixed yet.
dashboard-waiting = Waiting times
dashboard-waiting-hint = In days, per case, for the steps whose two dates are known. Percentiles: a quarter of the cases waited at most p25 days, half at most the median, and so on.
dashboard-step-koppeling_to_first_conversation = Koppeling → first conversation
dashboard-step-first_conversation_to_pip = First conversation → PIP
dashboard-step-pip_to_route = PIP → start of the route
dashboard-step-koppeling_to_pip = Koppeling → PIP (the legal term)
dashboard-days-range = { $from }–{ $to } days
dashboard-days-from = { $from }+ days
dashboard-consents = Consents missing
dashboard-no-safety = Every safety protocol has been confirmed.
dashboard-devices = Devices
dashboard-devices-hint = When the newest change from each laptop reached this one (for this laptop: its last check-in with the server).
dashboard-never = never
dashboard-export = Monitoring export for the municipality
dashboard-export-hint = Aggregate figures only (cases per route, waiting-time percentiles, PIPs on time, outcomes per quarter), as CSV. Figures about fewer than 5 people are left empty, and so is any figure that would let one be worked out. No names, BSN, V-numbers or dates of birth.
dashboard-export-folder = Folder
dashboard-export-folder-placeholder = Downloads (leave empty)
dashboard-export-button = Save the CSV
dashboard-export-done = Saved: { $path } ({ $rows } rows).
error-supervisor_only = Only a supervisor's laptop can do this.
error-export_folder_invalid = That folder does not exist. Type the full path of an existing folder, or leave it empty for Downloads.

## Save dialogs (opened by the app, titled in the counsellor's language)
dialog-save-client-copy = Save the PIP (client copy)
dialog-save-intake-summary = Save the broad intake summary

## The trajectory after the PIP (issue 19)
deadline-kind-review_interval = Next progress review at the latest (minimum frequency)
deadline-kind-action_due = Action from the PIP
deadline-kind-inburgering_term = End of the integration term
goal-status-open = Open
goal-status-in_progress = In progress
goal-status-reached = Reached
goal-status-not_reached = Not reached
goal-status-stopped = Stopped
goal-status-save = Save status
ontzorgen-outcome-continue = Continue
ontzorgen-outcome-stop = Stop
ontzorgen-outcome-budget_management = Budget management
duty-kind-vrijstelling = Exemption (vrijstelling)
duty-kind-ontheffing = Dispensation (ontheffing)
duty-scope-whole = the whole duty
duty-scope-part = part of the duty
duty-grounds-medical = medical reasons
duty-grounds-proven_level = level already proven (diploma)
duty-grounds-efforts = demonstrable sufficient effort
duty-grounds-other = other grounds
exam-level-a2 = A2
exam-level-b1 = B1
exam-level-b2 = B2 or higher
field-review_for = This conversation is the planned progress review of
field-review_for-hint = Leave empty: the nearest planned review.
progress-review-for-nearest = The nearest planned review
field-goal_status = Status
field-goal_reason = Note
field-goal_reason-required = Reason (required)
field-ontzorgen_outcome = Ontzorgen decision (month 5)
field-ontzorgen_extended_to = Ontzorgen extended to
field-new_end = New end date
field-extension_reason = Reason for the extension
field-duty_kind = Decision
field-duty_scope = Scope
field-duty_grounds = Grounds
field-duty_decided_on = Date of decision
field-duty_note = Note
field-exam_level = Exam level
field-adjustment_reason = Reason for the adjustment (lowering the level)
plan-exam-level-default = The route's level
plan-rule-level_change = This exam level is not possible: within the B1 route the level can only be lowered to A2 and within the education route to B1, always with a reason. Nothing was fixed.
progress-review-title = Progress on the goals
progress-review-no-goals = This case has no fixed PIP with goals yet.
progress-review-goals = Goals
progress-review-goal-of = Goal { $n } of { $total }
progress-review-actions = Actions
progress-review-previous = Previous goal
progress-review-next = Next goal
trajectory-title = Trajectory after the PIP
trajectory-reviews = Progress reviews
trajectory-next-review = Next planned review: { $date }
trajectory-no-next-review = No review planned any more.
trajectory-missed = { $n ->
    [one] 1 planned review missed
   *[other] { $n } planned reviews missed
}
trajectory-required = A review at least every { $months } months; the next one by
trajectory-plan-gaps = The PIP plans reviews further apart than every { $months } months: { $dates }.
trajectory-goals = Goals (PIP version { $version })
trajectory-term = Integration term
trajectory-term-ends = Runs until { $date } inclusive
trajectory-term-after-pip = The three-year term starts when the PIP is fixed.
trajectory-term-ended = The duty was ended by the decision below.
trajectory-extension-line = Extended to { $date } (decided { $decided }):
trajectory-extend = Extend the term
trajectory-extend-save = Save the extension
trajectory-duty = Exemption or dispensation
trajectory-duty-none = No decision recorded.
trajectory-duty-record = Record a decision
trajectory-duty-change = Change the decision
trajectory-duty-save = Save the decision
error-no_fixed_plan = This case has no fixed PIP yet.
error-goal_not_found = This goal is not (or no longer) in the fixed PIP. Nothing was saved.
error-date_invalid = That date is not valid. Nothing was saved.
error-term_extension = { $refusal ->
    [not_later] An extension must end after the current end date. Nothing was saved.
    [reason_missing] An extension needs a reason. Nothing was saved.
   *[no_term] The term starts only when the PIP is fixed. Nothing was saved.
}
dashboard-reviews = Progress reviews that need attention
dashboard-no-reviews = No missed or soon planned progress reviews.
dashboard-col-review-next = Next planned
dashboard-col-review-missed = Missed
dashboard-col-review-required = By (frequency)
deadline-kind-z_final_conversation = Z-route: final conversation
field-z_final_conversation_on = Z-route final conversation held on
z-activity-language_knm = Language and KNM
z-activity-participation = Participation (with PVT and MAP)
trajectory-z-hours = Z-route hours
trajectory-z-activity = Part
trajectory-z-month = Month
trajectory-z-planned = Planned
trajectory-z-attended = Attended
trajectory-z-norm = Norm
trajectory-z-remaining = Still to attend
trajectory-z-save = Save the month's hours
plan-rule-ontzorgen_not_for_target_group = Ontzorgen is for status holders on benefits, not for family migrants and other migrants. Choose "no" or "not applicable" for ontzorgen. Nothing was fixed.
# Municipal policy (issue 20): signed by the municipality, the same on every laptop
error-policy_fixed = { $setting ->
    [auto_lock_minutes] The municipality's policy allows an automatic lock of at most { $max } minutes. Choose a shorter time; nothing was changed.
    [offline_lock_days] The number of days without contact with the server is set by the municipality's policy. Nothing was changed.
    [deadline_terms] The terms are set by the municipality's policy. Nothing was changed.
    [plan_routes] The learning routes are set by the municipality's policy. Nothing was changed.
    [sealed_instruments] What the municipality's policy seals for the GGD stays sealed. You can seal more questionnaires. Nothing was changed.
    [safety_contacts] The helplines are set by the municipality's policy. Nothing was changed.
   *[other] This setting is fixed by the municipality's policy. Nothing was changed.
}
error-policy_pack_not_approved = This questionnaire pack is not approved in the municipality's policy and was not installed. Ask the functional administrator to approve it.
error-policy_invalid = This policy does not add up (field: { $field }) and was not published. Correct it and try again.
policy-title = The municipality's policy
policy-source = Set by policy version { $version }, signed by { $signer } on { $issued }.
policy-source-root = the municipality (root key)
policy-source-device = a certified device of the municipality (…{ $device })
policy-default = Default policy: the municipality has not published a policy yet.
policy-fixed-note = This setting is fixed by the municipality's policy.
policy-offline-lock-days = Lock after days without contact with the server
policy-max-auto-lock = Longest automatic lock (minutes)
policy-sealed = Sealed for the GGD
policy-routes = Learning routes
policy-consents = Consent needed for
policy-packs = Approved packs
policy-packs-any = Any pack may be installed
policy-ggd-follow-up-days = Days until flagged without GGD follow-up
policy-edit = Change the policy
policy-publish = Sign and publish
policy-published = Policy signed and published. Every laptop takes it at its next sync.
policy-accepted = New policy taken over: version { $version }.
policy-refused-malformed = The policy the server offered is unsigned or unreadable and was refused. This laptop keeps the policy it had.
policy-refused-other-tenant = The server offered another municipality's policy. It was refused; this laptop keeps the policy it had. Report this to IT.
policy-refused-unknown-signer = The policy the server offered is signed by an unknown key and was refused. This laptop keeps the policy it had.
policy-refused-signer-not-authorised = The policy the server offered is signed by someone who may not sign a policy. It was refused; this laptop keeps the policy it had.
policy-refused-signer-revoked = The policy the server offered is signed by a revoked device and was refused. This laptop keeps the policy it had.
policy-refused-bad-signature = The signature of the policy the server offered does not verify. It was refused; this laptop keeps the policy it had. Report this to IT.
policy-refused-rollback = The server offered an older policy than this laptop has. It was refused; this laptop keeps the newer one. Report this to IT.
policy-refused-conflict = The server offered a different policy under the same version number. It was refused; this laptop keeps the policy it had. Report this to IT.
policy-refused-invalid-content = The policy the server offered is signed correctly but its content does not add up. It was refused; this laptop keeps the policy it had.
