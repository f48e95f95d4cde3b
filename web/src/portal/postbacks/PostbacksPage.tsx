import { Link } from '@tanstack/react-router';
import { PostbackLog } from '../../postbacks/PostbackLog.tsx';
import { PostbacksPanel } from '../../postbacks/PostbacksPanel.tsx';
import { portalPostbackApi } from './portal-postback-api.ts';

/** My postbacks: what my tracker is told of each conversion, and how to test it. */
export function PostbacksPage() {
  return (
    <>
      <h1>Postbacks</h1>
      <p className="muted">
        A postback tells your tracker about a conversion. Every attempt and its answer is in the{' '}
        <Link to="/portal/postback-log">postback log</Link>, so you can always see why one did not fire.
      </p>
      <PostbacksPanel api={portalPostbackApi} />
    </>
  );
}

export function PostbackLogPage() {
  return (
    <>
      <h1>Postback log</h1>
      <PostbackLog api={portalPostbackApi} />
    </>
  );
}
