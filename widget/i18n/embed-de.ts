// The entry of public/embed-de.<hash>.js (see widget/parts.ts): German, loaded for German pages.

import { definePart } from "../parts.ts";
import { de } from "./de.ts";

definePart("de", de);
