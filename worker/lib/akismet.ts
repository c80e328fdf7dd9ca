// Optional Akismet: with the AKISMET_KEY secret, every new comment is checked. "Spam"
// sends it to spam; if Akismet can't be reached or answers oddly, the comment is held
// for the owner rather than lost or published unchecked.

export type AkismetVerdict = "ham" | "spam" | "unknown";

export interface AkismetComment {
  blog: string;
  ip: string | undefined;
  userAgent: string | undefined;
  permalink: string | undefined;
  author: string | null;
  email: string | null;
  website: string | null;
  content: string;
}

export async function akismetVerdict(key: string, comment: AkismetComment): Promise<AkismetVerdict> {
  const form = new URLSearchParams({
    blog: comment.blog,
    user_ip: comment.ip ?? "",
    user_agent: comment.userAgent ?? "",
    permalink: comment.permalink ?? "",
    comment_type: "comment",
    comment_author: comment.author ?? "",
    comment_author_email: comment.email ?? "",
    comment_author_url: comment.website ?? "",
    comment_content: comment.content,
  });
  try {
    const res = await fetch(`https://${encodeURIComponent(key)}.rest.akismet.com/1.1/comment-check`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    const answer = res.ok ? (await res.text()).trim() : "";
    return answer === "true" ? "spam" : answer === "false" ? "ham" : "unknown";
  } catch {
    return "unknown";
  }
}
