import type { Locale } from "./en.ts";

// Russian: the noun after a number takes its case from the number (Intl.PluralRules):
// one "1 комментарий" (1, 21, 31…), few "2 комментария" (2–4, 22–24…), many
// "5 комментариев" (0, 5–20, 25…), other for fractions "1,5 комментария". Readers are
// addressed as "вы", as Russian sites do. A name can't be declined, so it stands in
// apposition to "пользователь", which can ("Ответить пользователю Аня"). Quotation marks «…», ё written.
export const ru: Locale = {
  dir: "ltr",
  "thread.label": "Комментарии",
  "thread.count": { one: "{n} комментарий", few: "{n} комментария", many: "{n} комментариев", other: "{n} комментария" },
  "thread.loading": "Загрузка комментариев…",
  "thread.error": "Не удалось загрузить комментарии.",
  "thread.retry": "Повторить",
  "thread.more": "Показать ещё комментарии",
  "thread.moreReplies": {
    one: "Показать ещё {n} ответ",
    few: "Показать ещё {n} ответа",
    many: "Показать ещё {n} ответов",
    other: "Показать ещё {n} ответа",
  },
  "thread.closed": "Комментарии закрыты.",
  "thread.sort": "Сортировка",
  "sort.oldest": "Сначала старые",
  "sort.newest": "Сначала новые",
  "sort.top": "Популярные",

  "comment.anonymous": "Аноним",
  "comment.owner": "Автор",
  "comment.pending": "Ожидает модерации",
  "comment.deleted": "Комментарий удалён",
  "comment.reply": "Ответить",
  "comment.replyTo": "Ответить пользователю {name}",
  "comment.inReplyTo": "в ответ пользователю {name}",
  "comment.edited": "изменено",
  "comment.like": { other: "Нравится ({n})" },

  "form.title": "Оставить комментарий",
  "form.name": "Имя",
  "form.email": "Эл. почта (необязательно, не публикуется)",
  "form.website": "Сайт (необязательно)",
  "form.body": "Комментарий",
  "form.submit": "Отправить",
  "form.sending": "Отправка…",
  "form.cancel": "Отмена",
  "form.preview": "Просмотр",
  "form.hint": "**жирный**, *курсив*, `код`, > цитата, ссылки",

  "error.network": "Сервер недоступен. Попробуйте ещё раз.",
  "error.generic": "Что-то пошло не так. Попробуйте ещё раз.",

  "comment.edit": "Изменить",
  "comment.delete": "Удалить",
  "comment.confirm": "Удалить?",
  "comment.yes": "Да",
  "comment.no": "Нет",
  "form.save": "Сохранить",
  "form.published": "Ваш комментарий опубликован.",
  "form.pending": "Спасибо! Комментарий появится после проверки.",
  "form.notify": "Сообщать мне об ответах по e-mail",
  "form.notifyThread": "…и о каждом новом комментарии на этой странице",
};
