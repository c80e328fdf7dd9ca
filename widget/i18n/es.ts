import type { Locale } from "./en.ts";

// Spanish: "tú", as Spanish-language blogs address their readers ("Deja un comentario").
// Opening marks ¿ and ¡; "many" is for round millions: "1.000.000 de comentarios".
export const es: Locale = {
  dir: "ltr",
  "thread.label": "Comentarios",
  "thread.count": { one: "{n} comentario", many: "{n} de comentarios", other: "{n} comentarios" },
  "thread.loading": "Cargando comentarios…",
  "thread.error": "No se pudieron cargar los comentarios.",
  "thread.retry": "Reintentar",
  "thread.more": "Cargar más comentarios",
  "thread.moreReplies": { one: "Ver {n} respuesta más", many: "Ver {n} de respuestas más", other: "Ver {n} respuestas más" },
  "thread.closed": "Los comentarios están cerrados.",
  "thread.sort": "Ordenar por",
  "sort.oldest": "Más antiguos",
  "sort.newest": "Más recientes",
  "sort.top": "Más valorados",

  "comment.anonymous": "Anónimo",
  "comment.owner": "Autor",
  "comment.pending": "Pendiente de moderación",
  "comment.deleted": "Comentario eliminado",
  "comment.reply": "Responder",
  "comment.replyTo": "Responder a {name}",
  "comment.inReplyTo": "en respuesta a {name}",
  "comment.edited": "editado",
  "comment.like": { other: "Me gusta ({n})" },

  "form.title": "Deja un comentario",
  "form.name": "Nombre",
  "form.email": "Correo electrónico (opcional, nunca se muestra)",
  "form.website": "Sitio web (opcional)",
  "form.body": "Comentario",
  "form.submit": "Publicar comentario",
  "form.sending": "Enviando…",
  "form.cancel": "Cancelar",
  "form.preview": "Vista previa",
  "form.hint": "**negrita**, *cursiva*, `código`, > cita, enlaces",

  "error.network": "No se pudo conectar con el servidor. Inténtalo de nuevo.",
  "error.generic": "Algo salió mal. Inténtalo de nuevo.",

  "comment.edit": "Editar",
  "comment.delete": "Eliminar",
  "comment.confirm": "¿Eliminar?",
  "comment.yes": "Sí",
  "comment.no": "No",
  "form.save": "Guardar",
  "form.published": "Tu comentario se ha publicado.",
  "form.pending": "¡Gracias! Tu comentario está pendiente de moderación.",
  "form.notify": "Avisarme de las respuestas por correo",
  "form.notifyThread": "…y de cada comentario nuevo en esta página",
};
