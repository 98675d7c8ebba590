# What the client sees on the client-facing view (prs). Written by the development team,
# not by a certified translator: every message is `.review = unreviewed` until one has
# checked it (then `reviewed`; `validated` only for a formally validated text).

client-language-name = دری
    .review = unreviewed

client-language-choose = زبان
    .review = unreviewed

client-question-of = سوال { $position } از { $count }
    .review = unreviewed

client-dont-know = نمی‌دانم
    .review = unreviewed

client-declined = نمی‌خواهم به این سوال جواب بدهم
    .review = unreviewed

client-all-answered = به همه سوال‌ها جواب داده شد.
    .review = unreviewed

client-finish = خلاص
    .review = unreviewed

client-thanks = تشکر.
    .review = unreviewed

client-call-counsellor = لطفاً حالا مشاور خود را صدا کنید.
    .review = unreviewed

client-give-back = لطفاً صفحه را دوباره به مشاور خود بدهید.
    .review = unreviewed

client-help = اگر به کمک ضرورت دارید:
    .review = unreviewed

client-back = پس
    .review = unreviewed

client-how-to = جوابی را انتخاب کنید که بیشتر به شما مناسب است. جواب درست یا غلط وجود ندارد.
    .review = unreviewed

client-how-to-open = رهنمایی
    .review = unreviewed

client-scale-level = { $level } از { $max }
    .review = unreviewed

client-listen = گوش کنید
    .review = unreviewed
