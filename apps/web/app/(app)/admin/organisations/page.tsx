'use client';
import { Organisations } from '@/features/admin/organisations';
import { PageHeader } from '@/features/shell/page-header';

export default function OrganisationsPage() {
  return (
    <>
      <PageHeader title="Organisations" description="Licences: create, suspend or reactivate, and set user limits." />
      <Organisations />
    </>
  );
}
