import { queryOptions, useQuery } from '@tanstack/react-query';
import { Link, type LinkProps } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';
import { useAllows } from '../use-allows.ts';

type Step = Json<paths['/api/v1/setup-checklist']['get']['responses'][200]>['steps'][number];

/** Read again every time the home page opens: each step ticks itself as soon as its row exists. */
export const setupChecklistQuery = queryOptions({
  queryKey: ['setup-checklist'],
  queryFn: () => unwrap(api.GET('/api/v1/setup-checklist')),
  staleTime: 0,
});

interface StepText {
  title: string;
  todo: string;
  done: string;
  /** Where the step is done, and the button's words. */
  action?: { to: NonNullable<LinkProps['to']>; label: string };
}

const STEPS: Record<Step['step'], StepText> = {
  brand: {
    title: 'Add a brand',
    todo: 'A brand has its own currency and tracking domain; everything else belongs to one.',
    done: 'You have a brand.',
    action: { to: '/admin/brands/new', label: 'New brand' },
  },
  destination_link: {
    title: 'Add a destination link',
    todo: 'The landing page affiliates send visitors to; their tracking links lead there.',
    done: 'Affiliates have a landing to link to.',
    action: { to: '/admin/destination-links/new', label: 'New destination link' },
  },
  banner: {
    title: 'Upload a banner',
    todo: 'Affiliates place banners on their sites; a promo can also be a plain text link.',
    done: 'The media library has a banner.',
    action: { to: '/admin/media', label: 'Upload banner' },
  },
  commission_plan: {
    title: 'Set up a commission plan',
    todo: 'What affiliates earn for the players they bring.',
    done: 'You have a commission plan.',
  },
  affiliate: {
    title: 'Add your first affiliate',
    todo: 'Add one yourself, or share the portal sign-up page (/portal/signup) and approve the application.',
    done: 'You have an affiliate.',
    action: { to: '/admin/affiliates/new', label: 'New affiliate' },
  },
  click: {
    title: 'Get the first click',
    todo: 'An affiliate creates a promo in the portal and publishes its tracking link; the first visitor who follows it shows here.',
    done: 'Clicks are coming in.',
    action: { to: '/admin/clicks', label: 'Open the click log' },
  },
};

/** The first-run checklist on the back office home, ticked from the platform's own data. */
export function SetupChecklist() {
  const checklist = useQuery(setupChecklistQuery);
  const write = useAllows('write');
  if (checklist.isError) return <p className="form-summary">{checklist.error.message}</p>;
  if (!checklist.data) return <p className="muted">Loading…</p>;
  const steps = checklist.data.steps;
  const open = steps.filter((s) => s.available && !s.done).length;
  return (
    <section className="panel" aria-labelledby="setup-checklist-title" data-testid="setup-checklist">
      <h2 id="setup-checklist-title">
        {open === 0
          ? 'Set-up complete'
          : `Set up your program: ${open} ${open === 1 ? 'step' : 'steps'} to go`}
      </h2>
      <ol className="checklist">
        {steps.map((s) => {
          const text = STEPS[s.step];
          const action = text.action && !s.done && (write || s.step === 'click');
          return (
            <li key={s.step} data-step={s.step} data-done={s.done} data-available={s.available}>
              <span className="tick" aria-hidden="true">
                {s.done ? '✓' : ''}
              </span>
              <div className="step-body">
                <span className="step-title">{text.title}</span>
                <span className="visually-hidden">{s.done ? ' (done)' : s.available ? ' (to do)' : ''}</span>
                <p className="muted">
                  {!s.available ? 'Comes with commission plans.' : s.done ? text.done : text.todo}
                </p>
              </div>
              {action && text.action && (
                <Link to={text.action.to} className="button-link">
                  {text.action.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
