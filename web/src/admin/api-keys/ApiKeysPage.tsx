import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiKeysQuery } from '../../api/queries.ts';
import { ApiKeyTable } from './ApiKeyTable.tsx';
import { CreateApiKeyForm } from './CreateApiKeyForm.tsx';
import { NewKeySecret } from './NewKeySecret.tsx';

export function ApiKeysPage() {
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  // Keep the old rows while the other list loads, so toggling does not flash an empty table.
  const keys = useQuery({ ...apiKeysQuery(includeRevoked), placeholderData: keepPreviousData });

  return (
    <>
      <h1>API keys</h1>
      <p className="muted">
        Keys let other systems call the <a href="/docs">operator API</a>. Send one as{' '}
        <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      {created && (
        <NewKeySecret name={created.name} secret={created.secret} onDismiss={() => setCreated(null)} />
      )}
      <CreateApiKeyForm onCreated={({ key, apiKey }) => setCreated({ name: apiKey.name, secret: key })} />
      <section className="panel">
        <div className="panel-heading">
          <h2>Keys</h2>
          <div className="checkbox">
            <input
              id="show-revoked"
              type="checkbox"
              checked={includeRevoked}
              onChange={(event) => setIncludeRevoked(event.target.checked)}
            />
            <label htmlFor="show-revoked">Show revoked keys</label>
          </div>
        </div>
        {keys.isPending && <p className="muted">Loading…</p>}
        {keys.isError && <p className="form-summary">{keys.error.message}</p>}
        {keys.data && <ApiKeyTable keys={keys.data.data} />}
      </section>
    </>
  );
}
