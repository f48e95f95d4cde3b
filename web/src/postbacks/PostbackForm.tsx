import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { FormSummary } from '../components/FormSummary.tsx';
import { optionsOf, SelectField } from '../components/SelectField.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { TextField } from '../components/TextField.tsx';
import { useFormErrors } from '../forms/use-form-errors.ts';
import { DELIVERIES, type Postback, type PostbackApi, TRIGGERS } from './postback-api.ts';

// A template variable written out, not a JavaScript placeholder.
const CUSTOM_EXAMPLE = ['$', '{webID}'].join('');
const FIELDS = ['name', 'scope', 'campaign_id', 'trigger', 'delivery', 'status', 'url'] as const;

/**
 * New or edit: the URL template with its variables to click in (at the caret), the problems the
 * API finds shown at their field, a preview for a sample event, then save.
 */
export function PostbackForm(props: { api: PostbackApi; editing: Postback | null; onDone(): void }) {
  const { api, editing } = props;
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [name, setName] = useState(editing?.name ?? '');
  const [scope, setScope] = useState<string>(editing?.scope ?? 'account');
  const [campaignId, setCampaignId] = useState(editing?.campaign_id ? String(editing.campaign_id) : '');
  const [trigger, setTrigger] = useState(editing?.trigger ?? 'registration');
  const [delivery, setDelivery] = useState(editing?.delivery ?? 's2s_get');
  const [status, setStatus] = useState<string>(editing?.status ?? 'active');
  const [url, setUrl] = useState(editing?.url ?? '');
  const urlId = `postback-url-${useId().replaceAll(':', '')}`;
  const variables = useQuery({ queryKey: [...api.key, 'variables'], queryFn: api.variables });
  const campaigns = useQuery({ queryKey: [...api.key, 'campaigns'], queryFn: api.campaigns });
  const save = useMutation({
    mutationFn: () =>
      api.save(editing?.id ?? null, {
        name,
        scope,
        campaign_id: scope === 'campaign' && campaignId ? Number(campaignId) : null,
        promo_id: null,
        trigger,
        delivery,
        status,
        url,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [...api.key] });
      props.onDone();
    },
    onError: errors.fail,
  });
  const preview = useMutation({ mutationFn: () => api.preview({ url, trigger }), onError: errors.fail });

  function insert(variable: string) {
    const box = document.getElementById(urlId) as HTMLTextAreaElement | null;
    const text = `\${${variable}}`;
    const at = box?.selectionStart ?? url.length;
    const end = box?.selectionEnd ?? at;
    setUrl(url.slice(0, at) + text + url.slice(end));
    errors.clear('url');
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(at + text.length, at + text.length);
    });
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    save.mutate();
  }

  return (
    <form
      className="panel form"
      aria-label={editing ? 'Edit postback' : 'New postback'}
      onSubmit={submit}
      noValidate
    >
      <h2>{editing ? `Edit ${editing.name || `postback ${editing.id}`}` : 'New postback'}</h2>
      <FormSummary message={errors.summary} />
      <TextField label="Name" value={name} onChange={setName} error={errors.field('name')} />
      <SelectField
        label="Trigger"
        value={trigger}
        onChange={setTrigger}
        options={optionsOf(TRIGGERS)}
        error={errors.field('trigger')}
      />
      <SelectField
        label="Scope"
        value={scope}
        onChange={setScope}
        options={optionsOf(['account', 'campaign'])}
        error={errors.field('scope')}
      />
      {scope === 'campaign' && (
        <SelectField
          label="Campaign"
          value={campaignId}
          onChange={setCampaignId}
          empty="Choose a campaign"
          options={(campaigns.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
          error={errors.field('campaign_id')}
        />
      )}
      <SelectField
        label="Delivery"
        value={delivery}
        onChange={setDelivery}
        options={optionsOf(DELIVERIES)}
        error={errors.field('delivery')}
      />
      <SelectField
        label="Status"
        value={status}
        onChange={setStatus}
        options={optionsOf(['active', 'inactive'])}
        error={errors.field('status')}
      />
      <TextAreaField
        id={urlId}
        label="URL template"
        value={url}
        onChange={(v) => {
          setUrl(v);
          errors.clear('url');
        }}
        placeholder="https://tracker.example.com/postback?click=${click_id}&custom=${webID}"
        error={errors.field('url')}
      />
      <div className="field">
        <span className="muted">
          Click a variable to insert it. Any other name is a parameter of your tracking link (
          <code>{CUSTOM_EXAMPLE}</code> is <code>webID=</code>); one the click did not carry is sent empty.
        </span>
        <ul className="chips" aria-label="Variables">
          {(variables.data?.data ?? []).map((v) => (
            <li key={v.name}>
              <button type="button" className="chip" title={v.description} onClick={() => insert(v.name)}>
                {v.name}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {editing ? 'Save postback' : 'Create postback'}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={!url || preview.isPending}
          onClick={() => preview.mutate()}
        >
          Preview
        </button>
        <button type="button" className="button-secondary" onClick={props.onDone}>
          Cancel
        </button>
      </div>
      {preview.data && (
        <p role="status" className="break">
          For a sample event: <code>{preview.data.url}</code>
        </p>
      )}
    </form>
  );
}
