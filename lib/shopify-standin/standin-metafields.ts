import { catalogVariants, type StandinCatalog, type StandinMetafield } from "./standin-catalog";

type MetafieldsSetInput = {
  ownerId: string;
  namespace?: string | null;
  key: string;
  value: string;
  type?: string | null;
};
type UserError = { field: string[]; message: string; code: string };

// The types the app writes; Shopify has many more, and refuses a value its type cannot read.
const VALUE_CHECKS: Record<string, (value: string) => boolean> = {
  boolean: (v) => v === "true" || v === "false",
  single_line_text_field: (v) => !v.includes("\n"),
  number_integer: (v) => /^-?\d+$/.test(v),
};

/**
 * `metafieldsSet` over the stand-in's catalog, as Shopify answers it: product variants as owners, all or nothing
 * (one bad input sets none and names it in `userErrors` with Shopify's codes), and the set metafields back.
 */
export function metafieldResolvers(catalog: StandinCatalog, nextId: () => number) {
  return {
    metafieldsSet: (args: { metafields: MetafieldsSetInput[] }) => {
      const owners = new Set(
        catalogVariants(catalog).map(({ variant }) => `gid://shopify/ProductVariant/${variant.id}`),
      );
      const userErrors: UserError[] = [];
      args.metafields.forEach((input, i) => {
        const field = (name: string) => ["metafields", String(i), name];
        const namespace = input.namespace ?? "app";
        const existing = catalog.metafields.get(input.ownerId)?.get(`${namespace}.${input.key}`);
        const type = input.type ?? existing?.type;
        if (!owners.has(input.ownerId))
          userErrors.push({ field: field("ownerId"), message: "Owner does not exist.", code: "INVALID" });
        else if (namespace.length < 3 || !/^[\w-]+$/.test(namespace))
          userErrors.push({ field: field("namespace"), message: "Namespace is too short.", code: "TOO_SHORT" });
        else if (input.key.length < 2 || !/^[\w-]+$/.test(input.key))
          userErrors.push({ field: field("key"), message: "Key is too short.", code: "TOO_SHORT" });
        else if (!type) userErrors.push({ field: field("type"), message: "Type can't be blank.", code: "BLANK" });
        else if (!VALUE_CHECKS[type])
          userErrors.push({ field: field("type"), message: "Type is invalid.", code: "INVALID_TYPE" });
        else if (!VALUE_CHECKS[type](input.value))
          userErrors.push({
            field: field("value"),
            message: `Value is invalid for the ${type} type.`,
            code: "INVALID_VALUE",
          });
      });
      if (userErrors.length > 0) return { metafields: null, userErrors };
      const metafields = args.metafields.map((input) => {
        const namespace = input.namespace ?? "app";
        const owned = catalog.metafields.get(input.ownerId) ?? new Map<string, StandinMetafield>();
        catalog.metafields.set(input.ownerId, owned);
        const existing = owned.get(`${namespace}.${input.key}`);
        const metafield: StandinMetafield = {
          id: existing?.id ?? `gid://shopify/Metafield/${nextId()}`,
          namespace,
          key: input.key,
          type: input.type ?? existing!.type,
          value: input.value,
        };
        owned.set(`${namespace}.${input.key}`, metafield);
        return { ...metafield, ownerType: "PRODUCTVARIANT" };
      });
      return { metafields, userErrors: [] };
    },
  };
}
