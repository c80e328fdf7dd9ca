import type { Locale } from "./en.ts";

// Portuguese as written in Brazil (most of its readers; pt-PT pages get it too, the tag is
// matched on "pt" alone): "você", "curtir", "excluir". Intl.PluralRules puts 0 in "one"
// ("0 comentário", as CLDR has it); "many" is for round millions: "1.000.000 de comentários".
export const pt: Locale = {
  dir: "ltr",
  "thread.label": "Comentários",
  "thread.count": { one: "{n} comentário", many: "{n} de comentários", other: "{n} comentários" },
  "thread.loading": "Carregando comentários…",
  "thread.error": "Não foi possível carregar os comentários.",
  "thread.retry": "Tentar novamente",
  "thread.more": "Carregar mais comentários",
  "thread.moreReplies": { one: "Ver mais {n} resposta", many: "Ver mais {n} de respostas", other: "Ver mais {n} respostas" },
  "thread.closed": "Os comentários estão fechados.",
  "thread.sort": "Ordenar por",
  "sort.oldest": "Mais antigos",
  "sort.newest": "Mais recentes",
  "sort.top": "Mais curtidos",

  "comment.anonymous": "Anônimo",
  "comment.owner": "Autor",
  "comment.pending": "Aguardando moderação",
  "comment.deleted": "Comentário excluído",
  "comment.reply": "Responder",
  "comment.replyTo": "Responder a {name}",
  "comment.inReplyTo": "em resposta a {name}",
  "comment.edited": "editado",
  "comment.like": { other: "Curtir ({n})" },

  "form.title": "Deixe um comentário",
  "form.name": "Nome",
  "form.email": "E-mail (opcional, nunca exibido)",
  "form.website": "Site (opcional)",
  "form.body": "Comentário",
  "form.submit": "Publicar comentário",
  "form.sending": "Enviando…",
  "form.cancel": "Cancelar",
  "form.preview": "Visualizar",
  "form.hint": "**negrito**, *itálico*, `código`, > citação, links",

  "error.network": "Não foi possível conectar ao servidor. Tente novamente.",
  "error.generic": "Algo deu errado. Tente novamente.",

  "comment.edit": "Editar",
  "comment.delete": "Excluir",
  "comment.confirm": "Excluir?",
  "comment.yes": "Sim",
  "comment.no": "Não",
  "form.save": "Salvar",
  "form.published": "Seu comentário foi publicado.",
  "form.pending": "Obrigado! Seu comentário está aguardando moderação.",
  "form.notify": "Avisar-me das respostas por e-mail",
  "form.notifyThread": "…e de cada novo comentário nesta página",
};
