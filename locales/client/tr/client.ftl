# What the client sees on the client-facing view (tr). Written by the development team,
# not by a certified translator: every message is `.review = unreviewed` until one has
# checked it (then `reviewed`; `validated` only for a formally validated text).

client-language-name = Türkçe
    .review = unreviewed

client-language-choose = Dil
    .review = unreviewed

client-question-of = Soru { $position } / { $count }
    .review = unreviewed

client-dont-know = Bilmiyorum
    .review = unreviewed

client-declined = Bu soruya cevap vermek istemiyorum
    .review = unreviewed

client-all-answered = Tüm sorular cevaplandı.
    .review = unreviewed

client-finish = Bitti
    .review = unreviewed

client-thanks = Teşekkür ederiz.
    .review = unreviewed

client-call-counsellor = Lütfen şimdi danışmanınızı çağırın.
    .review = unreviewed

client-give-back = Lütfen ekranı danışmanınıza geri verin.
    .review = unreviewed

client-help = Yardıma ihtiyacınız olursa:
    .review = unreviewed

client-back = Geri
    .review = unreviewed

client-how-to = Size en uygun cevabı seçin. Doğru ya da yanlış cevap yoktur.
    .review = unreviewed

client-how-to-open = Açıklama
    .review = unreviewed

client-scale-level = { $level } / { $max }
    .review = unreviewed

client-listen = Dinle
    .review = unreviewed
