'use client';
import { ImportPage } from '@/features/imports/import-page';
import { PageHeader } from '@/features/shell/page-header';

export default function ImportMastersPage() {
  return (
    <>
      <PageHeader
        title="Import"
        description="Customers, vendors and products from a CSV or Excel file: a dry run first, then every row or none."
      />
      <ImportPage />
    </>
  );
}
