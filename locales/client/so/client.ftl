# What the client sees on the client-facing view (so). Written by the development team,
# not by a certified translator: every message is `.review = unreviewed` until one has
# checked it (then `reviewed`; `validated` only for a formally validated text).

client-language-name = Soomaali
    .review = unreviewed

client-language-choose = Luqadda
    .review = unreviewed

client-question-of = Su'aasha { $position } ee { $count }
    .review = unreviewed

client-dont-know = Ma garanayo
    .review = unreviewed

client-declined = Ma doonayo inaan ka jawaabo tan
    .review = unreviewed

client-all-answered = Su'aalaha oo dhan waa laga jawaabay.
    .review = unreviewed

client-finish = Waa dhammaatay
    .review = unreviewed

client-thanks = Mahadsanid.
    .review = unreviewed

client-call-counsellor = Fadlan hadda u yeer la-taliyahaaga.
    .review = unreviewed

client-give-back = Fadlan shaashadda u celi la-taliyahaaga.
    .review = unreviewed

client-help = Haddii aad caawimaad u baahan tahay:
    .review = unreviewed

client-back = Dib u noqo
    .review = unreviewed

client-how-to = Dooro jawaabta sida ugu fiican kuugu habboon. Ma jiraan jawaabo sax ah ama khalad ah.
    .review = unreviewed

client-how-to-open = Sharaxaad
    .review = unreviewed

client-scale-level = { $level } ee { $max }
    .review = unreviewed

client-listen = Dhageyso
    .review = unreviewed
