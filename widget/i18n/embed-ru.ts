// The entry of public/embed-ru.<hash>.js (see widget/parts.ts): Russian, loaded for Russian pages.

import { definePart } from "../parts.ts";
import { ru } from "./ru.ts";

definePart("ru", ru);
