import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { type Outgoing, Thread } from '../../correspondence/Thread.tsx';

export const unreadMessagesQuery = {
  queryKey: ['portal', 'messages', 'unread-count'],
  queryFn: async () => (await unwrap(api.GET('/api/partner/v1/messages/unread-count'))).unread,
  refetchInterval: 60_000,
};

/** The conversation with the affiliate program; opening it marks the operator's messages read. */
export function MessagesPage() {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['portal', 'messages', 'list'],
    queryFn: () => unwrap(api.GET('/api/partner/v1/messages', { params: { query: { page_size: 100 } } })),
  });
  const unread = list.data?.data.some((m) => m.sender === 'operator' && !m.read_at) ?? false;
  const { mutate: markRead } = useMutation({
    mutationFn: () => unwrap(api.POST('/api/partner/v1/messages/read')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', 'messages'] }),
  });
  useEffect(() => {
    if (unread) markRead();
  }, [unread, markRead]);
  const send = useMutation({
    mutationFn: (message: Outgoing) => unwrap(api.POST('/api/partner/v1/messages', { body: message })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', 'messages'] }),
  });
  return (
    <>
      <h1>Messages</h1>
      <p className="muted">
        Your conversation with the affiliate program. Your account manager is emailed when you write.
      </p>
      {list.isError && <p className="form-summary">{list.error.message}</p>}
      <Thread
        messages={list.data?.data ?? []}
        me="affiliate"
        base="/api/partner/v1/correspondence-files"
        send={(m) => send.mutateAsync(m)}
        sending={send.isPending}
      />
    </>
  );
}
