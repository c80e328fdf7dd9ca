// The entry of public/embed-pt.<hash>.js (see widget/parts.ts): Portuguese, loaded for Portuguese pages.

import { definePart } from "../parts.ts";
import { pt } from "./pt.ts";

definePart("pt", pt);
