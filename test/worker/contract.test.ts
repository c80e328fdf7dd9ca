import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { NewCommentRequest } from "../../worker/api-types.ts";
import type { newComment } from "../../worker/routes/comments.ts";

// The API contract (worker/api-types.ts, which the widget sends) and the zod schema that
// checks what arrives (POST /comments) are written apart; these assertions are checked by
// tsc (`npx tsc -p tsconfig.json`), so a field added, dropped or retyped on one side only
// fails the type check. At run time they do nothing.

type Parsed = z.output<typeof newComment>;
/** The schema gives `author` a default ({}); the request may leave it out. */
type ParsedAsSent = Omit<Parsed, "author"> & { author?: Parsed["author"] };
type Flat<T> = { [K in keyof T]: T[K] };

describe("the new-comment contract", () => {
  it("names the same fields, with the same types, as the schema's parsed output", () => {
    expectTypeOf<keyof Parsed>().toEqualTypeOf<keyof NewCommentRequest>();
    expectTypeOf<keyof Parsed["author"]>().toEqualTypeOf<keyof NonNullable<NewCommentRequest["author"]>>();
    expectTypeOf<Flat<ParsedAsSent>>().toEqualTypeOf<Flat<NewCommentRequest>>();
  });

  it("lets the widget send only what the schema takes", () => {
    expectTypeOf<NewCommentRequest>().toExtend<z.input<typeof newComment>>();
  });
});
