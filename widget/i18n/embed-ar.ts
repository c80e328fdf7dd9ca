// The entry of public/embed-ar.<hash>.js (see widget/parts.ts): Arabic, loaded for Arabic pages.

import { definePart } from "../parts.ts";
import { ar } from "./ar.ts";

definePart("ar", ar);
