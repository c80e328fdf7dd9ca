// The fuzzer's building blocks (fuzz.test.ts): text, JSON, headers and query strings of every
// kind a client can send, each weighted towards the shapes that trip validators.
import fc from "fast-check";
import { ORIGIN } from "./helpers.ts";

/** Lone UTF-16 surrogates: valid in a JS string and in JSON text, not in UTF-8. */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Text of every kind a person or a script can type, short. */
export const shortText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.string({ minLength: 1, maxLength: 1 }), loneSurrogate), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-composite", maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\u200b",
      "\u0000",
      "\r\n",
      "\u202e",
      "null",
      "undefined",
      "__proto__",
      "constructor",
      "NaN",
      "ｄｅｍｏ",
      "DEMO",
    ),
  },
);

/** Short text, or text past every length limit (the comment body's is 10,000 characters). */
export const anyText = fc.oneof(
  { weight: 10, arbitrary: shortText },
  { weight: 1, arbitrary: fc.integer({ min: 9_000, max: 80_000 }).map((length) => "é".repeat(length)) },
);

export const hugeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 5e-324, -0, 0.5, 1e21),
  fc.double(),
  fc.integer(),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(Number),
);

/** Any JSON value, weighted towards the shapes that trip validators. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: anyText },
  { weight: 2, arbitrary: hugeNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [[]], { "": "" }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 500 }).map((depth) => nestedArray(depth)) },
);

function nestedArray(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Request bodies as text: JSON of any value, or text a JSON parser must refuse or chokes on. */
export function bodyText(json: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 20, arbitrary: json.map((value) => JSON.stringify(value) ?? "null") },
    { weight: 1, arbitrary: anyText },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "{",
        "{'site':'demo'}",
        "[1,2,",
        "1e99999",
        "-1e99999",
        "123456789012345678901234567890",
        "\uFEFF{}",
        '{"site":"demo","site":{"x":1}}',
        '{"__proto__":{"site":"demo","page":"p","body":"b"},"constructor":{"prototype":{}}}',
        '{"body":"\\ud800","page":"\\udfff","site":"demo"}',
        "NaN",
        "undefined",
      ),
    },
    // Deep nesting as text: far past what a recursive parser or validator survives, and past the size limits.
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 40_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 40_000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`) },
  );
}

/** Header values a fetch client can send: printable ASCII (workerd takes Latin-1 too, but only with a warning per header). */
export const headerChar = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
export const headerValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: headerChar, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 60_000 }).map((length) => "h".repeat(length)) },
);

export const contentType = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "application/json;charset=utf-16",
      "application/json ; boundary=x",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=----x",
      "application/jsonp",
      "application/json-patch+json",
      "application/xml",
      "",
      ";",
    ),
  },
  { weight: 1, arbitrary: headerValue },
);

export const origin = fc.oneof(
  { weight: 12, arbitrary: fc.constant(ORIGIN) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "http://127.0.0.1:1",
      "https://evil.example",
      "null",
      "",
      "http://localhost",
      "http://localhost:99999",
      "http://localhost:*",
      "http://localhost:8787/",
      "HTTP://LOCALHOST:8787",
      "http://localhost:8787.evil.example",
    ),
  },
  { weight: 1, arbitrary: headerValue },
);

/** Extra headers anyone can send: the reader's held-comment tokens, an IP, a language, anything. */
export const oddHeaders = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      "bascule-tokens",
      "cf-connecting-ip",
      "accept",
      "accept-language",
      "x-forwarded-for",
      "if-none-match",
      "range",
      "cookie",
      "x-http-method-override",
    ),
    fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
  ),
  fc.oneof(headerValue, fc.ipV4(), fc.ipV6(), fc.constantFrom("::", ":::::", "1.2.3", "[::1]", "2001:db8::1::2")),
  { maxKeys: 3 },
);

export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** A query-string value: valid-looking, huge, numeric edge cases or percent-encoding garbage. */
export const queryValue = fc.oneof(
  { weight: 3, arbitrary: anyText.map((text) => encodeURIComponent(wellFormed(text))) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "demo",
      "page",
      "oldest",
      "newest",
      "top",
      "50",
      "1",
      "200",
      "201",
      "0",
      "-1",
      "1.5",
      "1e3",
      "1e400",
      "NaN",
      "Infinity",
      "0x10",
      "9007199254740993",
      "+5",
      " 5",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "%",
      "%%",
      "%zz",
      "%E0%A4%A",
      "%00",
      "%FF%FE",
      "%C0%AF",
      "%ED%A0%80",
      "a%2Fb",
      "%2e%2e%2f",
      "+",
      "&",
      "=",
      "==",
      "#x",
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: headerChar, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 2_000, max: 50_000 }).map((length) => "q".repeat(length)) },
);

export function queryOf(keys: fc.Arbitrary<string>, base: Array<[string, string]>): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.boolean(),
      fc.array(fc.tuple(fc.oneof({ weight: 3, arbitrary: keys }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), queryValue), {
        maxLength: 8,
      }),
    )
    .map(([keepBase, pairs]) => {
      const all = [...(keepBase ? base : []), ...pairs];
      return all.length === 0 ? "" : `?${all.map(([key, value]) => `${key}=${value}`).join("&")}`;
    });
}
