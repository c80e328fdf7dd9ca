// What a webhook carries, in each format (API.md "Webhooks", docs/webhooks.md): the JSON event,
// or a short chat message for Slack, Discord or ntfy, so an owner who lives in a chat app gets
// alerts there without a bridge. Nothing here knows D1 or the queue; all of it is tested alone.
//
// Users' text is untrusted in every format: Slack's control characters (& < >) are escaped, so a
// comment can't write <!channel> or a link of its own; Discord gets `allowed_mentions: { parse: [] }`
// and escaped Markdown, so a comment can't ping @everyone; ntfy's headers are ASCII only.
import type { CommentStatus, PublicComment } from "../api-types.ts";
import type { CommentEventType } from "./events.ts";

export type WebhookFormat = "json" | "slack" | "discord" | "ntfy";

/** A comment as a webhook shows it: as the public API does, with its real status. */
export type WebhookComment = Omit<PublicComment, "status" | "moreReplies"> & { status: CommentStatus };

/** A deleted comment, from what the deletion remembered (notify/events.ts DeletedComment). */
export interface DeletedWebhookComment {
  id: string;
  author: { name: string | null; website: null; avatar: null } | null;
  createdAt: string;
  deleted: true;
  status: "deleted";
  /** What it was before: pending or approved. */
  previousStatus: CommentStatus;
}

/** The JSON event (format `json`). Never an e-mail or an IP hash. */
export interface WebhookEvent {
  id: string;
  type: CommentEventType;
  createdAt: string;
  site: string;
  thread: { page: string; url: string | null; title: string | null };
  comment: WebhookComment | DeletedWebhookComment;
  /** Who caused it: a reader, or the owner (admin page, moderation link). */
  by: "reader" | "owner";
  /** Why the rules decided what they did, on comment.created. */
  reason?: string;
}

/** What the chat formats need beyond the event. */
export interface ChatFacts {
  /** The comment's Markdown source (not its HTML); empty for a deletion. */
  text: string;
  /** The worker's origin: held comments link to its /admin page. */
  origin: string;
  /** The site's locale: en or fr (anything else: en). */
  locale: string;
}

