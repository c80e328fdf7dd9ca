// The build's stand-in for preact/jsx-runtime (scripts/build-widget.ts aliases it): the
// automatic JSX runtime on top of Preact's own createElement, which the bundle carries
// anyway, instead of a second vnode factory. About 60 bytes of the 12 KB budget.
// Tests and the type checker use preact/jsx-runtime itself; both behave the same.

import { createElement, Fragment, type ComponentType } from "preact";

export { Fragment };

export function jsx(type: string | ComponentType, props: Record<string, unknown>, key?: string) {
  return createElement(type, key === undefined ? props : { ...props, key });
}

export { jsx as jsxs };
