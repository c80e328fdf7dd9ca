import { createMiddleware } from "hono/factory";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./errors.ts";

/** Writes take JSON only: a cross-site HTML form can't send it without a CORS preflight. */
export const jsonOnly = createMiddleware(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the request body as application/json.");
  }
  await next();
});

export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, "body_too_large", `The request body is larger than ${maxBytes} bytes.`);
    },
  });
}
