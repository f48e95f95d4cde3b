import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EventsTable } from '../../components/EventsTable.tsx';
import { eventsQuery } from './api.ts';

/** The affiliate's events log, the one its users see in the portal; newest first, 50 at a time. */
export function EventsTab({ id }: { id: number }) {
  // The before_id of each page opened so far: going back to newer events pops one.
  const [cursors, setCursors] = useState<number[]>([]);
  const events = useQuery(eventsQuery(id, cursors.at(-1)));
  if (events.isPending) return <p className="muted">Loading…</p>;
  if (events.isError) return <p className="form-summary">{events.error.message}</p>;
  const next = events.data.next_before_id;
  return (
    <section className="panel" aria-label="Events log">
      <EventsTable events={events.data.data} />
      {(cursors.length > 0 || next !== null) && (
        <nav className="pager" aria-label="Event pages">
          <button
            type="button"
            className="button-secondary"
            disabled={cursors.length === 0}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Newer
          </button>
          <button
            type="button"
            className="button-secondary"
            disabled={next === null}
            onClick={() => next !== null && setCursors((c) => [...c, next])}
          >
            Older
          </button>
        </nav>
      )}
    </section>
  );
}
