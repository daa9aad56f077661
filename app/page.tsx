import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/prisma";
import { EmptyState } from "@/components/ui/empty-state";

// Home sends each person where they work: their first shop, or the support console.
export default async function Home() {
  const user = await requireUser();
  const membership = await prisma.membership.findFirst({
    where: { userId: user.id },
    orderBy: { createdAt: "asc" },
    select: { shopId: true },
  });
  if (membership) redirect(`/shops/${membership.shopId}`);
  if (user.isSupportAgent) redirect("/support");
  return (
    <main className="mx-auto max-w-lg px-4 py-24">
      <EmptyState title="No shops yet">
        Your account isn&apos;t a member of any shop. Install Signalboard from the Shopify App Store, or ask the shop
        owner to invite you.
      </EmptyState>
    </main>
  );
}
