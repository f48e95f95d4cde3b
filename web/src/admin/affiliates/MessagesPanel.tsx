import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { type Outgoing, Thread } from '../../correspondence/Thread.tsx';

/** The conversation with the affiliate; opening it marks the affiliate's messages read. */
export function MessagesPanel({ id, canWrite }: { id: number; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['messages', 'affiliate', id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/affiliates/{id}/messages', { params: { path: { id }, query: { page_size: 100 } } }),
      ),
  });
  const unread = list.data?.data.some((m) => m.sender === 'affiliate' && !m.read_at) ?? false;
  const markRead = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/affiliates/{id}/messages/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['messages'] }),
  });
  const { mutate } = markRead;
  useEffect(() => {
    if (unread && canWrite) mutate();
  }, [unread, canWrite, mutate]);
  const send = useMutation({
    mutationFn: (message: Outgoing) =>
      unwrap(api.POST('/api/v1/affiliates/{id}/messages', { params: { path: { id } }, body: message })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['messages'] }),
  });
  return (
    <section className="panel" aria-labelledby="affiliate-messages">
      <h2 id="affiliate-messages">Messages</h2>
      {list.isError && <p className="form-summary">{list.error.message}</p>}
      {canWrite ? (
        <Thread
          messages={list.data?.data ?? []}
          me="operator"
          base="/api/v1/correspondence-files"
          send={(m) => send.mutateAsync(m)}
          sending={send.isPending}
        />
      ) : (
        <p className="muted">{list.data?.paging.total ?? 0} messages.</p>
      )}
    </section>
  );
}
