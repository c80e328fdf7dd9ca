import type { Locale } from "./en.ts";

// Japanese: the polite form (です・ます), no spaces between words or before a counter
// ("5件のコメント"), full-width punctuation (、。！？（）). One plural form: "other".
// The blog's owner is "管理人", as Japanese blogs call them; other readers get "さん".
export const ja: Locale = {
  dir: "ltr",
  "thread.label": "コメント",
  "thread.count": { other: "{n}件のコメント" },
  "thread.loading": "コメントを読み込んでいます…",
  "thread.error": "コメントを読み込めませんでした。",
  "thread.retry": "再読み込み",
  "thread.more": "コメントをさらに表示",
  "thread.moreReplies": { other: "返信をあと{n}件表示" },
  "thread.closed": "コメントの受け付けは終了しました。",
  "thread.sort": "並べ替え",
  "sort.oldest": "古い順",
  "sort.newest": "新しい順",
  "sort.top": "人気順",

  "comment.anonymous": "匿名",
  "comment.owner": "管理人",
  "comment.pending": "承認待ち",
  "comment.deleted": "このコメントは削除されました",
  "comment.reply": "返信",
  "comment.replyTo": "{name}さんに返信",
  "comment.inReplyTo": "{name}さんへの返信",
  "comment.edited": "編集済み",
  "comment.like": { other: "いいね（{n}）" },

  "form.title": "コメントを書く",
  "form.name": "名前",
  "form.email": "メールアドレス（任意・公開されません）",
  "form.website": "ウェブサイト（任意）",
  "form.body": "コメント",
  "form.submit": "コメントを送信",
  "form.sending": "送信中…",
  "form.cancel": "キャンセル",
  "form.preview": "プレビュー",
  "form.hint": "**太字**、*斜体*、`コード`、> 引用、リンク",

  "error.network": "サーバーに接続できませんでした。もう一度お試しください。",
  "error.generic": "エラーが発生しました。もう一度お試しください。",

  "comment.edit": "編集",
  "comment.delete": "削除",
  "comment.confirm": "削除しますか？",
  "comment.yes": "はい",
  "comment.no": "いいえ",
  "form.save": "保存",
  "form.published": "コメントを公開しました。",
  "form.pending": "ありがとうございます！コメントは承認後に表示されます。",
  "form.notify": "返信をメールで知らせる",
  "form.notifyThread": "…このページの新しいコメントもすべて",
};
