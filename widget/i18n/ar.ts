import type { Locale } from "./en.ts";

// Arabic: Modern Standard Arabic, right to left (`dir`, set on the widget's root). Every
// plural category is its own form, as Arabic writes them: 0 "لا تعليقات", 1 "تعليق واحد",
// 2 "تعليقان" (one and two say the number in the noun, no digit), 3–10 "3 تعليقات" (few,
// plural), 11–99 "11 تعليقًا" (many, singular accusative), 100–102 "100 تعليق" (other).
// Arabic comma ، and question mark ؟; the digits are those Intl.NumberFormat("ar") writes.
export const ar: Locale = {
  dir: "rtl",
  "thread.label": "التعليقات",
  "thread.count": {
    zero: "لا تعليقات",
    one: "تعليق واحد",
    two: "تعليقان",
    few: "{n} تعليقات",
    many: "{n} تعليقًا",
    other: "{n} تعليق",
  },
  "thread.loading": "جارٍ تحميل التعليقات…",
  "thread.error": "تعذّر تحميل التعليقات.",
  "thread.retry": "إعادة المحاولة",
  "thread.more": "عرض المزيد من التعليقات",
  "thread.moreReplies": {
    zero: "لا ردود أخرى",
    one: "عرض رد آخر",
    two: "عرض ردين آخرين",
    few: "عرض {n} ردود أخرى",
    many: "عرض {n} ردًا آخر",
    other: "عرض {n} رد آخر",
  },
  "thread.closed": "التعليقات مغلقة.",
  "thread.sort": "الترتيب حسب",
  "sort.oldest": "الأقدم",
  "sort.newest": "الأحدث",
  "sort.top": "الأكثر إعجابًا",

  "comment.anonymous": "مجهول",
  "comment.owner": "الكاتب",
  "comment.pending": "بانتظار المراجعة",
  "comment.deleted": "تعليق محذوف",
  "comment.reply": "رد",
  "comment.replyTo": "الرد على {name}",
  "comment.inReplyTo": "ردًا على {name}",
  "comment.edited": "معدّل",
  "comment.like": { other: "إعجاب ({n})" },

  "form.title": "اترك تعليقًا",
  "form.name": "الاسم",
  "form.email": "البريد الإلكتروني (اختياري، لا يظهر أبدًا)",
  "form.website": "الموقع الإلكتروني (اختياري)",
  "form.body": "التعليق",
  "form.submit": "نشر التعليق",
  "form.sending": "جارٍ الإرسال…",
  "form.cancel": "إلغاء",
  "form.preview": "معاينة",
  "form.hint": "**عريض**، *مائل*، `شيفرة`، > اقتباس، روابط",

  "error.network": "تعذّر الاتصال بالخادم. حاول مرة أخرى.",
  "error.generic": "حدث خطأ ما. حاول مرة أخرى.",

  "comment.edit": "تعديل",
  "comment.delete": "حذف",
  "comment.confirm": "حذف؟",
  "comment.yes": "نعم",
  "comment.no": "لا",
  "form.save": "حفظ",
  "form.published": "نُشر تعليقك.",
  "form.pending": "شكرًا لك! تعليقك بانتظار المراجعة.",
};
