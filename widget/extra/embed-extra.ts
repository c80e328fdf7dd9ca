// The entry of public/embed-extra.<hash>.js (see widget/parts.ts).

import type { FunctionComponent } from "preact";
import type { PublicComment } from "../../worker/api-types.ts";
import type { App } from "../app.tsx";
import { definePart } from "../parts.ts";
import { EditForm, OwnActions, stopExpiry } from "./own.tsx";
import { seek } from "./seek.ts";
import { startTurnstile } from "./turnstile.ts";
import { like, preview, submit } from "./write.tsx";

export interface Extra {
  submit: typeof submit;
  preview: typeof preview;
  like: typeof like;
  seek: typeof seek;
  /** "Edit" and "Delete", or the "Delete? Yes / No" question, on the reader's own comment. */
  OwnActions: FunctionComponent<{ app: App; comment: PublicComment }>;
  /** The comment's text in a form, in place of its body. */
  EditForm: FunctionComponent<{ app: App; comment: PublicComment }>;
  startTurnstile: typeof startTurnstile;
  /** The thread is unmounting (destroy()): whatever the part left running goes. */
  stop(app: App): void;
}

function stop(app: App) {
  app.turnstile?.remove();
  stopExpiry(app);
}

definePart("extra", { submit, preview, like, seek, OwnActions, EditForm, startTurnstile, stop } satisfies Extra);
