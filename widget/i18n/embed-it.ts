// The entry of public/embed-it.<hash>.js (see widget/parts.ts): Italian, loaded for Italian pages.

import { definePart } from "../parts.ts";
import { it } from "./it.ts";

definePart("it", it);
