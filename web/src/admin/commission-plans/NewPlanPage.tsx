import { Link } from '@tanstack/react-router';
import { PlanEditor } from './PlanEditor.tsx';

export function NewPlanPage() {
  return (
    <>
      <p>
        <Link to="/admin/commission-plans">← Commission plans</Link>
      </p>
      <h1>New commission plan</h1>
      <p className="muted">Switch on the components the deal has; the worked example shows what it pays.</p>
      <PlanEditor />
    </>
  );
}
