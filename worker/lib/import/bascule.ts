import { basculeExportSchema, BASCULE_FORMAT_VERSION } from "../export/bascule-format.ts";
import { checkShape, parseJson } from "./json.ts";
import { NAME_MAX } from "../fields.ts";
import { ImportFileError, importEmail, importText, importWebsite, type ImportFile } from "./model.ts";

// Bascule's own export (docs/export-format.md). Every comment keeps its source key, so an
// export imported into a fresh site and exported again gives the same file. The `html` in
// the file is ignored: the body is rendered again by our own renderer.

export function parseBascule(text: string): ImportFile {
  const data = parseJson(text, "Bascule export");
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version > BASCULE_FORMAT_VERSION) {
    throw new ImportFileError(
      "unsupported_version",
      `This Bascule export is version ${version}; this server reads version ${BASCULE_FORMAT_VERSION}. Update Bascule first.`,
    );
  }
  const file = checkShape(basculeExportSchema, data, "Bascule export");
  return {
    format: "bascule",
    skipped: 0,
    problems: [],
    site: { origins: file.site.origins, settings: file.site.settings, createdAt: file.site.createdAt },
    threads: file.threads.map((thread) => ({
      page: thread.page,
      url: thread.url,
      title: importText(thread.title, true),
      closed: thread.closed,
      createdAt: new Date(thread.createdAt).toISOString(),
      source: thread.source,
      comments: thread.comments.map((comment) => {
        const deleted = comment.status === "deleted";
        return {
          key: comment.id.includes(":") ? comment.id : `bascule:${comment.id}`,
          parentKey: comment.parent === null ? null : comment.parent.includes(":") ? comment.parent : `bascule:${comment.parent}`,
          authorName: deleted ? null : importText(comment.author?.name, true, NAME_MAX),
          authorEmail: deleted ? null : importEmail(comment.author?.email),
          authorWebsite: deleted ? null : importWebsite(comment.author?.website),
          body: deleted ? "" : comment.body,
          status: comment.status,
          createdAt: new Date(comment.createdAt).toISOString(),
          editedAt: comment.editedAt === null ? null : new Date(comment.editedAt).toISOString(),
          ip: null,
          ipHash: comment.ipHash,
          likes: Math.max(comment.likes, comment.likeRecords.length),
          likeRecords: comment.likeRecords.map((record) => ({ ...record, createdAt: new Date(record.createdAt).toISOString() })),
          pinned: comment.pinned,
        };
      }),
    })),
  };
}
