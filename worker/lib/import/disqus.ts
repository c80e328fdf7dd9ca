import { NAME_MAX } from "../fields.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";
import {
  ImportFileError,
  importEmail,
  importIp,
  importText,
  isoDate,
  sourceKey,
  type ImportComment,
  type ImportFile,
  type ImportThread,
} from "./model.ts";
import { child, childText, readXml, type XmlElement } from "./xml.ts";

// Disqus's XML export: <disqus> holding <category>, <thread dsq:id> and <post dsq:id>
// elements side by side; a post names its thread and parent by dsq:id. Threads give the
// page (link) and title. isSpam makes a comment spam; isDeleted a placeholder (which the
// planner leaves out when nobody replied to it, as deleting does in Bascule).

interface DisqusPost {
  comment: ImportComment;
  thread: string;
}

export function parseDisqus(text: string): ImportFile {
  const file: ImportFile = { format: "disqus", threads: [], skipped: 0, problems: [] };
  const threads = new Map<string, ImportThread>();
  const posts: DisqusPost[] = [];
  readXml(text, 1, {
    root(name) {
      if (name !== "disqus") throw new ImportFileError("wrong_format", `A Disqus export starts with <disqus>, not <${name}>.`, 1);
    },
    element(element) {
      if (element.name === "thread") {
        const id = dsqId(element);
        threads.set(id, readThread(element, id));
      } else if (element.name === "post") {
        posts.push(readPost(element));
      }
    },
  });

  for (const post of posts) {
    const thread = threads.get(post.thread);
    if (thread === undefined || thread.page === "") {
      file.skipped += 1;
      file.problems.push({
        code: "thread_missing",
        message: `Post ${post.comment.key} belongs to thread ${post.thread}, which the file does not hold${thread ? " with a link" : ""}: skipped.`,
        line: post.comment.line,
        source: post.comment.key,
      });
    } else thread.comments.push(post.comment);
  }
  file.threads = [...threads.values()].filter((thread) => thread.comments.length > 0);
  return file;
}

function dsqId(element: XmlElement): string {
  const id = element.attributes["dsq:id"]?.trim();
  if (!id)
    throw new ImportFileError("malformed_file", `The <${element.name}> on line ${element.line} has no dsq:id attribute.`, element.line);
  return id;
}

function readThread(element: XmlElement, id: string): ImportThread {
  const link = (childText(element, "link") ?? "").trim();
  return {
    page: link,
    url: link || null,
    title: importText(childText(element, "title")),
    closed: (childText(element, "isClosed") ?? "").trim() === "true",
    createdAt: null,
    source: sourceKey("disqus", id),
    comments: [],
    line: element.line,
  };
}

function readPost(element: XmlElement): DisqusPost {
  const id = dsqId(element);
  const key = sourceKey("disqus", id);
  const thread = child(element, "thread")?.attributes["dsq:id"]?.trim();
  if (!thread) throw new ImportFileError("malformed_file", `The <post> on line ${element.line} names no <thread dsq:id>.`, element.line);
  const createdAt = isoDate(childText(element, "createdAt"));
  if (createdAt === null)
    throw new ImportFileError("malformed_file", `The <post> on line ${element.line} has no usable <createdAt>.`, element.line);
  const parent = child(element, "parent")?.attributes["dsq:id"]?.trim();
  const deleted = (childText(element, "isDeleted") ?? "").trim() === "true";
  const spam = (childText(element, "isSpam") ?? "").trim() === "true";
  const author = child(element, "author");
  return {
    thread,
    comment: {
      key,
      parentKey: parent ? sourceKey("disqus", parent) : null,
      authorName:
        deleted || author === undefined ? null : importText(childText(author, "name") ?? childText(author, "username"), false, NAME_MAX),
      authorEmail: deleted || author === undefined ? null : importEmail(childText(author, "email")),
      authorWebsite: null,
      body: deleted ? "" : htmlToMarkdown((childText(element, "message") ?? "").trim()),
      status: deleted ? "deleted" : spam ? "spam" : "approved",
      createdAt,
      editedAt: null,
      ip: deleted ? null : importIp(childText(element, "ipAddress")),
      ipHash: null,
      likes: 0,
      likeRecords: [],
      pinned: false,
      line: element.line,
    },
  };
}
