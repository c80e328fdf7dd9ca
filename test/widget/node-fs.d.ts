// The widget's tests type-check against DOM types only (no @types/node). The filter-list
// test reads fixtures from disk; these are the two node:fs functions it uses.
declare module "node:fs" {
  export function readdirSync(path: string): string[];
  export function readFileSync(path: string, encoding: "utf8"): string;
}
