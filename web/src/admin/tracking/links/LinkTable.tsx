import { Link } from '@tanstack/react-router';
import { type Brand, type DestinationLink, humanize } from '../api.ts';
import { LinkEnabledToggle } from './LinkEnabledToggle.tsx';

export function LinkTable({ links, brands }: { links: DestinationLink[]; brands: Brand[] }) {
  if (links.length === 0) return <p className="muted">No destination links match.</p>;
  const brandName = (id: number) => brands.find((b) => b.id === id)?.name ?? `#${id}`;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">ID</th>
          <th scope="col">Name</th>
          <th scope="col">Brand</th>
          <th scope="col">Type</th>
          <th scope="col">Audience</th>
          <th scope="col">Privacy</th>
          <th scope="col">A/B</th>
          <th scope="col">State</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {links.map((link) => (
          <tr key={link.id} className={link.enabled ? undefined : 'revoked'}>
            <td>{link.id}</td>
            <td>
              <Link to="/admin/destination-links/$id" params={{ id: String(link.id) }}>
                {link.name}
              </Link>
              <div className="muted url-cell">{link.url}</div>
            </td>
            <td>{brandName(link.brand_id)}</td>
            <td>{humanize(link.link_type)}</td>
            <td>{humanize(link.audience)}</td>
            <td>{link.is_public ? 'public' : `private (${link.private_affiliate_ids.length} affiliates)`}</td>
            <td>{link.url_ab ? `${link.ab_split}% to B` : '—'}</td>
            <td>
              <span className={`badge ${link.enabled ? 'badge-ok' : 'badge-bad'}`}>
                {link.enabled ? 'enabled' : 'disabled'}
              </span>
            </td>
            <td>
              <LinkEnabledToggle link={link} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
