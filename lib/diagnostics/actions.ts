"use server";

import { shopAction } from "@/lib/actions/shop-action";
import { lookupPerson } from "./lookup-person";
import { personLookupSchema } from "./person-lookup-schema";

// Read-only, so support agents may use it too (lookupPerson audits theirs).
export const lookupPersonAction = shopAction(personLookupSchema, lookupPerson, { allowSupportAgent: true });
