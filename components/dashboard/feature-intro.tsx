import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

/** A feature page's state before it has anything to show: what it will do and what to set up first. */
export function FeatureIntro({
  shopId,
  title,
  description,
  emptyTitle,
  children,
}: {
  shopId: string;
  title: string;
  description: string;
  emptyTitle: string;
  children: React.ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState
        title={emptyTitle}
        action={
          <Link
            href={`/shops/${shopId}/postscript`}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Set up Postscript
          </Link>
        }
      >
        {children}
      </EmptyState>
    </>
  );
}
