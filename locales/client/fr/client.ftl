# What the client sees on the client-facing view (fr). Written by the development team,
# not by a certified translator: every message is `.review = unreviewed` until one has
# checked it (then `reviewed`; `validated` only for a formally validated text).

client-language-name = Français
    .review = unreviewed

client-language-choose = Langue
    .review = unreviewed

client-question-of = Question { $position } sur { $count }
    .review = unreviewed

client-dont-know = Je ne sais pas
    .review = unreviewed

client-declined = Je ne veux pas répondre à cette question
    .review = unreviewed

client-all-answered = Vous avez répondu à toutes les questions.
    .review = unreviewed

client-finish = Terminé
    .review = unreviewed

client-thanks = Merci.
    .review = unreviewed

client-call-counsellor = Veuillez appeler votre conseiller maintenant.
    .review = unreviewed

client-give-back = Veuillez rendre l'écran à votre conseiller.
    .review = unreviewed

client-help = Si vous avez besoin d'aide :
    .review = unreviewed

client-back = Retour
    .review = unreviewed

client-how-to = Choisissez la réponse qui vous correspond le mieux. Il n'y a pas de bonnes ou de mauvaises réponses.
    .review = unreviewed

client-how-to-open = Explications
    .review = unreviewed

client-scale-level = { $level } sur { $max }
    .review = unreviewed

client-listen = Écouter
    .review = unreviewed
