# What the client sees on the client-facing view (en). Written by the development team,
# not by a certified translator: every message is `.review = unreviewed` until one has
# checked it (then `reviewed`; `validated` only for a formally validated text).

client-language-name = English
    .review = unreviewed

client-language-choose = Language
    .review = unreviewed

client-question-of = Question { $position } of { $count }
    .review = unreviewed

client-dont-know = I don't know
    .review = unreviewed

client-declined = I don't want to answer this
    .review = unreviewed

client-all-answered = All questions are answered.
    .review = unreviewed

client-finish = Done
    .review = unreviewed

client-thanks = Thank you.
    .review = unreviewed

client-call-counsellor = Please call your counsellor now.
    .review = unreviewed

client-give-back = Please give the screen back to your counsellor.
    .review = unreviewed

client-help = If you need help:
    .review = unreviewed

client-back = Back
    .review = unreviewed

client-how-to = Choose the answer that fits you best. There are no right or wrong answers.
    .review = unreviewed

client-how-to-open = How it works
    .review = unreviewed

client-scale-level = { $level } of { $max }
    .review = unreviewed

client-listen = Listen
    .review = unreviewed
