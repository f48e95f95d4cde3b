import { Pager } from '../../components/Pager.tsx';
import { countOf } from '../../format.ts';
import { PAGE_SIZES } from './list-search.ts';

interface ListPagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
  onPageSize(size: number): void;
}

/** The affiliates table's pages, with the number found and a choice of page size. */
export function ListPager({ page, pageSize, total, onPage, onPageSize }: ListPagerProps) {
  return (
    <Pager page={page} pageSize={pageSize} total={total} onPage={onPage} status={countOf(total, 'affiliate')}>
      <label>
        Per page{' '}
        <select value={pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </Pager>
  );
}
