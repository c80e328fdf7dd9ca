// esbuild's text loader (scripts/build-widget.ts) turns a CSS import into its source text.
declare module "*.css" {
  const text: string;
  export default text;
}
