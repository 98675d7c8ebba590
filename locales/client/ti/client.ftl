# What the client sees on the client-facing view (ti). Written by the development team,
# not by a certified translator: every message is `.review = unreviewed` until one has
# checked it (then `reviewed`; `validated` only for a formally validated text).

client-language-name = ትግርኛ
    .review = unreviewed

client-language-choose = ቋንቋ
    .review = unreviewed

client-question-of = ሕቶ { $position } ካብ { $count }
    .review = unreviewed

client-dont-know = ኣይፈልጥን
    .review = unreviewed

client-declined = ነዚ ክምልሶ ኣይደልን
    .review = unreviewed

client-all-answered = ኩሎም ሕቶታት ተመሊሶም ኣለዉ።
    .review = unreviewed

client-finish = ተወዲኡ
    .review = unreviewed

client-thanks = የቐንየለይ።
    .review = unreviewed

client-call-counsellor = በጃኹም ሕጂ ንኣማኻሪኹም ጸውዑ።
    .review = unreviewed

client-give-back = በጃኹም ነቲ ስክሪን ናብ ኣማኻሪኹም ኣረክቡ።
    .review = unreviewed

client-help = ሓገዝ እንተ ደሊኹም፦
    .review = unreviewed

client-back = ንድሕሪት
    .review = unreviewed

client-how-to = እቲ ዝበለጸ ዝሰማማዓኩም መልሲ ምረጹ። ቅኑዕ ወይ ጌጋ መልሲ የለን።
    .review = unreviewed

client-how-to-open = መብርሂ
    .review = unreviewed

client-scale-level = { $level } ካብ { $max }
    .review = unreviewed

client-listen = ስምዑ
    .review = unreviewed
