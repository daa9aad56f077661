import type { InngestFunction } from "inngest";

/** Every function served at /api/inngest; later features add theirs here. */
export const functions: InngestFunction.Any[] = [];
