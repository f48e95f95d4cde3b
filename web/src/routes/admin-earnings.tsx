// The back office's money and earnings pages: bills, cash-outs and payouts, commission plans and
// their assignments, commissions, backtests and reports.
import { createRoute } from '@tanstack/react-router';
import { BillPage } from '../admin/bills/BillPage.tsx';
import { BillsPage } from '../admin/bills/BillsPage.tsx';
import { CashOutsPage } from '../admin/cash-outs/CashOutsPage.tsx';
import { AssignmentsPage, validateAssignmentSearch } from '../admin/commission-plans/AssignmentsPage.tsx';
import { NewPlanPage } from '../admin/commission-plans/NewPlanPage.tsx';
import { PlanPage } from '../admin/commission-plans/PlanPage.tsx';
import { PlansPage, validatePlanSearch } from '../admin/commission-plans/PlansPage.tsx';
import { PublishVersionPage } from '../admin/commission-plans/PublishVersionPage.tsx';
import { BacktestPage } from '../admin/commissions/BacktestPage.tsx';
import { CommissionsPage } from '../admin/commissions/CommissionsPage.tsx';
import { validateCommissionSearch } from '../admin/commissions/commission-search.ts';
import { PayoutBatchesPage } from '../admin/payouts/PayoutBatchesPage.tsx';
import { ReportsPage } from '../admin/reports/ReportsPage.tsx';
import { validateReportSearch } from '../reports/report-search.ts';
import { shellRoute } from './admin-shell.tsx';

// Bills: run a period, review, correct and approve.
const billsRoute = createRoute({ getParentRoute: () => shellRoute, path: '/bills', component: BillsPage });
const billRoute = createRoute({ getParentRoute: () => shellRoute, path: '/bills/$id', component: BillPage });
// Money out: the cash-out queue (with bank statements to review) and the payout batches.
const cashOutsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/cash-outs',
  component: CashOutsPage,
});
const payoutBatchesRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/payouts',
  component: PayoutBatchesPage,
});
// Commission plans: the list, the editor (a new plan, a new version), one plan with its versions,
// and who gets which plan.
const plansRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/commission-plans',
  validateSearch: validatePlanSearch,
  component: PlansPage,
});
const newPlanRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/commission-plans/new',
  component: NewPlanPage,
});
const planRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/commission-plans/$id',
  component: PlanPage,
});
const publishVersionRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/commission-plans/$id/publish',
  component: PublishVersionPage,
});
const planAssignmentsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/plan-assignments',
  validateSearch: validateAssignmentSearch,
  component: AssignmentsPage,
});

// What affiliates earned, each with its trace, and what another plan would have paid.
const commissionsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/commissions',
  validateSearch: validateCommissionSearch,
  component: CommissionsPage,
});
const reportsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/reports',
  validateSearch: validateReportSearch,
  component: ReportsPage,
});
const backtestRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/commission-backtest',
  component: BacktestPage,
});

export const earningsRoutes = [
  billsRoute,
  billRoute,
  cashOutsRoute,
  payoutBatchesRoute,
  plansRoute,
  newPlanRoute,
  planRoute,
  publishVersionRoute,
  commissionsRoute,
  backtestRoute,
  planAssignmentsRoute,
  reportsRoute,
];
