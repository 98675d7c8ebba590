# What the client sees on the client-facing view (uk). Written by the development team,
# not by a certified translator: every message is `.review = unreviewed` until one has
# checked it (then `reviewed`; `validated` only for a formally validated text).

client-language-name = Українська
    .review = unreviewed

client-language-choose = Мова
    .review = unreviewed

client-question-of = Питання { $position } з { $count }
    .review = unreviewed

client-dont-know = Я не знаю
    .review = unreviewed

client-declined = Я не хочу відповідати на це
    .review = unreviewed

client-all-answered = На всі питання надано відповіді.
    .review = unreviewed

client-finish = Готово
    .review = unreviewed

client-thanks = Дякуємо.
    .review = unreviewed

client-call-counsellor = Будь ласка, покличте зараз свого консультанта.
    .review = unreviewed

client-give-back = Будь ласка, поверніть екран своєму консультантові.
    .review = unreviewed

client-help = Якщо вам потрібна допомога:
    .review = unreviewed

client-back = Назад
    .review = unreviewed

client-how-to = Оберіть відповідь, яка вам найбільше підходить. Правильних чи неправильних відповідей немає.
    .review = unreviewed

client-how-to-open = Пояснення
    .review = unreviewed

client-scale-level = { $level } з { $max }
    .review = unreviewed

client-listen = Слухати
    .review = unreviewed
