import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { planQuery } from './api.ts';
import { PlanEditor } from './PlanEditor.tsx';

const route = getRouteApi('/admin/shell/commission-plans/$id/publish');

/** The next version of a plan, started from the one in force: immutable once published. */
export function PublishVersionPage() {
  const id = Number(route.useParams().id);
  const plan = useQuery(planQuery(id));
  return (
    <>
      <p>
        <Link to="/admin/commission-plans/$id" params={{ id: String(id) }}>
          ← {plan.data?.name ?? 'The plan'}
        </Link>
      </p>
      <h1>Publish version {plan.data ? plan.data.latest_version + 1 : ''}</h1>
      <p className="muted">
        A published version never changes. It applies from its effective date; customers bound before keep
        their version unless you choose that they follow.
      </p>
      {plan.isError && <p className="form-summary">{plan.error.message}</p>}
      {plan.data && <PlanEditor key={plan.data.id} plan={plan.data} />}
    </>
  );
}
