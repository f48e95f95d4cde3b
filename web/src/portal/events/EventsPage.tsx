import { useQuery } from '@tanstack/react-query';
import { EventsTable } from '../../components/EventsTable.tsx';
import { eventsQuery } from '../queries.ts';

export function EventsPage() {
  const events = useQuery(eventsQuery);
  return (
    <>
      <h1>Events log</h1>
      <section className="panel">
        {events.isError && <p className="form-summary">{events.error.message}</p>}
        {events.data && <EventsTable events={events.data.data} />}
      </section>
    </>
  );
}
