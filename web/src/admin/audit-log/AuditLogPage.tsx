import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { NoMatch, PagedTable } from '../../components/PagedTable.tsx';
import { formatDateTime, sentenceCase } from '../../format.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { AUDIT_ENTITIES, type AuditEntry, auditLogQuery } from './api.ts';
import { type AuditSearch, isFiltered, toAuditQuery } from './audit-search.ts';

const route = getRouteApi('/admin/shell/audit-log');

const ENTITY_LABEL = new Map(AUDIT_ENTITIES.map((e) => [e.value, e.label]));
const ACTOR_KIND: Record<string, string> = {
  staff: 'staff',
  api_key: 'API key',
  affiliate_user: 'affiliate user',
  affiliate_api_key: 'affiliate API key',
  system: 'platform',
  cli: 'command line',
};

/** A line's detail in words: the fields a catalog change named, or what a settings change set. */
function describe(entry: AuditEntry): string {
  const detail = entry.detail as Record<string, unknown>;
  if (entry.source === 'catalog') {
    const fields = (detail.fields as string[] | undefined) ?? [];
    return fields.length ? `Fields: ${fields.join(', ')}` : '';
  }
  return Object.entries(detail)
    .map(
      ([key, value]) =>
        `${sentenceCase(key)}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    )
    .join('; ');
}

const columns: Column<AuditEntry>[] = [
  { label: 'When', cell: (e) => <span className="nowrap">{formatDateTime(e.created_at)}</span> },
  {
    label: 'Who',
    cell: (e) => (
      <>
        {e.actor_name || '—'}
        <div className="muted">{ACTOR_KIND[e.actor_type] ?? e.actor_type}</div>
      </>
    ),
  },
  {
    label: 'What',
    cell: (e) => (
      <>
        {ENTITY_LABEL.get(e.entity) ?? sentenceCase(e.entity)}
        {e.entity_id && <span className="muted"> {e.entity_id}</span>}
      </>
    ),
  },
  { label: 'Action', cell: (e) => sentenceCase(e.action) },
  { label: 'Detail', cell: (e) => <span className="summary-cell muted">{describe(e)}</span> },
];

/** Who changed what in the back office, newest first: the catalog and the settings in one list. */
export function AuditLogPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const log = useQuery(auditLogQuery(toAuditQuery(search)));
  const apply = (next: AuditSearch) => navigate({ search: next });
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Every change to brands, links, media, campaigns, promos, coupon codes, fraud rules, commission plans,
        API keys, currencies, exchange rates and the affiliate lists, with who made it. Lines are written with
        the change and never altered. An affiliate's own changes are on its History tab.
      </p>
      <AuditFilters search={search} onApply={apply} />
      <PagedTable
        label="Audit log"
        list={log}
        columns={columns}
        unit="change"
        onPage={(page) => apply({ ...search, page })}
        empty={
          isFiltered(search) ? (
            <NoMatch title="No changes match these filters." onClear={() => apply({})}>
              Widen the time range or remove a filter.
            </NoMatch>
          ) : (
            <EmptyState title="No changes yet.">
              Changes appear here as soon as someone creates or edits a brand, a key or a setting.
            </EmptyState>
          )
        }
      />
    </>
  );
}
