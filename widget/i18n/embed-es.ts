// The entry of public/embed-es.<hash>.js (see widget/parts.ts): Spanish, loaded for Spanish pages.

import { definePart } from "../parts.ts";
import { es } from "./es.ts";

definePart("es", es);
