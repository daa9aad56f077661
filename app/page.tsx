import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { firstMemberShopId } from "@/lib/auth/first-member-shop-id";
import { EmptyState } from "@/components/ui/empty-state";

type Query = Record<string, string | string[] | undefined>;

function toSearchParams(query: Query): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (typeof value === "string") params.set(key, value);
  return params;
}

// Shopify's admin loads the app here (application_url) with a session token; everyone else is sent where they work.
export default async function Home({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  if (typeof query.shop === "string" && typeof query.id_token === "string")
    redirect(`/auth/shopify/session?${toSearchParams(query)}`);
  if (typeof query.shop === "string" && query.embedded === "1")
    redirect(`/auth/shopify/bounce?${toSearchParams(query)}`);

  const user = await requireUser();
  const shopId = await firstMemberShopId(user.id);
  if (shopId) redirect(`/shops/${shopId}`);
  if (user.isSupportAgent) redirect("/support");
  return (
    <main className="mx-auto max-w-lg px-4 py-24">
      <EmptyState title="No shops yet">
        Your account isn&apos;t a member of any shop. Install Signalboard from the Shopify App Store, or open it from
        your store&apos;s Shopify admin.
      </EmptyState>
    </main>
  );
}
