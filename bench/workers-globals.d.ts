// worker/db/*.ts name the Workers runtime's global D1 types. The Node config
// (tsconfig.node.json) has Node and DOM globals instead of the Workers ones, which would
// clash with them, so it gets just these few, from the module build of workers-types.
import type * as Workers from "@cloudflare/workers-types/index.ts";

declare global {
  type D1Database = Workers.D1Database;
  type D1PreparedStatement = Workers.D1PreparedStatement;
  type D1Result<T = unknown> = Workers.D1Result<T>;
  type D1Meta = Workers.D1Meta;
  type D1DatabaseSession = Workers.D1DatabaseSession;
}
