# What the client sees on the client-facing view (ar). Written by the development team,
# not by a certified translator: every message is `.review = unreviewed` until one has
# checked it (then `reviewed`; `validated` only for a formally validated text).

client-language-name = العربية
    .review = unreviewed

client-language-choose = اللغة
    .review = unreviewed

client-question-of = السؤال { $position } من { $count }
    .review = unreviewed

client-dont-know = لا أعرف
    .review = unreviewed

client-declined = لا أريد الإجابة على هذا
    .review = unreviewed

client-all-answered = تمت الإجابة على جميع الأسئلة.
    .review = unreviewed

client-finish = انتهيت
    .review = unreviewed

client-thanks = شكرًا لك.
    .review = unreviewed

client-call-counsellor = يرجى مناداة مرشدك الآن.
    .review = unreviewed

client-give-back = يرجى إعادة الشاشة إلى مرشدك.
    .review = unreviewed

client-help = إذا كنت بحاجة إلى مساعدة:
    .review = unreviewed

client-back = رجوع
    .review = unreviewed

client-how-to = اختر الإجابة التي تناسبك أكثر. لا توجد إجابات صحيحة أو خاطئة.
    .review = unreviewed

client-how-to-open = شرح
    .review = unreviewed

client-scale-level = { $level } من { $max }
    .review = unreviewed

client-listen = استمع
    .review = unreviewed
