// The entry of public/embed-pl.<hash>.js (see widget/parts.ts): Polish, loaded for Polish pages.

import { definePart } from "../parts.ts";
import { pl } from "./pl.ts";

definePart("pl", pl);
