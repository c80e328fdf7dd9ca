// The entry of public/embed-nl.<hash>.js (see widget/parts.ts): Dutch, loaded for Dutch pages.

import { definePart } from "../parts.ts";
import { nl } from "./nl.ts";

definePart("nl", nl);
