import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { membersOf } from '../../api/enums.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';

export type EventQuery = NonNullable<paths['/api/v1/events']['get']['parameters']['query']>;
export type EventEntry = Json<paths['/api/v1/events']['get']['responses'][200]>['data'][number];
export type EventType = EventEntry['type'];

export const EVENT_TYPES = membersOf<EventType>({
  registration: true,
  deposit: true,
  withdrawal: true,
  activity: true,
  sale: true,
  refund: true,
  chargeback: true,
  qualification: true,
  custom: true,
});

export function eventsQuery(query: EventQuery) {
  return queryOptions({
    queryKey: ['events', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/events', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
