import { Link } from '@tanstack/react-router';
import { formatDateTime } from '../../../format.ts';
import type { Brand } from '../api.ts';

export function BrandTable({ brands }: { brands: Brand[] }) {
  if (brands.length === 0) return <p className="muted">No brands yet.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">ID</th>
          <th scope="col">Name</th>
          <th scope="col">Base currency</th>
          <th scope="col">Tracking domain</th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {brands.map((brand) => (
          <tr key={brand.id}>
            <td>{brand.id}</td>
            <td>
              <Link to="/admin/brands/$id" params={{ id: String(brand.id) }}>
                {brand.name}
              </Link>
            </td>
            <td>{brand.base_currency}</td>
            <td>{brand.tracking_domain ?? <span className="muted">server address</span>}</td>
            <td>
              <span className={`badge ${brand.enabled ? 'badge-ok' : 'badge-bad'}`}>
                {brand.enabled ? 'enabled' : 'disabled'}
              </span>
            </td>
            <td>{formatDateTime(brand.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
