import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { useAllows } from '../use-allows.ts';
import { CryptoCurrencies } from './CryptoCurrencies.tsx';

type Program = Json<paths['/api/v1/settings/program']['get']['responses'][200]>;

const programSettingsQuery = queryOptions({
  queryKey: ['settings', 'program'],
  queryFn: () => unwrap(api.GET('/api/v1/settings/program')),
});

const FIELDS = {
  name: 'Program name',
  terms_url: 'Terms and conditions',
  commission_trace_visibility: 'Commission traces affiliates see',
};

const TRACE_CHOICES: { value: Program['commission_trace_visibility']; label: string }[] = [
  { value: 'none', label: 'Nothing: the amount and status only' },
  { value: 'sentence', label: 'The sentence explaining each commission' },
  { value: 'sentence_and_inputs', label: 'The sentence and its inputs (events, amounts, rule, tier)' },
];

/** How affiliates meet the program: the name in the portal's header, and the terms they accept. */
export function ProgramPage() {
  const program = useQuery(programSettingsQuery);
  return (
    <>
      <h1>Program</h1>
      <p className="muted">
        Affiliates see the program’s name in the portal’s header and on the sign-in and sign-up pages; the
        application form links to its terms and conditions.
      </p>
      {program.isPending && <p className="muted">Loading…</p>}
      {program.isError && <p className="form-summary">{program.error.message}</p>}
      {program.data && <ProgramForm program={program.data} />}
      <CryptoCurrencies />
    </>
  );
}

function ProgramForm({ program }: { program: Program }) {
  const queryClient = useQueryClient();
  const canEdit = useAllows('admin');
  const errors = useFormErrors(FIELDS);
  const [name, setName] = useState(program.configured_name ?? '');
  const [terms, setTerms] = useState(program.terms_url ?? '');
  const [shown, setShown] = useState(program.commission_trace_visibility);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/settings/program', {
          body: {
            name: name.trim() || null,
            terms_url: terms.trim() || null,
            commission_trace_visibility: shown,
          },
        }),
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(programSettingsQuery.queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['program'] });
    },
    onError: errors.fail,
  });
  const fallback =
    program.configured_name === null ? program.name : 'the only brand’s name, or “Affiliate program”';

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    save.reset();
    save.mutate();
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Program settings">
      <FormSummary message={errors.summary} problems={errors.problems} />
      <TextField
        label="Program name"
        id={errors.idOf('name')}
        value={name}
        maxLength={100}
        placeholder={program.configured_name === null ? program.name : undefined}
        disabled={!canEdit}
        onChange={(value) => {
          errors.clear('name');
          setName(value);
        }}
        hint={`Empty: ${fallback}.`}
        error={errors.field('name')}
      />
      <TextField
        label="Terms and conditions"
        id={errors.idOf('terms_url')}
        type="url"
        value={terms}
        placeholder="https://example.com/affiliate-terms"
        disabled={!canEdit}
        onChange={(value) => {
          errors.clear('terms_url');
          setTerms(value);
        }}
        hint="The page the sign-up form links to; applicants accept these terms. Empty: no link."
        error={errors.field('terms_url')}
      />
      <SelectField
        label="Commission traces affiliates see"
        id={errors.idOf('commission_trace_visibility')}
        value={shown}
        options={TRACE_CHOICES}
        disabled={!canEdit}
        onChange={(value) => {
          errors.clear('commission_trace_visibility');
          setShown(value as Program['commission_trace_visibility']);
        }}
        error={errors.field('commission_trace_visibility')}
      />
      <div className="field">
        <span className="field-label">Brands shown</span>
        <p className="muted">
          {program.brands.length > 0
            ? program.brands.map((b) => b.name).join(', ')
            : 'No enabled brand yet: the portal shows the program’s name alone.'}
        </p>
      </div>
      {canEdit ? (
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      ) : (
        <p className="muted">Only administrators change these settings.</p>
      )}
      {save.isSuccess && <p role="status">Saved.</p>}
    </form>
  );
}
