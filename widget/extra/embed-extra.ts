// The entry of public/embed-extra.<hash>.js (see widget/parts.ts): what it gives embed.js,
// typed by widget/thread/contract.ts.

import { definePart } from "../parts.ts";
import type { Extra, ThreadPort } from "../thread/contract.ts";
import { EditForm, OwnActions, stopExpiry } from "./own.tsx";
import { MoreReplies } from "./replies.tsx";
import { seek } from "./seek.ts";
import { startTurnstile, stopTurnstile } from "./turnstile.ts";
import { like, preview, send } from "./write.tsx";

function stop(app: ThreadPort) {
  stopTurnstile(app);
  stopExpiry(app);
}

definePart("extra", { send, preview, like, seek, MoreReplies, OwnActions, EditForm, startTurnstile, stop } satisfies Extra);
