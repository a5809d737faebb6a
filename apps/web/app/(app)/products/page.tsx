import { ProductListPage } from '@/features/masters/product-list';

export default function ProductsPage() {
  return <ProductListPage />;
}
