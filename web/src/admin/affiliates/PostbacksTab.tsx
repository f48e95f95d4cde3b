import { useMemo } from 'react';
import { PostbackLog } from '../../postbacks/PostbackLog.tsx';
import { PostbacksPanel } from '../../postbacks/PostbacksPanel.tsx';
import { operatorPostbackApi } from '../postbacks/operator-postback-api.ts';

/** The affiliate's postbacks and their log, as the affiliate sees them in the portal. */
export function PostbacksTab({ id }: { id: number }) {
  const postbacks = useMemo(() => operatorPostbackApi(id), [id]);
  return (
    <>
      <PostbacksPanel api={postbacks} />
      <h2>Postback log</h2>
      <PostbackLog api={postbacks} />
    </>
  );
}