export interface WebhookBody {
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** How much of a comment's text a chat message quotes. */
export const CHAT_EXCERPT_MAX = 300;
/** Discord refuses a message whose content is longer. */
export const DISCORD_CONTENT_MAX = 2000;

export function webhookBody(format: WebhookFormat, event: WebhookEvent, facts: ChatFacts): WebhookBody {
  switch (format) {
    case "json":
      return { contentType: "application/json", body: JSON.stringify(event) };
    case "slack":
      return { contentType: "application/json", body: JSON.stringify({ text: slackText(chatMessage(event, facts)) }) };
    case "discord":
      return {
        contentType: "application/json",
        body: JSON.stringify({ content: discordContent(chatMessage(event, facts)), allowed_mentions: { parse: [] } }),
      };
    case "ntfy":
      return ntfyMessage(chatMessage(event, facts));
  }
}

// The strings of the chat messages, per locale: English is the source, French is typed against it.
const en = {
  anonymous: "Anonymous",
  created: (name: string, title: string) => `New comment by ${name} on ${title}`,
  held: (name: string, title: string) => `New comment by ${name} on ${title}, waiting for approval`,
  published: (name: string, title: string) => `Comment by ${name} published on ${title}`,
  deleted: (name: string, title: string) => `Comment by ${name} deleted on ${title}`,
  read: "Read it",
  moderate: "Moderate it",
};

export type ChatStrings = typeof en;

const fr: ChatStrings = {
  anonymous: "Anonyme",
  created: (name, title) => `Nouveau commentaire de ${name} sur ${title}`,
  held: (name, title) => `Nouveau commentaire de ${name} sur ${title}, en attente de validation`,
  published: (name, title) => `Commentaire de ${name} publié sur ${title}`,
  deleted: (name, title) => `Commentaire de ${name} supprimé sur ${title}`,
  read: "Le lire",
  moderate: "Le modérer",
};

export const CHAT_STRINGS: Record<string, ChatStrings> = { en, fr };

export function chatStrings(locale: string): ChatStrings {
  return CHAT_STRINGS[locale.toLowerCase().split("-")[0] ?? "en"] ?? en;
}

/** A chat message before its format: plain text pieces, escaped by each format. */
interface ChatMessage {
  headline: string;
  excerpt: string;
  link: { url: string; label: string } | null;
}

function chatMessage(event: WebhookEvent, facts: ChatFacts): ChatMessage {
  const strings = chatStrings(facts.locale);
  const name = oneLine(event.comment.author?.name ?? "") || strings.anonymous;
  const title = oneLine(event.thread.title ?? "") || event.thread.page;
  const held = event.comment.status === "pending";
  const headline =
    event.type === "comment.deleted"
      ? strings.deleted(name, title)
      : event.type === "comment.published"
        ? strings.published(name, title)
        : held
          ? strings.held(name, title)
          : strings.created(name, title);
  let link: ChatMessage["link"] = null;
  if (held) link = { url: `${facts.origin}/admin`, label: strings.moderate };
  else if (event.type !== "comment.deleted" && event.thread.url) {
    link = { url: `${event.thread.url.split("#")[0]}#comment-${event.comment.id}`, label: strings.read };
  }
  return { headline, excerpt: excerpt(facts.text), link };
}

/** The start of a comment's text: at most CHAT_EXCERPT_MAX characters, never half a character. */
export function excerpt(text: string): string {
  const chars = [...text.replace(/\r\n?/g, "\n").trim()];
  if (chars.length <= CHAT_EXCERPT_MAX) return chars.join("");
  return `${chars
    .slice(0, CHAT_EXCERPT_MAX - 1)
    .join("")
    .trimEnd()}…`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

// Slack: mrkdwn in `text`. Only & < > are control characters; escaped, a comment can't mention
// a channel or make a link (api.slack.com/reference/surfaces/formatting#escaping).

export function slackEscape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** A URL inside <url|label>: no character may end it early. */
function slackUrl(url: string): string {
  return url.replaceAll("&", "&amp;").replaceAll("<", "%3C").replaceAll(">", "%3E").replaceAll("|", "%7C");
}

function slackText(message: ChatMessage): string {
  const lines = [`*${slackEscape(message.headline)}*`];
  if (message.excerpt) lines.push(...message.excerpt.split("\n").map((line) => `> ${slackEscape(line)}`));
  if (message.link) lines.push(`<${slackUrl(message.link.url)}|${slackEscape(message.link.label)}>`);
  return lines.join("\n");
}

// Discord: Markdown in `content`, at most 2000 characters. Markdown characters are escaped with a
// backslash; `allowed_mentions: { parse: [] }` keeps any @everyone or <@id> from pinging.

export function discordEscape(text: string): string {
  return text.replace(/[\\*_~`|>[\]()#:@<-]/g, (char) => `\\${char}`);
}

function discordContent(message: ChatMessage): string {
  const lines = [`**${discordEscape(message.headline)}**`];
  if (message.excerpt) lines.push(...message.excerpt.split("\n").map((line) => `> ${discordEscape(line)}`));
  // <url> in a masked link: no embed, the channel stays quiet.
  if (message.link) lines.push(`[${discordEscape(message.link.label)}](<${asciiUrl(message.link.url)}>)`);
  return clipChars(lines.join("\n"), DISCORD_CONTENT_MAX);
}

/** A URL as the URL parser writes it: ASCII only (punycode, percent-encoding), no space, < or >. */
function asciiUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url.replace(/[^\x21-\x7e]|[<>]/g, "");
  }
}

/** At most `max` UTF-16 units (what Discord counts is never more), never half a character. */
export function clipChars(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

// ntfy: the message is the plain-text body; the title, tags and click action are headers
// (docs.ntfy.sh/publish). Header values must be ASCII: other text goes as RFC 2047 encoded
// words, which ntfy decodes (since 2.4.0).

const NTFY_TITLE_MAX = 150;

function ntfyMessage(message: ChatMessage): WebhookBody {
  const headers: Record<string, string> = { Title: asciiHeader(clipChars(message.headline, NTFY_TITLE_MAX)), Tags: "speech_balloon" };
  if (message.link) headers.Click = asciiUrl(message.link.url);
  const body = [message.excerpt || message.headline, ...(message.link ? [message.link.url] : [])].join("\n\n");
  return { contentType: "text/plain; charset=utf-8", body, headers };
}

/** A header value: as is when it is printable ASCII, else RFC 2047 encoded words of at most 75 characters. */
export function asciiHeader(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, " ");
  if (/^[\u0020-\u007e]*$/.test(clean)) return clean;
  const words: string[] = [];
  let chunk: number[] = [];
  const encoder = new TextEncoder();
  const flush = () => {
    if (chunk.length === 0) return;
    words.push(`=?UTF-8?B?${btoa(String.fromCharCode(...chunk))}?=`);
    chunk = [];
  };
  // 45 bytes make 60 base64 characters: each word stays within 75 (RFC 2047 §2), whole characters only.
  for (const char of clean) {
    const bytes = encoder.encode(char);
    if (chunk.length + bytes.length > 45) flush();
    chunk.push(...bytes);
  }
  flush();
  return words.join(" ");
}
