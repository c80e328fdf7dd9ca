// The entry of public/embed-fr.<hash>.js (see widget/parts.ts): French, loaded for French pages.

import { definePart } from "../parts.ts";
import { fr } from "./fr.ts";

definePart("fr", fr);
