import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ClickCounts } from '../../../clicks/ClickCounts.tsx';
import { countsOfQuery } from '../../../clicks/queries.ts';
import { type Column, DataTable } from '../../../components/DataTable.tsx';
import { humanize } from '../../../format.ts';
import type { Brand, DestinationLink } from '../api.ts';
import { LinkEnabledToggle } from './LinkEnabledToggle.tsx';

export function LinkTable({ links, brands }: { links: DestinationLink[]; brands: Brand[] }) {
  const brandName = (id: number) => brands.find((b) => b.id === id)?.name ?? `#${id}`;
  const counts = useQuery(
    countsOfQuery(
      'destination-links',
      links.map((l) => l.id),
    ),
  ).data;
  const columns: Column<DestinationLink>[] = [
    { label: 'ID', cell: (link) => link.id },
    {
      label: 'Name',
      cell: (link) => (
        <>
          <Link to="/admin/destination-links/$id" params={{ id: String(link.id) }}>
            {link.name}
          </Link>
          <div className="muted url-cell">{link.url}</div>
        </>
      ),
    },
    { label: 'Brand', cell: (link) => brandName(link.brand_id) },
    { label: 'Type', cell: (link) => humanize(link.link_type) },
    { label: 'Audience', cell: (link) => humanize(link.audience) },
    {
      label: 'Privacy',
      cell: (link) =>
        link.is_public ? 'public' : `private (${link.private_affiliate_ids.length} affiliates)`,
    },
    { label: 'A/B', cell: (link) => (link.url_ab ? `${link.ab_split}% to B` : '—') },
    {
      label: 'Clicks',
      cell: (link) => <ClickCounts compact counts={counts?.get(link.id)} label={`Clicks of ${link.name}`} />,
    },
    {
      label: 'State',
      cell: (link) => (
        <span className={`badge ${link.enabled ? 'badge-ok' : 'badge-bad'}`}>
          {link.enabled ? 'enabled' : 'disabled'}
        </span>
      ),
    },
    { label: 'Actions', hiddenLabel: true, cell: (link) => <LinkEnabledToggle link={link} /> },
  ];
  return (
    <DataTable
      rows={links}
      columns={columns}
      empty="No destination links match."
      rowClassName={(link) => (link.enabled ? undefined : 'revoked')}
    />
  );
}
