# What the client sees on the client-facing view, in Dutch: the source text every
# translation is made from. `.review = source`: it is not a translation.

client-language-name = Nederlands
    .review = source

client-language-choose = Taal
    .review = source

client-question-of = Vraag { $position } van { $count }
    .review = source

client-dont-know = Ik weet het niet
    .review = source

client-declined = Ik wil dit niet beantwoorden
    .review = source

client-all-answered = Alle vragen zijn beantwoord.
    .review = source

client-finish = Klaar
    .review = source

client-thanks = Dank u wel.
    .review = source

client-call-counsellor = Roep nu uw consulent.
    .review = source

client-give-back = Geef het scherm terug aan uw consulent.
    .review = source

client-help = Als u hulp nodig heeft:
    .review = source

client-back = Terug
    .review = source

client-how-to = Kies het antwoord dat het best bij u past. Er zijn geen goede of foute antwoorden.
    .review = source

client-how-to-open = Uitleg
    .review = source

client-scale-level = { $level } van { $max }
    .review = source

client-listen = Luister
    .review = source
