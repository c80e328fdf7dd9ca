// The entry of public/embed-ja.<hash>.js (see widget/parts.ts): Japanese, loaded for Japanese pages.

import { definePart } from "../parts.ts";
import { ja } from "./ja.ts";

definePart("ja", ja);
