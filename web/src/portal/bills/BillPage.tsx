import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client.ts';
import { BillStatement } from './BillStatement.tsx';
import { BillSummary } from './BillSummary.tsx';

/** One of my bills with its corrections and lines, its PDF and its verified statement. */
export function BillPage() {
  const id = Number(useParams({ strict: false }).id);
  const bill = useQuery({
    queryKey: ['portal', 'bills', id],
    queryFn: () => unwrap(api.GET('/api/partner/v1/bills/{id}', { params: { path: { id } } })),
  });
  if (!bill.data) return <p>{bill.error ? bill.error.message : 'Loading…'}</p>;
  return (
    <>
      <h1>Bill {bill.data.id}</h1>
      <p>
        <a href={`/api/partner/v1/bills/${id}/pdf`}>Download the PDF</a>
      </p>
      <BillSummary bill={bill.data} />
      <BillStatement id={id} />
    </>
  );
}
