# What the client sees on the client-facing view (fa). Written by the development team,
# not by a certified translator: every message is `.review = unreviewed` until one has
# checked it (then `reviewed`; `validated` only for a formally validated text).

client-language-name = فارسی
    .review = unreviewed

client-language-choose = زبان
    .review = unreviewed

client-question-of = پرسش { $position } از { $count }
    .review = unreviewed

client-dont-know = نمی‌دانم
    .review = unreviewed

client-declined = نمی‌خواهم به این پرسش پاسخ دهم
    .review = unreviewed

client-all-answered = به همهٔ پرسش‌ها پاسخ داده شد.
    .review = unreviewed

client-finish = تمام
    .review = unreviewed

client-thanks = سپاسگزاریم.
    .review = unreviewed

client-call-counsellor = لطفاً اکنون مشاور خود را صدا بزنید.
    .review = unreviewed

client-give-back = لطفاً صفحه را به مشاور خود برگردانید.
    .review = unreviewed

client-help = اگر به کمک نیاز دارید:
    .review = unreviewed

client-back = بازگشت
    .review = unreviewed

client-how-to = پاسخی را انتخاب کنید که بیشتر با شما جور است. پاسخ درست یا غلط وجود ندارد.
    .review = unreviewed

client-how-to-open = راهنما
    .review = unreviewed

client-scale-level = { $level } از { $max }
    .review = unreviewed

client-listen = گوش دهید
    .review = unreviewed
