import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Column } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { PagedTable } from '../components/PagedTable.tsx';
import { optionsOf, SelectField } from '../components/SelectField.tsx';
import { TextField } from '../components/TextField.tsx';
import { formatDateTime } from '../format.ts';
import { type Attempt, type LogFilter, type PostbackApi, TRIGGERS } from './postback-api.ts';

const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Every attempt, newest first, with the seed's filters: time, URL, action, code, campaign, promo. */
export function PostbackLog({ api }: { api: PostbackApi }) {
  const [page, setPage] = useState(1);
  const [draft, setDraft] = useState({
    from: '',
    to: '',
    url: '',
    action: '',
    code: '',
    campaign: '',
    promo: '',
  });
  const [filter, setFilter] = useState<LogFilter>({});
  const list = useQuery({
    queryKey: [...api.key, 'log', filter, page],
    queryFn: () => api.log(filter, page),
    placeholderData: keepPreviousData,
  });
  const set = (k: keyof typeof draft) => (v: string) => setDraft({ ...draft, [k]: v });
  function apply(event: FormEvent) {
    event.preventDefault();
    setPage(1);
    setFilter({
      from: isoOf(draft.from),
      to: isoOf(draft.to),
      url: draft.url || undefined,
      action: draft.action || undefined,
      response_code: draft.code ? Number(draft.code) : undefined,
      campaign: draft.campaign || undefined,
      promo: draft.promo || undefined,
    });
  }
  const columns: Column<Attempt>[] = [
    { label: 'Time', cell: (a) => <span className="nowrap">{formatDateTime(a.attempted_at)}</span> },
    { label: 'Action', cell: (a) => (a.test ? `${a.action} (test)` : a.action) },
    { label: 'URL sent', cell: (a) => <code className="break">{a.url}</code> },
    {
      label: 'Answer',
      cell: (a) => (
        <span
          className={`badge ${a.outcome === 'delivered' || a.outcome === 'served' ? 'badge-ok' : 'badge-bad'}`}
        >
          {a.response_code ?? a.error ?? a.outcome}
        </span>
      ),
    },
    { label: 'Time taken', cell: (a) => (a.response_ms === null ? '—' : `${a.response_ms} ms`) },
    { label: 'Attempt', cell: (a) => a.attempt },
    { label: 'Next retry', cell: (a) => (a.next_retry_at ? formatDateTime(a.next_retry_at) : '—') },
    { label: 'Response', cell: (a) => <span className="break">{a.error ?? a.response_body ?? ''}</span> },
  ];
  return (
    <>
      <form className="panel form filters" aria-label="Log filters" onSubmit={apply}>
        <TextField label="From" type="datetime-local" value={draft.from} onChange={set('from')} />
        <TextField label="To" type="datetime-local" value={draft.to} onChange={set('to')} />
        <TextField label="URL contains" value={draft.url} onChange={set('url')} />
        <SelectField
          label="Action"
          value={draft.action}
          onChange={set('action')}
          empty="Any action"
          options={optionsOf(TRIGGERS)}
        />
        <TextField label="Response code" inputMode="numeric" value={draft.code} onChange={set('code')} />
        <TextField label="Campaign (name or id)" value={draft.campaign} onChange={set('campaign')} />
        <TextField label="Promo (code or id)" value={draft.promo} onChange={set('promo')} />
        <button type="submit">Filter</button>
      </form>
      <PagedTable
        label="Postback log"
        list={list}
        columns={columns}
        unit="attempt"
        onPage={setPage}
        empty={
          <EmptyState title="No attempts match.">
            Each delivery of a postback, and every retry, is listed here.
          </EmptyState>
        }
      />
    </>
  );
}
